"""The catalogue's filters (public) and the contributor's resource form (one column on a
phone); the form only collects, ``actions`` checks and saves."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xhht.accounts.models import Body, User
from xhht.centres.models import Campaign, Centre, LearningClass, Topic
from xhht.resources.access import contributor_bodies, contributor_centres
from xhht.resources.actions import ResourceFields
from xhht.resources.collection_actions import collectable
from xhht.resources.files import accepted_names, max_bytes
from xhht.resources.models import Collection, Resource, ResourceQuerySet


def _any(label: Any) -> list[tuple[str, Any]]:
    return [("", label)]


class CatalogueFilter(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False, max_length=200)
    topic = forms.ModelChoiceField(
        queryset=Topic.objects.filter(active=True),
        required=False,
        label=_("Chủ đề"),
        empty_label=_("Tất cả chủ đề"),
    )
    kind = forms.ChoiceField(
        choices=_any(_("Tất cả loại")) + Resource.Kind.choices, required=False, label=_("Loại")
    )
    audience = forms.ChoiceField(
        choices=_any(_("Mọi đối tượng")) + Resource.Audience.choices,
        required=False,
        label=_("Đối tượng"),
    )
    licence = forms.ChoiceField(
        choices=_any(_("Mọi giấy phép")) + Resource.Licence.choices,
        required=False,
        label=_("Giấy phép"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(
            {"type": "search", "placeholder": _("ví dụ: kỹ năng số")}
        )

    def apply(self, resources: ResourceQuerySet) -> ResourceQuerySet:
        if not self.is_valid():
            return resources
        data = self.cleaned_data
        resources = resources.search(data["q"] or "")
        if data["topic"] is not None:
            resources = resources.filter(topics=data["topic"])
        for name in ("kind", "audience", "licence"):
            if data[name]:
                resources = resources.filter(**{name: data[name]})
        return resources


class ResourceForm(forms.Form):
    contributor = forms.ChoiceField(label=_("Đơn vị cung cấp"))
    title = forms.CharField(label=_("Tên học liệu"), max_length=300)
    description = forms.CharField(
        label=_("Mô tả"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    kind = forms.ChoiceField(label=_("Loại học liệu"), choices=Resource.Kind.choices)
    topics = forms.ModelMultipleChoiceField(
        label=_("Chủ đề"),
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    audience = forms.ChoiceField(
        label=_("Đối tượng"), choices=Resource.Audience.choices, initial=Resource.Audience.EVERYONE
    )
    level = forms.ChoiceField(label=_("Trình độ"), choices=Resource.Level.choices)
    language = forms.CharField(label=_("Ngôn ngữ (mã ISO)"), max_length=12, initial="vi")
    licence = forms.ChoiceField(
        label=_("Giấy phép"), choices=Resource.Licence.choices, initial=Resource.Licence.CC_BY
    )
    author = forms.CharField(label=_("Tác giả"), max_length=300, required=False)
    publisher = forms.CharField(
        label=_("Nhà xuất bản, đơn vị phát hành"), max_length=300, required=False
    )
    url = forms.URLField(
        label=_("Đường dẫn"), max_length=500, required=False, assume_scheme="https"
    )
    upload = forms.FileField(label=_("Hoặc tải lên tệp"), required=False)
    classes = forms.ModelMultipleChoiceField(
        label=_("Dùng cho lớp học"), queryset=LearningClass.objects.none(), required=False
    )
    campaigns = forms.ModelMultipleChoiceField(
        label=_("Dùng cho đợt hưởng ứng"), queryset=Campaign.objects.none(), required=False
    )

    def __init__(
        self, *args: Any, user: User, resource: Resource | None = None, **kwargs: Any
    ) -> None:
        if resource is not None:
            kwargs.setdefault("initial", _initial(resource))
        super().__init__(*args, **kwargs)
        self.resource = resource
        fields: dict[str, Any] = self.fields
        self.centres = {c.pk: c for c in contributor_centres(user)}
        self.bodies = {b.pk: b for b in contributor_bodies(user)}
        choices: list[tuple[str, str]] = [
            (f"centre-{c.pk}", f"{c.name} ({c.place.name})") for c in self.centres.values()
        ]
        choices += [(f"body-{b.pk}", f"{b.name} ({b.place.name})") for b in self.bodies.values()]
        if resource is not None:
            del fields["contributor"]
        else:
            fields["contributor"].choices = choices
        province_ids = {c.place.root_id for c in self.centres.values()} | {
            b.place.root_id for b in self.bodies.values()
        }
        if resource is not None:
            province_ids = {resource.province_id}
        fields["topics"].queryset = Topic.objects.filter(
            Q(province__isnull=True) | Q(province_id__in=province_ids), active=True
        )
        fields["classes"].queryset = (
            LearningClass.objects.visible_to(user)
            .exclude(status=LearningClass.Status.CLOSED)
            .order_by("sort_key")
        )
        fields["campaigns"].queryset = Campaign.objects.visible_to(user)
        fields["upload"].help_text = _(
            "Nhận %(types)s, tối đa %(limit)s MB; kiểm tra theo nội dung tệp."
        ) % {
            "types": accepted_names(),
            "limit": max_bytes() // (1024 * 1024),
        }

    def contributor_choice(self) -> tuple[Centre | None, Body | None]:
        kind, _sep, pk = self.cleaned_data["contributor"].partition("-")
        if kind == "centre":
            return self.centres[int(pk)], None
        return None, self.bodies[int(pk)]

    def resource_fields(self) -> ResourceFields:
        data = self.cleaned_data
        return ResourceFields(
            title=data["title"],
            kind=data["kind"],
            licence=data["licence"],
            description=data["description"],
            audience=data["audience"],
            level=data["level"],
            language=data["language"].strip().lower(),
            author=data["author"],
            publisher=data["publisher"],
            url=data["url"],
            topics=list(data["topics"]),
            classes=list(data["classes"]),
            campaigns=list(data["campaigns"]),
        )


def _initial(resource: Resource) -> dict[str, Any]:
    names = [
        "title",
        "description",
        "kind",
        "audience",
        "level",
        "language",
        "licence",
        "author",
        "publisher",
        "url",
    ]
    initial: dict[str, Any] = {name: getattr(resource, name) for name in names}
    initial["topics"] = list(resource.topics.all())
    initial["classes"] = list(resource.classes.all())
    initial["campaigns"] = list(resource.campaigns.all())
    return initial


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do trả lại"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class CollectionForm(forms.Form):
    centre = forms.ModelChoiceField(label=_("Cơ sở"), queryset=Centre.objects.none())
    name = forms.CharField(label=_("Tên bộ sưu tập"), max_length=250)
    description = forms.CharField(
        label=_("Mô tả"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    resources = forms.ModelMultipleChoiceField(
        label=_("Học liệu (theo thứ tự hiện ra)"),
        queryset=Resource.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self, *args: Any, user: User, collection: Collection | None = None, **kwargs: Any
    ) -> None:
        centres = contributor_centres(user)
        items: list[Resource] = []
        if collection is not None:
            items = [item.resource for item in collection.items.select_related("resource")]
            kwargs.setdefault(
                "initial",
                {
                    "centre": collection.centre,
                    "name": collection.name,
                    "description": collection.description,
                    "resources": items,
                },
            )
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["centre"].queryset = centres
        provinces = sorted({c.place.root_id for c in centres})
        others = collectable(user, provinces).exclude(pk__in=[r.pk for r in items])
        self.order = [*items, *others.order_by("sort_key", "id")[:500]]
        fields["resources"].queryset = Resource.objects.filter(pk__in=[r.pk for r in self.order])
        fields["resources"].choices = [
            (r.pk, f"{r.title} ({r.get_state_display()})") for r in self.order
        ]

    def chosen_resources(self) -> list[Resource]:
        """The ticked resources in the order the form lists them."""
        chosen = {r.pk for r in self.cleaned_data["resources"]}
        return [r for r in self.order if r.pk in chosen]
