"""Writes citizens' opinions sent online (each one opinion, its event and a photo, in one transaction through
the service) until a stop file appears; run beside a backup by test_round_trip.py.

    python -m renda.ops.tests.writer <ready file> <stop file>   (prints how many it wrote)"""

import os
import sys
from pathlib import Path

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
PREFIX = "备份期间写入"


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile

    from renda.opinions.services import opinion_submit_online
    from renda.org.models import Township

    ready, stop = Path(sys.argv[1]), Path(sys.argv[2])
    township = Township.objects.order_by("pk").first()
    written = 0
    while not stop.exists():
        photo = SimpleUploadedFile(
            f"photo{written}.png", PNG + str(written).encode(), content_type="image/png"
        )
        opinion_submit_online(
            title=f"{PREFIX} {written}",
            content="备份进行时从网上提交的意见。",
            citizen_phone="13900000000",
            township=township,
            consent=True,
            photos=[photo],
        )
        written += 1
        if written == 1:
            ready.touch()
    print(written)


if __name__ == "__main__":
    main()
