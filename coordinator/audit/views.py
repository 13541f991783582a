"""The audit log, for administrators."""

import sqlalchemy as sa
from flask import Blueprint, render_template, request

from coordinator.audit.models import AuditEntry
from coordinator.auth.permissions import admin_required
from coordinator.extensions import db

bp = Blueprint("audit", __name__)

PAGE_SIZE = 100


@admin_required
def index():
    query = sa.select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    if object_type := request.args.get("type"):
        query = query.where(AuditEntry.object_type == object_type)
    if object_id := request.args.get("id"):
        query = query.where(AuditEntry.object_id == object_id)
    page = db.paginate(query, per_page=PAGE_SIZE, error_out=False)
    return render_template("audit/index.html", page=page)


bp.add_url_rule("/audit", "index", index)
