"""Chinese throughout: the admin site's title and every label it shows (django-axes' too, from locale/), the
empty choice of a form (请选择) and of a list filter (全部), the category tree in reading order, the site's icon.
Every page's text is checked as the crawl reaches it (test_crawl.test_every_page_speaks_chinese)."""

import gettext
import re
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.contrib import admin
from django.test import Client
from django.utils import translation

from renda.core.forms import style
from renda.deputies.forms import DeputyFilter
from renda.suggestions.models import SuggestionCategory

CJK = re.compile(r"[\u4e00-\u9fff]")
LOCALE = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES"


def test_the_admin_site_is_titled_in_chinese(admin_client):
    page = admin_client.get("/admin/").content.decode()
    assert "人大履职平台 · 数据管理" in page and "Django" not in page.split("<body", 1)[1]


def test_every_model_and_field_the_admin_site_shows_is_labelled_in_chinese():
    english = []
    with translation.override("zh-hans"):
        for model in admin.site._registry:
            meta = model._meta
            for label in (meta.verbose_name, meta.verbose_name_plural, meta.app_config.verbose_name):
                if not CJK.search(str(label)):
                    english.append(f"{meta.label}: {label}")
            for field in meta.get_fields():
                if not field.auto_created and not CJK.search(str(field.verbose_name)):
                    english.append(f"{meta.label}.{field.name}: {field.verbose_name}")
    assert not english, "\n".join(english)


def test_the_compiled_translations_match_their_source():
    """locale/zh_Hans/LC_MESSAGES/django.mo is compiled from django.po (msgfmt); a changed .po needs a new .mo."""
    source = (LOCALE / "django.po").read_text()
    pairs = re.findall(r'^msgid "(.+)"\nmsgstr "(.*)"$', source, re.MULTILINE)
    with (LOCALE / "django.mo").open("rb") as compiled:
        catalog = gettext.GNUTranslations(compiled)
    assert pairs and {msgid: catalog.gettext(msgid) for msgid, _ in pairs} == dict(pairs)


class _Form(forms.Form):
    kind = forms.ChoiceField(choices=[("", "---------"), ("a", "甲")], required=False)
    category = forms.ModelChoiceField(SuggestionCategory.objects.all(), required=False)


@pytest.mark.django_db
def test_a_form_offers_please_choose_for_no_choice():
    form = _Form()
    style(form.fields)
    page = str(form)
    assert "---------" not in page and page.count(">请选择</option>") == 2


@pytest.mark.django_db
def test_a_list_filter_offers_all_for_no_choice():
    page = str(DeputyFilter(data={}).form)
    assert "---------" not in page and ">全部</option>" in page


@pytest.mark.django_db
def test_categories_are_listed_as_a_tree_each_top_category_followed_by_its_own():
    SuggestionCategory.objects.all().delete()
    city = SuggestionCategory.objects.create(name="城乡建设", order=2)
    SuggestionCategory.objects.create(name="交通", parent=city, order=1)
    SuggestionCategory.objects.create(name="住房", parent=city, order=0)
    school = SuggestionCategory.objects.create(name="教育", order=1)
    SuggestionCategory.objects.create(name="学前教育", parent=school, order=5)
    assert [str(c) for c in SuggestionCategory.objects.all()] == [
        "教育",
        "教育 › 学前教育",
        "城乡建设",
        "城乡建设 › 住房",
        "城乡建设 › 交通",
    ]


def test_the_site_has_an_icon():
    response = Client().get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("core/favicon.svg")
    assert (Path(settings.BASE_DIR) / "renda/core/static/core/favicon.svg").read_text().startswith("<svg")
