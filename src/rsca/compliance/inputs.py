# ruff: noqa: S608 - SQL here is built only from the fixed schema names below (and quoted header names
# matched against them); every value from a file is a bound parameter or stays in a table.
"""Reading and validating roster, time and payroll files into typed DuckDB tables.

Documented schemas (CSV or XLSX; header case-insensitive; extra columns ignored):

* roster: worker_id, birth_date, sex, hire_date, contract_signed_date, termination_date, job_title
  (+ optional social_insurance_enrolled, is_student_worker, department, hazardous_work — true when the
  worker's job is work that under-18s may not do: Labour Law art. 64 and the 1994 Provisions on the Special
  Protection of Juvenile Workers art. 3 in China, ILO C138 art. 3 and C182; working_hour_system — standard,
  comprehensive_month|quarter|year or irregular; approval_reference; contract_wage; part_time)
* time: worker_id, date, hours (+ optional start_time, end_time as HH:MM)
* payroll: worker_id, period_start, period_end, base_pay, overtime_pay, allowances, deductions, net_pay,
  currency (+ optional social_insurance_employee: the worker's own contributions)

Large UTF-8 CSV files are read by DuckDB's CSV reader; XLSX, GB18030 text and small files go through
`rsca.core.tabular.read_table`. Either way every value is then parsed in SQL, and every problem is
reported with file, row (1 = first data row) and column. Nothing is returned unless all three files
are valid: a run never produces findings from half a file.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
from django.utils.translation import gettext as _

from rsca.core.errors import InvalidInput, TooLarge
from rsca.core.imports.values import CellProblem, number_parse
from rsca.core.tabular import LIMIT_CODES, MAX_LINE_BYTES, csv_precheck, normalise_header, read_table

MAX_ERRORS = 50
DIRECT_CSV_BYTES = 256 * 1024  # above this, a UTF-8 CSV is read by DuckDB directly (much faster)

# column -> kind; kinds: id, text, date, number, hours, bool, time. Required columns must be present;
# `required_values` must also be non-empty on every row.
SCHEMAS: dict[str, dict[str, Any]] = {
    "roster": {
        "required": [
            "worker_id",
            "birth_date",
            "sex",
            "hire_date",
            "contract_signed_date",
            "termination_date",
            "job_title",
        ],
        "optional": [
            "social_insurance_enrolled",
            "is_student_worker",
            "department",
            "hazardous_work",
            "working_hour_system",
            "approval_reference",
            "contract_wage",
            "part_time",
        ],
        "kinds": {
            "worker_id": "id",
            "birth_date": "date",
            "sex": "text",
            "hire_date": "date",
            "contract_signed_date": "date",
            "termination_date": "date",
            "job_title": "text",
            "social_insurance_enrolled": "bool",
            "is_student_worker": "bool",
            "department": "text",
            "hazardous_work": "bool",
            "working_hour_system": "system",
            "approval_reference": "text",
            "contract_wage": "number",
            "part_time": "bool",
        },
        "required_values": ["worker_id", "birth_date", "hire_date"],
    },
    "time": {
        "required": ["worker_id", "date", "hours"],
        "optional": ["start_time", "end_time"],
        "kinds": {
            "worker_id": "id",
            "date": "date",
            "hours": "hours",
            "start_time": "time",
            "end_time": "time",
        },
        "required_values": ["worker_id", "date", "hours"],
    },
    "payroll": {
        "required": [
            "worker_id",
            "period_start",
            "period_end",
            "base_pay",
            "overtime_pay",
            "allowances",
            "deductions",
            "net_pay",
            "currency",
        ],
        "optional": ["social_insurance_employee"],
        "kinds": {
            "worker_id": "id",
            "period_start": "date",
            "period_end": "date",
            "base_pay": "number",
            "overtime_pay": "number",
            "allowances": "number",
            "deductions": "number",
            "net_pay": "number",
            "currency": "text",
            "social_insurance_employee": "number",
        },
        "required_values": ["worker_id", "period_start", "period_end", "base_pay", "overtime_pay", "net_pay"],
    },
}

ALIASES = {
    "employee_id": "worker_id",
    "staff_id": "worker_id",
    "work_date": "date",
    "hours_worked": "hours",
    "dob": "birth_date",
    "date_of_birth": "birth_date",
}

# roster `working_hour_system` (blank = standard): Labour Law arts. 36 and 39, 劳部发〔1994〕503号
WORKING_HOUR_SYSTEMS = (
    "standard",
    "comprehensive_month",
    "comprehensive_quarter",
    "comprehensive_year",
    "irregular",
)
TRUE_WORDS = ("true", "yes", "y", "1", "是", "t")
FALSE_WORDS = ("false", "no", "n", "0", "否", "f")


@dataclass
class Source:
    """One input file: a path on disk or the bytes of an upload, and the name to report errors under."""

    filename: str
    path: Path | None = None
    data: bytes | None = None

    @classmethod
    def of(cls, value: str | Path | Source) -> Source:
        if isinstance(value, Source):
            return value
        path = Path(value)
        return cls(filename=path.name, path=path)


@dataclass
class LoadedInputs:
    con: duckdb.DuckDBPyConnection
    rows: dict[str, int]
    start: datetime.date
    end: datetime.date
    has_social_insurance: bool
    has_student_flag: bool
    has_times: bool
    has_hazard: bool = False
    currencies: list[str] = field(default_factory=list)


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _error(filename: str, row: int | None, column: str | None, message: str) -> dict[str, Any]:
    return {"file": filename, "row": row, "column": column, "message": message}


def _stage_direct(con: duckdb.DuckDBPyConnection, kind: str, source: Source) -> dict[str, str] | None:
    """Read a UTF-8 CSV with DuckDB into raw_<kind> (all text); None when DuckDB cannot (encoding, XLSX)."""
    assert source.path is not None
    try:
        con.execute(
            f"CREATE OR REPLACE TEMP VIEW csv_{kind} AS SELECT * FROM read_csv({_lit(str(source.path))}, "
            f"all_varchar=true, header=true, auto_detect=true, sample_size=20480, "
            f"max_line_size={MAX_LINE_BYTES})"
        )
        columns = [row[0] for row in con.execute(f"DESCRIBE csv_{kind}").fetchall()]
        mapping = {}
        for original in columns:
            name = normalise_header(original)
            name = ALIASES.get(name, name)
            if name and name not in mapping:
                mapping[name] = original
        known = set(SCHEMAS[kind]["kinds"])
        select = ", ".join(
            f"NULLIF(TRIM({_q(orig)}), '') AS {_q(name)}" for name, orig in mapping.items() if name in known
        )
        if not select:
            return mapping
        con.execute(
            f"CREATE OR REPLACE TABLE raw_{kind} AS SELECT row_number() OVER () AS _row, {select} "
            f"FROM csv_{kind}"
        )
        return mapping
    except (duckdb.InvalidInputException, duckdb.ConversionException, UnicodeDecodeError):
        return None
    finally:
        con.execute(f"DROP VIEW IF EXISTS csv_{kind}")


SQL_TYPES = {
    "id": "VARCHAR",
    "text": "VARCHAR",
    "date": "DATE",
    "number": "DOUBLE",
    "hours": "DOUBLE",
    "bool": "BOOLEAN",
    "time": "TIME",
    "system": "VARCHAR",
}
_SYSTEM_LIST = ", ".join("'" + name + "'" for name in WORKING_HOUR_SYSTEMS)


def _csv_header(con: duckdb.DuckDBPyConnection, source: Source) -> dict[str, str] | None:
    """Normalised column name -> header as written, or None when DuckDB cannot read the file as CSV."""
    assert source.path is not None
    try:
        columns = [
            row[0]
            for row in con.execute(
                f"DESCRIBE SELECT * FROM read_csv({_lit(str(source.path))}, all_varchar=true, header=true, "
                f"auto_detect=true, sample_size=20480)"
            ).fetchall()
        ]
    except (duckdb.InvalidInputException, duckdb.ConversionException, UnicodeDecodeError):
        return None
    mapping: dict[str, str] = {}
    for original in columns:
        name = ALIASES.get(normalise_header(original), normalise_header(original))
        if name and name not in mapping:
            mapping[name] = original
    return mapping


def _load_typed(con: duckdb.DuckDBPyConnection, kind: str, source: Source, mapping: dict[str, str]) -> bool:
    """The fast path for large, clean UTF-8 CSV files: DuckDB parses the types while reading.

    Returns False (and leaves nothing behind) at the first value it cannot take as it is; the caller
    then reads the file as text and reports every problem with its row and column.
    """
    assert source.path is not None
    schema = SCHEMAS[kind]
    kinds: dict[str, str] = schema["kinds"]
    present = [c for c in kinds if c in mapping]
    types = ", ".join(f"{_lit(mapping[c])}: {_lit(SQL_TYPES[kinds[c]])}" for c in present)
    select = ["row_number() OVER () AS _row"] if kind != "time" else []
    checks = []
    for col in kinds:
        col_kind = kinds[col]
        name = f"{col[:-5]}_min" if col_kind == "time" else col
        if col not in mapping:
            select.append(
                f"CAST(NULL AS {'INTEGER' if col_kind == 'time' else SQL_TYPES[col_kind]}) AS {_q(name)}"
            )
            continue
        source_col = _q(mapping[col])
        if col_kind == "time":  # read as TIME: a value that is not one stops the fast path
            select.append(f"(hour({source_col}) * 60 + minute({source_col}))::INTEGER AS {_q(name)}")
            checks.append(f"({_q(name)} >= 1440)")  # 24:00 is not a time of day
            continue
        value = f"NULLIF(TRIM({source_col}), '')" if SQL_TYPES[col_kind] == "VARCHAR" else source_col
        if col_kind == "system":
            value = f"LOWER({value})"
            checks.append(f"({_q(col)} IS NOT NULL AND {_q(col)} NOT IN ({_SYSTEM_LIST}))")
        select.append(f"{value} AS {_q(col)}")
        if col in schema["required_values"]:
            checks.append(f"({_q(col)} IS NULL)")
        if col_kind == "hours":
            checks.append(f"({_q(col)} < 0 OR {_q(col)} > 24 OR NOT isfinite({_q(col)}))")
        if col_kind == "number":
            checks.append(f"(NOT isfinite({_q(col)}))")
    reader = (
        f"read_csv({_lit(str(source.path))}, header=true, auto_detect=true, sample_size=20480, "
        f"max_line_size={MAX_LINE_BYTES}, "
        f"types={{{types}}})"
    )
    try:
        con.execute(f"CREATE OR REPLACE TABLE in_{kind} AS SELECT {', '.join(select)} FROM {reader}")
        bad = con.execute(
            f"SELECT COUNT(*) FROM in_{kind} WHERE {' OR '.join(checks) or 'FALSE'}"
        ).fetchall()[0]
    except (
        duckdb.InvalidInputException,
        duckdb.ConversionException,
        duckdb.BinderException,
        UnicodeDecodeError,
    ):
        con.execute(f"DROP TABLE IF EXISTS in_{kind}")
        return False
    if bad[0]:
        con.execute(f"DROP TABLE in_{kind}")
        return False
    if kind == "time" and _has_duplicate_days(con):  # the text path says where
        con.execute("DROP TABLE in_time")
        return False
    return True


def _has_duplicate_days(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether a worker has two records for one day, found cheaply: in each worker-month, the records must
    number as many as the distinct days of the month they cover (a bit per day of the month)."""
    return bool(
        con.execute("""
        SELECT COUNT(*) FROM (
          SELECT COUNT(*) AS n, bit_count(bit_or(1::UBIGINT << day(date)::UBIGINT)) AS days
          FROM in_time GROUP BY worker_id, year(date) * 12 + month(date)) WHERE n <> days""").fetchall()[0][0]
    )


def _stage_tabular(
    con: duckdb.DuckDBPyConnection, kind: str, source: Source, max_bytes: int | None
) -> set[str]:
    schema = SCHEMAS[kind]
    raw: Any = source.data if source.data is not None else source.path
    table = read_table(
        raw,
        filename=source.filename,
        required=schema["required"],
        optional=schema["optional"],
        aliases=ALIASES,
        max_bytes=max_bytes,
    )
    columns = table.columns
    data: dict[str, list[Any]] = {"_row": [row.number for row in table.rows]}
    for column in columns:
        data[column] = [row.values.get(column) or None for row in table.rows]
    arrow = pa.table(
        {
            name: pa.array(values, type=pa.int64() if name == "_row" else pa.string())
            for name, values in data.items()
        }
    )
    con.register(f"arrow_{kind}", arrow)
    con.execute(f"CREATE OR REPLACE TABLE raw_{kind} AS SELECT * FROM arrow_{kind}")
    con.unregister(f"arrow_{kind}")
    return set(columns)


def _number_or_none(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        return float(number_parse(text))
    except CellProblem:
        return None


def _register_parsers(con: duckdb.DuckDBPyConnection) -> None:
    """Values DuckDB's typed reader did not take are read by the one number parser every importer uses
    (`1,234.5`, `1.234,5`, `12,5` = 12.5; rules in `rsca.core.imports.values`)."""
    from duckdb.func import SPECIAL

    with contextlib.suppress(duckdb.NotImplementedException):  # already registered on this connection
        con.create_function("rsca_number", _number_or_none, ["varchar"], "double", null_handling=SPECIAL)


def _parse_expr(kind: str, col: str) -> str:
    c = _q(col)
    if kind == "date":
        # ISO, with slashes or dots, and the 2025年3月1日 of Chinese payroll exports; never day/month guesses
        formats = (
            "%Y-%m-%d",
            "%Y/%m/%d",
            "%Y.%m.%d",
            "%Y年%m月%d日",
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%dT%H:%M:%S",
            "%Y/%m/%d %H:%M:%S",
        )
        return f"COALESCE({', '.join(f'TRY_STRPTIME(TRIM({c}), {_lit(f)})' for f in formats)})::DATE"
    if kind in ("number", "hours"):
        return f"rsca_number({c})"  # the platform's one number parser (core.imports.values), see _register_parsers
    if kind == "bool":
        trues = ", ".join(_lit(w) for w in TRUE_WORDS)
        falses = ", ".join(_lit(w) for w in FALSE_WORDS)
        return f"CASE WHEN LOWER({c}) IN ({trues}) THEN TRUE WHEN LOWER({c}) IN ({falses}) THEN FALSE END"
    if kind == "system":
        return f"LOWER(TRIM({c}))"
    if kind == "time":
        parsed = f"COALESCE(TRY_STRPTIME({c}, '%H:%M'), TRY_STRPTIME({c}, '%H:%M:%S'))"
        return f"(EXTRACT(hour FROM {parsed}) * 60 + EXTRACT(minute FROM {parsed}))::INTEGER"
    return c


def _bad_condition(kind: str, col: str, required: bool) -> tuple[str, str] | None:
    """SQL that is true on a bad raw value of `col`, and the message for it."""
    c = _q(col)
    parsed = _parse_expr(kind, col)
    missing = f"{c} IS NULL" if required else "FALSE"
    if kind == "date":
        return (
            f"({missing} OR ({c} IS NOT NULL AND {parsed} IS NULL))",
            _("not a date (use YYYY-MM-DD)") if not required else _("missing or not a date (use YYYY-MM-DD)"),
        )
    if kind == "number":
        return (
            f"({missing} OR ({c} IS NOT NULL AND ({parsed} IS NULL OR NOT isfinite({parsed}))))",
            _("missing or not a number"),
        )
    if kind == "hours":
        return (
            f"({missing} OR ({c} IS NOT NULL AND ({parsed} IS NULL OR NOT isfinite({parsed}) OR {parsed} < 0 "
            f"OR {parsed} > 24)))",
            _("hours must be a number from 0 to 24"),
        )
    if kind == "bool":
        return f"({c} IS NOT NULL AND {parsed} IS NULL)", _("not yes/no (use true/false, yes/no or 1/0)")
    if kind == "time":
        return f"({c} IS NOT NULL AND {parsed} IS NULL)", _("not a time of day (use HH:MM)")
    if kind == "system":
        return (
            f"({c} IS NOT NULL AND {parsed} NOT IN ({_SYSTEM_LIST}))",
            _("not a working-hour system (use one of: %(names)s)")
            % {"names": ", ".join(WORKING_HOUR_SYSTEMS)},
        )
    if required:
        return f"({c} IS NULL)", _("missing value")
    return None


def _collect(
    con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None
) -> list[tuple[Any, ...]]:
    return con.execute(sql, params or []).fetchall()


def _validate_and_type(
    con: duckdb.DuckDBPyConnection, kind: str, filename: str, present: set[str]
) -> list[dict[str, Any]]:
    schema = SCHEMAS[kind]
    errors: list[dict[str, Any]] = []
    checks = []
    for col, col_kind in schema["kinds"].items():
        if col not in present:
            continue
        condition = _bad_condition(col_kind, col, col in schema["required_values"])
        if condition is not None:
            checks.append((col, condition[0], condition[1]))
    if checks:
        any_bad = " OR ".join(cond for _col, cond, _msg in checks)
        flags = ", ".join(f"{cond} AS {_q('bad_' + col)}" for col, cond, _m in checks)
        values = ", ".join(_q(col) for col, _c, _m in checks)
        bad_rows = _collect(
            con,
            f"SELECT _row, {flags}, {values} FROM raw_{kind} WHERE {any_bad} "
            f"ORDER BY _row LIMIT {MAX_ERRORS}",
        )
        for row in bad_rows:
            for index, (col, _cond, message) in enumerate(checks):
                if row[1 + index]:
                    value = row[1 + len(checks) + index]
                    shown = f" (“{value}”)" if value is not None else ""
                    errors.append(_error(filename, row[0], col, f"{message}{shown}"))
    if errors:
        return errors[:MAX_ERRORS]
    select = ["_row"]
    for col, col_kind in schema["kinds"].items():
        if col in present:
            expr = _parse_expr(col_kind, col)
            if col_kind == "time":
                name = f"{col[:-5]}_min"  # start_time -> start_min
                select.append(f"{expr} AS {name}")
            else:
                select.append(f"{expr} AS {_q(col)}")
        else:
            sql_type = {
                "date": "DATE",
                "number": "DOUBLE",
                "hours": "DOUBLE",
                "bool": "BOOLEAN",
                "time": "INTEGER",
            }.get(col_kind, "VARCHAR")
            name = f"{col[:-5]}_min" if col_kind == "time" else col
            select.append(f"CAST(NULL AS {sql_type}) AS {_q(name)}")
    con.execute(f"CREATE OR REPLACE TABLE in_{kind} AS SELECT {', '.join(select)} FROM raw_{kind}")
    con.execute(f"DROP TABLE raw_{kind}")
    return []


def _consistency_errors(con: duckdb.DuckDBPyConnection, filenames: dict[str, str]) -> list[dict[str, Any]]:
    errors: list[dict[str, Any]] = []
    for row, worker, first in _collect(
        con,
        f"""
        SELECT _row, worker_id, first_row FROM (
          SELECT _row, worker_id, MIN(_row) OVER (PARTITION BY worker_id) AS first_row,
                 COUNT(*) OVER (PARTITION BY worker_id) AS n FROM in_roster) WHERE n > 1 AND _row <> first_row
        ORDER BY _row LIMIT {MAX_ERRORS}""",
    ):
        errors.append(
            _error(
                filenames["roster"],
                row,
                "worker_id",
                _("worker %(worker)s is listed twice (first on row %(first)s)")
                % {"worker": worker, "first": first},
            )
        )
    time_columns = {row[0] for row in con.execute("DESCRIBE in_time").fetchall()}
    for row, worker, day, first in (
        []
        if "_row" not in time_columns
        else _collect(
            con,
            f"""
        SELECT _row, worker_id, date, first_row FROM (
          SELECT _row, worker_id, date, MIN(_row) OVER (PARTITION BY worker_id, date) AS first_row,
                 COUNT(*) OVER (PARTITION BY worker_id, date) AS n FROM in_time) WHERE n > 1 AND _row <> first_row
        ORDER BY _row LIMIT {MAX_ERRORS}""",
        )
    ):
        errors.append(
            _error(
                filenames["time"],
                row,
                "date",
                _("worker %(worker)s has a second record for %(date)s (first on row %(first)s)")
                % {"worker": worker, "date": day, "first": first},
            )
        )
    for row, start, end in _collect(
        con,
        f"SELECT _row, period_start, period_end FROM in_payroll "
        f"WHERE period_end < period_start ORDER BY _row LIMIT {MAX_ERRORS}",
    ):
        errors.append(
            _error(
                filenames["payroll"],
                row,
                "period_end",
                _("the period ends (%(end)s) before it starts (%(start)s)") % {"end": end, "start": start},
            )
        )
    for row, worker, previous_row in _collect(
        con,
        f"""
        SELECT _row, worker_id, prev_row FROM (
          SELECT _row, worker_id, period_start,
                 LAG(period_end) OVER w AS prev_end, LAG(_row) OVER w AS prev_row FROM in_payroll
          WINDOW w AS (PARTITION BY worker_id ORDER BY period_start, period_end, _row))
        WHERE prev_end IS NOT NULL AND period_start <= prev_end ORDER BY _row LIMIT {MAX_ERRORS}""",
    ):
        errors.append(
            _error(
                filenames["payroll"],
                row,
                "period_start",
                _("worker %(worker)s: this pay period overlaps the one on row %(other)s")
                % {"worker": worker, "other": previous_row},
            )
        )
    for row, column in _collect(
        con,
        f"""
        SELECT _row, CASE WHEN birth_date > hire_date THEN 'birth_date' ELSE 'termination_date' END FROM in_roster
        WHERE birth_date > hire_date OR termination_date < hire_date ORDER BY _row LIMIT {MAX_ERRORS}""",
    ):
        message = (
            _("born after being hired") if column == "birth_date" else _("terminated before being hired")
        )
        errors.append(_error(filenames["roster"], row, column, message))
    return errors[:MAX_ERRORS]


def input_error(errors: list[dict[str, Any]]) -> InvalidInput:
    first = errors[0]
    count = str(len(errors)) if len(errors) < MAX_ERRORS else f"{MAX_ERRORS}+"
    return InvalidInput(
        _(
            "The files have %(count)s problem(s); the first: %(file)s, row %(row)s, column %(column)s: %(message)s"
        )
        % {
            "count": count,
            "file": first["file"],
            "row": first["row"] if first["row"] is not None else "-",
            "column": first["column"] or "-",
            "message": first["message"],
        },
        code="bad_input",
        details=errors,
    )


def currency_errors(loaded: LoadedInputs, *, currency: str, filename: str) -> list[dict[str, Any]]:
    """Pay in another currency than the minimum wage cannot be compared with it."""
    return [
        _error(
            filename,
            row,
            "currency",
            _("currency %(value)s; the minimum wage of this jurisdiction is in %(currency)s")
            % {"value": value, "currency": currency},
        )
        for row, value in _collect(
            loaded.con,
            f"SELECT _row, currency FROM in_payroll WHERE currency IS NOT NULL "
            f"AND UPPER(currency) <> ? ORDER BY _row LIMIT {MAX_ERRORS}",
            [currency.upper()],
        )
    ]


def pseudonymiser(key: bytes) -> Callable[[str], str]:
    """A keyed hash (HMAC-SHA-256) of a worker identifier, shortened to 20 hex characters."""

    def pseudonym(worker_id: str) -> str:
        return "W-" + hmac.new(key, worker_id.strip().encode("utf-8"), hashlib.sha256).hexdigest()[:20]

    return pseudonym


def _pseudonymise(con: duckdb.DuckDBPyConnection, pseudonym: Callable[[str], str]) -> None:
    ids = [
        row[0]
        for row in con.execute(
            "SELECT worker_id FROM in_roster UNION SELECT worker_id FROM in_time UNION SELECT worker_id FROM in_payroll"
        ).fetchall()
    ]
    mapping = pa.table(
        {
            "worker_id": pa.array(ids, pa.string()),
            "pseudonym": pa.array([pseudonym(i) for i in ids], pa.string()),
        }
    )
    con.register("pseudonyms", mapping)
    for kind in ("roster", "time", "payroll"):
        con.execute(
            f"UPDATE in_{kind} SET worker_id = p.pseudonym FROM pseudonyms p WHERE in_{kind}.worker_id = p.worker_id"
        )
    con.unregister("pseudonyms")


def inputs_load(
    *,
    roster: str | Path | Source,
    time: str | Path | Source,
    payroll: str | Path | Source,
    pseudonym: Callable[[str], str] | None = None,
    max_bytes: int | None = None,
    con: duckdb.DuckDBPyConnection | None = None,
) -> LoadedInputs:
    """Read, validate and type the three files; raise `InvalidInput` listing every problem found.

    With `pseudonym`, every worker_id is replaced by its pseudonym before anything else sees it.
    """
    con = con or duckdb.connect()
    _register_parsers(con)
    sources = {"roster": Source.of(roster), "time": Source.of(time), "payroll": Source.of(payroll)}
    filenames = {kind: source.filename for kind, source in sources.items()}
    errors: list[dict[str, Any]] = []
    for kind, source in sources.items():
        schema = SCHEMAS[kind]
        try:
            present: set[str] | None = None
            if source.path is not None and source.data is None:
                if not source.path.exists():
                    raise InvalidInput(
                        _("%(file)s does not exist.") % {"file": source.filename},
                        code="missing_file",
                        details=[_error(source.filename, None, None, _("file not found"))],
                    )
                size = source.path.stat().st_size
                if max_bytes is not None and size > max_bytes:
                    raise TooLarge(
                        _("%(file)s is too large.") % {"file": source.filename},
                        code="file_too_large",
                        details=[_error(source.filename, None, None, _("file too large"))],
                    )
                with source.path.open("rb") as handle:
                    head = handle.read(4)
                if size > DIRECT_CSV_BYTES and not head.startswith(b"PK\x03\x04"):
                    csv_precheck(
                        source.path, filename=source.filename
                    )  # width, NUL bytes: before DuckDB reads it
                    header = _csv_header(con, source)
                    if header is not None:
                        missing = [c for c in schema["required"] if c not in header]
                        if missing:
                            raise InvalidInput(
                                _("Required column(s) missing: %(columns)s.")
                                % {"columns": ", ".join(missing)},
                                code="bad_header",
                                details=[
                                    _error(
                                        source.filename,
                                        0,
                                        ", ".join(missing),
                                        _("Required column(s) missing: %(columns)s.")
                                        % {"columns": ", ".join(missing)},
                                    )
                                ],
                            )
                        if _load_typed(con, kind, source, header):
                            continue
                        mapping = _stage_direct(con, kind, source)
                        if mapping is not None:
                            present = set(mapping) & set(schema["kinds"])
            if present is None:
                present = _stage_tabular(con, kind, source, max_bytes if max_bytes is not None else 2**40)
        except InvalidInput as error:
            if error.code in LIMIT_CODES:  # a limit of the reader: its message says all
                raise
            errors.extend(error.details or [_error(source.filename, None, None, error.message)])
            continue
        errors.extend(_validate_and_type(con, kind, source.filename, present))
    if not errors:
        errors.extend(_consistency_errors(con, filenames))
    if errors:
        raise input_error(errors)
    if pseudonym is not None:
        _pseudonymise(con, pseudonym)
    counts = {kind: con.execute(f"SELECT COUNT(*) FROM in_{kind}").fetchall()[0][0] for kind in sources}  # type: ignore[index]
    bounds = con.execute("""
        SELECT MIN(d), MAX(d) FROM (SELECT date AS d FROM in_time UNION ALL SELECT period_start FROM in_payroll
                                    UNION ALL SELECT period_end FROM in_payroll)""").fetchall()[0]
    start, end = bounds or (None, None)
    if start is None or end is None:
        raise InvalidInput(
            _("The time and payroll files hold no dated records."),
            code="no_records",
            details=[_error(filenames["time"], None, "date", _("no records"))],
        )
    flags = con.execute(
        "SELECT COUNT(social_insurance_enrolled) > 0, COUNT(is_student_worker) > 0, "
        "COUNT(hazardous_work) > 0 FROM in_roster"
    ).fetchall()[0]
    has_times = con.execute("SELECT COUNT(start_min) > 0 AND COUNT(end_min) > 0 FROM in_time").fetchall()[0]
    currencies = [
        r[0]
        for r in con.execute(
            "SELECT DISTINCT UPPER(currency) FROM in_payroll WHERE currency IS NOT NULL"
        ).fetchall()
    ]
    return LoadedInputs(
        con=con,
        rows=counts,
        start=start,
        end=end,
        has_social_insurance=bool(flags and flags[0]),
        has_student_flag=bool(flags and flags[1]),
        has_times=bool(has_times and has_times[0]),
        has_hazard=bool(flags and flags[2]),
        currencies=currencies,
    )
