"""The room as the facilitator sees it: every team's latest revision in one query, the room
notice every open page shows, and every team's playbook at once.

:class:`Room` is a part of :class:`~socialplaybook.workspace.store.Workspace` (it uses the
store's ``_write``), like :class:`~socialplaybook.workspace.history.History`.

A notice is appended, never updated: clearing one appends a row with no text, so the apps'
database role on a hub (read and append only) can post and clear. The newest row is the
room's notice; a countdown's notice ends by itself when its time has passed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from pydantic import Field, field_validator
from sqlalchemy import and_, func, select

from socialplaybook.plan.model import Plan, utc_now
from socialplaybook.plan.playbooks import playbooks_zip
from socialplaybook.rules.i18n import _
from socialplaybook.rules.section import StorableText
from socialplaybook.rules.text import one_line
from socialplaybook.workspace.tables import (
    _as_utc,
    _stored_json,
    protected_revisions_table,
    revisions_table,
    room_notices_table,
    teams_table,
)

NOTICE_MAX_CHARS = 200
NOTICE_MAX_MINUTES = 240  # a countdown longer than a workshop's half day is a typing slip


class NoticeDraft(StorableText):
    """What the facilitator typed: the notice's text (one line) and, for a countdown, the
    whole minutes it lasts."""

    text: str
    minutes: int | None = Field(default=None)

    @field_validator("text")
    @classmethod
    def _one_line_of_text(cls, value: str) -> str:
        value = one_line(value)
        if not value:
            raise ValueError(_("Type the notice first, e.g. \"10 minutes left\"."))
        if len(value) > NOTICE_MAX_CHARS:
            raise ValueError(_("A notice is at most {n} characters: the whole room reads it "
                               "at a glance.").format(n=NOTICE_MAX_CHARS))
        return value

    @field_validator("minutes")
    @classmethod
    def _minutes_in_range(cls, value: int | None) -> int | None:
        if value is not None and not 1 <= value <= NOTICE_MAX_MINUTES:
            raise ValueError(_("A countdown lasts from 1 to {n} minutes; leave it empty for "
                               "a notice without one.").format(n=NOTICE_MAX_MINUTES))
        return value


@dataclass(frozen=True)
class RoomNotice:
    """The notice every open page shows: its text and, with a countdown, when it ends."""

    id: int
    text: str
    posted_at: datetime
    ends_at: datetime | None = None

    def seconds_left(self, now: datetime | None = None) -> float | None:
        """Seconds until the countdown ends (0 once it has); None without a countdown."""
        if self.ends_at is None:
            return None
        return max(0.0, (self.ends_at - (now or utc_now())).total_seconds())

    def shown(self, now: datetime | None = None) -> bool:
        """Whether pages show it: it has text and its time, if any, has not passed."""
        left = self.seconds_left(now)
        return bool(self.text) and (left is None or left > 0)


@dataclass(frozen=True)
class LatestRevision:
    """A team's newest revision: what the facilitator's view checks every few seconds."""

    team: str
    number: int
    saved_at: datetime
    section: str


class Room:
    """The facilitator's reads and writes of the workspace (a part of the Workspace)."""

    def latest_revisions(self) -> list[LatestRevision]:
        """Every team's newest revision (number, time, section), by team name: one query."""
        r, t = revisions_table, teams_table
        newest = (select(r.c.team_id, func.max(r.c.number).label("number"))
                  .group_by(r.c.team_id).subquery())
        query = (select(t.c.name, r.c.number, r.c.saved_at, r.c.section)
                 .select_from(t.join(newest, newest.c.team_id == t.c.id)
                              .join(r, and_(r.c.team_id == newest.c.team_id,
                                            r.c.number == newest.c.number)))
                 .order_by(t.c.name_key))
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return [LatestRevision(name, number, _as_utc(saved_at), section)
                for name, number, saved_at, section in rows]

    # -- the room notice ---------------------------------------------------------------------

    def post_notice(self, text: str, minutes: int | None = None,
                    now: datetime | None = None) -> RoomNotice:
        """Show ``text`` on every open page (with a countdown of ``minutes``, if given).

        ValidationError (a ValueError) says what is wrong with the text or the minutes.
        """
        draft = NoticeDraft(text=text, minutes=minutes)
        posted_at = now or utc_now()
        ends_at = (posted_at + timedelta(minutes=draft.minutes)
                   if draft.minutes is not None else None)
        notice_id = self._append_notice(draft.text, posted_at, ends_at)
        return RoomNotice(notice_id, draft.text, posted_at, ends_at)

    def clear_notice(self, now: datetime | None = None) -> None:
        """Take the room's notice off every page (a row with no text is appended)."""
        self._append_notice("", now or utc_now(), None)

    def room_notice(self, now: datetime | None = None) -> RoomNotice | None:
        """The notice pages show now, or None (none posted, cleared, or its time is up)."""
        n = room_notices_table
        with self.engine.connect() as conn:
            row = conn.execute(select(n.c.id, n.c.text, n.c.posted_at, n.c.ends_at)
                               .order_by(n.c.id.desc()).limit(1)).first()
        if row is None:
            return None
        notice = RoomNotice(row.id, row.text, _as_utc(row.posted_at),
                            _as_utc(row.ends_at) if row.ends_at is not None else None)
        return notice if notice.shown(now) else None

    def _append_notice(self, text: str, posted_at: datetime, ends_at: datetime | None) -> int:
        def write(conn) -> int:
            return conn.execute(room_notices_table.insert().values(
                text=text, posted_at=posted_at, ends_at=ends_at)).inserted_primary_key[0]

        return self._write(write)

    # -- every team's playbook ---------------------------------------------------------------

    def latest_plans(self) -> list[tuple[Plan, LatestRevision]]:
        """Every team's latest plan with its revision, by team name."""
        r, t = revisions_table, teams_table
        newest = (select(r.c.team_id, func.max(r.c.number).label("number"))
                  .group_by(r.c.team_id).subquery())
        query = (select(t.c.name, r.c.number, r.c.saved_at, r.c.section, r.c.plan_json,
                        r.c.plan)
                 .select_from(t.join(newest, newest.c.team_id == t.c.id)
                              .join(r, and_(r.c.team_id == newest.c.team_id,
                                            r.c.number == newest.c.number)))
                 .order_by(t.c.name_key))
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return [(Plan.model_validate_json(_stored_json(row)),
                 LatestRevision(row.name, row.number, _as_utc(row.saved_at), row.section))
                for row in rows]

    def export_playbooks(self) -> tuple[bytes, list[LatestRevision]]:
        """A zip of every team's playbook (``plan.playbooks``) and the revisions it holds.

        Those revisions are protected as exported: thinning never drops what someone may
        hold as a file.
        """
        found = self.latest_plans()
        self._protect_exported([revision for _plan, revision in found])
        return playbooks_zip([plan for plan, _revision in found]), [r for _p, r in found]

    def _protect_exported(self, revisions: list[LatestRevision]) -> None:
        """Protect each of ``revisions`` as exported, in one write transaction."""
        if not revisions:
            return
        p, t = protected_revisions_table, teams_table

        def write(conn) -> None:
            ids = dict(conn.execute(select(t.c.name, t.c.id)).all())
            already = {(team_id, number) for team_id, number in conn.execute(
                select(p.c.team_id, p.c.number).where(p.c.reason == "exported"))}
            now = utc_now()
            rows = [{"team_id": ids[r.team], "number": r.number, "reason": "exported",
                     "protected_at": now} for r in revisions
                    if r.team in ids and (ids[r.team], r.number) not in already]
            if rows:
                conn.execute(p.insert(), rows)

        self._write(write)
