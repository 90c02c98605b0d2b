"""A stand-in for GOV.UK Notify's API: a real HTTP server in a thread of the test, which
the official client (or a worker process given its address in NOTIFY_BASE_URL) talks to.

POST /v2/notifications/email and /sms answer with the next scripted answer in `script`:
an HTTP status, "slow" (answer 201 after the client has given up waiting) or "stall"
(hold the answer until `release()`, with `arrived` set as the request comes in, so that a
test can kill the sender while it waits). A notification answered 201, "slow" or "stall"
is kept, as Notify keeps it whether or not its answer reached the sender.

GET /v2/notifications?reference=... answers the kept notifications with that reference,
or the next status in `lookup_script`. `requests` holds the bodies of the POSTs received,
`lookups` the references asked for.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

# The HTTP ports the worker-kill tests may use (a worker process must be told the address).
PORTS = range(18140, 18150)


class FakeNotify:
    def __init__(self, *, port: int = 0) -> None:
        self.script: list[int | str] = []
        self.lookup_script: list[int] = []
        self.requests: list[dict[str, Any]] = []
        self.lookups: list[str] = []
        self.notifications: list[dict[str, Any]] = []
        self.arrived = threading.Event()
        self._release = threading.Event()
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the standard library's name
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                with fake._lock:
                    fake.requests.append(body)
                    answer = fake.script.pop(0) if fake.script else 201
                if answer in (201, "slow", "stall"):
                    notification = fake._keep(body, self.path)
                    reply: dict[str, Any] = {
                        "id": notification["id"],
                        "reference": body.get("reference"),
                    }
                else:
                    reply = {"status_code": answer, "errors": [{"error": "Fake", "message": "x"}]}
                if answer == "slow":
                    time.sleep(0.6)
                elif answer == "stall":
                    fake.arrived.set()
                    fake._release.wait(timeout=120)
                self._answer(201 if isinstance(answer, str) else int(answer), reply)

            def do_GET(self) -> None:  # noqa: N802 - the standard library's name
                url = urlsplit(self.path)
                if url.path != "/v2/notifications":
                    self._answer(404, {"errors": [{"error": "NotFound", "message": "x"}]})
                    return
                reference = parse_qs(url.query).get("reference", [""])[0]
                with fake._lock:
                    fake.lookups.append(reference)
                    status = fake.lookup_script.pop(0) if fake.lookup_script else 200
                    found = [n for n in fake.notifications if n["reference"] == reference]
                if status != 200:
                    self._answer(status, {"errors": [{"error": "Fake", "message": "x"}]})
                    return
                self._answer(200, {"notifications": found, "links": {"current": fake.url}})

            def _answer(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):  # the sender gave up or died
                    pass

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @classmethod
    def on_free_port(cls) -> FakeNotify:
        """On the first free port of PORTS (for a worker process started by the test)."""
        for port in PORTS:
            try:
                return cls(port=port)
            except OSError:
                continue
        raise RuntimeError(f"No free port in {PORTS.start}-{PORTS.stop - 1} for Notify's stand-in.")

    def _keep(self, body: dict[str, Any], path: str) -> dict[str, Any]:
        notification = {
            "id": str(uuid.uuid4()),
            "reference": body.get("reference"),
            "type": "email" if path.endswith("/email") else "sms",
            "status": "created",
        }
        with self._lock:
            self.notifications.append(notification)
        return notification

    def posts_for(self, reference: str) -> int:
        """How many times a message with this reference was sent to Notify."""
        return sum(1 for body in self.requests if body.get("reference") == reference)

    def release(self) -> None:
        self._release.set()

    def close(self) -> None:
        self.release()
        self.server.shutdown()
        self.server.server_close()
