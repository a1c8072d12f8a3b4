"""Fill msgstr entries of a .po file from a JSON dict {msgid: msgstr}; reports what is still empty.

usage: python tools/po_fill.py PO_FILE TRANSLATIONS_JSON
Handles multi-line msgids and plural forms (msgstr[0] gets the translation; Chinese has one form).
"""

import json
import re
import sys


def unquote(lines: list[str]) -> str:
    return "".join(json.loads(line) for line in lines)


def quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def main(po_path: str, json_path: str) -> None:
    translations = json.load(open(json_path, encoding="utf-8"))
    blocks = open(po_path, encoding="utf-8").read().split("\n\n")
    out, missing = [], []
    for block in blocks:
        lines = block.split("\n")
        idx = next((i for i, line in enumerate(lines) if line.startswith("msgid ")), None)
        if idx is None:
            out.append(block)
            continue
        j = idx + 1
        id_lines = [lines[idx][6:]]
        while j < len(lines) and lines[j].startswith('"'):
            id_lines.append(lines[j])
            j += 1
        msgid = unquote(id_lines)
        if not msgid:
            out.append(block)
            continue
        head = [line for line in lines[:idx] if line != "#, fuzzy" and not line.startswith("#| ")]
        head = [re.sub(r"^#, fuzzy, ", "#, ", line) for line in head]
        rest = lines[j:]
        plural = any(line.startswith("msgid_plural") for line in rest)
        value = translations.get(msgid)
        if value is None:
            missing.append(msgid)
            out.append(block)
            continue
        body = [line for line in rest if line.startswith("msgid_plural")]
        if plural:
            body.append("msgstr[0] " + quote(value))
        else:
            body.append("msgstr " + quote(value))
        out.append("\n".join(head + [f"msgid {quote(msgid)}"] + body))
    open(po_path, "w", encoding="utf-8").write("\n\n".join(out).rstrip("\n") + "\n")
    print(f"{len(missing)} untranslated")
    for m in missing:
        print("  ", repr(m))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
