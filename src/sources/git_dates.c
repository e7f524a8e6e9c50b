/* git_dates.c: see git_dates.h. */
#define _GNU_SOURCE
#include "git_dates.h"

#include <git2.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

struct wanted {
    const char *rel; /* below the folder */
    size_t i;        /* its index in the caller's arrays */
};

static int wanted_cmp(const void *a, const void *b)
{
    return strcmp(((const struct wanted *)a)->rel, ((const struct wanted *)b)->rel);
}

struct walk {
    struct wanted *w;
    size_t n, left;
    char **dates;
    git_time_t when;
};

static int git_fail(struct cu_err *e, const char *what)
{
    const git_error *ge = git_error_last();
    return cu_errf(e, "the git history: %s: %s", what, ge && ge->message ? ge->message : "failed");
}

/* The folder's tree in commit c (NULL when it has none there). */
static git_tree *folder_tree(git_commit *c, const char *prefix)
{
    git_tree *root = NULL, *sub = NULL;
    if (git_commit_tree(&root, c) < 0)
        return NULL;
    if (!*prefix)
        return root;
    git_tree_entry *ent = NULL;
    if (git_tree_entry_bypath(&ent, root, prefix) == 0 &&
        git_tree_entry_type(ent) == GIT_OBJECT_TREE)
        git_tree_lookup(&sub, git_commit_owner(c), git_tree_entry_id(ent));
    git_tree_entry_free(ent);
    git_tree_free(root);
    return sub;
}

static int on_delta(const git_diff_delta *d, float progress, void *arg)
{
    (void)progress;
    struct walk *wk = arg;
    if (d->status != GIT_DELTA_ADDED || !d->new_file.path)
        return 0;
    struct wanted probe = {.rel = d->new_file.path};
    struct wanted *hit = bsearch(&probe, wk->w, wk->n, sizeof(*wk->w), wanted_cmp);
    if (hit && !wk->dates[hit->i]) {
        char buf[32];
        iso8601_utc((time_t)wk->when, buf);
        wk->dates[hit->i] = xstrdup(buf);
        wk->left--;
    }
    return 0;
}

/* Looks at one commit: the files it added to the folder, against its first
 * parent. */
static int one_commit(git_repository *repo, const git_oid *oid, const char *prefix, struct walk *wk)
{
    git_commit *c = NULL, *parent = NULL;
    if (git_commit_lookup(&c, repo, oid) < 0)
        return -1;
    git_tree *now = folder_tree(c, prefix), *before = NULL;
    if (now && git_commit_parentcount(c) > 0 && git_commit_parent(&parent, c, 0) == 0)
        before = folder_tree(parent, prefix);
    int rc = 0;
    if (now && (!before || !git_oid_equal(git_tree_id(now), git_tree_id(before)))) {
        git_diff *diff = NULL;
        git_diff_options opts;
        git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
        wk->when = git_commit_committer(c)->when.time;
        rc = git_diff_tree_to_tree(&diff, repo, before, now, &opts);
        if (rc == 0)
            rc = git_diff_foreach(diff, on_delta, NULL, NULL, NULL, wk);
        git_diff_free(diff);
    }
    git_tree_free(now);
    git_tree_free(before);
    git_commit_free(parent);
    git_commit_free(c);
    return rc;
}

/* The folder below the work tree, "" for the top. */
static char *folder_in_repo(git_repository *repo, const char *dir)
{
    const char *wd = git_repository_workdir(repo);
    char *real_wd = wd ? realpath(wd, NULL) : NULL, *real_dir = realpath(dir, NULL);
    char *out = NULL;
    if (real_wd && real_dir) {
        size_t n = strlen(real_wd);
        if (!strncmp(real_dir, real_wd, n) && (real_dir[n] == '/' || !real_dir[n]))
            out = xstrdup(real_dir[n] ? real_dir + n + 1 : "");
    }
    free(real_wd);
    free(real_dir);
    return out;
}

static int walk_history(git_repository *repo, const char *prefix, struct walk *wk, struct cu_err *e)
{
    git_revwalk *rw = NULL;
    if (git_revwalk_new(&rw, repo) < 0)
        return git_fail(e, "cannot walk it");
    int rc = 0;
    git_revwalk_sorting(rw, GIT_SORT_TIME | GIT_SORT_REVERSE);
    if (git_revwalk_push_head(rw) < 0) {
        /* a clone without a commit yet: nothing is dated by it */
        git_revwalk_free(rw);
        return 0;
    }
    git_oid oid;
    while (wk->left && !cu_cancelled() && git_revwalk_next(&oid, rw) == 0) {
        if (one_commit(repo, &oid, prefix, wk) < 0) {
            rc = git_fail(e, "cannot read a commit");
            break;
        }
    }
    git_revwalk_free(rw);
    return rc;
}

int git_first_dates(const char *dir, char *const *rels, size_t n, char **dates, struct cu_err *e)
{
    git_libgit2_init();
    git_repository *repo = NULL;
    if (git_repository_open_ext(&repo, dir, 0, NULL) < 0) {
        git_libgit2_shutdown();
        return 0;
    }
    char *prefix = folder_in_repo(repo, dir);
    if (!prefix) {
        git_repository_free(repo);
        git_libgit2_shutdown();
        return 0;
    }
    struct walk wk = {.w = xcalloc(n ? n : 1, sizeof(*wk.w)), .n = n, .left = n, .dates = dates};
    for (size_t i = 0; i < n; i++)
        wk.w[i] = (struct wanted){rels[i], i};
    qsort(wk.w, n, sizeof(*wk.w), wanted_cmp);
    int rc = walk_history(repo, prefix, &wk, e);
    for (size_t i = 0; i < n && rc == 0; i++)
        if (!dates[i])
            dates[i] = xstrdup("");
    free(wk.w);
    free(prefix);
    git_repository_free(repo);
    git_libgit2_shutdown();
    return rc < 0 ? -1 : 1;
}
