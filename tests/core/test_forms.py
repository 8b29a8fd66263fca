import importlib
from datetime import date
from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

from theodoi.core.forms import MarkedForm, VNDateField, VNDecimalField


class Form(forms.Form):
    value = VNDecimalField(label="Số liệu", allow_negative=False)
    day = VNDateField(label="Ngày báo cáo", required=False)


def test_a_vietnamese_number_is_read():
    form = Form({"value": "6.265,5", "day": "15/06/2021"})
    assert form.is_valid()
    assert form.cleaned_data["value"] == Decimal("6265.5")


def test_a_malformed_number_names_the_field():
    form = Form({"value": "6.26.5"})
    assert not form.is_valid()
    assert form.errors["value"][0].startswith("Số liệu:")


def test_a_negative_number_is_refused_when_the_field_forbids_it():
    form = Form({"value": "-5"})
    assert not form.is_valid()
    assert "âm" in form.errors["value"][0]


def test_a_bad_date_names_the_field():
    form = Form({"value": "1", "day": "31/02/2021"})
    assert not form.is_valid()
    assert form.errors["day"][0].startswith("Ngày báo cáo:")


# Every page form reads typed dates through VNDateField (one rule), and keeps accepting
# what the forms accepted before (dd/mm/yyyy, d/m/yyyy, ISO yyyy-mm-dd).
PAGE_FORM_MODULES = [
    f"theodoi.{app}.{module}"
    for app in (
        "api",
        "audit",
        "core",
        "directives",
        "exchange",
        "org",
        "reporting",
        "targets",
        "tasks",
    )
    for module in ("forms", "views")
]


def _page_forms() -> list[type[forms.BaseForm]]:
    for name in PAGE_FORM_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    found, todo = [], [forms.Form, forms.ModelForm]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            # The Django admin's forms (theodoi.*.admin) draw dates with the admin's own
            # calendar widget in the language's format: they are not page forms.
            if sub.__module__.startswith("theodoi.") and not sub.__module__.endswith(".admin"):
                found.append(sub)
    return found


def test_every_page_form_reads_dates_with_vn_date_field():
    date_fields = []
    for form_class in _page_forms():
        for name, field in form_class.base_fields.items():
            assert not isinstance(field, (forms.DateField, forms.DateTimeField)), (form_class, name)
            assert not isinstance(field.widget, forms.DateInput), (form_class, name)
            if isinstance(field, VNDateField):
                date_fields.append(f"{form_class.__name__}.{name}")
    assert {
        "DirectiveForm.issued_on",
        "MeetingForm.held_on",
        "ConclusionForm.deadline",
        "AssignForm.deadline",
        "ExtensionForm.proposed_deadline",
    } <= set(date_fields)


@pytest.mark.parametrize(
    "text, value",
    [
        ("15/06/2021", date(2021, 6, 15)),
        ("5/6/2021", date(2021, 6, 5)),
        ("2021-06-15", date(2021, 6, 15)),
        ("2021-6-5", date(2021, 6, 5)),
        (" 15/06/2021 ", date(2021, 6, 15)),
    ],
)
def test_the_date_forms_that_pages_accepted_are_still_accepted(text, value):
    form = Form({"value": "1", "day": text})
    assert form.is_valid() and form.cleaned_data["day"] == value


def test_the_date_field_is_a_dd_mm_yyyy_text_input():
    html = str(Form(initial={"day": date(2021, 6, 5)})["day"])
    assert 'type="text"' in html and 'placeholder="dd/mm/yyyy"' in html
    assert 'value="05/06/2021"' in html and 'inputmode="numeric"' in html
    form = Form({"value": "1", "day": "06/31/2021"})
    assert not form.is_valid() and "không có trên lịch" in form.errors["day"][0]


def test_in_english_a_number_is_typed_and_shown_the_english_way():
    with translation.override("en"):
        form = Form({"value": "6,265.5"})
        assert form.is_valid() and form.cleaned_data["value"] == Decimal("6265.5")
        assert 'value="6,265.5"' in str(Form(initial={"value": Decimal("6265.5")})["value"])
        refused = Form({"value": "1.234"})  # 1.234 or 1234: refused, not guessed
        assert not refused.is_valid() and "“1.234” is ambiguous" in refused.errors["value"][0]
    with translation.override("vi"):
        assert Form({"value": "6.265,5"}).is_valid()
        assert 'value="6.265,5"' in str(Form(initial={"value": Decimal("6265.5")})["value"])


class Marked(MarkedForm):
    name = forms.CharField(label="Tên")
    note = forms.CharField(label="Ghi chú", required=False)


def test_a_marked_form_tells_which_fields_are_required():
    form = Marked()
    assert 'aria-required="true"' in str(form["name"]) and " required" in str(form["name"])
    assert "aria-required" not in str(form["note"])
