"""Every page in both languages: no Chinese in the English interface, no English label in the Chinese one.

GIVEN a plan in the middle of its year (``year_world``: figures in every state, evidence, a comment, a
target adjustment, warnings, notifications) and every name also in English
WHEN each role opens every page it may open, in Chinese and in English
THEN the English pages hold no Chinese character and the Chinese pages no English word, outside what is
data kept in one language only and says so (``lang`` attribute), codes (``class="code"``), user names and
the names of formats (PDF, Excel …). Attributes people read (placeholder, title, aria-label) count too.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from planwatch.web.plans.models import Indicator, Project, Task

from .year_world import build_year_world

pytestmark = pytest.mark.django_db

HAN = re.compile(r"[\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]")
WORD = re.compile(r"[A-Za-z]{2,}")
READ_ATTRS = ("placeholder", "title", "aria-label", "alt")
SKIP_TAGS = {"script", "style"}
# names of formats and products, the product's own name, units and symbols a Chinese text writes in Latin
ALLOWED = {"planwatch", "EN", "Excel", "PDF", "Word", "Office", "PowerPoint", "HTML", "MD", "DOCX", "XLSX",
           "xlsx", "SHA", "MB", "cron", "admin", "remind", "YYYY", "MM", "DD", "ID", "H1", "Q2", "API"}
USERS = {"planoffice", "viewer", "reporter", "cgj", "jw", "head"}


class Texts(HTMLParser):
    """The text a person reads on the page, with where it is, minus marked data and codes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, excluded)
        self.found: list[tuple[str, str]] = []

    def _excluded(self) -> bool:
        return any(ex for _tag, ex in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        excluded = (tag in SKIP_TAGS or ("lang" in a and tag != "html") or "code" in classes
                    or a.get("translate") == "no" or tag == "title")
        if not self._excluded() and not excluded:
            for name in READ_ATTRS:
                if a.get(name):
                    self.found.append((f"<{tag} {name}>", a[name] or ""))
            if tag == "input" and a.get("type") in ("submit", "button") and a.get("value"):
                self.found.append((f"<{tag} value>", a["value"] or ""))
        if tag not in ("input", "br", "img", "meta", "link", "hr", "col", "source"):
            self.stack.append((tag, excluded))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if data.strip() and not self._excluded():
            where = "/".join(t for t, _ex in self.stack[-3:])
            self.found.append((where, data.strip()))


def texts(html: str) -> list[tuple[str, str]]:
    parser = Texts()
    parser.feed(html)
    return parser.found


def english_words(text: str) -> list[str]:
    return [w for w in WORD.findall(text) if w not in ALLOWED and w.lower() not in USERS
            and not re.fullmatch(r"[A-Z]\d*", w)]


def pages_of(w) -> dict[str, list[str]]:
    t3 = Task.objects.get(code="T03")
    gdp = Indicator.objects.get(code="gdp")
    p01 = Project.objects.get(code="P01")
    common = ["/", "/indicators/", f"/indicators/{gdp.pk}/", "/tasks/", f"/tasks/{t3.pk}/", "/warnings/",
              "/projects/", f"/projects/{p01.pk}/", "/notifications/", "/search/?q=T0", "/search/?q=zzz",
              "/accounts/password/"]
    return {
        "planoffice": [*common, "/report/?department=cgj", "/approvals/", "/reports/", "/reports/editor/",
                       "/package/", "/people/", "/rounds/", "/settings/", "/audit/", "/audit/?action=approve",
                       "/hotline/"],
        "head-cgj": [*common, "/report/", "/approvals/"],
        "reporter-cgj": [*common, "/report/"],
        "viewer": [*common, "/reports/"],
    }


@pytest.fixture(scope="module")
def tickets(tmp_path_factory):
    """A small ticket store, so that the hotline page shows its tables (as the demo's does)."""
    from planwatch.hotline.generate import generate

    out = tmp_path_factory.mktemp("hotline") / "chaoyang"
    generate(out, "2021-06", "chaoyang", 0.02)
    return out


@pytest.fixture
def year(settings, tmp_path, tickets, monkeypatch):
    monkeypatch.setenv("PLANWATCH_HOTLINE_TICKETS", str(tickets))
    settings.PLANWATCH_ATTACHMENTS_DIR = tmp_path / "attachments"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast test accounts
    return build_year_world()


@pytest.mark.parametrize("role", ["planoffice", "head-cgj", "reporter-cgj", "viewer"])
def test_every_page_speaks_one_language(client, year, role) -> None:
    client.force_login(year.users[role])
    problems: list[str] = []
    for url in pages_of(year)[role]:
        for lang in ("zh-hans", "en"):
            client.cookies["django_language"] = lang
            r = client.get(url)
            assert r.status_code == 200, (role, url, lang, r.status_code)
            for where, text in texts(r.content.decode()):
                if lang == "en" and HAN.search(text):
                    problems.append(f"{lang} {url} {where}: {text[:80]!r}")
                if lang == "zh-hans" and english_words(text):
                    problems.append(f"{lang} {url} {where}: {text[:80]!r} {english_words(text)}")
    assert problems == [], "\n" + "\n".join(problems[:60])


def test_the_login_page_speaks_one_language(client) -> None:
    for lang, bad in (("zh-hans", lambda s: english_words(s)), ("en", lambda s: HAN.search(s))):
        client.cookies["django_language"] = lang
        found = [text for _where, text in texts(client.get("/accounts/login/").content.decode()) if bad(text)]
        assert found == [], (lang, found)


def test_the_walk_catches_a_mixed_label() -> None:
    """The checker itself: a label in the other language is found; marked data and codes are not."""
    html = ('<p>已审核 (approved)</p><span lang="zh-Hans">拆违</span><span class="code">T01</span>'
            '<input placeholder="搜索">')
    found = [text for _where, text in texts(html)]
    assert found == ["已审核 (approved)", "搜索"]
    assert english_words("已审核 (approved)") == ["approved"] and HAN.search("搜索")
