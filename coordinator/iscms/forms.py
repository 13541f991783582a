from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import URL, DataRequired, Length, Optional, ValidationError

from coordinator.core.forms import LinesField, MultiCheckboxField, NumberRangeIfNumber, TimeZoneField
from coordinator.core.partial_dates import PartialDateError, parse_partial_date, parse_partial_end
from coordinator.iscms.labels import ROLE_LABELS, STATUS_LABELS, TYPE_LABELS
from coordinator.iscms.models import CHAIR_ROLES, TERM_STATUSES, TYPES

#: More than every State there is (193 UN members; the GFMD counts 195): a bigger number is a typing error.
MAX_MEMBER_STATES = 250


class IscmForm(FlaskForm):
    version = HiddenField()
    acronym = StringField(_l("Acronym"), validators=[DataRequired(), Length(max=40)])
    name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=300)])
    other_names = LinesField(_l("Other names"), description=_l("One per line."))
    type = SelectField(_l("Type"), choices=[("", "—")] + [(t, TYPE_LABELS[t]) for t in TYPES])
    member_states = IntegerField(
        _l("Member States"),
        validators=[
            Optional(),
            NumberRangeIfNumber(min=0, message=_l("The number of member States cannot be negative.")),
            NumberRangeIfNumber(
                max=MAX_MEMBER_STATES,
                message=_l("No ISCM has more than %(max)d member States.", max=MAX_MEMBER_STATES),
            ),
        ],
    )
    established = IntegerField(_l("Year established"), validators=[Optional()])
    established_note = StringField(_l("Note on the establishment"), validators=[Optional(), Length(max=200)])
    regions = MultiCheckboxField(_l("Regions covered"), coerce=str)
    regions_note = StringField(
        _l("Regions, as the source words them"), validators=[Optional(), Length(max=200)]
    )
    organisations = LinesField(_l("Associated organisations"), description=_l("One per line."))
    organisations_note = StringField(
        _l("Organisations, as the source words them"),
        validators=[Optional(), Length(max=200)],
        description=_l("When it names none, its words: “Not applicable”, “None”."),
    )
    secretariats = LinesField(_l("Secretariat(s)"), description=_l("One per line."))
    secretariats_note = StringField(_l("Note on the secretariat"), validators=[Optional(), Length(max=300)])
    iom_roles = LinesField(_l("Role(s) of IOM"), description=_l("One per line."))
    home_timezone = TimeZoneField(
        _l("Home time zone"),
        validators=[Optional(), Length(max=64)],
        description=_l("Where the secretariat works; the planner's default for this ISCM."),
    )
    timezone_note = StringField(_l("Why this zone"), validators=[Optional(), Length(max=200)])
    themes = MultiCheckboxField(_l("Thematic foci"), coerce=str)
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)])
    website = StringField(_l("Website"), validators=[Optional(), URL(), Length(max=300)])

    def validate_established(self, field):
        if field.data is not None and field.data > date.today().year:
            raise ValidationError(_l("The year of establishment cannot be in the future."))
        if field.data is not None and field.data < 1900:
            raise ValidationError(_l("Give a year from 1900 on."))


class PartialDateField(StringField):
    """A year, a year and month, or a full date: 2019, 2019-06 or 2019-06-15."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        self.data = (self.data or "").strip()

    def parsed(self):
        return parse_partial_date(self.data)

    def parsed_end(self):
        """As the end of a period: the last day the text can mean."""
        return parse_partial_end(self.data)

    def pre_validate(self, form):
        try:
            self.parsed()
        except PartialDateError as error:
            raise ValidationError(
                _l("Write a year (2019), a month (2019-06) or a date (2019-06-15).")
            ) from error


class ChairTermForm(FlaskForm):
    holder = StringField(_l("State or entity"), validators=[DataRequired(), Length(max=200)])
    role = SelectField(_l("Role"), choices=[(r, ROLE_LABELS[r]) for r in CHAIR_ROLES])
    status = SelectField(_l("Status"), choices=[(s, STATUS_LABELS[s]) for s in TERM_STATUSES])
    starts = PartialDateField(_l("From"), description=_l("2019, 2019-06 or 2019-06-15"))
    ends = PartialDateField(_l("To"), description=_l("Empty while the term runs."))
    source = StringField(_l("Source"), validators=[Optional(), Length(max=200)])

    def validate_ends(self, field):
        try:
            starts_on, _ = self.starts.parsed()
            ends_on, _ = field.parsed_end()
        except PartialDateError:
            return
        if starts_on and ends_on and ends_on < starts_on:
            raise ValidationError(_l("A term cannot end before it starts."))
