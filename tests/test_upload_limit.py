"""The app-wide upload limit: a larger request gets a clear 413 page (or JSON), never a 500."""

import io


def test_the_default_limit_is_64_megabytes(app):
    assert app.config["MAX_CONTENT_LENGTH"] == 64 * 1024 * 1024


def test_a_request_over_the_limit_gets_a_clear_413_page(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024
    body = {"language": "fr", "file": (io.BytesIO(b"x" * (1536 * 1024)), "big.csv")}
    response = client.post("/language", data=body, content_type="multipart/form-data")
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "The file is too large" in page and "Files of up to 1 MB are accepted: send a smaller one." in page


def test_a_request_over_the_limit_gets_a_json_413_on_the_api(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024
    response = client.post(
        "/language",
        data=b"x" * (1536 * 1024),
        content_type="application/octet-stream",
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 413
    assert response.get_json()["error"]["message"] == "Files of up to 1 MB are accepted: send a smaller one."
