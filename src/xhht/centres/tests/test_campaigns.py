"""The lifelong-learning week: the province opens it, two communes and one body report what they
did, the province sees who reported and downloads the consolidated report (DOCX, NĐ 30/2020),
opened back with python-docx and rendered by LibreOffice."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document

from xhht.accounts.models import User
from xhht.audit.models import AuditEntry
from xhht.audit.wording import step_label
from xhht.centres.campaigns import expected_communes
from xhht.centres.models import Campaign, CampaignActivity
from xhht.centres.tests import factories
from xhht.reporting.models import ReportingPeriod, Submission
from xhht.testing import rendered
from xhht.testing.world import World


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def open_week(world: World) -> Campaign:
    response = client_for(world.coordinator).post(
        reverse("centres:campaign_open"),
        {
            "place": world.province.pk,
            "kind": Campaign.Kind.LIFELONG_LEARNING_WEEK,
            "name": "Tuần lễ hưởng ứng học tập suốt đời năm 2026",
            "year": 2026,
            "start_date": "2026-10-01",
            "end_date": "2026-10-07",
        },
    )
    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("centres:campaign", args=[campaign.pk])
    return campaign


def report(client: Client, campaign: Campaign, query: str, text: str, people: int) -> None:
    url = reverse("centres:campaign_report", args=[campaign.pk]) + query
    response = client.post(url, {"description": text, "participants": people, "submit": "1"})
    assert response.status_code == 302, response.content.decode()[:2000]


def week_with_three_reports(world: World) -> Campaign:
    campaign = open_week(world)
    week_with_three_reports_into(world, campaign)
    return campaign


def week_with_three_reports_into(world: World, campaign: Campaign) -> int:
    learning_class = factories.learning_class(world)  # at the commune's centre, March 2026
    commune = client_for(world.commune_officer)
    url = reverse("centres:campaign_report", args=[campaign.pk])
    form = commune.get(url)
    assert form.status_code == 200 and learning_class.title in form.content.decode()
    response = commune.post(
        url,
        {
            "description": "Lễ phát động tại nhà văn hóa phường, hội sách 3 ngày.",
            "participants": 350,
            "classes": [learning_class.pk],
            "submit": "1",
        },
    )
    assert response.status_code == 302
    report(
        client_for(world.other_officer),
        campaign,
        "",
        "Tọa đàm đọc sách cùng thiếu nhi.",
        120,
    )
    report(
        client_for(world.body_officer),
        campaign,
        f"?body={world.body.pk}",
        "Hướng dẫn các trường tổ chức tuần lễ.",
        1500,
    )
    return campaign.activities.count()


def test_the_province_opens_the_week_and_the_opening_is_in_the_trail(world: World) -> None:
    campaign = open_week(world)
    assert campaign.place == world.province and campaign.year == 2026
    entry = AuditEntry.objects.get(step="open_campaign", object_id=str(campaign.pk))
    assert step_label(entry.step) == "Phát động đợt hưởng ứng"


def test_the_province_sees_who_reported(world: World) -> None:
    campaign = week_with_three_reports(world)
    assert campaign.activities.filter(state=CampaignActivity.State.SUBMITTED).count() == 3
    page = client_for(world.coordinator).get(reverse("centres:campaign", args=[campaign.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert reverse("centres:campaign_docx", args=[campaign.pk]) in text
    table = text.split('data-testid="who-reported"')[1].split("</table>")[0]
    assert "Phường Ninh Kiều" in table and "Phường Cái Khế" in table
    assert "Sở Giáo dục và Đào tạo" in table and table.count("Đã gửi") == 3
    assert "1.500" in table


def test_a_commune_still_writing_is_shown_as_not_reported_and_left_out_of_the_report(
    world: World,
) -> None:
    campaign = open_week(world)
    url = reverse("centres:campaign_report", args=[campaign.pk])
    client_for(world.commune_officer).post(url, {"description": "Nháp", "participants": 5})
    assert CampaignActivity.objects.get().state == CampaignActivity.State.DRAFT
    docx = client_for(world.coordinator).get(reverse("centres:campaign_docx", args=[campaign.pk]))
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "Nháp" not in text
    assert "Số xã, phường đã báo cáo: 0/2" in text


def test_a_report_cannot_be_sent_empty(world: World) -> None:
    campaign = open_week(world)
    url = reverse("centres:campaign_report", args=[campaign.pk])
    response = client_for(world.commune_officer).post(
        url, {"description": " ", "participants": 5, "submit": "1"}
    )
    assert response.status_code == 400
    assert "Hãy ghi các hoạt động đã tổ chức trước khi gửi." in response.content.decode()
    assert not CampaignActivity.objects.exists()


def test_nobody_reports_for_another_commune_or_another_body(world: World) -> None:
    campaign = open_week(world)
    url = reverse("centres:campaign_report", args=[campaign.pk])
    officer = client_for(world.commune_officer)
    data = {"description": "x", "participants": 1, "submit": "1"}
    assert officer.post(f"{url}?place={world.other_commune.pk}", data).status_code == 403
    assert officer.post(f"{url}?body={world.body.pk}", data).status_code == 403
    other_body = client_for(world.other_body_officer)
    assert other_body.post(f"{url}?body={world.body.pk}", data).status_code == 403
    assert not CampaignActivity.objects.exists()


def test_only_the_receiving_place_downloads_the_consolidated_report(world: World) -> None:
    campaign = factories.campaign(world)
    url = reverse("centres:campaign_docx", args=[campaign.pk])
    assert client_for(world.commune_officer).get(url).status_code == 403
    assert client_for(world.body_officer).get(url).status_code == 403
    assert client_for(world.coordinator).get(url).status_code == 200


def consolidated(world: World, campaign: Campaign) -> bytes:
    url = reverse("centres:campaign_docx", args=[campaign.pk])
    response = client_for(world.coordinator).get(url, {"signer_name": "Trần Văn Bình"})
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert "filename*=utf-8''B%C3%A1o%20c%C3%A1o" in response["Content-Disposition"]
    return response.content


def test_the_consolidated_docx_holds_the_three_reports(world: World) -> None:
    campaign = week_with_three_reports(world)
    document = Document(io.BytesIO(consolidated(world, campaign)))
    text = "\n".join(p.text for p in document.paragraphs)
    header = document.tables[0]
    assert header.cell(0, 1).paragraphs[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert [p.text for p in header.cell(0, 0).paragraphs][:2] == [
        "ỦY BAN NHÂN DÂN",
        "THÀNH PHỐ CẦN THƠ",
    ]
    assert header.cell(1, 1).paragraphs[0].text.startswith("Cần Thơ, ngày ")
    assert "Kết quả tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2026" in text
    assert "Số xã, phường đã báo cáo: 2/2; số cơ quan, đơn vị đã báo cáo: 1." in text
    assert "Tổng số người tham gia: 1.970." in text
    figures = [[c.text for c in row.cells] for row in document.tables[1].rows]
    assert figures[0] == ["TT", "Đơn vị báo cáo", "Số người tham gia", "Số lớp học, hoạt động"]
    assert figures[1:] == [
        ["1", "Phường Cái Khế", "120", "0"],
        ["2", "Phường Ninh Kiều", "350", "1"],
        ["3", "Sở Giáo dục và Đào tạo", "1.500", "0"],
        ["", "Tổng cộng", "1.970", "1"],
    ]
    assert "Phường Ninh Kiều: Lễ phát động tại nhà văn hóa phường, hội sách 3 ngày." in text
    assert "Lớp kỹ năng số cho người cao tuổi" in text
    assert "Phường Cái Khế: Tọa đàm đọc sách cùng thiếu nhi." in text
    assert "Sở Giáo dục và Đào tạo: Hướng dẫn các trường tổ chức tuần lễ." in text
    closing = [p.text for p in document.tables[-1].cell(0, 1).paragraphs]
    assert closing[:2] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"] and closing[-1] == "Trần Văn Bình"


@rendered.needs_office
def test_the_consolidated_docx_renders_in_libreoffice_with_the_three_reports(
    world: World, tmp_path: Path
) -> None:
    campaign = week_with_three_reports(world)
    pdf = rendered.docx_to_pdf(consolidated(world, campaign), tmp_path)
    lines = rendered.text_lines(pdf, tmp_path)
    text = rendered.joined(lines)
    national = rendered.line(lines, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    issuer = rendered.line(lines, "ỦY BAN NHÂN DÂN")
    assert national.page == 1 and abs(national.y0 - issuer.y0) < 2  # one header row
    for who in ("Phường Ninh Kiều", "Phường Cái Khế", "Sở Giáo dục và Đào tạo"):
        assert text.count(who) >= 2, who  # in the table and before what it did
    assert "Tọa đàm đọc sách cùng thiếu nhi." in text
    assert "1.970" in text and "Trần Văn Bình" in text
    assert rendered.times_or_twin(rendered.fonts(pdf, tmp_path))
    layout = subprocess.run(  # noqa: S603 - poppler's pdftotext on the test's own file
        [str(rendered.PDFTOTEXT), "-layout", str(tmp_path / "read.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert "BÁO CÁO" in layout and "Nơi nhận:" in layout


@pytest.mark.parametrize("who", ["commune_officer", "body_officer"])
def test_a_reporter_sees_their_own_report_on_the_campaign_page(world: World, who: str) -> None:
    campaign = week_with_three_reports(world)
    page = client_for(getattr(world, who)).get(reverse("centres:campaign", args=[campaign.pk]))
    text = page.content.decode()
    assert page.status_code == 200 and "Đã gửi" in text
    assert reverse("centres:campaign_docx", args=[campaign.pk]) not in text


def test_the_week_opens_a_period_of_the_regime_and_the_communes_reports_are_sent_there(
    world: World,
) -> None:
    campaign = open_week(world)
    period = ReportingPeriod.objects.get(report_type__place=world.province, year=2026)
    assert period.report_type.name == "Báo cáo kết quả Tuần lễ hưởng ứng học tập suốt đời năm 2026"
    expected = {s.reporter_place for s in period.submissions.all()}
    assert expected == {world.commune, world.other_commune}
    week_reports = week_with_three_reports_into(world, campaign)
    assert week_reports == 3
    sent = period.submissions.get(reporter_place=world.commune)
    assert sent.state == Submission.State.SUBMITTED
    assert sent.answers.get().text.startswith("Lễ phát động tại nhà văn hóa phường")
    figures = {f.row.label: f.value for f in sent.figures.select_related("row")}
    assert figures == {"Số người tham gia": 350, "Số lớp học, hoạt động": 1}
    assert period.submissions.filter(state=Submission.State.SUBMITTED).count() == 2
    page = client_for(world.coordinator).get(reverse("reporting:completeness", args=[period.pk]))
    assert page.status_code == 200 and "Phường Cái Khế" in page.content.decode()


def test_the_campaigns_are_in_the_menu_and_listed(world: World) -> None:
    campaign = factories.campaign(world)
    page = client_for(world.commune_officer).get(reverse("site:home"))
    assert reverse("centres:campaigns") in page.content.decode()
    listing = client_for(world.commune_officer).get(reverse("centres:campaigns")).content.decode()
    assert campaign.name in listing and reverse("centres:campaign", args=[campaign.pk]) in listing
    assert "Phát động đợt mới" in listing  # a commune may open its own
    assert client_for(world.citizen).get(reverse("centres:campaigns")).status_code == 403


def test_the_communes_not_yet_reported_are_listed_apart_from_the_table(world: World) -> None:
    campaign = open_week(world)
    url = reverse("centres:campaign_report", args=[campaign.pk])
    client_for(world.commune_officer).post(url, {"description": "Nháp", "participants": 5})
    page = client_for(world.coordinator).get(reverse("centres:campaign", args=[campaign.pk]))
    text = page.content.decode()
    table = text.split('data-testid="who-reported"')[1].split("</table>")[0]
    missing = text.split('data-testid="not-reported"')[1].split("</details>")[0]
    expected = [commune.name for commune in expected_communes(campaign)]
    drafted = CampaignActivity.objects.get().place
    assert drafted is not None and drafted.name in table and drafted.name not in missing
    assert all(name in missing for name in expected if name != drafted.name)
    assert f"Chưa báo cáo: {len(expected) - 1} xã, phường" in missing
