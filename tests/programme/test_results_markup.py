"""The results page's `{% logframe %}` and `{% chart_cards %}` tags write exactly what the templates they replaced
wrote (kept here as the reference), in both languages, whatever the titles, units and figures hold."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.template import Context, Engine
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from rsca.programme.models import Indicator, ResultNode
from rsca.programme.selectors import FrameworkNode
from rsca.programme.templatetags.programme_results import chart_cards, logframe

OLD_NODE = """{% load i18n programme_numbers %}<li class="node"><span class="level">{{ item.node.get_level_display }}</span><span class="code">{{ item.node.code }}</span>{{ item.node.title }}
{% if item.indicators %}
<div class="table-scroll"><table class="indicator-table">
  <thead><tr><th scope="col">{% translate "Indicator" %}</th><th scope="col">{% translate "Source" %}</th><th scope="col" class="num">{% translate "Baseline" %}</th><th scope="col">{% translate "Latest period" %}</th><th scope="col" class="num">{% translate "Target" %}</th><th scope="col" class="num">{% translate "Actual" %}</th><th scope="col" class="num">{% translate "Periods" %}</th></tr></thead>
  <tbody>
  {% for indicator in item.indicators %}
  {% url 'programme:indicator' indicator.pk as indicator_url %}<tr>
    <td><a href="{{ indicator_url }}">{{ indicator.code }} {{ indicator.title }}</a>{% if indicator|loc:"unit" %} <span class="muted">({{ indicator|loc:"unit" }})</span>{% endif %}{% if indicator.dimensions %}<br><small class="muted">{% translate "by" %} {{ indicator.dimension_labels|join:", " }}</small>{% endif %}</td>
    <td>{% if indicator.is_computed %}<span class="badge ok">{% translate "computed" %}</span>{% else %}<span class="badge">{% translate "entered with evidence" %}</span>{% endif %}</td>
    <td class="num">{{ indicator.baseline_value|amount|default:"—" }}</td>
    {% if indicator.period_count %}<td>{{ indicator.latest_start.isoformat }} – {{ indicator.latest_end.isoformat }}</td>
    <td class="num">{{ indicator.latest_target|amount|default:"—" }}</td>
    <td class="num">{% if indicator.latest_actual is not None %}{{ indicator.latest_actual|amount }}{% else %}—{% endif %}</td>
    {% else %}<td colspan="3">{% translate "No periods yet." %}</td>{% endif %}
    <td class="num"><a href="{{ indicator_url }}">{{ indicator.period_count|default:0 }}</a></td>
  </tr>
  {% endfor %}
  </tbody>
</table></div>
{% endif %}
{% if item.children %}<ul>{% for child in item.children %}{% include "node.html" with item=child %}{% endfor %}</ul>{% endif %}
</li>
"""
OLD_LOGFRAME = '{% for item in framework %}{% include "node.html" %}{% endfor %}'
OLD_CARDS = """{% load i18n %}<div class="chart-grid">
  {% for item in indicators %}
  <figure class="chart-card">
    <h3>{{ item.code }} {{ item.title }}{% if item.unit %} <small class="muted">({{ item.unit }})</small>{% endif %}</h3>
    <div class="chart" data-indicator="{{ forloop.counter0 }}" role="img" aria-label="{% blocktranslate with code=item.code %}Targets and actuals of {{ code }} by period{% endblocktranslate %}"></div>
    {% if item.dimensions %}<div class="chart" data-indicator-dims="{{ forloop.counter0 }}" role="img" aria-label="{% blocktranslate with code=item.code %}Actuals of {{ code }} by dimension over time{% endblocktranslate %}"></div>{% endif %}
    <figcaption class="muted">{% if item.latest_actual is not None %}{% translate "Latest actual:" %} {{ item.latest_actual }}{% if item.latest_target is not None %} / {% translate "target" %} {{ item.latest_target }}{% endif %}{% else %}{% translate "No actual recorded yet." %}{% endif %}</figcaption>
  </figure>
  {% endfor %}
</div>"""

ENGINE = Engine(
    loaders=[
        (
            "django.template.loaders.locmem.Loader",
            {"node.html": OLD_NODE, "logframe.html": OLD_LOGFRAME, "cards.html": OLD_CARDS},
        )
    ],
    builtins=["rsca.core.templatetags.rsca"],
    libraries={
        "i18n": "django.templatetags.i18n",
        "programme_numbers": "rsca.programme.templatetags.programme_numbers",
    },
)

text = st.text(alphabet=st.sampled_from(list("aZ 指标<>&\"'%{}—")), max_size=12)
figure = st.none() | st.decimals(min_value=-(10**7), max_value=10**7, places=3, allow_nan=False)
day = st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2040, 12, 31))


@st.composite
def indicators(draw: Any, pk: int) -> Indicator:
    indicator = Indicator(
        pk=pk,
        code=draw(text),
        title_en=draw(text),
        title_zh=draw(text),
        unit_en=draw(text),
        unit_zh=draw(text),
        source=draw(st.sampled_from(["manual", "computed"])),
        dimensions=draw(st.lists(st.sampled_from(["sex", "age", "nationality"]), max_size=2, unique=True)),
        baseline_value=draw(figure),
    )
    indicator.period_count = draw(st.none() | st.integers(min_value=0, max_value=80))  # type: ignore[attr-defined]
    indicator.latest_start = draw(st.none() | day)  # type: ignore[attr-defined]
    indicator.latest_end = draw(st.none() | day)  # type: ignore[attr-defined]
    indicator.latest_target = draw(figure)  # type: ignore[attr-defined]
    indicator.latest_actual = draw(figure)  # type: ignore[attr-defined]
    return indicator


@st.composite
def trees(draw: Any, depth: int = 0, start: int = 1) -> list[FrameworkNode]:
    out = []
    for n in range(draw(st.integers(min_value=1 if depth == 0 else 0, max_value=2 if depth < 2 else 0))):
        node = ResultNode(
            pk=start + n,
            level=draw(st.sampled_from(["objective", "outcome", "output"])),
            code=draw(text),
            title_en=draw(text),
            title_zh=draw(text),
        )
        items = [
            draw(indicators(pk=start * 10 + i)) for i in range(draw(st.integers(min_value=0, max_value=3)))
        ]
        out.append(
            FrameworkNode(
                node=node, indicators=items, children=draw(trees(depth=depth + 1, start=(start + n) * 10))
            )
        )
    return out


cards = st.lists(
    st.fixed_dictionaries(
        {
            "code": text,
            "title": text,
            "unit": text,
            "dimensions": st.dictionaries(
                st.sampled_from(["Sex", "性别"]), st.just({"f": [1.0]}), max_size=1
            ),
            "latest_actual": st.none() | st.floats(allow_nan=False, allow_infinity=False),
            "latest_target": st.none() | st.floats(allow_nan=False, allow_infinity=False),
        }
    ),
    max_size=4,
)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@settings(max_examples=60, deadline=None)
@given(framework=trees(), items=cards)
def test_the_tags_write_what_the_old_templates_wrote(language, framework, items):
    with translation.override(language):
        assert logframe(framework) == ENGINE.get_template("logframe.html").render(
            Context({"framework": framework})
        )
        assert chart_cards(items) == ENGINE.get_template("cards.html").render(Context({"indicators": items}))


def test_the_logframe_links_each_indicator_in_the_active_language():
    node = ResultNode(pk=1, level="objective", code="O1", title_en="Objective", title_zh="目标")
    indicator = Indicator(
        pk=42, code="I1", title_en="Workers", title_zh="工人", baseline_value=Decimal("1.50")
    )
    with translation.override("zh-hans"):
        html = logframe([FrameworkNode(node=node, indicators=[indicator])])
    assert 'href="/zh-hans/indicators/42/"' in html and "工人" in html and '<td class="num">1.50</td>' in html
