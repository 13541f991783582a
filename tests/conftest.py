"""Fixtures: an app with a fresh database per test, built by the migrations, on SQLite or PostgreSQL.

`pytest` runs on SQLite; `pytest --db postgres` on the database named by TEST_DATABASE_URL.
"""

import os
import shutil
import time
from dataclasses import dataclass

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from coordinator import create_app
from coordinator.config import TestConfig, database_url
from coordinator.extensions import db

#: Fixtures of each capability's tests, shared with the browser tests.
pytest_plugins = ["tests.meetings_helpers"]


def pytest_addoption(parser):
    parser.addoption("--db", choices=("sqlite", "postgres"), default="sqlite", help="database to test on")


def make_config(url: str, export_dir) -> TestConfig:
    config = TestConfig()
    config.SQLALCHEMY_DATABASE_URI = url
    config.EXPORT_DIR = export_dir
    return config


def migrate_to_head(url: str, export_dir) -> None:
    app = create_app(make_config(url, export_dir))
    with app.app_context():
        upgrade()
        db.engine.dispose()


class SqliteDatabase:
    """Migrated once into a template file; each test gets a copy."""

    def __init__(self, template):
        self.template = template

    def url_for_test(self, tmp_path) -> str:
        path = tmp_path / "test.sqlite"
        shutil.copyfile(self.template, path)
        return f"sqlite:///{path}"

    def reset(self, app) -> None:
        pass


class PostgresDatabase:
    """Migrated once; each test starts from empty tables."""

    def __init__(self, url):
        self.url = url

    def url_for_test(self, tmp_path) -> str:
        return self.url

    def reset(self, app) -> None:
        with app.app_context():
            db.session.remove()
            tables = [t.name for t in reversed(db.metadata.sorted_tables)]
            with db.engine.begin() as connection:
                connection.execute(sa.text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
            db.engine.dispose()


def reset_postgres_schema(url: str) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text("DROP SCHEMA public CASCADE"))
        connection.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def backend(request) -> str:
    return request.config.getoption("--db")


@pytest.fixture(scope="session")
def postgres_url(backend) -> str | None:
    url = os.environ.get("TEST_DATABASE_URL")
    if backend == "postgres" and not url:
        pytest.exit("--db postgres needs TEST_DATABASE_URL", returncode=4)
    return database_url(url) if url else None


@pytest.fixture(scope="session")
def database(backend, postgres_url, tmp_path_factory):
    export_dir = tmp_path_factory.mktemp("exports-template")
    if backend == "postgres":
        reset_postgres_schema(postgres_url)
        migrate_to_head(postgres_url, export_dir)
        return PostgresDatabase(postgres_url)
    template = tmp_path_factory.mktemp("db") / "template.sqlite"
    migrate_to_head(f"sqlite:///{template}", export_dir)
    return SqliteDatabase(template)


@pytest.fixture
def app(database, tmp_path):
    """No app context stays pushed: each request gets its own, as in production.

    Tests that touch the database directly open one with `with app.app_context():`.
    """
    export_dir = tmp_path / "exports"
    export_dir.mkdir()
    app = create_app(make_config(database.url_for_test(tmp_path), export_dir))
    yield app
    database.reset(app)
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def when_built(client, url: str, seconds: float = 60):
    """The answer to `url` once the PDF its waiting page (202) stands for is built, looking again as the page does."""
    response = client.get(url)
    for _attempt in range(int(seconds / 0.2)):
        if response.status_code != 202:
            break
        time.sleep(0.2)
        response = client.get(url)
    return response


def age_file(path, seconds: float) -> None:
    """Make a file look `seconds` old, as a lock or an upload left that long ago would be."""
    then = time.time() - seconds
    os.utime(path, (then, then))


PASSWORD = "correct horse battery"


@dataclass(frozen=True)
class UserRef:
    """What a test needs of an account, usable outside any app context."""

    id: int
    email: str
    role: str


@pytest.fixture
def make_user(app):
    from coordinator.auth.operations import create_user

    counter = iter(range(1, 10_000))

    def make(role="user", email=None, password=PASSWORD, **values) -> UserRef:
        with app.app_context():
            user = create_user(email or f"{role}{next(counter)}@example.org", password, role, **values)
            db.session.commit()
            return UserRef(user.id, user.email, user.role)

    return make


class AuthActions:
    def __init__(self, client):
        self.client = client

    def login(self, user_or_email, password=PASSWORD, **kwargs):
        email = getattr(user_or_email, "email", user_or_email)
        return self.client.post("/login", data={"email": email, "password": password}, **kwargs)

    def logout(self):
        return self.client.post("/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture
def as_role(client, auth, make_user):
    """Sign the test client in with a new account of a role ('anonymous' stays signed out)."""

    def sign_in(role):
        if role == "anonymous":
            return None
        user = make_user(role)
        auth.login(user)
        return user

    return sign_in


@pytest.fixture
def registry(app):
    """The ISCM registry as the demo data loads it."""
    from coordinator.iscms.seed import seed_registry

    with app.app_context():
        seed_registry()
        db.session.commit()
