"""Ranking metrics, one module per family, checked against trec_eval (pytrec_eval) as oracle.

Conventions (those of trec_eval 9, so figures are comparable with published ones):

* A run is an ordered list of document ids per query. Runs read from files are ordered by
  score descending, ties by document id **descending** (:func:`eval.formats.order_by_score`).
* Documents in the run that are not in the judgments count as non-relevant (grade 0).
* Binary measures (MAP, MRR, precision, recall, hit rate) count a document as relevant when its
  grade is >= ``threshold`` (default 1, trec_eval's ``-l 1``).
* nDCG uses the grade as gain (negative grades count as 0), the discount ``1 / log2(rank + 1)``,
  and the ideal ranking of **all** judged documents of the query (truncated at k for nDCG@k).
* A query with no relevant document scores 0 on every measure (as in trec_eval), and stays in
  the mean unless ``drop_queries_without_relevant`` is asked for.
* The evaluated queries are those of the judgments; a judged query missing from the run scores
  0 (trec_eval's ``-c``); run queries without judgments are ignored.
"""

from eval.metrics.average_precision import average_precision
from eval.metrics.evaluate import Evaluation, evaluate, mean_scores, per_query_frame
from eval.metrics.hit_rate import hit_rate
from eval.metrics.measures import Measure, MeasureKind, parse_measures
from eval.metrics.ndcg import ndcg
from eval.metrics.precision import precision
from eval.metrics.recall import recall
from eval.metrics.reciprocal_rank import reciprocal_rank

__all__ = [
    "Evaluation",
    "Measure",
    "MeasureKind",
    "average_precision",
    "evaluate",
    "hit_rate",
    "mean_scores",
    "ndcg",
    "parse_measures",
    "per_query_frame",
    "precision",
    "recall",
    "reciprocal_rank",
]
