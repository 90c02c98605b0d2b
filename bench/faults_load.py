"""The fault benchmark's load (bench/faults.py): feedback forms sent and desk events posted
at a steady rate, spread over the web servers, each request's answer written down.

Open loop: a new feedback form is started every 1/feedback_rate seconds and a new desk
event sent every 1/desk_rate seconds, whatever the answers, as people and a crime
recording system would. Each request goes to the next server in turn (a load balancer's
round robin), on a new connection (no kept-alive connection that the server closes as it
is reused: a transport error is always the server's). Requests are sent as a proxy that
ends HTTPS would send them (Host, X-Forwarded-Proto: https).

A feedback form is three requests: the QR link /f/<code>/ (302), the questions page (200,
its CSRF and form tokens), then, MIN_FILL_SECONDS later as a person takes longer than that,
the answers (302 onwards when saved). Its marker is the SHA-256 of the form token's nonce,
which the product keeps as Response.submission_key. A desk event's marker is its
source_event_id. The writes (the answers, the events) are what must be stored when they
were accepted.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.cookies import SimpleCookie
from typing import Any

import httpx
from bench_feedback_submit import FormReader

HOST = "victimvoice.example.org"
ORIGIN = f"https://{HOST}"
MIN_FILL_SECONDS = 3.2  # feedback.rules.MIN_FILL_SECONDS, and a little more
COMMENT = "The officer explained what happens next and called back when they said."
TIMEOUT_SECONDS = 60


@dataclass
class Outcome:
    """One request and its answer (status None: no HTTP answer, the connection failed)."""

    what: str  # "feedback" or "desk" (the writes), "page" (the form's pages)
    server: int
    started: float
    finished: float
    status: int | None
    retry_after: bool = False
    marker: str = ""
    detail: str = ""  # for an unexpected answer: what came back, never a person's data

    @property
    def write(self) -> bool:
        return self.what in ("feedback", "desk")


@dataclass
class Load:
    bases: list[str]
    code: str
    token: str
    crime_reference: str
    run_id: str
    in_flight: int = 4  # per server: as many as its workers x threads can take at once
    outcomes: list[Outcome] = field(default_factory=list)
    # The writes answered 503, to send again later as a client told Retry-After would.
    refused: list[tuple[str, str, str, int, dict[str, str], str, dict[str, object]]] = field(
        default_factory=list
    )
    _turn: int = 0
    _slots: list[asyncio.Semaphore] = field(default_factory=list)

    def server(self) -> int:
        self._turn += 1
        return self._turn % len(self.bases)

    def slot(self, server: int) -> asyncio.Semaphore:
        """At most `in_flight` requests at a time to each server: beyond what it can take,
        the load waits its turn here rather than in the server's queue, so a slow shared
        machine shows as a lower rate, not as timeouts."""
        if not self._slots:
            self._slots = [asyncio.Semaphore(self.in_flight) for _ in self.bases]
        return self._slots[server]

    async def request(
        self,
        what: str,
        method: str,
        path: str,
        *,
        expect: int,
        headers: dict[str, str],
        marker: str = "",
        **kwargs: object,
    ) -> tuple[Outcome, httpx.Response | None]:
        server = self.server()
        headers = {"Host": HOST, "X-Forwarded-Proto": "https", **headers}
        limits = httpx.Limits(max_keepalive_connections=0)
        async with self.slot(server):
            started = time.monotonic()
            try:
                async with httpx.AsyncClient(
                    base_url=self.bases[server], timeout=TIMEOUT_SECONDS, limits=limits
                ) as client:
                    response = await client.request(method, path, headers=headers, **kwargs)  # type: ignore[arg-type]
            except httpx.HTTPError as error:
                outcome = Outcome(
                    what, server, started, time.monotonic(), None, marker=marker,
                    detail=f"{method} {path}: {type(error).__name__}",
                )  # fmt: skip
                self.outcomes.append(outcome)
                return outcome, None
        outcome = Outcome(
            what,
            server,
            started,
            time.monotonic(),
            response.status_code,
            retry_after=bool(response.headers.get("Retry-After")),
            marker=marker,
        )
        if response.status_code not in (expect, 503):
            outcome.detail = f"{method} {path}: {response.status_code} {_what_came(response)}"
        elif response.status_code == 503 and outcome.write:
            self.refused.append((what, method, path, expect, headers, marker, kwargs))
        self.outcomes.append(outcome)
        return outcome, response

    async def send_refused_again(self) -> list[Outcome]:
        """Send every write answered 503 once more, as it was sent (the same form token,
        the same source_event_id): what a person pressing the button again, or the crime
        recording system's retry, does. Their outcomes, apart from the load's."""
        load_outcomes, self.outcomes = self.outcomes, []
        refused, self.refused = self.refused, []
        try:
            await asyncio.gather(
                *(
                    self.request(
                        what, method, path, expect=expect, headers=headers, marker=marker, **kwargs
                    )
                    for what, method, path, expect, headers, marker, kwargs in refused
                )
            )
            return self.outcomes
        finally:
            self.outcomes = load_outcomes

    async def one_at_a_time(self, n: int) -> list[Outcome]:
        """`n` desk events, one after the other, round robin (their outcomes, apart from
        the load's): after a restart with no traffic, each worker thread's next request
        finds the connection it kept dead, and must replace it rather than fail."""
        load_outcomes, self.outcomes = self.outcomes, []
        try:
            for i in range(n):
                await self.desk_event(1_000_000 + i)
            return self.outcomes
        finally:
            self.outcomes = load_outcomes

    # A feedback form --------------------------------------------------------------------

    async def feedback(self, _n: int) -> None:
        cookies: dict[str, str] = {}
        outcome, landing = await self.request(
            "page", "GET", f"/f/{self.code}/", expect=302, headers={}
        )
        if landing is None or outcome.status != 302:
            return
        cookies.update(_cookies_of(landing))
        path = httpx.URL(landing.headers["Location"]).path
        outcome, page = await self.request(
            "page", "GET", path, expect=200, headers=_cookie_header(cookies)
        )
        if page is None or outcome.status != 200:
            return
        cookies.update(_cookies_of(page))
        reader = FormReader()
        reader.feed(page.text)
        fields = dict(reader.fields)
        for name in reader.textareas:
            fields[name] = COMMENT
        nonce = fields.get("token", "").rsplit(":", 2)[0]
        marker = hashlib.sha256(nonce.encode()).hexdigest()
        await asyncio.sleep(MIN_FILL_SECONDS)
        headers = {"Origin": ORIGIN, "Referer": ORIGIN + path, **_cookie_header(cookies)}
        await self.request(
            "feedback", "POST", path, expect=302, headers=headers, data=fields, marker=marker
        )

    # A desk event -----------------------------------------------------------------------

    async def desk_event(self, n: int) -> None:
        marker = f"fault-{self.run_id}-{n}"
        occurred = (datetime.now(UTC) - timedelta(hours=1)).isoformat(timespec="seconds")
        body = {
            "source_event_id": marker,
            "crime_reference": self.crime_reference,
            "kind": "arrested",
            "occurred_at": occurred,
        }
        await self.request(
            "desk",
            "POST",
            "/api/v1/desk/events",
            expect=202,
            headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"},
            content=json.dumps(body).encode(),
            marker=marker,
        )


async def steady(
    rate: float, seconds: float, send: Callable[[int], Coroutine[Any, Any, None]], *, most: int
) -> None:
    """Start send(0), send(1), ... `rate` times a second for `seconds`, with at most `most`
    of them unfinished: when the servers fall behind (a busy machine) the load waits for
    one to finish and carries on from then, rather than piling up; wait for them all."""
    started = time.monotonic()
    pending: set[asyncio.Task[None]] = set()
    n = 0
    due = started
    while due < started + seconds:
        await asyncio.sleep(max(0.0, due - time.monotonic()))
        if len(pending) >= most:
            _done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
            due = max(due, time.monotonic())
        pending.add(asyncio.create_task(send(n)))
        n += 1
        due += 1 / rate
    if pending:
        await asyncio.wait(pending)


def _what_came(response: httpx.Response) -> str:
    """An unexpected answer in a few words: its page title, or the start of its body."""
    title = re.search(r"<title>(.*?)</title>", response.text, re.DOTALL)
    return repr(" ".join(title.group(1).split()) if title else response.text[:200])


def _cookies_of(response: httpx.Response) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    for header in response.headers.get_list("set-cookie"):
        jar.load(header)
    return {name: morsel.value for name, morsel in jar.items()}


def _cookie_header(cookies: dict[str, str]) -> dict[str, str]:
    return {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())} if cookies else {}
