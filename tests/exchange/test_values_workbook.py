import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from tests.exchange.helpers import cp1258, edit_xlsx, with_cached_value
from theodoi.audit.models import AuditEntry
from theodoi.core.errors import DomainError, NotAllowed
from theodoi.exchange import services
from theodoi.exchange.readers import FileRejected
from theodoi.targets.models import DataValue, ValueLock

pytestmark = pytest.mark.usefixtures("media", "stc_figures")


def download(people, agencies, persona="specialist", period="2021Q2", agency="STC"):
    return services.entry_workbook(people[persona], agencies[agency], period).to_xlsx()


def fill(data, **cells):
    def put(wb):
        for ref, value in cells.items():
            wb["Số liệu"][ref] = value

    return edit_xlsx(data, put)


def values_written():
    return DataValue.objects.count()


def preview(people, agencies, data, name="so-lieu-stc.xlsx", persona="specialist", period="2021Q2"):
    return services.preview_value_import(people[persona], data, name, agencies["STC"], period)


def test_the_workbook_is_prefilled_protected_and_names_its_agency_and_period(people, agencies):
    wb = load_workbook(io.BytesIO(download(people, agencies)))
    ws = wb["Số liệu"]
    assert [c.value for c in ws[1]] == [
        "Mã chỉ tiêu",
        "Tên chỉ tiêu",
        "Đơn vị tính",
        "Mã đơn vị hành chính",
        "Đơn vị hành chính",
        "Mã kỳ",
        "Kế hoạch",
        "Cùng kỳ năm trước",
        "Giá trị kỳ này",
        "Tình trạng số liệu",
        "Ghi chú",
    ]
    assert [c.value for c in ws[2]] == [
        "THU_NSNN",
        "Thu ngân sách nhà nước",
        "tỷ đồng",
        "68",
        "Lâm Đồng",
        "2021Q2",
        9300,
        2000,
        2100.5,
        "ước",
        None,
    ]
    assert [c.value for c in ws[3]][:9] == [
        "CHI_NSDP",
        "Chi ngân sách địa phương",
        "tỷ đồng",
        "68",
        "Lâm Đồng",
        "2021Q2",
        None,
        None,
        None,
    ]
    assert ws.protection.sheet
    assert ws["A2"].protection.locked and ws["G2"].protection.locked
    assert (
        not ws["I2"].protection.locked
        and not ws["J2"].protection.locked
        and not ws["K2"].protection.locked
    )
    assert ws["G2"].number_format == "#,##0" and ws["I2"].number_format.startswith("#,##0.")
    assert ws.freeze_panes == "A2" and ws["A1"].font.bold
    meta = wb["_theodoi"]
    assert meta.sheet_state == "veryHidden"
    assert [meta["B2"].value, meta["B3"].value] == ["STC", "2021Q2"]


def test_upload_previews_old_to_new_and_confirm_writes_with_the_file_name(people, agencies):
    data = fill(download(people, agencies), I2=2250, J2="sơ bộ", I3="1.234,5")
    before = values_written()
    p = preview(people, agencies, data)
    assert p.can_commit and not p.errors, p.errors
    assert [(r["indicator"], r["status"], r["old_text"], r["new_text"]) for r in p.rows] == [
        ("THU_NSNN", "changed", "2.100,5", "2.250"),
        ("CHI_NSDP", "new", "", "1.234,5"),
    ]
    assert values_written() == before  # the preview writes nothing
    services.import_values(people["specialist"], p.token)
    latest = DataValue.objects.get(indicator__code="THU_NSNN", period_id="2021Q2", is_latest=True)
    assert (
        latest.value == 2250
        and latest.status == "preliminary"
        and latest.source == "so-lieu-stc.xlsx"
    )
    assert latest.replaces.value == Decimal("2100.5")  # history kept
    assert DataValue.objects.get(indicator__code="CHI_NSDP").value == Decimal("1234.5")
    entry = AuditEntry.objects.get(action="exchange.upload.committed")
    assert entry.data == {
        "kind": "values",
        "file": "so-lieu-stc.xlsx",
        "agency": "STC",
        "period": "2021Q2",
        "values": 2,
    }
    assert (
        AuditEntry.objects.filter(
            action="targets.datavalue.revised", data__source="so-lieu-stc.xlsx"
        ).count()
        == 1
    )


def test_unchanged_values_are_shown_as_unchanged(people, agencies):
    p = preview(people, agencies, download(people, agencies))
    assert [(r["indicator"], r["status"]) for r in p.rows] == [("THU_NSNN", "same")]


def assert_refused(people, agencies, data, where, reason, period="2021Q2"):
    before = values_written()
    try:
        p = preview(people, agencies, data, period=period)
    except FileRejected as exc:
        message = exc.message
    else:
        assert not p.can_commit
        message = " | ".join(str(e) for e in p.errors)
        with pytest.raises(DomainError) as exc:
            services.import_values(people["specialist"], p.token)
        assert where in exc.value.message
    assert where in message and reason in message, message
    assert values_written() == before


def test_a_workbook_for_another_agency_is_refused(people, agencies):
    data = download(people, agencies, persona="steering", agency="SVH")
    assert_refused(
        people, agencies, data, "Trang “_theodoi”, dòng 2, cột B", "không phải của Sở Tài chính"
    )


def test_a_workbook_for_another_period_is_refused(people, agencies):
    data = fill(download(people, agencies, period="2021Q1"), I2=10)
    assert_refused(
        people,
        agencies,
        data,
        "Trang “_theodoi”, dòng 3, cột B",
        "tệp là mẫu Quý I/2021, không phải Quý II/2021",
    )


def test_a_workbook_not_made_here_is_refused(people, agencies):
    data = edit_xlsx(download(people, agencies), lambda wb: wb.remove(wb["_theodoi"]))
    assert_refused(
        people, agencies, data, "Trang “Số liệu”", "không phải mẫu nhập số liệu do Theo Dõi tạo"
    )


def test_a_renamed_header_is_refused(people, agencies):
    data = fill(download(people, agencies), I1="Giá trị mới")
    assert_refused(
        people, agencies, data, "Trang “Số liệu”, dòng 1, cột I", "tiêu đề “Giá trị mới” không khớp"
    )


def test_reordered_columns_are_read_by_their_headers(people, agencies):
    def swap(wb):
        ws = wb["Số liệu"]
        for row in ws.iter_rows(min_col=1, max_col=11):
            row[8].value, row[10].value = row[10].value, row[8].value  # Ghi chú <-> Giá trị kỳ này
        ws["I2"], ws["K2"] = "Số ước tính", 2300

    p = preview(people, agencies, edit_xlsx(download(people, agencies), swap))
    assert p.rows[0]["new_text"] == "2.300" and p.can_commit
    assert any("thứ tự" in str(n) and "dòng 1" in str(n) for n in p.notices)


def test_merged_cells_in_the_values_are_refused(people, agencies):
    data = edit_xlsx(download(people, agencies), lambda wb: wb["Số liệu"].merge_cells("I2:I3"))
    assert_refused(people, agencies, data, "Trang “Số liệu”, dòng 2, cột I", "ô gộp I2:I3")


def test_a_formula_with_a_computed_value_is_read(people, agencies):
    data = with_cached_value(fill(download(people, agencies), I2="=2000+250"), "I2", 2250)
    p = preview(people, agencies, data)
    assert p.rows[0]["new"] == "2250" and any("=2000+250" in str(n) for n in p.notices)


def test_a_formula_without_a_computed_value_is_refused(people, agencies):
    data = fill(download(people, agencies), I2="=SUM(G2:H2)")
    assert_refused(
        people, agencies, data, "Trang “Số liệu”, dòng 2, cột I", "công thức “=SUM(G2:H2)”"
    )


def test_text_in_a_number_cell_is_refused(people, agencies):
    data = fill(download(people, agencies), I2="hai nghìn")
    assert_refused(
        people, agencies, data, "Trang “Số liệu”, dòng 2, cột I", "“hai nghìn” không phải là số"
    )


@pytest.mark.parametrize(
    "typed, read", [("1.234", "1234"), ("1.234,5", "1234.5"), ("67,4", "67.4"), ("2 250", "2250")]
)
def test_numbers_typed_as_text_are_read_the_vietnamese_way(people, agencies, typed, read):
    p = preview(people, agencies, fill(download(people, agencies), I3=typed))
    assert p.rows[1]["new"] == read


def test_a_number_that_could_mean_two_things_is_refused(people, agencies):
    data = fill(download(people, agencies), I3="1,234")
    assert_refused(people, agencies, data, "Trang “Số liệu”, dòng 3, cột I", "không rõ nghĩa")


def test_duplicate_rows_for_one_cell_are_refused(people, agencies):
    data = fill(download(people, agencies), A3="THU_NSNN", I3=5)
    assert_refused(people, agencies, data, "Trang “Số liệu”, dòng 3, cột A", "trùng với dòng 2")


def test_unknown_codes_are_refused(people, agencies):
    data = fill(download(people, agencies), A3="KHONG_CO", I3=5)
    assert_refused(
        people, agencies, data, "Trang “Số liệu”, dòng 3, cột A", "Không có chỉ tiêu mã “KHONG_CO”"
    )
    data = fill(download(people, agencies), D3="99", I3=5)
    assert_refused(
        people,
        agencies,
        data,
        "Trang “Số liệu”, dòng 3, cột D",
        "Không có đơn vị hành chính mã “99”",
    )


def test_values_for_a_locked_period_are_refused(people, agencies):
    data = fill(download(people, agencies), I2=2500)
    ValueLock.objects.create(
        agency=agencies["STC"],
        period_id="2021S1",
        locked_by=people["steering"],
        reason="báo cáo 6 tháng đã được chấp nhận",
    )
    assert_refused(people, agencies, data, "Trang “Số liệu”, dòng 2, cột F", "đã được khóa")


def test_a_lock_that_arrives_between_preview_and_confirm_still_stops_the_write(people, agencies):
    p = preview(people, agencies, fill(download(people, agencies), I2=2500))
    assert p.can_commit
    ValueLock.objects.create(
        agency=agencies["STC"], period_id="2021Q2", locked_by=people["steering"]
    )
    with pytest.raises(DomainError, match="Trang “Số liệu”, dòng 2, cột F.*khóa"):
        services.import_values(people["specialist"], p.token)
    assert DataValue.objects.get(
        indicator__code="THU_NSNN", period_id="2021Q2", is_latest=True
    ).value == Decimal("2100.5")


def csv_download(people, agencies):
    return services.entry_workbook(people["specialist"], agencies["STC"], "2021Q2").to_csv()


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
        cp1258,
    ],
    ids=["utf8", "utf8-bom", "windows-1258"],
)
def test_csv_in_every_encoding_is_imported(people, agencies, encode):
    text = csv_download(people, agencies).decode("utf-8-sig")
    text = text.replace(',"2.100,5",ước,', ',"2.400",chính thức,Số liệu của Cục Thống kê')
    p = services.preview_value_import(
        people["specialist"], encode(text), "so-lieu.csv", agencies["STC"], "2021Q2"
    )
    assert p.can_commit, p.errors
    services.import_values(people["specialist"], p.token)
    latest = DataValue.objects.get(indicator__code="THU_NSNN", period_id="2021Q2", is_latest=True)
    assert (latest.value, latest.status, latest.note) == (
        2400,
        "official",
        "Số liệu của Cục Thống kê",
    )


def test_a_csv_row_for_another_period_is_refused(people, agencies):
    text = csv_download(people, agencies).decode("utf-8-sig").replace("2021Q2", "2021Q1")
    p = services.preview_value_import(
        people["specialist"], text.encode(), "so-lieu.csv", agencies["STC"], "2021Q2"
    )
    assert "Tệp “so-lieu.csv”, dòng 2, cột F: kỳ “2021Q1” khác kỳ đang nhập (2021Q2)." == str(
        p.errors[0]
    )


def test_round_trip_xlsx_export_import_export_gives_the_same_content(people, agencies):
    first = download(people, agencies)
    p = preview(people, agencies, fill(first, I3=1500, J3="ước"))
    services.import_values(people["specialist"], p.token)
    second = fill(download(people, agencies), I3=None, J3=None)  # remove what the import added
    p = preview(people, agencies, second)
    assert [r["status"] for r in p.rows] == ["same"]

    def cells(data):
        wb = load_workbook(io.BytesIO(data))
        return [[c.value for c in row] for row in wb["Số liệu"].iter_rows()], [
            (c.coordinate, c.number_format, c.protection.locked)
            for row in wb["Số liệu"].iter_rows()
            for c in row
        ]

    exported = download(people, agencies)
    services.import_values(people["specialist"], preview(people, agencies, exported).token)
    assert cells(download(people, agencies)) == cells(exported)


def test_round_trip_csv_export_import_export_gives_the_same_bytes(people, agencies):
    exported = services.entry_workbook(people["specialist"], agencies["STC"], "2021Q2").to_csv()
    text = exported.decode("utf-8-sig").replace(
        "CHI_NSDP,Chi ngân sách địa phương,tỷ đồng,68,Lâm Đồng,2021Q2,,,,,",
        'CHI_NSDP,Chi ngân sách địa phương,tỷ đồng,68,Lâm Đồng,2021Q2,,,"1,2340",sơ bộ,',
    )
    assert text != exported.decode("utf-8-sig")
    p = services.preview_value_import(
        people["specialist"], text.encode("utf-8-sig"), "a.csv", agencies["STC"], "2021Q2"
    )
    services.import_values(people["specialist"], p.token)
    again = services.entry_workbook(people["specialist"], agencies["STC"], "2021Q2").to_csv()
    assert again == text.encode("utf-8-sig")
    p = services.preview_value_import(
        people["specialist"], again, "b.csv", agencies["STC"], "2021Q2"
    )
    services.import_values(people["specialist"], p.token)
    assert (
        services.entry_workbook(people["specialist"], agencies["STC"], "2021Q2").to_csv() == again
    )


@pytest.mark.parametrize("persona", ["viewer", "outsider", "nobody"])
def test_only_those_who_enter_stc_figures_get_its_workbook(people, agencies, persona):
    with pytest.raises(NotAllowed):
        services.entry_workbook(people[persona], agencies["STC"], "2021Q2")
    with pytest.raises(NotAllowed):
        preview(people, agencies, download(people, agencies), persona=persona)
