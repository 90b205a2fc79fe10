"""QR codes of the voters' ballot links, drawn as inline SVG with the `qrcode` package (no image library, no
external service): a voter scans the slip with a phone camera and lands on the rating page."""

import io

import qrcode
import qrcode.image.svg
from django.utils.safestring import SafeString, mark_safe


def qr_svg(url: str) -> SafeString:
    """An inline <svg> of `url` (the XML declaration removed so it can sit in the page)."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode("utf-8")
    svg = svg[svg.index("<svg") :]
    return mark_safe(svg)  # noqa: S308 — drawn here from a URL this site made; no user text inside
