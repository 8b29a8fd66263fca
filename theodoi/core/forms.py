"""Form fields that read Vietnamese input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from theodoi.core.dates import DateParseError, format_date, parse_date
from theodoi.core.numbers import NumberParseError, format_typed, parse_typed


class VNDecimalField(forms.CharField):
    """A number typed the Vietnamese way ("6.265,5"), or the English way ("6,265.5") when the
    person chose English (core.numbers.parse_typed), or plainly; cleans to Decimal.
    The error names the field: "Số liệu: “abc” không phải là số hợp lệ."."""

    default_error_messages = {"negative": _("không được là số âm.")}

    def __init__(self, *args, allow_negative=True, **kwargs):
        self.allow_negative = allow_negative
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if value is None or isinstance(value, str):
            return value
        return format_typed(value)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            number = parse_typed(value)
        except NumberParseError as exc:
            raise forms.ValidationError(
                f"{self.label}: {exc.message}" if self.label else exc.message, code="invalid"
            ) from exc
        if not self.allow_negative and number < 0:
            raise forms.ValidationError(
                f"{self.label}: {self.error_messages['negative']}", code="negative"
            )
        return number


class VNDateField(forms.CharField):
    """A date typed dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, ISO yyyy-mm-dd: core.dates.
    parse_date); cleans to datetime.date. Every page form's date field is one of these.

    A text input, never <input type="date">: a native date picker follows the browser's
    locale, which on many officials' machines is English (mm/dd/yyyy). The error names
    the field: "Thời hạn: Ngày “31/02/2021” không có trên lịch."."""

    def widget_attrs(self, widget):
        return {
            **super().widget_attrs(widget),
            "placeholder": "dd/mm/yyyy",
            "inputmode": "numeric",
            "size": "10",
        }

    def prepare_value(self, value):
        return value if value is None or isinstance(value, str) else format_date(value)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return parse_date(value)
        except DateParseError as exc:
            raise forms.ValidationError(
                f"{self.label}: {exc.message}" if self.label else exc.message, code="invalid"
            ) from exc


class MarkedForm(forms.Form):
    """A page form whose required fields say so to everyone: the template
    core/_form_fields.html marks them "*" with the legend "(*) bắt buộc", and
    aria-required tells a screen reader before the person leaves the field empty."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.required:
                field.widget.attrs["aria-required"] = "true"
