import pytest


@pytest.fixture(scope="session")
def screener():
    from majlis.screening import Screener

    return Screener.load(use_model=False)


@pytest.fixture(scope="session")
def full_screener():
    from majlis.screening import Screener

    return Screener.load()


@pytest.fixture(scope="session")
def lexicon():
    from majlis.screening.lexicon import Lexicon

    return Lexicon.load()
