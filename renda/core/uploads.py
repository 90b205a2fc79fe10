"""Uploaded files: what types are accepted, checked by content, and names that fit the database."""

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db.models.fields.files import FieldFile
from django.http import Http404

# Uploads: attachments are PDF, Word or images, reply letters PDF or Word; at most 20 MB each.
UPLOAD_MAX_BYTES = 20 * 1024 * 1024
ATTACHMENT_TYPES = {
    ".pdf": b"%PDF",
    ".docx": b"PK\x03\x04",
    ".jpg": b"\xff\xd8\xff",
    ".jpeg": b"\xff\xd8\xff",
    ".png": b"\x89PNG",
}
LETTER_TYPES = {".pdf": b"%PDF", ".docx": b"PK\x03\x04"}
PHOTO_TYPES = {".jpg": b"\xff\xd8\xff", ".jpeg": b"\xff\xd8\xff", ".png": b"\x89PNG"}


def check_upload(upload, types: dict[str, bytes]) -> None:
    """Reject a file whose extension is not allowed, whose content does not match it, or that is too big."""
    extension = ("." + upload.name.rsplit(".", 1)[-1].lower()) if "." in upload.name else ""
    if extension not in types:
        allowed = "、".join(ext[1:].upper() for ext in types)
        raise ValidationError(f"「{upload.name}」的类型不支持，请上传 {allowed} 文件。", code="upload_type")
    if upload.size > UPLOAD_MAX_BYTES:
        raise ValidationError(f"「{upload.name}」超过 20 MB。", code="upload_size")
    upload.seek(0)
    head = upload.read(len(types[extension]))
    upload.seek(0)
    if head != types[extension]:
        raise ValidationError(f"「{upload.name}」的内容与文件类型不符。", code="upload_type")


def shortened_name(name: str, limit: int = 200) -> str:
    """A file name cut to `limit` characters that keeps its extension (蓝天路改造方案…….pdf)."""
    if len(name) <= limit:
        return name
    stem, dot, extension = name.rpartition(".")
    if not dot or len(extension) > 10:
        return name[:limit]
    return f"{stem[: limit - len(extension) - 1]}.{extension}"


def open_stored(stored: FieldFile | File):
    """A stored upload opened for reading, or a 404 in Chinese when the record names no file or its file is no
    longer in the storage (lost in a restore or moved by hand) — a missing file is not a server error. A file
    made in memory (a letter generated on demand) is returned as it is."""
    if not isinstance(stored, FieldFile):
        return stored
    if not stored or not stored.name or not stored.storage.exists(stored.name):
        raise Http404("文件不存在或已被移除。")
    return stored.open("rb")
