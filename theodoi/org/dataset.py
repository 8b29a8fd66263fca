"""Vietnam's administrative units in both states, read from the data files of the PyPI
package ``vietnamadminunits`` (MIT, https://github.com/tranngocminhhieu/vietnamadminunits;
its address parser is not used, only ``data/dataset.db`` and ``data/converter_2025.json``).

- ``admin_units_legacy``: the state before 01/07/2025 — 63 provinces, their districts
  and 10,035 communes (10,040 rows: five island districts have no commune).
- ``admin_units``: the state from 01/07/2025 — 34 provinces, 3,321 communes, wards and
  special zones (đặc khu), with each one's area in km².
- ``converter_2025.json``: the old → new mapping. ``DICT_PROVINCE`` lists the old
  provinces of each new one; ``DICT_PROVINCE_WARD_NO_DIVIDED`` the old communes that
  passed wholly into each new one; ``DICT_PROVINCE_WARD_DIVIDED`` the old communes split
  between several new ones. For a split the source gives only each new commune's total
  area, not the part of the old commune it received: the shares here are therefore
  estimated in proportion to the new communes' areas and flagged as estimates.

On top of the dataset (whose "before" state is that of early 2025), one earlier change
explains the demo's 2021 Lâm Đồng (12 district-level units against the dataset's 10): the
districts Đạ Huoai (681), Đạ Tẻh (682) and Cát Tiên (683) were merged into a new Huyện
Đạ Huoai, which the dataset lists under code 682, by Nghị quyết 1245/NQ-UBTVQH15 of
24/10/2024 of the Standing Committee of the National Assembly (arranging Lâm Đồng's
district- and commune-level units for 2023–2025), in effect from 01/12/2024. Sources: the
number and the day it was issued, Báo Gia Lai's report of the announcement on 05/12/2024
(baogialai.com.vn, "Sáp nhập 3 huyện, Lâm Đồng chính thức lập H.Đạ Huoai mới"); the day
of effect, Wikipedia's article on Huyện Đạ Tẻh ("giải thể 1/12/2024"), consistent with
Tiền Phong's report of the announcement on 05/12/2024. The HĐND of Lâm Đồng had approved
the plan on 05/09/2024 (Pháp Luật TP.HCM, plo.vn).
The commune-level changes of that round inside those districts are not encoded.

This module only reads: plain records out, no database.
"""

import importlib.util
import json
import sqlite3
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from theodoi.core.numbers import round_half_up

OLD_END = date(2025, 6, 30)
NEW_START = date(2025, 7, 1)
NQ_202 = "Nghị quyết 202/2025/QH15"
COMMUNE_BASIS = "Nghị quyết của UBTVQH sắp xếp đơn vị hành chính cấp xã năm 2025"
DISTRICT_BASIS = "Luật Tổ chức chính quyền địa phương 2025 (không tổ chức cấp huyện)"
DA_HUOAI_START = date(2024, 12, 1)  # see the module's docstring for the sources
DA_HUOAI_BASIS = "Nghị quyết 1245/NQ-UBTVQH15 ngày 24/10/2024"
# The three district-level units merged into the new Huyện Đạ Huoai, as the demo's 2021
# state knows them.
DA_HUOAI_PREDECESSORS = [
    ("681", "Huyện Đạ Huoai"),
    ("682", "Huyện Đạ Tẻh"),
    ("683", "Huyện Cát Tiên"),
]

PROVINCE_KIND = {"Thành phố": "thanh_pho_tw", "Tỉnh": "tinh"}
DISTRICT_KIND = {"Huyện": "huyen", "Quận": "quan", "Thị xã": "thi_xa", "Thành phố": "thanh_pho"}
COMMUNE_KIND = {"Xã": "xa", "Phường": "phuong", "Thị trấn": "thi_tran", "Đặc khu": "dac_khu"}


@dataclass(frozen=True)
class UnitRecord:
    """One unit in one state. ``key`` is unique across both states: ("old"|"new", code)."""

    key: tuple[str, str]
    code: str
    name: str
    kind: str
    parent: tuple[str, str] | None
    valid_from: date | None
    valid_to: date | None
    legal_basis: str = ""


@dataclass(frozen=True)
class SuccessionRecord:
    predecessor: tuple[str, str]
    successor: tuple[str, str]
    kind: str  # merge | split | rename
    effective: date
    share: Decimal | None
    estimate: bool
    legal_basis: str


@dataclass
class Dataset:
    units: list[UnitRecord]
    successions: list[SuccessionRecord]


def data_dir() -> Path:
    """The package's data folder, found without importing the package (whose __init__
    loads its address parser and geographic libraries)."""
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("vietnamadminunits is not installed (pip install the pinned version)")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _kind_of_province(name: str) -> str:
    return PROVINCE_KIND["Thành phố" if name.startswith("Thành phố") else "Tỉnh"]


def read(provinces: set[str] | None = None, folder: Path | None = None) -> Dataset:
    """Both states and the successions between them. ``provinces``: only the new provinces
    with these codes and their predecessors (e.g. {"68"} for today's Lâm Đồng)."""
    folder = folder or data_dir()
    conn = sqlite3.connect(folder / "dataset.db")
    try:
        legacy = conn.execute(
            "SELECT provinceCode, province, provinceKey, districtCode, district, districtType,"
            " districtKey, wardCode, ward, wardType, wardKey FROM admin_units_legacy"
        ).fetchall()
        current = conn.execute(
            "SELECT provinceCode, province, provinceKey, wardCode, ward, wardType, wardKey,"
            " wardAreaKm2 FROM admin_units"
        ).fetchall()
    finally:
        conn.close()
    mapping = json.loads((folder / "converter_2025.json").read_text(encoding="utf-8"))

    new_prov_by_key = {r[2]: r[0] for r in current}
    if provinces is not None:
        wanted_new = {k for k, c in new_prov_by_key.items() if c in provinces}
    else:
        wanted_new = set(new_prov_by_key)
    wanted_old = {old for new in wanted_new for old in mapping["DICT_PROVINCE"][new]}

    units: dict[tuple[str, str], UnitRecord] = {}
    old_by_key: dict[str, tuple[str, str]] = {}
    old_prov_by_key: dict[str, tuple[str, str]] = {}
    for pc, pname, pkey, dc, dname, dtype, dkey, wc, wname, wtype, wkey in legacy:
        if pkey not in wanted_old:
            continue
        p = ("old", pc)
        old_prov_by_key[pkey] = p
        units.setdefault(p, UnitRecord(p, pc, pname, _kind_of_province(pname), None, None, OLD_END))
        d = ("old", dc)
        units.setdefault(
            d, UnitRecord(d, dc, dname, DISTRICT_KIND[dtype], p, None, OLD_END, DISTRICT_BASIS)
        )
        if wc:
            w = ("old", wc)
            units[w] = UnitRecord(w, wc, wname, COMMUNE_KIND[wtype], d, None, OLD_END)
            old_by_key[f"{pkey}_{dkey}_{wkey}"] = w
        else:
            # An island district without communes: its successor is the đặc khu.
            old_by_key[f"{pkey}_{dkey}_"] = d

    new_by_key: dict[tuple[str, str], tuple[str, str]] = {}
    area: dict[tuple[str, str], Decimal] = {}
    for pc, pname, pkey, wc, wname, wtype, wkey, km2 in current:
        if pkey not in wanted_new:
            continue
        p = ("new", pc)
        units.setdefault(
            p, UnitRecord(p, pc, pname, _kind_of_province(pname), None, NEW_START, None, NQ_202)
        )
        w = ("new", wc)
        units[w] = UnitRecord(w, wc, wname, COMMUNE_KIND[wtype], p, NEW_START, None, COMMUNE_BASIS)
        new_by_key[(pkey, wkey)] = w
        area[w] = Decimal(str(km2)) if km2 is not None else Decimal(0)

    successions: list[SuccessionRecord] = []
    for new_key in sorted(wanted_new):
        for old_key in mapping["DICT_PROVINCE"][new_key]:
            successions.append(
                SuccessionRecord(
                    old_prov_by_key[old_key],
                    ("new", new_prov_by_key[new_key]),
                    "merge",
                    NEW_START,
                    None,
                    False,
                    NQ_202,
                )
            )
        for ward_key, olds in mapping["DICT_PROVINCE_WARD_NO_DIVIDED"].get(new_key, {}).items():
            for old in olds:
                successions.append(
                    SuccessionRecord(
                        old_by_key[old],
                        new_by_key[(new_key, ward_key)],
                        "merge",
                        NEW_START,
                        None,
                        False,
                        COMMUNE_BASIS,
                    )
                )
        for old, parts in mapping["DICT_PROVINCE_WARD_DIVIDED"].get(new_key, {}).items():
            targets = [new_by_key[(new_key, p["newWardKey"])] for p in parts]
            successions.extend(
                SuccessionRecord(old_by_key[old], t, "split", NEW_START, s, True, COMMUNE_BASIS)
                for t, s in zip(targets, area_shares([area[t] for t in targets]), strict=True)
            )
    if ("new", "68") in units:
        _add_da_huoai(units, successions)
    return Dataset(list(units.values()), successions)


def area_shares(areas: list[Decimal]) -> list[Decimal]:
    """Shares proportional to ``areas`` (equal when an area is unknown or zero), rounded
    to six places, the last one taking the remainder so that they add up to exactly 1."""
    n = len(areas)
    total = sum(areas, Decimal(0))
    known = all(a > 0 for a in areas)
    raw = [a / total for a in areas] if known else [Decimal(1) / n] * n
    shares = [round_half_up(s, 6) for s in raw[:-1]]
    return [*shares, Decimal(1) - sum(shares, Decimal(0))]


def _add_da_huoai(units: dict, successions: list) -> None:
    """The 2024–2025 arrangement of Lâm Đồng's southern districts (see the docstring)."""
    new_key = ("old", "682")
    merged = units[new_key]
    units[new_key] = UnitRecord(
        new_key,
        merged.code,
        merged.name,
        merged.kind,
        merged.parent,
        DA_HUOAI_START,
        merged.valid_to,
        DA_HUOAI_BASIS,
    )
    day_before = date.fromordinal(DA_HUOAI_START.toordinal() - 1)
    for code, name in DA_HUOAI_PREDECESSORS:
        key = ("pre2025", code)
        units[key] = UnitRecord(key, code, name, "huyen", merged.parent, None, day_before)
        successions.append(
            SuccessionRecord(key, new_key, "merge", DA_HUOAI_START, None, False, DA_HUOAI_BASIS)
        )
