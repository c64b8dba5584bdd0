from io import StringIO

import pytest
from django.core.management import call_command

from majlis.keys.models import ApiKey

pytestmark = pytest.mark.django_db


def test_keys_are_stored_hashed_and_authenticate_by_scope():
    key, raw = ApiKey.create("cms", ["read", "submit"])
    assert raw not in key.hashed_key and raw.startswith("mjl_")
    assert ApiKey.authenticate(raw, "read") == key
    assert ApiKey.authenticate(raw, "moderate") is None
    assert ApiKey.authenticate(raw[:-1] + ("A" if raw[-1] != "A" else "B")) is None
    assert ApiKey.authenticate("nonsense") is None
    key.revoke()
    assert ApiKey.authenticate(raw, "read") is None


def test_unknown_scopes_are_refused():
    with pytest.raises(ValueError, match="scopes must be"):
        ApiKey.create("bad", ["admin"])


def test_apikey_command_creates_lists_and_revokes():
    out, err = StringIO(), StringIO()
    call_command("apikey", "create", "coral", "--scope", "screen", stdout=out, stderr=err)
    raw = out.getvalue().strip()
    assert ApiKey.authenticate(raw, "screen") is not None
    listing = StringIO()
    call_command("apikey", "list", stdout=listing)
    assert "coral" in listing.getvalue() and raw not in listing.getvalue()
    call_command("apikey", "revoke", raw[4:12], stdout=StringIO())
    assert ApiKey.authenticate(raw, "screen") is None


def test_a_key_prefix_never_starts_with_a_dash_so_the_revoke_command_can_take_it(monkeypatch):
    import secrets

    draws = iter(["-" + "a" * 42, "b" * 43])
    monkeypatch.setattr(secrets, "token_urlsafe", lambda n: next(draws))
    key, raw = ApiKey.create("cms", ["read"])
    assert not key.prefix.startswith("-") and raw == "mjl_" + "b" * 43
    call_command("apikey", "revoke", key.prefix, stdout=StringIO())
    assert ApiKey.authenticate(raw) is None
