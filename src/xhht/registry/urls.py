from django.urls import URLPattern, path

from xhht.registry import import_views, views

app_name = "registry"


def _pages(kind: str, plural: str) -> list[URLPattern]:
    k = {"kind": kind}
    return [
        path(f"{plural}/", views.record_list, k, name=f"{kind}_list"),
        path(f"{plural}/new/", views.record_create, k, name=f"{kind}_create"),
        path(f"{plural}/<int:pk>/", views.record_detail, k, name=f"{kind}_detail"),
        path(f"{plural}/<int:pk>/edit/", views.record_edit, k, name=f"{kind}_edit"),
        path(f"{plural}/export.xlsx", views.record_export, k, name=f"{kind}_export"),
        path(
            f"{plural}/export.csv",
            views.record_export,
            {**k, "fmt": "csv"},
            name=f"{kind}_export_csv",
        ),
    ]


def _imports(kind: str, plural: str) -> list[URLPattern]:
    k = {"kind": kind}
    return [
        path(f"{plural}/import/", import_views.record_import, k, name=f"{kind}_import"),
        path(f"{plural}/template.xlsx", import_views.record_template, k, name=f"{kind}_template"),
    ]


urlpatterns: list[URLPattern] = [
    *_pages("household", "households"),
    *_pages("person", "people"),
    *_pages("clan", "clans"),
    *_pages("unit", "units"),
    *_imports("household", "households"),
    *_imports("unit", "units"),
    *_imports("clan", "clans"),
    path("imports/<int:pk>/", import_views.import_job, name="import_job"),
    path("imports/<int:pk>/confirm/", import_views.import_confirm, name="import_confirm"),
    path("exports/<int:pk>/", views.export_job, name="export_job"),
    path("exports/<int:pk>/download/", views.export_download, name="export_download"),
]
