/* src_board.c: the board source.
 *
 * With a token: the board's items through GraphQL (POST {api}/graphql), 100
 * a page, following endCursor until hasNextPage is false.  A board read is
 * stored only whole: a failed page leaves the previous board rows as they
 * were.
 *
 * Linked issues: the GitHub issues and pull requests the cached posts link
 * to, each GET {api}/repos/{o}/{r}/issues/{n} with its stored ETag, so a
 * refresh that changes nothing costs only 304s.  Without a token they stand
 * in for the board.  With one they are still asked for, those not on the
 * board only (after its last page), because the reader badges every issue
 * link with its state; the board's own items already carry theirs.
 *
 * Without a token every request counts against 60 an hour, 304s included
 * (GitHub frees only authorized ones), and the posts share that budget: a
 * year of weeks links dozens of issues.  So a merged pull request (final) is
 * not asked again, and a closed issue only once a week; open ones are asked
 * on every refresh.  An issue that was not found (404, 410: deleted,
 * private, moved) is remembered and asked again a week later; and at most
 * LINKS_PER_REFRESH are asked a refresh, those asked longest ago first, so
 * a post with thousands of links costs a few refreshes, not the hour's
 * budget each time.  With a token, 304s are free and there is no cap; an
 * issue not found without a token is asked with one (it may be private).
 *
 * The links come from the posts cached when the refresh starts and, once
 * every transfer has ended (settled), from the posts this refresh read, so
 * a first refresh already shows their states.  commit() rescans the posts
 * just stored (same transaction, posts commit first) so "Mentioned in" is
 * current; links that could not be asked (the token was refused) wait for
 * the next refresh, and the report says so. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catchup/board.h"
#include "catchup/source.h"
#include "posts.h"
#include "catchup/store_board.h"

/* 100 pages of 100: a board past that is not a working group's. */
enum { MAX_PAGES = 100 };
/* How often a closed issue is asked again without a token. */
#define RECHECK_CLOSED (7 * 86400)
/* How often an issue that was not found is asked again. */
#define RECHECK_GONE (7 * 86400)
/* Linked issues asked a refresh without a token (60 requests an hour). */
enum { LINKS_PER_REFRESH = 30 };

enum link_state {
    LINK_PENDING,
    LINK_ON_BOARD,
    LINK_RESTING,
    LINK_GONE_RESTING, /* not found within the week: not asked */
    LINK_DEFERRED,     /* over the cap: asked on a later refresh */
    LINK_FETCHED,
    LINK_UNCHANGED,
    LINK_GONE,
    LINK_FAILED
};

struct linked {
    struct board_run *br;
    char *key;  /* lower case "owner/repo#N" */
    char *repo; /* as first written in a post */
    int number;
    char *url; /* the API URL asked */
    bool queued;
    bool cached;     /* the cache has a row for it */
    bool was_gone;   /* the cache remembers it as not found */
    time_t asked_at; /* when it was last answered for (0: never) */
    enum link_state state;
    struct board_item item; /* LINK_FETCHED */
    char *etag;
};

struct board_run {
    struct source_run *run;
    /* what the cache held at the start */
    struct board_item *cached;
    size_t ncached;
    /* the linked issues of the cached posts */
    struct linked *links;
    size_t nlinks, caplinks;
    struct board_gone *gone; /* the linked issues not found before */
    size_t ngone;
    size_t asked; /* linked issues asked in this refresh */
    /* the board */
    bool graphql;    /* a token: read the board */
    bool board_done; /* every page arrived and was read */
    struct board_item *items;
    size_t nitems, capitems;
    size_t skipped;
    size_t unlabelled; /* items the board's label filter left out */
    int pages;
    char *cursor;
    long total;
    char *title, *url;
    char *board_name;   /* "cncf/projects/38" */
    bool token_refused; /* the board answered 401 */
};

static bool board_wanted(const struct group *g)
{
    return g->board_org && g->board_number > 0;
}

static const struct board_item *cached_item(const struct board_run *br, const char *key)
{
    for (size_t i = 0; i < br->ncached; i++)
        if (!strcmp(br->cached[i].key, key))
            return &br->cached[i];
    return NULL;
}

static struct linked *find_link(struct board_run *br, const char *key)
{
    for (size_t i = 0; i < br->nlinks; i++)
        if (!strcmp(br->links[i].key, key))
            return &br->links[i];
    return NULL;
}

static void collect_link(const char *repo, int number, const char *url, void *arg)
{
    (void)url;
    struct board_run *br = arg;
    char *key = board_key(repo, number);
    if (find_link(br, key)) {
        free(key);
        return;
    }
    br->links = xgrow(br->links, br->nlinks, &br->caplinks, sizeof(*br->links), 16);
    struct linked *l = &br->links[br->nlinks++];
    memset(l, 0, sizeof(*l));
    l->br = br;
    l->key = key;
    l->repo = xstrdup(repo);
    l->number = number;
}

static void collect_post_links(const char *post_id, const char *body, void *arg)
{
    (void)post_id;
    board_scan_links(body, collect_link, arg);
}

/* ---- linked issues (REST) ------------------------------------------------ */

static void on_issue(struct http *h, const struct http_resp *r, void *arg)
{
    (void)h;
    struct linked *l = arg;
    struct source_run *run = l->br->run;
    struct cu_err e;
    if (r->status == 404 || r->status == 410) {
        /* deleted, private or moved away: nothing to show, nothing wrong */
        l->state = LINK_GONE;
        return;
    }
    if (http_check(r, &e) < 0) {
        source_fail(run, "%s#%d: %s", l->repo, l->number, e.msg);
        l->state = LINK_FAILED;
        return;
    }
    if (r->status == 304) {
        l->state = LINK_UNCHANGED;
        return;
    }
    if (board_parse_issue(r->body, r->len, &l->item, &e) < 0) {
        source_fail(run, "%s#%d: %s", l->repo, l->number, e.msg);
        l->state = LINK_FAILED;
        return;
    }
    /* A transferred issue answers for its new place; it stays filed under
     * the link the posts wrote. */
    free(l->item.key);
    l->item.key = xstrdup(l->key);
    l->etag = xstrdup(r->etag);
    l->state = LINK_FETCHED;
}

static char *issue_api_url(const struct source_run *run, const char *key)
{
    /* The key is "owner/repo#N" of GitHub names (board_issue_ref checked). */
    const char *hash = strrchr(key, '#');
    return xasprintf("%s/repos/%.*s/issues/%s", run->config->api, (int)(hash - key), key, hash + 1);
}

static void queue_link(struct board_run *br, struct linked *l)
{
    struct source_run *run = br->run;
    struct cu_err e;
    l->queued = true;
    l->url = issue_api_url(run, l->key);
    l->cached = cached_item(br, l->key) != NULL;
    /* Without a cached row a 304 would leave nothing to show. */
    char *etag = l->cached ? store_etag_get(run->store, l->url) : NULL;
    if (source_get(run, l->url, etag, HTTP_MAX_JSON, on_issue, l, &e) < 0) {
        source_fail(run, "%s#%d: %s", l->repo, l->number, e.msg);
        l->state = LINK_FAILED;
    }
    free(etag);
}

static const struct board_gone *gone_item(const struct board_run *br, const char *key)
{
    for (size_t i = 0; i < br->ngone; i++)
        if (!strcmp(br->gone[i].key, key))
            return &br->gone[i];
    return NULL;
}

/* Without a token: a state that cannot change (merged), or is unlikely to
 * (closed, asked within the week), is not asked for.  Not found within
 * the week: not asked either (with a token, only when it was not found
 * with one too). */
static enum link_state resting(const struct board_run *br, const struct linked *l)
{
    const struct board_gone *g = gone_item(br, l->key);
    if (g && br->run->now - g->checked_at < RECHECK_GONE && (g->token || !br->graphql))
        return LINK_GONE_RESTING;
    const struct board_item *old = cached_item(br, l->key);
    if (br->graphql || !old || !old->checked_at)
        return LINK_PENDING;
    if (!strcmp(old->state, "merged"))
        return LINK_RESTING;
    return !strcmp(old->state, "closed") && br->run->now - old->checked_at < RECHECK_CLOSED
               ? LINK_RESTING
               : LINK_PENDING;
}

static int by_asked_at(const void *a, const void *b)
{
    const struct linked *x = *(struct linked *const *)a, *y = *(struct linked *const *)b;
    if (x->asked_at != y->asked_at)
        return x->asked_at < y->asked_at ? -1 : 1;
    return x < y ? -1 : x > y; /* stable: in the order the posts link them */
}

/* Asks for every linked issue the board did not bring; without a token at
 * most LINKS_PER_REFRESH in all, those asked longest ago (or never) first. */
static void queue_links(struct board_run *br)
{
    struct linked **pending = xcalloc(br->nlinks ? br->nlinks : 1, sizeof(*pending));
    size_t n = 0;
    for (size_t i = 0; i < br->nlinks; i++) {
        struct linked *l = &br->links[i];
        if (l->queued || l->state != LINK_PENDING)
            continue;
        l->state = resting(br, l);
        if (l->state != LINK_PENDING)
            continue;
        const struct board_item *old = cached_item(br, l->key);
        const struct board_gone *g = gone_item(br, l->key);
        l->was_gone = g != NULL;
        l->asked_at = g ? g->checked_at : old ? old->checked_at : 0;
        pending[n++] = l;
    }
    qsort(pending, n, sizeof(*pending), by_asked_at);
    for (size_t i = 0; i < n; i++) {
        if (!br->graphql && br->asked >= LINKS_PER_REFRESH) {
            pending[i]->state = LINK_DEFERRED;
            continue;
        }
        br->asked++;
        queue_link(br, pending[i]);
    }
    free(pending);
}

/* ---- the board (GraphQL) ---------------------------------------------------- */

static void on_page(struct http *h, const struct http_resp *r, void *arg);

static void queue_page(struct board_run *br)
{
    struct source_run *run = br->run;
    const struct group *g = run->group;
    char *url = xasprintf("%s/graphql", run->config->api);
    char *body = board_query_json(g->board_org, g->board_number, BOARD_PAGE_SIZE, br->cursor);
    struct cu_err e;
    if (source_post_json(run, url, body, HTTP_MAX_JSON, on_page, br, &e) < 0) {
        source_fail(run, "%s", e.msg);
        queue_links(br);
    }
    free(url);
    free(body);
}

static bool have_item(const struct board_run *br, const char *key)
{
    for (size_t i = 0; i < br->nitems; i++)
        if (!strcmp(br->items[i].key, key))
            return true;
    return false;
}

/* A page's failure: why, in words that say what to do. */
static void page_failed(struct board_run *br, enum board_gql kind, const struct cu_err *why)
{
    struct source_run *run = br->run;
    switch (kind) {
    case BOARD_GQL_SCOPES:
        source_fail(run, "the token lacks read:project: create one with that scope "
                         "(https://github.com/settings/tokens)");
        break;
    case BOARD_GQL_NOT_FOUND:
        source_fail(run, "github:%s was not found: check the board key", br->board_name);
        break;
    case BOARD_GQL_ERROR: source_fail(run, "GitHub could not read the board: %s", why->msg); break;
    default: source_fail(run, "the board's answer from GitHub is unreadable: %s", why->msg); break;
    }
}

static void on_page(struct http *h, const struct http_resp *r, void *arg)
{
    (void)h;
    struct board_run *br = arg;
    struct source_run *run = br->run;
    struct cu_err e;
    if (r->status == 401) {
        /* The same token would be refused for every issue too. */
        source_fail(run, "the token was refused (401): check GITHUB_TOKEN or GH_TOKEN");
        br->token_refused = true;
        return;
    }
    if (http_check(r, &e) < 0) {
        source_fail(run, "%s", e.msg);
        queue_links(br);
        return;
    }
    struct board_page page;
    enum board_gql kind = board_parse_page(r->body, r->len, (long)br->nitems, &page, &e);
    if (kind != BOARD_GQL_OK) {
        page_failed(br, kind, &e);
        queue_links(br);
        return;
    }
    br->pages++;
    br->skipped += page.skipped;
    for (size_t i = 0; i < page.n; i++) {
        struct board_item *it = &page.items[i];
        if (have_item(br, it->key))
            continue; /* a board holds an issue once; a repeat is the server's */
        if (run->group->board_labels.n && !board_item_labelled(it, &run->group->board_labels)) {
            br->unlabelled++; /* a shared board: not this group's */
            continue;
        }
        br->items = xgrow(br->items, br->nitems, &br->capitems, sizeof(*br->items), 128);
        br->items[br->nitems++] = *it;
        memset(it, 0, sizeof(*it));
    }
    if (br->pages == 1) {
        br->title = page.title, page.title = NULL;
        br->url = page.url, page.url = NULL;
        br->total = page.total;
    }
    bool more = page.has_next;
    bool advanced = page.end_cursor && (!br->cursor || strcmp(page.end_cursor, br->cursor));
    if (page.end_cursor) {
        free(br->cursor);
        br->cursor = page.end_cursor;
        page.end_cursor = NULL;
    }
    board_page_free(&page);
    if (more && !advanced) {
        source_fail(run, "the board's pages do not advance (cursor %s); try again later",
                    br->cursor ? br->cursor : "missing");
    } else if (more && br->pages >= MAX_PAGES) {
        source_fail(run, "the board has more than %d items; catchup reads at most that many",
                    MAX_PAGES * BOARD_PAGE_SIZE);
    } else if (more) {
        queue_page(br);
        return;
    } else {
        br->board_done = true;
        for (size_t i = 0; i < br->nlinks; i++)
            if (have_item(br, br->links[i].key))
                br->links[i].state = LINK_ON_BOARD;
    }
    queue_links(br);
}

/* ---- the source ------------------------------------------------------------ */

static void *board_start(struct source_run *run)
{
    struct board_run *br = xcalloc(1, sizeof(*br));
    br->run = run;
    br->total = -1;
    const struct group *g = run->group;
    br->board_name = xasprintf("%s/projects/%d", g->board_org, g->board_number);
    struct cu_err e;
    if (store_board_items(run->store, g->key, BOARD_LIST_ALL, &br->cached, &br->ncached, &e) < 0 ||
        store_board_gone(run->store, g->key, &br->gone, &br->ngone, &e) < 0 ||
        store_board_each_post(run->store, g->key, collect_post_links, br, &e) < 0) {
        source_fail(run, "%s", e.msg);
        return br;
    }
    br->graphql = http_has_token(run->http);
    if (br->graphql)
        queue_page(br);
    else
        queue_links(br);
    return br;
}

/* When everything has arrived: the issues that posts of this refresh link
 * to are asked now, so a first refresh shows them (the posts are read by
 * then, though not stored yet).  Nothing is in flight here, so growing
 * br->links moves no pointer a transfer holds. */
static void board_settled(void *state, struct source_run *run)
{
    struct board_run *br = state;
    if (br->token_refused)
        return; /* it would be refused again for every issue */
    size_t before = br->nlinks;
    posts_each_read(source_peer_state(run, &source_posts), collect_post_links, br);
    for (size_t i = before; i < br->nlinks; i++)
        if (br->graphql && br->board_done && have_item(br, br->links[i].key))
            br->links[i].state = LINK_ON_BOARD;
    if (br->nlinks > before)
        queue_links(br);
}

/* The posts' links as stored in this transaction. */
struct mention_scan {
    struct board_link *v;
    size_t n, cap;
    const char *post_id;
    size_t post_first; /* where this post's links start in v */
};

static void add_mention(const char *repo, int number, const char *url, void *arg)
{
    struct mention_scan *ms = arg;
    char *key = board_key(repo, number);
    for (size_t i = ms->post_first; i < ms->n; i++)
        if (!strcmp(ms->v[i].key, key)) {
            free(key);
            return;
        }
    ms->v = xgrow(ms->v, ms->n, &ms->cap, sizeof(*ms->v), 32);
    ms->v[ms->n++] = (struct board_link){key, xstrdup(ms->post_id), xstrdup(url)};
}

static void scan_post(const char *post_id, const char *body, void *arg)
{
    struct mention_scan *ms = arg;
    ms->post_id = post_id;
    ms->post_first = ms->n;
    board_scan_links(body, add_mention, ms);
}

static void mentions_free(struct mention_scan *ms)
{
    for (size_t i = 0; i < ms->n; i++) {
        free(ms->v[i].key);
        free(ms->v[i].post_id);
        free(ms->v[i].url);
    }
    free(ms->v);
}

/* Stores the board read, when it was whole. */
static int commit_board(struct board_run *br, size_t *n_open, struct cu_err *e)
{
    struct source_run *run = br->run;
    const char *grp = run->group->key;
    struct strv keys = {0};
    for (size_t i = 0; i < br->nitems; i++) {
        if (store_board_put_board(run->store, grp, &br->items[i], run->now, e) < 0) {
            strv_free(&keys);
            return -1;
        }
        strv_push(&keys, br->items[i].key);
        if (board_item_open(&br->items[i]))
            (*n_open)++;
    }
    int rc = store_board_unboard_except(run->store, grp, &keys, run->now, e);
    strv_free(&keys);
    if (rc < 0)
        return -1;
    struct board_sync sync = {br->board_name, br->title,  br->url, br->pages,
                              br->total,      br->cursor, run->now};
    return store_board_sync_put(run->store, grp, &sync, e);
}

struct link_counts {
    size_t asked, fresh, updated, unchanged, gone, failed, resting, gone_resting, deferred;
};

static int commit_links(struct board_run *br, struct link_counts *c, struct cu_err *e)
{
    struct source_run *run = br->run;
    const char *grp = run->group->key;
    for (size_t i = 0; i < br->nlinks; i++) {
        struct linked *l = &br->links[i];
        c->resting += l->state == LINK_RESTING;
        c->gone_resting += l->state == LINK_GONE_RESTING;
        c->deferred += l->state == LINK_DEFERRED;
        if (!l->queued)
            continue;
        c->asked++;
        if (l->was_gone && (l->state == LINK_FETCHED || l->state == LINK_UNCHANGED) &&
            store_board_gone_delete(run->store, grp, l->key, e) < 0)
            return -1;
        switch (l->state) {
        case LINK_FETCHED:
            if (store_board_put_issue(run->store, grp, &l->item, run->now, e) < 0 ||
                store_etag_put(run->store, l->url, l->etag, e) < 0)
                return -1;
            if (l->cached)
                c->updated++;
            else
                c->fresh++;
            break;
        case LINK_UNCHANGED:
            if (store_board_checked(run->store, grp, l->key, run->now, e) < 0)
                return -1;
            c->unchanged++;
            break;
        case LINK_GONE: {
            const struct board_item *old = cached_item(br, l->key);
            if (old && !old->on_board && store_board_delete(run->store, grp, l->key, e) < 0)
                return -1;
            if (store_etag_delete(run->store, l->url, e) < 0 ||
                store_board_gone_put(run->store, grp, l->key, run->now, br->graphql, e) < 0)
                return -1;
            c->gone++;
            break;
        }
        default: c->failed++; break;
        }
    }
    return 0;
}

static void summarize(struct board_run *br, size_t n_board_open, const struct link_counts *c,
                      size_t n_linked, size_t n_linked_open, size_t n_waiting)
{
    struct source_run *run = br->run;
    struct buf b;
    buf_init(&b, 0);
    /* A failure the counts below do not show is said first. */
    bool board_failed = br->graphql && !br->board_done;
    if (source_failed(run) && (board_failed || !c->failed)) {
        size_t kept = 0;
        for (size_t i = 0; board_failed && i < br->ncached; i++)
            kept += br->cached[i].on_board;
        buf_adds(&b, "failed");
        if (kept)
            buf_addf(&b, " (%zu item%s kept from before)", kept, kept == 1 ? "" : "s");
    }
    if (br->graphql && br->board_done) {
        buf_addf(&b, "%zu item%s (%zu open)", br->nitems, br->nitems == 1 ? "" : "s", n_board_open);
        if (br->skipped)
            buf_addf(&b, ", %zu not visible to this token", br->skipped);
        if (br->unlabelled)
            buf_addf(&b, ", %zu without the label left out", br->unlabelled);
    }
    if (c->asked || c->resting || c->gone_resting || c->deferred || !br->graphql || n_waiting) {
        if (b.len)
            buf_adds(&b, ", ");
        buf_addf(&b, "%zu linked issue%s", n_linked, n_linked == 1 ? "" : "s");
        if (br->graphql && br->board_done)
            buf_adds(&b, " off the board");
        const char *sep = " (";
        if (n_linked) {
            buf_addf(&b, "%s%zu open", sep, n_linked_open);
            sep = ", ";
        }
        static const char *const words[] = {"new",
                                            "updated",
                                            "unchanged",
                                            "not found",
                                            "failed",
                                            "closed, not asked",
                                            "not found, asked again weekly"};
        size_t counts[] = {c->fresh,  c->updated, c->unchanged,   c->gone,
                           c->failed, c->resting, c->gone_resting};
        for (size_t i = 0; i < CU_ARRAY_LEN(words); i++)
            if (counts[i]) {
                buf_addf(&b, "%s%zu %s", sep, counts[i], words[i]);
                sep = ", ";
            }
        if (strcmp(sep, " ("))
            buf_adds(&b, ")");
        /* see the top of this file: not asked this time */
        if (n_waiting)
            buf_addf(&b, "; %zu more in new posts, fetched on the next refresh", n_waiting);
        if (c->deferred)
            buf_addf(&b,
                     "; %zu deferred (without a token at most %d are asked a refresh; set "
                     "GITHUB_TOKEN to ask all)",
                     c->deferred, LINKS_PER_REFRESH);
    }
    snprintf(run->report.summary, sizeof(run->report.summary), "%s", b.data ? b.data : "");
    buf_free(&b);
}

static int board_commit(void *state, struct source_run *run, struct cu_err *e)
{
    struct board_run *br = state;
    const char *grp = run->group->key;
    int rc = -1;
    struct mention_scan ms = {0};
    struct strv gone = {0};
    struct board_item *rows = NULL;
    size_t nrows = 0;
    size_t n_board_open = 0;
    struct link_counts c = {0};
    /* The posts source committed first: these are the posts as they now are. */
    if (store_board_each_post(run->store, grp, scan_post, &ms, e) < 0 ||
        store_board_set_mentions(run->store, grp, ms.v, ms.n, e) < 0)
        goto out;
    if (br->board_done && commit_board(br, &n_board_open, e) < 0)
        goto out;
    if (commit_links(br, &c, e) < 0 || store_board_gone_delete(run->store, grp, NULL, e) < 0)
        goto out;
    /* Rows no post links to and the board no longer lists; a failed board
     * read keeps every row as it was. */
    if (!source_failed(run)) {
        if (store_board_prune(run->store, grp, &gone, e) < 0)
            goto out;
        for (size_t i = 0; i < gone.n; i++) {
            if (!strchr(gone.v[i], '#'))
                continue; /* a draft that left the board: it has no API URL */
            char *url = issue_api_url(run, gone.v[i]);
            int drc = store_etag_delete(run->store, url, e);
            free(url);
            if (drc < 0)
                goto out;
        }
    }
    if (store_board_items(run->store, grp, BOARD_LIST_LINKED, &rows, &nrows, e) < 0)
        goto out;
    size_t n_waiting = 0;
    /* Linked now, without a row: first linked by a post of this refresh. */
    struct strv seen = {0};
    for (size_t i = 0; i < ms.n; i++) {
        if (strv_contains(&seen, ms.v[i].key))
            continue;
        strv_push(&seen, ms.v[i].key);
        bool has_row = false;
        for (size_t j = 0; j < nrows && !has_row; j++)
            has_row = !strcmp(rows[j].key, ms.v[i].key);
        struct linked *l = find_link(br, ms.v[i].key);
        if (!has_row && !l)
            n_waiting++;
    }
    strv_free(&seen);
    /* with the board, only the linked issues it does not list */
    size_t n_linked = 0, n_open = 0;
    for (size_t i = 0; i < nrows; i++) {
        if (br->graphql && br->board_done && have_item(br, rows[i].key))
            continue;
        n_linked++;
        n_open += board_item_open(&rows[i]);
    }
    summarize(br, n_board_open, &c, n_linked, n_open, n_waiting);
    rc = 0;
out:
    mentions_free(&ms);
    strv_free(&gone);
    board_items_free(rows, nrows);
    return rc;
}

static void board_free_state(void *state)
{
    struct board_run *br = state;
    board_items_free(br->cached, br->ncached);
    board_gone_free(br->gone, br->ngone);
    for (size_t i = 0; i < br->nlinks; i++) {
        struct linked *l = &br->links[i];
        free(l->key);
        free(l->repo);
        free(l->url);
        free(l->etag);
        board_item_free(&l->item);
    }
    free(br->links);
    board_items_free(br->items, br->nitems);
    free(br->cursor);
    free(br->title);
    free(br->url);
    free(br->board_name);
    free(br);
}

const struct source_ops source_board = {
    .name = SOURCE_BOARD,
    .wanted = board_wanted,
    .start = board_start,
    .commit = board_commit,
    .settled = board_settled,
    .free_state = board_free_state,
};
