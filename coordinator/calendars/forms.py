"""Forms of the calendar: the import upload and its confirmation."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, SelectField

from coordinator.core.forms import TimeZoneField


class ImportForm(FlaskForm):
    file = FileField(
        _l("Calendar file (.ics or .csv)"), validators=[FileRequired(_l("Choose a file to import."))]
    )
    iscm = SelectField(_l("ISCM these meetings belong to"))
    timezone = TimeZoneField(_l("Time zone of dates without one"), default="UTC")


class ConfirmImportForm(FlaskForm):
    key = HiddenField()
    iscm = HiddenField()
    timezone = HiddenField()
    filename = HiddenField()
