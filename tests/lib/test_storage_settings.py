"""How the file storage is chosen from the environment (lib/storage.py, docs/files.md):
private S3 objects with short signed addresses, and production refusing to start without
saying where files live."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

from lib.storage import file_storage
from tests.project.test_production_settings import import_settings, production_env  # noqa: F401


def test_s3_objects_are_private_encrypted_and_never_overwritten() -> None:
    config = file_storage(
        "s3", bucket="vv-files", region="eu-west-2", endpoint_url="https://s3.example.org"
    )
    assert config["BACKEND"] == "storages.backends.s3.S3Storage"
    options = config["OPTIONS"]
    assert options["bucket_name"] == "vv-files" and options["region_name"] == "eu-west-2"
    assert options["endpoint_url"] == "https://s3.example.org"
    assert options["default_acl"] is None  # the bucket's own (private) access applies
    assert options["querystring_auth"] is True and options["querystring_expire"] == 60
    assert options["file_overwrite"] is False
    assert options["object_parameters"] == {"ServerSideEncryption": "AES256"}
    assert "access_key" not in options and "secret_key" not in options


def test_encryption_may_be_left_to_a_store_that_cannot_take_the_header() -> None:
    options = file_storage("s3", bucket="b", encryption="none")["OPTIONS"]
    assert options["object_parameters"] == {}


@pytest.mark.parametrize(
    ("kind", "options", "message"),
    [
        ("disk", {}, "FILE_STORAGE must be one of"),
        ("s3", {}, "S3_BUCKET must be set"),
        ("s3", {"bucket": "b", "encryption": "rot13"}, "S3_SERVER_SIDE_ENCRYPTION"),
        ("s3", {"bucket": "b", "signed_url_seconds": 86400}, "S3_SIGNED_URL_SECONDS"),
        ("s3", {"bucket": "b", "addressing_style": "sideways"}, "S3_ADDRESSING_STYLE"),
        (
            "s3",
            {"bucket": "b", "endpoint_url": "http://minio.internal:9000", "production": True},
            "https://",
        ),
        ("memory", {"production": True}, "loses every file"),
    ],
)
def test_a_storage_that_would_lose_or_expose_files_is_refused(
    kind: str, options: dict[str, Any], message: str
) -> None:
    with pytest.raises(ImproperlyConfigured, match=message):
        file_storage(kind, **options)


def test_development_keeps_files_on_the_local_disk() -> None:
    assert file_storage("local") == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_production_refuses_to_start_without_saying_where_files_live(production_env):  # noqa: F811
    production_env.pop("FILE_STORAGE", None)
    result = import_settings(production_env)
    assert result.returncode != 0
    assert "FILE_STORAGE must be set" in result.stderr


def test_production_starts_with_a_bucket_and_refuses_s3_without_one(production_env):  # noqa: F811
    production_env.update({"FILE_STORAGE": "s3", "S3_BUCKET": "victimvoice-files"})
    assert import_settings(production_env).returncode == 0
    del production_env["S3_BUCKET"]
    result = import_settings(production_env)
    assert result.returncode != 0 and "S3_BUCKET must be set" in result.stderr
