from django.urls import path

from xhht.reporting.views import consolidation, regime, submissions, tasks

app_name = "reporting"
urlpatterns = [
    path("", submissions.index, name="index"),
    path("tasks/", tasks.task_list, name="task_list"),
    path("tasks/new/", tasks.task_create, name="task_create"),
    path("tasks/<int:pk>/", tasks.task_detail, name="task_detail"),
    path("tasks/<int:pk>/progress/", tasks.task_update, name="task_update"),
    path("tasks/progress/<int:pk>/evidence/", tasks.task_evidence, name="task_evidence"),
    path("types/", regime.type_list, name="type_list"),
    path("types/new/", regime.type_create, name="type_create"),
    path("types/<int:pk>/", regime.type_detail, name="type_detail"),
    path("types/<int:pk>/sections/", regime.section_add, name="section_add"),
    path("types/<int:pk>/periods/", regime.period_open, name="period_open"),
    path("periods/<int:pk>/", regime.completeness, name="completeness"),
    path("periods/<int:pk>/consolidate/", consolidation.consolidate_period, name="consolidate"),
    path("reports/<int:pk>/", submissions.submission_detail, name="submission_detail"),
    path("reports/<int:pk>/edit/", submissions.submission_edit, name="submission_edit"),
    path("reports/<int:pk>/submit/", submissions.submission_submit, name="submission_submit"),
    path("reports/<int:pk>/accept/", submissions.submission_accept, name="submission_accept"),
    path("reports/<int:pk>/return/", submissions.submission_return, name="submission_return"),
    path("consolidated/<int:pk>/", consolidation.consolidation_detail, name="consolidation_detail"),
    path(
        "consolidated/<int:pk>/<str:fmt>/",
        consolidation.consolidation_file,
        name="consolidation_file",
    ),
]
