/* github_issues.c: posts from GitHub issues
 * (posts = github-issues:OWNER/REPO?title=ERE&labels=A,B&state=all).
 *
 * GitHub allows 60 API requests an hour without a token, and a real
 * repository has thousands of issues, so nothing lists them all to filter
 * titles here.  A title filter asks the search API for the words the ERE
 * requires (or the search= key's), sorted by update, and applies the ERE to
 * what comes back; a labels-only filter lists the repository's issues with
 * those labels.  Later refreshes ask only for what was updated since the
 * newest update stored (search's updated:>=, the list's since=), so a
 * refresh that changes nothing costs one request.  An issue's comments are
 * fetched only when its updated_at moved and it has any: a new comment
 * costs the search and one comments request.
 *
 * A post's sha is its issue's updated_at.  The cursor (the newest update
 * seen) is stored only when every matching issue was stored, so an issue
 * whose comments failed is asked for again next time. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catchup/issues.h"
#include "timeline_int.h"

/* A search answers at most 1,000 results (10 pages); a list is followed as
 * far, and a thread of comments for 10 pages of 100. */
enum { MAX_PAGES = 10, PER_PAGE = 100 };

enum iss_state { ISS_SAME, ISS_PENDING, ISS_READY, ISS_FAILED };

struct iss {
    struct issues_run *ir;
    struct gh_issue is;
    struct gh_comment *comments;
    size_t ncomments;
    int pages;
    enum iss_state state;
    bool is_new;
    char *id;
    char *body; /* the post's Markdown, once READY */
};

struct issues_run {
    struct source_run *run;
    const struct posts_src *src;
    const struct post_key *keys; /* sorted by id (borrowed) */
    size_t nkeys;
    char *cursor_key; /* state key of the newest update stored */
    char *first_url;
    char *new_etag;
    bool not_modified;
    bool listed; /* every page arrived and was read */
    int pages;
    struct iss *items;
    size_t nitems, cap;
    char *newest; /* the newest updated_at seen */
};

static int key_cmp(const void *a, const void *b)
{
    return strcmp(((const struct post_key *)a)->id, ((const struct post_key *)b)->id);
}

static const struct post_key *cached(const struct issues_run *ir, const char *id)
{
    struct post_key probe = {.id = (char *)id};
    return ir->nkeys ? bsearch(&probe, ir->keys, ir->nkeys, sizeof(*ir->keys), key_cmp) : NULL;
}

static bool has_label(const struct gh_issue *is, const char *label)
{
    for (size_t i = 0; i < is->labels.n; i++)
        if (!str_casecmp(is->labels.v[i], label))
            return true;
    return false;
}

/* The filters, applied here whatever the server did. */
static bool matches(const struct posts_src *src, const struct gh_issue *is)
{
    if (is->is_pr)
        return false;
    if (strcmp(src->state, "all") && (!is->state || strcmp(is->state, src->state)))
        return false;
    for (size_t i = 0; i < src->labels.n; i++)
        if (!has_label(is, src->labels.v[i]))
            return false;
    return !src->has_title_re || regexec(&src->title_re, is->title, 0, NULL, 0) == 0;
}

static char *list_url(const struct issues_run *ir, const char *since)
{
    const struct posts_src *src = ir->src;
    const char *api = ir->run->config->api;
    char *o = url_escape(src->owner, NULL), *r = url_escape(src->repo, NULL);
    struct buf b;
    buf_init(&b, 0);
    char *words = src->search ? xstrdup(src->search) : issue_ere_words(src->title);
    if (words) {
        /* GET /search/issues?q=repo:O/R is:issue in:title "words" ... */
        struct buf q;
        buf_init(&q, 0);
        buf_addf(&q, "repo:%s/%s is:issue in:title \"%s\"", src->owner, src->repo, words);
        for (size_t i = 0; i < src->labels.n; i++)
            buf_addf(&q, " label:\"%s\"", src->labels.v[i]);
        if (strcmp(src->state, "all"))
            buf_addf(&q, " state:%s", src->state);
        if (since)
            buf_addf(&q, " updated:>=%s", since);
        char *qe = url_escape(q.data, NULL);
        buf_addf(&b, "%s/search/issues?q=%s&sort=updated&order=desc&per_page=%d", api, qe,
                 PER_PAGE);
        free(qe);
        buf_free(&q);
    } else {
        buf_addf(&b, "%s/repos/%s/%s/issues?state=%s", api, o, r, src->state);
        if (src->labels.n) {
            buf_adds(&b, "&labels=");
            for (size_t i = 0; i < src->labels.n; i++) {
                char *l = url_escape(src->labels.v[i], NULL);
                buf_addf(&b, "%s%s", i ? "," : "", l);
                free(l);
            }
        }
        buf_addf(&b, "&sort=updated&direction=desc&per_page=%d", PER_PAGE);
        if (since) {
            char *se = url_escape(since, NULL);
            buf_addf(&b, "&since=%s", se);
            free(se);
        }
    }
    free(words);
    free(o);
    free(r);
    return buf_take(&b);
}

static void on_comments(struct http *h, const struct http_resp *r, void *arg);

static void fetch_comments(struct iss *it, const char *url)
{
    struct source_run *run = it->ir->run;
    struct cu_err e;
    if (source_get(run, url, NULL, HTTP_MAX_JSON, on_comments, it, &e) < 0) {
        source_fail(run, "%s: its comments: %s", it->id, e.msg);
        it->state = ISS_FAILED;
    }
}

static void issue_ready(struct iss *it)
{
    it->body = issue_markdown(&it->is, it->comments, it->ncomments);
    it->state = ISS_READY;
}

static void on_comments(struct http *h, const struct http_resp *r, void *arg)
{
    (void)h;
    struct iss *it = arg;
    struct source_run *run = it->ir->run;
    struct cu_err e;
    struct gh_comment *v;
    size_t n;
    if (http_check(r, &e) < 0 || gh_comments_parse(r->body, r->len, &v, &n, &e) < 0) {
        source_fail(run, "%s: its comments: %s", it->id, e.msg);
        it->state = ISS_FAILED;
        return;
    }
    it->comments = xrealloc(it->comments, (it->ncomments + n + 1) * sizeof(*v));
    memcpy(it->comments + it->ncomments, v, n * sizeof(*v));
    it->ncomments += n;
    free(v);
    char *next = http_link_rel(r->link, "next");
    if (next && (!http_page_forward(r->url, next) || ++it->pages >= MAX_PAGES)) {
        source_warn(run, "comments cut", "%s: only the first %d pages of its comments were read",
                    it->id, MAX_PAGES);
        free(next);
        next = NULL;
    }
    if (next)
        fetch_comments(it, next);
    else
        issue_ready(it);
    free(next);
}

static struct iss *find_item(struct issues_run *ir, long number)
{
    for (size_t i = 0; i < ir->nitems; i++)
        if (ir->items[i].is.number == number)
            return &ir->items[i];
    return NULL;
}

/* Takes one listed issue (its strings move into the item). */
static void take_issue(struct issues_run *ir, struct gh_issue *is)
{
    if (!matches(ir->src, is) || find_item(ir, is->number))
        return;
    if (is->updated_at && (!ir->newest || strcmp(is->updated_at, ir->newest) > 0)) {
        free(ir->newest);
        ir->newest = xstrdup(is->updated_at);
    }
    ir->items = xgrow(ir->items, ir->nitems, &ir->cap, sizeof(*ir->items), 16);
    struct iss *it = memset(&ir->items[ir->nitems++], 0, sizeof(*ir->items));
    it->ir = ir;
    it->is = *is;
    memset(is, 0, sizeof(*is));
    it->id = xasprintf("%s#%ld", ir->src->repo, it->is.number);
    const struct post_key *k = cached(ir, it->id);
    it->is_new = !k;
    if (k && k->sha && it->is.updated_at && !strcmp(k->sha, it->is.updated_at)) {
        it->state = ISS_SAME;
        return;
    }
    it->state = ISS_PENDING;
    if (it->is.comments <= 0) {
        issue_ready(it);
        return;
    }
    const char *api = ir->run->config->api;
    char *o = url_escape(ir->src->owner, NULL), *r = url_escape(ir->src->repo, NULL);
    char *url = xasprintf("%s/repos/%s/%s/issues/%ld/comments?per_page=%d", api, o, r,
                          it->is.number, PER_PAGE);
    fetch_comments(it, url);
    free(url);
    free(o);
    free(r);
}

static void on_page(struct http *h, const struct http_resp *r, void *arg)
{
    (void)h;
    struct issues_run *ir = arg;
    struct source_run *run = ir->run;
    struct cu_err e;
    if (http_check(r, &e) < 0) {
        source_fail(run, "%s issues: %s", ir->src->badge, e.msg);
        return;
    }
    if (r->status == 304) {
        ir->not_modified = true;
        ir->listed = true;
        return;
    }
    struct gh_issue *v;
    size_t n;
    if (gh_issues_parse(r->body, r->len, &v, &n, &e) < 0) {
        source_fail(run, "the issues from %s are %s", r->url, e.msg);
        return;
    }
    for (size_t i = 0; i < n; i++)
        take_issue(ir, &v[i]);
    gh_issues_free(v, n);
    if (!ir->pages++ && r->etag)
        ir->new_etag = xstrdup(r->etag);
    char *next = http_link_rel(r->link, "next");
    if (next && (!http_page_forward(r->url, next) || ir->pages >= MAX_PAGES)) {
        source_warn(run, "issues cut", "%s: only the first %d pages of issues were read",
                    ir->src->spec, MAX_PAGES);
        free(next);
        next = NULL;
    }
    if (!next) {
        ir->listed = true;
        return;
    }
    if (source_get(run, next, NULL, HTTP_MAX_JSON, on_page, ir, &e) < 0)
        source_fail(run, "%s issues: %s", ir->src->badge, e.msg);
    free(next);
}

static void *issues_start(struct source_run *run, const struct posts_src *src,
                          const struct post_key *keys, size_t nkeys)
{
    struct issues_run *ir = xcalloc(1, sizeof(*ir));
    ir->run = run;
    ir->src = src;
    ir->keys = keys;
    ir->nkeys = nkeys;
    ir->cursor_key = xasprintf("issues_since:%s:%s", run->group->key, src->spec);
    /* Without cached posts an answer "nothing new" would leave nothing. */
    char *since = nkeys ? store_state_get(run->store, ir->cursor_key) : NULL;
    ir->first_url = list_url(ir, since);
    char *etag = nkeys ? store_etag_get(run->store, ir->first_url) : NULL;
    struct cu_err e;
    if (source_get(run, ir->first_url, etag, HTTP_MAX_JSON, on_page, ir, &e) < 0)
        source_fail(run, "%s issues: %s", src->badge, e.msg);
    free(etag);
    free(since);
    return ir;
}

static int put_issue(struct issues_run *ir, struct iss *it, struct source_run *run,
                     struct posts_tally *t, struct cu_err *e)
{
    struct post p = {0};
    char *series = NULL;
    char *title = ir->src->title ? issue_post_title(it->is.title, &series) : xstrdup(it->is.title);
    char *day = issue_title_date(it->is.title);
    p.grp = run->group->key;
    p.id = it->id;
    p.sha = it->is.updated_at;
    p.title = title;
    p.description = series;
    p.type = "issue";
    p.date = day ? day : it->is.created_at;
    p.date_source = day ? "title" : "created";
    p.body = it->body;
    p.text = posts_plain_text(it->body, it->is.url);
    p.url = it->is.url;
    p.base_url = it->is.url;
    p.src = ir->src->spec;
    p.badge = ir->src->badge;
    p.unread_again = true;
    int put = store_post_put(run->store, &p, run->now, e);
    free(p.text);
    free(title);
    free(series);
    free(day);
    if (put < 0)
        return -1;
    if (put > 0)
        t->taken++;
    else if (it->is_new)
        t->added++;
    else
        t->updated++;
    return 0;
}

static int issues_commit(void *state, struct source_run *run, struct posts_tally *t,
                         struct cu_err *e)
{
    struct issues_run *ir = state;
    unsigned known = (unsigned)ir->nkeys, fresh = 0, redone = 0;
    bool complete = ir->listed;
    if (!ir->listed) {
        t->failed++; /* why is in the report; what the cache holds stays */
        t->kept += known;
        return 0;
    }
    for (size_t i = 0; ir->listed && i < ir->nitems; i++) {
        struct iss *it = &ir->items[i];
        fresh += it->is_new;
        if (it->state == ISS_READY) {
            if (put_issue(ir, it, run, t, e) < 0)
                return -1;
            redone += !it->is_new;
        } else if (it->state != ISS_SAME) {
            complete = false; /* failed: counted as such, stored next time */
            redone += !it->is_new;
        }
    }
    t->total += known + fresh;
    t->same += known - redone;
    if (!complete)
        return 0;
    if (ir->newest && !ir->not_modified &&
        store_state_set(run->store, ir->cursor_key, ir->newest, e) < 0)
        return -1;
    if (ir->not_modified)
        return 0;
    return ir->new_etag ? store_etag_put(run->store, ir->first_url, ir->new_etag, e)
                        : store_etag_delete(run->store, ir->first_url, e);
}

static void issues_each(void *state, void (*cb)(const char *id, const char *body, void *arg),
                        void *arg)
{
    struct issues_run *ir = state;
    for (size_t i = 0; i < ir->nitems; i++)
        if (ir->items[i].state == ISS_READY)
            cb(ir->items[i].id, ir->items[i].body, arg);
}

static void issues_free(void *state)
{
    struct issues_run *ir = state;
    for (size_t i = 0; i < ir->nitems; i++) {
        struct iss *it = &ir->items[i];
        gh_issue_clear(&it->is);
        gh_comments_free(it->comments, it->ncomments);
        free(it->id);
        free(it->body);
    }
    free(ir->items);
    free(ir->cursor_key);
    free(ir->first_url);
    free(ir->new_etag);
    free(ir->newest);
    free(ir);
}

const struct posts_kind posts_issues = {
    .kinds = 1u << SRC_GITHUB_ISSUES,
    .start = issues_start,
    .commit = issues_commit,
    .each_read = issues_each,
    .free_state = issues_free,
};
