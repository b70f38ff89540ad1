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
