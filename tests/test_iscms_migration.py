"""Schema 0013: registry lists stored with \\u escapes by earlier versions are written again with their letters."""

import json

import sqlalchemy as sa
from flask_migrate import upgrade

from coordinator import create_app
from coordinator.extensions import db
from tests.conftest import make_config


def test_upgrading_rewrites_escaped_lists_without_changing_them(tmp_path):
    app = create_app(make_config(f"sqlite:///{tmp_path / 'old.sqlite'}", tmp_path))
    with app.app_context():
        upgrade(revision="0012")
        db.session.execute(
            sa.text(
                "INSERT INTO iscms (slug, acronym, name, other_names, organisations, secretariats, iom_roles, "
                "sources, description, updated_at, version) VALUES ('eap-panel', 'EaP Panel', 'Panel', :names, "
                "'[]', :secretariats, '[]', '[]', '', '2020-01-01 00:00:00', 1)"
            ),
            {"names": json.dumps(["Söderköping Process"]), "secretariats": json.dumps(["IOM"])},
        )
        db.session.commit()
        upgrade()
        row = db.session.execute(
            sa.text("SELECT other_names, secretariats, organisations_note FROM iscms")
        ).one()
        assert tuple(row) == ('["Söderköping Process"]', '["IOM"]', None)
        db.engine.dispose()
