import time

from majlis.integrations.signing import sign, verify_signature

SECRET = "whsec_test"
BODY = b'{"event":"comment.approved","id":"evt_1"}'


def test_valid_signature_verifies():
    header = sign(SECRET, BODY)
    assert header.startswith("t=") and ",v1=" in header
    assert verify_signature(SECRET, header, BODY)
    assert verify_signature(SECRET, header, BODY.decode())  # str body is the same bytes


def test_wrong_secret_is_rejected():
    assert not verify_signature("whsec_other", sign(SECRET, BODY), BODY)


def test_modified_body_is_rejected():
    assert not verify_signature(SECRET, sign(SECRET, BODY), BODY.replace(b"approved", b"rejected"))


def test_old_timestamp_is_rejected_as_replay():
    then = time.time() - 301
    header = sign(SECRET, BODY, timestamp=then)
    assert not verify_signature(SECRET, header, BODY)
    assert verify_signature(SECRET, header, BODY, now=then + 10)
    # Swapping in a fresh timestamp breaks the signature: the timestamp is signed.
    fresh = header.replace(f"t={int(then)}", f"t={int(time.time())}")
    assert not verify_signature(SECRET, fresh, BODY)


def test_future_timestamp_beyond_tolerance_is_rejected():
    assert not verify_signature(SECRET, sign(SECRET, BODY, timestamp=time.time() + 3600), BODY)


def test_garbage_headers_are_rejected():
    for header in ["", "v1=abc", "t=notanumber,v1=abc", "t=123", None]:
        assert not verify_signature(SECRET, header, BODY)


def test_any_of_several_v1_signatures_may_match():
    t = int(time.time())
    good = sign(SECRET, BODY, timestamp=t).split(",v1=")[1]
    assert verify_signature(SECRET, f"t={t},v1=deadbeef,v1={good}", BODY)
