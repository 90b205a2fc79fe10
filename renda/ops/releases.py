"""The releases the upgrade test starts from: the commit of each, kept in this one place.

0.1.0 was tagged on the last commit of 2026-11-23 (CHANGELOG.md); the upgrade test (`tests/test_upgrade.py`)
migrates that release's demo county to the current schema."""

PREVIOUS_RELEASE = "0.1.0"
PREVIOUS_RELEASE_COMMIT = "7689ed17f5b8096a727b64b7a7bbabef0c17267b"
