"""Input forms for directives and meetings (reading the request only; the services decide)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from theodoi.core.forms import MarkedForm, VNDateField
from theodoi.directives.models import Breakthrough, Directive, DirectiveKind
from theodoi.org.models import Agency


class DirectiveForm(MarkedForm):
    kind = forms.ChoiceField(label=_("Loại văn bản"), choices=DirectiveKind.choices)
    number = forms.CharField(
        label=_("Số, ký hiệu"),
        max_length=60,
        required=False,
        help_text=_("Văn bản của Đảng: 05-NQ/TU; văn bản nhà nước: 112/KH-UBND."),
    )
    title = forms.CharField(label=_("Trích yếu"), max_length=500)
    summary = forms.CharField(label=_("Tóm tắt nội dung"), widget=forms.Textarea, required=False)
    issuer = forms.ModelChoiceField(
        label=_("Cơ quan ban hành"),
        queryset=Agency.objects.all(),
        empty_label=_("— Chọn cơ quan ban hành —"),
    )
    issued_on = VNDateField(label=_("Ngày ban hành"), required=False)
    term = forms.CharField(label=_("Nhiệm kỳ"), max_length=20, required=False)
    implements = forms.ModelChoiceField(
        label=_("Thực hiện văn bản"),
        queryset=Directive.objects.all(),
        required=False,
        empty_label=_("— Không gắn với văn bản nào —"),
    )
    breakthroughs = forms.ModelMultipleChoiceField(
        label=_("Khâu đột phá"),
        queryset=Breakthrough.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class MeetingForm(MarkedForm):
    title = forms.CharField(label=_("Nội dung buổi làm việc"), max_length=500)
    held_on = VNDateField(label=_("Ngày"))
    place = forms.CharField(label=_("Địa điểm"), max_length=200, required=False)
    host = forms.ModelChoiceField(
        label=_("Cơ quan chủ trì"),
        queryset=Agency.objects.all(),
        empty_label=_("— Chọn cơ quan chủ trì —"),
    )
    chair = forms.CharField(label=_("Người chủ trì"), max_length=300)
    agencies = forms.ModelMultipleChoiceField(
        label=_("Cơ quan tham dự"),
        queryset=Agency.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    participants = forms.CharField(
        label=_("Thành phần tham dự (mỗi người một dòng)"), widget=forms.Textarea, required=False
    )
    directive = forms.ModelChoiceField(
        label=_("Thực hiện văn bản"),
        queryset=Directive.objects.all(),
        required=False,
        empty_label=_("— Không gắn với văn bản nào —"),
    )
    agenda = forms.CharField(
        label=_("Nội dung làm việc (mỗi nội dung một dòng)"), widget=forms.Textarea, required=False
    )


class ConclusionForm(forms.Form):
    text = forms.CharField(
        label=_("Nội dung kết luận"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    title = forms.CharField(label=_("Tên nhiệm vụ"), max_length=500, required=False)
    lead = forms.ModelChoiceField(
        label=_("Cơ quan chủ trì"),
        queryset=Agency.objects.none(),
        required=False,
        empty_label=_("— Chọn cơ quan chủ trì —"),
    )
    deadline = VNDateField(label=_("Thời hạn"), required=False)
    recurrence = forms.CharField(
        label=_("Tính chất thời hạn"),
        max_length=60,
        required=False,
        help_text=_("Để trống, “thường xuyên” hoặc “hằng năm trước 15/12”."),
    )
    product = forms.CharField(label=_("Sản phẩm"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = Agency.objects.active_on(timezone.localdate())
        # The row's fields sit under the table's column heads: each says which column and
        # which conclusion it is to a screen reader ("Thời hạn, kết luận 3").
        row = self.prefix.rsplit("-", 1)[-1] if self.prefix else ""
        for field in self.fields.values():
            field.widget.attrs["aria-label"] = (
                gettext("%(label)s, kết luận %(n)s") % {"label": field.label, "n": int(row) + 1}
                if row.isdigit()
                else str(field.label)
            )


ConclusionFormSet = forms.formset_factory(ConclusionForm, extra=8)
