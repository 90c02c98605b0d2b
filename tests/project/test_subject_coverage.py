"""Every model with personal fields is covered by a subject request provider, or says why
it holds nothing about a person (privacy/subjects.py, docs/subject-requests.md)."""

from django.apps import apps

from privacy.subjects import personal_fields, registry


def _models() -> dict[str, list[str]]:
    return {
        model._meta.label_lower: personal_fields(model)
        for model in apps.get_models()
        if not model._meta.auto_created
    }


def test_every_model_with_personal_fields_is_covered_or_explained() -> None:
    covered = registry.covered_models()
    explained = registry.not_subject_data
    forgotten = {
        label: fields
        for label, fields in _models().items()
        if fields and label not in covered and label not in explained
    }
    assert not forgotten, (
        "These models have personal fields but no subject request provider covers them. "
        "List each in its app's subject_data.py provider, or in not_subject_data({...}) "
        f"with the reason: {forgotten}"
    )


def test_providers_and_explanations_name_models_that_exist() -> None:
    existing = set(_models())
    named = set(registry.covered_models()) | set(registry.not_subject_data)
    # encryption_app is installed only while testing; it is always present here.
    assert named - existing == set()


def test_no_model_is_both_covered_and_explained_away() -> None:
    assert set(registry.covered_models()) & set(registry.not_subject_data) == set()


def test_the_personal_field_check_notices_emails_names_encrypted_fields_and_users() -> None:
    from accounts.models import RoleAssignment, User
    from notify.models import Message

    assert set(personal_fields(User)) >= {"email", "full_name"}
    assert "user" in personal_fields(RoleAssignment)
    assert "recipient" in personal_fields(Message)


def test_every_provider_has_a_name_title_and_models() -> None:
    for provider in registry.providers:
        assert provider.name and str(provider.title) and provider.models
