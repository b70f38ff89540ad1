from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("xhht.site.urls")),
    path("accounts/", include("xhht.accounts.urls")),
    path("places/", include("xhht.place_pages.urls")),
    path("audit/", include("xhht.audit.urls")),
    path("registry/", include("xhht.registry.urls")),
    path("criteria/", include("xhht.criteria.urls")),
    path("recognition/", include("xhht.recognition.urls")),
    path("indicators/", include("xhht.progress.urls")),
    path("plans/", include("xhht.plans.urls")),
    path("centres/", include("xhht.centres.urls")),
    path("resources/", include("xhht.resources.urls")),
    path("pcgd/", include("xhht.pcgd.urls")),
    path("citizens/", include("xhht.citizens.urls")),
    path("association/", include("xhht.association.urls")),
    path("commendation/", include("xhht.commendation.urls")),
    path("governance/", include("xhht.governance.urls")),
    path("learning-city/", include("xhht.learning_city.urls")),
    path("reporting/", include("xhht.reporting.urls")),
    path("jobs/", include("xhht.jobs.urls")),
    path("api/", include("xhht.api_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
