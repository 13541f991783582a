"""The commands of the README: seed-demo (idempotent) and create-user (prompted password)."""

import re
from pathlib import Path

import sqlalchemy as sa

from coordinator.auth.models import User
from coordinator.auth.passwords import verify_password
from coordinator.extensions import db
from coordinator.iscms.models import Iscm

ROOT = Path(__file__).resolve().parent.parent


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_seed_demo_twice_changes_nothing(app, runner):
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    assert count(app, Iscm) == 34
    users = count(app, User)
    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0, second.output
    assert count(app, Iscm) == 34
    assert count(app, User) == users
    assert "Demo data loaded" in second.output


def test_create_user_asks_for_the_password(app, runner):
    result = runner.invoke(
        args=["create-user", "Wen.Li@Example.org", "--role", "admin", "--name", "Wen Li"],
        input="a long admin secret\na long admin secret\n",
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == "wen.li@example.org"))
        assert (user.role, user.name) == ("admin", "Wen Li")
        assert verify_password(user.password_hash, "a long admin secret")


def test_create_user_refuses_a_duplicate_a_short_password_and_an_unknown_role(app, runner):
    runner.invoke(
        args=["create-user", "a@example.org", "--role", "staff"],
        input="a long staff secret\na long staff secret\n",
    )
    again = runner.invoke(
        args=["create-user", "A@example.org", "--role", "staff"],
        input="another long secret\nanother long secret\n",
    )
    assert again.exit_code != 0
    assert "exists already" in again.output
    short = runner.invoke(args=["create-user", "b@example.org", "--role", "staff"], input="short\nshort\n")
    assert short.exit_code != 0
    assert "at least 10 characters" in short.output
    bad_role = runner.invoke(
        args=["create-user", "c@example.org", "--role", "king"], input="a long secret!!\na long secret!!\n"
    )
    assert bad_role.exit_code != 0
    assert count(app, User) == 1


def logins_printed_by_make_serve() -> list[tuple[str, str]]:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    serve = makefile[makefile.index("\nserve:") : makefile.index("\nrun:")]
    return re.findall(r"(\S+@example\.org) / (\S+)", serve)


def test_make_serve_prints_every_demo_login_of_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    in_readme = re.findall(r"^\| (\S+@example\.org) \| (\S+) \|", readme, flags=re.MULTILINE)
    assert len(in_readme) == 5
    assert logins_printed_by_make_serve() == in_readme


def test_every_printed_demo_login_signs_in_after_seed_demo(app, runner):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    for email, password in logins_printed_by_make_serve():
        response = app.test_client().post("/login", data={"email": email, "password": password})
        assert response.status_code == 302, email


def test_create_user_takes_no_password_on_the_command_line(app, runner):
    result = runner.invoke(
        args=["create-user", "d@example.org", "--role", "staff", "--password", "a long secret!!"]
    )
    assert result.exit_code == 2
    assert "No such option '--password'" in result.output
    assert count(app, User) == 0


def test_create_user_hides_the_password_and_asks_for_it_twice(app, runner):
    result = runner.invoke(
        args=["create-user", "e@example.org", "--role", "staff"],
        input="a long staff secret\nanother long secret\na long staff secret\na long staff secret\n",
    )
    assert result.exit_code == 0, result.output
    assert "a long staff secret" not in result.output
    assert result.output.count("Repeat for confirmation:") == 2
    assert "Error: The two entered values do not match." in result.output
