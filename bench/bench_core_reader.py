"""Hostile spreadsheets against the bounded reader (issue 15): what each costs before it is refused.

Each file is read in a fresh process so the peak memory is that file's own. Prints, per file: its size, the
error (code, status, message), CPU seconds and the growth of the peak resident memory while reading.

    .venv/bin/python bench/bench_core_reader.py
"""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import time
import zipfile

CASES = ("xfd-workbook", "2m-rows-limit-20k", "2m-rows-limit-1m", "long-cell", "million-columns")


def workbook(rows: bytes) -> bytes:
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            f'<worksheet {ns}><dimension ref="A1:XFD1048576"/><sheetData>'.encode()
            + rows
            + b"</sheetData></worksheet>",
        )
    return buffer.getvalue()


def cell(ref: str, text: str) -> bytes:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'.encode()


def build(case: str) -> bytes:
    header = b'<row r="1">' + cell("A1", "name") + cell("B1", "address") + cell("C1", "country") + b"</row>"
    if case == "xfd-workbook":
        return workbook(header + b'<row r="1048576">' + cell("XFD1048576", "x") + b"</row>")
    if case.startswith("2m-rows"):
        return workbook(header + b'<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 2_000_000)
    if case == "long-cell":
        return b"name,address,country\nA," + b"y" * 131_073 + b",CN\n"
    return b"name,address,country," + b",".join(b"c%d" % i for i in range(1_000_000)) + b"\nA,B,C\n"


def measure(case: str) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rsca.config.settings")
    django.setup()
    from rsca.core.errors import DomainError
    from rsca.core.tabular import Limits, read_table

    data = build(case)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.process_time()
    limits = Limits.default(max_rows=20_000 if case.endswith("20k") else None, max_bytes=20_000_000)
    try:
        read_table(data, filename=case, required=["name", "address", "country"], limits=limits)
        outcome = "read"
    except DomainError as error:
        outcome = f"{error.code} ({error.status}): {error.message}"
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    print(
        f"{case:20} {len(data):>11,} B  CPU {time.process_time() - started:6.2f} s  peak RSS +{grown:5.0f} MB  "
        f"{outcome}"
    )


if __name__ == "__main__":
    if len(sys.argv) > 1:
        measure(sys.argv[1])
    else:
        for name in CASES:
            subprocess.run([sys.executable, __file__, name], check=True)
