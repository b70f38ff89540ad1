"""The forms of "Học tập của tôi": a line of one's own learning and the digital skills of a year."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from xhht.centres.models import Topic
from xhht.centres.record_forms import DeclareForm
from xhht.places.models import Place
from xhht.resources.models import Resource


class OwnLearningForm(DeclareForm):
    """centres' self-declared line, with a topic, the catalogue resource studied (chosen by a
    search on the page, carried here hidden) and a photo of the certificate."""

    topic = forms.ModelChoiceField(
        queryset=Topic.objects.none(), label=_("Chủ đề"), required=False, empty_label="—"
    )
    resource = forms.ModelChoiceField(
        queryset=Resource.objects.published(), required=False, widget=forms.HiddenInput
    )
    certificate = forms.FileField(
        label=_("Ảnh giấy chứng nhận, chứng chỉ (JPEG, PNG; tối đa 10 MB)"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png", "capture": "environment"}
        ),
    )

    field_order = ["kind", "title", "topic", "year", "hours", "source", "result", "certificate"]

    def __init__(self, *args: Any, place: Place, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False  # a resource chosen gives its title
        topic = self.fields["topic"]
        if isinstance(topic, forms.ModelChoiceField):
            topic.queryset = Topic.objects.usable_at(place)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("title") or "").strip() and data.get("resource") is None:
            self.add_error("title", _("Hãy ghi nội dung đã học hoặc chọn một học liệu."))
        return data


class DigitalSkillsForm(forms.Form):
    self_update = forms.BooleanField(
        label=_("Tôi tự cập nhật thông tin, việc học tập của mình trên nền tảng này"),
        required=False,
    )
    online_learning = forms.BooleanField(
        label=_("Tôi học trực tuyến (khóa học, video, học liệu trên mạng)"), required=False
    )
    online_services = forms.BooleanField(
        label=_("Tôi dùng dịch vụ công trực tuyến (Cổng dịch vụ công, VNeID…)"), required=False
    )
