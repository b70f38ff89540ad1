from xhht.commendation.models.movement import Movement, MovementQuerySet
from xhht.commendation.models.nomination import (
    Award,
    Nomination,
    NominationEvidence,
    NominationQuerySet,
    State,
    Step,
)

__all__ = [
    "Award",
    "Movement",
    "MovementQuerySet",
    "Nomination",
    "NominationEvidence",
    "NominationQuerySet",
    "State",
    "Step",
]
