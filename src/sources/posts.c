/* posts.c: the posts source (a local folder: posts_local.c).
 *
 * GitHub: the whole tree of the ref in one conditional request,
 * GET {api}/repos/{o}/{r}/git/trees/{ref}?recursive=1, filtered to the
 * configured folder (a 304 means nothing changed; each blob's sha says
 * which files did).  A big repository's tree comes back truncated: then
 * the source remembers to ask only for the folder's subtree, whose sha is
 * in its parent folder's contents listing (two requests whatever the size
 * of the repository); a subtree truncated too is listed folder by folder
 * with the contents API.  Files come from the raw host ([github] raw), not
 * the API.
 *
 * A post's date: its front matter, else a date in its file or folder name,
 * else the date of its first commit, found by asking for one commit a page
 * and following Link rel="last" (once per file; the date is cached).
 * Those requests are the API's: without a token at most COMMIT_BUDGET_ANON
 * a refresh, the rest asked on later refreshes.  A server's Link is
 * followed only forward in the same list and for at most MAX_COMMIT_PAGES
 * pages a file.
 *
 * The listing's ETag is stored only when every file of it was stored, so a
 * refresh that lost a file retries it next time instead of getting a 304. */
#define _GNU_SOURCE
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catchup/markdown.h"
#include "catchup/text.h"
#include "catchup/url.h"
#include "posts.h"
#include "posts_int.h"
#include "timeline_int.h"

/* The first page and the last, with room for a commit landing between. */
enum { MAX_COMMIT_PAGES = 4 };
/* Commits requests a refresh may make: GitHub allows 60 API requests an
 * hour without a token, 5,000 with one. */
enum { COMMIT_BUDGET_ANON = 40, COMMIT_BUDGET_TOKEN = 1000 };
/* Folders listed one by one when even the subtree is truncated. */
enum { MAX_WALK_FOLDERS = 300 };

static int key_cmp(const void *a, const void *b)
{
    return strcmp(((const struct post_key *)a)->id, ((const struct post_key *)b)->id);
}

/* The cache's keys are sorted by id once, so this is a binary search: a
 * folder of years of weeks must not cost files x posts comparisons. */
const struct post_key *posts_cached(const struct posts_run *pr, const char *id)
{
    struct post_key probe = {.id = (char *)id};
    return pr->nkeys ? bsearch(&probe, pr->keys, pr->nkeys, sizeof(*pr->keys), key_cmp) : NULL;
}

static int str_ptr_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads a downloaded (or local) file into the item.  The whole file is made
 * terminal-safe and valid UTF-8 first: libyaml refuses control characters
 * and invalid UTF-8, and nothing of either should be stored anyway. */
void posts_item_parse(struct item *it, const char *raw, size_t raw_len)
{
    struct cu_err e;
    struct frontmatter fm;
    char *data = text_sanitize(raw, raw_len, TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS);
    size_t len = strlen(data);
    if (fm_parse(data, len, &fm, &e) < 0) {
        /* Shown all the same, without its front matter: titled by its first
         * heading (else its file name), the error at the top of the reader.
         * Dated as a post without front matter. */
        it->fm_error = xstrdup(e.msg);
        it->body = xstrdup(data + fm.body_offset);
    } else if (fm.draft) {
        fm_free(&fm);
        it->state = ITEM_DRAFT;
        free(data);
        return;
    } else {
        it->fm = fm;
        it->body = xstrdup(data + fm.body_offset);
    }
    free(data);
    if (!it->fm.title || !*it->fm.title) {
        /* no title in the front matter (or no front matter): its first H1;
         * a post whose front matter is broken, its first heading of any
         * level (whatever is left of it is shown) */
        free(it->fm.title);
        it->fm.title = it->fm_error ? md_first_heading(it->body, strlen(it->body))
                                    : md_first_h1(it->body, strlen(it->body));
    }
    if (!it->fm.title)
        it->fm.title = listing_name_title(it->rel);
    it->date_name = listing_path_date(it->rel);
    if (it->fm.date_bad)
        it->date_note =
            xasprintf("its front matter date '%s' is not a real date or time", it->fm.date_bad);
    it->want_commit = !it->fm.date && !it->date_name;
    it->state = ITEM_READY;
}

/* ---- first-commit dates, within the budget ------------------------------ */

static void on_commits(struct http *h, const struct http_resp *r, void *arg);
static void dates_release(struct item *it);

/* Asks for one more page of the item's commits; false when the budget
 * has no room left (the date stays pending). */
static bool ask_commits(struct item *it, const char *url)
{
    struct posts_run *pr = it->pr;
    if (it->commit_pages >= 2 && pr->commit_used + pr->commit_reserved >= pr->commit_budget)
        return false;
    struct cu_err e;
    if (source_get(pr->run, url, NULL, HTTP_MAX_JSON, on_commits, it, &e) < 0) {
        source_fail(pr->run, "%s: cannot ask for its date: %s", it->name, e.msg);
        if (it->state == ITEM_READY)
            it->state = ITEM_FAILED;
        dates_release(it);
        return true;
    }
    pr->commit_used++;
    if (it->commit_pages++ < 2)
        pr->commit_reserved--;
    return true;
}

static void dates_pump(struct posts_run *pr)
{
    while (pr->dateq_head < pr->ndateq &&
           pr->commit_used + pr->commit_reserved + 2 <= pr->commit_budget) {
        struct item *it = pr->dateq[pr->dateq_head++];
        const struct posts_src *src = pr->src;
        /* The path comes from the listing: escaped, so no name bends the query. */
        char *url = posts_src_commits_url(src, pr->run->config->api, it->path);
        pr->commit_reserved += 2;
        ask_commits(it, url);
        free(url);
    }
}

/* The item is done with its commits: what it reserved goes back. */
static void dates_release(struct item *it)
{
    struct posts_run *pr = it->pr;
    if (it->commit_pages < 2)
        pr->commit_reserved -= (unsigned)(2 - it->commit_pages);
    it->commit_pages = 2;
}

static void dates_done(struct item *it)
{
    dates_release(it);
    dates_pump(it->pr);
}

static void dates_push(struct item *it)
{
    struct posts_run *pr = it->pr;
    if (pr->src->kind != SRC_GITHUB)
        return; /* a local clone answers from its history (posts_local.c) */
    pr->dateq = xrealloc(pr->dateq, (pr->ndateq + 1) * sizeof(*pr->dateq));
    pr->dateq[pr->ndateq++] = it;
    dates_pump(pr);
}

static void commits_failed(struct item *it, const char *fmt, const char *a, const char *b)
{
    source_fail(it->pr->run, fmt, it->name, a, b);
    if (it->state == ITEM_READY)
        it->state = ITEM_FAILED;
    dates_done(it);
}

static void on_commits(struct http *h, const struct http_resp *r, void *arg)
{
    (void)h;
    struct item *it = arg;
    struct cu_err e;
    if (it->state != ITEM_READY && it->state != ITEM_UNCHANGED)
        return;
    if (http_check(r, &e) < 0) {
        commits_failed(it, "%s: its first commit: %s%s", e.msg, "");
        return;
    }
    char *last = http_link_rel(r->link, "last");
    if (last && strcmp(last, r->url) != 0) {
        /* The oldest commit is on the last page, further on in this list. */
        const char *why = !http_page_forward(r->url, last) ? "a last page that is not further on"
                          : it->commit_pages >= MAX_COMMIT_PAGES ? "more pages than expected"
                                                                 : NULL;
        if (why) {
            char *host = url_host_dup(r->url);
            commits_failed(it,
                           "%s: the commit pages do not end (%s from %s); its date is unknown, "
                           "try again later",
                           why, host ? host : "the server");
            free(host);
        } else if (!ask_commits(it, last)) {
            it->pr->dates_pending++;
            dates_done(it);
        }
        free(last);
        return;
    }
    free(last);
    char *date;
    if (listing_oldest_commit(r->body, r->len, &date, &e) < 0) {
        commits_failed(it, "%s: %s%s", e.msg, "");
        return;
    }
    free(it->date_commit);
    it->date_commit = date ? date : xstrdup("");
    it->commit_asked = true;
    dates_done(it);
}

/* Its first-commit date: the cached one, else asked (within the budget). */
static void want_date(struct item *it)
{
    const struct post_key *k = posts_cached(it->pr, it->id);
    if (k && k->date_commit) {
        it->date_commit = xstrdup(k->date_commit);
        return;
    }
    dates_push(it);
}

/* ---- GitHub: the files ---------------------------------------------------- */

static void on_file(struct http *h, const struct http_resp *r, void *arg)
{
    (void)h;
    struct item *it = arg;
    struct source_run *run = it->pr->run;
    struct cu_err e;
    if (r->status == 404) {
        /* the raw host may lag a few minutes behind the API's tree */
        char *host = url_host_dup(r->url);
        source_fail(run,
                    "%s: the raw host %s answers 404 Not Found; try again in a few minutes, "
                    "or check [github] raw",
                    it->name, host ? host : "");
        free(host);
        it->state = ITEM_FAILED;
        return;
    }
    if (http_check(r, &e) < 0) {
        source_fail(run, "%s: %s", it->name, e.msg);
        it->state = ITEM_FAILED;
        return;
    }
    if (r->status != 200) {
        source_fail(run, "%s: unexpected HTTP %ld", it->name, r->status);
        it->state = ITEM_FAILED;
        return;
    }
    posts_item_parse(it, r->body, r->len);
    if (it->state == ITEM_READY && it->want_commit)
        want_date(it);
}

/* The posts among entries (paths relative to the posts folder): each
 * changed one is fetched from the raw host; an unchanged one still without
 * its first-commit date has it asked. */
static void use_entries(struct posts_run *pr, struct listing_entry *ents, size_t n)
{
    struct source_run *run = pr->run;
    const struct posts_src *src = pr->src;
    n = listing_posts(ents, n);
    pr->items = xcalloc(n ? n : 1, sizeof(*pr->items));
    for (size_t i = 0; i < n; i++) {
        struct listing_entry *en = &ents[i];
        struct item *it = &pr->items[pr->nitems++];
        it->pr = pr;
        /* the item takes the entry's strings */
        it->id = en->id;
        it->name = en->name;
        it->rel = en->path;
        it->sha = en->sha;
        en->id = en->name = en->path = en->sha = NULL;
        it->path = *src->path ? xasprintf("%s/%s", src->path, it->rel) : xstrdup(it->rel);
        char *o = url_escape(src->owner, NULL), *rp = url_escape(src->repo, NULL);
        char *ref = url_escape(src->ref, "/"), *p = url_escape(it->path, "/");
        it->html_url = xasprintf("https://github.com/%s/%s/blob/%s/%s", o, rp, ref, p);
        free(o), free(rp), free(ref), free(p);
        const struct post_key *k = posts_cached(pr, it->id);
        it->is_new = k == NULL;
        if (k && k->sha && !strcmp(k->sha, it->sha)) {
            it->state = ITEM_UNCHANGED;
            if (!k->date && !k->date_commit && k->path)
                dates_push(it);
            continue;
        }
        it->download_url = posts_src_raw_url(src, run->config->raw, it->path);
        struct cu_err e;
        if (source_get(run, it->download_url, NULL, HTTP_MAX_JSON, on_file, it, &e) < 0) {
            source_fail(run, "%s: %s", it->name, e.msg);
            it->state = ITEM_FAILED;
        }
    }
    listing_free(ents, n);
    pr->listed = true;
}

/* Nothing changed: only the dates still pending are asked. */
static void use_cache(struct posts_run *pr)
{
    pr->not_modified = true;
    size_t want = 0;
    for (size_t i = 0; i < pr->nkeys; i++)
        want += !pr->keys[i].date && !pr->keys[i].date_commit && pr->keys[i].path;
    if (!want)
        return;
    pr->items = xcalloc(want, sizeof(*pr->items));
    for (size_t i = 0; i < pr->nkeys; i++) {
        const struct post_key *k = &pr->keys[i];
        if (k->date || k->date_commit || !k->path)
            continue;
        struct item *it = &pr->items[pr->nitems++];
        it->pr = pr;
        it->id = xstrdup(k->id);
        it->name = xstrdup(k->id);
        it->path = xstrdup(k->path);
        it->state = ITEM_UNCHANGED;
        dates_push(it);
    }
}

/* ---- GitHub: the listing -------------------------------------------------- */

static void ask_parent(struct posts_run *pr);

/* The listing of this source failed: why, naming the source when the group
 * has several (a feed's or an issues source's errors name theirs). */
static void listing_fail(struct posts_run *pr, const char *why)
{
    if (pr->run->group->nposts > 1)
        source_fail(pr->run, "%s: %s", pr->src->spec, why);
    else
        source_fail(pr->run, "%s", why);
}

static void on_walk(struct http *h, const struct http_resp *r, void *arg);

/* Lists one folder (rel below the posts folder) with the contents API. */
static void walk_folder(struct posts_run *pr, const char *rel)
{
    struct source_run *run = pr->run;
    if (++pr->walk_folders > MAX_WALK_FOLDERS) {
        if (pr->walk_folders == MAX_WALK_FOLDERS + 1)
            source_fail(run,
                        "the posts folder has more than %d folders; set posts to a smaller one",
                        MAX_WALK_FOLDERS);
        return;
    }
    struct posts_src sub = *pr->src;
    char *path =
        *sub.path && *rel ? xasprintf("%s/%s", sub.path, rel) : xstrdup(*sub.path ? sub.path : rel);
    sub.path = path;
    char *url = posts_src_contents_url(&sub, run->config->api);
    struct cu_err e;
    if (source_get(run, url, NULL, HTTP_MAX_JSON, on_walk, pr, &e) < 0)
        listing_fail(pr, e.msg);
    else
        pr->walk_left++;
    free(url);
    free(path);
}

static void on_walk(struct http *h, const struct http_resp *r, void *arg)
{
    (void)h;
    struct posts_run *pr = arg;
    struct source_run *run = pr->run;
    struct cu_err e;
    pr->walk_left--;
    struct listing_entry *ents = NULL;
    size_t n = 0;
    if (http_check(r, &e) < 0 || listing_contents(r->body, r->len, &ents, &n, &e) < 0) {
        source_fail(run, "a folder listing from %s: %s", r->url, e.msg);
        return;
    }
    const char *root = pr->src->path;
    size_t rlen = strlen(root);
    for (size_t i = 0; i < n; i++) {
        struct listing_entry *en = &ents[i];
        if (rlen && (strncmp(en->path, root, rlen) || en->path[rlen] != '/'))
            continue; /* not below the posts folder: not what was asked */
        const char *rel = en->path + (rlen ? rlen + 1 : 0);
        if (en->dir) {
            if (en->name[0] != '.' && strcmp(en->name, "_drafts"))
                walk_folder(pr, rel);
            continue;
        }
        pr->walked = xgrow(pr->walked, pr->nwalked, &pr->walk_cap, sizeof(*pr->walked), 64);
        struct listing_entry *w = memset(&pr->walked[pr->nwalked++], 0, sizeof(*w));
        w->name = en->name;
        w->sha = en->sha;
        w->path = xstrdup(rel);
        en->name = en->sha = NULL;
    }
    listing_free(ents, n);
    if (!pr->walk_left && !source_failed(run)) {
        use_entries(pr, pr->walked, pr->nwalked);
        pr->walked = NULL;
        pr->nwalked = 0;
    }
}

/* Whether a listing's answer has a body to read: a failure fails the
 * source, a 304 keeps what the cache holds. */
static bool listing_arrived(struct posts_run *pr, const struct http_resp *r)
{
    struct cu_err e;
    if (http_check(r, &e) < 0) {
        /* no connection: the host it names is what failed, for every source */
        if (r->status == 0 && r->unreachable)
            source_fail(pr->run, "%s", e.msg);
        else
            listing_fail(pr, e.msg);
        return false;
    }
    if (r->status == 304) {
        use_cache(pr);
        return false;
    }
    return true;
}

static void on_tree(struct http *h, const struct http_resp *r, void *arg)
{
    (void)h;
    struct posts_run *pr = arg;
    struct source_run *run = pr->run;
    const struct posts_src *src = pr->src;
    struct cu_err e;
    if (!listing_arrived(pr, r))
        return;
    struct listing_entry *ents;
    size_t n;
    bool truncated;
    /* the ref's tree holds the whole repository; a subtree only the folder */
    const char *prefix = pr->subtree_now ? "" : src->path;
    if (listing_tree(r->body, r->len, prefix, &ents, &n, &truncated, &e) < 0) {
        source_fail(run, "the file tree from %s is %s", r->url, e.msg);
        return;
    }
    if (truncated) {
        listing_free(ents, n);
        if (!pr->subtree_now && *src->path) {
            /* too big for one answer: ask for the folder's subtree, now
             * and from now on */
            pr->subtree_learnt = true;
            ask_parent(pr);
            return;
        }
        free(pr->new_etag);
        pr->new_etag = NULL;
        walk_folder(pr, "");
        return;
    }
    if (r->etag && !pr->subtree_now)
        pr->new_etag = xstrdup(r->etag);
    use_entries(pr, ents, n);
}

static void ask_tree(struct posts_run *pr, const char *sha, const char *etag)
{
    struct source_run *run = pr->run;
    char *url = posts_src_tree_url(pr->src, run->config->api, sha);
    struct cu_err e;
    if (source_get(run, url, etag, HTTP_MAX_JSON, on_tree, pr, &e) < 0)
        listing_fail(pr, e.msg);
    if (!sha) {
        free(pr->listing_url);
        pr->listing_url = url;
    } else {
        free(url);
    }
}

/* The parent folder's listing: the posts folder's tree sha. */
static void on_parent(struct http *h, const struct http_resp *r, void *arg)
{
    (void)h;
    struct posts_run *pr = arg;
    struct source_run *run = pr->run;
    const char *path = pr->src->path;
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    struct cu_err e;
    if (!listing_arrived(pr, r))
        return;
    struct listing_entry *ents;
    size_t n;
    if (listing_contents(r->body, r->len, &ents, &n, &e) < 0) {
        source_fail(run, "the folder listing from %s is %s", r->url, e.msg);
        return;
    }
    const char *sha = NULL;
    for (size_t i = 0; i < n && !sha; i++)
        if (ents[i].dir && !strcmp(ents[i].name, name))
            sha = ents[i].sha;
    if (!sha) {
        source_fail(run, "there is no folder %s in %s/%s at %s; check the posts key", path,
                    pr->src->owner, pr->src->repo, pr->src->ref);
    } else {
        if (r->etag)
            pr->new_etag = xstrdup(r->etag);
        ask_tree(pr, sha, NULL);
    }
    listing_free(ents, n);
}

static void ask_parent(struct posts_run *pr)
{
    struct source_run *run = pr->run;
    struct posts_src parent = *pr->src;
    const char *slash = strrchr(parent.path, '/');
    char *ppath = slash ? xstrndup(parent.path, (size_t)(slash - parent.path)) : xstrdup("");
    parent.path = ppath;
    free(pr->listing_url);
    pr->listing_url = posts_src_contents_url(&parent, run->config->api);
    free(ppath);
    pr->subtree_now = true;
    /* Without cached posts a 304 would leave us with nothing to show. */
    char *etag = pr->nkeys ? store_etag_get(run->store, pr->listing_url) : NULL;
    struct cu_err e;
    if (source_get(run, pr->listing_url, etag, HTTP_MAX_JSON, on_parent, pr, &e) < 0)
        listing_fail(pr, e.msg);
    free(etag);
}

char *posts_plain_text(const char *md, const char *base_url)
{
    struct doc *d;
    struct cu_err e;
    if (doc_parse(md, strlen(md), base_url, &d, &e) < 0)
        return xstrdup(md);
    char *text = doc_plain_text(d);
    doc_free(d);
    return text;
}

/* ---- the source -------------------------------------------------------- */

static void *posts_start(struct source_run *run, const struct posts_src *src,
                         const struct post_key *keys, size_t nkeys)
{
    struct posts_run *pr = xcalloc(1, sizeof(*pr));
    pr->run = run;
    pr->src = src;
    pr->keys = keys; /* sorted by id */
    pr->nkeys = nkeys;
    pr->commit_budget = http_has_token(run->http) ? COMMIT_BUDGET_TOKEN : COMMIT_BUDGET_ANON;
    if (src->kind == SRC_DIR) {
        posts_scan_dir(pr);
        return pr;
    }
    char *tree_url = posts_src_tree_url(src, run->config->api, NULL);
    pr->mode_key = xasprintf("posts_subtree:%s", tree_url);
    free(tree_url);
    char *mode = *src->path ? store_state_get(run->store, pr->mode_key) : NULL;
    if (mode) {
        ask_parent(pr);
    } else {
        char *url = posts_src_tree_url(src, run->config->api, NULL);
        /* Without cached posts a 304 would leave us with nothing to show. */
        char *etag = pr->nkeys ? store_etag_get(run->store, url) : NULL;
        ask_tree(pr, NULL, etag);
        free(etag);
        free(url);
    }
    free(mode);
    return pr;
}

/* Stores a post read in this refresh.  Its date: the front matter's, else
 * its name's, else its first commit's (a changed file keeps the one it
 * had).  1: another source of the group has a post of that id. */
static int put_item(struct posts_run *pr, struct item *it, struct cu_err *e)
{
    struct post p = {0};
    p.grp = (char *)pr->run->group->key;
    p.id = it->id;
    p.path = it->path;
    p.sha = it->sha;
    p.title = it->fm.title && *it->fm.title ? it->fm.title : it->id;
    p.description = it->fm.description;
    p.type = it->fm.type;
    p.weight = it->fm.weight;
    p.has_weight = it->fm.has_weight;
    p.date_fm = it->fm.date;
    p.date_name = it->date_name;
    p.date_commit = it->date_commit;
    p.date_note = it->date_note;
    if (it->fm.date)
        p.date = it->fm.date, p.date_source = "front matter";
    else if (it->date_name)
        p.date = it->date_name, p.date_source = "file name";
    else if (it->date_commit && *it->date_commit)
        p.date = it->date_commit, p.date_source = "commit";
    p.body = it->body;
    p.text = posts_plain_text(it->body, it->html_url);
    p.url = it->html_url;
    p.base_url = it->html_url;
    p.fm_error = it->fm_error;
    p.src = pr->src->spec;
    p.badge = pr->src->badge;
    int put = store_post_put(pr->run->store, &p, pr->run->now, e);
    free(p.text);
    return put;
}

/* Removes the cached posts that are no longer listed. */
static int drop_gone(struct posts_run *pr, unsigned *n_gone, struct cu_err *e)
{
    char **present = xcalloc(pr->nitems + pr->same.n + 1, sizeof(*present));
    size_t npresent = 0;
    for (size_t j = 0; j < pr->same.n; j++)
        present[npresent++] = pr->same.v[j];
    for (size_t j = 0; j < pr->nitems; j++)
        if (pr->items[j].state != ITEM_DRAFT)
            present[npresent++] = pr->items[j].id;
    qsort(present, npresent, sizeof(*present), str_ptr_cmp);
    int rc = 0;
    for (size_t i = 0; i < pr->nkeys && rc == 0; i++) {
        char *id = pr->keys[i].id;
        if (npresent && bsearch(&id, present, npresent, sizeof(*present), str_ptr_cmp))
            continue;
        rc = store_post_delete(pr->run->store, pr->run->group->key, id, e);
        *n_gone += rc == 0;
    }
    free(present);
    return rc;
}

/* Stores the first-commit dates found for posts otherwise unchanged, and
 * says how many are still to be asked. */
static int put_dates(struct posts_run *pr, struct cu_err *e)
{
    size_t pending = pr->dates_pending + (pr->ndateq - pr->dateq_head);
    for (size_t i = 0; i < pr->nitems; i++) {
        struct item *it = &pr->items[i];
        if (it->state == ITEM_UNCHANGED && it->commit_asked &&
            store_post_set_commit_date(pr->run->store, pr->run->group->key, it->id, it->date_commit,
                                       e) < 0)
            return -1;
    }
    if (pending)
        snprintf(pr->run->report.note, sizeof(pr->run->report.note), "%zu date%s pending: %s",
                 pending, pending == 1 ? "" : "s",
                 http_has_token(pr->run->http)
                     ? "asked on the next refresh"
                     : "GitHub allows 60 requests an hour without a token");
    return 0;
}

static void warn_dates(struct posts_run *pr)
{
    size_t bad = 0;
    const struct item *first = NULL;
    for (size_t i = 0; i < pr->nitems; i++)
        if (pr->items[i].state == ITEM_READY && pr->items[i].date_note) {
            first = first ? first : &pr->items[i];
            bad++;
        }
    if (!first)
        return;
    const char *by = first->date_name                            ? "its file name"
                     : first->date_commit && *first->date_commit ? "its first commit"
                                                                 : "nothing: it has no date";
    char more[48] = "";
    if (bad > 1)
        snprintf(more, sizeof(more), " (and %zu more)", bad - 1);
    source_warn(pr->run, "", "%s: %s; dated by %s%s", first->id, first->date_note, by, more);
}

static int posts_commit(void *state, struct source_run *run, struct posts_tally *t,
                        struct cu_err *e)
{
    struct posts_run *pr = state;
    if (pr->not_modified) {
        if (put_dates(pr, e) < 0)
            return -1;
        t->total += (unsigned)pr->nkeys;
        t->same += (unsigned)pr->nkeys;
        return 0;
    }
    if (!pr->listed) {
        /* the failure is in the report; keep what we have */
        t->failed++;
        t->kept += (unsigned)pr->nkeys;
        return 0;
    }
    warn_dates(pr);
    unsigned n_new = 0, n_upd = 0, n_same = (unsigned)pr->same.n, n_gone = 0,
             n_total = (unsigned)pr->same.n, n_broken = 0;
    bool complete = true;
    for (size_t i = 0; i < pr->nitems; i++) {
        struct item *it = &pr->items[i];
        if (it->state == ITEM_DRAFT)
            continue;
        n_total++;
        if (it->state == ITEM_UNCHANGED) {
            n_same++;
            continue;
        }
        if (it->state != ITEM_READY) {
            complete = false;
            continue;
        }
        int put = put_item(pr, it, e);
        if (put < 0)
            return -1;
        if (put > 0) {
            t->taken++;
            continue;
        }
        n_broken += it->fm_error != NULL;
        if (it->is_new)
            n_new++;
        else
            n_upd++;
    }
    if (drop_gone(pr, &n_gone, e) < 0 || put_dates(pr, e) < 0)
        return -1;
    if (pr->subtree_learnt && store_state_set(run->store, pr->mode_key, "subtree", e) < 0)
        return -1;
    if (pr->listing_url) {
        int rc = complete && pr->new_etag
                     ? store_etag_put(run->store, pr->listing_url, pr->new_etag, e)
                     : store_etag_delete(run->store, pr->listing_url, e);
        if (rc < 0)
            return -1;
    }
    t->total += n_total;
    t->added += n_new;
    t->updated += n_upd;
    t->same += n_same;
    t->gone += n_gone;
    t->broken += n_broken;
    return 0;
}

static void posts_each(void *state, void (*cb)(const char *id, const char *body, void *arg),
                       void *arg)
{
    struct posts_run *pr = state;
    for (size_t i = 0; i < pr->nitems; i++)
        if (pr->items[i].state == ITEM_READY && pr->items[i].body)
            cb(pr->items[i].id, pr->items[i].body, arg);
}

static void posts_free_state(void *state)
{
    struct posts_run *pr = state;
    for (size_t i = 0; i < pr->nitems; i++) {
        struct item *it = &pr->items[i];
        free(it->id);
        free(it->name);
        free(it->path);
        free(it->rel);
        free(it->sha);
        free(it->download_url);
        free(it->html_url);
        free(it->body);
        free(it->fm_error);
        fm_free(&it->fm);
        free(it->date_name);
        free(it->date_commit);
        free(it->date_note);
    }
    free(pr->items);
    listing_free(pr->walked, pr->nwalked);
    free(pr->dateq);
    strv_free(&pr->same);
    free(pr->listing_url);
    free(pr->new_etag);
    free(pr->mode_key);
    free(pr);
}

const struct posts_kind posts_files = {
    .kinds = 1u << SRC_GITHUB | 1u << SRC_DIR,
    .start = posts_start,
    .commit = posts_commit,
    .each_read = posts_each,
    .free_state = posts_free_state,
};
