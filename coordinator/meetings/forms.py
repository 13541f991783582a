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
    MonthField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import URL, DataRequired, Email, Length, NumberRange, Optional, ValidationError

from coordinator.core.forms import LinesField, MultiCheckboxField, NumberRangeIfNumber, TimeZoneField
from coordinator.core.partial_dates import MAX_YEAR, MIN_YEAR
from coordinator.core.timezones import (
    AmbiguousLocalTime,
    NonexistentLocalTime,
    is_known_zone,
    local_to_utc,
    utc_offset_label,
    utc_to_local,
)
from coordinator.meetings.agenda_labels import (
    DELIVERY_LABELS,
    ITEM_KIND_LABELS,
    LANGUAGE_LABELS,
    ROLE_LABELS,
    SESSION_KIND_LABELS,
)
from coordinator.meetings.labels import (
    FORMAT_LABELS,
    INITIATIVE_LABELS,
    KIND_LABELS,
    LEVEL_LABELS,
    STATUS_LABELS,
    VISIBILITY_LABELS,
)
from coordinator.meetings.models import APPEARANCE_FIELDS

LANGUAGE_CHOICES = list(LANGUAGE_LABELS.items())
FOLD_CHOICES = [
    ("", "—"),
    ("0", _l("The first one (before the clocks go back)")),
    ("1", _l("The second one (after the clocks go back)")),
]


def place_local_time(field, day: date, zone: str, fold: int | None = None) -> datetime | None:
    """The UTC instant of the field's time on `day` in `zone`; None with a message when the clocks skip it.

    A time that happens twice raises AmbiguousLocalTime: each form says how the user picks one.
    """
    try:
        return local_to_utc(datetime.combine(day, field.data), zone, fold=fold)
    except NonexistentLocalTime:
        field.errors.append(
            _l(
                "%(time)s does not exist on %(day)s in %(zone)s: the clocks skip it. Choose another time.",
                time=field.data.strftime("%H:%M"),
                day=day.isoformat(),
                zone=zone,
            )
        )
    return None


class InstantsForm(FlaskForm):
    """A form whose fields bear the names of the values they store, but for the instants, typed as local times in
    fields of their own."""

    #: Each stored instant under the field that edits it.
    INSTANT_FIELDS: dict[str, str] = {}

    def current_values(self, snapshot: dict) -> dict:
        """The values someone else saved meanwhile, keyed by this form's fields, so a conflict labels them as the
        form does."""
        return {self.INSTANT_FIELDS.get(name, name): value for name, value in snapshot.items()}


class MeetingForm(InstantsForm):
    """Any meeting, from a one-line calendar entry to a global meeting planned in sessions."""

    INSTANT_FIELDS = {"starts_at": "start_time", "ends_at": "end_time"}

    version = HiddenField()
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    number = StringField(
        _l("Number or series"), validators=[Optional(), Length(max=80)], description=_l("For example GRCP 9.")
    )
    subtitle = StringField(_l("Theme or subtitle"), validators=[Optional(), Length(max=500)])
    organiser = StringField(
        _l("Convened by"),
        validators=[Optional(), Length(max=300)],
        description=_l("The organisation convening it, when not only the ISCMs below."),
    )
    iscms = MultiCheckboxField(_l("ISCMs convening or taking part"), coerce=str)
    start_date = DateField(_l("First day"), validators=[Optional()])
    end_date = DateField(
        _l("Last day"), validators=[Optional()], description=_l("Leave empty for a one-day meeting.")
    )
    timezone = TimeZoneField(
        _l("Reference time zone"),
        validators=[DataRequired(), Length(max=64)],
        description=_l("The IANA zone the agenda is written in, e.g. Europe/Zurich."),
    )
    format = SelectField(_l("Format"), choices=list(FORMAT_LABELS.items()))
    venue = StringField(_l("Venue"), validators=[Optional(), Length(max=300)])
    platform = StringField(_l("Virtual platform"), validators=[Optional(), Length(max=100)])
    link = StringField(_l("Link to join"), validators=[Optional(), URL(), Length(max=500)])
    languages = MultiCheckboxField(_l("Working languages"), choices=LANGUAGE_CHOICES)
    interpretation = MultiCheckboxField(_l("Interpretation"), choices=LANGUAGE_CHOICES)
    visibility = SelectField(
        _l("Visibility"),
        choices=list(VISIBILITY_LABELS.items()),
        description=_l("A private meeting is seen only by those with a role on it."),
    )
    status = SelectField(
        _l("Status"),
        choices=list(STATUS_LABELS.items()),
        description=_l("Cancelling keeps the meeting, marked as cancelled."),
    )
    objectives = TextAreaField(_l("Objectives"), validators=[Optional(), Length(max=5000)])
    guiding_questions = LinesField(_l("Guiding questions"), description=_l("One per line."))
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=20000)])

    # The "Calendar" fieldset: what the ISCM calendar and its feeds show and filter by.
    kind = SelectField(_l("Kind"), choices=[("", "—"), *KIND_LABELS.items()], default="")
    level = SelectField(_l("Level"), choices=[("", "—"), *LEVEL_LABELS.items()], default="")
    place = StringField(
        _l("Place"),
        validators=[Optional(), Length(max=300)],
        description=_l("City and country, e.g. Lima, Peru."),
    )
    themes = MultiCheckboxField(_l("Themes"), coerce=str)
    initiatives = MultiCheckboxField(_l("Global initiatives"), choices=list(INITIATIVE_LABELS.items()))
    outcome_documents = LinesField(
        _l("Outcome documents adopted"), description=_l("One per line, e.g. Lima Declaration.")
    )
    timed = BooleanField(_l("It has a start and end time (otherwise it is shown as all-day)"))
    start_time = TimeField(_l("Starts at (reference zone)"), validators=[Optional()])
    end_time = TimeField(_l("Ends at (reference zone, on the last day)"), validators=[Optional()])
    month = MonthField(
        _l("Month only"),
        validators=[Optional()],
        description=_l("When the source gives the month but not the day."),
    )
    year = IntegerField(
        _l("Year only"),
        validators=[Optional(), NumberRangeIfNumber(min=MIN_YEAR, max=MAX_YEAR)],
        description=_l("When the source gives neither day nor month."),
    )
    dates_text = StringField(
        _l("Dates as the source words them"),
        validators=[Optional(), Length(max=200)],
        description=_l("For example: July and September."),
    )
    count = IntegerField(
        _l("Number of events"),
        default=1,
        validators=[Optional(), NumberRangeIfNumber(min=1, max=1000)],
        description=_l("When one entry stands for several, e.g. five training workshops."),
    )

    #: Fields the form shows but the meeting does not store as such.
    NOT_STORED = ("version", "csrf_token", "timed", *INSTANT_FIELDS.values())

    def validate(self, extra_validators=None) -> bool:
        """Field checks, then those that read several fields (empty optional fields skip their own validators)."""
        valid = super().validate(extra_validators)
        problems = [
            (
                self.start_date,
                not (self.start_date.data or self.month.data or self.year.data),
                _l("Give the first day (or, when the source does not give it, the month or year)."),
            ),
            (
                self.end_date,
                bool(self.end_date.data and not self.start_date.data),
                _l("Give the first day too."),
            ),
            (
                self.end_date,
                bool(
                    self.start_date.data and self.end_date.data and self.end_date.data < self.start_date.data
                ),
                _l("The meeting cannot end before it starts."),
            ),
            (
                self.start_time,
                self.timed.data and not self.start_date.data,
                _l("A timed meeting needs its first day."),
            ),
            (self.start_time, self.timed.data and not self.start_time.data, _l("Give a time such as 15:00.")),
            (self.end_time, self.timed.data and not self.end_time.data, _l("Give a time such as 16:30.")),
        ]
        for field, wrong, message in problems:
            if wrong:
                field.errors = [*field.errors, message]
                valid = False
        return valid

    def _instant(self, field, day: date) -> datetime | None:
        try:
            return place_local_time(field, day, self.timezone.data)
        except AmbiguousLocalTime:
            field.errors.append(
                _l(
                    "%(time)s happens twice on %(day)s in %(zone)s (the clocks go back): "
                    "choose a time outside that hour.",
                    time=field.data.strftime("%H:%M"),
                    day=day.isoformat(),
                    zone=self.timezone.data,
                )
            )
        return None

    def meeting_values(self) -> dict | None:
        """The meeting's values, times turned into UTC; None with a message on a time the clocks skip or repeat."""
        values = {name: field.data for name, field in self._fields.items() if name not in self.NOT_STORED}
        values["count"] = values["count"] or 1
        values["all_day"], values["starts_at"], values["ends_at"] = True, None, None
        if self.timed.data:
            starts_at = self._instant(self.start_time, self.start_date.data)
            ends_at = self._instant(self.end_time, self.end_date.data or self.start_date.data)
            if starts_at is None or ends_at is None:
                return None
            values["all_day"], values["starts_at"], values["ends_at"] = False, starts_at, ends_at
        return values

    def show_dates(self, meeting) -> None:
        """Dates of the edit page as the organizer typed them: times in the reference zone; "Year only" empty
        when a day or month gives the year (it is derived from them)."""
        if meeting.start_date or meeting.month:
            self.year.data = None
        self.timed.data = not meeting.all_day and meeting.starts_at is not None
        if self.timed.data:
            self.start_time.data = utc_to_local(meeting.starts_at, meeting.timezone).time()
            self.end_time.data = utc_to_local(meeting.ends_at or meeting.starts_at, meeting.timezone).time()


MATERIAL_EXTENSIONS = (
    "pdf",
    "doc",
    "docx",
    "odt",
    "xls",
    "xlsx",
    "ods",
    "ppt",
    "pptx",
    "odp",
    "txt",
    "png",
    "jpg",
)
MATERIAL_MAX_BYTES = 20 * 1024 * 1024


class MaterialForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=500)])
    url = StringField(_l("Link"), validators=[Optional(), URL(), Length(max=1000)])
    file = FileField(
        _l("Or a file"),
        validators=[
            FileAllowed(
                MATERIAL_EXTENSIONS,
                _l("Upload a document or an image (%(kinds)s).", kinds=", ".join(MATERIAL_EXTENSIONS)),
            ),
            FileSize(MATERIAL_MAX_BYTES, message=_l("The file is larger than 20 MB.")),
        ],
    )
    description = StringField(_l("Reference"), validators=[Optional(), Length(max=1000)])

    def validate_title(self, field):
        if not self.url.data and not self.file.data:
            raise ValidationError(_l("Give a link or upload a file."))


class TimedForm(InstantsForm):
    """Start and end typed in the reference zone; `instants()` turns them into UTC, or marks the fields."""

    INSTANT_FIELDS = {"starts_at": "start", "ends_at": "end"}

    start = TimeField(_l("Starts at"), validators=[DataRequired(message=_l("Give a time such as 15:00."))])
    end = TimeField(_l("Ends at"), validators=[DataRequired(message=_l("Give a time such as 16:30."))])
    start_fold = SelectField(_l("Which one?"), choices=FOLD_CHOICES, default="")
    end_fold = SelectField(_l("Which one?"), choices=FOLD_CHOICES, default="")

    def _instant(self, day: date, field, fold_field, zone: str) -> datetime | None:
        fold = int(fold_field.data) if fold_field.data in ("0", "1") else None
        try:
            return place_local_time(field, day, zone, fold)
        except AmbiguousLocalTime:
            self.ambiguous = True
            fold_field.errors.append(
                _l(
                    "%(time)s happens twice on %(day)s in %(zone)s: say which one you mean.",
                    time=field.data.strftime("%H:%M"),
                    day=day.isoformat(),
                    zone=zone,
                )
            )
        return None

    def stored_values(self, fields) -> dict:
        """The form's data of these stored fields, but the instants, which `instants()` gives."""
        return {name: self[name].data for name in fields if name not in self.INSTANT_FIELDS}

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
    audience = StringField(
        _l("Audience"),
        validators=[Optional(), Length(max=300)],
        description=_l("Whom the session serves, e.g. ISCMs based in Western time zones."),
    )
    iscms = MultiCheckboxField(_l("ISCMs taking part"), coerce=str)
    interpretation = MultiCheckboxField(_l("Interpretation"), choices=LANGUAGE_CHOICES)
    objective = TextAreaField(_l("Objective"), validators=[Optional(), Length(max=5000)])
    guiding_questions = LinesField(_l("Guiding questions"), description=_l("One per line."))
    copy_questions = BooleanField(_l("Copy the meeting's guiding questions"))
    room = StringField(_l("Room or platform"), validators=[Optional(), Length(max=200)])
    link = StringField(_l("Link"), validators=[Optional(), URL(), Length(max=500)])
    track = StringField(
        _l("Track"),
        validators=[Optional(), Length(max=80)],
        description=_l("Parallel sessions at the same time are shown side by side by track."),
    )
    status = SelectField(
        _l("Status"), choices=[("scheduled", _l("Scheduled")), ("cancelled", _l("Cancelled"))]
    )


class ItemForm(TimedForm):
    version = HiddenField()
    session_id = SelectField(_l("Session"), coerce=int)
    kind = SelectField(_l("Kind"), choices=list(ITEM_KIND_LABELS.items()))
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=500)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)])


class AppearanceForm(FlaskForm):
    """How one person appears in an item: role, delivery, capacity, and the agenda's own words when needed."""

    role = SelectField(_l("Role"), choices=list(ROLE_LABELS.items()))
    delivery = SelectField(_l("Delivery"), choices=list(DELIVERY_LABELS.items()))
    capacity = StringField(
        _l("Capacity"),
        validators=[Optional(), Length(max=500)],
        description=_l("For example: for the Chair of the RCM."),
    )
    role_label = StringField(
        _l("Role as the agenda words it"),
        validators=[Optional(), Length(max=200)],
        description=_l("Leave empty for the role's own name; e.g. Rapporteur for Discussion Session 1."),
    )
    listed_name = StringField(
        _l("Name as the agenda prints it"),
        validators=[Optional(), Length(max=300)],
        description=_l("Honorific included; leave empty for the directory's name."),
    )
    listed_as = TextAreaField(
        _l("Listed as"),
        validators=[Optional(), Length(max=2000)],
        description=_l(
            "What follows the name, in place of position, organisation and "
            "capacity; e.g. Permanent Representative of Chile to the UN, Chair of "
            "the SACM."
        ),
    )

    def appearance_values(self) -> dict:
        return {name: self[name].data for name in APPEARANCE_FIELDS}


class AttachForm(AppearanceForm):
    person_id = RadioField(
        _l("Person"),
        coerce=int,
        validate_choice=False,
        validators=[DataRequired(message=_l("Choose a person from the search results."))],
    )


class ReleaseForm(FlaskForm):
    comment = StringField(_l("What changed, in a few words"), validators=[DataRequired(), Length(max=500)])


class PlannerForm(FlaskForm):
    """Read from the query string: the planner only computes; applying a proposal is a separate POST."""

    class Meta:
        csrf = False

    day = DateField(
        _l("Date"), validators=[DataRequired(message=_l("Give the date to plan, e.g. 2021-11-10."))]
    )
    minutes = IntegerField(
        _l("Duration (minutes)"), default=90, validators=[DataRequired(), NumberRange(min=15, max=600)]
    )
    candidate = TimeField(_l("Candidate start (reference zone)"), validators=[Optional()])
    iscms = MultiCheckboxField(_l("ISCMs taking part"), coerce=str)
    zones = LinesField(_l("Other time zones"), description=_l("IANA names, one per line, e.g. Asia/Manila."))
    overrides = LinesField(
        _l("Zone overrides"),
        description=_l(
            "One per line, ISCM slug = zone, e.g. bali-process = Asia/Jakarta (the chair's capital)."
        ),
    )
    hosts_awake = BooleanField(
        _l("The organizers attend every session: keep it within 07–21 in the reference zone")
    )
    next_day = BooleanField(
        _l("Two or three sessions may spread over this date and the next day (one each day at least)")
    )

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
            raise ValidationError(
                _l("Write one “slug = Zone/Name” per line; not understood: %(lines)s", lines="; ".join(bad))
            )


class RoleForm(FlaskForm):
    """Give an existing account a role on the meeting (rapporteurs are assigned with their sessions)."""

    email = EmailField(_l("E-mail of the account"), validators=[DataRequired(), Email(), Length(max=254)])
    role = SelectField(_l("Role"), choices=[("organizer", _l("Organizer")), ("staff", _l("Staff"))])
