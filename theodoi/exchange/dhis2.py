"""DHIS2 dataValueSets in and out (JSON and CSV): dataElement, period, orgUnit, value.

DHIS2 names things by 11-character uids; the mapping table (ExternalMapping) says which
indicator code and which GSO unit code each uid is. Period ids are DHIS2's own (2021,
2021S1, 2021Q2, 202106); our year-to-date and term periods have no DHIS2 id and are not
exported. Values are plain decimals ("6265.5"), never the Vietnamese notation.
A row whose ids are not mapped is listed, with every row it occurs in, never dropped silently.
"""

import csv
import io
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from theodoi.core.numbers import to_plain
from theodoi.core.periods import Period, PeriodError
from theodoi.exchange.models import ExternalMapping
from theodoi.exchange.preview import Preview
from theodoi.exchange.readers import FileRejected, Issue, check_size, decode_text
from theodoi.targets.models import DataValue
from theodoi.targets.rows import ValueRow
from theodoi.targets.services import validate_values

SYSTEM = "dhis2"
DHIS2_KINDS = {"year", "half", "quarter", "month"}
# DHIS2's "default" category option combo: a value that is not disaggregated.
DEFAULT_COMBOS = {"", "default", "HllvX50cXC0"}
CSV_HEADER = [
    "dataelement",
    "period",
    "orgunit",
    "categoryoptioncombo",
    "attributeoptioncombo",
    "value",
    "storedby",
    "lastupdated",
    "comment",
    "followup",
]


@dataclass
class Mapping:
    """Both directions of the mapping table, loaded once."""

    indicators: dict = field(default_factory=dict)  # uid (or "uid.coc") -> indicator code
    units: dict = field(default_factory=dict)  # uid -> GSO code

    @classmethod
    def load(cls, system: str = SYSTEM) -> "Mapping":
        m = cls()
        for kind, external, code in ExternalMapping.objects.filter(system=system).values_list(
            "kind", "external_id", "code"
        ):
            (m.indicators if kind == ExternalMapping.Kind.INDICATOR else m.units)[external] = code
        return m

    def indicator_uids(self) -> dict:
        return {code: uid for uid, code in self.indicators.items() if "." not in uid}

    def unit_uids(self) -> dict:
        return {code: uid for uid, code in self.units.items()}


# -- Reading ---------------------------------------------------------------


@dataclass
class Raw:
    where: str  # "dataValues[3]" or "dòng 4"
    index: int
    data_element: str
    period: str
    org_unit: str
    combo: str
    value: str
    comment: str


def _text(v) -> str:
    return "" if v is None else str(v).strip()


def read_values(data: bytes, filename: str) -> list[Raw]:
    """A dataValueSet as JSON ({"dataValues": [...]}, with set-level period/orgUnit
    defaults) or as DHIS2's CSV (header dataelement, period, orgunit, ..., value)."""
    check_size(data, filename)
    text = decode_text(data, filename).lstrip()
    if text.startswith("{") or text.startswith("["):
        return _read_json(text, filename)
    return _read_csv(text, filename)


def _read_json(text: str, filename: str) -> list[Raw]:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FileRejected(
            _("Tệp “%(name)s”, dòng %(line)s, cột %(col)s: JSON không hợp lệ (%(err)s).")
            % {"name": filename, "line": exc.lineno, "col": exc.colno, "err": exc.msg}
        ) from None
    if isinstance(doc, list):
        doc = {"dataValues": doc}
    values = doc.get("dataValues") if isinstance(doc, dict) else None
    if not isinstance(values, list):
        raise FileRejected(
            _("Tệp “%(name)s” không phải dataValueSet của DHIS2: thiếu danh sách “dataValues”.")
            % {"name": filename}
        )
    out = []
    for i, dv in enumerate(values):
        if not isinstance(dv, dict):
            dv = {}
        out.append(
            Raw(
                f"dataValues[{i}]",
                i,
                _text(dv.get("dataElement")),
                _text(dv.get("period") or doc.get("period")),
                _text(dv.get("orgUnit") or doc.get("orgUnit")),
                _text(dv.get("categoryOptionCombo")),
                _text(dv.get("value")),
                _text(dv.get("comment")),
            )
        )
    return out


def _read_csv(text: str, filename: str) -> list[Raw]:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        raise FileRejected(_("Tệp “%(name)s” rỗng.") % {"name": filename})
    header = [h.strip().lower().replace("_", "") for h in rows[0]]
    # DHIS2 writes a header; a file without one follows DHIS2's column order.
    if "dataelement" in header:
        cols = {name: header.index(name) for name in CSV_HEADER if name in header}
        body = rows[1:]
        first = 2
    else:
        cols = {name: i for i, name in enumerate(CSV_HEADER)}
        body = rows
        first = 1
    missing = [n for n in ("dataelement", "period", "orgunit", "value") if n not in cols]
    if missing:
        raise FileRejected(
            _("Tệp “%(name)s”, dòng 1: thiếu cột %(cols)s.")
            % {"name": filename, "cols": ", ".join(missing)}
        )

    def get(r, name):
        i = cols.get(name)
        return r[i].strip() if i is not None and i < len(r) else ""

    return [
        Raw(
            _("dòng %(n)s") % {"n": first + i},
            i,
            get(r, "dataelement"),
            get(r, "period"),
            get(r, "orgunit"),
            get(r, "categoryoptioncombo"),
            get(r, "value"),
            get(r, "comment"),
        )
        for i, r in enumerate(body)
        if any(c.strip() for c in r)
    ]


def _issue(filename, raw: Raw, field: str, message: str) -> Issue:
    return Issue(
        filename, message, field=field, csv=True, index=raw.index, locator=f"{raw.where}, {field}"
    )


def map_values(raws: list[Raw], mapping: Mapping, filename: str, status: str = "official"):
    """(rows for targets' services, errors, unmapped).

    unmapped: {("dataElement"|"orgUnit", uid): [where, ...]}."""
    rows, errors, unmapped = [], [], {}
    for raw in raws:
        bad = False
        combo = raw.combo
        code = mapping.indicators.get(f"{raw.data_element}.{combo}") if combo else None
        if code is None and combo not in DEFAULT_COMBOS:
            unmapped.setdefault(("categoryOptionCombo", f"{raw.data_element}.{combo}"), []).append(
                raw.where
            )
            bad = True
        elif code is None:
            code = mapping.indicators.get(raw.data_element)
            if code is None:
                unmapped.setdefault(("dataElement", raw.data_element), []).append(raw.where)
                bad = True
        unit = mapping.units.get(raw.org_unit)
        if unit is None:
            unmapped.setdefault(("orgUnit", raw.org_unit), []).append(raw.where)
            bad = True
        try:
            period = Period.parse(raw.period)
            if period.kind not in DHIS2_KINDS:
                raise PeriodError(_("kỳ “%(p)s” không phải kỳ của DHIS2.") % {"p": raw.period})
        except PeriodError as exc:
            errors.append(_issue(filename, raw, "period", exc.message))
            bad = True
        try:
            value = Decimal(raw.value)
            if not value.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            errors.append(
                _issue(
                    filename,
                    raw,
                    "value",
                    _("giá trị “%(v)s” không phải số dạng 1234.5.") % {"v": raw.value},
                )
            )
            bad = True
        if not bad:
            rows.append(
                {
                    "indicator": code,
                    "unit": unit,
                    "period": period.id,
                    "value": value,
                    "status": status,
                    "note": raw.comment[:500],
                    "_raw": raw,
                }
            )
    return rows, errors, unmapped


def preview(
    actor, data: bytes, filename: str, status: str = "official"
) -> tuple[Preview, list[dict]]:
    raws = read_values(data, filename)
    rows, errors, unmapped = map_values(raws, Mapping.load(), filename, status)
    clean, service_errors = validate_values(
        actor, [ValueRow.from_mapping(r) for r in rows], source=filename
    )
    for e in service_errors:
        raw = rows[e["index"]]["_raw"]
        errors.append(_issue(filename, raw, e.get("field", ""), e["message"]))
    p = Preview("dhis2", filename, sheet=filename, csv=True)
    p.errors = errors
    for (what, uid), places in unmapped.items():
        p.notices.append(
            Issue(
                filename,
                _(
                    "%(what)s “%(uid)s” chưa có trong bảng ánh xạ; %(n)s giá trị không được ghi "
                    "(%(places)s)."
                )
                % {
                    "what": what,
                    "uid": uid,
                    "n": len(places),
                    "places": ", ".join(places[:5]) + ("…" if len(places) > 5 else ""),
                },
                field=what,
                csv=True,
                locator=places[0],
            )
        )
    by_index = {c["index"]: c for c in clean}
    counts = {
        "new": 0,
        "changed": 0,
        "same": 0,
        "error": 0,
        "unmapped": sum(len(v) for v in unmapped.values()),
    }
    for i, r in enumerate(rows):
        c = by_index.get(i)
        prev = c["previous"] if c else None
        status_ = (
            "error"
            if c is None
            else "new"
            if prev is None
            else (
                "same"
                if prev.value == c["value"]
                and prev.status == c["status"]
                and prev.note == c["note"]
                else "changed"
            )
        )
        counts[status_] += 1
        p.rows.append(
            {
                "row": r["_raw"].where,
                "indicator": r["indicator"],
                "unit": r["unit"],
                "period": r["period"],
                "old": to_plain(prev.value) if prev else None,
                "new": to_plain(r["value"]),
                "status": status_,
            }
        )
    p.summary = {"values": len(raws), **counts}
    p.unmapped = [
        {"kind": k, "id": uid, "count": len(v), "where": v} for (k, uid), v in unmapped.items()
    ]
    return p, rows


# -- Writing ---------------------------------------------------------------


def export(period_ids: list[str], *, indicators=None, units=None) -> tuple[list[dict], list[dict]]:
    """The latest value of every mapped indicator and unit in the periods, as DHIS2 dataValues,
    and what could not be exported (values of unmapped indicators or units), never silently."""
    mapping = Mapping.load()
    ind_uid, unit_uid = mapping.indicator_uids(), mapping.unit_uids()
    qs = (
        DataValue.objects.filter(is_latest=True, period_id__in=period_ids)
        .select_related("indicator", "unit")
        .order_by("indicator__code", "unit__code", "start_month", "end_month")
    )
    if indicators is not None:
        qs = qs.filter(indicator__in=indicators)
    if units is not None:
        qs = qs.filter(unit__in=units)
    values, skipped = [], {}
    for dv in qs:
        de, ou = ind_uid.get(dv.indicator.code), unit_uid.get(dv.unit.code)
        if de is None or ou is None or dv.period_kind not in DHIS2_KINDS:
            reason = "indicator" if de is None else "unit" if ou is None else "period"
            key = (
                reason,
                dv.indicator.code
                if reason == "indicator"
                else dv.unit.code
                if reason == "unit"
                else dv.period_id,
            )
            skipped[key] = skipped.get(key, 0) + 1
            continue
        item = {
            "dataElement": de,
            "period": dv.period_id,
            "orgUnit": ou,
            "value": to_plain(dv.value),
        }
        if dv.note:
            item["comment"] = dv.note
        values.append(item)
    return values, [{"kind": k, "code": c, "count": n} for (k, c), n in skipped.items()]


def to_json(values: list[dict]) -> bytes:
    return json.dumps({"dataValues": values}, ensure_ascii=False, indent=1).encode("utf-8")


def to_csv(values: list[dict]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_HEADER)
    for v in values:
        w.writerow(
            [
                v["dataElement"],
                v["period"],
                v["orgUnit"],
                "",
                "",
                v["value"],
                "",
                "",
                v.get("comment", ""),
                "",
            ]
        )
    return buf.getvalue().encode("utf-8")
