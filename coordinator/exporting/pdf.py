"""PDF through WeasyPrint: a Jinja template rendered to HTML, then laid out, never fetching from the network.

Every PDF template extends `pdf/base.html`, which inlines `pdf/base.css` (page size, running footer
with page numbers, fonts that cover Latin, Cyrillic and Arabic). Templates may add a `{% block
page_css %}` for their own @page rules.
"""

from pathlib import Path

from flask import current_app, render_template
from weasyprint import HTML
from weasyprint.urls import URLFetcher

STATIC_DIR = (Path(__file__).resolve().parent.parent / "static").resolve()


class LocalOnlyFetcher(URLFetcher):
    """Serves data: URLs and files under the app's static folder; refuses everything else."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if url.startswith("file://"):
            path = Path(url[len("file://") :].split("?")[0]).resolve()
            if path.is_relative_to(STATIC_DIR) and path.is_file():
                return super().fetch(url, headers)
        raise ValueError(f"Refused to fetch {url!r}: PDFs use local resources only.")


def template_fingerprint(*patterns: str) -> list[str]:
    """Every template matching `patterns` (globs under templates/), by name and text: part of a PDF's content key,
    so a change of layout gives new keys and no file laid out by an older template is served again."""
    root = Path(current_app.template_folder)
    files = sorted({path for pattern in patterns for path in root.glob(pattern) if path.is_file()})
    return [f"{path.relative_to(root)}\n{path.read_text()}" for path in files]


def render_pdf_html(template_name: str, **context) -> str:
    """The final HTML a PDF is laid out from (benchmarks compare against rendering it alone)."""
    return render_template(template_name, **context)


def html_to_pdf(html: str) -> bytes:
    return HTML(string=html, base_url=STATIC_DIR.as_uri() + "/", url_fetcher=LocalOnlyFetcher()).write_pdf()


def render_pdf(template_name: str, **context) -> bytes:
    return html_to_pdf(render_pdf_html(template_name, **context))
