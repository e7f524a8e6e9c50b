/* posts_local.c: the posts of a local folder (a clone of the repository,
 * or any folder), read directly and recursively under the same rules as on
 * GitHub (listing_posts).  A post without a date in its front matter or
 * name gets its first commit's date from the clone's history, on a worker
 * thread (git_dates.c); the date is cached. */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "catchup/text.h"
#include "git_dates.h"
#include "posts_int.h"

/* Bounds on what a folder may hold: no loop, no endless walk. */
enum { MAX_DEPTH = 16, MAX_FILES = 200000 };

struct scan {
    struct listing_entry *v;
    size_t n, cap;
    bool too_many;
};

static bool is_markdown(const char *name)
{
    size_t n = strlen(name);
    return (n > 3 && !strcasecmp(name + n - 3, ".md")) ||
           (n > 9 && !strcasecmp(name + n - 9, ".markdown"));
}

/* Collects the Markdown files below dir/rel (rel "" for the top). */
static void scan_tree(const char *dir, const char *rel, int depth, struct scan *sc)
{
    char *full = *rel ? xasprintf("%s/%s", dir, rel) : xstrdup(dir);
    DIR *d = opendir(full);
    free(full);
    if (!d)
        return;
    struct dirent *de;
    while ((de = readdir(d)) && !sc->too_many) {
        const char *name = de->d_name;
        if (name[0] == '.' || !strcmp(name, "_drafts"))
            continue;
        struct stat st;
        bool is_dir = de->d_type == DT_DIR;
        if (de->d_type == DT_UNKNOWN && fstatat(dirfd(d), name, &st, AT_SYMLINK_NOFOLLOW) == 0)
            is_dir = S_ISDIR(st.st_mode);
        char *sub = *rel ? xasprintf("%s/%s", rel, name) : xstrdup(name);
        if (is_dir) {
            /* a link to a folder is not followed: no loops */
            if (depth < MAX_DEPTH)
                scan_tree(dir, sub, depth + 1, sc);
            free(sub);
            continue;
        }
        /* Only regular files (or links to one) are posts: a FIFO named x.md
         * would block the read, a directory d.md cannot be read. */
        if (!is_markdown(name) || (de->d_type != DT_REG &&
                                   (fstatat(dirfd(d), name, &st, 0) < 0 || !S_ISREG(st.st_mode)))) {
            free(sub);
            continue;
        }
        if (sc->n >= MAX_FILES) {
            sc->too_many = true;
            free(sub);
            break;
        }
        sc->v = xgrow(sc->v, sc->n, &sc->cap, sizeof(*sc->v), 64);
        struct listing_entry *en = memset(&sc->v[sc->n++], 0, sizeof(*sc->v));
        en->path = sub;
        const char *slash = strrchr(sub, '/');
        en->name = xstrdup(slash ? slash + 1 : sub);
    }
    closedir(d);
}

static int by_path(const void *a, const void *b)
{
    return strcmp(((const struct listing_entry *)a)->path, ((const struct listing_entry *)b)->path);
}

static struct item *new_item(struct posts_run *pr, size_t *cap, struct listing_entry *en,
                             const char *dir)
{
    pr->items = xgrow(pr->items, pr->nitems, cap, sizeof(*pr->items), 16);
    struct item *it = memset(&pr->items[pr->nitems++], 0, sizeof(*pr->items));
    it->pr = pr;
    it->id = en->id;
    it->name = text_sanitize(en->name, strlen(en->name), 0);
    it->rel = en->path;
    it->path = xasprintf("%s/%s", dir, en->path);
    en->id = en->path = NULL;
    return it;
}

/* ---- first-commit dates from the clone ------------------------------------ */

struct git_job {
    struct posts_run *pr;
    char *dir;
    struct item **items;
    char **rels, **dates;
    size_t n;
    int rc;
    struct cu_err e;
};

static void git_work(void *arg)
{
    struct git_job *j = arg;
    j->rc = git_first_dates(j->dir, j->rels, j->n, j->dates, &j->e);
}

static void git_done(void *arg)
{
    struct git_job *j = arg;
    if (j->rc < 0)
        source_fail(j->pr->run, "%s: %s", j->dir, j->e.msg);
    for (size_t i = 0; i < j->n; i++) {
        if (j->rc > 0 && j->dates[i]) {
            j->items[i]->date_commit = j->dates[i];
            j->items[i]->commit_asked = true;
        } else {
            free(j->dates[i]);
        }
    }
    free(j->items);
    free(j->rels);
    free(j->dates);
    free(j->dir);
    free(j);
}

/* Asks the clone for the dates no other rule gave (the cache keeps them). */
static void ask_git(struct posts_run *pr, const char *dir)
{
    struct git_job *j = xcalloc(1, sizeof(*j));
    for (size_t i = 0; i < pr->nitems; i++) {
        struct item *it = &pr->items[i];
        bool want = it->state == ITEM_UNCHANGED || (it->state == ITEM_READY && it->want_commit);
        if (!want)
            continue;
        const struct post_key *k = posts_cached(pr, it->id);
        if (k && k->date_commit) {
            if (it->state == ITEM_READY)
                it->date_commit = xstrdup(k->date_commit);
            continue;
        }
        j->items = xrealloc(j->items, (j->n + 1) * sizeof(*j->items));
        j->rels = xrealloc(j->rels, (j->n + 1) * sizeof(*j->rels));
        j->items[j->n] = it;
        j->rels[j->n] = it->rel;
        j->n++;
    }
    if (!j->n) {
        free(j);
        return;
    }
    j->pr = pr;
    j->dir = xstrdup(dir);
    j->dates = xcalloc(j->n, sizeof(*j->dates));
    source_job(pr->run, git_work, git_done, j);
}

/* ---- the folder ----------------------------------------------------------- */

/* FNV-1a of the content stands in for the blob sha. */
static char *content_sha(const char *data, size_t len)
{
    uint64_t hsh = 1469598103934665603ull;
    for (size_t j = 0; j < len; j++)
        hsh = (hsh ^ (unsigned char)data[j]) * 1099511628211ull;
    return xasprintf("fnv1a:%016llx", (unsigned long long)hsh);
}

void posts_scan_dir(struct posts_run *pr)
{
    struct source_run *run = pr->run;
    const char *dir = pr->src->dir;
    DIR *d = opendir(dir);
    if (!d) {
        source_fail(run, "cannot read the posts folder %s: %s; check the posts key", dir,
                    strerror(errno));
        return;
    }
    closedir(d);
    /* sized from the cache: a folder rarely differs much from what it held
     * (doubling from 8,192 to 16,384 entries held 0.9 MB for 10,000 files) */
    struct scan sc = {0};
    if (pr->nkeys) {
        sc.cap = pr->nkeys + pr->nkeys / 16 + 16;
        sc.v = xmalloc(sc.cap * sizeof(*sc.v));
    }
    scan_tree(dir, "", 0, &sc);
    if (sc.too_many)
        source_fail(run,
                    "the posts folder %s holds more than %d Markdown files; set posts to a "
                    "smaller folder",
                    dir, MAX_FILES);
    if (sc.n)
        qsort(sc.v, sc.n, sizeof(*sc.v), by_path);
    size_t n = listing_posts(sc.v, sc.n), cap = 0;
    for (size_t i = 0; i < n; i++) {
        struct listing_entry *en = &sc.v[i];
        char *file = xasprintf("%s/%s", dir, en->path);
        char *data;
        size_t len;
        struct cu_err e;
        int rd = read_file(file, HTTP_MAX_JSON, &data, &len, &e);
        free(file);
        if (rd < 0) {
            new_item(pr, &cap, en, dir)->state = ITEM_FAILED;
            source_fail(run, "%s", e.msg);
            continue;
        }
        char *sha = content_sha(data, len);
        const struct post_key *k = posts_cached(pr, en->id);
        if (k && k->sha && !strcmp(k->sha, sha)) {
            if (!k->date && !k->date_commit) {
                /* unchanged, its date still to be asked */
                struct item *it = new_item(pr, &cap, en, dir);
                it->state = ITEM_UNCHANGED;
                it->sha = sha;
            } else {
                /* the commit needs only the id of an unchanged post: a
                 * folder of years of weeks keeps no more */
                strv_push_take(&pr->same, en->id);
                en->id = NULL;
                free(sha);
            }
        } else {
            struct item *it = new_item(pr, &cap, en, dir);
            it->sha = sha;
            it->is_new = k == NULL;
            posts_item_parse(it, data, len);
        }
        free(data);
    }
    listing_free(sc.v, n);
    pr->listed = true;
    ask_git(pr, dir);
}
