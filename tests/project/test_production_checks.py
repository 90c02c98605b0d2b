"""`manage.py check --deploy` warns about what once stopped production serving (lib/checks.py):
a template calling static() on something that is not a file, and a stylesheet or script
pointing to a source map that is not there."""

from pathlib import Path

from lib import checks


def test_the_products_templates_and_assets_pass_the_deployment_checks():
    assert checks.check_static_files() == []


def test_a_template_calling_static_on_a_folder_is_reported(tmp_path: Path):
    template = tmp_path / "page.html"
    template.write_text(
        "{% set assetPath = static('vendor/govuk/assets') %}\n"
        "<link href=\"{{ static('vendor/govuk/govuk-frontend.min.css') }}\">\n"
        "<link href=\"{{ static('css/not-there.css') }}\">\n"
    )
    missing = checks.missing_static_files([tmp_path])
    assert missing == [(template, "vendor/govuk/assets"), (template, "css/not-there.css")]


def test_a_missing_source_map_is_reported(tmp_path: Path):
    (tmp_path / "kit").mkdir()
    css = tmp_path / "kit" / "kit.min.css"
    css.write_text("a{color:red}\n/*# sourceMappingURL=kit.min.css.map */\n")
    js = tmp_path / "kit" / "kit.min.js"
    js.write_text("var a=1;\n//# sourceMappingURL=kit.min.js.map\n")
    (tmp_path / "kit" / "kit.min.js.map").write_text("{}")
    assert checks.missing_source_maps([tmp_path]) == [(css, "kit.min.css.map")]
