#!/usr/bin/env python3
"""Check the demo study in examples/ for internal consistency.

For every file in examples/transcripts/ the plain text is derived the way
Tessera's importers are expected to derive it:

  .txt   UTF-16 if it starts with a UTF-16 BOM, else UTF-8 (a UTF-8 BOM is
         dropped), else Windows-874/TIS-620 (Thai);
  .srt   UTF-8; the cue texts (without cue numbers and timestamps), each cue's
         lines and the cues themselves joined with "\\n";
  .docx  word/document.xml only (headers and footers are not text): one line
         per paragraph, <w:br/> -> "\\n", <w:tab/> -> "\\t", and a table as one
         line per row with the cells joined by "\\t";

then normalised to NFC with LF line endings. The checks:

  * variables.csv: exact header, one row per transcript and a transcript for
    every row, values from the allowed vocabularies (empty = missing allowed);
  * codings.csv: exact header, known documents, codes and coders, and every
    quote an exact (NFC, single-line) substring of its document's text;
  * register.csv: exact header and kinds, every name found in some transcript;
  * the docx header text never leaks into the imported text;
  * every transcript has speaker turns ("Label:" at a line start, or a
    "[Label]" line).

Exit status 0 if everything passes, 1 otherwise. Standard library only.
"""

from __future__ import annotations

import codecs
import collections
import csv
import pathlib
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
import zipfile

HERE = pathlib.Path(__file__).resolve().parent
TRANSCRIPTS = HERE / "transcripts"

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

CODES = [
    "Forms of OCSEA/Grooming",
    "Forms of OCSEA/Coercion and threats",
    "Forms of OCSEA/Non-consensual sharing of images",
    "Forms of OCSEA/Offline contact after online contact",
    "People and platforms/Offender known to the child",
    "People and platforms/Offender met online",
    "People and platforms/Social media and messaging apps",
    "People and platforms/Online games",
    "Disclosure and help-seeking/Disclosure to family",
    "Disclosure and help-seeking/Disclosure to peers",
    "Disclosure and help-seeking/Reasons for not telling",
    "Reporting/Reporting to police",
    "Reporting/Reporting to platforms",
    "Justice process/Investigation",
    "Justice process/Court experience",
    "Justice process/Child-friendly procedures",
    "Compensation and remedy",
    "Support services/Psychosocial support",
    "Support services/Shelter and case management",
    "Barriers/Shame and stigma",
    "Barriers/Lack of knowledge",
    "Barriers/Capacity of services",
    "Barriers/Digital evidence",
    "Protective factors/Supportive caregiver",
    "Protective factors/Digital literacy",
    "Recommendations",
]
CODERS = {"amara", "niran"}

VARIABLE_COLUMNS = ["document", "case", "gender", "age_band", "role", "country",
                    "language", "interview_mode"]
VOCAB = {
    "gender": {"girl", "boy", "woman", "man"},
    "age_band": {"13-14", "15-17", "18-29", "30-44", "45-59", "60+"},
    "role": {"survivor", "caregiver", "police", "prosecutor", "judge", "social_worker",
             "official"},
    "country": {"Cambodia", "Thailand", "Viet Nam", "Indonesia", "Mozambique", "Kenya",
                "Philippines"},
    "language": {"en", "km", "th", "vi", "id", "pt", "sw"},
    "interview_mode": {"in_person", "phone", "video"},
}
CASE_RE = re.compile(r"^(KH|TH|VN|ID|MZ|KE|PH)-[A-Z]{1,2}\d{2}$")
REGISTER_KINDS = {"person", "place", "school", "organisation"}
DOCX_HEADER_TEXT = "CONFIDENTIAL DRAFT"

TURN_RE = re.compile(r"^(?:[^\s:\[\]][^:\n\[\]]{0,40}:|\[[^\]\n]{1,40}\]$)", re.M)

errors: list[str] = []
warnings: list[str] = []


def error(msg: str) -> None:
    errors.append(msg)


def normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def decode_txt(raw: bytes) -> tuple[str, str]:
    if raw.startswith(codecs.BOM_UTF16_LE) or raw.startswith(codecs.BOM_UTF16_BE):
        return raw.decode("utf-16"), "utf-16"
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp874"), "cp874"


def srt_text(raw: bytes) -> str:
    text = normalise(raw.decode("utf-8-sig"))
    cues = []
    for block in re.split(r"\n\s*\n", text.strip("\n")):
        lines = block.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            error(f"srt: malformed cue: {block[:60]!r}")
            continue
        if not re.fullmatch(r"\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}", lines[1].strip()):
            error(f"srt: bad timestamp line {lines[1]!r}")
        cues.append("\n".join(lines[2:]))
    return "\n".join(cues)


def docx_paragraph(p: ET.Element) -> str:
    out = []
    for el in p.iter():
        if el.tag == W + "t":
            out.append(el.text or "")
        elif el.tag == W + "tab":
            out.append("\t")
        elif el.tag in (W + "br", W + "cr"):
            out.append("\n")
    return "".join(out)


def docx_text(path: pathlib.Path) -> str:
    with zipfile.ZipFile(path) as zf:
        root = ET.fromstring(zf.read("word/document.xml"))
    body = root.find(W + "body")
    lines = []
    for child in body:
        if child.tag == W + "p":
            lines.append(docx_paragraph(child))
        elif child.tag == W + "tbl":
            for tr in child.iter(W + "tr"):
                cells = ["\n".join(docx_paragraph(p) for p in tc.findall(W + "p"))
                         for tc in tr.findall(W + "tc")]
                lines.append("\t".join(cells))
    return "\n".join(lines)


def load_text(path: pathlib.Path) -> tuple[str, str]:
    raw = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return normalise(docx_text(path)), "docx"
    if suffix == ".srt":
        return srt_text(raw), "srt/utf-8"
    text, enc = decode_txt(raw)
    if enc == "utf-8":
        if b"\r" in raw:
            error(f"{path.name}: CR line endings (expected LF)")
        if text != unicodedata.normalize("NFC", text):
            error(f"{path.name}: not NFC as stored")
    return normalise(text), f"txt/{enc}"


def read_csv(name: str, columns: list[str]) -> list[dict[str, str]]:
    path = HERE / name
    raw = path.read_bytes()
    if raw.startswith(codecs.BOM_UTF8):
        error(f"{name}: has a UTF-8 BOM")
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != columns:
            error(f"{name}: header {reader.fieldnames} != {columns}")
            return []
        return list(reader)


def main() -> int:
    docs: dict[str, str] = {}
    kinds: dict[str, str] = {}
    for path in sorted(TRANSCRIPTS.iterdir()):
        if path.suffix.lower() not in (".txt", ".srt", ".docx"):
            error(f"unexpected file {path.name}")
            continue
        if path.stem in docs:
            error(f"two transcripts named {path.stem}")
        text, kind = load_text(path)
        docs[path.stem], kinds[path.stem] = text, kind
        if DOCX_HEADER_TEXT in text:
            error(f"{path.name}: header text {DOCX_HEADER_TEXT!r} leaked into the text")
        if len(TURN_RE.findall(text)) < 6:
            error(f"{path.name}: fewer than 6 speaker turns found")

    # variables.csv
    variables = read_csv("variables.csv", VARIABLE_COLUMNS)
    seen = set()
    cases = collections.defaultdict(list)
    for row in variables:
        doc = row["document"]
        if doc in seen:
            error(f"variables.csv: duplicate document {doc}")
        seen.add(doc)
        if doc not in docs:
            error(f"variables.csv: no transcript for {doc}")
        if not CASE_RE.match(row["case"]):
            error(f"variables.csv: odd case name {row['case']!r}")
        cases[row["case"]].append(doc)
        for col, allowed in VOCAB.items():
            if row[col] and row[col] not in allowed:
                error(f"variables.csv: {doc}: {col}={row[col]!r} not in {sorted(allowed)}")
    for doc in docs:
        if doc not in seen:
            error(f"variables.csv: transcript {doc} has no row")
    if not any(not v for row in variables for v in row.values()):
        error("variables.csv: no missing value (at least one empty cell expected)")
    if not any(len(d) > 1 for d in cases.values()):
        error("variables.csv: no case with more than one document")

    # codings.csv
    codings = read_csv("codings.csv", ["document", "code", "coder", "quote"])
    per_coder = collections.Counter()
    per_doc = collections.defaultdict(collections.Counter)
    for n, row in enumerate(codings, start=2):
        doc, code, coder, quote = row["document"], row["code"], row["coder"], row["quote"]
        where = f"codings.csv:{n} ({doc})"
        if doc not in docs:
            error(f"{where}: unknown document")
            continue
        if code not in CODES:
            error(f"{where}: unknown code {code!r}")
        if coder not in CODERS:
            error(f"{where}: unknown coder {coder!r}")
        if not quote.strip():
            error(f"{where}: empty quote")
            continue
        if quote != unicodedata.normalize("NFC", quote):
            error(f"{where}: quote not NFC")
        if "\n" in quote or "\r" in quote:
            error(f"{where}: quote spans lines: {quote[:50]!r}")
        count = docs[doc].count(quote)
        if count == 0:
            error(f"{where}: quote not found: {quote!r}")
        elif count > 1:
            warnings.append(f"{where}: quote occurs {count} times (first is coded): {quote[:50]!r}")
        per_coder[coder] += 1
        per_doc[doc][coder] += 1
    for doc in docs:
        for coder in sorted(CODERS):
            if per_doc[doc][coder] == 0:
                error(f"codings.csv: {doc} not coded by {coder}")

    # register.csv
    register = read_csv("register.csv", ["kind", "name", "aliases"])
    alltext = "\n".join(docs.values()).casefold()
    for row in register:
        if row["kind"] not in REGISTER_KINDS:
            error(f"register.csv: kind {row['kind']!r}")
        names = [row["name"]] + [a for a in row["aliases"].split("|") if a]
        if not any(name.casefold() in alltext for name in names):
            error(f"register.csv: {row['name']!r} (or an alias) not found in any transcript")

    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("error:", e)
    print(f"{len(docs)} transcripts: " + ", ".join(f"{d} [{kinds[d]}]" for d in sorted(docs)))
    print(f"{len(variables)} variable rows, {len(cases)} cases; "
          f"{len(codings)} codings ({', '.join(f'{c}: {per_coder[c]}' for c in sorted(CODERS))}); "
          f"{len(register)} register entries")
    print("FAIL" if errors else "OK")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
