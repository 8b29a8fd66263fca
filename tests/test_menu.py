"""The main menu drawn in Python (`{% main_menu %}`, exchange/templatetags/exchange_menu.py)
is the HTML the template's links drew, for every page's address, for someone who may and
someone who may not exchange data, in both languages."""

import pytest
from django.template import Context, Template
from django.utils import translation

pytestmark = pytest.mark.django_db

# The template's links as they were in base.html.
OLD = Template(
    "{% load i18n exchange_menu %}"
    "    {% url 'home' as u_home %}{% url 'targets:index' as u_targets %}"
    "{% url 'tasks:index' as u_tasks %}{% url 'directives:index' as u_dir %}"
    "{% url 'reporting:index' as u_rep %}{% url 'org:units' as u_org %}"
    "{% url 'narratives:index' as u_nar %}\n"
    '    <a href="{{ u_home }}" {% if path == u_home %}aria-current="page"{% endif %}>'
    '{% translate "Tổng quan" %}</a>\n'
    '    <a href="{{ u_targets }}" {% if u_targets in path %}aria-current="page"{% endif %}>'
    '{% translate "Chỉ tiêu" %}</a>\n'
    '    <a href="{{ u_tasks }}" {% if u_tasks in path %}aria-current="page"{% endif %}>'
    '{% translate "Nhiệm vụ" %}</a>\n'
    '    <a href="{{ u_dir }}" {% if u_dir in path %}aria-current="page"{% endif %}>'
    '{% translate "Văn bản chỉ đạo" %}</a>\n'
    '    <a href="{{ u_rep }}" {% if u_rep in path %}aria-current="page"{% endif %}>'
    '{% translate "Báo cáo" %}</a>\n'
    '    <a href="{{ u_nar }}" {% if u_nar in path %}aria-current="page"{% endif %}>'
    '{% translate "Đọc báo cáo" %}</a>\n'
    '    <a href="{{ u_org }}" {% if u_org in path %}aria-current="page"{% endif %}>'
    '{% translate "Đơn vị" %}</a>\n'
    "    {% may_exchange user as u_may_exchange %}{% if u_may_exchange %}"
    "{% url 'exchange:index' as u_ex %}<a href=\"{{ u_ex }}\" "
    '{% if u_ex in path %}aria-current="page"{% endif %}>'
    '{% translate "Trao đổi dữ liệu" %}</a>{% endif %}'
)
NEW = Template("{% load exchange_menu %}{% main_menu user path %}")
PATHS = ["/", "/chi-tieu/", "/chi-tieu/THU_NSNN/", "/nhiem-vu/", "/nhiem-vu/thong-bao/"]
PATHS += ["/van-ban/3/", "/bao-cao/", "/doc-bao-cao/", "/don-vi/", "/trao-doi/so-lieu/", "/x/"]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_menu_is_the_templates(people, language):
    with translation.override(language):
        for persona in ("steering", "viewer", "outsider", "admin"):
            for path in PATHS:
                ctx = {"user": people[persona], "path": path}
                new = NEW.render(Context(ctx))
                assert new == OLD.render(Context(ctx)), (persona, path)
                assert new == NEW.render(Context(ctx))  # the kept drawing
                assert new.count('aria-current="page"') <= 2
