from django.urls import URLPattern, URLResolver, path

from xhht.association import views, views_figures, views_funds, views_import

app_name = "association"

urlpatterns: list[URLPattern | URLResolver] = [
    # Branches and members (views, views_figures)
    path("", views.branch_list, name="branch_list"),
    path("branches/new/", views.branch_create, name="branch_create"),
    path("branches/<int:pk>/", views.branch_detail, name="branch_detail"),
    path("branches/<int:pk>/edit/", views.branch_edit, name="branch_edit"),
    path("branches/<int:pk>/dissolve/", views.branch_dissolve, name="branch_dissolve"),
    path("branches/<int:pk>/members/new/", views.member_add, name="member_add"),
    path("branches/<int:pk>/figures/", views_figures.figure_entry, name="figure_entry"),
    path("branches/<int:pk>/members/import/", views_import.member_import, name="member_import"),
    path("members/template.xlsx", views_import.member_template, name="member_template"),
    path("members/<int:pk>/edit/", views.member_edit, name="member_edit"),
    path("members/<int:pk>/leave/", views.member_leave, name="member_leave"),
    path("figures/", views_figures.figures, name="figures"),
    path("figures/export.xlsx", views_figures.figures_export, name="figures_export"),
]

# Study-promotion funds (quỹ khuyến học): views_funds
urlpatterns += [
    path("funds/", views_funds.fund_list, name="fund_list"),
    path("funds/new/", views_funds.fund_create, name="fund_create"),
    path("funds/<int:pk>/", views_funds.fund_detail, name="fund_detail"),
    path("funds/<int:pk>/receipt/", views_funds.fund_receipt, name="fund_receipt"),
    path("funds/<int:pk>/disbursement/", views_funds.fund_disbursement, name="fund_disbursement"),
    path(
        "funds/<int:pk>/report/<int:year>.xlsx",
        views_funds.fund_report,
        {"fmt": "xlsx"},
        name="fund_report_xlsx",
    ),
    path(
        "funds/<int:pk>/report/<int:year>.docx",
        views_funds.fund_report,
        {"fmt": "docx"},
        name="fund_report_docx",
    ),
    path(
        "funds/entries/<int:pk>/correct/", views_funds.fund_entry_correct, name="fund_entry_correct"
    ),
    path(
        "funds/entries/<int:pk>/receipt.docx",
        views_funds.fund_entry_receipt,
        name="fund_entry_receipt",
    ),
]
