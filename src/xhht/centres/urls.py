"""URLs of the learning centres app, under ``/centres/`` (URL names ``centres:*``).

One block per part; each helper adds lines to their own block (institutions; classes; learning
records; campaigns)."""

from django.urls import URLPattern, path

from xhht.centres import (
    campaigns_views,
    class_import_views,
    classes_views,
    evaluation_views,
    views,
    views_record,
)

app_name = "centres"

urlpatterns: list[URLPattern] = [
    # Institutions (the registry of centres): views.py, centre_sheets.py
    path("", views.centre_list, name="centre_list"),
    path("new/", views.centre_create, name="centre_create"),
    path("<int:pk>/", views.centre_detail, name="centre_detail"),
    path("<int:pk>/edit/", views.centre_edit, name="centre_edit"),
    path("export.xlsx", views.centre_export, name="centre_export"),
    path("import/", views.centre_import, name="centre_import"),
    path("template.xlsx", views.centre_template, name="centre_template"),
    # A centre's yearly self-evaluation (evaluation*.py)
    path(
        "<int:pk>/evaluation/<int:year>/",
        evaluation_views.centre_evaluation,
        name="centre_evaluation",
    ),
    path(
        "<int:pk>/evaluation/<int:year>/start/",
        evaluation_views.centre_evaluation_start,
        name="centre_evaluation_start",
    ),
    path("evaluations/<int:pk>/marks/", evaluation_views.evaluation_marks, name="evaluation_marks"),
    path(
        "evaluations/<int:pk>/confirm/",
        evaluation_views.evaluation_confirm,
        name="evaluation_confirm",
    ),
    path(
        "evaluations/<int:pk>/return/",
        evaluation_views.evaluation_return,
        name="evaluation_return",
    ),
    # Classes and activities (classes_*.py): under "classes/"
    path("classes/", classes_views.class_list, name="class_list"),
    path("classes/new/", classes_views.class_create, name="class_create"),
    path("classes/<int:pk>/", classes_views.class_detail, name="class_detail"),
    path(
        "classes/<int:pk>/sessions/new/", classes_views.class_session_add, name="class_session_add"
    ),
    path(
        "classes/<int:pk>/participants/",
        classes_views.class_participants,
        name="class_participants",
    ),
    path(
        "classes/participants/<int:pk>/remove/",
        classes_views.class_participant_remove,
        name="class_participant_remove",
    ),
    path(
        "classes/<int:pk>/head-counts/", classes_views.class_head_counts, name="class_head_counts"
    ),
    path(
        "classes/sessions/<int:pk>/attendance/",
        classes_views.class_attendance,
        name="class_attendance",
    ),
    path("classes/<int:pk>/close/", classes_views.class_close, name="class_close"),
    path("classes/import/", class_import_views.class_import, name="class_import"),
    path(
        "classes/import/template.xlsx",
        class_import_views.class_import_template,
        name="class_import_template",
    ),
    path("classes/import/<int:pk>/", class_import_views.class_import_job, name="class_import_job"),
    # Learning records (record_*.py): under "records/"
    path("records/people/<int:pk>/", views_record.person_record, name="person_record"),
    path("records/households/<int:pk>/", views_record.household_record, name="household_record"),
    path("records/me/", views_record.my_record, name="my_record"),
    path("records/me/declare/", views_record.record_declare, name="record_declare"),
    path("records/<int:pk>/withdraw/", views_record.record_withdraw, name="record_withdraw"),
    path("records/pending/", views_record.record_queue, name="record_queue"),
    path("records/<int:pk>/confirm/", views_record.record_confirm, name="record_confirm"),
    path("records/<int:pk>/refuse/", views_record.record_refuse, name="record_refuse"),
    # Campaigns (campaigns_*.py): under "campaigns/"
    path("campaigns/", campaigns_views.campaign_list, name="campaigns"),
    path("campaigns/new/", campaigns_views.campaign_open, name="campaign_open"),
    path("campaigns/<int:pk>/", campaigns_views.campaign_detail, name="campaign"),
    path("campaigns/<int:pk>/report/", campaigns_views.campaign_report, name="campaign_report"),
    path(
        "campaigns/<int:pk>/report.docx",
        campaigns_views.campaign_docx_download,
        name="campaign_docx",
    ),
]
