"""An iCalendar file of 换届 end dates: one all-day event per record.

The UID is ``<id>-term-<started>@kexie``: it stays the same across runs (and
when an extension moves the end date), so importing the file again updates
the events instead of duplicating them; a new term gets a new event.

SEQUENCE (RFC 5545 §3.8.7.4) is 0 for a term ending on its regular date and,
once an extension is approved, the number of days it adds: it grows with each
later extension, so a calendar that already holds the event takes the moved
date as a newer revision (docs/calendar.md).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kexie_cli import kinds
from kexie_cli.calendar.elections import Election, show_step, step_row
from kexie_cli.calendar.lead import Lead
from kexie_cli.calendar.output import atomic_write_bytes
from kexie_cli.i18n import tr
from kexie_cli.numerals import term_label
from kexie_cli.terms import TermState


def event_uid(item: Election) -> str:
    return f"{item.id}-term-{item.term.started.isoformat()}@kexie"


def event_sequence(item: Election) -> int:
    """0 for the regular end; the days an approved extension adds (later extensions: larger)."""
    return max((item.term.end - item.term.regular_end).days, 0)


def build_calendar(items: list[Election], registry: str, lead: Lead, today: dt.date, lang: str) -> bytes:
    """The iCalendar text of ``items`` (deterministic for a given ``today``)."""
    from icalendar import Alarm, Calendar, Event  # noqa: PLC0415 - icalendar is slow to import; loaded only for ics

    cal = Calendar()
    cal.add("prodid", "-//kexie//due-elections//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", tr("elections.title", lang, registry=registry, today=today.isoformat()))
    stamp = dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC)
    for item in items:
        if not isinstance(item.state, TermState):
            continue  # a follow-up (备案, 变更登记 after the congress) is no term ending: no event
        record, end = item.record, item.term.end
        number = term_label(item.term.number, lang) or ("current" if lang == "en" else "本届")
        event = Event()
        event.add("uid", event_uid(item))
        event.add("dtstamp", stamp)
        event.add("sequence", event_sequence(item))
        event.add("dtstart", end)
        event.add("dtend", end + dt.timedelta(days=1))
        event.add("summary", tr("ics.summary", lang, name=record.name, number=number))
        extended = tr("ics.extended", lang) if item.term.extended_to else ""
        step = show_step(step_row(item.next_step, item.today), lang, record.kind) if item.next_step else ""
        kind = kinds.noun(record.kind, lang)
        params = {"name": record.name, "kind": kind, "number": number, "end": end, "extended": extended, "step": step}
        event.add("description", tr("ics.description", lang, **params))
        event.add("categories", [kind])
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", tr("ics.alarm", lang, name=record.name))
        alarm.add("trigger", -dt.timedelta(days=lead.days_before(end)))
        event.add_component(alarm)
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data


def write_calendar(items: list[Election], path: Path, registry: str, lead: Lead, today: dt.date, lang: str) -> None:
    atomic_write_bytes(path, build_calendar(items, registry, lead, today, lang))
