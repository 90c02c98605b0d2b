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
