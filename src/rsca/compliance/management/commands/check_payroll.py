"""`rsca check-payroll --roster R --time T --payroll P --jurisdiction CN-440300 [--code rba]
[--format json|table] [--engine duckdb|spark]`: every violation in a facility's records.

JSON output is `{"findings": [...], "summary": {...}}` with the worker_id exactly as in the input files.
Bad input prints each problem with file, row and column and exits with status 2; no findings are printed.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rsca.compliance.check import ENGINES, payroll_check
from rsca.core.errors import DomainError

TABLE_COLUMNS = (
    ("code", 30),
    ("worker_id", 14),
    ("period", 23),
    ("measured", 10),
    ("limit", 10),
    ("unit", 16),
    ("standard", 12),
    ("severity", 8),
    ("provisions", 40),
)


class Command(BaseCommand):
    help = "Check roster, time and payroll records against the law, ILO standards and a buyer code."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--roster", required=True, help="roster file (CSV or XLSX)")
        parser.add_argument("--time", required=True, help="time records (CSV or XLSX)")
        parser.add_argument("--payroll", required=True, help="payroll records (CSV or XLSX)")
        parser.add_argument(
            "--jurisdiction",
            required=True,
            help="e.g. CN-440300 (Shenzhen), CN-320583 (Kunshan), 441900 (Dongguan), VN-SG, VN-HN:250, TH-11",
        )
        parser.add_argument("--code", default=None, help="buyer code to apply as well, e.g. rba or amfori")
        parser.add_argument("--format", choices=("json", "table"), default="json")
        parser.add_argument("--engine", choices=ENGINES, default="duckdb")
        parser.add_argument("--output", default=None, help="write to this file instead of standard output")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = payroll_check(
                roster=options["roster"],
                time=options["time"],
                payroll=options["payroll"],
                jurisdiction=options["jurisdiction"],
                buyer_code=options["code"],
                engine=options["engine"],
            )
        except DomainError as error:
            lines = [f"error: {error.message}"]
            for detail in error.details if isinstance(error.details, list) else []:
                if isinstance(detail, dict):
                    lines.append(
                        f"  {detail.get('file') or '-'}, row {detail.get('row') if detail.get('row') is not None else '-'}"
                        f", column {detail.get('column') or '-'}: {detail.get('message')}"
                    )
            self.stderr.write("\n".join(lines))
            sys.exit(2)
        if options["format"] == "json":
            text = json.dumps(report.as_json(), ensure_ascii=False, indent=2, default=str)
        else:
            text = self._table(report.findings, report.summary)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
        else:
            self.stdout.write(text)

    @staticmethod
    def _table(findings: list[dict[str, Any]], summary: dict[str, Any]) -> str:
        def cell(value: Any, width: int) -> str:
            text = "" if value is None else str(value)
            return (text[: width - 1] + "…") if len(text) > width else text.ljust(width)

        lines = ["  ".join(cell(name, width) for name, width in TABLE_COLUMNS)]
        for finding in findings:
            period = finding["date"] or f"{finding['period_start']}–{finding['period_end']}"
            provisions = "; ".join(f"{p['instrument']} {p['reference']}" for p in finding["provisions"])
            values = {**finding, "period": period, "provisions": provisions}
            lines.append("  ".join(cell(values.get(name), width) for name, width in TABLE_COLUMNS))
        lines.append("")
        lines.append(
            f"{summary['findings']} finding(s) for {summary['workers']} worker(s), "
            f"{summary['period']['start']} to {summary['period']['end']}, {summary['jurisdiction']}"
            + (f" + {summary['buyer_code']}" if summary.get("buyer_code") else "")
        )
        for code, figures in summary["by_code"].items():
            if figures["findings"]:
                lines.append(
                    f"  {code}: {figures['workers']} worker(s) ({figures['share']:.1%}), "
                    f"{figures['findings']} finding(s)"
                )
        under = summary["underpayment"]
        lines.append(
            f"  max weekly hours {summary['max_weekly_hours']}, longest run without rest "
            f"{summary['longest_run_without_rest']} days, underpayment {under['total']} {under['currency']}"
        )
        from rsca.compliance.models import SKIP_REASONS

        for code, reason in summary.get("checks_skipped", {}).items():
            lines.append(f"  not checked: {code} ({SKIP_REASONS.get(reason, reason)})")
        not_judged = summary.get("not_judged", {})
        for check, count in not_judged.get("by_check", {}).items():
            reasons = sorted(
                {item["reason"] for item in not_judged.get("items", []) if item["check"] == check}
            )
            lines.append(
                f"  not judged (never counted as passed): {check} for {count} worker-period(s) "
                f"({', '.join(reasons)})"
            )
        for finding in findings:
            if finding.get("computation"):
                lines.append(
                    f"  {finding['worker_id']} {finding['period_start']}–{finding['period_end']} "
                    f"{finding['code']}: {finding['computation']}"
                )
        return "\n".join(lines)


__all__ = ["Command", "CommandError"]
