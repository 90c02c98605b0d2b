"""Plainer wording for three of the form's questions in English and Welsh
(docs/content-style.md): what is asked is the same, so answers given before and after
compare. A wording someone has already changed in the admin is left as it is."""

from django.db import migrations

# language -> question key -> field -> (before, after)
WORDING = {
    "en": {
        "overall": {
            "hint": (
                "Think about your most recent contact with the police.",
                "Think about the last time you dealt with the police.",
            ),
        },
        "told_support": {
            "text": (
                "Were you told about support services and your rights as a victim?",
                "Were you told about your rights and where to get support?",
            ),
        },
        "comment": {
            "hint": (
                "Do not include names, addresses, phone numbers or crime reference numbers.",
                "Do not write names, addresses, phone numbers or crime reference numbers.",
            ),
        },
    },
    "cy": {
        "overall": {
            "hint": (
                "Meddyliwch am eich cyswllt diweddaraf â'r heddlu.",
                "Meddyliwch am y tro diwethaf i chi ddelio â'r heddlu.",
            ),
        },
        "told_support": {
            "text": (
                "A gawsoch chi wybod am wasanaethau cymorth a'ch hawliau fel dioddefwr?",
                "A gawsoch chi wybod am eich hawliau a ble i gael cymorth?",
            ),
        },
        "comment": {
            "hint": (
                "Peidiwch â chynnwys enwau, cyfeiriadau, rhifau ffôn na chyfeirnodau trosedd.",
                "Peidiwch ag ysgrifennu enwau, cyfeiriadau, rhifau ffôn na chyfeirnodau trosedd.",
            ),
        },
    },
}


def _reword(apps, *, forwards: bool) -> None:
    QuestionText = apps.get_model("feedback", "QuestionText")
    for code, questions in WORDING.items():
        for key, fields in questions.items():
            for field, (before, after) in fields.items():
                old, new = (before, after) if forwards else (after, before)
                QuestionText.objects.filter(
                    question__key=key, language__code=code, **{field: old}
                ).update(**{field: new})


def reword(apps, schema_editor):
    _reword(apps, forwards=True)


def reword_back(apps, schema_editor):
    _reword(apps, forwards=False)


class Migration(migrations.Migration):
    dependencies = [("feedback", "0006_integration_scopes")]

    operations = [migrations.RunPython(reword, reword_back)]
