import pytest


@pytest.fixture(autouse=True)
def _rolled_back(db):
    """Every integration test runs inside a transaction that is rolled back."""
    yield db


@pytest.fixture
def world(db):
    from tests.factories import World

    return World()
