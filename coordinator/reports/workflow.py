"""Which step of a report's workflow may follow which, and who may take it: plain rules, no database.

draft → submitted → changes requested (with comments) → resubmitted → approved. An organizer may
reopen an approved report (back to changes requested) to correct it.
"""

from dataclasses import dataclass

RAPPORTEUR, ORGANIZER = "rapporteur", "organizer"


@dataclass(frozen=True)
class Step:
    action: str
    from_statuses: tuple[str, ...]
    to_status: str
    #: Who may take the step: the session's rapporteur, the meeting's organizers, or both.
    actors: tuple[str, ...]
    needs_comment: bool = False


STEPS = {
    "submit": Step("submit", ("draft",), "submitted", (RAPPORTEUR, ORGANIZER)),
    "resubmit": Step("resubmit", ("changes_requested",), "resubmitted", (RAPPORTEUR, ORGANIZER)),
    "request_changes": Step(
        "request_changes", ("submitted", "resubmitted"), "changes_requested", (ORGANIZER,), needs_comment=True
    ),
    "approve": Step("approve", ("submitted", "resubmitted"), "approved", (ORGANIZER,)),
    "reopen": Step("reopen", ("approved",), "changes_requested", (ORGANIZER,), needs_comment=True),
}

#: States in which the rapporteur writes; organizers may also correct a report under review.
RAPPORTEUR_EDITS = ("draft", "changes_requested")
ORGANIZER_EDITS = ("draft", "changes_requested", "submitted", "resubmitted")


class WorkflowError(ValueError):
    """A step that may not be taken now, or not by this person; the message is for the user."""


def submit_action(status: str) -> str:
    """Submitting a report sent back for changes is a resubmission."""
    return "resubmit" if status == "changes_requested" else "submit"


def available_steps(status: str, actor: str | None) -> list[str]:
    return [name for name, step in STEPS.items() if status in step.from_statuses and actor in step.actors]


def can_edit(status: str, actor: str | None) -> bool:
    if actor == ORGANIZER:
        return status in ORGANIZER_EDITS
    return actor == RAPPORTEUR and status in RAPPORTEUR_EDITS
