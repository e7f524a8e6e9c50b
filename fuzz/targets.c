/* targets.c: see targets.h. */
#include "targets.h"

#include <stdlib.h>
#include <string.h>

#include "catchup/board.h"
#include "catchup/feed.h"
#include "catchup/feedhtml.h"
#include "catchup/frontmatter.h"
#include "catchup/http.h"
#include "catchup/ical.h"
#include "catchup/issues.h"
#include "catchup/listing.h"
#include "catchup/markdown.h"
#include "catchup/postevents.h"
#include "catchup/text.h"

/* A NUL-terminated copy, for functions that take C strings. */
static char *cstr(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

void fuzz_frontmatter(const uint8_t *data, size_t size)
{
    struct frontmatter fm;
    struct cu_err e;
    if (fm_parse((const char *)data, size, &fm, &e) == 0) {
        if (fm.body_offset > size)
            abort();
        fm_free(&fm);
    }
}

void fuzz_markdown(const uint8_t *data, size_t size)
{
    struct doc *d;
    struct cu_err e;
    if (doc_parse((const char *)data, size, "https://github.com/o/r/blob/main/x.md", &d, &e) < 0)
        return;
    static const int widths[] = {20, 33, 80};
    for (size_t w = 0; w < sizeof(widths) / sizeof(widths[0]); w++) {
        struct doc_layout *l = doc_layout(d, widths[w], w == 2 ? DOC_LAYOUT_LINKS : 0);
        for (size_t i = 0; i < l->nlines; i++) {
            /* the layout's promise: never wider than asked, never a control */
            if (l->lines[i].width > widths[w])
                abort();
            char *t = doc_line_text(&l->lines[i]);
            for (const unsigned char *p = (const unsigned char *)t; *p; p++)
                if (*p < 0x20 || *p == 0x7f)
                    abort();
            if (text_width(t) > widths[w])
                abort();
            free(t);
        }
        doc_layout_free(l);
    }
    for (size_t i = 0; i < doc_nlinks(d); i++)
        if (!doc_link_at(d, i)->url)
            abort();
    doc_free(d);
}

void fuzz_listing(const uint8_t *data, size_t size)
{
    struct listing_entry *v;
    size_t n;
    struct cu_err e;
    if (listing_contents((const char *)data, size, &v, &n, &e) == 0) {
        for (size_t i = 0; i < n; i++)
            if (!v[i].name || !*v[i].name || strchr(v[i].name, '/') || !v[i].sha || !*v[i].sha)
                abort();
        listing_free(v, n);
    }
    /* the whole tree, and below a folder as a posts source reads it */
    static const char *const prefixes[] = {"", "wgs/cnai/news"};
    for (size_t p = 0; p < sizeof(prefixes) / sizeof(prefixes[0]); p++) {
        bool truncated;
        if (listing_tree((const char *)data, size, prefixes[p], &v, &n, &truncated, &e) < 0)
            continue;
        n = listing_posts(v, n);
        for (size_t i = 0; i < n; i++) {
            char *d = listing_path_date(v[i].path), *t = listing_name_title(v[i].path);
            if (!v[i].id || !*v[i].id || (d && strlen(d) != 10) || v[i].path[0] == '/')
                abort();
            free(d);
            free(t);
        }
        listing_free(v, n);
    }
    char *date;
    if (listing_oldest_commit((const char *)data, size, &date, &e) == 0)
        free(date);
}

void fuzz_linkheader(const uint8_t *data, size_t size)
{
    char *s = cstr(data, size);
    static const char *const rels[] = {"next", "last", "prev", "first", ""};
    for (size_t i = 0; i < sizeof(rels) / sizeof(rels[0]); i++)
        free(http_link_rel(s, rels[i]));
    free(s);
}

void fuzz_text(const uint8_t *data, size_t size)
{
    char *s = text_sanitize((const char *)data, size, TEXT_KEEP_NEWLINES);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p < 0x20 && *p != '\n') || *p == 0x7f || *p == 0x1b)
            abort();
    int w = text_width(s);
    char *t = text_truncate(s, w / 2 + 1);
    if (text_width(t) > w / 2 + 1)
        abort();
    free(t);
    free(s);
}

void fuzz_ical(const uint8_t *data, size_t size)
{
    /* 2024 to 2027, the years of the seeds (the real feeds and the
     * amplification feeds of tests/data/ical/gen_amplify.py): the whole feed
     * with its bounds, as a refresh expands it */
    struct ical_result r;
    struct cu_err e;
    /* a tenth of the steps: under ASan and UBSan the whole budget is seconds
     * per execution; running out is the same code */
    ical_step_budget = ICAL_MAX_STEPS / 10;
    if (ical_expand((const char *)data, size, NULL, 1704067200, 1830297600, &r, &e) == 0) {
        if (r.n > ICAL_MAX_OCCURRENCES || r.nev > r.n)
            abort();
        size_t run = 0;
        for (size_t i = 0; i < r.n; i++) {
            const struct ical_event *ev = ical_occ_event(&r, &r.v[i]);
            if (!ev || r.v[i].end < r.v[i].start || r.v[i].event >= r.nev)
                abort();
            if (i && r.v[i].start < r.v[i - 1].start)
                abort();
            run += r.v[i].event == r.v[0].event;
        }
        if (run > ICAL_MAX_PER_EVENT)
            abort();
        char *cuts = ical_cuts(&r);
        if ((r.ncut || r.late_from || r.nunexpanded || r.nskipped) != (cuts != NULL))
            abort();
        free(cuts);
        ical_result_free(&r);
    }
}

void fuzz_postevents(const uint8_t *data, size_t size)
{
    char *s = cstr(data, size);
    struct post_event *v;
    size_t n = post_events_extract(s, "2024-05-27", &v);
    for (size_t i = 0; i < n; i++)
        if (!v[i].title || !*v[i].title || (v[i].url && !str_is_http_url(v[i].url)))
            abort();
    post_events_free(v, n);
    free(post_week_label(s, "2024-05-27", NULL));
    free(s);
}

static void count_link(const char *repo, int number, const char *url, void *arg)
{
    if (!repo || !*repo || number <= 0 || !url)
        abort();
    ++*(size_t *)arg;
}

void fuzz_board(const uint8_t *data, size_t size)
{
    struct board_page page;
    struct cu_err e;
    if (board_parse_page((const char *)data, size, 0, &page, &e) == BOARD_GQL_OK)
        board_page_free(&page);
    struct board_item it;
    if (board_parse_issue((const char *)data, size, &it, &e) == 0)
        board_item_free(&it);
    char *s = cstr(data, size);
    size_t n = 0;
    board_scan_links(s, count_link, &n);
    free(s);
}

/* A feed, and each entry's HTML laid out as the reader does. */
void fuzz_feed(const uint8_t *data, size_t size)
{
    struct feed f;
    struct cu_err e;
    if (feed_parse((const char *)data, size, "https://example.org/feed.xml", &f, &e) < 0)
        return;
    for (size_t i = 0; i < f.n; i++) {
        struct doc *d;
        const struct feed_entry *en = &f.entries[i];
        if (!en->id || !en->body)
            abort();
        doc_parse_html(en->body, strlen(en->body), en->base, &d, &e);
        struct doc_layout *l = doc_layout(d, 33, DOC_LAYOUT_LINKS);
        for (size_t k = 0; k < l->nlines; k++)
            if (l->lines[k].width > 33)
                abort();
        doc_layout_free(l);
        doc_free(d);
    }
    feed_free(&f);
}

/* A string handed out by issues.c: terminal-safe (newlines and tabs only
 * where asked). */
static void check_safe(const char *s, bool lines)
{
    for (const unsigned char *p = (const unsigned char *)s; s && *p; p++)
        if ((*p < 0x20 && !(lines && (*p == '\n' || *p == '\t'))) || *p == 0x7f)
            abort();
}

static void check_url(const char *u)
{
    if (u && (!str_is_http_url(u) || url_has_userinfo(u)))
        abort();
}

/* An issue as a post: its title, date and Markdown (as github_issues.c makes
 * it), with these comments.  A safe title (as parsed) gives safe parts. */
static void issue_as_post(const struct gh_issue *is, const struct gh_comment *c, size_t n,
                          bool safe)
{
    char *about = NULL;
    char *title = issue_post_title(is->title, &about);
    if (!title)
        abort();
    if (safe) {
        check_safe(title, false);
        check_safe(about, false);
    }
    char *day = issue_title_date(is->title);
    if (day && strlen(day) != 10)
        abort();
    char *md = issue_markdown(is, c, n);
    if (!md)
        abort();
    free(md);
    free(day);
    free(title);
    free(about);
}

/* An issues list or search answer, a comments page, and the bytes as a
 * title ERE (github-issues:OWNER/REPO?title=ERE). */
void fuzz_issues(const uint8_t *data, size_t size)
{
    struct gh_issue *v;
    struct gh_comment *c;
    size_t n, nc;
    struct cu_err e;
    if (gh_issues_parse((const char *)data, size, &v, &n, &e) == 0) {
        for (size_t i = 0; i < n; i++) {
            const struct gh_issue *is = &v[i];
            if (is->number <= 0 || !is->title || !is->body)
                abort();
            check_safe(is->title, false);
            check_safe(is->state, false);
            check_safe(is->author, false);
            check_safe(is->body, true);
            check_url(is->url);
            for (size_t k = 0; k < is->labels.n; k++)
                check_safe(is->labels.v[k], false);
            issue_as_post(is, NULL, 0, true);
        }
        gh_issues_free(v, n);
    }
    if (gh_comments_parse((const char *)data, size, &c, &nc, &e) == 0) {
        for (size_t i = 0; i < nc; i++) {
            check_safe(c[i].author, false);
            check_safe(c[i].body, true);
            check_url(c[i].url);
        }
        struct gh_issue is = {
            .number = 1, .title = "[TOC AI Meeting] 2025-12-19 - Demo", .body = ""};
        issue_as_post(&is, c, nc, true);
        gh_comments_free(c, nc);
    }
    char *s = cstr(data, size);
    char *words = issue_ere_words(s);
    if (words && strlen(words) < 3)
        abort();
    free(words);
    struct gh_issue is = {.number = 2, .title = s, .body = s};
    issue_as_post(&is, NULL, 0, false);
    free(s);
}

const struct fuzz_target fuzz_targets[] = {
    {"feed", fuzz_feed},
    {"frontmatter", fuzz_frontmatter},
    {"markdown", fuzz_markdown},
    {"listing", fuzz_listing},
    {"linkheader", fuzz_linkheader},
    {"text", fuzz_text},
    {"ical", fuzz_ical},
    {"postevents", fuzz_postevents},
    {"board", fuzz_board},
    {"issues", fuzz_issues},
    {NULL, NULL},
};
