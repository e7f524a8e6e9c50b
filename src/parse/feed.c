/* feed.c: RSS, Atom and JSON Feed into entries (see feed.h).  Dates are in
 * feeddate.c, HTML in feedhtml.c. */
#define _GNU_SOURCE
#include "catchup/feed.h"

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catchup/feedhtml.h"
#include "catchup/text.h"

#define NS_ATOM "http://www.w3.org/2005/Atom"
#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define NS_DC "http://purl.org/dc/elements/1.1/"
#define NS_RSS1 "http://purl.org/rss/1.0/"

/* A feed is a window of recent entries; more than this is not a feed. */
enum { MAX_ENTRIES = 10000 };
/* A title made from an entry's text is cut to this many columns. */
enum { TITLE_COLS = 80 };

const char *feed_kind_name(enum feed_kind k)
{
    switch (k) {
    case FEED_RSS: return "RSS";
    case FEED_ATOM: return "Atom";
    case FEED_JSON: return "JSON Feed";
    }
    return "feed";
}

static void entry_free(struct feed_entry *en)
{
    free(en->id);
    free(en->guid);
    free(en->title);
    free(en->date);
    free(en->link);
    free(en->body);
    free(en->summary);
    free(en->base);
}

void feed_free(struct feed *f)
{
    for (size_t i = 0; i < f->n; i++)
        entry_free(&f->entries[i]);
    free(f->entries);
    free(f->title);
    free(f->link);
    memset(f, 0, sizeof(*f));
}

/* ---- ids ---------------------------------------------------------------- */

static bool slug_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
}

/* Appends s[0..n) to the slug, other characters as single '-'. */
static void slug_add(struct buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n && b->len < 40; i++) {
        if (slug_char(s[i]))
            buf_add(b, &s[i], 1);
        else if (b->len && b->data[b->len - 1] != '-')
            buf_add(b, "-", 1);
    }
}

/* The last meaningful part of a URL or tag URI: a URL's last path segment
 * without its extension ("/news/july/" -> "july", "/2024/05/x.html" ->
 * "x"), a tag URI's last part; nothing for "https://site/?p=123". */
static void slug_path(struct buf *b, const char *guid)
{
    const char *s = guid;
    const char *colon = strstr(s, "://");
    if (colon) {
        s = colon + 3;
        s += strcspn(s, "/?#");
    }
    size_t plen = strcspn(s, "?#");
    while (plen && (s[plen - 1] == '/' || s[plen - 1] == ':'))
        plen--;
    size_t start = plen;
    while (start && s[start - 1] != '/' && s[start - 1] != ':' && s[start - 1] != ',')
        start--;
    size_t seg = plen - start;
    const char *dot = memrchr(s + start, '.', seg);
    if (dot && dot > s + start && (size_t)(s + plen - dot) <= 6)
        seg = (size_t)(dot - (s + start));
    slug_add(b, s + start, seg);
}

/* The query of a URL ("?p=123" -> "p-123"). */
static void slug_query(struct buf *b, const char *url)
{
    const char *q = strchr(url, '?');
    if (q)
        slug_add(b, q + 1, strcspn(q + 1, "#"));
}

/* The slug is the feed's guid's last part, else the link's (WordPress's
 * guid is "https://site/?p=123"), else the title's words, else the guid's
 * query; the hash is the guid's. */
static char *make_id(const char *feed_guid, const char *guid, const char *link, const char *title)
{
    uint32_t h = 2166136261u;
    for (const char *p = guid; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    struct buf b;
    buf_init(&b, 0);
    buf_add(&b, "", 0);
    if (feed_guid)
        slug_path(&b, feed_guid);
    if (!b.len && link)
        slug_path(&b, link);
    if (!b.len && title)
        slug_add(&b, title, strlen(title));
    if (!b.len && feed_guid)
        slug_query(&b, feed_guid);
    while (b.len && b.data[b.len - 1] == '-')
        b.data[--b.len] = '\0';
    if (!b.len)
        buf_adds(&b, "entry");
    buf_addf(&b, "-%08x", h);
    return buf_take(&b);
}

/* ---- strings ------------------------------------------------------------ */

/* One line: sanitized, blanks collapsed, trimmed; NULL for nothing. */
static char *one_line(const char *s)
{
    if (!s)
        return NULL;
    return text_one_line(text_sanitize(s, strlen(s), TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS));
}

static char *line_take(char *s)
{
    char *r = one_line(s);
    free(s);
    return r;
}

static char *escape_html(const char *s)
{
    struct buf b;
    buf_init(&b, 0);
    buf_add(&b, "", 0);
    for (; *s; s++) {
        switch (*s) {
        case '<': buf_adds(&b, "&lt;"); break;
        case '>': buf_adds(&b, "&gt;"); break;
        case '&': buf_adds(&b, "&amp;"); break;
        default: buf_add(&b, s, 1); break;
        }
    }
    return buf_take(&b);
}

/* Plain text as HTML: paragraphs at blank lines. */
static char *text_as_html(const char *text)
{
    char *esc = escape_html(text);
    struct buf b;
    buf_init(&b, 0);
    buf_adds(&b, "<p>");
    for (const char *p = esc; *p; p++) {
        if (p[0] == '\n' && p[1] == '\n') {
            buf_adds(&b, "</p>\n<p>");
            while (p[1] == '\n')
                p++;
        } else {
            buf_add(&b, p, 1);
        }
    }
    buf_adds(&b, "</p>");
    free(esc);
    return buf_take(&b);
}

static char *body_clean(const char *html)
{
    return html ? text_sanitize(html, strlen(html), TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS) : NULL;
}

/* Fills the entry's id, date and last resorts once its fields are read. */
static void entry_finish(struct feed_entry *en, const char *raw_date)
{
    if (raw_date) {
        char d[32];
        int rc = feed_date(raw_date, d);
        if (rc == 0)
            en->date = xstrdup(d);
        en->old_date = rc == 1;
    }
    if (!en->body)
        en->body = xstrdup("");
    if (!en->title) {
        /* A title-less entry (RSS allows one, a microblog's JSON Feed item)
         * is named by the start of its text, as a feed reader names it. */
        char *text = en->summary ? xstrdup(en->summary) : feedhtml_text(en->body, strlen(en->body));
        en->title = line_take(text_truncate(text, TITLE_COLS));
        free(text);
    }
    char *feed_guid = en->guid;
    if (!en->guid && en->link)
        en->guid = xstrdup(en->link);
    if (!en->guid)
        en->guid = xasprintf("%s|%s", en->title ? en->title : "", raw_date ? raw_date : "");
    en->id = make_id(feed_guid, en->guid, en->link, en->title);
}

static bool has_id(const struct feed *f, const char *id)
{
    for (size_t i = 0; i < f->n; i++)
        if (!strcmp(f->entries[i].id, id))
            return true;
    return false;
}

/* Keeps en (moved into f) unless an earlier entry has its id. */
static void feed_add(struct feed *f, struct feed_entry *en, size_t *cap)
{
    if (has_id(f, en->id) || f->n >= MAX_ENTRIES) {
        entry_free(en);
        return;
    }
    f->entries = xgrow(f->entries, f->n, cap, sizeof(*f->entries), 16);
    f->entries[f->n++] = *en;
}

/* ---- XML helpers -------------------------------------------------------- */

static bool is_el(const xmlNode *n, const char *name, const char *ns)
{
    if (!n || n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, name) != 0)
        return false;
    if (!ns)
        return true;
    if (!strcmp(ns, "")) /* RSS's own elements: no namespace (2.0) or RSS 1.0's */
        return !n->ns || (n->ns->href && !strcmp((const char *)n->ns->href, NS_RSS1));
    return n->ns && n->ns->href && !strcmp((const char *)n->ns->href, ns);
}

static xmlNode *child(const xmlNode *parent, const char *name, const char *ns)
{
    for (xmlNode *c = parent ? parent->children : NULL; c; c = c->next)
        if (is_el(c, name, ns))
            return c;
    return NULL;
}

/* The text of an element (CDATA included), sanitized; NULL when absent. */
static char *text_of(const xmlNode *n)
{
    if (!n)
        return NULL;
    xmlChar *c = xmlNodeGetContent(n);
    if (!c)
        return NULL;
    char *s = text_sanitize((const char *)c, strlen((const char *)c),
                            TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS);
    xmlFree(c);
    return s;
}

static char *child_text(const xmlNode *parent, const char *name, const char *ns)
{
    return text_of(child(parent, name, ns));
}

static bool has_xml_base(const xmlNode *n)
{
    for (; n && n->type == XML_ELEMENT_NODE; n = n->parent)
        if (xmlHasNsProp(n, (const xmlChar *)"base", XML_XML_NAMESPACE))
            return true;
    return false;
}

/* ref resolved against base (either may be NULL); a new string or NULL. */
static char *resolve(const char *ref, const char *base)
{
    if (!ref || !*ref)
        return NULL;
    xmlChar *u = base ? xmlBuildURI((const xmlChar *)ref, (const xmlChar *)base) : NULL;
    char *out = one_line(u ? (const char *)u : ref);
    if (u)
        xmlFree(u);
    return out;
}

/* The base for relative links under n: its xml:base when one is in
 * effect, else the feed's link, else the URL it came from. */
static char *base_for(const xmlNode *n, const struct feed *f, const char *url)
{
    if (n && has_xml_base(n)) {
        xmlChar *b = xmlNodeGetBase(n->doc, n);
        if (b) {
            char *s = one_line((const char *)b);
            xmlFree(b);
            if (s)
                return s;
        }
    }
    return xstrdup(f->link ? f->link : url);
}

/* An absolute URL from an element's href attribute (Atom) or text (RSS),
 * resolved against the xml:base in effect, else against fallback. */
static char *link_of(const xmlNode *n, const char *fallback, bool attr)
{
    if (!n)
        return NULL;
    xmlChar *raw = attr ? xmlGetProp(n, (const xmlChar *)"href") : xmlNodeGetContent(n);
    if (!raw)
        return NULL;
    char *trimmed = one_line((const char *)raw);
    xmlFree(raw);
    xmlChar *b = has_xml_base(n) ? xmlNodeGetBase(n->doc, n) : NULL;
    char *out = resolve(trimmed, b ? (const char *)b : fallback);
    if (b)
        xmlFree(b);
    free(trimmed);
    return out;
}

/* ---- RSS ---------------------------------------------------------------- */

/* A guid is the item's permalink unless isPermaLink says "false". */
static bool guid_is_link(const xmlNode *guid)
{
    xmlChar *p = xmlGetProp(guid, (const xmlChar *)"isPermaLink");
    bool link = !p || strcasecmp((const char *)p, "false") != 0;
    if (p)
        xmlFree(p);
    return link;
}

/* Whether s holds HTML: a tag ("<p", "</", "<!--", "<br/>") or a
 * character reference ("&amp;", "&#8217;"). */
static bool has_markup(const char *s)
{
    for (const char *p = s; *p; p++) {
        if (*p == '<' && ((p[1] >= 'a' && p[1] <= 'z') || (p[1] >= 'A' && p[1] <= 'Z') ||
                          p[1] == '/' || p[1] == '!'))
            return true;
        if (*p == '&') {
            size_t n =
                strspn(p + 1, "#abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
            if (n && p[1 + n] == ';')
                return true;
        }
    }
    return false;
}

static void rss_item(struct feed *f, const xmlNode *it, const char *url, size_t *cap)
{
    struct feed_entry en = {0};
    /* RSS's title is plain text: what XML decodes is what it says (a
     * double-escaped "&amp;amp;" says "&amp;"). */
    en.title = line_take(child_text(it, "title", ""));
    en.link = link_of(child(it, "link", ""), f->link ? f->link : url, false);
    const xmlNode *guid = child(it, "guid", "");
    en.guid = line_take(text_of(guid));
    if (!en.link && en.guid && guid_is_link(guid) && str_is_http_url(en.guid))
        en.link = xstrdup(en.guid);
    char *date = child_text(it, "pubDate", "");
    if (!date)
        date = child_text(it, "date", NS_DC);
    const xmlNode *full = child(it, "encoded", NS_CONTENT);
    const xmlNode *desc = child(it, "description", "");
    const xmlNode *bnode = full ? full : desc;
    char *raw = text_of(bnode);
    /* content:encoded is HTML; a description is escaped HTML or plain text */
    en.body = raw && !full && !has_markup(raw) ? text_as_html(raw) : body_clean(raw);
    free(raw);
    if (full && desc) {
        char *d = text_of(desc);
        en.summary = feedhtml_text(d, strlen(d));
        free(d);
    }
    en.base = base_for(bnode ? bnode : it, f, url);
    entry_finish(&en, date);
    free(date);
    feed_add(f, &en, cap);
}

static void read_rss(struct feed *f, const xmlNode *root, const char *url)
{
    f->kind = FEED_RSS;
    const xmlNode *ch = child(root, "channel", "");
    f->title = line_take(child_text(ch, "title", ""));
    f->link = link_of(child(ch, "link", ""), url, false);
    size_t cap = 0;
    /* RSS 2.0 has its items in the channel, RSS 1.0 (RDF) beside it. */
    for (const xmlNode *c = ch ? ch->children : NULL; c; c = c->next)
        if (is_el(c, "item", ""))
            rss_item(f, c, url, &cap);
    for (const xmlNode *c = root->children; c; c = c->next)
        if (is_el(c, "item", ""))
            rss_item(f, c, url, &cap);
}

/* ---- Atom --------------------------------------------------------------- */

/* An Atom text construct as HTML (content, summary) or as plain text. */
static char *atom_text(const xmlNode *n, bool as_html)
{
    if (!n)
        return NULL;
    xmlChar *type = xmlGetProp(n, (const xmlChar *)"type");
    const char *ty = type ? (const char *)type : "text";
    char *out = NULL;
    if (!strcmp(ty, "xhtml")) {
        /* the markup itself, inside its wrapping div */
        xmlBuffer *xb = xmlBufferCreate();
        const xmlNode *div = child(n, "div", NULL);
        for (const xmlNode *c = div ? div->children : n->children; c; c = c->next)
            xmlNodeDump(xb, n->doc, (xmlNode *)c, 0, 0);
        const char *html = (const char *)xmlBufferContent(xb);
        out = as_html ? body_clean(html) : feedhtml_text(html, strlen(html));
        xmlBufferFree(xb);
    } else if (!strcmp(ty, "html") || !strcmp(ty, "text/html")) {
        char *raw = text_of(n);
        out = as_html ? raw : feedhtml_text(raw, strlen(raw));
        if (!as_html)
            free(raw);
    } else if (xmlHasProp(n, (const xmlChar *)"src")) {
        out = NULL; /* out-of-line content: the summary stands in */
    } else {
        char *raw = text_of(n);
        out = as_html ? text_as_html(raw) : raw;
        if (as_html)
            free(raw);
    }
    if (type)
        xmlFree(type);
    return out;
}

/* The alternate link among n's atom:link children (rel absent or
 * "alternate"), resolved. */
static char *atom_link(const xmlNode *n, const char *fallback)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (!is_el(c, "link", NS_ATOM))
            continue;
        xmlChar *rel = xmlGetProp(c, (const xmlChar *)"rel");
        bool alt = !rel || !strcmp((const char *)rel, "alternate");
        if (rel)
            xmlFree(rel);
        if (alt)
            return link_of(c, fallback, true);
    }
    return NULL;
}

static void atom_entry(struct feed *f, const xmlNode *it, const char *url, size_t *cap)
{
    struct feed_entry en = {0};
    char *t = atom_text(child(it, "title", NS_ATOM), false);
    en.title = one_line(t);
    free(t);
    en.link = atom_link(it, f->link ? f->link : url);
    en.guid = line_take(child_text(it, "id", NS_ATOM));
    char *date = child_text(it, "published", NS_ATOM);
    if (!date)
        date = child_text(it, "updated", NS_ATOM);
    const xmlNode *content = child(it, "content", NS_ATOM);
    const xmlNode *summary = child(it, "summary", NS_ATOM);
    en.body = atom_text(content, true);
    const xmlNode *bnode = content;
    if (!en.body) {
        en.body = atom_text(summary, true);
        bnode = summary;
    } else if (summary) {
        en.summary = atom_text(summary, false);
    }
    en.base = base_for(bnode ? bnode : it, f, url);
    entry_finish(&en, date);
    free(date);
    feed_add(f, &en, cap);
}

static void read_atom(struct feed *f, const xmlNode *root, const char *url)
{
    f->kind = FEED_ATOM;
    char *t = atom_text(child(root, "title", NS_ATOM), false);
    f->title = one_line(t);
    free(t);
    f->link = atom_link(root, url);
    size_t cap = 0;
    for (const xmlNode *c = root->children; c; c = c->next)
        if (is_el(c, "entry", NS_ATOM))
            atom_entry(f, c, url, &cap);
}

/* ---- XML ---------------------------------------------------------------- */

struct guard {
    bool entities;
};

/* Any entity declaration stops the parse before it could be used: that is
 * how external entities (XXE) and entity bombs get in, and no real feed
 * needs one. */
static void on_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
                           const xmlChar *system_id, xmlChar *content)
{
    (void)name, (void)type, (void)public_id, (void)system_id, (void)content;
    xmlParserCtxt *c = ctx;
    ((struct guard *)c->_private)->entities = true;
    xmlStopParser(c);
}

static void on_unparsed_entity(void *ctx, const xmlChar *name, const xmlChar *public_id,
                               const xmlChar *system_id, const xmlChar *notation)
{
    (void)name, (void)public_id, (void)system_id, (void)notation;
    xmlParserCtxt *c = ctx;
    ((struct guard *)c->_private)->entities = true;
    xmlStopParser(c);
}

static void no_errors(void *ctx, const char *msg, ...)
{
    (void)ctx, (void)msg;
}

static int parse_xml(const char *body, size_t len, const char *url, struct feed *f,
                     struct cu_err *e)
{
    if (len > (size_t)INT32_MAX)
        return cu_errf(e, "is too large to read");
    xmlParserCtxt *ctxt = xmlNewParserCtxt();
    if (!ctxt)
        return cu_errf(e, "cannot be read: out of memory");
    struct guard g = {0};
    ctxt->_private = &g;
    ctxt->sax->entityDecl = on_entity_decl;
    ctxt->sax->unparsedEntityDecl = on_unparsed_entity;
    xmlSetGenericErrorFunc(NULL, no_errors);
    /* No XML_PARSE_NOENT (no substitution), no DTDLOAD, no network. */
    int opts = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
               XML_PARSE_RECOVER;
    xmlDoc *doc = xmlCtxtReadMemory(ctxt, body, (int)len, url, NULL, opts);
    int rc = 0;
    const xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (g.entities) {
        rc = cu_errf(e, "declares XML entities in its DOCTYPE (external entities or an entity "
                        "bomb); refused: no feed needs them");
    } else if (!root) {
        const xmlError *xe = xmlCtxtGetLastError(ctxt);
        char *why = xe && xe->message ? one_line(xe->message) : NULL;
        rc = why ? cu_errf(e, "is not well-formed XML: line %d: %.200s", xe->line, why)
                 : cu_errf(e, "is not XML");
        free(why);
    } else if (is_el(root, "rss", NULL) || is_el(root, "RDF", NULL)) {
        read_rss(f, root, url);
    } else if (is_el(root, "feed", NS_ATOM)) {
        read_atom(f, root, url);
    } else {
        char *name = text_sanitize((const char *)root->name, strlen((const char *)root->name), 0);
        rc = cu_errf(e, "is not RSS, Atom or JSON Feed (its root element is <%.60s>)", name);
        free(name);
    }
    if (rc == 0 && !ctxt->wellFormed && f->n == 0) {
        /* Recovery keeps what a slightly broken feed holds (an undefined
         * &nbsp;); a document that yields nothing is an error. */
        const xmlError *xe = xmlCtxtGetLastError(ctxt);
        char *why = xe && xe->message ? one_line(xe->message) : NULL;
        rc = cu_errf(e, "is not well-formed XML: line %d: %.200s", xe ? xe->line : 0,
                     why ? why : "cannot be read");
        free(why);
    }
    if (doc)
        xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    return rc;
}

/* ---- JSON Feed ---------------------------------------------------------- */

static const char *jstr(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s && *s ? s : NULL;
}

static void json_item(struct feed *f, const json_t *it, const char *url, size_t *cap)
{
    struct feed_entry en = {0};
    en.title = one_line(jstr(it, "title"));
    en.link = resolve(jstr(it, "url"), f->link ? f->link : url);
    const json_t *id = json_object_get(it, "id");
    if (json_is_string(id))
        en.guid = one_line(json_string_value(id));
    else if (json_is_integer(id))
        en.guid = xasprintf("%lld", (long long)json_integer_value(id));
    const char *html = jstr(it, "content_html"), *text = jstr(it, "content_text");
    const char *summary = jstr(it, "summary");
    if (html)
        en.body = body_clean(html);
    else if (text || summary)
        en.body = text_as_html(text ? text : summary);
    if ((html || text) && summary)
        en.summary = one_line(summary);
    en.base = xstrdup(f->link ? f->link : url);
    const char *date = jstr(it, "date_published");
    entry_finish(&en, date ? date : jstr(it, "date_modified"));
    feed_add(f, &en, cap);
}

static int parse_json(const char *body, size_t len, const char *url, struct feed *f,
                      struct cu_err *e)
{
    json_error_t je;
    json_t *root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
    if (!root)
        return cu_errf(e, "is not valid JSON: line %d: %s", je.line, je.text);
    const char *version = jstr(root, "version");
    const json_t *items = json_object_get(root, "items");
    if (!json_is_object(root) || !version ||
        !str_starts(version, "https://jsonfeed.org/version/") || !json_is_array(items)) {
        json_decref(root);
        return cu_errf(e, "is JSON but not a JSON Feed (no jsonfeed.org version and items)");
    }
    f->kind = FEED_JSON;
    f->title = one_line(jstr(root, "title"));
    f->link = resolve(jstr(root, "home_page_url"), url);
    size_t cap = 0, i;
    json_t *it;
    json_array_foreach(items, i, it)
    {
        if (json_is_object(it))
            json_item(f, it, url, &cap);
    }
    json_decref(root);
    return 0;
}

/* Whether an XML body is a web page: its first tag, after an XML
 * declaration, comments and blanks, is <!DOCTYPE html> or <html>. */
static bool is_web_page(const char *s, size_t len)
{
    const char *p = s, *end = s + len;
    for (;;) {
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
            p++;
        const char *close = NULL;
        bool comment = end - p >= 4 && !memcmp(p, "<!--", 4);
        if (comment)
            close = memmem(p, (size_t)(end - p), "-->", 3);
        else if (end - p >= 2 && !memcmp(p, "<?", 2))
            close = memmem(p, (size_t)(end - p), "?>", 2);
        else
            break;
        if (!close)
            return false;
        p = close + (comment ? 3 : 2);
    }
    return (end - p >= 14 && !strncasecmp(p, "<!doctype html", 14)) ||
           (end - p >= 5 && !strncasecmp(p, "<html", 5) &&
            (p[5] == '>' || p[5] == ' ' || p[5] == '\t' || p[5] == '\r' || p[5] == '\n'));
}

int feed_parse(const char *body, size_t len, const char *url, struct feed *out, struct cu_err *e)
{
    memset(out, 0, sizeof(*out));
    feedxml_init();
    size_t i = 0;
    if (len >= 3 && !memcmp(body, "\xEF\xBB\xBF", 3))
        i = 3;
    while (i < len && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n'))
        i++;
    if (i == len)
        return cu_errf(e, "is empty");
    if (is_web_page(body + i, len - i))
        return cu_errf(e, "is a web page (HTML), not a feed: check the URL");
    int rc = body[i] == '{' ? parse_json(body + i, len - i, url, out, e)
                            : parse_xml(body, len, url, out, e);
    if (rc < 0)
        feed_free(out);
    return rc;
}
