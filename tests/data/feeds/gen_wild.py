#!/usr/bin/env python3
"""gen_wild.py OUTDIR: writes feeds shaped as real sites serve them, for
tests/e2e/feeds_wild.sh (gen_feeds.py writes the generators' plain shapes):

- k8s.xml: Hugo's RSS as the Kubernetes blog serves it (escaped HTML in
  description, pubDate "+0000", a one-digit day and hour);
- wordpress.xml: WordPress's RSS as the CNCF blog serves it (content:encoded
  and an excerpt in CDATA, dc:creator, category, media:content, a guid that
  is no link, titles with numeric references and a double-escaped one);
- medium.xml, substack.xml: Medium's and Substack's RSS (CDATA titles,
  content:encoded, GMT dates; Medium has no description);
- atom.xml: Atom with xhtml, text and html content, several links per entry
  (edit, self, enclosure before alternate), fractional seconds;
- odd.xml: RSS items with only a title, only a plain-text description, a
  guid that is the link, named zones;
- text.json: a JSON Feed whose items have content_text only;
- latin1.xml, cp1252.xml, bom.xml: the same small feed in ISO-8859-1,
  windows-1252 (declared in the XML declaration) and UTF-8 with a BOM;
- page.html: the HTML page a site serves with 200 where a feed was.
"""
import html
import os
import sys


def rss(items, ns="", title="Blog", link="https://blog.example.org/", enc="utf-8"):
    return ('<?xml version="1.0" encoding="%s"?>\n<rss version="2.0"%s>\n<channel>\n'
            "<title>%s</title>\n<link>%s</link>\n<description>d</description>\n%s"
            "</channel>\n</rss>\n" % (enc, ns, title, link, "".join(items)))


def k8s():
    posts = [
        ("Kubernetes v1.35: Timbernetes &amp; more", "Tue, 1 Dec 2026 9:05:00 GMT",
         "2026/12/01/kubernetes-v1-35-release",
         "<p>Kubernetes v1.35 is out. Read the <a href=\"/docs/\">docs</a>.</p>"),
        ("Spotlight on SIG Node", "Mon, 23 Nov 2026 00:00:00 +0000",
         "2026/11/23/sig-node-spotlight", "<h2>Intro</h2><p>Meet SIG Node.</p>"),
    ]
    items = []
    for title, date, path, body in posts:
        link = "https://kubernetes.io/blog/%s/" % path
        items.append("<item>\n<title>%s</title>\n<link>%s</link>\n<pubDate>%s</pubDate>\n"
                     "<guid>%s</guid>\n<description>%s</description>\n</item>\n"
                     % (title, link, date, link, html.escape(body)))
    return rss(items, ' xmlns:atom="http://www.w3.org/2005/Atom"', "Kubernetes Blog",
               "https://kubernetes.io/blog/")


def wordpress():
    ns = (' xmlns:content="http://purl.org/rss/1.0/modules/content/"'
          ' xmlns:wfw="http://wellformedweb.org/CommentAPI/"'
          ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
          ' xmlns:atom="http://www.w3.org/2005/Atom"'
          ' xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"'
          ' xmlns:slash="http://purl.org/rss/1.0/modules/slash/"'
          ' xmlns:media="http://search.yahoo.com/mrss/"')
    item = """<item>
<title>%s</title>
<link>https://www.cncf.io/blog/2026/11/%s/</link>
<comments>https://www.cncf.io/blog/2026/11/%s/#respond</comments>
<dc:creator><![CDATA[CNCF]]></dc:creator>
<pubDate>%s</pubDate>
<category><![CDATA[Blog]]></category>
<category><![CDATA[Member post]]></category>
<guid isPermaLink="false">https://www.cncf.io/?p=%d</guid>
<description><![CDATA[<p>Member post by a member %s [&#8230;]</p>
]]></description>
<content:encoded><![CDATA[<figure class="wp-block-image"><img decoding="async" src="https://www.cncf.io/wp-content/uploads/2026/11/x.png" alt="Diagram" /></figure>
<p>The full post %s, with <a href="https://github.com/cncf/toc/issues/%d">an issue</a>.</p>
]]></content:encoded>
<wfw:commentRss>https://www.cncf.io/blog/2026/11/%s/feed/</wfw:commentRss>
<slash:comments>0</slash:comments>
<media:content url="https://www.cncf.io/wp-content/uploads/2026/11/x.png" medium="image" />
</item>
"""
    posts = [
        ("Why it&#8217;s time for &#8220;platform&#8221; teams", "platform",
         "Thu, 26 Nov 2026 16:00:00 +0000", 101),
        ("Q&amp;amp;A with the TOC", "qa", "Wed, 25 Nov 2026 08:30:00 +0000", 102),
    ]
    items = [item % (t, s, s, d, n, s, s, n, s) for t, s, d, n in posts]
    head = ('<atom:link href="https://www.cncf.io/feed/" rel="self" type="application/rss+xml" />\n'
            "<image>\n<url>https://www.cncf.io/icon.png</url>\n<title>CNCF</title>\n"
            "<link>https://www.cncf.io/</link>\n</image>\n")
    return rss([head] + items, ns, "CNCF", "https://www.cncf.io/")


def medium():
    ns = (' xmlns:dc="http://purl.org/dc/elements/1.1/"'
          ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'
          ' xmlns:atom="http://www.w3.org/2005/Atom"'
          ' xmlns:cc="http://cyber.law.harvard.edu/rss/creativeCommonsRssModule"')
    items = ["""<item>
<title><![CDATA[Scaling inference on Kubernetes]]></title>
<link>https://medium.com/@wg/scaling-inference-abc123def456?source=rss-1234------2</link>
<guid isPermaLink="false">https://medium.com/p/abc123def456</guid>
<category><![CDATA[kubernetes]]></category>
<dc:creator><![CDATA[A Writer]]></dc:creator>
<pubDate>Wed, 25 Nov 2026 16:01:02 GMT</pubDate>
<atom:updated>2026-11-25T16:01:02.123Z</atom:updated>
<content:encoded><![CDATA[<h3>Scaling inference</h3><p>GPUs are <strong>scarce</strong>.</p><img alt="" src="https://medium.com/_/stat?event=post.clientViewed&referrerSource=full_rss&postId=abc123def456" width="1" height="1">]]></content:encoded>
</item>
"""]
    return rss(items, ns, "Stories by WG on Medium", "https://medium.com/@wg?source=rss-1234------2")


def substack():
    ns = (' xmlns:dc="http://purl.org/dc/elements/1.1/"'
          ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'
          ' xmlns:atom="http://www.w3.org/2005/Atom"'
          ' xmlns:googleplay="http://www.google.com/schemas/play-podcasts/1.0"')
    items = ["""<item>
<title><![CDATA[Issue #12: agents & schedulers]]></title>
<description><![CDATA[What changed in the scheduler this month]]></description>
<link>https://wgnews.substack.com/p/issue-12</link>
<guid isPermaLink="false">https://wgnews.substack.com/p/issue-12</guid>
<dc:creator><![CDATA[Editor]]></dc:creator>
<pubDate>Tue, 24 Nov 2026 12:00:40 GMT</pubDate>
<enclosure url="https://substackcdn.com/image/fetch/x.png" length="0" type="image/jpeg"/>
<content:encoded><![CDATA[<div class="captioned-image-container"><figure><img src="https://substackcdn.com/image/fetch/x.png"></figure></div><p>This month the scheduler grew queues.</p><div class="subscription-widget-wrap"><form><input type="email" name="email"></form></div>]]></content:encoded>
</item>
"""]
    return rss(items, ns, "WG News", "https://wgnews.substack.com")


def atom():
    return """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
<title type="text">Atom &amp; co</title>
<link href="https://atom.example.org/feed.xml" rel="self" type="application/atom+xml"/>
<link href="https://atom.example.org/" rel="alternate" type="text/html"/>
<id>https://atom.example.org/feed.xml</id>
<updated>2026-11-30T08:00:00.123456Z</updated>
<entry>
<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Inline <em>XHTML</em> title</div></title>
<link rel="edit" href="https://atom.example.org/edit/1"/>
<link rel="self" href="https://atom.example.org/api/1.xml"/>
<link rel="enclosure" type="audio/mpeg" href="https://atom.example.org/1.mp3"/>
<link rel="alternate" type="text/html" href="https://atom.example.org/posts/xhtml/"/>
<id>tag:atom.example.org,2026:xhtml</id>
<published>2026-11-30T08:00:00.123456Z</published>
<updated>2026-11-30T09:00:00Z</updated>
<content type="xhtml" xml:base="https://atom.example.org/posts/xhtml/"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hello <strong>world</strong> &amp; friends.</p><ul><li>one</li><li>two</li></ul><p>See <a href="notes.html">the notes</a>.</p></div></content>
</entry>
<entry>
<title>Plain &lt;text&gt; entry</title>
<link href="https://atom.example.org/posts/text/"/>
<id>tag:atom.example.org,2026:text</id>
<updated>2026-11-29T10:00:00.5+01:00</updated>
<content type="text">Tags like &lt;b&gt;this&lt;/b&gt; are text.

A second paragraph.</content>
</entry>
<entry>
<title type="html">Escaped &lt;em&gt;HTML&lt;/em&gt; &amp;amp; more</title>
<link rel="alternate" href="https://atom.example.org/posts/html/"/>
<link rel="replies" href="https://atom.example.org/posts/html/comments.xml"/>
<id>tag:atom.example.org,2026:html</id>
<updated>2026-11-28T07:00:00Z</updated>
<summary type="html">&lt;p&gt;Short &lt;b&gt;summary&lt;/b&gt;.&lt;/p&gt;</summary>
<content type="html" xml:base="https://atom.example.org/posts/html/">&lt;p&gt;Body with &lt;a href="img/a.png"&gt;a link&lt;/a&gt;.&lt;/p&gt;</content>
</entry>
</feed>
"""


def odd():
    items = [
        "<item><title>Only a title</title><pubDate>Tue, 1 Dec 2026 9:05:00 GMT</pubDate></item>\n",
        "<item><description>Only a description, in plain text: a &lt; b and b &gt; c.\n\n"
        "A second paragraph.</description>"
        "<pubDate>Mon, 30 Nov 2026 10:00:00 PDT</pubDate></item>\n",
        '<item><title>Permalink guid</title><guid isPermaLink="true">'
        "https://odd.example.org/posts/permalink/</guid>"
        "<pubDate>Sun, 29 Nov 2026 10:00:00 EST</pubDate>"
        "<description>&lt;p&gt;HTML &amp;amp; escaped.&lt;/p&gt;</description></item>\n",
        "<item><title>Guid without isPermaLink</title>"
        "<guid>https://odd.example.org/posts/default/</guid>"
        "<pubDate>Sat, 28 Nov 2026 10:00:00 +0000</pubDate></item>\n",
        '<item><title>Guid that is no link</title><guid isPermaLink="false">odd-42</guid>'
        "<pubDate>Fri, 27 Nov 2026 10:00:00 -0000</pubDate></item>\n",
    ]
    return rss(items, "", "Odd", "https://odd.example.org/")


def text_json():
    return ('{"version": "https://jsonfeed.org/version/1.1", "title": "Microblog",'
            ' "home_page_url": "https://micro.example.org/", "items": ['
            '{"id": "https://micro.example.org/2026/11/30/note.html",'
            ' "url": "https://micro.example.org/2026/11/30/note.html",'
            ' "content_text": "A note with <b>angle</b> brackets & an ampersand.\\n\\nSecond paragraph.",'
            ' "date_published": "2026-11-30T10:15:30.250+01:00"}]}\n')


SMALL = ("<item><title>Caf\u00e9 r\u00e9sum\u00e9 \u201cquoted\u201d \u2013 \u20ac5</title>"
         "<link>https://enc.example.org/p/1</link>"
         "<pubDate>Mon, 30 Nov 2026 10:00:00 +0000</pubDate>"
         "<description>na\u00efve</description></item>\n")


def main():
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)

    def put(name, data):
        with open(os.path.join(outdir, name), "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode("utf-8"))

    put("k8s.xml", k8s())
    put("wordpress.xml", wordpress())
    put("medium.xml", medium())
    put("substack.xml", substack())
    put("atom.xml", atom())
    put("odd.xml", odd())
    put("text.json", text_json())
    latin1 = SMALL.replace("\u201c", '"').replace("\u201d", '"').replace("\u2013", "-")
    latin1 = latin1.replace("\u20ac", "EUR ")
    put("latin1.xml", rss([latin1], title="Caf\u00e9", enc="ISO-8859-1").encode("iso-8859-1"))
    put("cp1252.xml", rss([SMALL], title="Caf\u00e9", enc="windows-1252").encode("cp1252"))
    put("bom.xml", b"\xef\xbb\xbf" + rss([SMALL], title="Caf\u00e9").encode("utf-8"))
    put("page.html", '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<title>Page not found</title>\n<link rel=\"stylesheet\" href=\"/s.css\">\n</head>\n"
        "<body>\n<h1>Sorry</h1>\n<p>That page is gone.<br>\n</body>\n</html>\n")


if __name__ == "__main__":
    main()
