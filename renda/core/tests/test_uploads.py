"""Stored uploads read back: a record whose file is gone answers 404 in Chinese, not a server error."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404

from renda.core.uploads import open_stored
from renda.livelihood.models import ProgressReport


def test_a_missing_stored_file_is_a_404_not_a_server_error(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    report = ProgressReport(photo="livelihood/photos/2026/现场.png")
    with pytest.raises(Http404, match="文件不存在"):
        open_stored(report.photo)
    with pytest.raises(Http404):
        open_stored(ProgressReport().photo)  # no file named at all
    default_storage.save("livelihood/photos/2026/现场.png", ContentFile(b"\x89PNG"))
    with open_stored(report.photo) as stored:
        assert stored.read() == b"\x89PNG"


def test_a_file_made_in_memory_is_read_as_it_is():
    letter = ContentFile(b"PK\x03\x04", name="letter.docx")
    assert open_stored(letter) is letter
