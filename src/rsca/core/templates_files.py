"""Blank templates and sample files for every upload, built from the importers' own column declarations.

An app that imports a file declares an `UploadKind` (its required and optional columns and header aliases,
taken from the importer's module, a short description of every column in both languages and a few sample rows)
in its `upload_templates` module and registers it with `register()`; `upload_kinds()` finds them all (Django's
`autodiscover_modules`, like the admin). For each kind this module writes:

- `<kind>-template-en.csv` / `.xlsx`: the header row with the importer's own column names;
- `<kind>-template-zh.csv` / `.xlsx`: the header row in Chinese wherever the importer accepts a Chinese
  header (one of its aliases), the column name otherwise;
- `<kind>-sample.csv` / `.xlsx`: realistic rows that import cleanly (a test imports each one through the
  importer's service).

Every XLSX file carries a second sheet describing each column (required or not, meaning, example) in the
language of the template. The platform builds them from the declarations when first asked (so they cannot
drift from the importers) and serves them at /library/upload-templates/; `rsca templates --output DIR` writes
them to a directory.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

LANGUAGES = ("en", "zh")
# A fixed creation date, so that writing the files again changes nothing unless their content changes.
FIXED_CREATED = datetime.datetime(2026, 1, 1)


@dataclass(frozen=True)
class ColumnHelp:
    """What a column holds, in both languages, with an example value."""

    label_zh: str
    help_en: str
    help_zh: str
    example: str = ""


@dataclass
class UploadKind:
    key: str
    title_en: str
    title_zh: str
    required: Sequence[str]
    optional: Sequence[str]
    aliases: dict[str, str]
    help: dict[str, ColumnHelp]
    sample_columns: Sequence[str]
    sample_rows: Callable[[], list[list[Any]]]
    note_en: str = ""
    note_zh: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def columns(self) -> list[str]:
        return [*self.required, *self.optional]

    def header(self, language: str) -> list[str]:
        """The header row: the importer's column names, or in Chinese the importer's Chinese alias of each."""
        if language == "en":
            return self.columns
        chinese: dict[str, str] = {}
        for alias, column in self.aliases.items():
            if any("\u4e00" <= ch <= "\u9fff" for ch in alias):
                chinese.setdefault(column, alias)
        return [chinese.get(column, column) for column in self.columns]

    def guide_rows(self, language: str) -> list[list[str]]:
        rows = []
        for name, header in zip(self.columns, self.header(language), strict=True):
            info = self.help.get(name) or ColumnHelp(label_zh=name, help_en="", help_zh="")
            if language == "en":
                rows.append(
                    [header, "required" if name in self.required else "optional", info.help_en, info.example]
                )
            else:
                rows.append(
                    [
                        header,
                        info.label_zh,
                        "必填" if name in self.required else "选填",
                        info.help_zh,
                        info.example,
                    ]
                )
        return rows

    def described(self) -> list[dict[str, Any]]:
        """Each column with its Chinese header, whether it is required, and its help (for the formats page)."""
        return [
            {
                "name": name,
                "header_zh": header_zh,
                "required": name in self.required,
                "help": self.help.get(name) or ColumnHelp(label_zh=name, help_en="", help_zh=""),
            }
            for name, header_zh in zip(self.columns, self.header("zh"), strict=True)
        ]

    def file_names(self) -> list[str]:
        return [
            *(f"{self.key}-template-{lang}.{ext}" for lang in LANGUAGES for ext in ("csv", "xlsx")),
            f"{self.key}-sample.csv",
            f"{self.key}-sample.xlsx",
        ]


_REGISTRY: dict[str, UploadKind] = {}


def register(kind: UploadKind) -> UploadKind:
    missing = [c for c in kind.sample_columns if c not in kind.columns]
    if missing:
        raise ValueError(f"{kind.key}: sample columns {missing} are not columns of the importer")
    _REGISTRY[kind.key] = kind
    return kind


def upload_kinds() -> dict[str, UploadKind]:
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("upload_templates")
    return dict(_REGISTRY)


def _csv(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM lets Excel open Chinese text correctly


def _xlsx(sheets: list[tuple[str, Sequence[str], Sequence[Sequence[Any]]]]) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    workbook.set_properties({"created": FIXED_CREATED, "title": sheets[0][0]})
    bold = workbook.add_format({"bold": True, "bg_color": "#EEF1F4", "text_wrap": True})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    for name, header, rows in sheets:
        sheet = workbook.add_worksheet(name[:31])
        for col, text in enumerate(header):
            sheet.write_string(0, col, str(text), bold)
            width = max([len(str(text))] + [len(str(r[col])) for r in rows if col < len(r)])
            sheet.set_column(col, col, max(12, min(60, width + 2)))
        for r, row in enumerate(rows, start=1):
            for col, value in enumerate(row):
                if value is None or value == "":
                    continue
                sheet.write_string(r, col, str(value), wrap)
        sheet.freeze_panes(1, 0)
    workbook.close()
    return buffer.getvalue()


GUIDE_HEADER = {
    "en": ["column", "required?", "what it holds", "example"],
    "zh": ["列名", "含义", "是否必填", "说明", "示例"],
}
GUIDE_SHEET = {"en": "columns", "zh": "列说明"}
DATA_SHEET = {"en": "data", "zh": "数据"}


def kind_files(kind: UploadKind) -> dict[str, bytes]:
    """Every file of one upload kind, by file name."""
    files: dict[str, bytes] = {}
    for language in LANGUAGES:
        header = kind.header(language)
        guide = kind.guide_rows(language)
        files[f"{kind.key}-template-{language}.csv"] = _csv(header, [])
        files[f"{kind.key}-template-{language}.xlsx"] = _xlsx(
            [(DATA_SHEET[language], header, []), (GUIDE_SHEET[language], GUIDE_HEADER[language], guide)]
        )
    rows = kind.sample_rows()
    files[f"{kind.key}-sample.csv"] = _csv(kind.sample_columns, rows)
    files[f"{kind.key}-sample.xlsx"] = _xlsx(
        [
            (DATA_SHEET["en"], kind.sample_columns, rows),
            (GUIDE_SHEET["en"], GUIDE_HEADER["en"], kind.guide_rows("en")),
        ]
    )
    return files


def templates_write(*, output: Path) -> list[Path]:
    """Write every template and sample into `output` (created if needed); returns the paths written."""
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in upload_kinds().values():
        for name, content in kind_files(kind).items():
            path = output / name
            if not path.exists() or path.read_bytes() != content:
                path.write_bytes(content)
            written.append(path)
    return written


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@lru_cache(maxsize=1)
def all_files() -> dict[str, bytes]:
    """Every template and sample file by name, built once per process."""
    return {name: content for kind in upload_kinds().values() for name, content in kind_files(kind).items()}


def template_file(name: str) -> tuple[bytes, str] | None:
    """(content, content type) of one file, or None when there is no such file."""
    content = all_files().get(name)
    if content is None:
        return None
    return content, CONTENT_TYPES[name.rsplit(".", 1)[-1]]
