from django.urls import URLPattern, URLResolver, path

from xhht.resources import imports_views, oai, views, views_officer

app_name = "resources"

urlpatterns: list[URLPattern | URLResolver] = [
    # Public (no login): the catalogue, a resource, its file, the collections.
    path("", views.catalogue, name="catalogue"),
    path("r/<uuid:uid>/", views.detail, name="detail"),
    path("r/<uuid:uid>/file/", views.download, name="download"),
    path("collections/", views.collection_list, name="collections"),
    path("collections/<int:pk>/", views.collection_detail, name="collection"),
    # Contributors and curators.
    path("mine/", views_officer.mine, name="mine"),
    path("new/", views_officer.create, name="create"),
    path("queue/", views_officer.queue, name="queue"),
    path("<int:pk>/", views_officer.manage, name="manage"),
    path("<int:pk>/file/", views_officer.manage_file, name="manage_file"),
    path("<int:pk>/edit/", views_officer.edit, name="edit"),
    path("<int:pk>/submit/", views_officer.submit, name="submit"),
    path("<int:pk>/withdraw/", views_officer.withdraw, name="withdraw"),
    path("<int:pk>/publish/", views_officer.publish, name="publish"),
    path("<int:pk>/return/", views_officer.return_, name="return"),
    path("collections/new/", views_officer.collection_create, name="collection_create"),
    path("collections/<int:pk>/edit/", views_officer.collection_edit, name="collection_edit"),
]

# Harvesting and import (R2): the OAI-PMH base URL (public), the officers' import of a list.
urlpatterns += [
    path("oai", oai.endpoint, name="oai"),
    path("import/", imports_views.import_upload, name="import_upload"),
    path("import/template.xlsx", imports_views.import_template, name="import_template"),
]
