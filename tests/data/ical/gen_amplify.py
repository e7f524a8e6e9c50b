#!/usr/bin/env python3
"""gen_amplify.py KIND OUT [N | --bytes B]: hostile calendars that are small
to send and costly to expand, for the tests (tests/e2e/ical_hostile.sh), the
benchmark (bench/) and the fuzzer's seeds (fuzz/run.sh).  With --bytes the
feed is grown to about B bytes instead of N entries.

  secondly  N series of RRULE:FREQ=SECONDLY;COUNT=10000000 from 1 Jan 2027
  minutely  N series of RRULE:FREQ=MINUTELY from 10 Mar 2027
  weekly    N weekly meetings, each its own series, from 2026
  exdates   one daily series since 2000 with N EXDATEs (and N overrides
            when KIND is exdates-overrides)
"""
import sys

kind, out = sys.argv[1], sys.argv[2]
arg = sys.argv[3] if len(sys.argv) > 3 else "100"
limit = None
if arg == "--bytes":
    limit, n = int(sys.argv[4]), 10 ** 9
else:
    n = int(arg)

head = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//catchup test//amplify//EN",
        "X-WR-CALNAME:Amplification (%s)" % kind]
body = []
size = 0


def add(lines):
    global size
    body.extend(lines)
    size += sum(len(x) + 2 for x in lines)


def event(uid, start, rule, summary, extra=()):
    add(["BEGIN:VEVENT", "UID:%s@amplify.test" % uid, "DTSTAMP:20270101T000000Z",
         "DTSTART:%s" % start, "DURATION:PT30M"] + ([rule] if rule else []) +
        list(extra) + ["SUMMARY:%s" % summary, "END:VEVENT"])


i = 0
if kind.startswith("exdates"):
    # EXDATEs of a daily 09:00 UTC series, one day each, from 2000 on
    ex = []
    overrides = []
    day = 0
    import datetime
    d0 = datetime.date(2000, 1, 1)
    while day < n and (limit is None or size + len(ex) * 26 < limit):
        d = d0 + datetime.timedelta(days=day)
        ex.append("EXDATE:%sT090000Z" % d.strftime("%Y%m%d"))
        if kind == "exdates-overrides":
            overrides.append(d)
        day += 1
    event("daily", "20000101T090000Z", "RRULE:FREQ=DAILY", "Daily stand-up", ex)
    for d in overrides:
        event("daily", "%sT100000Z" % d.strftime("%Y%m%d"), None, "Stand-up moved",
              ["RECURRENCE-ID:%sT090000Z" % d.strftime("%Y%m%d")])
else:
    while i < n and (limit is None or size < limit):
        if kind == "secondly":
            event("s%d" % i, "20270101T%02d%02d00Z" % (i // 60 % 24, i % 60),
                  "RRULE:FREQ=SECONDLY;COUNT=10000000", "Every second %d" % i)
        elif kind == "minutely":
            event("m%d" % i, "20270310T%02d%02d00Z" % (i // 60 % 24, i % 60),
                  "RRULE:FREQ=MINUTELY", "Every minute %d" % i)
        elif kind == "weekly":
            event("w%d" % i, "2026%02d%02dT%02d0000Z" % (1 + i % 12, 1 + i % 28, 6 + i % 12),
                  "RRULE:FREQ=WEEKLY", "Weekly meeting %d" % i)
        else:
            sys.exit("unknown kind " + kind)
        i += 1

with open(out, "w") as f:
    f.write("\r\n".join(head + body + ["END:VCALENDAR"]) + "\r\n")
