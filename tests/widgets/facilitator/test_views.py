"""What the facilitator reads in the view: when a team last saved, the notice shown now."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from socialplaybook.workspace.room import RoomNotice
from widgets.facilitator.views import last_activity_text, notice_status_html

NOW = datetime(2026, 12, 5, 14, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(("ago", "said"), [
    (timedelta(seconds=20), "just now"),
    (timedelta(minutes=1), "1 min ago"),
    (timedelta(minutes=59, seconds=59), "59 min ago"),
    (timedelta(minutes=61), "1 h 1 min ago"),
    (timedelta(hours=3, minutes=5), "3 h 5 min ago"),
    (timedelta(seconds=-30), "just now"),  # a clock a little ahead: never "in the future"
])
def test_when_a_team_last_saved(ago, said):
    text = last_activity_text(NOW - ago, NOW)
    assert text.endswith(" · " + said)
    clock = (NOW - ago).astimezone().strftime("%H:%M")
    assert text.startswith(clock)


def test_the_notice_shown_now_as_the_facilitator_reads_it():
    assert "No notice is shown now." in notice_status_html(None, NOW)
    plain = notice_status_html(RoomNotice(1, "Open the <budget> app", NOW), NOW)
    assert "“Open the &lt;budget&gt; app”." in plain
    counting = RoomNotice(2, "Break", NOW, NOW + timedelta(minutes=10))
    assert "about 10 minutes left" in notice_status_html(counting, NOW)
    assert "about 1 minute left" in notice_status_html(counting, NOW + timedelta(minutes=9,
                                                                                  seconds=50))
