"""Forms of participation, registration, import and printing."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, EmailField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional

from coordinator.core.forms import MultiCheckboxField
from coordinator.participants.labels import CAPACITY_LABELS, STATUS_LABELS
from coordinator.participants.models import CAPACITIES, STATUSES

LANGUAGE_CHOICES = [
    ("", "—"),
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
    ("ar", "العربية"),
    ("ru", "Русский"),
    ("pt", "Português"),
    ("zh", "中文"),
]


def capacity_choices():
    return [("", "—")] + [(code, CAPACITY_LABELS[code]) for code in CAPACITIES]


class PersonFields(FlaskForm):
    honorific = StringField(
        _l("Honorific"),
        validators=[Optional(), Length(max=30)],
        description=_l("As printed before the name: H.E. Mr, Ms, Dr."),
    )
    given_name = StringField(_l("Given name"), validators=[Optional(), Length(max=120)])
    family_name = StringField(_l("Family name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("E-mail"), validators=[Optional(), Email(), Length(max=254)])
    position = StringField(_l("Position"), validators=[Optional(), Length(max=500)])
    organisation = StringField(_l("Organisation"), validators=[Optional(), Length(max=300)])


class ParticipantForm(PersonFields):
    group_id = SelectField(_l("Group"), coerce=int)
    iscm_id = SelectField(_l("ISCM represented"), coerce=lambda v: int(v) if v else None)
    represented = TextAreaField(
        _l("Printed in the ISCM column"),
        validators=[Optional(), Length(max=2000)],
        description=_l("Leave empty to print the ISCM's name and the capacity."),
    )
    capacity = SelectField(_l("Capacity"), choices=capacity_choices, validators=[Optional()])
    list_position = TextAreaField(
        _l("Position printed in this meeting's list"),
        validators=[Optional(), Length(max=500)],
        description=_l("Leave empty to print the position from the people directory."),
    )
    status = SelectField(_l("Status"), choices=[(code, STATUS_LABELS[code]) for code in STATUSES])
    language = SelectField(
        _l("Language for interpretation"), choices=LANGUAGE_CHOICES, validators=[Optional()]
    )
    sessions = MultiCheckboxField(_l("Sessions attended"), coerce=int)
    remarks = TextAreaField(_l("Remarks"), validators=[Optional(), Length(max=5000)])
    version = HiddenField()


class ResponseForm(PersonFields):
    """What an invitee (or someone registering) tells the organizers."""

    language = SelectField(
        _l("Language for interpretation"), choices=LANGUAGE_CHOICES, validators=[Optional()]
    )
    sessions = MultiCheckboxField(_l("Sessions you will attend"), coerce=int)
    remarks = TextAreaField(_l("Remarks for the organizers"), validators=[Optional(), Length(max=5000)])


class RegistrationForm(ResponseForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    iscm_id = SelectField(_l("ISCM represented"), coerce=lambda v: int(v) if v else None)
    capacity = SelectField(_l("Capacity"), choices=capacity_choices, validators=[Optional()])


class GroupForm(FlaskForm):
    title = StringField(
        _l("New group"),
        validators=[DataRequired(), Length(max=200)],
        description=_l("A section of the participant list, printed after the others."),
    )


class SettingsForm(FlaskForm):
    open_registration = BooleanField(_l("Open registration: anyone may ask to take part; organizers approve"))
    participants_visible = BooleanField(
        _l("Participants may see each other: confirmed participants see the names in the participant list"),
        description=_l(
            "A participant sees it once signed in with the account of the e-mail address they were "
            "invited or registered with; never the e-mail addresses."
        ),
    )


class UploadForm(FlaskForm):
    file = FileField(_l("CSV or Excel (.xlsx) file"))
