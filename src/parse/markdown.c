/* markdown.c: Markdown -> struct doc through md4c's callbacks (see
 * markdown.h).  The layout lives in layout.c. */
#define CATCHUP_DOC_INTERNALS
#include "catchup/markdown.h"

#include <md4c.h>
#include <stdlib.h>
#include <string.h>

#include "catchup/text.h"

static const char REPLACEMENT[] = "\xEF\xBF\xBD"; /* U+FFFD */

/* Deeper quotes and lists are flattened into the deepest one kept, so that
 * hostile input ("> > > > ...") cannot make the layout recurse without bound
 * or indent everything off the screen. */
enum { MAX_NESTING = 24 };
/* A link's text is only shown in the link list; more than this is noise. */
enum { MAX_LINK_TEXT = 1024 };

/* ---- model ------------------------------------------------------------ */

static struct dblock *block_new(enum dblock_type type)
{
    struct dblock *b = xcalloc(1, sizeof(*b));
    b->type = type;
    return b;
}

static void block_add_kid(struct dblock *parent, struct dblock *kid)
{
    parent->kids = xgrow(parent->kids, parent->nkids, &parent->capkids, sizeof(*parent->kids), 4);
    parent->kids[parent->nkids++] = kid;
}

/* Takes text (may be NULL for a break). */
static void block_add_span(struct dblock *b, enum dspan_kind kind, char *text, unsigned style,
                           int link)
{
    size_t n = text ? strlen(text) : 0;
    /* Adjacent text with the same look is merged so that code blocks and
     * long paragraphs do not become thousands of one-line spans. */
    if (kind == DSPAN_TEXT && b->nspans) {
        struct dspan *last = &b->spans[b->nspans - 1];
        if (last->kind == DSPAN_TEXT && last->style == style && last->link == link) {
            if (last->len + n + 1 > last->cap) {
                last->cap = (last->len + n + 1) * 2;
                last->text = xrealloc(last->text, last->cap);
            }
            memcpy(last->text + last->len, text, n + 1);
            last->len += n;
            free(text);
            return;
        }
    }
    b->spans = xgrow(b->spans, b->nspans, &b->capspans, sizeof(*b->spans), 8);
    b->spans[b->nspans++] = (struct dspan){kind, text, style, link, n, text ? n + 1 : 0};
}

static void block_free(struct dblock *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->nkids; i++)
        block_free(b->kids[i]);
    for (size_t i = 0; i < b->nspans; i++)
        free(b->spans[i].text);
    free(b->kids);
    free(b->spans);
    free(b);
}

void doc_free(struct doc *d)
{
    if (!d)
        return;
    block_free(d->root);
    for (size_t i = 0; i < d->nlinks; i++) {
        free(d->links[i].url);
        free(d->links[i].text);
        free(d->links[i].badge);
    }
    free(d->links);
    free(d->index);
    free(d);
}

size_t doc_nlinks(const struct doc *d)
{
    return d ? d->nlinks : 0;
}

const struct doc_link *doc_link_at(const struct doc *d, size_t i)
{
    if (!d || i >= d->nlinks)
        return NULL;
    return &d->links[i];
}

static void badge_markers(struct dblock *b, int n, const char *text)
{
    for (size_t i = 0; i < b->nspans; i++) {
        struct dspan *sp = &b->spans[i];
        if (sp->kind != DSPAN_MARKER || sp->link != n)
            continue;
        free(sp->text);
        sp->text = xstrdup(text);
        sp->len = strlen(text);
        sp->cap = sp->len + 1;
    }
    for (size_t i = 0; i < b->nkids; i++)
        badge_markers(b->kids[i], n, text);
}

void doc_set_link_badge(struct doc *d, int n, const char *badge)
{
    if (!d || n < 1 || (size_t)n > d->nlinks)
        return;
    struct doc_link *l = &d->links[n - 1];
    free(l->badge);
    l->badge = NULL;
    if (badge && *badge) {
        char *clean = text_sanitize(badge, strlen(badge), 0);
        l->badge = text_truncate(clean, 24);
        free(clean);
    }
    char *marker = l->badge ? xasprintf("[%d %s]", n, l->badge) : xasprintf("[%d]", n);
    badge_markers(d->root, n, marker);
    free(marker);
}

/* ---- link registry ---------------------------------------------------- */

static size_t hash_str(const char *s)
{
    size_t h = 14695981039346656037u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static void index_insert(struct doc *d, size_t idx)
{
    size_t mask = d->capindex - 1, h = hash_str(d->links[idx].url) & mask;
    while (d->index[h])
        h = (h + 1) & mask;
    d->index[h] = idx + 1;
}

/* Takes url.  Returns the link's index and whether this call created it. */
static size_t links_intern(struct doc *d, char *url, bool *created)
{
    if (d->capindex) {
        size_t mask = d->capindex - 1;
        for (size_t h = hash_str(url) & mask; d->index[h]; h = (h + 1) & mask) {
            size_t idx = d->index[h] - 1;
            if (strcmp(d->links[idx].url, url) == 0) {
                free(url);
                *created = false;
                return idx;
            }
        }
    }
    d->links = xgrow(d->links, d->nlinks, &d->caplinks, sizeof(*d->links), 16);
    size_t idx = d->nlinks++;
    d->links[idx] = (struct doc_link){(int)idx + 1, url, NULL, link_classify(url), NULL};
    if (d->nlinks * 2 > d->capindex) {
        free(d->index);
        d->capindex = d->capindex ? d->capindex * 2 : 32;
        d->index = xcalloc(d->capindex, sizeof(*d->index));
        for (size_t i = 0; i < d->nlinks; i++)
            index_insert(d, i);
    } else {
        index_insert(d, idx);
    }
    *created = true;
    return idx;
}

/* ---- URL resolution ---------------------------------------------------- */

static size_t scheme_len(const char *u)
{
    size_t i = 0;
    if (!((u[0] >= 'a' && u[0] <= 'z') || (u[0] >= 'A' && u[0] <= 'Z')))
        return 0;
    while ((u[i] >= 'a' && u[i] <= 'z') || (u[i] >= 'A' && u[i] <= 'Z') ||
           (u[i] >= '0' && u[i] <= '9') || u[i] == '+' || u[i] == '-' || u[i] == '.')
        i++;
    return u[i] == ':' ? i : 0;
}

/* RFC 3986 5.2.4 on an absolute path; appends the result to out. */
static void add_clean_path(struct buf *out, const char *path, size_t n)
{
    size_t base = out->len;
    size_t i = 0;
    while (i < n) {
        size_t j = i + 1;
        while (j < n && path[j] != '/')
            j++;
        const char *seg = path + i + 1;
        size_t sl = j - i - 1;
        bool last = j >= n;
        if (sl == 1 && seg[0] == '.') {
            if (last)
                buf_add(out, "/", 1);
        } else if (sl == 2 && seg[0] == '.' && seg[1] == '.') {
            while (out->len > base && out->data[out->len - 1] != '/')
                out->len--;
            if (out->len > base)
                out->len--;
            out->data[out->len] = '\0';
            if (last)
                buf_add(out, "/", 1);
        } else {
            buf_add(out, path + i, j - i);
        }
        i = j;
    }
    if (out->len == base)
        buf_add(out, "/", 1);
}

/* Returns a new string: ref resolved against base, or ref itself when it is
 * absolute or cannot be resolved. */
static char *resolve_url(const char *base, const char *ref)
{
    if (scheme_len(ref) || !base || !scheme_len(base))
        return xstrdup(ref);
    size_t sl = scheme_len(base);
    if (ref[0] == '/' && ref[1] == '/')
        return xasprintf("%.*s:%s", (int)sl, base, ref);
    const char *auth = base + sl + 1;
    if (auth[0] != '/' || auth[1] != '/')
        return xstrdup(ref); /* mailto: and friends have no hierarchy */
    const char *path = auth + 2 + strcspn(auth + 2, "/?#");
    const char *pend = path + strcspn(path, "?#");
    const char *qend = path + strcspn(path, "#");
    struct buf out;
    buf_init(&out, 0);
    if (ref[0] == '#') {
        buf_add(&out, base, (size_t)(qend - base));
        buf_adds(&out, ref);
        return buf_take(&out);
    }
    if (ref[0] == '?') {
        buf_add(&out, base, (size_t)(pend - base));
        buf_adds(&out, ref);
        return buf_take(&out);
    }
    buf_add(&out, base, (size_t)(path - base));
    size_t rpl = strcspn(ref, "?#");
    struct buf merged;
    buf_init(&merged, 0);
    if (ref[0] == '/') {
        buf_add(&merged, ref, rpl);
    } else {
        const char *slash = pend;
        while (slash > path && slash[-1] != '/')
            slash--;
        if (slash == path)
            buf_add(&merged, "/", 1);
        else
            buf_add(&merged, path, (size_t)(slash - path));
        buf_add(&merged, ref, rpl);
    }
    add_clean_path(&out, merged.data, merged.len);
    buf_free(&merged);
    buf_adds(&out, ref + rpl);
    return buf_take(&out);
}

/* An md4c attribute (link destination) as a new, sanitized string. */
static char *attr_string(const MD_ATTRIBUTE *a)
{
    struct buf b;
    buf_init(&b, 0);
    buf_add(&b, "", 0);
    for (size_t i = 0; a->substr_offsets && a->substr_offsets[i] < a->size; i++) {
        const char *piece = a->text + a->substr_offsets[i];
        size_t n = a->substr_offsets[i + 1] - a->substr_offsets[i];
        if (a->substr_types[i] == MD_TEXT_ENTITY) {
            char *d = text_entity_decode(piece, n);
            buf_adds(&b, d);
            free(d);
        } else if (a->substr_types[i] == MD_TEXT_NULLCHAR) {
            buf_adds(&b, REPLACEMENT);
        } else {
            buf_add(&b, piece, n);
        }
    }
    char *raw = buf_take(&b);
    char *clean = text_sanitize(raw, strlen(raw), 0);
    free(raw);
    return str_trim(clean);
}

/* ---- parser state ------------------------------------------------------ */

struct open_link {
    int n;      /* 0: not a link (empty destination) */
    bool first; /* this occurrence numbered the link, so its text counts */
    bool image;
    bool colon_pending; /* image: ": " goes in before the first alt text */
    bool text_full;     /* the text reached MAX_LINK_TEXT: it ends there */
    struct buf text;
};

/* Adds to a numbered link's text; past MAX_LINK_TEXT the text ends where it
 * was (a later, shorter piece never goes in after a dropped one). */
static void link_text_add(struct open_link *l, const char *s, size_t n)
{
    if (l->first && !l->text_full && buf_add(&l->text, s, n) < 0)
        l->text_full = true;
}

struct frame {
    struct dblock *b;
    bool created; /* false: a container flattened by MAX_NESTING */
};

enum html_state { HS_TEXT, HS_TAG, HS_QUOTED, HS_COMMENT };

struct parser {
    struct doc *doc;
    const char *base;
    struct frame *stack;
    size_t depth, cap;
    size_t nesting;          /* created quotes and lists on the stack */
    struct dblock *implicit; /* paragraph for text sent straight into a container */
    int em, strong, code, del, img;
    struct open_link *links;
    size_t nopen, capopen;
    /* raw HTML is fed in pieces; the tag stripper keeps its place here */
    enum html_state hs;
    char quote;
    int dashes;       /* consecutive '-' seen inside a comment */
    struct buf tag;   /* the tag being read, without '<' */
    char skip_to[8];  /* inside <script> or <style>: drop text until its end tag */
    bool hard_breaks; /* DOC_HARD_BREAKS */
};

static unsigned cur_style(const struct parser *p)
{
    unsigned s = 0;
    if (p->em)
        s |= DOC_ITALIC;
    if (p->strong)
        s |= DOC_BOLD;
    if (p->code)
        s |= DOC_CODE;
    if (p->del)
        s |= DOC_STRIKE;
    if (p->img)
        s |= DOC_DIM;
    for (size_t i = p->nopen; i-- > 0;)
        if (p->links[i].n) {
            s |= DOC_LINK;
            break;
        }
    return s;
}

static int cur_link(const struct parser *p)
{
    for (size_t i = p->nopen; i-- > 0;)
        if (p->links[i].n)
            return p->links[i].n;
    return 0;
}

/* Where inline content goes: the leaf block on top, or a paragraph made up
 * for text md4c sends straight into a container (tight list items). */
static struct dblock *target(struct parser *p)
{
    struct dblock *top = p->stack[p->depth - 1].b;
    switch (top->type) {
    case DB_PARA:
    case DB_HEADING:
    case DB_CODE:
    case DB_TH:
    case DB_TD:
    case DB_HTML: return top;
    case DB_ROOT:
    case DB_QUOTE:
    case DB_LI:
    case DB_UL:
    case DB_OL:
        if (!p->implicit) {
            p->implicit = block_new(DB_PARA);
            block_add_kid(top, p->implicit);
        }
        return p->implicit;
    default: return NULL;
    }
}

static void add_text_raw(struct parser *p, const char *s, size_t n)
{
    if (!n)
        return;
    for (size_t i = 0; i < p->nopen; i++)
        link_text_add(&p->links[i], s, n);
    struct dblock *t = target(p);
    if (t)
        block_add_span(t, DSPAN_TEXT, xstrndup(s, n), cur_style(p), cur_link(p));
}

static void add_text(struct parser *p, const char *s, size_t n)
{
    if (!n)
        return;
    if (p->nopen && p->links[p->nopen - 1].colon_pending) {
        p->links[p->nopen - 1].colon_pending = false;
        add_text_raw(p, ": ", 2);
    }
    add_text_raw(p, s, n);
}

static void add_break(struct parser *p)
{
    for (size_t i = 0; i < p->nopen; i++)
        link_text_add(&p->links[i], " ", 1);
    struct dblock *t = target(p);
    if (t)
        block_add_span(t, DSPAN_BREAK, NULL, 0, 0);
}

/* ---- raw HTML: tags dropped, text kept --------------------------------- */

static void html_reset(struct parser *p)
{
    p->hs = HS_TEXT;
    p->dashes = 0;
    p->skip_to[0] = '\0';
    buf_reset(&p->tag);
}

static void html_tag_done(struct parser *p)
{
    static const char *const breaking[] = {
        "br",      "p",      "div",    "li",      "tr",      "table",      "ul",  "ol", "h1",
        "h2",      "h3",     "h4",     "h5",      "h6",      "blockquote", "pre", "hr", "section",
        "article", "header", "footer", "details", "summary", "dt",         "dd",
    };
    const char *t = p->tag.data ? p->tag.data : "";
    bool closing = *t == '/';
    if (closing)
        t++;
    char name[16];
    size_t n = 0;
    while (n < sizeof(name) - 1 && ((t[n] >= 'a' && t[n] <= 'z') || (t[n] >= 'A' && t[n] <= 'Z') ||
                                    (t[n] >= '0' && t[n] <= '9')))
        name[n] = (char)(t[n] | 0x20), n++;
    name[n] = '\0';
    buf_reset(&p->tag);
    if (p->skip_to[0]) {
        if (closing && strcmp(name, p->skip_to) == 0)
            p->skip_to[0] = '\0';
        return;
    }
    if (!closing && (strcmp(name, "script") == 0 || strcmp(name, "style") == 0)) {
        strcpy(p->skip_to, name);
        return;
    }
    for (size_t i = 0; i < CU_ARRAY_LEN(breaking); i++)
        if (strcmp(name, breaking[i]) == 0) {
            add_break(p);
            return;
        }
}

/* Text between tags, with entities decoded (md4c leaves them alone in raw
 * HTML). */
static void html_text(struct parser *p, const char *s, size_t n)
{
    if (p->skip_to[0])
        return;
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && s[j] != '&')
            j++;
        add_text(p, s + i, j - i);
        if (j >= n)
            break;
        size_t len = text_entity_len(s + j, n - j);
        if (len) {
            char *d = text_entity_decode(s + j, len);
            add_text(p, d, strlen(d));
            free(d);
            i = j + len;
        } else {
            add_text(p, "&", 1);
            i = j + 1;
        }
    }
}

static bool tag_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' || c == '!' || c == '?';
}

static void html_feed(struct parser *p, const char *s, size_t n)
{
    size_t text_from = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        switch (p->hs) {
        case HS_TEXT:
            if (c == '<' && i + 1 < n && tag_start(s[i + 1])) {
                html_text(p, s + text_from, i - text_from);
                p->hs = HS_TAG;
                buf_reset(&p->tag);
            }
            break;
        case HS_TAG:
            if (c == '>') {
                html_tag_done(p);
                p->hs = HS_TEXT;
                text_from = i + 1;
            } else if (c == '"' || c == '\'') {
                p->quote = c;
                p->hs = HS_QUOTED;
            } else if (buf_add(&p->tag, &c, 1) == 0) {
                /* past the cap only attributes would go in: a tag is known
                 * by its name, at the start */
                if (p->tag.len == 3 && memcmp(p->tag.data, "!--", 3) == 0) {
                    p->hs = HS_COMMENT;
                    p->dashes = 0;
                }
            }
            break;
        case HS_QUOTED:
            if (c == p->quote)
                p->hs = HS_TAG;
            break;
        case HS_COMMENT:
            if (c == '>' && p->dashes >= 2) {
                p->hs = HS_TEXT;
                buf_reset(&p->tag);
                text_from = i + 1;
            }
            p->dashes = c == '-' ? p->dashes + 1 : 0;
            break;
        }
    }
    if (p->hs == HS_TEXT && text_from < n)
        html_text(p, s + text_from, n - text_from);
}

/* ---- md4c callbacks ---------------------------------------------------- */

static void push(struct parser *p, struct dblock *b, bool created)
{
    p->stack = xgrow(p->stack, p->depth, &p->cap, sizeof(*p->stack), 16);
    p->stack[p->depth++] = (struct frame){b, created};
}

static int on_enter_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
    struct parser *p = ud;
    struct dblock *top = p->stack[p->depth - 1].b;
    p->implicit = NULL;
    html_reset(p);
    enum dblock_type t;
    switch (type) {
    case MD_BLOCK_DOC: push(p, top, false); return 0;
    case MD_BLOCK_QUOTE: t = DB_QUOTE; break;
    case MD_BLOCK_UL: t = DB_UL; break;
    case MD_BLOCK_OL: t = DB_OL; break;
    case MD_BLOCK_LI: t = DB_LI; break;
    case MD_BLOCK_HR: t = DB_HR; break;
    case MD_BLOCK_H: t = DB_HEADING; break;
    case MD_BLOCK_CODE: t = DB_CODE; break;
    case MD_BLOCK_HTML: t = DB_HTML; break;
    case MD_BLOCK_P: t = DB_PARA; break;
    case MD_BLOCK_TABLE: t = DB_TABLE; break;
    case MD_BLOCK_THEAD: t = DB_THEAD; break;
    case MD_BLOCK_TBODY: t = DB_TBODY; break;
    case MD_BLOCK_TR: t = DB_TR; break;
    case MD_BLOCK_TH: t = DB_TH; break;
    case MD_BLOCK_TD: t = DB_TD; break;
    default: push(p, top, false); return 0;
    }
    bool container = t == DB_QUOTE || t == DB_UL || t == DB_OL;
    /* An item is kept exactly when its list was, so items never land
     * outside a list. */
    if ((container && p->nesting >= MAX_NESTING) ||
        (t == DB_LI && top->type != DB_UL && top->type != DB_OL)) {
        push(p, top, false);
        return 0;
    }
    struct dblock *b = block_new(t);
    switch (type) {
    case MD_BLOCK_UL: b->tight = ((MD_BLOCK_UL_DETAIL *)detail)->is_tight != 0; break;
    case MD_BLOCK_OL:
        b->tight = ((MD_BLOCK_OL_DETAIL *)detail)->is_tight != 0;
        b->start = ((MD_BLOCK_OL_DETAIL *)detail)->start;
        break;
    case MD_BLOCK_LI: {
        MD_BLOCK_LI_DETAIL *li = detail;
        if (li->is_task)
            b->task = (li->task_mark == 'x' || li->task_mark == 'X') ? 'x' : ' ';
        break;
    }
    case MD_BLOCK_H: b->level = (int)((MD_BLOCK_H_DETAIL *)detail)->level; break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
        switch (((MD_BLOCK_TD_DETAIL *)detail)->align) {
        case MD_ALIGN_LEFT: b->align = DB_ALIGN_LEFT; break;
        case MD_ALIGN_CENTER: b->align = DB_ALIGN_CENTER; break;
        case MD_ALIGN_RIGHT: b->align = DB_ALIGN_RIGHT; break;
        default: b->align = DB_ALIGN_DEFAULT; break;
        }
        break;
    default: break;
    }
    block_add_kid(top, b);
    if (container)
        p->nesting++;
    push(p, b, true);
    return 0;
}

static int on_leave_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
    struct parser *p = ud;
    (void)type;
    (void)detail;
    struct frame f = p->stack[--p->depth];
    if (f.created && (f.b->type == DB_QUOTE || f.b->type == DB_UL || f.b->type == DB_OL))
        p->nesting--;
    p->implicit = NULL;
    html_reset(p);
    return 0;
}

static void link_open(struct parser *p, const MD_ATTRIBUTE *dest, bool image)
{
    struct open_link ol = {0};
    char *raw = attr_string(dest);
    if (*raw) {
        bool created;
        size_t idx = links_intern(p->doc, resolve_url(p->base, raw), &created);
        ol.n = (int)idx + 1;
        ol.first = created;
    }
    free(raw);
    ol.image = image;
    buf_init(&ol.text, MAX_LINK_TEXT);
    p->links = xgrow(p->links, p->nopen, &p->capopen, sizeof(*p->links), 4);
    p->links[p->nopen++] = ol;
    if (image) {
        p->img++;
        add_text(p, "image", 5);
        p->links[p->nopen - 1].colon_pending = true;
    }
}

/* Collapses white space runs to one space and trims; in place. */
static char *collapse_ws(char *s)
{
    char *w = s;
    bool space = false;
    for (const char *r = s; *r; r++) {
        if (*r == ' ' || *r == '\t' || *r == '\n') {
            space = w != s;
        } else {
            if (space)
                *w++ = ' ';
            space = false;
            *w++ = *r;
        }
    }
    *w = '\0';
    return s;
}

static void link_close(struct parser *p)
{
    struct open_link ol = p->links[--p->nopen];
    if (ol.image)
        p->img--;
    if (ol.first) {
        /* A cut at the cap may have split a code point. */
        char *t = text_sanitize(ol.text.data, ol.text.len, 0);
        collapse_ws(t);
        if (ol.image && strcmp(t, "image:") == 0)
            t[5] = '\0'; /* blank alt text */
        p->doc->links[ol.n - 1].text = t;
    }
    buf_free(&ol.text);
    if (ol.n) {
        struct dblock *t = target(p);
        if (t)
            block_add_span(t, DSPAN_MARKER, xasprintf("[%d]", ol.n), 0, ol.n);
    }
}

static int on_enter_span(MD_SPANTYPE type, void *detail, void *ud)
{
    struct parser *p = ud;
    switch (type) {
    case MD_SPAN_EM: p->em++; break;
    case MD_SPAN_STRONG: p->strong++; break;
    case MD_SPAN_CODE: p->code++; break;
    case MD_SPAN_DEL: p->del++; break;
    case MD_SPAN_A: link_open(p, &((MD_SPAN_A_DETAIL *)detail)->href, false); break;
    case MD_SPAN_IMG: link_open(p, &((MD_SPAN_IMG_DETAIL *)detail)->src, true); break;
    default: break;
    }
    return 0;
}

static int on_leave_span(MD_SPANTYPE type, void *detail, void *ud)
{
    struct parser *p = ud;
    (void)detail;
    switch (type) {
    case MD_SPAN_EM: p->em--; break;
    case MD_SPAN_STRONG: p->strong--; break;
    case MD_SPAN_CODE: p->code--; break;
    case MD_SPAN_DEL: p->del--; break;
    case MD_SPAN_A:
    case MD_SPAN_IMG:
        if (p->nopen)
            link_close(p);
        break;
    default: break;
    }
    return 0;
}

static int on_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *ud)
{
    struct parser *p = ud;
    switch (type) {
    case MD_TEXT_NULLCHAR: add_text(p, REPLACEMENT, 3); break;
    case MD_TEXT_BR: add_break(p); break;
    case MD_TEXT_SOFTBR:
        if (p->hard_breaks)
            add_break(p);
        else
            add_text(p, " ", 1);
        break;
    case MD_TEXT_ENTITY: {
        char *d = text_entity_decode(text, size);
        add_text(p, d, strlen(d));
        free(d);
        break;
    }
    case MD_TEXT_HTML: html_feed(p, text, size); break;
    default: add_text(p, text, size); break;
    }
    return 0;
}

int doc_parse(const char *md, size_t len, const char *base_url, struct doc **out, struct cu_err *e)
{
    return doc_parse_flags(md, len, base_url, 0, out, e);
}

int doc_parse_flags(const char *md, size_t len, const char *base_url, unsigned flags,
                    struct doc **out, struct cu_err *e)
{
    char *clean = text_sanitize(md, len, TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS);
    size_t clen = strlen(clean);
    if (clen > (MD_SIZE)-1) {
        free(clean);
        return cu_errf(e, "cannot parse Markdown: the document is larger than 4 GiB");
    }
    struct doc *d = xcalloc(1, sizeof(*d));
    d->root = block_new(DB_ROOT);
    struct parser p = {.doc = d, .base = base_url, .hard_breaks = flags & DOC_HARD_BREAKS};
    buf_init(&p.tag, 256);
    push(&p, d->root, true);
    MD_PARSER parser = {
        .abi_version = 0,
        .flags = MD_DIALECT_GITHUB,
        .enter_block = on_enter_block,
        .leave_block = on_leave_block,
        .enter_span = on_enter_span,
        .leave_span = on_leave_span,
        .text = on_text,
    };
    int rc = md_parse(clean, (MD_SIZE)clen, &parser, &p);
    while (p.nopen)
        buf_free(&p.links[--p.nopen].text);
    free(p.links);
    free(p.stack);
    buf_free(&p.tag);
    free(clean);
    if (rc != 0) {
        doc_free(d);
        return cu_errf(
            e,
            "cannot parse Markdown: md4c failed (error %d); the post may be too large or "
            "memory is short",
            rc);
    }
    /* A link whose span never closed (md4c aborted) still needs a text. */
    for (size_t i = 0; i < d->nlinks; i++)
        if (!d->links[i].text)
            d->links[i].text = xstrdup("");
    *out = d;
    return 0;
}

/* ---- for other builders ------------------------------------------------ */

struct doc *doc_new(void)
{
    struct doc *d = xcalloc(1, sizeof(*d));
    d->root = block_new(DB_ROOT);
    return d;
}

struct dblock *doc_block_add(struct dblock *parent, enum dblock_type type)
{
    struct dblock *b = block_new(type);
    block_add_kid(parent, b);
    return b;
}

void doc_block_add_span(struct dblock *b, enum dspan_kind kind, char *text, unsigned style,
                        int link)
{
    block_add_span(b, kind, text, style, link);
}

int doc_link_add(struct doc *d, const char *base, const char *dest, bool *created)
{
    return (int)links_intern(d, resolve_url(base, dest), created) + 1;
}

/* ---- the first heading ------------------------------------------------- */

struct first_heading {
    bool in, found;
    unsigned max_level;
    struct buf text;
};

static int fh_enter_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
    struct first_heading *fh = ud;
    if (type == MD_BLOCK_H && !fh->found && ((MD_BLOCK_H_DETAIL *)detail)->level <= fh->max_level)
        fh->in = true;
    return 0;
}

/* md4c does not stop for every callback's non-zero return: once found,
 * the rest is parsed and ignored. */
static int fh_leave_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
    (void)detail;
    struct first_heading *fh = ud;
    if (type != MD_BLOCK_H || !fh->in)
        return 0;
    fh->in = false;
    if (fh->text.data) {
        str_trim(fh->text.data);
        fh->text.len = strlen(fh->text.data);
    }
    fh->found = fh->text.len > 0; /* an empty heading does not count */
    return 0;
}

static int fh_span(MD_SPANTYPE type, void *detail, void *ud)
{
    (void)type;
    (void)detail;
    (void)ud;
    return 0;
}

static int fh_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *ud)
{
    struct first_heading *fh = ud;
    if (!fh->in)
        return 0;
    switch (type) {
    case MD_TEXT_NULLCHAR:
    case MD_TEXT_HTML: break;
    case MD_TEXT_BR:
    case MD_TEXT_SOFTBR: buf_add(&fh->text, " ", 1); break;
    case MD_TEXT_ENTITY: {
        char *d = text_entity_decode(text, size);
        buf_adds(&fh->text, d);
        free(d);
        break;
    }
    default: buf_add(&fh->text, text, size); break;
    }
    return 0;
}

static char *first_heading(const char *md, size_t len, unsigned max_level)
{
    char *clean = text_sanitize(md, len, TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS);
    size_t clen = strlen(clean);
    struct first_heading fh = {.max_level = max_level};
    buf_init(&fh.text, 0);
    MD_PARSER parser = {
        .abi_version = 0,
        .flags = MD_DIALECT_GITHUB,
        .enter_block = fh_enter_block,
        .leave_block = fh_leave_block,
        .enter_span = fh_span,
        .leave_span = fh_span,
        .text = fh_text,
    };
    if (clen <= (MD_SIZE)-1)
        md_parse(clean, (MD_SIZE)clen, &parser, &fh);
    free(clean);
    if (!fh.found) {
        buf_free(&fh.text);
        return NULL;
    }
    /* one line, blanks collapsed, nothing a terminal would act on */
    char *raw = buf_take(&fh.text);
    char *t = text_sanitize(raw, strlen(raw), 0);
    free(raw);
    return text_one_line(t);
}

char *md_first_heading(const char *md, size_t len)
{
    return first_heading(md, len, 6);
}

char *md_first_h1(const char *md, size_t len)
{
    return first_heading(md, len, 1);
}
