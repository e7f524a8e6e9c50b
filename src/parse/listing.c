/* listing.c: see listing.h. */
#define _GNU_SOURCE
#include "catchup/listing.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catchup/text.h"

static const char *jstr(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static void listing_free_entry(struct listing_entry *en)
{
    free(en->id);
    free(en->name);
    free(en->path);
    free(en->sha);
    free(en->download_url);
    free(en->html_url);
}

void listing_free(struct listing_entry *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        listing_free_entry(&v[i]);
    free(v);
}

/* A name as shown and stored: no controls, valid UTF-8, not too long. */
static bool name_ok(const char *name, size_t max)
{
    size_t n = strlen(name);
    if (!n || n > max)
        return false;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return false;
    char *safe = text_sanitize(name, n, 0);
    bool same = !strcmp(safe, name);
    free(safe);
    return same;
}

int listing_contents(const char *body, size_t len, struct listing_entry **out, size_t *n,
                     struct cu_err *e)
{
    *out = NULL;
    *n = 0;
    json_error_t je;
    json_t *arr = json_loadb(body, len, 0, &je);
    if (!arr)
        return cu_errf(e, "not valid JSON (line %d: %s)", je.line, je.text);
    if (!json_is_array(arr)) {
        json_decref(arr);
        return cu_errf(e, "not a list of files");
    }
    size_t total = json_array_size(arr), k = 0;
    struct listing_entry *v = xcalloc(total ? total : 1, sizeof(*v));
    for (size_t i = 0; i < total; i++) {
        json_t *o = json_array_get(arr, i);
        const char *type = jstr(o, "type"), *name = jstr(o, "name"), *sha = jstr(o, "sha");
        const char *path = jstr(o, "path");
        if (!type || (strcmp(type, "file") && strcmp(type, "dir")) || !name || !sha || !*sha ||
            !path || strchr(name, '/') || !name_ok(name, 255) || !name_ok(path, 1000))
            continue;
        struct listing_entry *en = &v[k++];
        en->dir = !strcmp(type, "dir");
        en->name = xstrdup(name);
        en->path = xstrdup(path);
        en->sha = text_sanitize(sha, strlen(sha), 0);
    }
    json_decref(arr);
    *out = v;
    *n = k;
    return 0;
}

/* The length of a Markdown extension ending name, or 0. */
static size_t md_ext(const char *name)
{
    size_t n = strlen(name);
    if (n > 3 && !strcasecmp(name + n - 3, ".md"))
        return 3;
    if (n > 9 && !strcasecmp(name + n - 9, ".markdown"))
        return 9;
    return 0;
}

int listing_tree(const char *body, size_t len, const char *prefix, struct listing_entry **out,
                 size_t *n, bool *truncated, struct cu_err *e)
{
    *out = NULL;
    *n = 0;
    *truncated = false;
    json_error_t je;
    json_t *root = json_loadb(body, len, 0, &je);
    if (!root)
        return cu_errf(e, "not valid JSON (line %d: %s)", je.line, je.text);
    json_t *tree = json_object_get(root, "tree");
    if (!json_is_array(tree)) {
        const char *m = json_is_object(root) ? jstr(root, "message") : NULL;
        char *safe = m ? text_sanitize(m, strlen(m), 0) : NULL;
        int rc = cu_errf(e, "not a git tree%s%.100s", safe ? ": " : "", safe ? safe : "");
        free(safe);
        json_decref(root);
        return rc;
    }
    *truncated = json_is_true(json_object_get(root, "truncated"));
    size_t plen = strlen(prefix), total = json_array_size(tree), k = 0, cap = 0;
    struct listing_entry *v = NULL;
    for (size_t i = 0; i < total; i++) {
        json_t *o = json_array_get(tree, i);
        const char *type = jstr(o, "type"), *path = jstr(o, "path"), *sha = jstr(o, "sha");
        if (!type || strcmp(type, "blob") || !path || !sha || !*sha || !md_ext(path))
            continue;
        if (plen && (strncmp(path, prefix, plen) || path[plen] != '/'))
            continue;
        const char *rel = path + (plen ? plen + 1 : 0);
        if (!name_ok(rel, 1000))
            continue;
        const char *slash = strrchr(rel, '/');
        v = xgrow(v, k, &cap, sizeof(*v), 64);
        struct listing_entry *en = memset(&v[k++], 0, sizeof(*v));
        en->name = xstrdup(slash ? slash + 1 : rel);
        en->path = xstrdup(rel);
        en->sha = text_sanitize(sha, strlen(sha), 0);
    }
    json_decref(root);
    *out = v ? v : xcalloc(1, sizeof(*v));
    *n = k;
    return 0;
}

/* A folder part that hides what is below it from the posts. */
static bool hidden_part(const char *p, size_t len)
{
    return !len || p[0] == '.' || (len == 7 && !memcmp(p, "_drafts", 7)) || len > 200;
}

static int str_ptr_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether folder (len bytes of a path) is a bundle's or below one. */
static bool in_bundle(char **bundles, size_t nb, const char *folder, size_t len)
{
    char *f = xstrndup(folder, len);
    bool found = false;
    for (;;) {
        if (nb && bsearch(&f, bundles, nb, sizeof(*bundles), str_ptr_cmp)) {
            found = true;
            break;
        }
        char *slash = strrchr(f, '/');
        if (!slash)
            break;
        *slash = '\0';
    }
    free(f);
    return found;
}

static int by_id(const void *a, const void *b)
{
    const struct listing_entry *const *x = a, *const *y = b;
    int c = strcmp((*x)->id, (*y)->id);
    return c ? c : (*x < *y ? -1 : *x > *y);
}

/* The id from the path: a file's name without its extension, a bundle's
 * folder name; or (long) the path below the folder without it. */
static char *post_id(const char *rel, bool bundle, bool long_id)
{
    const char *slash = strrchr(rel, '/');
    if (bundle) {
        const char *start = rel;
        if (!long_id)
            for (const char *p = rel; p < slash; p++)
                if (*p == '/')
                    start = p + 1;
        return xstrndup(start, (size_t)(slash - start));
    }
    const char *start = long_id || !slash ? rel : slash + 1;
    return xstrndup(start, strlen(start) - md_ext(rel));
}

/* What entry rel is: -1 not a post, 0 a post, 1 a bundle's index.md. */
static int post_kind(const char *rel)
{
    size_t depth = 0;
    for (const char *part = rel;;) {
        size_t len = strcspn(part, "/");
        if (!part[len])
            break;
        if (hidden_part(part, len) || ++depth > 16)
            return -1;
        part += len + 1;
    }
    const char *slash = strrchr(rel, '/');
    const char *name = slash ? slash + 1 : rel;
    size_t ext = md_ext(name), stem = strlen(name) - ext;
    if (!ext || !stem || name[0] == '.' || !name_ok(rel, 1000))
        return -1;
    if ((stem == 6 && !strncasecmp(name, "_index", 6)) ||
        (stem == 6 && !strncasecmp(name, "readme", 6)))
        return -1;
    if (stem == 5 && !strncasecmp(name, "index", 5))
        return slash ? 1 : -1;
    return 0;
}

size_t listing_posts(struct listing_entry *v, size_t n)
{
    signed char *kind = xcalloc(n ? n : 1, 1);
    struct strv bundles = {0};
    for (size_t i = 0; i < n; i++) {
        kind[i] = (signed char)post_kind(v[i].path);
        if (kind[i] == 1)
            strv_push_take(&bundles,
                           xstrndup(v[i].path, (size_t)(strrchr(v[i].path, '/') - v[i].path)));
    }
    if (bundles.n)
        qsort(bundles.v, bundles.n, sizeof(*bundles.v), str_ptr_cmp);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const char *slash = strrchr(v[i].path, '/');
        if (kind[i] >= 0 && slash) {
            /* a file in a bundle is its resource; a bundle in a bundle too */
            size_t len = (size_t)(slash - v[i].path);
            if (kind[i] == 1) {
                const char *up = len ? memrchr(v[i].path, '/', len) : NULL;
                if (up && in_bundle(bundles.v, bundles.n, v[i].path, (size_t)(up - v[i].path)))
                    kind[i] = -1;
            } else if (in_bundle(bundles.v, bundles.n, v[i].path, len)) {
                kind[i] = -1;
            }
        }
        if (kind[i] < 0) {
            listing_free_entry(&v[i]);
            continue;
        }
        free(v[i].id);
        v[i].id = post_id(v[i].path, kind[i] == 1, false);
        kind[k] = kind[i];
        if (k != i)
            v[k] = v[i];
        k++;
    }
    strv_free(&bundles);
    /* ids that repeat: the path below the folder, but for top-level files */
    struct listing_entry **p = xcalloc(k ? k : 1, sizeof(*p));
    for (size_t i = 0; i < k; i++)
        p[i] = &v[i];
    qsort(p, k, sizeof(*p), by_id);
    bool *twice = xcalloc(k ? k : 1, sizeof(*twice));
    for (size_t i = 1; i < k; i++)
        if (!strcmp(p[i]->id, p[i - 1]->id))
            twice[p[i] - v] = twice[p[i - 1] - v] = true;
    for (size_t i = 0; i < k; i++)
        if (twice[i] && strchr(v[i].path, '/')) {
            free(v[i].id);
            v[i].id = post_id(v[i].path, kind[i] == 1, true);
        }
    free(twice);
    free(p);
    free(kind);
    return listing_dedup(v, k);
}

/* A valid "YYYY-MM-DD" at s (then not a digit), copied; else NULL. */
static char *date_at(const char *s, size_t len)
{
    if (len < 10 || (len > 10 && s[10] >= '0' && s[10] <= '9'))
        return NULL;
    char d[11];
    memcpy(d, s, 10);
    d[10] = '\0';
    return strlen(d) == 10 && iso8601_parse(d) != -1 ? xstrdup(d) : NULL;
}

static bool all_digits(const char *s, size_t len, size_t want)
{
    if (len != want)
        return false;
    for (size_t i = 0; i < len; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

char *listing_path_date(const char *rel)
{
    const char *part[18];
    size_t plen[18], np = 0;
    for (const char *q = rel; np < 18;) {
        part[np] = q;
        plen[np] = strcspn(q, "/");
        np++;
        if (!q[plen[np - 1]])
            break;
        q += plen[np - 1] + 1;
    }
    for (size_t i = np; i-- > 0;) {
        char *d = date_at(part[i], plen[i]);
        if (d)
            return d;
    }
    /* year/month[/day] folders (the last part is the file) */
    for (size_t i = np - 1; i-- > 0;) {
        if (i + 2 > np - 1 || !all_digits(part[i], plen[i], 4) ||
            !all_digits(part[i + 1], plen[i + 1], 2))
            continue;
        bool day = i + 3 <= np - 1 && all_digits(part[i + 2], plen[i + 2], 2);
        char d[11];
        snprintf(d, sizeof(d), "%.4s-%.2s-%.2s", part[i], part[i + 1], day ? part[i + 2] : "01");
        if (iso8601_parse(d) != -1)
            return xstrdup(d);
    }
    return NULL;
}

char *listing_name_title(const char *rel)
{
    const char *slash = strrchr(rel, '/');
    const char *name = slash ? slash + 1 : rel;
    size_t len = strlen(name) - md_ext(name);
    if (len == 5 && !strncasecmp(name, "index", 5) && slash) {
        const char *up = memrchr(rel, '/', (size_t)(slash - rel));
        name = up ? up + 1 : rel;
        len = (size_t)(slash - name);
    }
    char *t = xstrndup(name, len);
    char *d = date_at(t, len);
    for (char *c = t + (d ? 10 : 0); *c; c++)
        if (*c == '_' || *c == '-')
            *c = ' ';
    free(d);
    str_trim(t);
    return t;
}

static int by_id_then_order(const void *a, const void *b)
{
    const struct listing_entry *const *x = a, *const *y = b;
    int c = strcmp((*x)->id, (*y)->id);
    return c ? c : (*x < *y ? -1 : *x > *y);
}

size_t listing_dedup(struct listing_entry *v, size_t n)
{
    if (n < 2)
        return n;
    /* Sorting pointers by (id, position) brings the copies of an id
     * together, the first one first: n log n for a listing of any size. */
    struct listing_entry **p = xcalloc(n, sizeof(*p));
    for (size_t i = 0; i < n; i++)
        p[i] = &v[i];
    qsort(p, n, sizeof(*p), by_id_then_order);
    bool *dup = xcalloc(n, sizeof(*dup));
    for (size_t i = 1; i < n; i++)
        if (!strcmp(p[i]->id, p[i - 1]->id))
            dup[p[i] - v] = true;
    free(p);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (dup[i]) {
            listing_free_entry(&v[i]);
            continue;
        }
        if (k != i)
            v[k] = v[i];
        k++;
    }
    free(dup);
    return k;
}

int listing_oldest_commit(const char *body, size_t len, char **date, struct cu_err *e)
{
    *date = NULL;
    json_error_t je;
    json_t *arr = json_loadb(body, len, 0, &je);
    if (!json_is_array(arr)) {
        int rc =
            cu_errf(e, "the commit list is not valid JSON (%s)", arr ? "not an array" : je.text);
        json_decref(arr);
        return rc;
    }
    size_t n = json_array_size(arr);
    if (n) {
        json_t *c = json_object_get(json_array_get(arr, n - 1), "commit");
        const char *d = jstr(json_object_get(c, "committer"), "date");
        if (!d || iso8601_parse(d) == -1)
            d = jstr(json_object_get(c, "author"), "date");
        if (d && iso8601_parse(d) != -1) {
            char buf[32];
            iso8601_utc(iso8601_parse(d), buf);
            *date = xstrdup(buf);
        }
    }
    json_decref(arr);
    return 0;
}
