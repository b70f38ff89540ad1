from django.urls import URLPattern, URLResolver, path

from xhht.learning_city import views

app_name = "learning_city"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.profile_list, name="profile_list"),
    path("<int:pk>/", views.profile_detail, name="profile"),
    path("<int:pk>/edit/", views.profile_edit, name="profile_edit"),
    path("<int:pk>/text/<slug:key>/", views.text_edit, name="text_edit"),
    path("<int:pk>/<slug:kind>/<slug:lang>.docx", views.document, name="document"),
]
