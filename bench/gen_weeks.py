#!/usr/bin/env python3
"""gen_weeks.py: benchmark data made from the real posts.

  gen_weeks.py posts DIR N [--no-dates]   N files week_00001.md .. in DIR
  gen_weeks.py rss FILE N                 the same N weeks as one RSS 2.0 feed

Each week keeps a real post's description and body (the 7 posts in
tests/data/posts, cycled) under a new title, "This Week in CN AI (week K)",
with a distinct weight (newer weeks lower, as Hugo orders them) and, unless
--no-dates, a front matter date one day after the one before (days, not
weeks: 10,000 weeks would reach back before 1970, which newsboat cannot
sort), so the newest week is week N, dated 2025-01-03.  Standard library
only.
"""
import datetime
import email.utils
import os
import re
import sys
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
POSTS = os.path.join(HERE, "..", "tests", "data", "posts")
NEWEST = datetime.date(2025, 1, 3)


def real_posts():
    """[(description, body)] of the real posts, in name order."""
    out = []
    for name in sorted(os.listdir(POSTS)):
        if not name.endswith(".md") or name == "_index.md":
            continue
        text = open(os.path.join(POSTS, name), encoding="utf-8").read()
        m = re.match(r"---\n(.*?)\n---\n(.*)", text, re.S)
        fm, body = m.group(1), m.group(2)
        d = re.search(r"^description: \|\n((?:[ \t]+.*\n?)+)", fm + "\n", re.M)
        desc = " ".join(line.strip() for line in d.group(1).splitlines()) if d else ""
        out.append((desc, body))
    return out


def weeks(n):
    """(k, title, date, weight, description, body) for k = 1..n."""
    src = real_posts()
    for k in range(1, n + 1):
        desc, body = src[(k - 1) % len(src)]
        date = NEWEST - datetime.timedelta(days=n - k)
        yield k, "This Week in CN AI (week %d)" % k, date, 1000000 - k, desc, body


def write_posts(folder, n, dates):
    os.makedirs(folder, exist_ok=True)
    for k, title, date, weight, desc, body in weeks(n):
        fm = ['title: "%s"' % title, "description: |", "    " + desc, "type: news",
              "weight: %d" % weight]
        if dates:
            fm.append("date: %s" % date.isoformat())
        with open(os.path.join(folder, "week_%05d.md" % k), "w", encoding="utf-8") as f:
            f.write("---\n" + "\n".join(fm) + "\n---\n" + body)


def write_rss(path, n):
    items = []
    for k, title, date, weight, desc, body in reversed(list(weeks(n))):
        when = datetime.datetime(date.year, date.month, date.day, 12, 0,
                                 tzinfo=datetime.timezone.utc)
        link = "https://tag-runtime.cncf.io/wgs/cnai/news/week_%05d/" % k
        items.append(
            "<item><title>%s</title><link>%s</link><guid>%s</guid><pubDate>%s</pubDate>"
            "<description>%s</description></item>"
            % (escape(title), link, link, email.utils.format_datetime(when),
               escape(desc + "\n\n" + body)))
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
                "<title>CNAI weekly posts</title>"
                "<link>https://tag-runtime.cncf.io/wgs/cnai/news/</link>"
                "<description>The Cloud Native AI Working Group's weekly posts</description>\n")
        f.write("\n".join(items))
        f.write("\n</channel></rss>\n")


def main(argv):
    if len(argv) < 4 or argv[1] not in ("posts", "rss"):
        sys.exit(__doc__)
    n = int(argv[3])
    if argv[1] == "posts":
        write_posts(argv[2], n, "--no-dates" not in argv[4:])
    else:
        write_rss(argv[2], n)


if __name__ == "__main__":
    main(sys.argv)
