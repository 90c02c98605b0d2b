"""Deployment checks (`manage.py check --deploy`) for what once stopped production serving.

- Every `static('…')` a template names must be a file: with hashed names (production)
  `static()` knows only the files in the manifest, so a folder answers 500 on every page.
- Every source map a stylesheet or script points to must be there: `collectstatic`
  stops on a reference to a missing file (the assets were not built, or built without maps).

Both run before `collectstatic` in the release steps (docs/deployment.md), so they read the
source folders through the static file finders.
"""

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.checks import CheckMessage, Tags, Warning, register

STATIC_CALL = re.compile(r"""\bstatic\(\s*(['"])([^'"]+)\1\s*\)""")
SOURCE_MAP = re.compile(r"sourceMappingURL=([^\s*]+)")


def template_dirs() -> list[Path]:
    """The project's template folder and its own apps' templates/ folders (not packages')."""
    engines: list[dict[str, Any]] = settings.TEMPLATES
    dirs = [Path(d) for engine in engines for d in engine.get("DIRS", [])]
    dirs += [Path(app.path) / "templates" for app in apps.get_app_configs()]
    base = Path(settings.BASE_DIR).resolve()
    return [
        d
        for d in dirs
        if d.is_dir() and d.resolve().is_relative_to(base) and "site-packages" not in d.parts
    ]


def static_references(dirs: Iterable[Path]) -> list[tuple[Path, str]]:
    """(template, path) for every literal static('path') in the templates under `dirs`."""
    found = []
    for folder in dirs:
        for template in sorted(folder.rglob("*.html")):
            for match in STATIC_CALL.finditer(template.read_text(encoding="utf-8")):
                found.append((template, match.group(2)))
    return found


def missing_static_files(dirs: Iterable[Path]) -> list[tuple[Path, str]]:
    """The references that are not one file the finders know (a folder, or nothing)."""
    missing = []
    for template, path in static_references(dirs):
        located = finders.find(path)
        if not isinstance(located, str) or not Path(located).is_file():
            missing.append((template, path))
    return missing


def missing_source_maps(roots: Iterable[Path]) -> list[tuple[Path, str]]:
    """(file, map) for each .css or .js file whose sourceMappingURL names no file."""
    missing = []
    for root in roots:
        for asset in sorted([*root.rglob("*.css"), *root.rglob("*.js"), *root.rglob("*.mjs")]):
            tail = asset.read_bytes()[-500:].decode("utf-8", errors="replace")
            for target in SOURCE_MAP.findall(tail):
                if target.startswith(("data:", "http:", "https:", "/")):
                    continue
                if not (asset.parent / target.split("?")[0]).is_file():
                    missing.append((asset, target))
    return missing


@register(Tags.staticfiles, deploy=True)
def check_static_files(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    base = Path(settings.BASE_DIR)
    errors: list[CheckMessage] = []
    for template, path in missing_static_files(template_dirs()):
        errors.append(
            Warning(
                f"{template.relative_to(base)} calls static({path!r}), which is not a file: "
                "with hashed static files (production) every page using it fails.",
                hint="Name each file (for example an icon), never a folder; build the assets "
                "with `npm run build` if the file should be there.",
                id="victimvoice.W001",
            )
        )
    roots = [Path(d if isinstance(d, (str, Path)) else d[1]) for d in settings.STATICFILES_DIRS]
    for asset, target in missing_source_maps(roots):
        errors.append(
            Warning(
                f"{asset.relative_to(base)} points to the source map {target!r}, which is "
                "missing: collectstatic will stop on it.",
                hint="Rebuild the assets with `npm run build` (scripts/build-assets.mjs).",
                id="victimvoice.W002",
            )
        )
    return errors
