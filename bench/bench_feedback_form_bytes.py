"""Benchmark: bytes transferred for the feedback form's first load (target: 60 KB or less).

What a phone downloads the first time someone scans a QR code: the redirect from
/f/<code>/, the questions page's HTML, and every stylesheet, script (with the modules it
imports), icon and manifest the page references, each as served compressed. Static files
are collected with WhiteNoise compression (CompressedStaticFilesStorage, which
writes .br and .gz copies) into a temporary folder and fetched through WhiteNoise with
`Accept-Encoding: gzip, br`; the HTML (rendered by Django, compressed by the reverse proxy
in production) is counted gzip-compressed at level 6.

Fonts: GOV.UK Frontend's stylesheet declares the GDS Transport font, but Victim Voice is
not on GOV.UK and static/css/victimvoice.css sets Arial on every GOV.UK class, so no
element uses the font and a browser never downloads it (tests/browser/test_feedback_form.py
checks that no font is requested). They are listed, not counted.

Runs on a temporary SQLite database. Prints `bench feedback_form_first_load: N KB`.
Run: `make bench`, or DJANGO_ENV=test .venv/bin/python bench/bench_feedback_form_bytes.py.
"""

from __future__ import annotations

import gzip
import os
import re
import sys
import tempfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "victimvoice.settings")
os.environ.setdefault("DJANGO_ENV", "test")

TARGET_KB = 60


def _references(html: str) -> list[str]:
    """Stylesheets, module scripts, the icon and the manifest a browser fetches."""
    found = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    found += re.findall(r'<script[^>]* src="([^"]+)"', html)
    icons = re.findall(r'<link rel="icon"[^>]* href="([^"]+)"', html)
    found += icons[:1]  # a browser fetches one icon; the first is the larger .ico
    found += re.findall(r'<link rel="manifest" href="([^"]+)"', html)
    return found


def _module_imports(url: str, body: bytes) -> list[str]:
    base = url.rsplit("/", 1)[0]
    out = []
    for target in re.findall(rb'import[^"\']*["\']([^"\']+)["\']', body):
        path = target.decode()
        parts = (base + "/" + path).split("/")
        resolved: list[str] = []
        for part in parts:
            if part == "..":
                resolved.pop()
            elif part != ".":
                resolved.append(part)
        out.append("/".join(resolved))
    return out


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="vv_bench_bytes_"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import override_settings

    call_command("migrate", verbosity=0, interactive=False)
    from feedback import services
    from feedback.models import Borough

    team = services.team_ensure(borough=Borough.objects.get(code="E09000007"), name="Bench team")
    code = services.team_code_ensure(team=team)

    static_root = workdir / "static"
    storages = dict(settings.STORAGES)
    storages["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"}
    with override_settings(
        STATIC_ROOT=str(static_root), STORAGES=storages, WHITENOISE_USE_FINDERS=False
    ):
        call_command("collectstatic", verbosity=0, interactive=False)
        client = Client(HTTP_ACCEPT_ENCODING="gzip, br")
        rows: list[tuple[str, int, int, str]] = []
        landing = client.get(f"/f/{code.code}/")
        assert landing.status_code == 302, landing.status_code
        rows.append((f"/f/{code.code}/ (redirect)", 0, 0, "-"))
        page = client.get(landing["Location"])
        assert page.status_code == 200, page.status_code
        html = page.content
        rows.append((landing["Location"], len(html), len(gzip.compress(html, 6)), "gzip"))
        queue = _references(html.decode())
        seen: set[str] = set()
        fonts: list[str] = []
        while queue:
            url = queue.pop(0)
            if url in seen:
                continue
            seen.add(url)
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            body = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[attr-defined]
            encoding = response.get("Content-Encoding", "identity")
            raw = body if encoding == "identity" else b""
            if encoding == "br":
                import brotli

                raw = brotli.decompress(body)
            elif encoding == "gzip":
                raw = gzip.decompress(body)
            rows.append((url, len(raw), len(body), encoding))
            if url.endswith((".mjs", ".js")):
                queue += _module_imports(url, raw)
            if url.endswith(".css"):
                fonts += re.findall(r"url\(([^)]+\.woff2?)\)", raw.decode())
    total = sum(row[2] for row in rows)
    width = max(len(row[0]) for row in rows)
    for url, raw_size, sent, encoding in rows:
        print(f"  {url:<{width}}  {raw_size:>8,} B  ->  {sent:>7,} B  {encoding}")
    if fonts:
        print(f"  not fetched (no element uses GDS Transport): {len(set(fonts))} font files")
    kb = total / 1024
    print(f"bench feedback_form_first_load: {kb:.1f} KB")
    print(
        f"bench feedback_form_first_load_target: {TARGET_KB} KB ({'met' if kb <= TARGET_KB else 'MISSED'})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
