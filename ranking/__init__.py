"""talentmatch ranking: briefs, the eligibility policy, hybrid retrieval, scoring signals and
explanations. The API and the evaluation code use :class:`Ranker` through this package."""

from ranking.brief import (
    Brief,
    LanguageRequirement,
    LocationCriteria,
    SearchMode,
    load_brief,
    parse_brief,
)
from ranking.config import FusionMethod, MustHaveMode, RankingConfig
from ranking.policy import EligibilityPolicy
from ranking.ranker import Ranker
from ranking.results import ProfileExplanation, RankedProfile, RankingResult, SignalContribution
from ranking.signals import SignalName

__all__ = [
    "Brief",
    "EligibilityPolicy",
    "FusionMethod",
    "LanguageRequirement",
    "LocationCriteria",
    "MustHaveMode",
    "ProfileExplanation",
    "RankedProfile",
    "Ranker",
    "RankingConfig",
    "RankingResult",
    "SearchMode",
    "SignalContribution",
    "SignalName",
    "load_brief",
    "parse_brief",
]
