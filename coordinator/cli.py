"""Commands: `flask --app wsgi seed-demo`, `create-user`."""

import click
from flask import Flask

from coordinator.auth.models import ROLE_ADMIN, ROLE_STAFF
from coordinator.auth.operations import AccountError, create_user, get_user_by_email
from coordinator.auth.passwords import MIN_LENGTH
from coordinator.extensions import db

#: Accounts that exist only in the demo, created by seed-demo: (email, password, role, name).
DEMO_ACCOUNTS = (
    ("admin@example.org", "demo-admin-password", ROLE_ADMIN, "Demo Administrator"),
    ("staff@example.org", "demo-staff-password", ROLE_STAFF, "Demo Staff"),
)


def seed_demo_accounts() -> int:
    created = 0
    for email, password, role, name in DEMO_ACCOUNTS:
        if get_user_by_email(email) is None:
            create_user(email, password, role, name=name)
            created += 1
    return created


def seed_demo_data() -> dict[str, int]:
    """Every capability's demo data, in dependency order; each part skips what exists already."""
    from coordinator.calendars.seed import seed_highlights
    from coordinator.iscms.seed import seed_registry
    from coordinator.meetings.seed import seed_grcp9
    from coordinator.participants.seed import seed_participants
    from coordinator.reports.seed import seed_reports

    counts = seed_registry()
    counts.update(seed_grcp9())
    counts.update(seed_participants())
    counts.update(seed_reports())
    counts["calendar entries"] = seed_highlights()
    counts["accounts"] = seed_demo_accounts()
    return counts


def register(app: Flask) -> None:
    @app.cli.command("seed-demo")
    def seed_demo():
        """Load the demo data (ISCMs, meetings, accounts); running it twice changes nothing."""
        counts = seed_demo_data()
        db.session.commit()
        added = ", ".join(f"{count} {name}" for name, count in counts.items())
        click.echo(f"Demo data loaded ({added} added).")

    @app.cli.command("export-worker")
    def export_worker():
        """Run an RQ worker for long exports (only needed when REDIS_URL is set)."""
        from redis import Redis
        from rq import Worker

        if not app.config.get("REDIS_URL"):
            raise click.ClickException(
                "REDIS_URL is not set: exports are built by the app's own worker thread."
            )
        Worker(["exports"], connection=Redis.from_url(app.config["REDIS_URL"])).work()

    @app.cli.command("create-user")
    @click.argument("email")
    @click.option("--role", type=click.Choice([ROLE_ADMIN, ROLE_STAFF]), required=True)
    @click.option("--name", default="", help="The person's name as shown in the app.")
    def create_user_command(email, role, name):
        """Create an account. The password is asked for, twice and unseen; it is never an option, which would
        leave it in the shell's history and the process list."""
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
        if len(password) < MIN_LENGTH:
            raise click.ClickException(f"Use at least {MIN_LENGTH} characters for the password.")
        try:
            user = create_user(email, password, role, name=name)
        except AccountError as error:
            raise click.ClickException(str(error)) from error
        db.session.commit()
        click.echo(f"Created {user.email} ({user.role}).")
