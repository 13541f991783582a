from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, ValidationError

from coordinator.auth.passwords import MIN_LENGTH
from coordinator.core.timezones import is_known_zone


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email()])
    password = PasswordField(_l("Password"), validators=[DataRequired()])
    remember = BooleanField(_l("Keep me signed in"))


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired()])
    new_password = PasswordField(
        _l("New password"),
        validators=[
            DataRequired(),
            Length(min=MIN_LENGTH, message=_l("Use at least %(num)d characters.", num=MIN_LENGTH)),
        ],
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("new_password", message=_l("The two passwords differ."))],
    )


class PreferencesForm(FlaskForm):
    name = StringField(_l("Name"), validators=[Optional(), Length(max=200)])
    locale = SelectField(
        _l("Language"),
        choices=[("", _l("As my browser asks")), ("en", "English"), ("fr", "Français"), ("es", "Español")],
    )
    timezone = StringField(
        _l("Time zone"),
        validators=[Optional(), Length(max=64)],
        description=_l("An IANA name such as Europe/Zurich or Asia/Manila; empty follows the browser."),
    )

    def validate_timezone(self, field):
        if field.data and not is_known_zone(field.data.strip()):
            raise ValidationError(_l("Unknown time zone: %(zone)s", zone=field.data))
