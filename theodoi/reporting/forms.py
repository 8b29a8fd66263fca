"""Input validation of the regime form; the domain rules live in services.save_regime."""

from django import forms
from django.utils.translation import gettext_lazy as _

from theodoi.org.models import Agency
from theodoi.reporting.models import ReportingRegime
from theodoi.reporting.services import REGIME_FIELDS
from theodoi.targets.models import Indicator


class RegimeForm(forms.ModelForm):
    agencies = forms.ModelMultipleChoiceField(
        label=_("Đối tượng thực hiện báo cáo"),
        queryset=Agency.objects.filter(dissolved_on__isnull=True),
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    indicators = forms.ModelMultipleChoiceField(
        label=_("Biểu mẫu số liệu (chỉ tiêu)"),
        required=False,
        queryset=Indicator.objects.filter(retired=False).order_by("order", "code"),
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=_("Mỗi chỉ tiêu do cơ quan chủ trì của nó báo cáo."),
    )
    outline_text = forms.CharField(
        label=_("Đề cương"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Mỗi dòng một mục; thêm dấu * ở đầu mục bắt buộc."),
    )

    class Meta:
        model = ReportingRegime
        fields = REGIME_FIELDS  # the service's list: what the form edits, the service saves
        widgets = {
            "content": forms.Textarea(attrs={"rows": 3}),
            "recipients": forms.Textarea(attrs={"rows": 4}),
        }
