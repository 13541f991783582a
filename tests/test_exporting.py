"""The shared export plumbing: PDF rendering, the content-keyed store, and builds off the request."""

import threading
import time
from io import BytesIO

import pytest
from pypdf import PdfReader

from coordinator.exporting.jobs import DONE, MISSING, BuildRequest, ThreadRunner, build_status, request_build
from coordinator.exporting.pdf import LocalOnlyFetcher, html_to_pdf
from coordinator.exporting.store import ExportStore, content_key

calls = []
release = threading.Event()


def counting_builder(text: str) -> bytes:
    """A slow build that counts how often it ran."""
    calls.append(text)
    release.wait(timeout=10)
    return text.encode()


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def test_content_key_is_stable_and_sensitive_to_any_change():
    assert content_key("participants", [1, 2], {"email": False}) == content_key("participants", [1, 2], {"email": False})
    assert content_key("participants", [1, 2]) != content_key("participants", [2, 1])


def test_store_builds_once_then_serves_from_disk(tmp_path):
    store = ExportStore(tmp_path)
    built = []
    first = store.get_or_build("lists", "abc", "pdf", lambda: built.append(1) or b"%PDF-1")
    second = store.get_or_build("lists", "abc", "pdf", lambda: built.append(1) or b"%PDF-2")
    assert first == second == tmp_path / "lists" / "abc.pdf"
    assert first.read_bytes() == b"%PDF-1"
    assert built == [1]
    assert [p.name for p in (tmp_path / "lists").iterdir()] == ["abc.pdf"]


def test_names_in_every_script_survive_into_the_pdf():
    names = ["Rüya Gümürkçü", "Tomáš Urubek", "Rocío González", "Ольга Петрова", "لبنى عزام"]
    html = "<html><body>" + "".join(f"<p dir='auto'>{name}</p>" for name in names) + "</body></html>"
    assert pdf_text(html_to_pdf(html)).splitlines() == names


def test_pdf_rendering_refuses_the_network():
    with pytest.raises(ValueError):
        LocalOnlyFetcher().fetch("http://example.org/logo.png")
    with pytest.raises(ValueError):
        LocalOnlyFetcher().fetch("file:///etc/passwd")


def test_two_requests_for_the_same_export_start_one_build(app):
    calls.clear()
    release.clear()
    request = BuildRequest("lists", "k1", "txt", "tests.test_exporting:counting_builder", {"text": "hello"})
    with app.app_context():
        app.extensions["export_runner"] = ThreadRunner(app)
        first = request_build(request)
        second = request_build(request)
        assert first.state in ("queued", "running")
        assert second.state in ("queued", "running")
        release.set()
        for _ in range(200):
            if build_status(request).state == DONE:
                break
            time.sleep(0.02)
        assert build_status(request).state == DONE
        assert calls == ["hello"]
        assert ExportStore.current().get("lists", "k1", "txt").read_bytes() == b"hello"
        assert request_build(request).state == DONE


def test_an_export_never_asked_for_is_missing(app):
    request = BuildRequest("lists", "never", "txt", "tests.test_exporting:counting_builder", {"text": "x"})
    with app.app_context():
        app.extensions["export_runner"] = ThreadRunner(app)
        assert build_status(request).state == MISSING
