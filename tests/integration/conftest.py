import pytest


@pytest.fixture(autouse=True)
def _rolled_back(db):
    """Every integration test runs inside a transaction that is rolled back."""
    yield db


@pytest.fixture
def world(db):
    from tests.factories import World

    return World()


@pytest.fixture
def throttled_app(database_url):
    """``throttled_app(**limits)``: an app with the login throttle on (the shared test app
    has it off) and the given limits. Flask-Limiter's instance is global: its switch is
    put back afterwards."""
    from app import create_app
    from app.extensions import limiter
    from config import TestingConfig

    before = limiter.enabled

    def make(**limits):
        config = type("Throttled", (TestingConfig,), {"SQLALCHEMY_DATABASE_URI": database_url,
                                                      "RATELIMIT_ENABLED": True, **limits})
        return create_app(config)

    try:
        yield make
    finally:
        limiter.enabled = before
        limiter.reset()
