"""The report's charts: Vega-Lite specifications built with Altair from the SQL library.

Four questions, one chart each (plus the officials): the country engagement network (an
adjacency matrix of stories between countries, labelled in Persian), topics over time, agency
coverage, and the data-quality panel. :func:`charts` returns the specifications;
:func:`vega_bundle` the JavaScript that draws them, inlined into the HTML report so that
the page opens without a network.

Charts are drawn as SVG: the browser then lays out Persian and Arabic labels itself,
right to left and with joined letter forms.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import altair as alt
import duckdb
import pandas as pd

from khabar.extraction.entities import country_name

#: Fonts tried in order for every label (Vazirmatn and Noto cover Persian and Arabic).
FONT = "Vazirmatn, 'Noto Sans Arabic', 'Noto Naskh Arabic', 'DejaVu Sans', Tahoma, sans-serif"
TOP_COUNTRIES = 15
TOP_PEOPLE = 15


def _configure(chart: alt.TopLevelMixin, title: str) -> dict[str, Any]:
    chart = (
        chart.properties(title=title)
        .configure(font=FONT)
        .configure_axis(labelFont=FONT, titleFont=FONT, labelLimit=260)
    )
    return chart.configure_legend(labelFont=FONT, titleFont=FONT).to_dict()


def engagement_network(frame: pd.DataFrame) -> dict[str, Any]:
    """The country engagement network as an adjacency matrix: stories between each pair of
    countries (both directions, so it is symmetric), the most engaged countries only."""
    both = pd.concat([frame, frame.rename(columns={"country_a": "country_b", "country_b": "country_a"})])
    top = both.groupby("country_a")["stories"].sum().nlargest(TOP_COUNTRIES).index
    both = both[both["country_a"].isin(top) & both["country_b"].isin(top)].copy()
    both["from"] = [f"{country_name(c, 'fa')} ({c})" for c in both["country_a"]]
    both["to"] = [f"{country_name(c, 'fa')} ({c})" for c in both["country_b"]]
    chart = (
        alt.Chart(both)
        .mark_rect()
        .encode(
            x=alt.X("from:N", title=None, axis=alt.Axis(labelAngle=-45)),
            y=alt.Y("to:N", title=None),
            color=alt.Color("stories:Q", title="stories", scale=alt.Scale(scheme="blues")),
            tooltip=["from:N", "to:N", "stories:Q", "events:Q", "event_types:N", "topics:N"],
        )
        .properties(width=420, height=420)
    )
    return _configure(chart, "Country engagement network (stories between countries)")


def topics_over_time(frame: pd.DataFrame) -> dict[str, Any]:
    """Stories per topic and month, as a heat map (months without a story stay blank)."""
    frame["month"] = [m.strftime("%Y-%m-01") for m in frame["month"]]
    chart = (
        alt.Chart(frame)
        .mark_rect()
        .encode(
            # a time axis: months without a story are gaps in proportion, not columns side by side
            x=alt.X("utcyearmonth(month):T", title="month", axis=alt.Axis(format="%Y-%m", labelAngle=-45)),
            y=alt.Y("topic:N", title=None),
            color=alt.Color("stories:Q", title="stories", scale=alt.Scale(scheme="oranges")),
            tooltip=[
                alt.Tooltip("utcyearmonth(month):T", title="month", format="%Y-%m"),
                "topic:N",
                "stories:Q",
                "change:Q",
            ],
        )
        .properties(height=alt.Step(16), width=640)
    )
    return _configure(chart, "Topics over time (stories per month)")


def agency_coverage(frame: pd.DataFrame) -> dict[str, Any]:
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("agency:N", title=None, sort="-x"),
            x=alt.X("stories:Q", title="stories"),
            color=alt.Color("event_type:N", title="event"),
            tooltip=["agency:N", "event_type:N", "stories:Q", "shared:Q", "articles:Q"],
        )
        .properties(width=560, height=alt.Step(18))
    )
    return _configure(chart, "Agency coverage (stories by kind of event)")


def quality_panel(frame: pd.DataFrame) -> dict[str, Any]:
    long = frame.melt(
        id_vars=["ingest_date", "validation_success", "quarantine_reasons"],
        value_vars=["articles", "duplicates", "quarantined"],
        var_name="outcome",
        value_name="count",
    )
    long["validation"] = ["passed" if ok else "FAILED" for ok in long["validation_success"]]
    long["day"] = [
        d.strftime("%Y-%m-%d") for d in long["ingest_date"]
    ]  # a time axis (utc: no shift of a day)
    chart = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=alt.X(
                "utcyearmonthdate(day):T",
                title="ingest date",
                axis=alt.Axis(format="%Y-%m-%d", labelAngle=-45),
            ),
            y=alt.Y("count:Q", title="inputs", stack=True),
            color=alt.Color(
                "outcome:N",
                scale=alt.Scale(
                    domain=["articles", "duplicates", "quarantined"], range=["#4c78a8", "#b0b0b0", "#e45756"]
                ),
            ),
            tooltip=[
                alt.Tooltip("utcyearmonthdate(day):T", title="day", format="%Y-%m-%d"),
                "outcome:N",
                "count:Q",
                "validation:N",
                "quarantine_reasons:N",
            ],
        )
        .properties(width=640, height=240)
    )
    return _configure(chart, "Data quality (inputs per day by outcome; validation in the tooltip)")


def officials(frame: pd.DataFrame) -> dict[str, Any]:
    chart = (
        alt.Chart(frame.head(TOP_PEOPLE))
        .mark_bar()
        .encode(
            y=alt.Y("person:N", title=None, sort="-x"),
            x=alt.X("stories:Q", title="stories"),
            tooltip=["person:N", "roles:N", "countries:N", "stories:Q", "first_seen:T", "last_seen:T"],
        )
        .properties(width=480, height=alt.Step(20))
    )
    return _configure(chart, "Officials in the news (stories)")


#: (chart id, builder, query) in report order.
CHARTS = (
    ("engagement", engagement_network, "engagement_pairs"),
    ("topics", topics_over_time, "topics_by_month"),
    ("agencies", agency_coverage, "agency_coverage"),
    ("people", officials, "people_directory"),
    ("quality", quality_panel, "quality_panel"),
)


def charts(
    con: duckdb.DuckDBPyConnection, load_sql: Any, since: dt.date | None, until: dt.date | None
) -> list[tuple[str, dict[str, Any]]]:
    """``(chart id, Vega-Lite spec)`` for every chart whose query returns rows."""
    params = {"since": since, "until": until}
    built = []
    for chart_id, builder, query in CHARTS:
        frame = _lists_as_text(con.execute(load_sql(query), params).df())
        if not frame.empty:
            built.append((chart_id, builder(frame)))
    return built


@functools.cache
def vega_bundle() -> str:
    """Vega, Vega-Lite (the version Altair writes) and vega-embed as one JavaScript bundle
    of about 900 KB, from vl-convert, offline; it defines ``vegaEmbed`` on the page."""
    import vl_convert
    from altair.utils._importers import vl_version_for_vl_convert

    return vl_convert.javascript_bundle(vl_version=vl_version_for_vl_convert())


def _lists_as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """The library's list columns (parties, topics, roles ...) as comma-joined text, for tooltips."""
    for column in frame.columns:
        if frame[column].dtype == object and any(_is_list(v) for v in frame[column]):
            # a NULL list arrives as None or as pandas' NA, whichever DuckDB hands over: kept as it is
            frame[column] = [", ".join(map(str, v)) if _is_list(v) else v for v in frame[column]]
    return frame


def _is_list(value: object) -> bool:
    return hasattr(value, "__len__") and not isinstance(value, str)
