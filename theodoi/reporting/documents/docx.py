"""Word (.docx) reports in the State format of Nghị định 30/2020/NĐ-CP (Phụ lục I) and the
Party format of Hướng dẫn 36-HD/VPTW.

Sizes follow the decree: A4; margins top and bottom 20 mm, left 30 mm, right 15 mm;
Times New Roman; the national title 12 bold caps, the motto 13 bold with a line
under it as long as the motto; number 13; the place-date line 14 italic; the kind of
document 14 bold caps, its summary 14 bold with a short line under it; body 14,
justified, first line indented 1 cm, 6 pt between paragraphs; "Nơi nhận:" 12 bold
italic and its list 11; the signature block 14 bold caps.
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from theodoi.core.dates import format_long_date
from theodoi.core.exporters import safe_text
from theodoi.core.numbers import format_number, format_percent
from theodoi.reporting.documents.model import FigureTable, OfficialDocument

FONT = "Times New Roman"
TEXT_WIDTH_CM = 16.5  # A4 210 mm − 30 mm − 15 mm
LEFT_CM, RIGHT_CM = 6.3, 10.2  # State: the national title needs 9.5 cm on one line
PARTY_LEFT_CM, PARTY_RIGHT_CM = 7.6, 8.9  # Party: "ĐẢNG BỘ TỈNH LÂM ĐỒNG" at 14 pt on one line
MOTTO_LINE_CM = 5.9  # the length of "Độc lập - Tự do - Hạnh phúc" at 13 pt bold
PARTY_LINE_CM = 6.2  # "ĐẢNG CỘNG SẢN VIỆT NAM" at 15 pt bold
ISSUER_LINE_CM = 2.2
TITLE_LINE_CM = 4.0

FIGURE_COLUMNS = [
    ("STT", 1.3),
    ("Chỉ tiêu", 7.1),
    ("Đơn vị tính", 2.3),
    ("Kế hoạch năm", 2.6),
    ("Thực hiện kỳ báo cáo", 2.6),
    ("So với kế hoạch (%)", 2.3),
    ("Cùng kỳ năm trước", 2.6),
    ("So với cùng kỳ (%)", 2.3),
]


def _set_fonts(run_or_style, size=None, bold=None, italic=None, underline=None):
    font = run_or_style.font
    font.name = FONT
    rpr = run_or_style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic
    if underline is not None:
        font.underline = underline


def _para(
    container,
    text="",
    *,
    size=14,
    bold=False,
    italic=False,
    underline=False,
    align=WD_ALIGN_PARAGRAPH.CENTER,
    before=0,
    after=0,
    indent_cm=None,
    line=1.0,
):
    p = container.add_paragraph()
    p.alignment = align
    fmt = p.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(before), Pt(after), line
    if indent_cm is not None:
        fmt.first_line_indent = Cm(indent_cm)
    # Stored text may predate the input boundary's cleaning (core.text.clean_text): a
    # control character (\x0b from Word's Shift+Enter) would make the document fail.
    lines = safe_text(text).split("\n")
    for i, chunk in enumerate(lines):
        run = p.add_run(chunk)
        _set_fonts(run, size, bold, italic, underline)
        if i < len(lines) - 1:
            run.add_break(WD_BREAK.LINE)
    return p


def _rule(container, length_cm, width_cm, *, after=0):
    """A horizontal line of `length_cm`, centred in a container `width_cm` wide:
    the bottom border of an empty 1-point paragraph indented from both sides."""
    p = container.add_paragraph()
    side = Cm(max((width_cm - length_cm) / 2, 0))
    fmt = p.paragraph_format
    fmt.left_indent = fmt.right_indent = side
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(after), Pt(2)
    _set_fonts(p.add_run(""), 1)
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(k), v)
    borders.append(bottom)
    ppr.append(borders)
    return p


def _no_borders(table):
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _fix_widths(table, widths_cm):
    """Word reads the cell widths, LibreOffice the table grid: set both, and a fixed layout."""
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    grid = table._tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths_cm, strict=True):
        col.set(qn("w:w"), str(int(Cm(w).twips)))
    tbl_pr = table._tbl.tblPr
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(int(Cm(sum(widths_cm)).twips)))
    width.set(qn("w:type"), "dxa")
    for old in tbl_pr.findall(qn("w:tblW")):
        tbl_pr.remove(old)
    tbl_pr.append(width)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    for row in table.rows:
        for cell, w in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(w)


def _layout_table(doc, rows, widths_cm):
    table = doc.add_table(rows=rows, cols=len(widths_cm))
    _fix_widths(table, widths_cm)
    _no_borders(table)
    for row in table.rows:
        for cell in row.cells:
            # python-docx starts every cell with one empty paragraph; we add our own.
            cell._tc.remove(cell.paragraphs[0]._p)
    return table


def _page(section, landscape=False):
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (
        (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    )
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)


def _header(doc, d: OfficialDocument):
    widths = [PARTY_LEFT_CM, PARTY_RIGHT_CM] if d.party else [LEFT_CM, RIGHT_CM]
    table = _layout_table(doc, 2, widths)
    left, right = table.rows[0].cells
    size = 14 if d.party else 13
    if d.issuer_parent:
        _para(left, d.issuer_parent.upper(), size=size)
    _para(left, d.issuer.upper(), size=size, bold=True)
    if d.party:
        _para(left, "*", size=size)
        _para(right, "ĐẢNG CỘNG SẢN VIỆT NAM", size=15, bold=True)
        _rule(right, PARTY_LINE_CM, PARTY_RIGHT_CM)
    else:
        _rule(left, ISSUER_LINE_CM, LEFT_CM)
        _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True)
        _para(right, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True)
        _rule(right, MOTTO_LINE_CM, RIGHT_CM)
    number_cell, date_cell = table.rows[1].cells
    _para(number_cell, d.number_line, size=size, before=6)
    date_text = (
        f"{d.place}, {format_long_date(d.date)}"
        if d.date
        else f"{d.place}, ngày      tháng      năm"
    )
    _para(date_cell, date_text, size=14, italic=True, before=6)


def _title(doc, d: OfficialDocument):
    _para(doc, d.kind.upper(), size=14 if not d.party else 16, bold=True, before=18)
    if d.title:
        _para(doc, d.title, size=14, bold=True)
        if d.party:
            _para(doc, "-----", size=14, after=6)
        else:
            _rule(doc, TITLE_LINE_CM, TEXT_WIDTH_CM, after=12)


def _body(doc, d: OfficialDocument):
    for section in d.sections:
        if section.heading:
            heading = _para(
                doc,
                section.heading,
                size=14,
                bold=True,
                align=WD_ALIGN_PARAGRAPH.JUSTIFY,
                before=6,
                after=6,
                indent_cm=1.0,
            )
            heading.paragraph_format.keep_with_next = True
        for text in section.paragraphs:
            for chunk in [t for t in text.split("\n") if t.strip()]:
                _para(
                    doc,
                    chunk.strip(),
                    size=14,
                    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
                    after=6,
                    indent_cm=1.0,
                    line=1.15,
                )


def _closing(doc, d: OfficialDocument):
    table = _layout_table(doc, 1, [7.5, 9.0])
    left, right = table.rows[0].cells
    if d.party:
        _para(left, "Nơi nhận:", size=14, underline=True, align=WD_ALIGN_PARAGRAPH.LEFT, before=12)
        item_size = 12
    else:
        _para(
            left,
            "Nơi nhận:",
            size=12,
            bold=True,
            italic=True,
            align=WD_ALIGN_PARAGRAPH.LEFT,
            before=12,
        )
        item_size = 11
    for i, r in enumerate(d.recipients):
        end = "." if i == len(d.recipients) - 1 else ";"
        _para(left, f"- {r.rstrip(';.')}{end}", size=item_size, align=WD_ALIGN_PARAGRAPH.LEFT)
    if d.signature:
        s = d.signature
        if s.authority:
            _para(right, s.authority.upper(), size=14, bold=True, before=12)
        _para(right, s.position.upper(), size=14, bold=True, before=0 if s.authority else 12)
        for _blank in range(4):
            _para(right, "", size=14)
        if s.name:
            _para(right, s.name, size=14, bold=True)


def _cell_text(cell, text, style, align=WD_ALIGN_PARAGRAPH.LEFT):
    """Table text takes its font from a paragraph style, not from each run: formatting
    2,400 runs one by one made a 300-row appendix take seconds."""
    p = cell.paragraphs[0]
    ppr = p._p.get_or_add_pPr()
    ppr.style = (
        style.style_id
    )  # by id: assigning the style object looks it up by name among all styles
    ppr.jc_val = align
    p.add_run(safe_text(text))


def _table_styles(doc):
    styles = {}
    for name, bold in (("TD Bảng", False), ("TD Bảng tiêu đề", True)):
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        _set_fonts(style, 12, bold)
        fmt = style.paragraph_format
        fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(2), Pt(2), 1.0
        styles[bold] = style
    return styles


def _grid_borders(table):
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        for k, v in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "000000")):
            el.set(qn(k), v)
        borders.append(el)
    tbl_pr.append(borders)


def figure_cells(row, index: int) -> list[str]:
    """The 8 appendix cells of a row as Vietnamese text."""

    def num(v):
        return format_number(v, row.decimals) if v is not None else "-"

    def pct(v):
        return format_percent(v, 1).rstrip("%") if v is not None else "-"

    return [
        str(index),
        row.name,
        row.unit,
        num(row.plan),
        num(row.actual),
        pct(row.plan_pct),
        num(row.previous),
        pct(row.yoy_pct),
    ]


def _figure_table(doc, table_data: FigureTable, number: int, styles):
    title = _para(
        doc,
        f"{_roman(number)}. {table_data.field.upper()}",
        size=13,
        bold=True,
        align=WD_ALIGN_PARAGRAPH.LEFT,
        before=10,
        after=4,
    )
    title.paragraph_format.keep_with_next = True
    widths = [w for _c, w in FIGURE_COLUMNS]
    table = doc.add_table(rows=1 + len(table_data.rows), cols=len(FIGURE_COLUMNS))
    _fix_widths(table, widths)
    _grid_borders(table)
    for cell, (label, _w) in zip(table.rows[0].cells, FIGURE_COLUMNS, strict=True):
        _cell_text(cell, label, styles[True], WD_ALIGN_PARAGRAPH.CENTER)
    for i, row in enumerate(table_data.rows, start=1):
        for j, (cell, text) in enumerate(
            zip(table.rows[i].cells, figure_cells(row, i), strict=True)
        ):
            align = (
                WD_ALIGN_PARAGRAPH.LEFT
                if j == 1
                else (WD_ALIGN_PARAGRAPH.CENTER if j in (0, 2) else WD_ALIGN_PARAGRAPH.RIGHT)
            )
            _cell_text(cell, text, styles[False], align)
    # Repeat the header row on every page.
    trpr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _appendix(doc, d: OfficialDocument):
    section = doc.add_section()
    _page(section, landscape=True)
    _para(doc, _("Phụ lục"), size=14, bold=True)
    _para(doc, d.appendix_title.upper() or _("SỐ LIỆU CÁC CHỈ TIÊU CHỦ YẾU"), size=14, bold=True)
    ref = {
        "number": d.number_line.replace("Số: ", "số ").replace("Số ", "số "),
        "issuer": " ".join(d.issuer.split()),
    }
    if d.date:
        ref = _("(Kèm theo Báo cáo %(number)s %(date)s của %(issuer)s)") % {
            **ref,
            "date": format_long_date(d.date),
        }
    else:
        ref = _("(Kèm theo Báo cáo %(number)s của %(issuer)s)") % ref
    _para(doc, ref, size=14, italic=True, after=6)
    styles = _table_styles(doc)
    for n, table in enumerate(d.tables, start=1):
        _figure_table(doc, table, n, styles)


def build_docx(d: OfficialDocument) -> bytes:
    doc = Document()
    _page(doc.sections[0])
    normal = doc.styles["Normal"]
    _set_fonts(normal, 14)
    normal.paragraph_format.space_after = Pt(0)
    props = doc.core_properties
    props.title = safe_text(f"{d.kind} {d.title}".strip())
    props.author = safe_text(d.issuer)
    props.language = "vi-VN"
    _header(doc, d)
    _title(doc, d)
    _body(doc, d)
    _closing(doc, d)
    if d.tables:
        _appendix(doc, d)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
