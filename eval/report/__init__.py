"""Reports of a comparison: a rich table for the terminal, a JSON file and an HTML page with plots."""

from eval.report.html import render_html, write_html
from eval.report.json_report import report_to_dict, write_json
from eval.report.table import comparison_tables, print_report

__all__ = ["comparison_tables", "print_report", "render_html", "report_to_dict", "write_html", "write_json"]
