"""The REST API (/api/v1/) and its OpenAPI schema. Apps register their viewsets here."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from xhht.place_pages.api import PlaceViewSet
from xhht.progress.api import ProgressViewSet
from xhht.registry.api import ClanViewSet, HouseholdViewSet, PersonViewSet, UnitViewSet
from xhht.reporting.api import SubmissionViewSet, TaskViewSet

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("places", PlaceViewSet, basename="place")
router.register("progress", ProgressViewSet, basename="progress")
router.register("households", HouseholdViewSet, basename="household")
router.register("people", PersonViewSet, basename="person")
router.register("clans", ClanViewSet, basename="clan")
router.register("units", UnitViewSet, basename="unit")
router.register("tasks", TaskViewSet, basename="task")
router.register("reports", SubmissionViewSet, basename="report")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
]
