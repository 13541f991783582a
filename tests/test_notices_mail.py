"""Notices go by e-mail too when MAIL_SERVER is set: checked against a tiny SMTP server on a local port."""

import socket
import threading

import sqlalchemy as sa

from coordinator.extensions import db
from coordinator.meetings.models import AgendaItem
from coordinator.notices.models import Notice
from coordinator.people.models import Person


class OneMessageSmtpServer:
    """Accepts one SMTP conversation on 127.0.0.1 and keeps the message text."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.message = b""
        self.recipients = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        connection, _ = self.listener.accept()
        with connection, connection.makefile("rb") as reader:
            connection.sendall(b"220 test ESMTP\r\n")
            while line := reader.readline():
                command = line.strip().upper()
                if command.startswith(b"RCPT TO"):
                    self.recipients.append(line.strip()[8:].decode())
                if command == b"DATA":
                    connection.sendall(b"354 go on\r\n")
                    while (data := reader.readline()) != b".\r\n":
                        self.message += data
                    connection.sendall(b"250 queued\r\n")
                elif command == b"QUIT":
                    connection.sendall(b"221 bye\r\n")
                    return
                else:
                    connection.sendall(b"250 ok\r\n")


def test_a_release_e_mails_the_notice_when_smtp_is_configured(app, client, grcp9, sign_in, make_user):
    server = OneMessageSmtpServer()
    app.config.update(
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=server.port,
        MAIL_USE_TLS=False,
        MAIL_SENDER="coordinator@example.org",
    )
    speaker = make_user("user", email="wen.li@example.org")
    with app.app_context():
        db.session.scalar(sa.select(Person).where(Person.key == "wen-li")).email = speaker.email
        db.session.commit()
    sign_in("organizer", grcp9.meeting_id)
    with app.app_context():
        item = db.session.scalar(sa.select(AgendaItem).where(AgendaItem.title == "Closing remarks"))
        item_id, session_id = item.id, item.session_id
    client.post(
        f"/meetings/grcp-9/items/{item_id}/edit",
        data={
            "session_id": str(session_id),
            "kind": "closing_remarks",
            "title": "Closing remarks",
            "start": "15:35",
            "end": "15:45",
            "version": "1",
        },
    )
    assert (
        client.post(
            "/meetings/grcp-9/agenda/release", data={"comment": "Closing five minutes later"}
        ).status_code
        == 302
    )
    server.thread.join(timeout=5)
    assert server.recipients == ["<wen.li@example.org>"]
    assert b"Closing remarks" in server.message and b"GRCP 9: agenda version 2" in server.message
    with app.app_context():
        assert db.session.scalar(sa.select(Notice.emailed_at)) is not None
