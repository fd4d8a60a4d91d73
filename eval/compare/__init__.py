"""Comparing ranking configurations: significance, confidence intervals, exposure, stability."""

from eval.compare.bootstrap import ConfidenceInterval, bootstrap_ci
from eval.compare.correction import bonferroni, holm
from eval.compare.exposure import (
    exposure_by_freelancer,
    exposure_gini,
    exposure_spread,
    gini,
    new_profile_share,
    position_weight,
)
from eval.compare.significance import TestResult, paired_permutation_test, paired_t_test
from eval.compare.stability import mean_rbo, rbo

__all__ = [
    "ConfidenceInterval",
    "TestResult",
    "bonferroni",
    "bootstrap_ci",
    "exposure_by_freelancer",
    "exposure_gini",
    "exposure_spread",
    "gini",
    "holm",
    "mean_rbo",
    "new_profile_share",
    "paired_permutation_test",
    "paired_t_test",
    "position_weight",
    "rbo",
]
