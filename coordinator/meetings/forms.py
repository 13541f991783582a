"""Forms of meetings, sessions, agenda items, releases and the planner.

Times are typed in the meeting's reference zone and turned into UTC instants here, refusing a
wall-clock time that does not exist that day and asking which one is meant when it exists twice.
"""

from datetime import date, datetime, time

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileSize
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import URL, DataRequired, Email, Length, NumberRange, Optional, ValidationError

from coordinator.core.forms import LinesField, MultiCheckboxField, TimeZoneField
from coordinator.core.timezones import (
    AmbiguousLocalTime,
    NonexistentLocalTime,
    is_known_zone,
    local_to_utc,
    utc_offset_label,
)
from coordinator.meetings.agenda_labels import (
    DELIVERY_LABELS,
    ITEM_KIND_LABELS,
    LANGUAGE_LABELS,
    ROLE_LABELS,
    SESSION_KIND_LABELS,
)
from coordinator.meetings.labels import FORMAT_LABELS, STATUS_LABELS, VISIBILITY_LABELS

LANGUAGE_CHOICES = list(LANGUAGE_LABELS.items())
FOLD_CHOICES = [("", "—"), ("0", _l("The first one (before the clocks go back)")),
                ("1", _l("The second one (after the clocks go back)"))]


class MeetingForm(FlaskForm):
    version = HiddenField()
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    number = StringField(_l("Number or series"), validators=[Optional(), Length(max=80)],
                         description=_l("For example GRCP 9."))
    subtitle = StringField(_l("Theme or subtitle"), validators=[Optional(), Length(max=500)])
    organiser = StringField(_l("Convened by"), validators=[Optional(), Length(max=300)],
                            description=_l("The organisation convening it, when not only the ISCMs below."))
    iscms = MultiCheckboxField(_l("ISCMs convening or taking part"), coerce=str)
    start_date = DateField(_l("First day"), validators=[DataRequired()])
    end_date = DateField(_l("Last day"), validators=[DataRequired()])
    timezone = TimeZoneField(_l("Reference time zone"), validators=[DataRequired(), Length(max=64)],
                             description=_l("The IANA zone the agenda is written in, e.g. Europe/Zurich."))
    format = SelectField(_l("Format"), choices=list(FORMAT_LABELS.items()))
    venue = StringField(_l("Venue"), validators=[Optional(), Length(max=300)])
    platform = StringField(_l("Virtual platform"), validators=[Optional(), Length(max=100)])
    link = StringField(_l("Link to join"), validators=[Optional(), URL(), Length(max=500)])
    languages = MultiCheckboxField(_l("Working languages"), choices=LANGUAGE_CHOICES)
    interpretation = MultiCheckboxField(_l("Interpretation"), choices=LANGUAGE_CHOICES)
    visibility = SelectField(_l("Visibility"), choices=list(VISIBILITY_LABELS.items()),
                             description=_l("A private meeting is seen only by those with a role on it."))
    status = SelectField(_l("Status"), choices=list(STATUS_LABELS.items()),
                         description=_l("Cancelling keeps the meeting, marked as cancelled."))
    objectives = TextAreaField(_l("Objectives"), validators=[Optional(), Length(max=5000)])
    guiding_questions = LinesField(_l("Guiding questions"), description=_l("One per line."))
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=20000)])

    def validate_end_date(self, field):
        if self.start_date.data and field.data and field.data < self.start_date.data:
            raise ValidationError(_l("The meeting cannot end before it starts."))


MATERIAL_EXTENSIONS = ("pdf", "doc", "docx", "odt", "xls", "xlsx", "ods", "ppt", "pptx", "odp", "txt", "png", "jpg")
MATERIAL_MAX_BYTES = 20 * 1024 * 1024


class MaterialForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=500)])
    url = StringField(_l("Link"), validators=[Optional(), URL(), Length(max=1000)])
    file = FileField(_l("Or a file"), validators=[
        FileAllowed(MATERIAL_EXTENSIONS, _l("Upload a document or an image (%(kinds)s).", kinds=", ".join(MATERIAL_EXTENSIONS))),
        FileSize(MATERIAL_MAX_BYTES, message=_l("The file is larger than 20 MB.")),
    ])
    description = StringField(_l("Reference"), validators=[Optional(), Length(max=1000)])

    def validate_title(self, field):
        if not self.url.data and not self.file.data:
            raise ValidationError(_l("Give a link or upload a file."))


class TimedForm(FlaskForm):
    """Start and end typed in the reference zone; `instants()` turns them into UTC, or marks the fields."""

    start = TimeField(_l("Starts at"), validators=[DataRequired(message=_l("Give a time such as 15:00."))])
    end = TimeField(_l("Ends at"), validators=[DataRequired(message=_l("Give a time such as 16:30."))])
    start_fold = SelectField(_l("Which one?"), choices=FOLD_CHOICES, default="")
    end_fold = SelectField(_l("Which one?"), choices=FOLD_CHOICES, default="")

    def _instant(self, day: date, field, fold_field, zone: str) -> datetime | None:
        fold = int(fold_field.data) if fold_field.data in ("0", "1") else None
        try:
            return local_to_utc(datetime.combine(day, field.data), zone, fold=fold)
        except NonexistentLocalTime:
            field.errors.append(_l("%(time)s does not exist on %(day)s in %(zone)s: the clocks skip it. Choose another time.",
                                   time=field.data.strftime("%H:%M"), day=day.isoformat(), zone=zone))
        except AmbiguousLocalTime:
            self.ambiguous = True
            fold_field.errors.append(_l("%(time)s happens twice on %(day)s in %(zone)s: say which one you mean.",
                                        time=field.data.strftime("%H:%M"), day=day.isoformat(), zone=zone))
        return None

    def instants(self, day: date, zone: str) -> tuple[datetime, datetime] | None:
        """UTC start and end, or None with a message on the field that cannot be placed."""
        starts_at = self._instant(day, self.start, self.start_fold, zone)
        ends_at = self._instant(day, self.end, self.end_fold, zone)
        if starts_at is None or ends_at is None:
            return None
        return starts_at, ends_at


def fold_labels(zone: str, day: date, at: time) -> dict[str, str]:
    """The offsets of the two occurrences of an ambiguous time, for the form's explanation."""
    first = local_to_utc(datetime.combine(day, at), zone, fold=0)
    second = local_to_utc(datetime.combine(day, at), zone, fold=1)
    return {"0": utc_offset_label(first, zone), "1": utc_offset_label(second, zone)}


class SessionForm(TimedForm):
    version = HiddenField()
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    kind = SelectField(_l("Kind"), choices=list(SESSION_KIND_LABELS.items()))
    day = DateField(_l("Day"), validators=[DataRequired(message=_l("Give the day, e.g. 2021-11-10."))])
    audience = StringField(_l("Audience"), validators=[Optional(), Length(max=300)],
                           description=_l("Whom the session serves, e.g. ISCMs based in Western time zones."))
    iscms = MultiCheckboxField(_l("ISCMs taking part"), coerce=str)
    interpretation = MultiCheckboxField(_l("Interpretation"), choices=LANGUAGE_CHOICES)
    objective = TextAreaField(_l("Objective"), validators=[Optional(), Length(max=5000)])
    guiding_questions = LinesField(_l("Guiding questions"), description=_l("One per line."))
    copy_questions = BooleanField(_l("Copy the meeting's guiding questions"))
    room = StringField(_l("Room or platform"), validators=[Optional(), Length(max=200)])
    link = StringField(_l("Link"), validators=[Optional(), URL(), Length(max=500)])
    track = StringField(_l("Track"), validators=[Optional(), Length(max=80)],
                        description=_l("Parallel sessions at the same time are shown side by side by track."))
    status = SelectField(_l("Status"), choices=[("scheduled", _l("Scheduled")), ("cancelled", _l("Cancelled"))])


class ItemForm(TimedForm):
    version = HiddenField()
    session_id = SelectField(_l("Session"), coerce=int)
    kind = SelectField(_l("Kind"), choices=list(ITEM_KIND_LABELS.items()))
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=500)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)])


class AttachForm(FlaskForm):
    person_id = RadioField(_l("Person"), coerce=int, validate_choice=False,
                           validators=[DataRequired(message=_l("Choose a person from the search results."))])
    role = SelectField(_l("Role"), choices=list(ROLE_LABELS.items()))
    delivery = SelectField(_l("Delivery"), choices=list(DELIVERY_LABELS.items()))
    capacity = StringField(_l("Capacity"), validators=[Optional(), Length(max=500)],
                           description=_l("For example: for the Chair of the RCM."))


class ReleaseForm(FlaskForm):
    comment = StringField(_l("What changed, in a few words"), validators=[DataRequired(), Length(max=500)])


class PlannerForm(FlaskForm):
    """Read from the query string: the planner only computes; applying a proposal is a separate POST."""

    class Meta:
        csrf = False

    day = DateField(_l("Date"), validators=[DataRequired(message=_l("Give the date to plan, e.g. 2021-11-10."))])
    minutes = IntegerField(_l("Duration (minutes)"), default=90,
                           validators=[DataRequired(), NumberRange(min=15, max=600)])
    candidate = TimeField(_l("Candidate start (reference zone)"), validators=[Optional()])
    iscms = MultiCheckboxField(_l("ISCMs taking part"), coerce=str)
    zones = LinesField(_l("Other time zones"), description=_l("IANA names, one per line, e.g. Asia/Manila."))
    overrides = LinesField(
        _l("Zone overrides"),
        description=_l("One per line, ISCM slug = zone, e.g. bali-process = Asia/Jakarta (the chair's capital)."),
    )
    hosts_awake = BooleanField(_l("The organizers attend every session: keep it within 07–21 in the reference zone"))

    def validate_zones(self, field):
        unknown = [name for name in field.data or [] if not is_known_zone(name)]
        if unknown:
            raise ValidationError(_l("Unknown time zone: %(zones)s", zones=", ".join(unknown)))

    def parsed_overrides(self) -> dict[str, str]:
        pairs = (line.split("=", 1) for line in self.overrides.data or [] if "=" in line)
        return {slug.strip(): zone.strip() for slug, zone in pairs}

    def validate_overrides(self, field):
        bad = [line for line in field.data or [] if "=" not in line]
        bad += [zone for zone in self.parsed_overrides().values() if not is_known_zone(zone)]
        if bad:
            raise ValidationError(_l("Write one “slug = Zone/Name” per line; not understood: %(lines)s",
                                     lines="; ".join(bad)))


class RoleForm(FlaskForm):
    """Give an existing account a role on the meeting (rapporteurs are assigned with their sessions)."""

    email = EmailField(_l("E-mail of the account"), validators=[DataRequired(), Email(), Length(max=254)])
    role = SelectField(_l("Role"), choices=[("organizer", _l("Organizer")), ("staff", _l("Staff"))])
