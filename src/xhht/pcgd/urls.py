from django.urls import URLPattern, URLResolver

app_name = "pcgd"

urlpatterns: list[URLPattern | URLResolver] = []

# Entry per household, school-list import, the lists people work from (P2)
from django.urls import path  # noqa: E402 - each helper's block keeps its own imports

from xhht.pcgd import views_entry  # noqa: E402

urlpatterns += [
    path("households/<int:pk>/entry/", views_entry.entry_household, name="entry_household"),
    path("hamlets/<int:pk>/entry/", views_entry.entry_hamlet, name="entry_hamlet"),
]

# Pages, statistical forms, the recognition file, the province's settings (P3)
from xhht.pcgd import recognition_views, views  # noqa: E402

urlpatterns += [
    path("", views.index, name="index"),
    path("communes/<int:pk>/", views.commune, name="commune"),
    path("communes/<int:pk>/forms/<slug:slug>.xlsx", views.form_xlsx, name="form_xlsx"),
    path("communes/<int:pk>/submit/", recognition_views.submit, name="dossier_submit"),
    path("provinces/<int:pk>/", views.province, name="province"),
    path("provinces/<int:pk>/settings/", views.settings, name="settings"),
    path("dossiers/<int:pk>/", recognition_views.dossier, name="dossier"),
    path("dossiers/<int:pk>/check/", recognition_views.check, name="dossier_check"),
    path("dossiers/<int:pk>/return/", recognition_views.return_, name="dossier_return"),
    path("dossiers/<int:pk>/recognise/", recognition_views.recognise, name="dossier_recognise"),
    path("dossiers/<int:pk>/<slug:kind>.docx", recognition_views.document, name="dossier_docx"),
]

from xhht.pcgd import school_import_views  # noqa: E402

urlpatterns += [
    path("import/", school_import_views.import_school, name="import_school"),
    path("import/confirm/", school_import_views.import_confirm, name="import_confirm"),
    path("import/template.xlsx", school_import_views.import_template, name="import_template"),
]

from xhht.pcgd import views_lists  # noqa: E402

urlpatterns += [
    path("places/<int:pk>/lists/", views_lists.work_lists, name="lists"),
    path("places/<int:pk>/lists.xlsx", views_lists.lists_export, name="lists_export"),
    path("places/<int:pk>/lists/print/", views_lists.lists_print, name="lists_print"),
    path("places/<int:pk>/lists/invite/", views_lists.lists_invite, name="lists_invite"),
]
