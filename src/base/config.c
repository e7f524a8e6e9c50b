/* config.c: see config.h. */
#define _GNU_SOURCE
#include "catchup/config.h"

#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CNAI_CALENDAR                                                                    \
    "https://calendar.google.com/calendar/ical/"                                         \
    "linuxfoundation.org_o5avjlvt2cae9bq7a95emc4740%40group.calendar.google.com/public/" \
    "basic.ics"

#define CNAI_MEETINGS                                                          \
    "github-issues:cncf/toc?title=%5E%5C%5BTOC%20Artificial%20Intelligence%20" \
    "Initiatives%20Meeting%5C%5D"

static void posts_add(struct group *g, struct posts_src *src)
{
    g->posts = xrealloc(g->posts, (g->nposts + 1) * sizeof(*g->posts));
    g->posts[g->nposts++] = *src;
}

static void posts_clear(struct group *g)
{
    for (size_t i = 0; i < g->nposts; i++)
        posts_src_free(&g->posts[i]);
    free(g->posts);
    g->posts = NULL;
    g->nposts = 0;
}

static void group_defaults_cnai(struct group *g)
{
    struct cu_err e;
    struct posts_src src;
    g->name = xstrdup("Cloud Native AI Working Group");
    /* the weekly posts of 2024, then the TOC's AI meetings from 2025 on */
    if (posts_src_parse("github:cncf/tag-runtime/wgs/cnai/news@main", &src, &e) == 0)
        posts_add(g, &src);
    if (posts_src_parse(CNAI_MEETINGS, &src, &e) == 0)
        posts_add(g, &src);
    posts_src_parse("github:cncf/tag-runtime/wgs/cnai/onboarding/index.md@main", &g->onboarding,
                    &e);
    g->board_org = xstrdup("cncf");
    g->board_number = 38;
    strv_push(&g->calendars, CNAI_CALENDAR);
    g->calendar_match = xstrdup("(AI|Artificial Intelligence)");
    g->has_match_re = regcomp(&g->match_re, g->calendar_match, REG_EXTENDED | REG_NOSUB) == 0;
    strv_push(&g->slack, "https://cloud-native.slack.com/archives/C05TYJE81SR");
    g->mailing_list = xstrdup("https://lists.cncf.io/g/wg-artificial-intelligence");
}

static void group_free(struct group *g)
{
    free(g->key);
    free(g->name);
    posts_clear(g);
    posts_src_free(&g->onboarding);
    free(g->board_org);
    strv_free(&g->board_labels);
    strv_free(&g->calendars);
    free(g->calendar_match);
    if (g->has_match_re)
        regfree(&g->match_re);
    strv_free(&g->slack);
    free(g->mailing_list);
    free(g->meeting);
}

void posts_src_free(struct posts_src *src)
{
    free(src->owner);
    free(src->repo);
    free(src->path);
    free(src->ref);
    free(src->dir);
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

char *expand_home(const char *path)
{
    const char *home = getenv("HOME");
    if (path[0] == '~' && (path[1] == '/' || !path[1]) && home && *home)
        return xasprintf("%s%s", home, path + 1);
    return xstrdup(path);
}

static bool valid_name(const char *s, size_t n)
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
    if (!s1 || !valid_owner(p, (size_t)(s1 - p)) || !valid_name(s1 + 1, (size_t)(end - s1 - 1)) ||
        end - s1 - 1 > 100)
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
    if (!valid_name(r, (size_t)(rend - r)) || rend - r > 100)
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

/* ---- parsing state --------------------------------------------------- */

struct loader {
    struct config *c;
    const char *file;
    FILE *fp;
    int line;
    bool too_long;
    int long_line; /* first line that was too long */
    bool file_has_groups;
    struct group *cur;     /* current [group] or NULL */
    char section[64];      /* "ui", "github", "net", "keys", "group" or "" */
    char raw_section[256]; /* the section as inih reports it */
    struct cu_err *e;
    bool failed;
    /* which groups in this file already had calendar/slack replaced */
    struct strv cal_replaced, slack_replaced, posts_replaced;
};

static int section_start(struct loader *L, const char *section);

/* A ';' inside a double-quoted value travels through inih as this byte, so
 * inih does not take it for an inline comment; the handler puts it back. */
#define QUOTED_SEMICOLON '\x1f'

/* inih reads line by line through this, so the line count here is the line
 * of the key the handler is called for.  Section headers are handled here,
 * where their line is known (inih reports sections only with their keys). */
static char *reader(char *str, int num, void *stream)
{
    struct loader *L = stream;
    if (!fgets(str, num, L->fp))
        return NULL;
    L->line++;
    size_t n = strlen(str);
    if (n == (size_t)num - 1 && str[n - 1] != '\n' && !feof(L->fp)) {
        L->too_long = true;
        if (!L->long_line)
            L->long_line = L->line;
        int ch;
        while ((ch = fgetc(L->fp)) != EOF && ch != '\n')
            ;
        str[0] = '\0';
        return str;
    }
    char *p = str;
    if (L->line == 1 && !memcmp(p, "\xEF\xBB\xBF", 3))
        p += 3;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p == '[' && !L->failed) {
        char *close = strchr(p, ']');
        if (close) {
            char name[256];
            snprintf(name, sizeof(name), "%.*s", (int)(close - p - 1), p + 1);
            str_trim(name);
            if (section_start(L, name))
                snprintf(L->raw_section, sizeof(L->raw_section), "%s", name);
        }
    } else if (*p != ';' && *p != '#') {
        char *eq = strchr(p, '=');
        char *q = eq ? eq + 1 : NULL;
        while (q && (*q == ' ' || *q == '\t'))
            q++;
        if (q && *q == '"') {
            char *endq = strrchr(q + 1, '"');
            for (char *c = q + 1; endq && c < endq; c++)
                if (*c == ';')
                    *c = QUOTED_SEMICOLON;
        }
    }
    return str;
}

static int fail(struct loader *L, const char *fmt, ...) CU_PRINTF(2, 3);
static int fail(struct loader *L, const char *fmt, ...)
{
    if (L->failed)
        return 0;
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    cu_errf(L->e, "%s:%d: %s", L->file, L->line, msg);
    free(msg);
    L->failed = true;
    return 0;
}

static bool parse_long(const char *v, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long x = strtol(v, &end, 10);
    if (errno || end == v || *end || x < lo || x > hi)
        return false;
    *out = x;
    return true;
}

static struct group *group_find(struct config *c, const char *key)
{
    for (size_t i = 0; i < c->ngroups; i++)
        if (strcmp(c->groups[i].key, key) == 0)
            return &c->groups[i];
    return NULL;
}

static struct group *group_add(struct config *c, const char *key)
{
    c->groups = xrealloc(c->groups, (c->ngroups + 1) * sizeof(*c->groups));
    struct group *g = &c->groups[c->ngroups++];
    memset(g, 0, sizeof(*g));
    g->key = xstrdup(key);
    return g;
}

static int section_start(struct loader *L, const char *section)
{
    struct config *c = L->c;
    L->cur = NULL;
    if (str_starts(section, "group")) {
        const char *q = section + 5;
        while (*q == ' ')
            q++;
        size_t n = strlen(q);
        if (n < 3 || q[0] != '"' || q[n - 1] != '"')
            return fail(L, "a group section is written [group \"name\"]");
        char *key = xstrndup(q + 1, n - 2);
        if (!valid_name(key, strlen(key))) {
            fail(L, "group name '%s' may hold only letters, digits, '-', '_' and '.'", key);
            free(key);
            return 0;
        }
        if (!L->file_has_groups) {
            /* The first group in the file replaces the built-in list. */
            for (size_t i = 0; i < c->ngroups; i++)
                group_free(&c->groups[i]);
            c->ngroups = 0;
            L->file_has_groups = true;
        }
        struct group *g = group_find(c, key);
        if (!g) {
            g = group_add(c, key);
            if (strcmp(key, "cnai") == 0)
                group_defaults_cnai(g);
        }
        free(key);
        L->cur = g;
        snprintf(L->section, sizeof(L->section), "group");
        return 1;
    }
    if (strcmp(section, "ui") && strcmp(section, "github") && strcmp(section, "net") &&
        strcmp(section, "keys"))
        return fail(L, "unknown section [%s] (known: ui, github, net, keys, group \"NAME\")",
                    section);
    snprintf(L->section, sizeof(L->section), "%s", section);
    return 1;
}

static int set_str(char **dst, const char *v)
{
    free(*dst);
    *dst = xstrdup(v);
    return 1;
}

/* A URL with a user name or password is refused, and not printed: the
 * credential would be sent, stored in the cache and shown in errors. */
static int no_userinfo(struct loader *L, const char *name, const char *v)
{
    if (url_has_userinfo(v))
        return fail(L,
                    "%s must not hold a user name or password (user:password@): it would be "
                    "stored in the cache; %s",
                    name,
                    !strcmp(name, "api") ? "a token goes in GITHUB_TOKEN"
                                         : "use an address that needs no login");
    return 1;
}

static int need_url(struct loader *L, const char *name, const char *v)
{
    if (!no_userinfo(L, name, v))
        return 0;
    if (!str_is_http_url(v))
        return fail(L, "%s must be an http(s) URL, not '%s'", name, v);
    return 1;
}

/* The ?label=NAME&label=NAME of a board (percent-decoded) into g. */
static int board_labels(struct loader *L, struct group *g, const char *v, const char *q)
{
    for (const char *kv = q; *kv;) {
        size_t n = strcspn(kv, "&");
        char *label = NULL;
        if (n > 6 && !strncmp(kv, "label=", 6))
            label = url_unescape(kv + 6, n - 6);
        const char *name = label ? str_trim(label) : "";
        if (!*name) {
            free(label);
            return fail(L, "board '%s': after '?' only label=NAME (repeatable, %%XX escapes)", v);
        }
        if (!strv_contains(&g->board_labels, name))
            strv_push(&g->board_labels, name);
        free(label);
        kv += n + (kv[n] == '&');
    }
    return 1;
}

/* board = github:ORG/projects/N[?label=NAME...]; empty: no board. */
static int board_key(struct loader *L, struct group *g, const char *v)
{
    free(g->board_org);
    g->board_org = NULL;
    g->board_number = 0;
    strv_free(&g->board_labels);
    if (!*v)
        return 1;
    char org[128];
    int n = 0, used = 0;
    const char *p = v;
    if (str_starts(p, "github:"))
        p += 7;
    else if (str_starts(p, "https://github.com/orgs/"))
        p += 24;
    else
        return fail(L, "board must be github:ORG/projects/N, not '%s'", v);
    if (sscanf(p, "%127[A-Za-z0-9_.-]/projects/%d%n", org, &n, &used) != 2 ||
        (p[used] && p[used] != '?') || n <= 0)
        return fail(L, "board must be github:ORG/projects/N, not '%s'", v);
    if (p[used] == '?' && board_labels(L, g, v, p + used + 1) != 1)
        return 0;
    g->board_org = xstrdup(org);
    g->board_number = n;
    return 1;
}

/* posts = ...: repeatable; the file's first one replaces the built-in list. */
static int posts_key(struct loader *L, struct group *g, const char *v)
{
    struct cu_err e;
    if (!strv_contains(&L->posts_replaced, g->key)) {
        posts_clear(g);
        strv_push(&L->posts_replaced, g->key);
    }
    struct posts_src src;
    if (posts_src_parse(v, &src, &e) < 0)
        return fail(L, "posts: %s", e.msg);
    for (size_t i = 0; src.kind != SRC_NONE && i < g->nposts; i++)
        if (!strcmp(g->posts[i].spec, src.spec)) {
            posts_src_free(&src);
            return fail(L, "posts '%s' is given twice", v);
        }
    if (src.kind != SRC_NONE)
        posts_add(g, &src);
    return 1;
}

static int group_key(struct loader *L, const char *name, const char *v)
{
    struct group *g = L->cur;
    struct cu_err e;
    if (!strcmp(name, "name"))
        return set_str(&g->name, v);
    if (!strcmp(name, "posts"))
        return posts_key(L, g, v);
    if (!strcmp(name, "onboarding")) {
        struct posts_src src;
        if (posts_src_parse(v, &src, &e) < 0)
            return fail(L, "%s: %s", name, e.msg);
        if (src.kind == SRC_GITHUB_ISSUES) {
            posts_src_free(&src);
            return fail(L, "onboarding names one file: github:OWNER/REPO/PATH@REF or a path");
        }
        posts_src_free(&g->onboarding);
        g->onboarding = src;
        return 1;
    }
    if (!strcmp(name, "board"))
        return board_key(L, g, v);
    if (!strcmp(name, "calendar")) {
        if (!strv_contains(&L->cal_replaced, g->key)) {
            strv_free(&g->calendars);
            strv_push(&L->cal_replaced, g->key);
        }
        if (!*v)
            return 1;
        if (strstr(v, "://") && !no_userinfo(L, name, v))
            return 0;
        if (strstr(v, "://") && !str_is_http_url(v))
            return fail(L, "calendar must be an http(s) URL or a file, not '%s'", v);
        if (strstr(v, "://"))
            strv_push(&g->calendars, v);
        else
            strv_push_take(&g->calendars, expand_home(v));
        return 1;
    }
    if (!strcmp(name, "calendar_match")) {
        if (g->has_match_re)
            regfree(&g->match_re);
        g->has_match_re = false;
        free(g->calendar_match);
        g->calendar_match = NULL;
        if (!*v)
            return 1;
        int rc = regcomp(&g->match_re, v, REG_EXTENDED | REG_NOSUB);
        if (rc) {
            char why[128];
            regerror(rc, &g->match_re, why, sizeof(why));
            return fail(L, "calendar_match '%s' is not a regular expression: %s", v, why);
        }
        g->has_match_re = true;
        g->calendar_match = xstrdup(v);
        return 1;
    }
    if (!strcmp(name, "slack")) {
        if (!strv_contains(&L->slack_replaced, g->key)) {
            strv_free(&g->slack);
            strv_push(&L->slack_replaced, g->key);
        }
        if (!*v)
            return 1;
        if (!need_url(L, name, v))
            return 0;
        strv_push(&g->slack, v);
        return 1;
    }
    if (!strcmp(name, "mailing_list") || !strcmp(name, "meeting")) {
        if (*v && !need_url(L, name, v))
            return 0;
        return set_str(!strcmp(name, "meeting") ? &g->meeting : &g->mailing_list, v);
    }
    return fail(L,
                "unknown key '%s' in [group \"%s\"] (known: name, posts, onboarding, board, "
                "calendar, calendar_match, slack, mailing_list, meeting)",
                name, g->key);
}

static int handler(void *user, const char *section, const char *name, const char *value)
{
    struct loader *L = user;
    struct config *c = L->c;
    if (L->failed)
        return 1;
    if (!*section)
        return fail(L, "'%s' must be inside a section such as [ui]", name);
    (void)section; /* started by the reader, which knows its line */
    char *v = xstrdup(value);
    for (char *ch = v; *ch; ch++)
        if (*ch == QUOTED_SEMICOLON)
            *ch = ';';
    str_trim(v);
    /* Values may be quoted to keep a ';' or leading spaces. */
    size_t vn = strlen(v);
    if (vn >= 2 && v[0] == '"' && v[vn - 1] == '"') {
        memmove(v, v + 1, vn - 2);
        v[vn - 2] = '\0';
    }
    int ok = 1;
    long x;
    if (!strcmp(L->section, "ui")) {
        if (!strcmp(name, "theme"))
            ok = *v ? set_str(&c->theme, v) : fail(L, "theme needs a name or a path");
        else if (!strcmp(name, "refresh_after"))
            ok = parse_long(v, 0, 365L * 86400, &x)
                     ? (c->refresh_after = x, 1)
                     : fail(L, "refresh_after must be seconds (0 = never), not '%s'", v);
        else if (!strcmp(name, "browser"))
            ok = set_str(&c->browser, v);
        else if (!strcmp(name, "days"))
            ok = parse_long(v, 1, 366, &x) ? (c->days = (int)x, 1)
                                           : fail(L, "days must be 1 to 366, not '%s'", v);
        else
            ok = fail(L, "unknown key '%s' in [ui] (known: theme, refresh_after, browser, days)",
                      name);
    } else if (!strcmp(L->section, "github")) {
        if (!strcmp(name, "api")) {
            if ((ok = need_url(L, name, v))) {
                size_t n = strlen(v);
                while (n && v[n - 1] == '/')
                    v[--n] = '\0';
                set_str(&c->api, v);
                free(c->api_where);
                c->api_where = xasprintf("%s:%d", L->file, L->line);
            }
        } else if (!strcmp(name, "raw")) {
            if ((ok = need_url(L, name, v))) {
                size_t n = strlen(v);
                while (n && v[n - 1] == '/')
                    v[--n] = '\0';
                set_str(&c->raw, v);
            }
        } else if (!strcmp(name, "allow_insecure")) {
            if (!strcmp(v, "true") || !strcmp(v, "false"))
                c->allow_insecure = !strcmp(v, "true");
            else
                ok = fail(L, "allow_insecure must be true or false, not '%s'", v);
        } else {
            ok = fail(L, "unknown key '%s' in [github] (known: api, raw, allow_insecure)", name);
        }
    } else if (!strcmp(L->section, "net")) {
        if (!strcmp(name, "parallel"))
            ok = parse_long(v, 1, 64, &x) ? (c->parallel = (int)x, 1)
                                          : fail(L, "parallel must be 1 to 64, not '%s'", v);
        else if (!strcmp(name, "connect_timeout"))
            ok = parse_long(v, 1, 600, &x)
                     ? (c->connect_timeout = x, 1)
                     : fail(L, "connect_timeout must be 1 to 600 seconds, not '%s'", v);
        else if (!strcmp(name, "stall_timeout"))
            ok = parse_long(v, 1, 3600, &x)
                     ? (c->stall_timeout = x, 1)
                     : fail(L, "stall_timeout must be 1 to 3600 seconds, not '%s'", v);
        else if (!strcmp(name, "transfer_timeout"))
            ok = parse_long(v, 1, 86400, &x)
                     ? (c->transfer_timeout = x, 1)
                     : fail(L, "transfer_timeout must be 1 to 86400 seconds, not '%s'", v);
        else
            ok = fail(L,
                      "unknown key '%s' in [net] (known: parallel, connect_timeout, "
                      "stall_timeout, transfer_timeout)",
                      name);
    } else if (!strcmp(L->section, "keys")) {
        if (!*v) {
            ok = fail(L, "key binding for '%s' is empty", name);
        } else {
            c->keys = xrealloc(c->keys, (c->nkeys + 1) * sizeof(*c->keys));
            struct keybind *k = &c->keys[c->nkeys++];
            k->action = xstrdup(name);
            k->keys = xstrdup(v);
            k->file = xstrdup(L->file);
            k->line = L->line;
        }
    } else if (!strcmp(L->section, "group")) {
        ok = group_key(L, name, v);
    }
    free(v);
    return ok;
}

static void defaults(struct config *c)
{
    memset(c, 0, sizeof(*c));
    c->theme = xstrdup("default");
    c->refresh_after = 3600;
    c->browser = xstrdup("");
    c->days = 14;
    c->api = xstrdup("https://api.github.com");
    c->raw = xstrdup("https://raw.githubusercontent.com");
    c->parallel = 8;
    c->connect_timeout = 10;
    c->stall_timeout = 30;
    c->transfer_timeout = 120;
    struct group *g = group_add(c, "cnai");
    group_defaults_cnai(g);
}

int config_load(struct config *c, const char *path, struct cu_err *e)
{
    defaults(c);
    char *file = NULL;
    bool explicit = true;
    if (path && *path) {
        file = xstrdup(path);
    } else if (getenv("CATCHUP_CONFIG") && *getenv("CATCHUP_CONFIG")) {
        file = xstrdup(getenv("CATCHUP_CONFIG"));
    } else {
        explicit = false;
        const char *xdg = getenv("XDG_CONFIG_HOME");
        const char *home = getenv("HOME");
        if (xdg && *xdg)
            file = xasprintf("%s/catchup/config", xdg);
        else if (home && *home)
            file = xasprintf("%s/.config/catchup/config", home);
    }
    if (!file)
        return 0;
    FILE *fp = fopen(file, "r");
    if (!fp) {
        if (errno == ENOENT && !explicit) {
            free(file);
            return 0;
        }
        cu_errf(e, "%s: cannot read the config: %s", file, strerror(errno));
        free(file);
        config_free(c);
        return -1;
    }
    struct loader L = {.c = c, .file = file, .fp = fp, .e = e};
    /* inih's default line is 200 bytes, short of a feed URL with a token
     * (Outlook, LFX); Debian's libinih takes the length at run time (a
     * buffer on the stack).  Set for this parse only: themes keep theirs. */
    int old_max = ini_max_line;
    ini_max_line = CONFIG_MAX_LINE + 2;
    int rc = ini_parse_stream(reader, &L, handler, &L);
    ini_max_line = old_max;
    fclose(fp);
    strv_free(&L.cal_replaced);
    strv_free(&L.slack_replaced);
    strv_free(&L.posts_replaced);
    if (!L.failed && L.long_line) {
        cu_errf(e, "%s:%d: line is longer than %d characters", file, L.long_line, CONFIG_MAX_LINE);
        L.failed = true;
    } else if (!L.failed && rc > 0) {
        cu_errf(e, "%s:%d: cannot parse this line: expected [section] or key = value", file, rc);
        L.failed = true;
    } else if (!L.failed && rc < 0) {
        cu_errf(e, "%s: cannot read the config", file);
        L.failed = true;
    }
    if (!L.failed) {
        for (size_t i = 0; i < c->ngroups; i++) {
            struct group *g = &c->groups[i];
            if (!g->name)
                g->name = xstrdup(g->key);
        }
    }
    if (L.failed) {
        free(file);
        config_free(c);
        return -1;
    }
    c->file = file;
    return 0;
}

void config_free(struct config *c)
{
    free(c->file);
    free(c->theme);
    free(c->browser);
    free(c->api);
    free(c->raw);
    free(c->api_where);
    for (size_t i = 0; i < c->ngroups; i++)
        group_free(&c->groups[i]);
    free(c->groups);
    for (size_t i = 0; i < c->nkeys; i++) {
        free(c->keys[i].action);
        free(c->keys[i].keys);
        free(c->keys[i].file);
    }
    free(c->keys);
    memset(c, 0, sizeof(*c));
}

const struct group *config_group(const struct config *c, const char *key)
{
    if (!c->ngroups)
        return NULL;
    if (!key)
        return &c->groups[0];
    for (size_t i = 0; i < c->ngroups; i++)
        if (strcmp(c->groups[i].key, key) == 0)
            return &c->groups[i];
    return NULL;
}
