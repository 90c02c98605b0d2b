"""Where uploaded files live, how they are sent to the people allowed to read them, and
how they are deleted (docs/files.md).

Every file the product keeps (agenda documents and recordings, expense receipts,
engagement material) goes through Django's default storage. `file_storage()` builds that
storage from the settings: the local disk for development or a single web server, or an
S3-compatible object store, so that any number of web servers share the same files.
Objects are private: nothing links to the store; the product's own views check who is
asking and then stream the file (`stored_file_response`, `open_stream`).

Deleting a record deletes its file. `delete_with_files()` deletes rows as
QuerySet.delete() does, with everything that cascades from them, and first removes the
stored file of every file field among them.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import IO, Any

from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import Storage
from django.db import models
from django.db.models.deletion import Collector
from django.db.models.fields.files import FieldFile
from django.http import FileResponse

KINDS = ("local", "s3", "memory")
ENCRYPTIONS = ("AES256", "aws:kms", "none")
ADDRESSING_STYLES = ("", "auto", "path", "virtual")
# Reads through S3Storage's own file object download the whole object first; above this
# size it goes to a temporary file on disk rather than memory. Serving never uses that
# path (open_stream reads the object as it is sent).
S3_MAX_MEMORY_BYTES = 5 * 1024 * 1024
CHUNK_BYTES = 64 * 1024


def file_storage(
    kind: str,
    *,
    production: bool = False,
    bucket: str = "",
    region: str = "",
    endpoint_url: str = "",
    addressing_style: str = "",
    signed_url_seconds: int = 60,
    encryption: str = "AES256",
) -> dict[str, Any]:
    """The STORAGES["default"] entry for `kind`: "local" (FileSystemStorage under
    MEDIA_ROOT), "s3" (django-storages' S3Storage, private objects) or "memory" (tests).

    Credentials are never passed here: boto3 finds AWS_ACCESS_KEY_ID and
    AWS_SECRET_ACCESS_KEY in the environment, or the machine's instance role."""
    if kind not in KINDS:
        raise ImproperlyConfigured(f"FILE_STORAGE must be one of {', '.join(KINDS)}.")
    if kind == "local":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if kind == "memory":
        if production:
            raise ImproperlyConfigured(
                "FILE_STORAGE=memory loses every file when the process stops: "
                "use s3 (or local on a single server) in production."
            )
        return {"BACKEND": "django.core.files.storage.InMemoryStorage"}
    if not bucket:
        raise ImproperlyConfigured("S3_BUCKET must be set when FILE_STORAGE=s3.")
    if production and endpoint_url and not endpoint_url.startswith("https://"):
        raise ImproperlyConfigured(
            "S3_ENDPOINT_URL must be an https:// address in production: files carry personal data."
        )
    if encryption not in ENCRYPTIONS:
        raise ImproperlyConfigured(
            f"S3_SERVER_SIDE_ENCRYPTION must be one of {', '.join(ENCRYPTIONS)}."
        )
    if addressing_style not in ADDRESSING_STYLES:
        raise ImproperlyConfigured("S3_ADDRESSING_STYLE must be auto, path or virtual.")
    if signed_url_seconds < 1 or signed_url_seconds > 3600:
        raise ImproperlyConfigured("S3_SIGNED_URL_SECONDS must be between 1 and 3600.")
    from botocore.config import Config

    options: dict[str, Any] = {
        "bucket_name": bucket,
        "region_name": region or None,
        "endpoint_url": endpoint_url or None,
        # Objects are private: no ACL is sent, so they take the bucket's (which must
        # block public access), and any URL made for one is signed and short-lived.
        "default_acl": None,
        "querystring_auth": True,
        "querystring_expire": signed_url_seconds,
        "file_overwrite": False,
        "signature_version": "s3v4",
        "addressing_style": addressing_style if addressing_style not in ("", "auto") else None,
        "max_memory_size": S3_MAX_MEMORY_BYTES,
        "object_parameters": ({} if encryption == "none" else {"ServerSideEncryption": encryption}),
        "client_config": Config(
            connect_timeout=5,
            read_timeout=30,
            retries={"max_attempts": 3, "mode": "standard"},
        ),
    }
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


# Reading ---------------------------------------------------------------------------------


def _is_s3(storage: Storage) -> bool:
    from storages.backends.s3 import S3Storage

    return isinstance(storage, S3Storage)


def _s3_key(storage: Storage, name: str) -> str | None:
    """The object key of `name` when `storage` is S3Storage, else None."""
    from storages.utils import clean_name

    if not _is_s3(storage):
        return None
    return str(storage._normalize_name(clean_name(name)))  # type: ignore[attr-defined]


class _ObjectStream:
    """An S3 object's body, read as it is sent (never downloaded whole first)."""

    def __init__(self, body: Any, size: int):
        self._body = body
        self.size = size

    def read(self, amount: int | None = -1) -> bytes:
        return self._body.read(None if amount is None or amount < 0 else amount)

    def close(self) -> None:
        self._body.close()


def open_stream(file: FieldFile, *, start: int = 0, length: int | None = None) -> IO[bytes]:
    """The stored file's bytes from `start` (`length` of them, or to the end), as a file
    object to read and close. From S3 it asks for just that range and reads it as it goes,
    so a large recording is never held in memory or on the web server's disk."""
    key = _s3_key(file.storage, file.name or "")
    if key is not None:
        storage: Any = file.storage
        params: dict[str, Any] = {"Bucket": storage.bucket_name, "Key": key}
        if start or length is not None:
            end = "" if length is None else str(start + length - 1)
            params["Range"] = f"bytes={start}-{end}"
        answer = storage.connection.meta.client.get_object(**params)
        return _ObjectStream(answer["Body"], int(answer["ContentLength"]))  # type: ignore[return-value]
    handle = file.storage.open(file.name or "", "rb")
    if start:
        handle.seek(start)
    return handle  # type: ignore[return-value]


def stored_size(file: FieldFile) -> int:
    return int(file.storage.size(file.name or ""))


def read_chunks(handle: IO[bytes], length: int) -> Iterator[bytes]:
    """`length` bytes of an open stream in chunks, closing it at the end."""
    try:
        remaining = length
        while remaining > 0:
            chunk = handle.read(min(CHUNK_BYTES, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk
    finally:
        handle.close()


def stored_file_response(
    file: FieldFile, *, filename: str, content_type: str, as_attachment: bool = True
) -> FileResponse:
    """A private stored file as a streamed download, for a view that has already checked
    the person may read it. Never cached by the browser or a proxy."""
    size = stored_size(file)
    response = FileResponse(
        open_stream(file),
        as_attachment=as_attachment,
        filename=filename,
        content_type=content_type or "application/octet-stream",
    )
    response["Content-Length"] = str(size)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# Deleting --------------------------------------------------------------------------------


def _file_fields(model: type[models.Model]) -> list[models.FileField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def _stored_files(collector: Collector) -> list[tuple[Storage, str]]:
    """(storage, name) of every stored file held by a row the collector will delete."""
    found: list[tuple[Storage, str]] = []

    def add(fields: list[models.FileField], rows: Any) -> None:
        for row in rows:
            found.extend(
                (f.storage, str(name)) for f, name in zip(fields, row, strict=True) if name
            )

    for model, instances in collector.data.items():
        fields = _file_fields(model)
        if fields and instances:
            # One query for the names: the collector may have loaded the rows without them.
            rows = model._base_manager.using(collector.using).filter(
                pk__in=[instance.pk for instance in instances]
            )
            add(fields, rows.values_list(*(f.attname for f in fields)))
    for queryset in collector.fast_deletes:
        fields = _file_fields(queryset.model)
        if fields:
            add(fields, queryset.values_list(*(f.attname for f in fields)))
    return found


def delete_with_files(queryset: models.QuerySet[Any]) -> tuple[int, dict[str, int]]:
    """Delete the rows of `queryset` with everything that cascades from them, as
    QuerySet.delete() does (same return value), removing the stored file of every file
    field among them first.

    Files go first: should the delete then fail, the rows are still there and the next
    run deletes them (deleting a file that is already gone is no error), so no file is
    ever left without a row that points at it."""
    rows = queryset.order_by().select_related(None)
    # As QuerySet.delete(): read the rows from the database that is written to (never a
    # read replica, which may not have them yet).
    rows._for_write = True  # type: ignore[attr-defined]
    collector = Collector(using=rows.db, origin=queryset)
    collector.collect(rows)  # type: ignore[arg-type]
    for storage, name in _stored_files(collector):
        storage.delete(name)
    return collector.delete()


def delete_object_with_files(obj: models.Model) -> tuple[int, dict[str, int]]:
    """delete_with_files for one object (obj.delete() with its files)."""
    return delete_with_files(type(obj)._base_manager.filter(pk=obj.pk))


# Objects nothing points at ---------------------------------------------------------------

# The folders the product writes its files under (each model's upload_to); the sweep looks
# nowhere else.
SWEPT_FOLDERS = ("private/", "engagement/")


def _stored_names_with_times(storage: Storage) -> Iterator[tuple[str, datetime]]:
    """Every stored file under SWEPT_FOLDERS, with when it was written."""
    if _is_s3(storage):
        s3: Any = storage
        location = s3.location.strip("/") + "/" if s3.location else ""
        pages = s3.connection.meta.client.get_paginator("list_objects_v2")
        for folder in SWEPT_FOLDERS:
            for page in pages.paginate(Bucket=s3.bucket_name, Prefix=location + folder):
                for entry in page.get("Contents", ()):
                    yield entry["Key"][len(location) :], entry["LastModified"]
        return

    def walk(folder: str) -> Iterator[tuple[str, datetime]]:
        try:
            folders, files = storage.listdir(folder)
        except FileNotFoundError:
            return
        for name in files:
            path = f"{folder}{name}"
            yield path, storage.get_modified_time(path)
        for child in folders:
            yield from walk(f"{folder}{child}/")

    for folder in SWEPT_FOLDERS:
        yield from walk(folder)


def _referenced_names() -> set[str]:
    """The name of every file any row of any model points at."""
    from django.apps import apps

    names: set[str] = set()
    for model in apps.get_models():
        for field in _file_fields(model):
            names.update(
                model._base_manager.exclude(**{field.attname: ""})
                .values_list(field.attname, flat=True)
                .iterator()
            )
    return names


def orphaned_files(*, now: datetime, older_than: timedelta = timedelta(days=1)) -> list[str]:
    """Stored files no row points at, written before `now - older_than` (an upload whose
    transaction then failed). Younger ones are left: their row may not be committed yet."""
    from django.core.files.storage import default_storage

    cutoff = now - older_than
    stored = [
        (name, written)
        for name, written in _stored_names_with_times(default_storage)
        if written < cutoff
    ]
    referenced = _referenced_names()
    return sorted(name for name, _written in stored if name not in referenced)


def orphaned_files_delete(*, now: datetime, older_than: timedelta = timedelta(days=1)) -> int:
    """Delete the stored files no row points at (see orphaned_files); how many."""
    from django.core.files.storage import default_storage

    names = orphaned_files(now=now, older_than=older_than)
    for name in names:
        default_storage.delete(name)
    return len(names)
