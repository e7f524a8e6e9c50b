/* src_posts.c: the posts source.
 *
 * GitHub: one conditional request for the contents listing; a file is
 * downloaded only when its blob sha differs from the cached one; a post
 * without a front matter date gets the date of its first commit, found by
 * asking for one commit a page and following Link rel="last" (once per new
 * file; the date is cached).  A server's Link is followed only forward in
 * the same list and for at most MAX_COMMIT_PAGES pages a file: one whose
 * pages never end costs a few requests, not a refresh that never ends.  A local directory (a clone)
 * is read directly.
 *
 * The listing's ETag is stored only when every file of it was stored, so a
 * refresh that lost a file retries it next time instead of getting a 304. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "catchup/frontmatter.h"
#include "catchup/listing.h"
#include "catchup/markdown.h"
#include "catchup/source.h"
#include "catchup/text.h"

/* The first page and the last, with room for a commit landing between. */
enum { MAX_COMMIT_PAGES = 4 };

enum item_state { ITEM_PENDING, ITEM_UNCHANGED, ITEM_READY, ITEM_FAILED, ITEM_DRAFT };

struct item {
    struct posts_run *pr;
    char *id, *name, *path, *sha, *download_url, *html_url;
    enum item_state state;
    int commit_pages; /* commit pages asked for its date */
    bool is_new;
    char *body; /* sanitized Markdown, front matter removed */
    struct frontmatter fm;
    char *fm_error; /* its front matter could not be read: why */
    char *date, *date_source;
};

struct posts_run {
    struct source_run *run;
    char *listing_url;
    char *new_etag;
    bool not_modified;
    bool listed; /* the listing arrived and was read */
    struct item *items;
    size_t nitems;
    struct strv same;      /* a local folder's unchanged posts: only their ids */
    struct post_key *keys; /* what the cache holds */
    size_t nkeys;
    size_t changes; /* posts stored or removed by the commit */
};

static int key_cmp(const void *a, const void *b)
{
    return strcmp(((const struct post_key *)a)->id, ((const struct post_key *)b)->id);
}

/* The cache's keys are sorted by id once, so this is a binary search: a
 * folder of years of weeks must not cost files x posts comparisons. */
static const struct post_key *cached(const struct posts_run *pr, const char *id)
{
    struct post_key probe = {.id = (char *)id};
    return pr->nkeys ? bsearch(&probe, pr->keys, pr->nkeys, sizeof(*pr->keys), key_cmp) : NULL;
}

static int str_ptr_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool posts_wanted(const struct group *g)
{
    return g->posts.kind != SRC_NONE;
}

/* Reads a downloaded (or local) file into the item.  The whole file is made
 * terminal-safe and valid UTF-8 first: libyaml refuses control characters
 * and invalid UTF-8, and nothing of either should be stored anyway. */
static void item_parse(struct item *it, const char *raw, size_t raw_len)
{
    struct cu_err e;
    struct frontmatter fm;
    char *data = text_sanitize(raw, raw_len, TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS);
    size_t len = strlen(data);
    if (fm_parse(data, len, &fm, &e) < 0) {
        /* Shown all the same, without its front matter: titled by its first
         * heading (else its file name), the error at the top of the reader.
         * Its date is that of its first commit, as without front matter. */
        it->fm_error = xstrdup(e.msg);
        it->body = xstrdup(data + fm.body_offset);
        it->fm.title = md_first_heading(it->body, strlen(it->body));
        it->state = ITEM_READY;
        free(data);
        return;
    }
    if (fm.draft) {
        fm_free(&fm);
        it->state = ITEM_DRAFT;
        free(data);
        return;
    }
    it->fm = fm;
    it->body = xstrdup(data + fm.body_offset);
    if (!it->fm.title || !*it->fm.title) {
        /* no title in the front matter (or no front matter): its first
         * heading, as for a post whose front matter is broken */
        free(it->fm.title);
        it->fm.title = md_first_heading(it->body, strlen(it->body));
    }
    if (fm.date) {
        it->date = xstrdup(fm.date);
        it->date_source = xstrdup("front matter");
    }
    it->state = ITEM_READY;
    free(data);
}

/* ---- GitHub ------------------------------------------------------------ */

static void on_commits(struct http *h, const struct http_resp *r, void *arg);

static void fetch_date(struct item *it)
{
    struct source_run *run = it->pr->run;
    const struct posts_src *src = &run->group->posts;
    /* The path comes from the listing: escaped, so no name bends the query. */
    char *url = posts_src_commits_url(src, run->config->api, it->path);
    struct cu_err e;
    if (source_get(run, url, NULL, HTTP_MAX_JSON, on_commits, it, &e) < 0) {
        source_fail(run, "%s: cannot ask for its date: %s", it->name, e.msg);
        it->state = ITEM_FAILED;
    }
    free(url);
}

static void on_commits(struct http *h, const struct http_resp *r, void *arg)
{
    (void)h;
    struct item *it = arg;
    struct source_run *run = it->pr->run;
    struct cu_err e;
    if (it->state != ITEM_READY)
        return;
    if (http_check(r, &e) < 0) {
        source_fail(run, "%s: its first commit: %s", it->name, e.msg);
        it->state = ITEM_FAILED;
        return;
    }
    it->commit_pages++;
    char *last = http_link_rel(r->link, "last");
    if (last && strcmp(last, r->url) != 0) {
        /* The oldest commit is on the last page, further on in this list. */
        const char *why = !http_page_forward(r->url, last) ? "a last page that is not further on"
                          : it->commit_pages >= MAX_COMMIT_PAGES ? "more pages than expected"
                                                                 : NULL;
        if (why) {
            char *host = http_url_host(r->url);
            source_fail(run,
                        "%s: the commit pages do not end (%s from %s); its date is unknown, "
                        "try again later",
                        it->name, why, host ? host : "the server");
            free(host);
            free(last);
            it->state = ITEM_FAILED;
            return;
        }
        if (source_get(run, last, NULL, HTTP_MAX_JSON, on_commits, it, &e) < 0) {
            source_fail(run, "%s: its first commit: %s", it->name, e.msg);
            it->state = ITEM_FAILED;
        }
        free(last);
        return;
    }
    free(last);
    char *date;
    if (listing_oldest_commit(r->body, r->len, &date, &e) < 0) {
        source_fail(run, "%s: %s", it->name, e.msg);
        it->state = ITEM_FAILED;
        return;
    }
    if (date) {
        it->date = date;
        it->date_source = xstrdup("commit");
    }
}

static void on_file(struct http *h, const struct http_resp *r, void *arg)
{
    (void)h;
    struct item *it = arg;
    struct source_run *run = it->pr->run;
    struct cu_err e;
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
    item_parse(it, r->body, r->len);
    if (it->state != ITEM_READY || it->date)
        return;
    const struct post_key *k = cached(it->pr, it->id);
    if (k && k->date && k->date_source && !strcmp(k->date_source, "commit")) {
        it->date = xstrdup(k->date);
        it->date_source = xstrdup("commit");
        return;
    }
    fetch_date(it);
}

static void on_listing(struct http *h, const struct http_resp *r, void *arg)
{
    (void)h;
    struct posts_run *pr = arg;
    struct source_run *run = pr->run;
    struct cu_err e;
    if (http_check(r, &e) < 0) {
        source_fail(run, "%s", e.msg);
        return;
    }
    if (r->status == 304) {
        pr->not_modified = true;
        return;
    }
    struct listing_entry *ents;
    size_t n;
    if (listing_parse(r->body, r->len, &ents, &n, &e) < 0) {
        source_fail(run, "the file listing from %s is %s", pr->listing_url, e.msg);
        return;
    }
    pr->items = xcalloc(n ? n : 1, sizeof(*pr->items));
    for (size_t i = 0; i < n; i++) {
        struct listing_entry *en = &ents[i];
        struct item *it = &pr->items[pr->nitems++];
        it->pr = pr;
        /* the item takes the entry's strings */
        it->id = en->id;
        it->name = en->name;
        it->path = en->path;
        it->sha = en->sha;
        it->html_url = en->html_url;
        en->id = en->name = en->path = en->sha = en->html_url = NULL;
        const struct post_key *k = cached(pr, it->id);
        it->is_new = k == NULL;
        if (k && k->sha && !strcmp(k->sha, it->sha)) {
            it->state = ITEM_UNCHANGED;
            continue;
        }
        if (!en->download_url) {
            source_fail(run, "%s: its download URL is not http(s); skipped", it->name);
            it->state = ITEM_FAILED;
            continue;
        }
        it->download_url = xstrdup(en->download_url);
        if (source_get(run, it->download_url, NULL, HTTP_MAX_JSON, on_file, it, &e) < 0) {
            source_fail(run, "%s: %s", it->name, e.msg);
            it->state = ITEM_FAILED;
        }
    }
    listing_free(ents, n);
    pr->listed = true;
    if (r->etag)
        pr->new_etag = xstrdup(r->etag);
}

/* ---- local directory --------------------------------------------------- */

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void scan_dir(struct posts_run *pr)
{
    struct source_run *run = pr->run;
    const char *dir = run->group->posts.dir;
    DIR *d = opendir(dir);
    if (!d) {
        source_fail(run, "cannot read the posts folder %s: %s; check the posts key", dir,
                    strerror(errno));
        return;
    }
    struct strv names = {0};
    struct dirent *de;
    while ((de = readdir(d))) {
        char *id = listing_post_id(de->d_name);
        if (!id)
            continue;
        free(id);
        /* Only regular files (or links to one) are posts: a FIFO named x.md
         * would block the read, a directory d.md cannot be read. */
        struct stat st;
        if (de->d_type != DT_REG &&
            (fstatat(dirfd(d), de->d_name, &st, 0) < 0 || !S_ISREG(st.st_mode)))
            continue;
        strv_push(&names, de->d_name);
    }
    closedir(d);
    qsort(names.v, names.n, sizeof(*names.v), by_name);
    size_t cap = 0;
    for (size_t i = 0; i < names.n; i++) {
        char *file = xasprintf("%s/%s", dir, names.v[i]);
        char *data;
        size_t len;
        struct cu_err e;
        if (read_file(file, HTTP_MAX_JSON, &data, &len, &e) < 0) {
            pr->items = xgrow(pr->items, pr->nitems, &cap, sizeof(*pr->items), 16);
            struct item *it = memset(&pr->items[pr->nitems++], 0, sizeof(*pr->items));
            it->pr = pr;
            it->id = listing_post_id(names.v[i]);
            it->name = text_sanitize(names.v[i], strlen(names.v[i]), 0);
            it->path = file;
            source_fail(run, "%s", e.msg);
            it->state = ITEM_FAILED;
            continue;
        }
        /* FNV-1a of the content stands in for the blob sha. */
        uint64_t hsh = 1469598103934665603ull;
        for (size_t j = 0; j < len; j++)
            hsh = (hsh ^ (unsigned char)data[j]) * 1099511628211ull;
        char *sha = xasprintf("fnv1a:%016llx", (unsigned long long)hsh);
        char *id = listing_post_id(names.v[i]);
        const struct post_key *k = cached(pr, id);
        if (k && k->sha && !strcmp(k->sha, sha)) {
            /* the commit needs only the id of an unchanged post: a folder
             * of years of weeks keeps no more (the name, cut to the id) */
            names.v[i][strlen(names.v[i]) - 3] = '\0';
            strv_push_take(&pr->same, names.v[i]);
            names.v[i] = NULL;
            free(id);
            free(sha);
            free(file);
        } else {
            pr->items = xgrow(pr->items, pr->nitems, &cap, sizeof(*pr->items), 16);
            struct item *it = memset(&pr->items[pr->nitems++], 0, sizeof(*pr->items));
            it->pr = pr;
            it->id = id;
            it->name = text_sanitize(names.v[i], strlen(names.v[i]), 0);
            it->path = file;
            it->sha = sha;
            it->is_new = k == NULL;
            item_parse(it, data, len);
        }
        free(data);
    }
    strv_free(&names);
    pr->listed = true;
}

/* The words a reader sees, for the search index: the body rendered without
 * Markdown syntax, link markers, rules or URLs.  Caller frees. */
static char *plain_text(const char *md, const char *base_url)
{
    struct doc *d;
    struct cu_err e;
    if (doc_parse(md, strlen(md), base_url, &d, &e) < 0)
        return xstrdup(md);
    struct doc_layout *l = doc_layout(d, 4096, 0);
    struct buf b;
    buf_init(&b, 0);
    for (size_t i = 0; i < l->nlines; i++) {
        const struct doc_line *ln = &l->lines[i];
        bool any = false;
        for (size_t k = 0; k < ln->nruns; k++) {
            unsigned st = ln->runs[k].style;
            if (st & (DOC_MARKER | DOC_RULE))
                continue;
            buf_adds(&b, ln->runs[k].text);
            any = true;
        }
        if (any)
            buf_add(&b, "\n", 1);
    }
    doc_layout_free(l);
    doc_free(d);
    return buf_take(&b);
}

/* ---- the source -------------------------------------------------------- */

static void *posts_start(struct source_run *run)
{
    struct posts_run *pr = xcalloc(1, sizeof(*pr));
    pr->run = run;
    struct cu_err e;
    if (store_post_keys(run->store, run->group->key, &pr->keys, &pr->nkeys, &e) < 0) {
        source_fail(run, "%s", e.msg);
        return pr;
    }
    if (pr->nkeys)
        qsort(pr->keys, pr->nkeys, sizeof(*pr->keys), key_cmp);
    const struct posts_src *src = &run->group->posts;
    if (src->kind == SRC_DIR) {
        scan_dir(pr);
        return pr;
    }
    pr->listing_url = posts_src_contents_url(src, run->config->api);
    /* Without cached posts a 304 would leave us with nothing to show. */
    char *etag = pr->nkeys ? store_etag_get(run->store, pr->listing_url) : NULL;
    if (source_get(run, pr->listing_url, etag, HTTP_MAX_JSON, on_listing, pr, &e) < 0)
        source_fail(run, "%s", e.msg);
    free(etag);
    return pr;
}

static int posts_commit(void *state, struct source_run *run, struct cu_err *e)
{
    struct posts_run *pr = state;
    const char *grp = run->group->key;
    if (pr->not_modified) {
        snprintf(run->report.summary, sizeof(run->report.summary), "%zu (0 new, %zu unchanged)",
                 pr->nkeys, pr->nkeys);
        return 0;
    }
    if (!pr->listed)
        return 0; /* the failure is in the report; keep what we have */
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
        const struct post_key *k = cached(pr, it->id);
        struct post p = {0};
        p.grp = (char *)grp;
        p.id = it->id;
        p.path = it->path;
        p.sha = it->sha;
        p.title = it->fm.title && *it->fm.title ? it->fm.title : it->id;
        p.description = it->fm.description;
        p.type = it->fm.type;
        p.weight = it->fm.weight;
        p.has_weight = it->fm.has_weight;
        /* A changed file keeps the first-commit date it already had. */
        p.date = it->date ? it->date : (k ? k->date : NULL);
        p.date_source = it->date ? it->date_source : (k ? k->date_source : NULL);
        p.body = it->body;
        p.text = plain_text(it->body, it->html_url);
        p.url = it->html_url;
        p.base_url = it->html_url;
        p.fm_error = it->fm_error;
        n_broken += it->fm_error != NULL;
        int put = store_post_put(run->store, &p, run->now, e);
        free(p.text);
        if (put < 0)
            return -1;
        if (it->is_new)
            n_new++;
        else
            n_upd++;
    }
    /* Posts gone from a complete listing are gone upstream. */
    char **present = xcalloc(pr->nitems + pr->same.n + 1, sizeof(*present));
    size_t npresent = 0;
    for (size_t j = 0; j < pr->same.n; j++)
        present[npresent++] = pr->same.v[j];
    for (size_t j = 0; j < pr->nitems; j++)
        if (pr->items[j].state != ITEM_DRAFT)
            present[npresent++] = pr->items[j].id;
    qsort(present, npresent, sizeof(*present), str_ptr_cmp);
    for (size_t i = 0; i < pr->nkeys; i++) {
        char *id = pr->keys[i].id;
        if (npresent && bsearch(&id, present, npresent, sizeof(*present), str_ptr_cmp))
            continue;
        if (store_post_delete(run->store, grp, id, e) < 0) {
            free(present);
            return -1;
        }
        n_gone++;
    }
    free(present);
    if (pr->listing_url) {
        int rc = complete && pr->new_etag
                     ? store_etag_put(run->store, pr->listing_url, pr->new_etag, e)
                     : store_etag_delete(run->store, pr->listing_url, e);
        if (rc < 0)
            return -1;
    }
    pr->changes = n_new + n_upd + n_gone;
    struct buf b;
    buf_init(&b, 0);
    buf_addf(&b, "%u (%u new", n_total, n_new);
    if (n_upd)
        buf_addf(&b, ", %u updated", n_upd);
    if (n_same)
        buf_addf(&b, ", %u unchanged", n_same);
    if (n_gone)
        buf_addf(&b, ", %u removed", n_gone);
    if (n_total - n_new - n_upd - n_same)
        buf_addf(&b, ", %u failed", n_total - n_new - n_upd - n_same);
    if (n_broken)
        buf_addf(&b, ", %u with broken front matter: shown without it", n_broken);
    buf_adds(&b, ")");
    snprintf(run->report.summary, sizeof(run->report.summary), "%s", b.data);
    buf_free(&b);
    return 0;
}

void posts_each_read(void *posts_state, void (*cb)(const char *id, const char *body, void *arg),
                     void *arg)
{
    struct posts_run *pr = posts_state;
    if (!pr)
        return;
    for (size_t i = 0; i < pr->nitems; i++)
        if (pr->items[i].state == ITEM_READY && pr->items[i].body)
            cb(pr->items[i].id, pr->items[i].body, arg);
}

bool posts_changed(void *posts_state)
{
    const struct posts_run *pr = posts_state;
    return pr && pr->changes > 0;
}

static void posts_free_state(void *state)
{
    struct posts_run *pr = state;
    for (size_t i = 0; i < pr->nitems; i++) {
        struct item *it = &pr->items[i];
        free(it->id);
        free(it->name);
        free(it->path);
        free(it->sha);
        free(it->download_url);
        free(it->html_url);
        free(it->body);
        free(it->fm_error);
        fm_free(&it->fm);
        free(it->date);
        free(it->date_source);
    }
    free(pr->items);
    strv_free(&pr->same);
    post_keys_free(pr->keys, pr->nkeys);
    free(pr->listing_url);
    free(pr->new_etag);
    free(pr);
}

const struct source_ops source_posts = {
    .name = "posts",
    .wanted = posts_wanted,
    .start = posts_start,
    .commit = posts_commit,
    .free_state = posts_free_state,
};
