"""URLs of the learning centres app, under ``/centres/`` (URL names ``centres:*``).

One block per part; each helper adds lines to their own block (institutions; classes; learning
records; campaigns)."""

from django.urls import URLPattern

app_name = "centres"

urlpatterns: list[URLPattern] = [
    # Institutions (the registry of centres): views.py, centre_sheets.py
    # Classes and activities (classes_*.py): under "classes/"
    # Learning records (record_*.py): under "records/"
    # Campaigns (campaigns_*.py): under "campaigns/"
]
