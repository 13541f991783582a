"""Forms of rapporteur assignment and of the summary report (the report editor itself is parsed by `content.py`)."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, FormField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.form import Form
from wtforms.validators import DataRequired, Email, Length, Optional, Regexp

from coordinator.auth.forms import ChangePasswordForm
from coordinator.core.forms import MultiCheckboxField
from coordinator.reports.models import BUILT_IN_ANNEXES

ANNEX_LABELS = {
    "description": _l("Description of the meeting"),
    "agenda": _l("Agenda"),
    "speakers": _l("List of speakers"),
    "participants": _l("List of participants"),
    "materials": _l("List of relevant materials"),
    "rapporteur_reports": _l("Approved rapporteur reports"),
}


@dataclass(frozen=True)
class PartField:
    """How the report editor offers a part: its legend, a hint under it, the height of its text boxes."""

    legend: str
    hint: str = ""
    rows: int = 3


#: The editor's wording of each part of a rapporteur report (what it prints under is content.PART_HEADINGS).
PART_FIELDS = {
    "opening": PartField(
        _l("Opening lines"),
        _l("Printed first, before any heading: a link to the original, the title, the date…"),
        4,
    ),
    "people": PartField(
        _l("Facilitator and rapporteur"), _l("As the agenda names them until you change them.")
    ),
    "objective": PartField(_l("Objective of the session"), rows=2),
    "guiding_questions": PartField(_l("Guiding questions"), rows=2),
    "iscms_present": PartField(_l("ISCMs present"), rows=1),
    "floor": PartField(_l("ISCMs and speakers who took the floor")),
    "consensuses": PartField(_l("Main consensuses")),
    "practices": PartField(
        _l("Effective practices"), _l("Each practice is attributed to the ISCM that presented it.")
    ),
    "challenges": PartField(_l("Challenges")),
    "recommendations": PartField(_l("Recommendations")),
    "next_steps": PartField(_l("Next steps")),
    "free_text": PartField(_l("Free text"), rows=8),
}


class AssignRapporteurForm(FlaskForm):
    session_id = SelectField(_l("Session"), coerce=int)
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    name = StringField(
        _l("Name"),
        validators=[Optional(), Length(max=200)],
        description=_l("For someone without an account: an invitation link lets them set a password."),
    )


class SetPasswordForm(ChangePasswordForm):
    """Choosing a first password from an invitation: there is no current one to give."""

    current_password = None


class StepForm(FlaskForm):
    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=10_000)])


class AnnexNotesForm(Form):
    """Markdown each built-in annex prints after its own content (e.g. the meeting's website under its description)."""


for _key in BUILT_IN_ANNEXES:
    setattr(AnnexNotesForm, _key, TextAreaField(ANNEX_LABELS[_key], validators=[Length(max=20_000)]))


class SummaryForm(FlaskForm):
    version = HiddenField()
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=500)])
    subtitle = StringField(_l("Subtitle"), validators=[Optional(), Length(max=500)])
    date_line = StringField(
        _l("Dates as the cover prints them"),
        validators=[Optional(), Length(max=200)],
        description=_l("For example: 10-11 November 2021"),
    )
    annexes = MultiCheckboxField(
        _l("Annexes after the written ones"), choices=[(key, ANNEX_LABELS[key]) for key in BUILT_IN_ANNEXES]
    )
    final = BooleanField(
        _l("Final: print without the “Draft” watermark and show it to every reader of the meeting")
    )
    imprint = TextAreaField(
        _l("Imprint (Markdown)"),
        validators=[Length(max=20_000)],
        description=_l("Printed on the page after the cover: disclaimer, publisher, copyright."),
    )
    annex_notes = FormField(
        AnnexNotesForm, _l("Printed at the end of a built-in annex (Markdown)"), name="notes"
    )


class AcronymsForm(FlaskForm):
    version = HiddenField()
    text = TextAreaField(
        _l("Acronyms"),
        validators=[Length(max=20_000)],
        description=_l("One a line: ACRONYM: what it stands for. Empty the box to derive the list again."),
    )


class SectionForm(FlaskForm):
    version = HiddenField()
    key = StringField(
        _l("Short name (in links)"),
        validators=[
            DataRequired(),
            Length(max=80),
            Regexp(r"^[a-z0-9-]+$", message=_l("Use a-z, 0-9 and hyphens.")),
        ],
    )
    title = StringField(_l("Heading"), validators=[DataRequired(), Length(max=300)])
    level = SelectField(
        _l("Level"), coerce=int, choices=[(1, _l("Chapter")), (2, _l("Section")), (3, _l("Sub-section"))]
    )
    part = SelectField(
        _l("Part"), choices=[("body", _l("Body of the report")), ("annex", _l("Written annex"))]
    )
    body = TextAreaField(_l("Text (Markdown)"), validators=[Length(max=500_000)])


class QuoteForm(FlaskForm):
    speaker = StringField(_l("Speaker"), validators=[DataRequired(), Length(max=500)])
    words = TextAreaField(_l("Words"), validators=[DataRequired(), Length(max=5_000)])
