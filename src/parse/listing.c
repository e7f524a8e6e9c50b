/* listing.c: see listing.h. */
#define _GNU_SOURCE
#include "catchup/listing.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "catchup/text.h"

char *listing_post_id(const char *name)
{
    if (!str_ends(name, ".md") || !strcmp(name, "_index.md") || name[0] == '.' ||
        strchr(name, '/') || strlen(name) > 200 || strlen(name) < 4)
        return NULL;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return NULL;
    /* names are shown and used as ids: they must be valid UTF-8 too */
    char *safe = text_sanitize(name, strlen(name), 0);
    bool same = !strcmp(safe, name);
    free(safe);
    if (!same)
        return NULL;
    return xstrndup(name, strlen(name) - 3);
}

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

int listing_parse(const char *body, size_t len, struct listing_entry **out, size_t *n,
                  struct cu_err *e)
{
    *out = NULL;
    *n = 0;
    json_error_t je;
    json_t *arr = json_loadb(body, len, 0, &je);
    if (!arr)
        return cu_errf(e, "not valid JSON (line %d: %s)", je.line, je.text);
    if (!json_is_array(arr)) {
        const char *m = json_is_object(arr) ? jstr(arr, "message") : NULL;
        const char *type = json_is_object(arr) ? jstr(arr, "type") : NULL;
        int rc;
        if (type && !strcmp(type, "file")) {
            rc = cu_errf(e, "it names a file, not a folder: set posts to the folder");
        } else {
            char *safe = m ? text_sanitize(m, strlen(m), 0) : NULL;
            rc = cu_errf(e, "not a list%s%.100s", safe ? ": " : "", safe ? safe : "");
            free(safe);
        }
        json_decref(arr);
        return rc;
    }
    size_t total = json_array_size(arr);
    struct listing_entry *v = xcalloc(total ? total : 1, sizeof(*v));
    size_t k = 0;
    for (size_t i = 0; i < total; i++) {
        json_t *o = json_array_get(arr, i);
        const char *type = jstr(o, "type"), *name = jstr(o, "name"), *sha = jstr(o, "sha");
        const char *path = jstr(o, "path"), *dl = jstr(o, "download_url");
        const char *html = jstr(o, "html_url");
        if (!type || strcmp(type, "file") || !name || !sha || !path || !*sha)
            continue;
        char *id = listing_post_id(name);
        if (!id)
            continue;
        struct listing_entry *en = &v[k++];
        en->id = id;
        en->name = xstrdup(name);
        en->path = text_sanitize(path, strlen(path), 0);
        en->sha = text_sanitize(sha, strlen(sha), 0);
        /* a URL with a credential in it is not GitHub's, and not kept */
        en->download_url = str_is_http_url(dl) && !url_has_userinfo(dl) ? xstrdup(dl) : NULL;
        en->html_url = str_is_http_url(html) && !url_has_userinfo(html) ? xstrdup(html) : NULL;
    }
    json_decref(arr);
    *out = v;
    *n = listing_dedup(v, k);
    return 0;
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
