"""Build the files people upload: workbooks with merged cells, formulas, odd encodings."""

import io
import re
import unicodedata
import zipfile

from openpyxl import Workbook, load_workbook


def xlsx(rows, title="Số liệu", merged=(), extra_sheets=None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for r in rows:
        ws.append(list(r))
    for ref in merged:
        ws.merge_cells(ref)
    for name, sheet_rows in (extra_sheets or {}).items():
        other = wb.create_sheet(name)
        for r in sheet_rows:
            other.append(list(r))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def with_cached_value(data: bytes, cell: str, value) -> bytes:
    """Excel saves a formula's computed value next to it (<f>..</f><v>..</v>); openpyxl
    never does, so tests add it to the XML the way Excel would."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = content.decode()
                text = re.sub(
                    rf'(<c r="{cell}"[^>]*>)(<f>[^<]*</f>)(<v\s*/>|<v></v>)?',
                    rf"\1\2<v>{value}</v>",
                    text,
                )
                content = text.encode()
            dst.writestr(info, content)
    return out.getvalue()


def edit_xlsx(data: bytes, fn) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    fn(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def cp1258(text: str) -> bytes:
    """Windows-1258 as old Vietnamese Excel writes it: precomposed where the code page has
    the letter (ơ, ư, â, à...), otherwise a base letter followed by a combining tone mark."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", ch)
        # Fold a horn, circumflex or breve back into the base when the code page has that letter.
        tones = []
        for mark in marks:
            joined = unicodedata.normalize("NFC", base + mark)
            try:
                if len(joined) != 1:
                    raise UnicodeEncodeError("cp1258", joined, 0, 1, "")
                joined.encode("cp1258")
                base = joined
            except UnicodeEncodeError:
                tones.append(mark)
        out += base.encode("cp1258") + "".join(tones).encode("cp1258")
    return bytes(out)


def zip_bomb() -> bytes:
    """A file that looks like an .xlsx but holds 300 MB of zeros in 300 KB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        chunk = b"\0" * (1024 * 1024)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            for _ in range(300):
                fh.write(chunk)
    return out.getvalue()


def billion_laughs(data: bytes) -> bytes:
    """The workbook with an XML entity bomb in its first sheet."""
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol;" if i == 1 else f"&lol{i - 1};") * 10}">' for i in range(1, 10)
    )
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = content.decode().split("?>", 1)[-1]
                body = re.sub(r"<v>1</v>", "<v>&lol9;</v>", body, count=1)
                content = f'<?xml version="1.0"?><!DOCTYPE lolz [{entities}]>{body}'.encode()
            dst.writestr(info, content)
    return out.getvalue()
