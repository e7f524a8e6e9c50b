/* feedhtml.c: HTML into the document model (see feedhtml.h).  For: a feed
 * entry's body (any HTML a site writes), laid out by the reader like a
 * post's Markdown.  Not html.c, which turns a calendar description into a
 * few plain lines for the event's page.  The tree libxml2's HTML parser
 * builds is walked once; block elements become the model's blocks, inline
 * ones its styles, and what is left is text. */
#define _GNU_SOURCE
#define CATCHUP_DOC_INTERNALS
#include "catchup/feedhtml.h"

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catchup/text.h"

/* As in markdown.c: deeper quotes and lists go into the deepest one kept. */
enum { MAX_NESTING = 24, MAX_DEPTH = 200, MAX_LINK_TEXT = 1024 };

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

void feedxml_init(void)
{
    pthread_once(&xml_once, xmlInitParser);
}

static bool name_in(const char *name, const char *const *set)
{
    for (; *set; set++)
        if (!strcmp(name, *set))
            return true;
    return false;
}

static const char *const dropped[] = {
    "script",   "style",  "noscript", "template", "head",  "title",    "meta",   "link",  "iframe",
    "object",   "embed",  "applet",   "svg",      "math",  "form",     "button", "input", "select",
    "textarea", "canvas", "audio",    "video",    "frame", "frameset", NULL,
};
static const char *const blocks[] = {
    "p",   "div",    "section",    "article", "header",  "footer",  "main",   "aside",
    "nav", "figure", "figcaption", "details", "summary", "address", "center", "dl",
    "dt",  "dd",     "fieldset",   "legend",  "caption", "body",    "html",   "li",
    "tr",  "td",     "th",         "thead",   "tbody",   "tfoot",   NULL,
};

static xmlDoc *read_html(const char *html, size_t len)
{
    feedxml_init();
    if (!len || len > (size_t)INT32_MAX)
        return NULL;
    return htmlReadMemory(html, (int)len, NULL, "UTF-8",
                          HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
}

static const char *attr(const xmlNode *n, const char *name, xmlChar **hold)
{
    *hold = xmlGetProp(n, (const xmlChar *)name);
    return *hold ? (const char *)*hold : NULL;
}

/* ---- plain text --------------------------------------------------------- */

static void collect_text(const xmlNode *n, struct buf *b, int depth)
{
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            buf_adds(b, (const char *)n->content);
        } else if (n->type == XML_ELEMENT_NODE && !name_in((const char *)n->name, dropped)) {
            bool blk =
                name_in((const char *)n->name, blocks) || !strcmp((const char *)n->name, "br");
            if (blk)
                buf_add(b, " ", 1);
            if (depth < MAX_DEPTH)
                collect_text(n->children, b, depth + 1);
            if (blk)
                buf_add(b, " ", 1);
        }
    }
}

/* Sanitized, blanks collapsed to one space, trimmed; takes raw. */
static char *squeeze(char *raw, size_t cap)
{
    char *t = text_sanitize(raw, strlen(raw), TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS);
    free(raw);
    char *w = t;
    for (const char *r = t; *r; r++) {
        /* a no-break space (U+00A0) is a blank here too */
        bool nbsp = (unsigned char)r[0] == 0xC2 && (unsigned char)r[1] == 0xA0;
        bool blank = *r == ' ' || *r == '\t' || *r == '\n' || nbsp;
        if (nbsp)
            r++;
        if (blank && (w == t || w[-1] == ' '))
            continue;
        *w++ = blank ? ' ' : *r;
    }
    *w = '\0';
    str_trim(t);
    if (cap && strlen(t) > cap) {
        char *cut = text_truncate(t, (int)cap);
        free(t);
        t = cut;
    }
    return t;
}

char *feedhtml_text(const char *html, size_t len)
{
    xmlDoc *doc = html ? read_html(html, len) : NULL;
    if (!doc)
        return xstrdup("");
    struct buf b;
    buf_init(&b, 0);
    buf_add(&b, "", 0);
    collect_text(xmlDocGetRootElement(doc), &b, 0);
    xmlFreeDoc(doc);
    return squeeze(buf_take(&b), 0);
}

/* ---- the document ------------------------------------------------------- */

struct hp {
    struct doc *d;
    const char *base;
    unsigned style;
    int link;
    int nesting;
};

/* Where content goes: blocks into blk; inline content into leaf, made on
 * first need, unless fixed (a heading, a cell, code: everything stays in). */
struct box {
    struct dblock *blk, *leaf;
    bool fixed;
};

static void walk(struct hp *p, const xmlNode *n, struct box *bx, int depth);
static void walk_node(struct hp *p, const xmlNode *n, struct box *bx, int depth);

static struct dblock *leaf_of(struct box *bx)
{
    if (!bx->leaf)
        bx->leaf = doc_block_add(bx->blk, DB_PARA);
    return bx->leaf;
}

static void add_text(struct hp *p, struct box *bx, const char *s, bool keep_blank)
{
    if (!s || !*s)
        return;
    if (!bx->leaf && !keep_blank && !s[strspn(s, " \t\r\n")])
        return; /* white space between blocks */
    char *t = text_sanitize(s, strlen(s), TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS);
    doc_block_add_span(leaf_of(bx), DSPAN_TEXT, t, p->style | (p->link ? DOC_LINK : 0), p->link);
}

static void add_break(struct box *bx)
{
    if (bx->leaf)
        doc_block_add_span(bx->leaf, DSPAN_BREAK, NULL, 0, 0);
}

static void add_marker(struct box *bx, int n)
{
    doc_block_add_span(leaf_of(bx), DSPAN_MARKER, xasprintf("[%d]", n), 0, n);
}

static bool linkable(const char *url)
{
    static const char *const bad[] = {"javascript:", "data:", "vbscript:", "file:"};
    while (*url == ' ' || *url == '\t' || *url == '\n')
        url++;
    for (size_t i = 0; i < CU_ARRAY_LEN(bad); i++)
        if (!strncasecmp(url, bad[i], strlen(bad[i])))
            return false;
    return *url != '\0';
}

static bool has_image(const xmlNode *n, int depth)
{
    for (; n && depth < MAX_DEPTH; n = n->next)
        if (n->type == XML_ELEMENT_NODE &&
            (!strcmp((const char *)n->name, "img") || has_image(n->children, depth + 1)))
            return true;
    return false;
}

static void on_link(struct hp *p, const xmlNode *n, struct box *bx, int depth)
{
    xmlChar *h;
    const char *href = attr(n, "href", &h);
    xmlChar *c = xmlNodeGetContent(n);
    char *text = squeeze(xstrdup(c ? (const char *)c : ""), MAX_LINK_TEXT);
    if (c)
        xmlFree(c);
    int saved = p->link;
    int num = 0;
    if (href && linkable(href) && (*text || has_image(n->children, 0))) {
        bool created;
        num = doc_link_add(p->d, p->base, href, &created);
        if (created)
            p->d->links[num - 1].text = xstrdup(text);
        p->link = num;
    }
    free(text);
    if (h)
        xmlFree(h);
    walk(p, n->children, bx, depth + 1);
    p->link = saved;
    if (num)
        add_marker(bx, num);
}

static void on_image(struct hp *p, const xmlNode *n, struct box *bx)
{
    xmlChar *hs, *ha, *hw, *hh;
    const char *src = attr(n, "src", &hs), *alt = attr(n, "alt", &ha);
    const char *w = attr(n, "width", &hw), *h = attr(n, "height", &hh);
    bool tracker = (w && atoi(w) <= 1) || (h && atoi(h) <= 1);
    if (src && linkable(src) && !tracker) {
        char *a = alt ? squeeze(xstrdup(alt), MAX_LINK_TEXT) : xstrdup("");
        char *label = *a ? xasprintf("image: %s", a) : xstrdup("image");
        bool created;
        int num = doc_link_add(p->d, p->base, src, &created);
        if (created)
            p->d->links[num - 1].text = xstrdup(label);
        doc_block_add_span(leaf_of(bx), DSPAN_TEXT, label, p->style | DOC_DIM | DOC_LINK, num);
        add_marker(bx, num);
        free(a);
    }
    xmlFree(hs), xmlFree(ha), xmlFree(hw), xmlFree(hh);
}

static void on_list(struct hp *p, const xmlNode *n, struct box *bx, int depth, bool ordered)
{
    struct dblock *l = doc_block_add(bx->blk, ordered ? DB_OL : DB_UL);
    bx->leaf = NULL;
    l->tight = true;
    l->start = 1;
    xmlChar *hs;
    const char *start = ordered ? attr(n, "start", &hs) : (hs = NULL, NULL);
    if (start && atoi(start) >= 0 && atoi(start) < 1000000)
        l->start = (unsigned)atoi(start);
    if (hs)
        xmlFree(hs);
    p->nesting++;
    struct box item = {NULL, NULL, false};
    for (const xmlNode *c = n->children; c; c = c->next) {
        bool li = c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "li");
        if (!li && c->type != XML_ELEMENT_NODE && !item.blk)
            continue; /* white space before the first item */
        if (li || !item.blk)
            item = (struct box){doc_block_add(l, DB_LI), NULL, false};
        if (li)
            walk(p, c->children, &item, depth + 1);
        else
            walk_node(p, c, &item, depth + 1);
    }
    p->nesting--;
}

static void on_row(struct hp *p, const xmlNode *tr, struct dblock *parent, int depth)
{
    struct dblock *row = doc_block_add(parent, DB_TR);
    for (const xmlNode *c = tr->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        bool th = !strcmp((const char *)c->name, "th");
        if (!th && strcmp((const char *)c->name, "td"))
            continue;
        struct dblock *cell = doc_block_add(row, th ? DB_TH : DB_TD);
        struct box cb = {cell, cell, true};
        walk(p, c->children, &cb, depth + 1);
    }
}

static bool all_th(const xmlNode *tr)
{
    bool any = false;
    for (const xmlNode *c = tr->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (strcmp((const char *)c->name, "th"))
            return false;
        any = true;
    }
    return any;
}

static void on_table(struct hp *p, const xmlNode *n, struct box *bx, int depth)
{
    struct dblock *t = doc_block_add(bx->blk, DB_TABLE);
    bx->leaf = NULL;
    bool first = true;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        const char *nm = (const char *)c->name;
        if (!strcmp(nm, "tr")) {
            on_row(p, c, first && all_th(c) ? doc_block_add(t, DB_THEAD) : t, depth);
            first = false;
        } else if (!strcmp(nm, "thead") || !strcmp(nm, "tbody") || !strcmp(nm, "tfoot")) {
            struct dblock *sect = !strcmp(nm, "thead") ? doc_block_add(t, DB_THEAD) : t;
            for (const xmlNode *r = c->children; r; r = r->next)
                if (r->type == XML_ELEMENT_NODE && !strcmp((const char *)r->name, "tr")) {
                    on_row(p, r, sect, depth + 1);
                    first = false;
                }
        }
    }
}

/* A heading or code block: one leaf that everything inside goes into. */
static void on_leaf_block(struct hp *p, const xmlNode *n, struct box *bx, int depth,
                          enum dblock_type type, int level)
{
    struct dblock *b = doc_block_add(bx->blk, type);
    b->level = level;
    bx->leaf = NULL;
    struct box inner = {b, b, true};
    walk(p, n->children, &inner, depth + 1);
}

static void on_quote(struct hp *p, const xmlNode *n, struct box *bx, int depth)
{
    struct dblock *q = doc_block_add(bx->blk, DB_QUOTE);
    bx->leaf = NULL;
    struct box inner = {q, NULL, false};
    p->nesting++;
    walk(p, n->children, &inner, depth + 1);
    p->nesting--;
}

static unsigned inline_style(const char *nm)
{
    static const char *const bold[] = {"b", "strong", NULL};
    static const char *const italic[] = {"i", "em", "cite", "dfn", "var", NULL};
    static const char *const code[] = {"code", "tt", "kbd", "samp", NULL};
    static const char *const strike[] = {"s", "strike", "del", NULL};
    return name_in(nm, bold)     ? DOC_BOLD
           : name_in(nm, italic) ? DOC_ITALIC
           : name_in(nm, code)   ? DOC_CODE
           : name_in(nm, strike) ? DOC_STRIKE
                                 : 0;
}

static void on_element(struct hp *p, const xmlNode *n, struct box *bx, int depth)
{
    const char *nm = (const char *)n->name;
    bool nest_ok = !bx->fixed && p->nesting < MAX_NESTING;
    if (name_in(nm, dropped))
        return;
    if (!strcmp(nm, "br")) {
        add_break(bx);
    } else if (!strcmp(nm, "a")) {
        on_link(p, n, bx, depth);
    } else if (!strcmp(nm, "img")) {
        on_image(p, n, bx);
    } else if (!strcmp(nm, "hr") && !bx->fixed) {
        doc_block_add(bx->blk, DB_HR);
        bx->leaf = NULL;
    } else if (nm[0] == 'h' && nm[1] >= '1' && nm[1] <= '6' && !nm[2] && !bx->fixed) {
        on_leaf_block(p, n, bx, depth, DB_HEADING, nm[1] - '0');
    } else if (!strcmp(nm, "pre") && !bx->fixed) {
        on_leaf_block(p, n, bx, depth, DB_CODE, 0);
    } else if ((!strcmp(nm, "ul") || !strcmp(nm, "ol") || !strcmp(nm, "menu")) && nest_ok) {
        on_list(p, n, bx, depth, !strcmp(nm, "ol"));
    } else if (!strcmp(nm, "blockquote") && nest_ok) {
        on_quote(p, n, bx, depth);
    } else if (!strcmp(nm, "table") && !bx->fixed) {
        on_table(p, n, bx, depth);
    } else if (inline_style(nm)) {
        unsigned saved = p->style;
        p->style |= inline_style(nm);
        walk(p, n->children, bx, depth + 1);
        p->style = saved;
    } else {
        /* Any other block starts and ends its own paragraph (a line break
         * inside a heading or cell); an unknown inline element is its text. */
        bool blk = name_in(nm, blocks) || !strcmp(nm, "blockquote") || !strcmp(nm, "ul") ||
                   !strcmp(nm, "ol") || !strcmp(nm, "table") || !strcmp(nm, "pre") ||
                   (nm[0] == 'h' && nm[1] >= '1' && nm[1] <= '6' && !nm[2]);
        if (blk && bx->fixed)
            add_break(bx);
        else if (blk)
            bx->leaf = NULL;
        walk(p, n->children, bx, depth + 1);
        if (blk && bx->fixed)
            add_break(bx);
        else if (blk)
            bx->leaf = NULL;
    }
}

static void walk_node(struct hp *p, const xmlNode *n, struct box *bx, int depth)
{
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        add_text(p, bx, (const char *)n->content, bx->fixed);
    } else if (n->type == XML_ELEMENT_NODE && depth >= MAX_DEPTH) {
        xmlChar *c = xmlNodeGetContent(n);
        add_text(p, bx, (const char *)c, false);
        xmlFree(c);
    } else if (n->type == XML_ELEMENT_NODE) {
        on_element(p, n, bx, depth);
    }
}

static void walk(struct hp *p, const xmlNode *n, struct box *bx, int depth)
{
    for (; n; n = n->next)
        walk_node(p, n, bx, depth);
}

int doc_parse_html(const char *html, size_t len, const char *base_url, struct doc **out,
                   struct cu_err *e)
{
    (void)e;
    struct doc *d = doc_new();
    char *clean = text_sanitize(html, len, TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS);
    xmlDoc *doc = read_html(clean, strlen(clean));
    free(clean);
    if (doc) {
        struct hp p = {.d = d, .base = base_url};
        struct box root = {d->root, NULL, false};
        walk(&p, xmlDocGetRootElement(doc), &root, 0);
        xmlFreeDoc(doc);
    }
    for (size_t i = 0; i < d->nlinks; i++)
        if (!d->links[i].text)
            d->links[i].text = xstrdup("");
    *out = d;
    return 0;
}
