"""Every environment variable the settings read is documented for operators."""

import re
from pathlib import Path

from django.conf import settings

SETTINGS_FILE = Path(settings.BASE_DIR) / "victimvoice" / "settings.py"
DEPLOYMENT_DOC = Path(settings.BASE_DIR) / "docs" / "deployment.md"


def test_every_environment_variable_the_settings_read_is_in_the_deployment_guide():
    source = SETTINGS_FILE.read_text()
    names = set(re.findall(r'\benv(?:_bool|_int)?\(\s*"([A-Z][A-Z0-9_]+)"', source))
    names |= set(re.findall(r'os\.environ(?:\.get)?[\(\[]\s*"([A-Z][A-Z0-9_]+)"', source))
    assert names, "no environment variables found: the pattern no longer matches settings.py"
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", DEPLOYMENT_DOC.read_text()))
    assert sorted(names - documented) == []


def test_the_procfile_and_the_systemd_units_run_the_same_commands():
    root = Path(settings.BASE_DIR)
    procfile = dict(
        line.split(": ", 1) for line in (root / "Procfile").read_text().splitlines() if line
    )
    assert {"web", "worker", "scheduler", "release"} <= set(procfile)
    units = {
        "web": "victimvoice-web.service",
        "worker": "victimvoice-worker@.service",
        "scheduler": "victimvoice-scheduler.service",
    }
    for process, unit in units.items():
        text = (root / "deploy" / "systemd" / unit).read_text()
        exec_start = re.search(r"^ExecStart=(.+)$", text, re.MULTILINE)
        assert exec_start, unit
        # The unit names the virtualenv's programs by their full path.
        command = exec_start.group(1).replace("/srv/victimvoice/.venv/bin/", "")
        assert command == procfile[process], unit
        assert "EnvironmentFile=/etc/victimvoice/env" in text and "Restart=always" in text
