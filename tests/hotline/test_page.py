"""The hotline page: the month's figures, trend, ranking, categories, surges, overdue list, Excel download."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_user(client):
    """The pages' test world (tests/pages/factories.py); log in as one of its users."""
    from pages.factories import build_world  # tests/ is on sys.path (pytest's rootdir-less "prepend" import)

    world = build_world()

    def login(name: str):
        client.force_login(world.users[name])
        return client

    return login


@pytest.fixture
def store(chaoyang_small: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PLANWATCH_HOTLINE_TICKETS", str(chaoyang_small))
    return chaoyang_small


def test_the_page_shows_the_month_in_chinese_first(as_user, store: Path) -> None:
    client = as_user("planoffice")
    resp = client.get("/hotline/")
    html = resp.content.decode()
    assert resp.status_code == 200
    assert "2021-06" in html and "朝阳区" in html
    assert "响应率" in html and "综合成绩" in html and "排名" in html
    assert html.count('data-unit="1101050') == 43  # every 街乡 of Chaoyang in the ranking
    assert 'id="hotline-surges"' in html and 'id="hotline-overdue"' in html
    assert client.get("/hotline/?by=nonsense").status_code == 404
    resp = client.get("/hotline/?month=2021-06&by=unit")
    assert "区住房城乡建设委".replace("区", "朝阳区", 1) in resp.content.decode()


def test_a_subdistricts_own_view_and_english(as_user, store: Path) -> None:
    client = as_user("planoffice")
    html = client.get("/hotline/?month=2021-06&unit=110105016").content.decode()
    assert "双井街道" in html and 'class="current"' in html
    client.cookies["django_language"] = "en"
    html = client.get("/hotline/?month=2021-06").content.decode()
    assert "Response rate" in html and "Ranking of subdistricts and townships" in html


def test_ranking_download(as_user, store: Path) -> None:
    import io

    from openpyxl import load_workbook

    resp = as_user("planoffice").get("/hotline/ranking.xlsx?month=2021-06")
    assert resp.status_code == 200 and resp["Content-Disposition"].endswith('2021-06.xlsx"')
    ws = load_workbook(io.BytesIO(resp.content)).active
    assert ws["A2"].value == "排名" and ws.max_row == 2 + 43


def test_without_tickets_the_page_says_how_to_load_them(as_user, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANWATCH_HOTLINE_TICKETS", str(tmp_path / "none"))
    html = as_user("planoffice").get("/hotline/").content.decode()
    assert 'id="hotline-empty"' in html and "planwatch hotline load" in html
