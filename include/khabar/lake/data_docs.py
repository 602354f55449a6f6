"""Great Expectations Data Docs that are safe to open and work with no network.

GX Core renders some values from the data into its pages as raw HTML: the cells of the
"Unexpected Value / Count" tables and the items of value lists (an archive member named
``<img src=x onerror=...>.txt`` that fails an expectation became a script that ran when the
page was opened). Its templates also load Bootstrap, jQuery, Font Awesome ... from CDNs and the
logo from a web server, so offline a page was blank, and online each opening was a request to
third parties. :mod:`khabar.lake.quality` builds the site with the two classes below:

* :class:`EscapingPageView` / :class:`EscapingIndexPageView`: GX's page views, except that
  every plain value a content block holds (a string, or an item of a list) and the text of
  an exception traceback are HTML-escaped before they reach the page. GX escapes
  string-template parameters itself; raw values are the gap. Everything else (GX's own
  markup in templates and string templates) is unchanged.
* :class:`OfflineSiteStoreBackend`: GX's filesystem store, except that each HTML page is
  pointed at the copies in :data:`ASSETS` (shipped with khabar, copied to
  ``_quality/static/khabar/``) instead of the CDNs, and any other script, stylesheet, image
  or CSS ``url()`` from the web is dropped. It knows each page's place in the site, so the
  relative links are right at any depth.

This module imports GX; :mod:`khabar.lake.quality` imports it only when it builds the docs.
"""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path
from typing import Any

from great_expectations.data_context.store.tuple_store_backend import TupleFilesystemStoreBackend
from great_expectations.render.components import RenderedComponentContent
from great_expectations.render.renderer.content_block.exception_list_content_block import (
    ExceptionListContentBlockRenderer,
)
from great_expectations.render.view import DefaultJinjaIndexPageView, DefaultJinjaPageView
from jinja2 import pass_context

log = logging.getLogger(__name__)

#: The styles, scripts and fonts GX's pages load, shipped with khabar (see its README.md).
ASSETS = Path(__file__).with_name("data_docs_assets")
#: Where the site keeps them, relative to its root (beside GX's own ``static/images`` ...).
SITE_ASSETS = "static/khabar"

#: Each CDN resource of GX Core 1.x's page templates, and the shipped copy that replaces it.
CDN_COPIES = {
    "https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css": "css/bootstrap.min.css",
    "https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js": "js/bootstrap.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js": "js/popper.min.js",
    "https://code.jquery.com/jquery-3.7.1.min.js": "js/jquery.min.js",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.css": "css/bootstrap-table.min.css",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.js": "js/bootstrap-table.min.js",
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.css": "css/bootstrap-table-filter-control.min.css",
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.min.css": "css/bootstrap-table-filter-control.min.css",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/extensions/filter-control/bootstrap-table-filter-control.min.js": "js/bootstrap-table-filter-control.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/css/bootstrap-datepicker.min.css": "css/bootstrap-datepicker.min.css",
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/js/bootstrap-datepicker.min.js": "js/bootstrap-datepicker.min.js",
    "https://cdn.jsdelivr.net/npm/@forevolve/bootstrap-dark@1.1.0/dist/css/bootstrap-prefers-dark.css": "css/bootstrap-prefers-dark.min.css",
    "https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.6.0/css/all.min.css": "css/fontawesome-all.min.css",
}
#: Loaded by every page for charts that khabar's expectations never draw: dropped.
UNUSED = re.compile(r"https://cdn\.jsdelivr\.net/npm/vega(?:-lite|-embed)?@")
#: GX's logos, fetched from its web server (with the time and the context id as a query):
#: the local ``static/images/logo-long.png`` instead.
GX_WEB_ASSET = re.compile(r"https://great-expectations-web-assets\.[^\"')\s]*")
#: A link into the site's ``static/`` folder: GX counts one folder too few on validation
#: pages (their favicon pointed outside the site); rewritten with the page's real depth.
_STATIC = re.compile(r"(?<=[\"'])(?:\./|(?:\.\./)+)static/")

_SCRIPT = re.compile(r"<script\b[^>]*?\bsrc=[\"'](https?://[^\"']*)[\"'][^>]*>\s*</script>", re.IGNORECASE)
_LINK = re.compile(r"<link\b[^>]*?\bhref=[\"'](https?://[^\"']*)[\"'][^>]*>", re.IGNORECASE)
_IMG = re.compile(r"<img\b[^>]*?\bsrc=[\"'](https?://[^\"']*)[\"'][^>]*>", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*[\"']?(https?://[^\"')]*)[\"']?\s*\)", re.IGNORECASE)


def offline_page(page: str, depth: int) -> str:
    """``page`` (a page ``depth`` folders below the site's root) with its CDN scripts and
    stylesheets replaced by the shipped copies, GX's logos by its copy in ``static/images``,
    and any other script, stylesheet, image or CSS ``url()`` from the web removed (logged):
    the page loads nothing from the network, whatever a later GX adds to its templates.

    Only GX's own markup can match: by then every value from the data has been escaped
    (:class:`EscapingPageView`), so no ``<script`` or ``<img`` in the page comes from the data.
    """
    up = "../" * depth

    def script(match: re.Match[str]) -> str:
        url = match.group(1)
        if url in CDN_COPIES:
            return f'<script src="{up}{SITE_ASSETS}/{CDN_COPIES[url]}"></script>'
        return _dropped(url, "")

    def link(match: re.Match[str]) -> str:
        url = match.group(1)
        if url in CDN_COPIES:
            return f'<link rel="stylesheet" href="{up}{SITE_ASSETS}/{CDN_COPIES[url]}"/>'
        return _dropped(url, "")

    page = GX_WEB_ASSET.sub(f"{up}static/images/logo-long.png", page)
    page = _STATIC.sub(f"{up}static/", page)
    page = _SCRIPT.sub(script, page)
    page = _LINK.sub(link, page)
    page = _IMG.sub(lambda m: _dropped(m.group(1), ""), page)
    return _CSS_URL.sub(lambda m: _dropped(m.group(1), "none"), page)


def _dropped(url: str, replacement: str) -> str:
    if not UNUSED.match(url):
        log.warning(
            "Data Docs: dropped %s from a page (no local copy; the pages load nothing from the web)", url
        )
    return replacement


def copy_assets(site_root: str) -> None:
    """Copy :data:`ASSETS` into ``site_root/static/khabar/`` (files already there with the
    same size are left alone: a rebuild writes nothing new)."""
    target = Path(site_root) / SITE_ASSETS
    for source in sorted(ASSETS.rglob("*")):
        if not source.is_file():
            continue
        copy = target / source.relative_to(ASSETS)
        if copy.is_file() and copy.stat().st_size == source.stat().st_size:
            continue
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(source.read_bytes())


class OfflineSiteStoreBackend(TupleFilesystemStoreBackend):
    """GX's filesystem store for the Data Docs site; each HTML page it writes loads its
    styles and scripts from ``static/khabar/`` (:func:`offline_page`)."""

    def _set(self, key: Any, value: Any, **kwargs: Any) -> str:
        if isinstance(value, str):
            relative = self._convert_key_to_filepath(key if isinstance(key, tuple) else key.to_tuple())
            if relative.endswith(".html"):
                value = offline_page(value, relative.replace("\\", "/").count("/"))
        return super()._set(key, value, **kwargs)


#: GX's own markup held as plain strings (a header of its failed-expectation lists): kept as is.
_GX_MARKUP = frozenset({ExceptionListContentBlockRenderer._default_header})


#: The collapse GX puts an expectation's exception traceback in: the traceback is the
#: *template* of a string template (GX escapes parameters, not templates), and an exception's
#: text can quote a value from the data.
_TRACEBACK_LINK = "Show exception traceback..."


def _escaped(block: Any) -> Any:
    """A content block with its plain values HTML-escaped: a string, or the strings (and any
    other non-block item) of a list, which GX would write into the page as they are, and the
    text of an exception traceback. Other content blocks (dicts with a ``content_block_type``)
    are left to GX, which renders them through templates and escapes their parameters."""
    if isinstance(block, str):
        return block if block in _GX_MARKUP else html.escape(block)
    if isinstance(block, list):
        return [item if _is_block(item) else html.escape(str(item)) for item in block]
    if (
        isinstance(block, dict)
        and block.get("content_block_type") == "collapse"
        and block.get("collapse_toggle_link") == _TRACEBACK_LINK
    ):
        for item in block.get("collapse") or []:
            template = item.get("string_template") if isinstance(item, dict) else None
            if isinstance(template, dict) and not template.get("_khabar_escaped"):
                template["template"] = html.escape(str(template.get("template", "")))
                template["_khabar_escaped"] = (
                    True  # the page view renders a block once, but never escape twice
                )
    return block


def _is_block(item: Any) -> bool:
    return isinstance(item, RenderedComponentContent) or (
        isinstance(item, dict) and "content_block_type" in item
    )


class _Escaping:
    """Escapes the plain values of content blocks before GX's ``render_content_block`` (the
    filter every template uses for a block) writes them as HTML."""

    @pass_context
    def render_content_block(
        self,
        jinja_context: Any,
        content_block: Any,
        index: Any = None,
        content_block_id: Any = None,
        render_to_markdown: bool = False,
    ) -> Any:
        if not render_to_markdown:
            content_block = _escaped(content_block)
        return super().render_content_block(
            jinja_context, content_block, index, content_block_id, render_to_markdown
        )  # type: ignore[misc]


class EscapingPageView(_Escaping, DefaultJinjaPageView):
    """The validation and expectation-suite pages, with values from the data escaped."""


class EscapingIndexPageView(_Escaping, DefaultJinjaIndexPageView):
    """The site's index page, with values escaped."""
