from django.urls import URLPattern, URLResolver, path

from xhht.governance import views, views_budget, views_communication

app_name = "governance"

urlpatterns: list[URLPattern | URLResolver] = [
    path("inspections/", views.inspection_list, name="inspection_list"),
    path("inspections/new/", views.inspection_create, name="inspection_create"),
    path("inspections/<int:pk>/", views.inspection_detail, name="inspection_detail"),
    path("inspections/<int:pk>/visit/", views.visit_add, name="visit_add"),
    path(
        "inspections/<int:pk>/recommendation/",
        views.recommendation_add,
        name="recommendation_add",
    ),
    path("recommendations/<int:pk>/", views.recommendation_detail, name="recommendation_detail"),
    path(
        "recommendations/<int:pk>/answer/",
        views.recommendation_answer,
        name="recommendation_answer",
    ),
    path(
        "recommendations/<int:pk>/conclude/",
        views.recommendation_conclude,
        name="recommendation_conclude",
    ),
    path("visits/<int:pk>/evidence/", views.visit_evidence, name="visit_evidence"),
    path("follow-ups/<int:pk>/evidence/", views.follow_up_evidence, name="follow_up_evidence"),
    path("plans/<int:pk>/budget/", views_budget.plan_budget, name="plan_budget"),
    path("plans/<int:pk>/budget/edit/", views_budget.budget_edit, name="budget_edit"),
    path("budgets/", views_budget.budget_rollup, name="budget_rollup"),
    path("communication/", views_communication.activity_list, name="activity_list"),
    path("communication/new/", views_communication.activity_create, name="activity_create"),
    path(
        "communication/<int:pk>/remove/",
        views_communication.activity_remove,
        name="activity_remove",
    ),
]
