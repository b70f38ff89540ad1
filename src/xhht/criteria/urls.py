from django.urls import path

from xhht.criteria import views, views_editor

app_name = "criteria"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("upload/", views.upload, name="upload"),
    path("template.xlsx", views.template_xlsx, name="template_xlsx"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/editor/", views_editor.editor, name="editor"),
    path("<int:pk>/editor/basis/", views_editor.edit_basis, name="edit_basis"),
    path("<int:pk>/editor/rules/", views_editor.edit_rules, name="edit_rules"),
    path("<int:pk>/editor/points/", views_editor.edit_points, name="edit_points"),
    path("<int:pk>/editor/criteria/", views_editor.edit_criterion, name="edit_criterion"),
    path("<int:pk>/editor/items/", views_editor.edit_item, name="edit_item"),
    path("<int:pk>/editor/groups/", views_editor.edit_group, name="edit_group"),
    path("<int:pk>/editor/bands/", views_editor.edit_band, name="edit_band"),
    path("<int:pk>/editor/illustrative/", views_editor.illustrative, name="illustrative"),
    path("<int:pk>/derive/", views.derive, name="derive"),
    path("<int:pk>/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("<int:pk>/export.yaml", views.export_yaml, name="export_yaml"),
]
