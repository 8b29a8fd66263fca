"""The national set in both states, as `load_units` reads it (issue 11 item 1): 63
provinces, 696 districts and 10,035 communes until 30/06/2025 (the dataset's 10,040 rows:
five island districts have no commune); 34 provinces and 3,321 communes from 01/07/2025;
every old commune passes to a new one. Plain records, no database (loading the whole set is
measured in bench/bench_units.py; tests/org/test_lineage.py loads Lâm Đồng)."""

from collections import Counter, defaultdict
from decimal import Decimal

import pytest

from theodoi.org import dataset as ds


@pytest.fixture(scope="module")
def country():
    return ds.read()


def test_both_states_have_the_official_counts(country):
    by_key = {u.key: u for u in country.units}
    level = {}
    for u in country.units:
        depth, p = 1, u.parent
        while p is not None:
            depth, p = depth + 1, by_key[p].parent
        level[u.key] = depth
    counts = Counter((u.key[0], level[u.key]) for u in country.units)
    assert counts[("old", 1)] == 63
    assert counts[("old", 2)] == 696
    assert counts[("old", 3)] == 10035
    assert counts[("new", 1)] == 34
    assert counts[("new", 2)] == 3321
    kinds = {u.kind for u in country.units if u.key[0] == "new" and level[u.key] == 2}
    assert kinds == {"xa", "phuong", "dac_khu"}
    assert "thi_tran" in {u.kind for u in country.units if u.key[0] == "old"}
    assert all(u.valid_to == ds.OLD_END for u in country.units if u.key[0] == "old")
    assert all(u.valid_from == ds.NEW_START for u in country.units if u.key[0] == "new")


def test_every_old_unit_passes_to_the_new_state_and_split_shares_make_one(country):
    preds = {s.predecessor for s in country.successions}
    old_communes = {
        u.key for u in country.units if u.key[0] == "old" and u.kind in ds.COMMUNE_KIND.values()
    }
    old_provinces = {u.key for u in country.units if u.key[0] == "old" and u.parent is None}
    assert old_communes <= preds and old_provinces <= preds
    shares = defaultdict(Decimal)
    for s in country.successions:
        if s.kind == "split":
            assert s.estimate and s.share is not None
            shares[s.predecessor] += s.share
    assert shares and set(shares.values()) == {Decimal(1)}
    # 22918 names two units: Phường Hàm Tiến (Bình Thuận) then Phường Mũi Né (Lâm Đồng).
    names = {u.key: u.name for u in country.units if u.code == "22918"}
    assert names == {("old", "22918"): "Phường Hàm Tiến", ("new", "22918"): "Phường Mũi Né"}
