#!/usr/bin/env python3
"""Write examples/transcripts/ph_prosecutor_w01.docx from the text below.

The result is a minimal but valid WordprocessingML package built with the
standard library only:

  [Content_Types].xml, _rels/.rels, word/document.xml,
  word/_rels/document.xml.rels, word/header1.xml

What it exercises in a .docx importer:
  * an "Interview details" table (2 columns) after the title paragraph; an
    importer should give one line per row, cells joined by a tab;
  * one <w:p> per line of BODY (blank lines become empty paragraphs);
  * speaker labels in their own bold run, so a turn is split across runs;
  * one soft line break <w:br/> inside a paragraph (written as {br} in BODY),
    which an importer should turn into "\n";
  * a page header "CONFIDENTIAL DRAFT" in word/header1.xml, which must NOT
    appear in the imported text.

The zip entries carry a fixed timestamp so that running this script again
produces a byte-identical file. Run from anywhere:

  python3 examples/make_docx.py
"""

from __future__ import annotations

import pathlib
import re
import zipfile
from xml.sax.saxutils import escape

OUT = pathlib.Path(__file__).resolve().parent / "transcripts" / "ph_prosecutor_w01.docx"

HEADER_TEXT = "CONFIDENTIAL DRAFT"

TITLE = "Key informant interview – prosecutor"

TABLE = [
    ("Interview ID", "PH-PR01"),
    ("Respondent role", "Prosecutor"),
    ("Country", "Philippines"),
    ("Interview mode", "In person"),
    ("Language", "English"),
]

SOFT_BREAK = "{br}"

BODY = """\
Interviewer: Thank you for making time in your schedule. Could you describe your role?

Prosecutor: I'm an assistant city prosecutor. For the past five years I've been assigned mostly to cases involving women and children, and in the last three years more than half of my docket has involved online sexual exploitation of children.

Interviewer: What kinds of cases do you see most?

Prosecutor: There are two patterns.{br}First, cases where children are exploited through livestreaming for paying offenders abroad, very often facilitated by a parent or a relative, inside the home. Second, cases where a teenager is approached online by a stranger, gets into a relationship, and then is threatened with the release of images.

Interviewer: How do the first type of cases usually come to your office?

Prosecutor: Mostly through referrals from foreign law enforcement, who detect payments or chats on the offender's side, and then our police conduct an operation. The children are rescued and brought to a shelter on the same day. So the children did not ask for help themselves, and many of them do not see the parent as an offender. That makes everything harder.

Interviewer: How do children experience the court process?

Prosecutor: We try to avoid having the child testify more than once. Under the rule on child witnesses, we can use a video-recorded interview, a support person, and testimony through a live link, so the child does not face the accused. When the defence agrees to a plea, the child does not need to testify at all. Many of these cases end in plea bargaining.

Interviewer: What are the difficulties with evidence?

Prosecutor: Digital evidence has to be authenticated properly, so the chain of custody matters from the first hour. When police seize devices without the proper documentation, the defence attacks it. And for cases involving platforms, we depend on the company's records, which can take months, and we cannot always tell the family why.

Interviewer: Do victims receive compensation?

Prosecutor: The court awards civil damages in the judgment, sometimes substantial amounts. But collection is another story. The offender is often poor, or the offender abroad has no assets here. I can count on one hand the children who actually received money.

Interviewer: What supports the children during the case?

Prosecutor: The social workers, really. They accompany the child to every hearing, prepare them, explain what will happen. When the social worker is good, the child stays in the case. When there is turnover, the child disappears.

Interviewer: What would you recommend?

Prosecutor: Continuous training for prosecutors and judges on digital evidence, more child-friendly interview rooms outside the cities, and a real mechanism to pay damages to victims. And prevention in the communities, because many parents honestly do not understand that what is happening in their house is a crime.

Interviewer: Thank you, that's very helpful.
"""

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>
</Types>
"""

PACKAGE_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>
"""

DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>
</Relationships>
"""

LABEL_RE = re.compile(r"^([A-Z][A-Za-z ]{0,30}:)(.*)$")


def run(text: str, bold: bool = False) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def paragraph(line: str) -> str:
    if not line:
        return "<w:p/>"
    runs = []
    m = LABEL_RE.match(line)
    if m:
        runs.append(run(m.group(1), bold=True))
        line = m.group(2)
    pieces = line.split(SOFT_BREAK)
    for i, piece in enumerate(pieces):
        if i:
            runs.append("<w:r><w:br/></w:r>")
        if piece:
            runs.append(run(piece))
    return "<w:p>" + "".join(runs) + "</w:p>"


def cell(text: str, width: int) -> str:
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
            f"<w:p>{run(text)}</w:p></w:tc>")


def table(rows: list[tuple[str, str]]) -> str:
    border = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
    borders = "".join(border.format(side) for side in
                      ("top", "left", "bottom", "right", "insideH", "insideV"))
    out = ['<w:tbl><w:tblPr><w:tblW w:w="6000" w:type="dxa"/>'
           f"<w:tblBorders>{borders}</w:tblBorders></w:tblPr>"
           '<w:tblGrid><w:gridCol w:w="2400"/><w:gridCol w:w="3600"/></w:tblGrid>']
    for key, value in rows:
        out.append(f"<w:tr>{cell(key, 2400)}{cell(value, 3600)}</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def document_xml() -> str:
    body = [f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr>{run(TITLE, bold=True)}</w:p>',
            table(TABLE)]
    body += [paragraph(line) for line in BODY.rstrip("\n").split("\n")]
    sect = ('<w:sectPr><w:headerReference w:type="default" r:id="rId1"/>'
            '<w:pgSz w:w="11906" w:h="16838"/>'
            '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" '
            'w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>'
            + "".join(body) + sect + "</w:body></w:document>\n")


def header_xml() -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:hdr xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
            f'<w:p><w:pPr><w:jc w:val="right"/></w:pPr>{run(HEADER_TEXT, bold=True)}</w:p>'
            "</w:hdr>\n")


def main() -> None:
    parts = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", PACKAGE_RELS),
        ("word/document.xml", document_xml()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/header1.xml", header_xml()),
    ]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(OUT, "w") as zf:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data.encode("utf-8"))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
