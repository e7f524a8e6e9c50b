/* markdown.h: a Markdown post as a document model with numbered links, and
 * its layout into styled lines at a given width.
 *
 * doc_parse() (markdown.c) turns Markdown into a struct doc via md4c; the
 * layout (layout.c) turns a doc into lines of styled runs that both
 * `catchup show` (plain text) and the curses reader draw, so neither ever
 * sees Markdown.  Every run's text is valid UTF-8 without control characters
 * and no line is wider than the width it was laid out at. */
#ifndef CATCHUP_MARKDOWN_H
#define CATCHUP_MARKDOWN_H

#include "catchup/links.h"
#include "catchup/util.h"

/* Style bits for a run of text. */
enum {
    DOC_BOLD = 1 << 0,
    DOC_ITALIC = 1 << 1,
    DOC_CODE = 1 << 2,
    DOC_LINK = 1 << 3,
    DOC_STRIKE = 1 << 4,
    DOC_H1 = 1 << 5,
    DOC_H2 = 1 << 6,
    DOC_H3 = 1 << 7, /* h3..h6 */
    DOC_QUOTE = 1 << 8,
    DOC_MARKER = 1 << 9,  /* the "[3]" after a link */
    DOC_BULLET = 1 << 10, /* list bullets/numbers */
    DOC_RULE = 1 << 11,   /* rules, table borders, heading underlines */
    DOC_TABLE_HEAD = 1 << 12,
    DOC_CODEBLOCK = 1 << 13,
    DOC_DIM = 1 << 14,  /* link list urls, image alt */
    DOC_MATCH = 1 << 15 /* set by the UI for search hits, never by the layout */
};

struct doc_link {
    int n;      /* 1-based, in order of first appearance */
    char *url;  /* resolved against base_url when possible */
    char *text; /* plain text of the first occurrence, trimmed; "image: ALT" for images */
    enum link_kind kind;
    char *badge; /* shown in the link's marker ("[3 open]") and the link list; or NULL */
};

struct doc; /* opaque */

/* Parses Markdown (GitHub dialect via md4c; the input may hold any bytes: it
 * is sanitized with text_sanitize(TEXT_KEEP_NEWLINES|TEXT_KEEP_TABS) first).
 * base_url (may be NULL) resolves relative links (RFC 3986-ish: "//host/x",
 * "/x", "x", "../x", "#frag"); links that stay relative keep their text.
 * Links are numbered in order of first appearance and de-duplicated by
 * resolved URL; an empty destination ("[x]()") is not a link.  Front matter
 * is not special: strip it before calling.  Returns 0, or -1 with e set (and
 * *out untouched) only when md4c itself fails.  Caller frees *out with
 * doc_free. */
int doc_parse(const char *md, size_t len, const char *base_url, struct doc **out, struct cu_err *e);
/* doc_parse with flags: DOC_HARD_BREAKS reads every line break inside a
 * paragraph as a break, as GitHub shows an issue or a comment (a file's
 * Markdown joins the lines). */
enum { DOC_HARD_BREAKS = 1u << 0 };
int doc_parse_flags(const char *md, size_t len, const char *base_url, unsigned flags,
                    struct doc **out, struct cu_err *e);
/* The plain text of the first non-empty heading (ATX or setext, any level)
 * of Markdown md, sanitized, blanks collapsed (caller frees); NULL when
 * there is none. */
char *md_first_heading(const char *md, size_t len);
/* The same for the first non-empty level-1 heading ("# Title", or a title
 * underlined with '='). */
char *md_first_h1(const char *md, size_t len);
void doc_free(struct doc *d); /* NULL is fine */
size_t doc_nlinks(const struct doc *d);
/* i from 0 (link number i + 1); NULL when out of range; borrowed from d. */
const struct doc_link *doc_link_at(const struct doc *d, size_t i);
/* Sets (or with NULL clears) the badge of link n (1-based): its markers
 * then read "[n badge]" and the link list shows it after the kind, e.g. an
 * issue's live state.  The badge is sanitized and cut to 24 columns; an n
 * out of range is ignored. */
void doc_set_link_badge(struct doc *d, int n, const char *badge);

struct doc_run {
    char *text;
    unsigned style;
    int link; /* link number or 0 */
};
struct doc_line {
    struct doc_run *runs;
    size_t nruns;
    int width; /* columns used */
};
struct doc_layout {
    struct doc_line *lines;
    size_t nlines;
};
enum { DOC_LAYOUT_LINKS = 1 /* append the numbered link list at the end */ };

/* Lays the document out at width columns (clamped to 20..4096).  Never
 * fails; the layout does not borrow from d.  Caller frees with
 * doc_layout_free. */
struct doc_layout *doc_layout(const struct doc *d, int width, unsigned flags);
void doc_layout_free(struct doc_layout *l); /* NULL is fine */
/* Plain text of one line (runs concatenated); caller frees. */
char *doc_line_text(const struct doc_line *l);
/* The words a reader sees, for the search index: the document laid out
 * wide, without link markers, rules or the link list, a line per line.
 * Caller frees. */
char *doc_plain_text(const struct doc *d);

#ifdef CATCHUP_DOC_INTERNALS
/* The model shared by markdown.c (builds it) and layout.c (reads it); no
 * other file defines CATCHUP_DOC_INTERNALS, so struct doc stays opaque. */
enum dspan_kind { DSPAN_TEXT, DSPAN_BREAK, DSPAN_MARKER };

/* One piece of inline content.  Text may hold ' ', '\t' and '\n' (the layout
 * collapses them; code blocks keep them) but no other control character. */
struct dspan {
    enum dspan_kind kind;
    char *text;     /* NULL for a break; "[n]" for a marker */
    unsigned style; /* inline styles only; the layout adds block styles */
    int link;
    size_t len, cap; /* of text, so that merging adjacent text stays linear */
};

enum dblock_type {
    DB_ROOT,
    DB_PARA,
    DB_HEADING,
    DB_QUOTE,
    DB_UL,
    DB_OL,
    DB_LI,
    DB_CODE,
    DB_HR,
    DB_TABLE,
    DB_THEAD,
    DB_TBODY,
    DB_TR,
    DB_TH,
    DB_TD,
    DB_HTML
};
enum { DB_ALIGN_DEFAULT, DB_ALIGN_LEFT, DB_ALIGN_CENTER, DB_ALIGN_RIGHT };

struct dblock {
    enum dblock_type type;
    int level;      /* DB_HEADING: 1..6 */
    unsigned start; /* DB_OL: first number */
    bool tight;     /* DB_UL, DB_OL */
    char task;      /* DB_LI: 0, 'x' or ' ' */
    int align;      /* DB_TH, DB_TD: DB_ALIGN_* */
    struct dblock **kids;
    size_t nkids, capkids;
    struct dspan *spans; /* inline content of leaf blocks */
    size_t nspans, capspans;
};

struct doc {
    struct dblock *root;
    struct doc_link *links;
    size_t nlinks, caplinks;
    size_t *index; /* open-addressing hash of links by URL: link index + 1, 0 = empty */
    size_t capindex;
};

/* For other builders of the model (feedhtml.c): an empty document, a block
 * added to parent, inline content (takes text; merged into the last span
 * when it looks the same), and a link by its destination: resolved against
 * base, numbered on first sight (*created then true; the caller sets its
 * text), de-duplicated by URL.  Returns the link's number. */
struct doc *doc_new(void);
struct dblock *doc_block_add(struct dblock *parent, enum dblock_type type);
void doc_block_add_span(struct dblock *b, enum dspan_kind kind, char *text, unsigned style,
                        int link);
int doc_link_add(struct doc *d, const char *base, const char *dest, bool *created);
#endif

#endif
