"""Figures on today's boundaries: the weights of a unit's predecessors and the comparable
total (org.lineage.weights_from, comparable_total), and the lineage API."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from theodoi.org import dataset as ds
from theodoi.org import loading
from theodoi.org.lineage import comparable_total, weights_from
from theodoi.org.models import AdminUnit, UnitKind, UnitSuccession

D = Decimal


def test_a_merge_sums_its_predecessors_and_a_split_applies_shares():
    links = [("a", "n", None), ("b", "n", D("0.25")), ("b", "m", D("0.75"))]
    w = weights_from(links, "n")
    assert w == {"a": D(1), "b": D("0.25")}
    total, missing, estimate = comparable_total("flow", w, {"a": D(100), "b": D(40)})
    assert (total, missing, estimate) == (D(110), [], True)
    whole = weights_from([("a", "n", None), ("c", "n", None)], "n")
    assert comparable_total("stock", whole, {"a": D(1), "c": D(2)}) == (D(3), [], False)


def test_a_missing_predecessor_gives_no_total_and_is_named():
    w = weights_from([("a", "n", None), ("b", "n", None)], "n")
    assert comparable_total("flow", w, {"a": D(100), "b": None}) == (None, ["b"], False)


def test_a_rate_is_never_derived():
    w = weights_from([("a", "n", None), ("b", "n", None)], "n")
    assert comparable_total("rate", w, {"a": D(5), "b": D(7)}) == (None, [], False)


@st.composite
def chains(draw):
    """Generations of units: each unit of one generation passes wholly into one unit of the
    next, or is split between several with shares adding up to exactly 1."""
    gens = [[f"g0u{i}" for i in range(draw(st.integers(1, 6)))]]
    links = []
    for g in range(1, draw(st.integers(2, 3)) + 1):
        nxt = [f"g{g}u{i}" for i in range(draw(st.integers(1, 5)))]
        for u in gens[-1]:
            targets = draw(st.lists(st.sampled_from(nxt), min_size=1, max_size=3, unique=True))
            if len(targets) == 1:
                links.append((u, targets[0], None))
            else:
                areas = [D(draw(st.integers(1, 500))) for _ in targets]
                links += [(u, t, s) for t, s in zip(targets, ds.area_shares(areas), strict=True)]
        gens.append(nxt)
    values = {u: D(draw(st.integers(0, 10**8))) / 100 for u in gens[0]}
    return gens, links, values


@settings(max_examples=200, deadline=None)
@given(chains())
def test_todays_boundaries_lose_nothing_and_count_nothing_twice(chain):
    gens, links, values = chain
    first = set(gens[0])
    today_total = D(0)
    for unit in gens[-1]:
        w = {u: x for u, x in weights_from(links, unit).items() if u in first}
        total, missing, _estimate = comparable_total("flow", w, values)
        assert missing == []
        today_total += total or 0
    # Units of today that nothing flows into hold nothing; every old unit ends somewhere.
    assert today_total == sum(values.values())


@pytest.mark.django_db
def test_the_lineage_api_answers_with_the_unit_valid_on_the_day(api_as, people):
    loading.load(ds.read({"68"}))
    r = api_as("viewer").get("/api/v1/units/22918/lineage", on="2025-07-01")
    body = r.json()
    assert r.status_code == 200 and body["unit"]["name"] == "Phường Mũi Né"
    names = {p["name"] for p in body["predecessors"]}
    assert "Phường Hàm Tiến" in names and body["successors"] == []
    r = api_as("viewer").get("/api/v1/units/22918/lineage", on="2025-06-30")
    body = r.json()
    assert body["unit"]["name"] == "Phường Hàm Tiến"
    assert body["successors"][0]["name"] == "Phường Mũi Né"
    assert body["successors"][0]["effective"] == "2025-07-01"
    old = api_as("viewer").get("/api/v1/units/682/lineage", on="2021-06-30").json()
    assert old["unit"]["name"] == "Huyện Đạ Tẻh"
    assert old["successors"][0]["name"] == "Huyện Đạ Huoai"
    assert api_as("viewer").get("/api/v1/units/99999/lineage").status_code == 404


@pytest.mark.django_db
def test_the_lineage_api_follows_successions_transitively(api_as, people):
    a = AdminUnit.objects.create(
        code="701", name="Xã A", kind=UnitKind.COMMUNE, valid_to=date(2024, 9, 30)
    )
    b = AdminUnit.objects.create(
        code="702",
        name="Xã B",
        kind=UnitKind.COMMUNE,
        valid_from=date(2024, 10, 1),
        valid_to=date(2025, 6, 30),
    )
    c = AdminUnit.objects.create(
        code="703", name="Xã C", kind=UnitKind.COMMUNE, valid_from=date(2025, 7, 1)
    )
    UnitSuccession.objects.create(
        predecessor=a, successor=b, effective=date(2024, 10, 1), legal_basis="NQ 1"
    )
    UnitSuccession.objects.create(
        predecessor=b, successor=c, effective=date(2025, 7, 1), legal_basis="NQ 2"
    )
    body = api_as("viewer").get("/api/v1/units/703/lineage").json()
    assert [
        (p["name"], p["depth"], p["effective"], p["legal_basis"]) for p in body["predecessors"]
    ] == [
        ("Xã B", 1, "2025-07-01", "NQ 2"),
        ("Xã A", 2, "2024-10-01", "NQ 1"),
    ]
    body = api_as("viewer").get("/api/v1/units/701/lineage", on="2024-01-01").json()
    assert [(s["name"], s["depth"]) for s in body["successors"]] == [("Xã B", 1), ("Xã C", 2)]
