"""What the waiting pages say a build is doing, in the reader's language."""

from flask_babel import lazy_gettext as _l

from coordinator.exporting import jobs

STAGE_LABELS = {
    jobs.PREPARING: _l("Preparing the rows…"),
    jobs.WAITING: _l("Waiting for a worker…"),
    jobs.BUILDING: _l("Laying out the pages…"),
    jobs.SAVING: _l("Saving the file…"),
}


def stage_label(stage: str) -> str:
    return str(STAGE_LABELS.get(stage, STAGE_LABELS[jobs.WAITING]))
