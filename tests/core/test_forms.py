from decimal import Decimal

from django import forms

from theodoi.core.forms import VNDateField, VNDecimalField


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
