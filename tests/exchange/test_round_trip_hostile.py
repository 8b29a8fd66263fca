"""Issue 9 item 7: what people type that looks like a formula is exported as text and the
app imports its own files back (export -> import), in .xlsx and .csv."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from tests.exchange.helpers import edit_xlsx
from theodoi.exchange import services
from theodoi.targets.models import DataValue
from theodoi.tasks.services import create_tasks

TITLE = '=HYPERLINK("http://x.invalid","Bấm vào đây")'
NOTE = "-5 so với cùng kỳ"


@pytest.mark.usefixtures("media", "june_2021", "stc_figures")
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_task_titled_like_a_formula_goes_out_as_text_and_comes_back(
    client_as, people, agencies, directive, fmt
):
    create_tasks(
        people["steering"],
        directive,
        [{"title": TITLE, "lead": agencies["STC"], "deadline": date(2021, 12, 31)}],
    )
    data = client_as("steering").get(f"/nhiem-vu/?export={fmt}").content
    if fmt == "xlsx":
        ws = load_workbook(io.BytesIO(data)).active
        cell = next(c for row in ws.iter_rows() for c in row if c.value == TITLE)
        assert cell.data_type == "s"  # a formula ("f") would be a live link
    else:
        assert "'" + TITLE.replace('"', '""') in data.decode("utf-8-sig")
    preview = services.preview_task_import(people["steering"], data, f"xuat.{fmt}")
    assert preview.can_commit, preview.errors
    assert [r["title"] for r in preview.rows] == [TITLE]


@pytest.mark.usefixtures("media", "stc_figures")
def test_a_note_starting_with_minus_goes_out_as_text_and_comes_back(people, agencies):
    def workbook():
        return services.entry_workbook(people["specialist"], agencies["STC"], "2021Q2")

    def preview(data, name):
        return services.preview_value_import(
            people["specialist"], data, name, agencies["STC"], "2021Q2"
        )

    def put(wb):
        wb["Số liệu"]["I3"], wb["Số liệu"]["J3"], wb["Số liệu"]["K3"] = 1500, "ước", NOTE

    p = preview(edit_xlsx(workbook().to_xlsx(), put), "a.xlsx")
    services.import_values(people["specialist"], p.token)
    assert DataValue.objects.filter(is_latest=True, note=NOTE).count() == 1
    text = workbook().to_csv().decode("utf-8-sig")
    assert "'" + NOTE in text  # Excel would read "-5 so với" as a formula
    for data, name in [(workbook().to_csv(), "b.csv"), (workbook().to_xlsx(), "b.xlsx")]:
        p = preview(data, name)
        # "same" compares value, status and note: the note came back without the quote.
        assert p.can_commit and {r["status"] for r in p.rows} == {"same"}, (name, p.rows)
