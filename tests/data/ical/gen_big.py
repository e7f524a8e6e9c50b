#!/usr/bin/env python3
"""gen_big.py OUT N: a shared calendar like the CNCF one, N other groups'
weekly meetings (with their own VTIMEZONE) and a CNAI meeting, for tests
that the UI keeps answering while a big feed is parsed."""
import sys

out, n = sys.argv[1], int(sys.argv[2])
lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//catchup test//big//EN",
         "X-WR-CALNAME:Big shared calendar",
         "BEGIN:VTIMEZONE", "TZID:America/Los_Angeles",
         "BEGIN:DAYLIGHT", "TZOFFSETFROM:-0800", "TZOFFSETTO:-0700", "TZNAME:PDT",
         "DTSTART:19700308T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", "END:DAYLIGHT",
         "BEGIN:STANDARD", "TZOFFSETFROM:-0700", "TZOFFSETTO:-0800", "TZNAME:PST",
         "DTSTART:19701101T020000", "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU", "END:STANDARD",
         "END:VTIMEZONE"]
for i in range(n):
    lines += ["BEGIN:VEVENT", "UID:group-%d@big.test" % i,
              "DTSTART;TZID=America/Los_Angeles:2024%02d%02dT%02d0000" % (1 + i % 12, 1 + i % 27, 6 + i % 10),
              "DTEND;TZID=America/Los_Angeles:2024%02d%02dT%02d3000" % (1 + i % 12, 1 + i % 27, 6 + i % 10),
              "RRULE:FREQ=WEEKLY;INTERVAL=%d" % (1 + i % 3),
              "SUMMARY:TAG %d working session" % i,
              "DESCRIPTION:Agenda and notes: https://docs.example.org/%d\\nJoin: https://zoom.us/j/%d" % (i, i),
              "LOCATION:https://zoom.us/j/%d" % i, "END:VEVENT"]
lines += ["BEGIN:VEVENT", "UID:cnai@big.test",
          "DTSTART;TZID=America/Los_Angeles:20240112T080000",
          "DTEND;TZID=America/Los_Angeles:20240112T090000",
          "RRULE:FREQ=MONTHLY;BYDAY=2FR,4FR", "SUMMARY:Cloud Native AI WG meeting", "END:VEVENT",
          "END:VCALENDAR"]
open(out, "w").write("\r\n".join(lines) + "\r\n")
