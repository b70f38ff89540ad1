"""Universal education and literacy (PCGD–XMC): schooling and literacy per person, the standards
as data, what the engine keeps, and a commune's recognition file."""

from xhht.pcgd.models.cohorts import COHORTS, Cohort, CohortSpec, Measure
from xhht.pcgd.models.dossier import Dossier
from xhht.pcgd.models.kept import CohortFigure, StandardResult
from xhht.pcgd.models.schooling import Departure, LiteracyRecord, SchoolingRecord
from xhht.pcgd.models.standards import (
    LEVELS,
    ConditionCheck,
    Family,
    HardshipCommune,
    ProvinceRule,
    Standard,
    StandardCode,
    StandardRule,
)
from xhht.pcgd.models.years import current_school_year, school_year_label, school_year_of

__all__ = [
    "COHORTS",
    "LEVELS",
    "Cohort",
    "CohortFigure",
    "CohortSpec",
    "ConditionCheck",
    "Departure",
    "Dossier",
    "Family",
    "HardshipCommune",
    "LiteracyRecord",
    "Measure",
    "ProvinceRule",
    "SchoolingRecord",
    "Standard",
    "StandardCode",
    "StandardResult",
    "StandardRule",
    "current_school_year",
    "school_year_label",
    "school_year_of",
]
