#!/usr/bin/env python3
"""gen_amplify.py KIND OUT [N | --bytes B]: hostile calendars that are small
to send and costly to expand, for the tests (tests/e2e/ical_hostile.sh), the
benchmark (bench/) and the fuzzer's seeds (fuzz/run.sh).  With --bytes the
feed is grown to about B bytes instead of N entries.

  secondly  N series of RRULE:FREQ=SECONDLY;COUNT=10000000 from 1 Jan 2027
  minutely  N series of RRULE:FREQ=MINUTELY from 10 Mar 2027
  weekly    N weekly meetings, each its own series, from 2026
  exdates   one MINUTELY series from 10 Mar 2027 whose first N minutes are
            EXDATEs
  described N weekly meetings from 2027, each with a 15,000-byte DESCRIPTION
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
if kind == "exdates":
    # a MINUTELY series whose first N minutes are EXDATEs: each instance
    # of the rule is looked up among them
    import datetime
    t0 = datetime.datetime(2027, 3, 10)
    ex = []
    while len(ex) < n and (limit is None or len(ex) * 26 < limit):
        ex.append("EXDATE:%s" % (t0 + datetime.timedelta(minutes=len(ex))).strftime("%Y%m%dT%H%M%SZ"))
    event("minutely", "20270310T000000Z", "RRULE:FREQ=MINUTELY", "Every minute but the first %d" % len(ex), ex)
else:
    while i < n and (limit is None or size < limit):
        if kind == "secondly":
            event("s%d" % i, "20270101T%02d%02d00Z" % (i // 60 % 24, i % 60),
                  "RRULE:FREQ=SECONDLY;COUNT=10000000", "Every second %d" % i)
        elif kind == "minutely":
            event("m%d" % i, "20270310T%02d%02d00Z" % (i // 60 % 24, i % 60),
                  "RRULE:FREQ=MINUTELY", "Every minute %d" % i)
        elif kind == "described":
            event("d%d" % i, "20270301T%02d%02d00Z" % (i // 60 % 24, i % 60), "RRULE:FREQ=WEEKLY",
                  "Described meeting %d" % i, ["DESCRIPTION:" + "Agenda and notes. " * 833])
        elif kind == "weekly":
            event("w%d" % i, "2026%02d%02dT%02d0000Z" % (1 + i % 12, 1 + i % 28, 6 + i % 12),
                  "RRULE:FREQ=WEEKLY", "Weekly meeting %d" % i)
        else:
            sys.exit("unknown kind " + kind)
        i += 1

with open(out, "w") as f:
    f.write("\r\n".join(head + body + ["END:VCALENDAR"]) + "\r\n")
