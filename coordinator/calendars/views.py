"""Calendar pages (month, list, year), the feeds (.ics) and JSON, follows, the personal feed token, imports."""

import re
from datetime import date, datetime

import sqlalchemy as sa
from babel.dates import get_day_names
from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from coordinator.auth.permissions import staff_required
from coordinator.calendars import feeds, queries
from coordinator.calendars.filters import CalendarFilter
from coordinator.calendars.forms import ConfirmImportForm, ImportForm
from coordinator.calendars.highlights import document_for, mentions
from coordinator.calendars.imports import read_file
from coordinator.calendars.operations import import_rows, is_following, regenerate_feed_token, set_follow
from coordinator.core.http import safe_next_url
from coordinator.core.partial_dates import MAX_YEAR, MIN_YEAR
from coordinator.exporting.http import conditional_response
from coordinator.exporting.ical import MIME_TYPE, CalendarMeta
from coordinator.exporting.store import ExportStore, content_key
from coordinator.extensions import db
from coordinator.iscms.labels import TYPE_LABELS, region_label, theme_label
from coordinator.iscms.models import Iscm, Theme
from coordinator.iscms.queries import all_regions, all_themes, get_iscm, list_iscms
from coordinator.meetings.access import can_view_meeting
from coordinator.meetings.labels import (
    FORMAT_LABELS,
    INITIATIVE_LABELS,
    KIND_LABELS,
    LEVEL_LABELS,
    STATUS_LABELS,
)
from coordinator.meetings.models import Meeting
from coordinator.meetings.operations import AgendaError
from coordinator.meetings.queries import get_meeting

bp = Blueprint("calendars", __name__)
bp.add_app_template_global(KIND_LABELS, "MEETING_KIND_LABELS")
bp.add_app_template_global(LEVEL_LABELS, "MEETING_LEVEL_LABELS")
bp.add_app_template_global(FORMAT_LABELS, "MEETING_FORMAT_LABELS")
bp.add_app_template_global(INITIATIVE_LABELS, "MEETING_INITIATIVE_LABELS")
bp.add_app_template_global(STATUS_LABELS, "MEETING_STATUS_LABELS")
VIEWS = ("month", "list", "year")
MAX_IMPORT_BYTES = 5 * 1024 * 1024


# --- Helpers shared by pages and feeds -------------------------------------------------------------


def filter_labels() -> dict[str, dict[str, str]]:
    """Display names of every filter value, for the filter form and for naming a feed."""
    return {
        "iscms": {iscm.slug: iscm.acronym for iscm in list_iscms()},
        "types": {key: str(label) for key, label in TYPE_LABELS.items()},
        "regions": {region.slug: region_label(region.name) for region in all_regions()},
        "levels": {key: str(label) for key, label in LEVEL_LABELS.items()},
        "formats": {key: str(label) for key, label in FORMAT_LABELS.items()},
        "themes": {theme.slug: theme_label(theme) for theme in all_themes()},
        "initiatives": {key: str(label) for key, label in INITIATIVE_LABELS.items()},
    }


def feed_links(endpoint: str, **args) -> dict[str, str]:
    """The https:// and webcal:// addresses of a feed, for the Subscribe box, in the reader's language."""
    language = str(get_locale())
    if language != current_app.config["BABEL_DEFAULT_LOCALE"]:
        args["lang"] = language
    https = url_for(endpoint, _external=True, **args)
    return {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}


def _calendar_name(flt: CalendarFilter, labels) -> tuple[str, str]:
    described = flt.describe(labels)
    if not described:
        return _("ISCM calendar"), _(
            "Every public meeting of the Inter-State Consultation Mechanisms on Migration."
        )
    return _("ISCM calendar: %(filter)s", filter=described), _(
        "Public ISCM meetings filtered to: %(filter)s.", filter=described
    )


def _today() -> date:
    return date.today()


def _year_param() -> int | None:
    """`year=` as a year from MIN_YEAR to MAX_YEAR; None when not given; ValueError for anything else."""
    text = request.args.get("year", "").strip()
    if not text:
        return None
    year = int(text)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(text)
    return year


def _page_year() -> int:
    """The year view's year; a bad one is ignored with a message."""
    try:
        return _year_param() or _today().year
    except ValueError:
        flash(
            _(
                "“%(value)s” is not a year from %(low)d to %(high)d: showing %(year)d.",
                value=request.args["year"][:20],
                low=MIN_YEAR,
                high=MAX_YEAR,
                year=_today().year,
            ),
            "error",
        )
        return _today().year


def _page_month() -> tuple[int, int]:
    """The month view's month (`month=2023-05`); a bad one is ignored with a message."""
    today = _today()
    text = request.args.get("month", "").strip()
    if not text:
        return today.year, today.month
    try:
        year, month = (int(part) for part in text.split("-"))
        date(year, month, 1)
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise ValueError(text)
    except ValueError:
        flash(
            _(
                "“%(value)s” is not a month like 2023-05 from %(low)d to %(high)d: showing this month.",
                value=text[:20],
                low=MIN_YEAR,
                high=MAX_YEAR,
            ),
            "error",
        )
        return today.year, today.month
    return year, month


# --- Pages ---------------------------------------------------------------------------------------


def index():
    flt = CalendarFilter.from_args(request.args)
    view = request.args.get("view") if request.args.get("view") in VIEWS else "month"
    labels = filter_labels()
    context = {
        "flt": flt,
        "view": view,
        "labels": labels,
        "iscms": list_iscms(),
        "regions": all_regions(),
        "themes": all_themes(),
        "feed": feed_links("calendars.feed", **flt.query_args()),
        "json_url": url_for("calendars.json_feed", _external=True, **flt.query_args()),
        "filter_text": flt.describe(labels),
        "mentions": [
            (m, ", ".join(labels["iscms"].get(slug, slug) for slug in m.iscms)) for m in mentions(flt)
        ],
    }
    if view == "month":
        year, month = _page_month()
        context["month"] = queries.month_view(flt, current_user, year, month)
        context["weekday_names"] = [
            get_day_names("abbreviated", locale=get_locale())[day] for day in range(7)
        ]
        entries = context["month"].entries
    elif view == "year":
        context["year"] = _page_year()
        entries = context["entries"] = queries.year_view(flt, current_user, context["year"])
        context["year_groups"] = queries.by_month(entries)
    else:
        context["when"] = "past" if request.args.get("when") == "past" else "upcoming"
        entries, context["total"] = queries.list_view(flt, current_user, context["when"], _today())
        context["entries"] = entries
    context["counts"] = queries.count_entries(entries)
    return render_template("calendars/index.html", **context)


def highlights(year: int):
    """A year's totals as the highlights document states them, beside the counts computed from the calendar."""
    document = document_for(year)
    if document is None and not MIN_YEAR <= year <= MAX_YEAR:
        abort(404)
    entries = queries.year_view(CalendarFilter(), current_user, year)
    return render_template(
        "calendars/highlights.html",
        year=year,
        document=document,
        entries=entries,
        counts=queries.count_entries(entries),
        iscm_names={i.slug: i.acronym for i in list_iscms()},
    )


# --- Feeds ---------------------------------------------------------------------------------------


def _feed_response(
    kind: str,
    scope,
    meta_builder,
    fragments_builder,
    private: bool = False,
    also_shown: tuple = (),
    marker: datetime | None = None,
):
    """304 from the change marker alone; otherwise the feed from the store, or built from cached VEVENTs.

    The marker (the global one unless given) moves on every change the feed can show, so it is both the
    ETag's version and Last-Modified; `also_shown` is what else the body shows (the personal feed's
    name), in the version, not the scope.
    """
    language = feeds.feed_language()
    marker = marker or queries.calendar_changed_at()
    scope_key = feeds.scope_key(kind, scope, language)
    version = feeds.version_key(scope_key, marker, *also_shown)

    def build() -> bytes:
        with force_locale(language):
            body = feeds.cached_feed(
                scope_key, version, lambda: feeds.assemble(meta_builder(), fragments_builder(language))
            )
        db.session.commit()
        return body

    return conditional_response(version, marker, build, MIME_TYPE, private=private)


def calendar_feed():
    flt = CalendarFilter.from_args(request.args)

    def meta():
        name, description = _calendar_name(flt, filter_labels())
        return CalendarMeta(name, description, url_for("calendars.index", _external=True, **flt.query_args()))

    return _feed_response(
        "calendar",
        flt.query_args(),
        meta,
        lambda language: feeds.meeting_fragments(queries.public_feed_clause(flt), language),
    )


def iscm_feed(slug: str):
    iscm = get_iscm(slug)
    if iscm is None:
        abort(404)
    clause = queries.public_feed_clause(CalendarFilter(iscms=(iscm.slug,)))

    def meta():
        return CalendarMeta(
            _("ISCM calendar: %(name)s", name=iscm.acronym),
            _("Public meetings of %(name)s (%(acronym)s).", name=iscm.name, acronym=iscm.acronym),
            url_for("iscms.show", slug=iscm.slug, _external=True),
        )

    return _feed_response("iscm", iscm.slug, meta, lambda language: feeds.meeting_fragments(clause, language))


def meeting_feed(slug: str):
    """The sessions of the latest agenda release (the meeting's own event until there is one)."""
    meeting = get_meeting(slug)
    if meeting is None or not can_view_meeting(current_user, meeting):
        abort(404)

    def meta():
        return CalendarMeta(
            meeting.number or meeting.title,
            _(
                "Sessions of %(title)s, with their agenda. Times in %(zone)s.",
                title=meeting.title,
                zone=meeting.timezone,
            ),
            feeds.agenda_url(meeting.slug),
        )

    def fragments(language):
        return feeds.feed_fragments(Meeting.id == meeting.id, {meeting.id: None}, language)

    return _feed_response("meeting", meeting.uid, meta, fragments, private=not meeting.is_public)


def personal_feed(token: str):
    """Sessions where the user has a role (a session's rapporteur: that session), meetings they follow."""
    from coordinator.auth.models import User

    user = db.session.scalar(sa.select(User).where(User.feed_token == token)) if len(token) >= 20 else None
    if user is None or not user.is_active:
        abort(404)

    def meta():
        return CalendarMeta(
            _("My ISCM calendar (%(name)s)", name=user.display_name),
            _(
                "Meetings and sessions where you have a role, and meetings of the ISCMs and themes you follow."
            ),
            url_for("auth.account", _external=True),
        )

    def fragments(language):
        access = queries.session_access(user)
        followed = queries.followed_meeting_ids(user)
        return feeds.feed_fragments(Meeting.id.in_(set(access) | followed), access, language)

    return _feed_response(
        "personal",
        token,
        meta,
        fragments,
        private=True,
        also_shown=(user.display_name,),
        marker=queries.personal_calendar_changed_at(user),
    )


def json_feed():
    """Public entries matching the filters, for secretariats' own websites (documented in the README).

    Dated entries only, as in the .ics feed; `year=` gives that year's entries, those the sources date
    only to a month or a year included.
    """
    flt = CalendarFilter.from_args(request.args)
    try:
        year = _year_param()
    except ValueError:
        return jsonify(
            error=_("year must be a number from %(low)d to %(high)d.", low=MIN_YEAR, high=MAX_YEAR)
        ), 400
    marker = queries.calendar_changed_at()
    version = feeds.version_key(feeds.scope_key("json", (flt.query_args(), year), ""), marker)

    def build() -> bytes:
        if year is None:
            entries = queries.entries_where(queries.public_feed_clause(flt))
        else:
            entries = queries.year_view(flt, None, year)
        return jsonify(
            filter=flt.query_args(),
            count=len(entries),
            meetings=[_as_json(m) for m in entries],
            highlights=[_mention_json(mention) for mention in mentions(flt)],
        ).get_data()

    return conditional_response(version, marker, build, "application/json")


def _mention_json(mention) -> dict:
    return {
        "year": mention.year,
        "area": mention.area,
        "theme": mention.theme,
        "iscms": list(mention.iscms),
        "url": url_for("calendars.highlights", year=mention.year, _external=True),
    }


def _as_json(meeting: Meeting) -> dict:
    timed = not meeting.all_day and meeting.starts_at is not None
    return {
        "uid": meeting.uid,
        "slug": meeting.slug,
        "url": feeds.meeting_url(meeting.slug),
        "title": meeting.title,
        "iscms": [{"slug": i.slug, "acronym": i.acronym, "name": i.name} for i in meeting.iscms],
        "kind": meeting.kind,
        "level": meeting.level,
        "format": meeting.format,
        "status": meeting.status,
        "all_day": not timed,
        "start_date": meeting.start_date.isoformat() if meeting.start_date else None,
        "end_date": (meeting.end_date or meeting.start_date).isoformat() if meeting.start_date else None,
        "starts_at": meeting.starts_at.isoformat() if timed else None,
        "ends_at": meeting.ends_at.isoformat() if timed and meeting.ends_at else None,
        "timezone": meeting.timezone,
        "month": meeting.month.strftime("%Y-%m") if meeting.month else None,
        "year": meeting.year or (meeting.start_date.year if meeting.start_date else None),
        "dates_text": meeting.dates_text,
        "count": meeting.count,
        "place": meeting.place,
        "themes": [{"slug": t.slug, "name": t.name} for t in meeting.themes],
        "initiatives": meeting.initiatives,
        "outcome_documents": meeting.outcome_documents,
        "description": meeting.description,
        "sequence": meeting.sequence,
        "updated_at": meeting.updated_at.isoformat(),
    }


# --- Follows and the personal feed ---------------------------------------------------------------


@login_required
def follow():
    iscm = db.session.scalar(sa.select(Iscm).where(Iscm.slug == request.form.get("iscm", "")))
    theme = (
        db.session.scalar(sa.select(Theme).where(Theme.slug == request.form.get("theme", "")))
        if not iscm
        else None
    )
    if iscm is None and theme is None:
        abort(404)
    following = request.form.get("action") != "unfollow"
    set_follow(current_user, following, iscm=iscm, theme=theme)
    db.session.commit()
    name = iscm.acronym if iscm else theme_label(theme)
    if following:
        flash(
            _("You follow %(name)s: its meetings are in your personal calendar feed.", name=name), "success"
        )
    else:
        flash(_("You no longer follow %(name)s.", name=name), "info")
    return redirect(safe_next_url(request.form.get("next")))


@login_required
def regenerate_token():
    regenerate_feed_token(current_user)
    db.session.commit()
    flash(_("Your personal calendar has a new address; the old one no longer works."), "success")
    return redirect(url_for("auth.account") + "#calendar-feed")


def iscm_calendar_context(iscm: Iscm) -> dict:
    """What the ISCM page shows under "Meetings of this ISCM" (a template global: the ISCM view stays as is)."""
    return {
        "meetings": queries.iscm_meetings(iscm, current_user),
        "feed": feed_links("calendars.iscm_feed", slug=iscm.slug),
        "following": is_following(current_user, iscm=iscm) if current_user.is_authenticated else False,
    }


def personal_feed_links() -> dict[str, str] | None:
    if not current_user.is_authenticated or not current_user.feed_token:
        return None
    return feed_links("calendars.personal_feed", token=current_user.feed_token)


def followed_by_current_user() -> list:
    from coordinator.calendars.models import Follow

    if not current_user.is_authenticated:
        return []
    return list(
        db.session.scalars(sa.select(Follow).where(Follow.user_id == current_user.id).order_by(Follow.id))
    )


# --- Import --------------------------------------------------------------------------------------


def _import_form() -> ImportForm:
    form = ImportForm()
    form.iscm.choices = [(iscm.slug, f"{iscm.acronym} — {iscm.name}") for iscm in list_iscms()]
    return form


@staff_required
def import_upload():
    """Upload → preview (nothing saved yet); errors name their line and nothing is imported."""
    form = _import_form()
    if not form.validate_on_submit():
        return render_template("calendars/import.html", form=form, result=None), 400 if form.errors else 200
    upload = form.file.data
    data = upload.read(MAX_IMPORT_BYTES + 1)
    if len(data) > MAX_IMPORT_BYTES:
        form.file.errors.append(_("The file is too large (at most 5 MB)."))
        return render_template("calendars/import.html", form=form, result=None), 400
    result = read_file(upload.filename or "", data, form.timezone.data or "UTC")
    if result.errors:
        return render_template("calendars/import.html", form=form, result=result), 400
    key = content_key("calendar-import", data.hex())
    ExportStore.current().put("imports", key, "bin", data)
    confirm = ConfirmImportForm(
        key=key, iscm=form.iscm.data, timezone=form.timezone.data or "UTC", filename=upload.filename
    )
    existing = set(
        db.session.scalars(
            sa.select(Meeting.uid).where(Meeting.uid.in_([r["uid"] for r in result.rows if r.get("uid")]))
        )
    )
    return render_template(
        "calendars/import.html",
        form=form,
        result=result,
        confirm=confirm,
        existing=existing,
        iscm=get_iscm(form.iscm.data),
    )


@staff_required
def import_confirm():
    form = ConfirmImportForm()
    iscm = get_iscm(form.iscm.data or "")
    path = (
        ExportStore.current().get("imports", form.key.data or "", "bin")
        if re.fullmatch(r"[0-9a-f]{32}", form.key.data or "")
        else None
    )
    if not form.validate_on_submit() or iscm is None or path is None:
        flash(_("The import had expired or was incomplete: please upload the file again."), "error")
        return redirect(url_for("calendars.import_upload"))
    result = read_file(form.filename.data or "", path.read_bytes(), form.timezone.data or "UTC")
    if result.errors:
        flash(_("The file has errors: nothing was imported."), "error")
        return redirect(url_for("calendars.import_upload"))
    try:
        created, updated = import_rows(
            result.rows, iscm.slug, _("Import: %(file)s", file=form.filename.data), current_user
        )
    except AgendaError as error:
        db.session.rollback()
        flash(_("The file has errors: nothing was imported (%(error)s).", error=str(error)), "error")
        return redirect(url_for("calendars.import_upload"))
    db.session.commit()
    flash(
        _(
            "%(created)d meetings added and %(updated)d updated under %(iscm)s.",
            created=created,
            updated=updated,
            iscm=iscm.acronym,
        ),
        "success",
    )
    return redirect(url_for("calendars.index", view="list", iscm=iscm.slug))


bp.add_app_template_global(iscm_calendar_context, "iscm_calendar_context")
bp.add_app_template_global(personal_feed_links, "personal_feed_links")
bp.add_app_template_global(feed_links, "feed_links")
bp.add_app_template_global(followed_by_current_user, "followed_by_current_user")

bp.add_url_rule("/calendar", "index", index)
bp.add_url_rule("/calendar/<int:year>/highlights", "highlights", highlights)
bp.add_url_rule("/calendar.ics", "feed", calendar_feed)
bp.add_url_rule("/calendar.json", "json_feed", json_feed)
bp.add_url_rule("/iscms/<slug>/calendar.ics", "iscm_feed", iscm_feed)
bp.add_url_rule("/meetings/<slug>/calendar.ics", "meeting_feed", meeting_feed)
bp.add_url_rule("/feeds/<token>.ics", "personal_feed", personal_feed)
bp.add_url_rule("/calendar/import", "import_upload", import_upload, methods=["GET", "POST"])
bp.add_url_rule("/calendar/import/confirm", "import_confirm", import_confirm, methods=["POST"])
bp.add_url_rule("/calendar/follow", "follow", follow, methods=["POST"])
bp.add_url_rule("/account/calendar-feed", "regenerate_token", regenerate_token, methods=["POST"])
