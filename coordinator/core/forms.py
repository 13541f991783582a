"""Form fields that every capability uses."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectMultipleField, StringField, TextAreaField, widgets
from wtforms.validators import NumberRange, ValidationError

from coordinator.core.timezones import is_known_zone


class LinesField(TextAreaField):
    """A list of short texts, one per line; blank lines are dropped."""

    def _value(self):
        return "\n".join(self.data or [])

    def process_formdata(self, valuelist):
        if valuelist:
            self.data = [line.strip() for line in valuelist[0].splitlines() if line.strip()]
        else:
            self.data = []


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class TimeZoneField(StringField):
    """An IANA zone name, checked against the zone database."""

    def pre_validate(self, form):
        if self.data:
            self.data = self.data.strip()
        if self.data and not is_known_zone(self.data):
            raise ValidationError(
                _l("Unknown time zone “%(zone)s”: use an IANA name such as Europe/Zurich.", zone=self.data)
            )


class NumberRangeIfNumber(NumberRange):
    """A range check that stays silent when the input is not a number: the field's own "not a valid
    integer" message is then the one to read, not two at once."""

    def __call__(self, form, field):
        if field.data is not None:
            super().__call__(form, field)
