/* config.c: see config.h. */
#define _GNU_SOURCE
#include "catchup/config.h"

#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef CATCHUP_DATADIR
#define CATCHUP_DATADIR "/usr/local/share/catchup"
#endif

#include "catchup/inifile.h"
#include "catchup/paths.h"
#include "catchup/url.h"

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
    free(g->where);
}

/* ---- parsing state --------------------------------------------------- */

struct loader {
    struct config *c;
    const char *file;
    struct ini_file in;
    int line;              /* the line being read (in.line) */
    bool group_file;       /* a NAME.group file: keys without a section */
    int nsections;         /* [group] sections seen in the config */
    struct group *cur;     /* current [group] or NULL */
    char section[64];      /* "ui", "github", "net", "keys", "group" or "" */
    char raw_section[256]; /* the section as inih reports it */
    struct cu_err *e;
    bool failed;
    /* which groups in this file already had calendar/slack replaced */
    struct strv cal_replaced, slack_replaced, posts_replaced;
};

static int section_start(struct loader *L, const char *section);
static int fail(struct loader *L, const char *fmt, ...) CU_PRINTF(2, 3);
static void group_defaults_cnai(struct config *c, struct group *g);
static bool section_known(const char *section);
static void section_names(char *out, size_t n);

/* A ';' inside a double-quoted value travels through inih as this byte, so
 * inih does not take it for an inline comment; the handler puts it back. */
#define QUOTED_SEMICOLON '\x1f'

/* inih reads line by line through this, so the line count here is the line
 * of the key the handler is called for.  Section headers are handled here,
 * where their line is known (inih reports sections only with their keys). */
static char *reader(char *str, int num, void *stream)
{
    struct loader *L = stream;
    char *p;
    if (!ini_file_read_line(&L->in, str, num, &p))
        return NULL;
    L->line = L->in.line;
    if (*p == '[' && !L->failed && L->group_file) {
        fail(L, "a group file holds the keys of its group only, without [sections]");
    } else if (*p == '[' && !L->failed) {
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
    g->config_order = -1;
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
        if (!config_valid_name(key, strlen(key))) {
            fail(L, "group name '%s' may hold only letters, digits, '-', '_' and '.'", key);
            free(key);
            return 0;
        }
        /* A section starts from the group of its name (built in or a
         * file of the catalog); the first one is the default group. */
        struct group *g = group_find(c, key);
        if (!g) {
            g = group_add(c, key);
            g->base = GROUP_CONFIG;
        } else if (g->origin != GROUP_CONFIG) {
            g->base = g->origin;
        }
        if (g->origin != GROUP_CONFIG || g->config_order < 0)
            g->config_order = L->nsections++;
        g->origin = GROUP_CONFIG;
        free(g->where);
        g->where = xasprintf("%s:%d", L->file, L->line);
        free(key);
        L->cur = g;
        snprintf(L->section, sizeof(L->section), "group");
        return 1;
    }
    if (!section_known(section)) {
        char known[256];
        section_names(known, sizeof(known));
        return fail(L, "unknown section [%s] (known: %s)", section, known);
    }
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

/* ---- the keys ----------------------------------------------------------- */

struct config_key;
/* Stores value v of key k (in L->c, or in the group L->cur); 0 after fail(). */
typedef int (*key_setter)(struct loader *L, const struct config_key *k, char *v);

/* Every config key: where it goes, its default, its range, its help.  The
 * parser, the defaults, the messages, --list-config (and so the man page's
 * config list) come from this table. */
struct config_key {
    const char *section; /* "ui", "github", "net" or "group" */
    const char *key;
    key_setter set;
    size_t offset;     /* of its field in struct config or struct group */
    long lo, hi;       /* a number's range */
    const char *range; /* a bad value's message: "KEY must be RANGE, not 'V'" */
    const char *def;   /* the default as written in a config; a group's are cnai's */
    const char *help;  /* a comment for the example config */
};

static int set_text(struct loader *L, const struct config_key *k, char *v)
{
    char **dst =
        (char **)((char *)(L->cur && !strcmp(k->section, "group") ? (void *)L->cur : (void *)L->c) +
                  k->offset);
    return set_str(dst, v);
}

static int set_nonempty(struct loader *L, const struct config_key *k, char *v)
{
    if (!*v)
        return fail(L, "%s needs %s", k->key, k->range);
    return set_text(L, k, v);
}

static int set_long(struct loader *L, const struct config_key *k, char *v)
{
    long x;
    if (!parse_long(v, k->lo, k->hi, &x))
        return fail(L, "%s must be %s, not '%s'", k->key, k->range, v);
    *(long *)((char *)L->c + k->offset) = x;
    return 1;
}

static int set_int(struct loader *L, const struct config_key *k, char *v)
{
    long x;
    if (!parse_long(v, k->lo, k->hi, &x))
        return fail(L, "%s must be %s, not '%s'", k->key, k->range, v);
    *(int *)((char *)L->c + k->offset) = (int)x;
    return 1;
}

static int set_bool(struct loader *L, const struct config_key *k, char *v)
{
    if (strcmp(v, "true") && strcmp(v, "false"))
        return fail(L, "%s must be %s, not '%s'", k->key, k->range, v);
    *(bool *)((char *)L->c + k->offset) = !strcmp(v, "true");
    return 1;
}

static int set_api(struct loader *L, const struct config_key *k, char *v)
{
    if (!need_url(L, k->key, v))
        return 0;
    size_t n = strlen(v);
    while (n && v[n - 1] == '/')
        v[--n] = '\0';
    set_str(&L->c->api, v);
    free(L->c->api_where);
    L->c->api_where = L->file ? xasprintf("%s:%d", L->file, L->line) : NULL;
    return 1;
}

/* An http(s) URL without its trailing slashes (raw). */
static int set_base_url(struct loader *L, const struct config_key *k, char *v)
{
    if (!need_url(L, k->key, v))
        return 0;
    size_t n = strlen(v);
    while (n && v[n - 1] == '/')
        v[--n] = '\0';
    return set_text(L, k, v);
}

static int set_src(struct loader *L, const struct config_key *k, char *v)
{
    struct cu_err e;
    struct posts_src src;
    if (posts_src_parse(v, &src, &e) < 0)
        return fail(L, "%s: %s", k->key, e.msg);
    if (src.kind == SRC_FEED || src.kind == SRC_GITHUB_ISSUES) {
        posts_src_free(&src);
        return fail(L, "%s names one file: github:OWNER/REPO/PATH@REF or a path", k->key);
    }
    struct posts_src *dst = (struct posts_src *)((char *)L->cur + k->offset);
    posts_src_free(dst);
    *dst = src;
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

/* posts = ...: repeatable, all feeding one timeline; a file's first one
 * replaces the list the group had (built in, or from the catalog). */
static int set_posts(struct loader *L, const struct config_key *k, char *v)
{
    struct cu_err e;
    struct group *g = L->cur;
    if (!strv_contains(&L->posts_replaced, g->key)) {
        posts_clear(g);
        strv_push(&L->posts_replaced, g->key);
    }
    struct posts_src src;
    if (posts_src_parse(v, &src, &e) < 0)
        return fail(L, "%s: %s", k->key, e.msg);
    for (size_t i = 0; src.kind != SRC_NONE && i < g->nposts; i++)
        if (!strcmp(g->posts[i].spec, src.spec)) {
            posts_src_free(&src);
            return fail(L, "%s '%s' is given twice", k->key, v);
        }
    if (src.kind != SRC_NONE)
        posts_add(g, &src);
    return 1;
}

static int set_board(struct loader *L, const struct config_key *k, char *v)
{
    struct group *g = L->cur;
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
        return fail(L, "%s must be %s, not '%s'", k->key, k->range, v);
    if (sscanf(p, "%127[A-Za-z0-9_.-]/projects/%d%n", org, &n, &used) != 2 ||
        (p[used] && p[used] != '?') || n <= 0)
        return fail(L, "%s must be %s, not '%s'", k->key, k->range, v);
    if (p[used] == '?' && board_labels(L, g, v, p + used + 1) != 1)
        return 0;
    g->board_org = xstrdup(org);
    g->board_number = n;
    return 1;
}

static int set_calendar(struct loader *L, const struct config_key *k, char *v)
{
    struct group *g = L->cur;
    if (!strv_contains(&L->cal_replaced, g->key)) {
        strv_free(&g->calendars);
        strv_push(&L->cal_replaced, g->key);
    }
    if (!*v)
        return 1;
    if (strstr(v, "://") && !no_userinfo(L, k->key, v))
        return 0;
    if (strstr(v, "://") && !str_is_http_url(v))
        return fail(L, "%s must be %s, not '%s'", k->key, k->range, v);
    if (strstr(v, "://"))
        strv_push(&g->calendars, v);
    else
        strv_push_take(&g->calendars, expand_home(v));
    return 1;
}

static int set_match(struct loader *L, const struct config_key *k, char *v)
{
    struct group *g = L->cur;
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
        return fail(L, "%s '%s' is not a regular expression: %s", k->key, v, why);
    }
    g->has_match_re = true;
    g->calendar_match = xstrdup(v);
    return 1;
}

static int set_slack(struct loader *L, const struct config_key *k, char *v)
{
    struct group *g = L->cur;
    if (!strv_contains(&L->slack_replaced, g->key)) {
        strv_free(&g->slack);
        strv_push(&L->slack_replaced, g->key);
    }
    if (!*v)
        return 1;
    if (!need_url(L, k->key, v))
        return 0;
    strv_push(&g->slack, v);
    return 1;
}

static int set_group_url(struct loader *L, const struct config_key *k, char *v)
{
    if (*v && !need_url(L, k->key, v))
        return 0;
    return set_text(L, k, v);
}

#define CFG(field) offsetof(struct config, field)
#define GRP(field) offsetof(struct group, field)
static const struct config_key keys[] = {
    {"ui", "theme", set_nonempty, CFG(theme), 0, 0, "a name or a path", "default",
     "a theme name or a path"},
    {"ui", "refresh_after", set_long, CFG(refresh_after), 0, 365L * 86400, "seconds (0 = never)",
     "3600", "seconds; 0 = never refresh by itself (r does)"},
    {"ui", "browser", set_text, CFG(browser), 0, 0, "", "",
     "command; default $BROWSER, then xdg-open"},
    {"ui", "days", set_int, CFG(days), 1, 366, "1 to 366", "14", "how far the agenda looks ahead"},
    {"github", "api", set_api, CFG(api), 0, 0, "", "https://api.github.com", ""},
    {"github", "raw", set_base_url, CFG(raw), 0, 0, "", "https://raw.githubusercontent.com",
     "where posts' files come from"},
    {"github", "allow_insecure", set_bool, CFG(allow_insecure), 0, 0, "true or false", "false",
     "true: the token may go to a plain http api"},
    {"net", "parallel", set_int, CFG(parallel), 1, 64, "1 to 64", "8", "transfers at once"},
    {"net", "connect_timeout", set_long, CFG(connect_timeout), 1, 600, "1 to 600 seconds", "10",
     "seconds to connect"},
    {"net", "stall_timeout", set_long, CFG(stall_timeout), 1, 3600, "1 to 3600 seconds", "30",
     "seconds without data before giving up"},
    {"net", "transfer_timeout", set_long, CFG(transfer_timeout), 1, 86400, "1 to 86400 seconds",
     "120", "seconds for one whole transfer"},
    {"group", "name", set_text, GRP(name), 0, 0, "", "Cloud Native AI Working Group", ""},
    {"group", "posts", set_posts, 0, 0, 0, "",
     "github:cncf/tag-runtime/wgs/cnai/news@main\n" CNAI_MEETINGS,
     "repeatable: github:, github-issues:, feed: or a directory"},
    {"group", "onboarding", set_src, GRP(onboarding), 0, 0, "",
     "github:cncf/tag-runtime/wgs/cnai/onboarding/index.md@main", ""},
    {"group", "board", set_board, 0, 0, 0, "github:ORG/projects/N", "github:cncf/projects/38", ""},
    {"group", "calendar", set_calendar, 0, 0, 0, "an http(s) URL or a file", CNAI_CALENDAR,
     "may repeat"},
    {"group", "calendar_match", set_match, 0, 0, 0, "", "(AI|Artificial Intelligence)", ""},
    {"group", "slack", set_slack, 0, 0, 0, "",
     "https://cloud-native.slack.com/archives/C05TYJE81SR", ""},
    {"group", "mailing_list", set_group_url, GRP(mailing_list), 0, 0, "",
     "https://lists.cncf.io/g/wg-artificial-intelligence", ""},
    {"group", "meeting", set_group_url, GRP(meeting), 0, 0, "", "",
     "a join link, when the group has a fixed one"},
};
#undef CFG
#undef GRP

static const struct config_key *key_find(const char *section, const char *key)
{
    for (size_t i = 0; i < CU_ARRAY_LEN(keys); i++)
        if (!strcmp(keys[i].section, section) && !strcmp(keys[i].key, key))
            return &keys[i];
    return NULL;
}

/* "theme, refresh_after, browser, days": the keys of section. */
static void key_names(const char *section, char *out, size_t n)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < CU_ARRAY_LEN(keys) && used < n; i++)
        if (!strcmp(keys[i].section, section))
            used += (size_t)snprintf(out + used, n - used, "%s%s", used ? ", " : "", keys[i].key);
}

static bool section_known(const char *section)
{
    if (!strcmp(section, "keys"))
        return true;
    for (size_t i = 0; i < CU_ARRAY_LEN(keys); i++)
        if (!strcmp(keys[i].section, section) && strcmp(section, "group"))
            return true;
    return false;
}

/* "ui, github, net, keys, group \"NAME\"" */
static void section_names(char *out, size_t n)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < CU_ARRAY_LEN(keys) && used < n; i++)
        if (strcmp(keys[i].section, "group") &&
            (!i || strcmp(keys[i].section, keys[i - 1].section)))
            used +=
                (size_t)snprintf(out + used, n - used, "%s%s", used ? ", " : "", keys[i].section);
    if (used < n)
        snprintf(out + used, n - used, ", keys, group \"NAME\"");
}

/* The built-in group's values: the group keys' defaults. */
static void group_defaults_cnai(struct config *c, struct group *g)
{
    struct cu_err e;
    struct loader L = {.c = c, .cur = g, .e = &e};
    for (size_t i = 0; i < CU_ARRAY_LEN(keys); i++) {
        if (strcmp(keys[i].section, "group") || !*keys[i].def)
            continue;
        /* a repeatable key's default may hold several values, one a line */
        for (const char *d = keys[i].def; *d;) {
            size_t n = strcspn(d, "\n");
            char *v = xstrndup(d, n);
            keys[i].set(&L, &keys[i], v);
            free(v);
            d += n + (d[n] == '\n');
        }
    }
    strv_free(&L.cal_replaced);
    strv_free(&L.slack_replaced);
    strv_free(&L.posts_replaced);
}

static int bind_key(struct loader *L, const char *name, const char *v)
{
    struct config *c = L->c;
    if (!*v)
        return fail(L, "key binding for '%s' is empty", name);
    c->keys = xrealloc(c->keys, (c->nkeys + 1) * sizeof(*c->keys));
    struct keybind *k = &c->keys[c->nkeys++];
    k->action = xstrdup(name);
    k->keys = xstrdup(v);
    k->file = xstrdup(L->file);
    k->line = L->line;
    return 1;
}

static int handler(void *user, const char *section, const char *name, const char *value)
{
    struct loader *L = user;
    if (L->failed)
        return 1;
    if (!*section && !L->group_file)
        return fail(L, "'%s' must be inside a section such as [ui]", name);
    /* the section was started by the reader, which knows its line */
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
    int ok;
    const struct config_key *k = key_find(L->section, name);
    if (!strcmp(L->section, "keys")) {
        ok = bind_key(L, name, v);
    } else if (k) {
        ok = k->set(L, k, v);
    } else {
        char known[256];
        key_names(L->section, known, sizeof(known));
        if (!strcmp(L->section, "group"))
            ok =
                fail(L, "unknown key '%s' in [group \"%s\"] (known: %s)", name, L->cur->key, known);
        else
            ok = fail(L, "unknown key '%s' in [%s] (known: %s)", name, L->section, known);
    }
    free(v);
    return ok;
}

static void defaults(struct config *c)
{
    memset(c, 0, sizeof(*c));
    struct cu_err e;
    struct loader L = {.c = c, .e = &e};
    for (size_t i = 0; i < CU_ARRAY_LEN(keys); i++) {
        if (!strcmp(keys[i].section, "group"))
            continue;
        char *v = xstrdup(keys[i].def);
        keys[i].set(&L, &keys[i], v);
        free(v);
    }
    group_defaults_cnai(c, group_add(c, "cnai"));
}

/* Escapes '-' and '\' for roff. */
static void put_roff(FILE *fp, const char *s)
{
    for (; *s; s++) {
        if (*s == '-' || *s == '\\')
            fputc('\\', fp);
        fputc(*s, fp);
    }
}

/* One "key = default ; help" line of --list-config (help on the first). */
static void list_key(FILE *fp, const struct config_key *k, const char *d, size_t dn, bool help,
                     bool roff)
{
    /* the man page shortens a long URL to its host and file */
    char def[1024];
    const char *slash = memrchr(d, '/', dn), *host = strstr(d, "://");
    if (host && host >= d + dn)
        host = NULL;
    if (roff && dn > 60 && host && slash && strchr(host + 3, '/'))
        snprintf(def, sizeof(def), "%.*s/...%.*s", (int)(strchr(host + 3, '/') - d), d,
                 (int)(d + dn - slash), slash);
    else
        snprintf(def, sizeof(def), "%.*s", (int)dn, d);
    char line[1200];
    int n = snprintf(line, sizeof(line), "%s = %s", k->key, def);
    if (help && *k->help)
        snprintf(line + n, sizeof(line) - (size_t)n, "%*s; %s", n < 25 ? 25 - n : 3, "", k->help);
    if (roff)
        put_roff(fp, line);
    else
        fputs(line, fp);
    fputc('\n', fp);
}

void config_list_keys(FILE *fp, const char *format)
{
    bool roff = format && !strcmp(format, "roff");
    for (size_t i = 0; i < CU_ARRAY_LEN(keys); i++) {
        const struct config_key *k = &keys[i];
        if (!i || strcmp(k->section, keys[i - 1].section))
            fprintf(fp, "%s[%s%s]\n", i ? "\n" : "", k->section,
                    !strcmp(k->section, "group") ? " \"cnai\"" : "");
        /* a repeatable key's defaults: one line each */
        for (const char *d = k->def;;) {
            size_t dn = strcspn(d, "\n");
            list_key(fp, k, d, dn, d == k->def, roff);
            if (!d[dn])
                break;
            d += dn + 1;
        }
    }
}

/* Reads one INI stream (the config, or a group file) through the handler.
 * Returns 0, or -1 with L->e set. */
static int parse_stream(struct loader *L)
{
    /* inih's default line is 200 bytes, short of a feed URL with a token
     * (Outlook, LFX): set for this parse only, themes keep theirs. */
    int rc = ini_file_parse(reader, L, handler, L, CONFIG_MAX_LINE + 2);
    strv_free(&L->cal_replaced);
    strv_free(&L->slack_replaced);
    strv_free(&L->posts_replaced);
    if (!L->failed && L->in.long_line) {
        cu_errf(L->e, "%s:%d: line is longer than %d characters", L->file, L->in.long_line,
                CONFIG_MAX_LINE);
        L->failed = true;
    } else if (!L->failed && rc > 0) {
        cu_errf(L->e, "%s:%d: cannot parse this line: expected %s or key = value", L->file, rc,
                L->group_file ? "a comment" : "[section]");
        L->failed = true;
    } else if (!L->failed && rc < 0) {
        cu_errf(L->e, "%s: cannot read it", L->file);
        L->failed = true;
    }
    return L->failed ? -1 : 0;
}

const char *group_origin_name(enum group_origin o)
{
    switch (o) {
    case GROUP_BUILTIN: return "built in";
    case GROUP_SHIPPED: return "shipped";
    case GROUP_USER: return "your file";
    case GROUP_CONFIG: return "config";
    }
    return "config";
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *config_groups_dir(void)
{
    const char *env = getenv("CATCHUP_GROUPS_DIR");
    if (env && *env)
        return xstrdup(env);
    /* A binary run from the source tree reads the groups beside it. */
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            char *dir = xasprintf("%s/groups", exe);
            if (is_dir(dir))
                return dir;
            free(dir);
        }
    }
    return xstrdup(CATCHUP_DATADIR "/groups");
}

/* Reads dir/NAME.group as the whole definition of group NAME, replacing
 * one of that name.  Returns 0, or -1 with e set ("FILE:LINE: ..."). */
static int load_group_file(struct config *c, const char *dir, const char *fname,
                           enum group_origin origin, struct cu_err *e)
{
    char *path = xasprintf("%s/%s", dir, fname);
    char *key = xstrndup(fname, strlen(fname) - 6);
    FILE *fp = fopen(path, "r");
    if (!fp) {
        cu_errf(e, "%s: cannot read the group file: %s", path, strerror(errno));
        free(path), free(key);
        return -1;
    }
    struct group *g = group_find(c, key);
    if (g) {
        group_free(g);
        memset(g, 0, sizeof(*g));
        g->key = xstrdup(key);
    } else {
        g = group_add(c, key);
    }
    g->origin = g->base = origin;
    g->where = xstrdup(path);
    g->config_order = -1;
    struct loader L = {
        .c = c, .file = path, .in = {.fp = fp}, .e = e, .group_file = true, .cur = g};
    snprintf(L.section, sizeof(L.section), "group");
    int rc = parse_stream(&L);
    fclose(fp);
    free(path), free(key);
    return rc;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every NAME.group of dir, by name; a missing folder has none. */
static int load_group_dir(struct config *c, const char *dir, enum group_origin origin,
                          struct cu_err *e)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    struct strv names = {0};
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t n = strlen(de->d_name);
        if (n > 6 && str_ends(de->d_name, ".group") && config_valid_name(de->d_name, n - 6))
            strv_push(&names, de->d_name);
    }
    closedir(d);
    if (names.n)
        qsort(names.v, names.n, sizeof(*names.v), by_name);
    int rc = 0;
    for (size_t i = 0; i < names.n && rc == 0; i++)
        rc = load_group_file(c, dir, names.v[i], origin, e);
    strv_free(&names);
    return rc;
}

static int load_catalog(struct config *c, struct cu_err *e)
{
    char *shipped = config_groups_dir();
    int rc = load_group_dir(c, shipped, GROUP_SHIPPED, e);
    free(shipped);
    char *user = paths_config("groups");
    if (rc == 0 && user)
        rc = load_group_dir(c, user, GROUP_USER, e);
    free(user);
    return rc;
}

/* The config's sections first, in its order (the first is the default),
 * then cnai, then the rest by name. */
static int group_order(const void *a, const void *b)
{
    const struct group *x = a, *y = b;
    int ox = x->config_order >= 0 ? x->config_order : INT_MAX;
    int oy = y->config_order >= 0 ? y->config_order : INT_MAX;
    if (ox != oy)
        return ox < oy ? -1 : 1;
    int cx = strcmp(x->key, "cnai") != 0, cy = strcmp(y->key, "cnai") != 0;
    return cx != cy ? cx - cy : strcmp(x->key, y->key);
}

int config_load(struct config *c, const char *path, struct cu_err *e)
{
    defaults(c);
    if (load_catalog(c, e) < 0) {
        config_free(c);
        return -1;
    }
    char *file = NULL;
    bool explicit = true;
    if (path && *path) {
        file = xstrdup(path);
    } else if (getenv("CATCHUP_CONFIG") && *getenv("CATCHUP_CONFIG")) {
        file = xstrdup(getenv("CATCHUP_CONFIG"));
    } else {
        explicit = false;
        file = paths_config("config");
    }
    FILE *fp = file ? fopen(file, "r") : NULL;
    if (file && !fp && (errno != ENOENT || explicit)) {
        cu_errf(e, "%s: cannot read the config: %s", file, strerror(errno));
        free(file);
        config_free(c);
        return -1;
    }
    if (fp) {
        struct loader L = {.c = c, .file = file, .in = {.fp = fp}, .e = e};
        int rc = parse_stream(&L);
        fclose(fp);
        if (rc < 0) {
            free(file);
            config_free(c);
            return -1;
        }
        c->file = file;
    } else {
        free(file);
    }
    for (size_t i = 0; i < c->ngroups; i++) {
        struct group *g = &c->groups[i];
        if (!g->name)
            g->name = xstrdup(g->key);
    }
    qsort(c->groups, c->ngroups, sizeof(*c->groups), group_order);
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
