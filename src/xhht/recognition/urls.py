from django.urls import path

from xhht.recognition.models import Step
from xhht.recognition.views import assessments, bulk, citizen, decisions, evidence, public

app_name = "recognition"
urlpatterns = [
    path("", assessments.index, name="index"),
    path("register/", assessments.register, name="register"),
    path("me/", citizen.me, name="me"),
    path("<int:pk>/", assessments.detail, name="detail"),
    path("<int:pk>/self-assessment/", assessments.self_assess, name="self_assess"),
    path("<int:pk>/review/", assessments.review, name="review"),
    *[
        path(f"<int:pk>/{step}/", assessments.transition, {"step": step}, name=step)
        for step in (Step.RETURN, Step.PROPOSE, Step.REFUSE, Step.WITHDRAW, Step.REVOKE)
    ],
    path("<int:pk>/evidence/", evidence.upload, name="evidence_upload"),
    path("evidence/<int:pk>/", evidence.download, name="evidence"),
    path("evidence/<int:pk>/delete/", evidence.delete, name="evidence_delete"),
    path("<int:pk>/certificate.pdf", decisions.certificate, name="certificate"),
    path("board/<int:pk>/", decisions.board, name="board"),
    path("board/<int:pk>/propose/", decisions.board_propose, name="board_propose"),
    path("board/<int:pk>/decide/", decisions.board_decide, name="board_decide"),
    path("decisions/<int:pk>/", decisions.decision, name="decision"),
    path("decisions/<int:pk>/decision.docx", decisions.decision_docx_view, name="decision_docx"),
    path("decisions/<int:pk>/decision.pdf", decisions.decision_pdf_view, name="decision_pdf"),
    path("import/", bulk.sheet_import, name="sheet_import"),
    path("import/template.xlsx", bulk.sheet_template, name="sheet_template"),
    path("verify/key/", public.public_key, name="public_key"),
    path("verify/<str:code>/", public.verify, name="verify"),
]
