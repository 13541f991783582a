from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional, Regexp

from coordinator.core.forms import TimeZoneField
from coordinator.people.models import HONORIFICS


class PersonForm(FlaskForm):
    version = HiddenField()
    honorific = StringField(
        _l("Honorific"),
        validators=[Optional(), Length(max=30)],
        description=_l("As printed before the name: %(examples)s.", examples=", ".join(HONORIFICS)),
    )
    given_name = StringField(_l("Given name(s)"), validators=[Optional(), Length(max=120)])
    family_name = StringField(_l("Family name"), validators=[DataRequired(), Length(max=120)])
    position = StringField(_l("Position"), validators=[Optional(), Length(max=500)])
    organisation = StringField(_l("Organisation"), validators=[Optional(), Length(max=300)])
    country = StringField(
        _l("Country"),
        validators=[
            Optional(),
            Regexp(r"^[A-Za-z]{2}$", message=_l("Use the two-letter code, e.g. PH for the Philippines.")),
        ],
    )
    iscm_id = SelectField(_l("ISCM affiliation"), coerce=lambda value: int(value) if value else None)
    email = EmailField(_l("E-mail"), validators=[Optional(), Email(), Length(max=254)])
    timezone = TimeZoneField(_l("Home time zone"), validators=[Optional(), Length(max=64)])
    full_position = TextAreaField(_l("Position as lists print it"), validators=[Optional(), Length(max=2000)])
