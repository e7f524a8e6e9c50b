#!/usr/bin/env python3
"""gen_feeds.py OUTDIR: writes the feeds the tests read, from posts with
known titles and dates, in the shapes real generators write them:

- hugo.xml: RSS 2.0 as Hugo's built-in rss.xml template writes it (the
  description is the page's HTML, escaped; one item's in CDATA as some
  themes do; pubDate in RFC 822 with the post's own zone; a page without a
  date has no pubDate);
- jekyll.xml: Atom 1.0 as jekyll-feed's feed.xml writes it (title and
  content type="html", content with xml:base, published and updated in
  RFC 3339 with an offset);
- json.json: JSON Feed 1.1;
- xxe.xml, bomb.xml: an external entity and a billion-laughs feed.
"""
import html
import os
import sys

SITE = "https://wg.example.org"

# title, RFC 822 date (or None), slug, body HTML
HUGO_POSTS = [
    ("Scheduling <AI> workloads & more", "Fri, 31 May 2024 23:30:00 -0700", "scheduling",
     '<p>The white paper on <a href="https://github.com/cncf/tag-runtime/issues/126">scheduling</a>'
     ' is in review.</p><script>alert("x")</script>'
     '<p onclick="steal()">See the <a href="/wgs/notes/">notes</a> and the '
     '<a href="https://www.youtube.com/watch?v=abc123">recording</a>.</p>'),
    ("Kickoff \u2014 welcome", "Mon, 27 May 2024 10:00:00 +0200", "kickoff",
     "<h2>Agenda</h2><ul><li>Intro&nbsp;round</li><li>Roadmap</li></ul>"
     '<p><a href="javascript:alert(1)">click</a> <img src="/img/pixel.gif" width="1" height="1"></p>'),
    ("Undated notes", None, "undated", "<p>Notes without a date.</p>"),
    ("June update", "Tue, 04 Jun 2024 09:00:00 EST", "june", "<p>Meeting moved.</p>"),
]

JEKYLL_POSTS = [
    ("Notes &amp; news", "2024-06-10T12:00:00+09:00", "2024/06/10/notes",
     '<p>Slides: <a href="../../../assets/slides.pdf">pdf</a>.</p><style>p{}</style>'),
    ("First post", "2024-06-01T08:15:00-04:00", "2024/06/01/first",
     "<p>Hello.</p><blockquote><p>Quoted.</p></blockquote>"),
]


def hugo(out):
    items = []
    for i, (title, date, slug, body) in enumerate(HUGO_POSTS):
        link = "%s/news/%s/" % (SITE, slug)
        pub = "      <pubDate>%s</pubDate>\n" % date if date else ""
        desc = ("<![CDATA[%s]]>" % body) if i == 1 else html.escape(body, quote=True)
        items.append(
            "    <item>\n      <title>%s</title>\n      <link>%s</link>\n%s"
            "      <guid>%s</guid>\n      <description>%s</description>\n    </item>\n"
            % (html.escape(title, quote=False), link, pub, link, desc))
    out.write(
        '<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n'
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">\n  <channel>\n'
        "    <title>Example WG \u2013 News</title>\n    <link>%s/</link>\n"
        "    <description>Recent content in News on Example WG</description>\n"
        "    <generator>Hugo</generator>\n    <language>en</language>\n"
        '    <atom:link href="%s/news/index.xml" rel="self" type="application/rss+xml" />\n'
        "%s  </channel>\n</rss>\n" % (SITE, SITE, "".join(items)))


def jekyll(out):
    entries = []
    for title, date, path, body in JEKYLL_POSTS:
        url = "https://blog.example.org/%s.html" % path
        entries.append(
            '<entry><title type="html">%s</title>'
            '<link href="%s" rel="alternate" type="text/html" title="%s" />'
            "<published>%s</published><updated>%s</updated><id>https://blog.example.org/%s</id>"
            '<content type="html" xml:base="%s">%s</content>'
            "<author><name>WG</name></author></entry>"
            % (title, url, title, date, date, path, url, html.escape(body, quote=True)))
    out.write(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" >'
        '<generator uri="https://jekyllrb.com/" version="4.3.3">Jekyll</generator>'
        '<link href="https://blog.example.org/feed.xml" rel="self" type="application/atom+xml" />'
        '<link href="https://blog.example.org/" rel="alternate" type="text/html" />'
        "<updated>2024-06-10T12:00:00+09:00</updated><id>https://blog.example.org/feed.xml</id>"
        '<title type="html">Example blog</title>%s</feed>\n' % "".join(entries))


def json_feed(out):
    out.write('{"version": "https://jsonfeed.org/version/1.1", "title": "J",'
              ' "home_page_url": "https://j.example.org/", "items": ['
              '{"id": "1", "url": "/p/1", "title": "One", "content_html": "<p>Hi</p>",'
              ' "date_published": "2024-06-02T10:00:00Z"},'
              '{"id": 2, "content_text": "Plain text\\n\\nsecond para"}]}\n')


XXE = ('<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
       '<rss version="2.0"><channel><title>x</title><item><title>&xxe;</title></item>'
       "</channel></rss>\n")


def bomb():
    lines = ['<?xml version="1.0"?>', "<!DOCTYPE rss [", ' <!ENTITY lol "lol">']
    for i in range(1, 10):
        prev = "lol" if i == 1 else "lol%d" % (i - 1)
        lines.append(' <!ENTITY lol%d "%s">' % (i, ("&%s;" % prev) * 10))
    lines.append("]>")
    lines.append('<rss version="2.0"><channel><title>&lol9;</title></channel></rss>')
    return "\n".join(lines) + "\n"


def main():
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, "hugo.xml"), "w", encoding="utf-8") as f:
        hugo(f)
    with open(os.path.join(outdir, "jekyll.xml"), "w", encoding="utf-8") as f:
        jekyll(f)
    with open(os.path.join(outdir, "json.json"), "w", encoding="utf-8") as f:
        json_feed(f)
    with open(os.path.join(outdir, "xxe.xml"), "w", encoding="utf-8") as f:
        f.write(XXE)
    with open(os.path.join(outdir, "bomb.xml"), "w", encoding="utf-8") as f:
        f.write(bomb())


if __name__ == "__main__":
    main()
