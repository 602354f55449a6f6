"""khabar inside the Airflow UI: the lake's reports, overview, quarantine and directories.

An Airflow 3 plugin (3.1+): a FastAPI app mounted by the API server at ``/khabar`` and an
``external_views`` entry that shows it in the navigation (Browse › khabar), plus a tab on
every DAG run that opens the day's report (``/khabar/run?...``: a ``khabar_daily`` run's
report, the whole lake's for ``khabar_report``).

Authentication: Airflow does not authenticate plugin apps, so every route of this one depends
on Airflow's own ``get_user`` (the UI's session cookie or an ``Authorization: Bearer`` token);
a request without one is refused with 401. The app is read-only; any logged-in user may read.

Nothing heavy is imported when plugins load (the scheduler and workers load them too): the
FastAPI app, DuckDB and khabar are imported on the first request (:class:`_LazyApp`). The
pages are built by :mod:`khabar.analytics.web`, which knows nothing of Airflow.
"""

from __future__ import annotations

from typing import Any

from airflow.plugins_manager import AirflowPlugin

URL_PREFIX = "/khabar"


class _LazyApp:
    """An ASGI app that builds the real one (FastAPI, DuckDB, khabar) on its first request."""

    def __init__(self) -> None:
        self._app: Any = None

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if self._app is None:
            self._app = _build_app()
        await self._app(scope, receive, send)


def _build_app() -> Any:
    from airflow.api_fastapi.core_api.security import get_user
    from fastapi import Depends

    from khabar.analytics.web import create_app

    return create_app(dependencies=[Depends(get_user)])


class KhabarPlugin(AirflowPlugin):
    name = "khabar"
    fastapi_apps = [{"app": _LazyApp(), "url_prefix": URL_PREFIX, "name": "khabar"}]
    external_views = [
        {
            "name": "khabar",
            "href": f"{URL_PREFIX}/",
            "destination": "nav",
            "category": "browse",
            "url_route": "khabar",
        },
        {
            "name": "khabar report",
            "href": f"{URL_PREFIX}/run?dag_id={{DAG_ID}}&run_id={{RUN_ID}}",
            "destination": "dag_run",
            "url_route": "khabar-report",
        },
    ]
