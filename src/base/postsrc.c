/* postsrc.c: what a "posts = ..." value names (struct posts_src in
 * config.h): github:OWNER/REPO/PATH@REF, github-issues:OWNER/REPO?...,
 * feed:URL or a folder, each with the spec that names it in the cache and
 * its badge; and the GitHub URLs of a github: source.  config.c reads the
 * config; this reads one value of it. */
#define _GNU_SOURCE
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catchup/config.h"
#include "catchup/paths.h"
#include "catchup/url.h"

void posts_src_free(struct posts_src *src)
{
    free(src->owner);
    free(src->repo);
    free(src->path);
    free(src->ref);
    free(src->dir);
    free(src->url);
    free(src->title);
    if (src->has_title_re)
        regfree(&src->title_re);
    strv_free(&src->labels);
    free(src->state);
    free(src->search);
    free(src->spec);
    free(src->badge);
    memset(src, 0, sizeof(*src));
}

int posts_badge_width(const struct group *g)
{
    int w = 0;
    for (size_t i = 0; g->nposts > 1 && i < g->nposts; i++) {
        int n = g->posts[i].badge ? (int)strlen(g->posts[i].badge) : 0;
        w = n > w ? n : w;
    }
    return w > 12 ? 12 : w;
}

bool config_valid_name(const char *s, size_t n)
{
    if (!n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.'))
            return false;
    }
    return !(n == 1 && s[0] == '.') && !(n == 2 && s[0] == '.' && s[1] == '.');
}

/* GitHub's rules for a user or organization: letters, digits and '-' ('_'
 * in managed users' names), not starting or ending with '-'. */
static bool valid_owner(const char *s, size_t n)
{
    if (!n || n > 100 || s[0] == '-' || s[0] == '_' || s[n - 1] == '-')
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_'))
            return false;
    }
    return true;
}

/* git check-ref-format's rules, and GitHub's: no control characters,
 * spaces or any of ~^:?*[\, no "..", "@{" or "//", no part starting with
 * '.' or ending with ".lock", not starting with '-' or '/', not ending with
 * '/' or '.', not "@". */
static bool valid_ref(const char *ref)
{
    size_t n = strlen(ref);
    if (!n || n > 255 || ref[0] == '-' || ref[0] == '/' || ref[n - 1] == '/' || ref[n - 1] == '.' ||
        !strcmp(ref, "@") || strstr(ref, "..") || strstr(ref, "@{") || strstr(ref, "//"))
        return false;
    for (const char *p = ref; *p; p++)
        if ((unsigned char)*p < 0x21 || *p == 0x7f || strchr("~^:?*[\\", *p))
            return false;
    for (const char *part = ref; *part;) {
        size_t len = strcspn(part, "/");
        if (part[0] == '.' || (len >= 5 && !memcmp(part + len - 5, ".lock", 5)))
            return false;
        part += len;
        if (*part == '/')
            part++;
    }
    return true;
}

/* A path in a repository: parts that are not empty, "." or "..", with no
 * byte a URL or GitHub would read otherwise. */
static const char *bad_path(const char *path)
{
    for (const char *q = path; *q; q++)
        if ((unsigned char)*q < 0x21 || *q == 0x7f || *q == '?' || *q == '#' || *q == '%' ||
            *q == '\\')
            return "has a path GitHub cannot serve";
    for (const char *part = path; *part;) {
        size_t len = strcspn(part, "/");
        if (!len || (len == 1 && part[0] == '.') || (len == 2 && part[0] == '.' && part[1] == '.'))
            return "has an empty, '.' or '..' part in its path";
        part += len;
        if (*part == '/')
            part++;
    }
    return NULL;
}

/* One key=value of a github-issues: query, value percent-decoded. */
static int issues_key(struct posts_src *src, const char *value, const char *kv, size_t n,
                      struct cu_err *e)
{
    const char *eq = memchr(kv, '=', n);
    size_t kn = eq ? (size_t)(eq - kv) : n;
    const char *raw = eq ? eq + 1 : kv + n;
    size_t rn = (size_t)(kv + n - raw);
    static const char *const keys[] = {"title", "labels", "state", "search"};
    size_t k = 0;
    while (k < CU_ARRAY_LEN(keys) && (strlen(keys[k]) != kn || memcmp(kv, keys[k], kn)))
        k++;
    if (k == CU_ARRAY_LEN(keys))
        return cu_errf(e, "'%s': unknown key '%.*s' (known: title, labels, state, search)", value,
                       (int)kn, kv);
    char **dst[] = {&src->title, NULL, &src->state, &src->search};
    if ((dst[k] && *dst[k]) || (k == 1 && src->labels.n))
        return cu_errf(e, "'%s': '%s' is given twice", value, keys[k]);
    if (k == 1) {
        for (const char *p = raw; p < raw + rn;) {
            const char *c = memchr(p, ',', (size_t)(raw + rn - p));
            size_t ln = c ? (size_t)(c - p) : (size_t)(raw + rn - p);
            char *label = url_unescape(p, ln);
            if (!label || !*str_trim(label)) {
                free(label);
                return cu_errf(e, "'%s': labels must be names separated by ',' (%%XX escapes)",
                               value);
            }
            strv_push_take(&src->labels, label);
            p += ln + (c != NULL);
        }
        return 0;
    }
    char *v = url_unescape(raw, rn);
    if (!v || !*v) {
        free(v);
        return cu_errf(e, "'%s': '%s' needs a value (%%XX escapes)", value, keys[k]);
    }
    *dst[k] = v;
    return 0;
}

/* github-issues:OWNER/REPO?title=ERE&labels=A,B&state=all&search=WORDS */
static int issues_src_parse(const char *value, struct posts_src *src, struct cu_err *e)
{
    const char *p = value + strlen("github-issues:");
    const char *q = strchr(p, '?');
    const char *end = q ? q : p + strlen(p);
    const char *s1 = memchr(p, '/', (size_t)(end - p));
    if (!s1 || !valid_owner(p, (size_t)(s1 - p)) ||
        !config_valid_name(s1 + 1, (size_t)(end - s1 - 1)) || end - s1 - 1 > 100)
        return cu_errf(e, "'%s' is not github-issues:OWNER/REPO?title=ERE&labels=A,B&state=all",
                       value);
    src->kind = SRC_GITHUB_ISSUES;
    src->owner = xstrndup(p, (size_t)(s1 - p));
    src->repo = xstrndup(s1 + 1, (size_t)(end - s1 - 1));
    for (const char *kv = q ? q + 1 : end; *kv;) {
        size_t n = strcspn(kv, "&");
        if (n && issues_key(src, value, kv, n, e) < 0)
            return -1;
        kv += n + (kv[n] == '&');
    }
    if (!src->state)
        src->state = xstrdup("all");
    if (strcmp(src->state, "all") && strcmp(src->state, "open") && strcmp(src->state, "closed"))
        return cu_errf(e, "'%s': state must be open, closed or all, not '%s'", value, src->state);
    if (src->title) {
        int rc = regcomp(&src->title_re, src->title, REG_EXTENDED | REG_NOSUB);
        if (rc) {
            char why[128];
            regerror(rc, &src->title_re, why, sizeof(why));
            return cu_errf(e, "'%s': title '%s' is not a regular expression: %s", value, src->title,
                           why);
        }
        src->has_title_re = true;
    }
    src->badge = xstrdup(src->repo);
    return 0;
}

int posts_src_parse(const char *value, struct posts_src *src, struct cu_err *e)
{
    memset(src, 0, sizeof(*src));
    if (!*value)
        return 0;
    if (str_starts(value, "feed:")) {
        const char *url = value + 5;
        if (url_has_userinfo(url))
            return cu_errf(e, "a feed URL must not hold a user name or password: it would be "
                              "stored in the cache");
        if (!str_is_http_url(url))
            return cu_errf(e, "'%s' is not feed:URL with an http(s) URL", value);
        src->kind = SRC_FEED;
        src->url = xstrdup(url);
        src->spec = xstrdup(value);
        char *host = url_host_dup(url);
        src->badge = host ? host : xstrdup("feed");
        return 0;
    }
    if (str_starts(value, "github-issues:")) {
        if (issues_src_parse(value, src, e) < 0) {
            posts_src_free(src);
            return -1;
        }
        src->spec = xstrdup(value);
        return 0;
    }
    if (!str_starts(value, "github:")) {
        src->kind = SRC_DIR;
        src->dir = expand_home(value);
        src->spec = xstrdup(value);
        /* the folder's own name, trailing slashes aside */
        size_t n = strlen(src->dir);
        while (n > 1 && src->dir[n - 1] == '/')
            n--;
        size_t at = n;
        while (at && src->dir[at - 1] != '/')
            at--;
        src->badge = xstrndup(src->dir + at, n - at);
        return 0;
    }
    const char *p = value + 7;
    const char *at = strrchr(p, '@');
    const char *end = at ? at : p + strlen(p);
    const char *s1 = memchr(p, '/', (size_t)(end - p));
    if (!s1 || !valid_owner(p, (size_t)(s1 - p)))
        return cu_errf(e, "'%s' is not github:OWNER/REPO/PATH@REF", value);
    const char *r = s1 + 1;
    const char *s2 = memchr(r, '/', (size_t)(end - r));
    const char *rend = s2 ? s2 : end;
    if (!config_valid_name(r, (size_t)(rend - r)) || rend - r > 100)
        return cu_errf(e, "'%s' is not github:OWNER/REPO/PATH@REF", value);
    if (at && !at[1])
        return cu_errf(e, "'%s' has an empty ref after '@'", value);
    if (at && !valid_ref(at + 1))
        return cu_errf(e,
                       "'%s': '%s' is not a valid git ref (no spaces, '..', '@{', '//' or any of "
                       "~^:?*[\\, no part starting with '.' or ending with \".lock\")",
                       value, at + 1);
    char *path = s2 ? xstrndup(s2 + 1, (size_t)(end - s2 - 1)) : xstrdup("");
    /* Trailing slashes would make the contents URL differ from GitHub's. */
    size_t n = strlen(path);
    while (n && path[n - 1] == '/')
        path[--n] = '\0';
    const char *why = bad_path(path);
    if (why) {
        free(path);
        return cu_errf(e, "'%s' %s", value, why);
    }
    src->kind = SRC_GITHUB;
    src->owner = xstrndup(p, (size_t)(s1 - p));
    src->repo = xstrndup(r, (size_t)(rend - r));
    src->path = path;
    src->ref = xstrdup(at ? at + 1 : "main");
    src->spec = xstrdup(value);
    src->badge = xstrdup(src->repo);
    return 0;
}

char *posts_src_contents_url(const struct posts_src *src, const char *api)
{
    char *o = url_escape(src->owner, NULL), *r = url_escape(src->repo, NULL);
    char *p = url_escape(src->path, "/"), *ref = url_escape(src->ref, NULL);
    char *url = xasprintf("%s/repos/%s/%s/contents/%s?ref=%s", api, o, r, p, ref);
    free(o), free(r), free(p), free(ref);
    return url;
}

char *posts_src_tree_url(const struct posts_src *src, const char *api, const char *tree)
{
    char *o = url_escape(src->owner, NULL), *r = url_escape(src->repo, NULL);
    char *t = url_escape(tree ? tree : src->ref, NULL);
    char *url = xasprintf("%s/repos/%s/%s/git/trees/%s?recursive=1", api, o, r, t);
    free(o), free(r), free(t);
    return url;
}

char *posts_src_raw_url(const struct posts_src *src, const char *raw, const char *path)
{
    char *o = url_escape(src->owner, NULL), *r = url_escape(src->repo, NULL);
    char *p = url_escape(path, "/"), *ref = url_escape(src->ref, "/");
    char *url = xasprintf("%s/%s/%s/%s/%s", raw, o, r, ref, p);
    free(o), free(r), free(p), free(ref);
    return url;
}

char *posts_src_commits_url(const struct posts_src *src, const char *api, const char *path)
{
    char *o = url_escape(src->owner, NULL), *r = url_escape(src->repo, NULL);
    char *p = url_escape(path, "/"), *ref = url_escape(src->ref, NULL);
    char *url = xasprintf("%s/repos/%s/%s/commits?path=%s&sha=%s&per_page=1", api, o, r, p, ref);
    free(o), free(r), free(p), free(ref);
    return url;
}
