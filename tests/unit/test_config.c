/* test_config.c: the configuration (config.c): lookup order, built-in CNAI
 * defaults, every error with its FILE:LINE, and posts_src_parse().
 *
 * Each test runs with HOME set to a fresh temporary directory and without
 * XDG_CONFIG_HOME and CATCHUP_CONFIG, so the user's own config is never read,
 * and with CATCHUP_GROUPS_DIR at a folder that does not exist, so no group
 * file is read unless a test asks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catchup/config.h"
#include "catchup/util.h"

#define CNAI_NAME "Cloud Native AI Working Group"
#define CNAI_SLACK "https://cloud-native.slack.com/archives/C05TYJE81SR"

struct fixture {
    char home[256];
};

static void rm_rf(const char *path)
{
    struct stat st;
    if (lstat(path, &st) < 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        struct dirent *de;
        while (d && (de = readdir(d))) {
            if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
                continue;
            char *sub = xasprintf("%s/%s", path, de->d_name);
            rm_rf(sub);
            free(sub);
        }
        if (d)
            closedir(d);
        rmdir(path);
    } else {
        unlink(path);
    }
}

static int setup(void **state)
{
    struct fixture *f = xcalloc(1, sizeof(*f));
    const char *tmp = getenv("TMPDIR");
    snprintf(f->home, sizeof(f->home), "%s/catchup-cfg-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(f->home)) {
        free(f);
        return -1;
    }
    setenv("HOME", f->home, 1);
    unsetenv("XDG_CONFIG_HOME");
    unsetenv("CATCHUP_CONFIG");
    setenv("CATCHUP_GROUPS_DIR", "/nonexistent/catchup-groups", 1);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    rm_rf(f->home);
    free(f);
    return 0;
}

/* Writes text to a new file (mkstemp) in the test's HOME; caller frees the
 * path. */
static char *write_config(void **state, const char *text)
{
    struct fixture *f = *state;
    char *path = xasprintf("%s/config-XXXXXX", f->home);
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    size_t n = strlen(text);
    assert_int_equal(write(fd, text, n), (ssize_t)n);
    close(fd);
    return path;
}

/* Writes text to path, creating its directory. */
static void write_at(const char *path, const char *text)
{
    char *dir = xstrdup(path);
    *strrchr(dir, '/') = '\0';
    struct cu_err e;
    assert_int_equal(mkdir_p(dir, &e), 0);
    free(dir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

/* Loads text as the config and expects failure with exactly
 * "PATH:<want_after_path>".  Everything is freed before the checks, so a
 * failing check leaks nothing. */
static void expect_error(void **state, const char *text, const char *want_after_path)
{
    char *path = write_config(state, text);
    struct config c;
    struct cu_err e = {{0}};
    int rc = config_load(&c, path, &e);
    char want[1024];
    snprintf(want, sizeof(want), "%s:%s", path, want_after_path);
    free(path);
    /* c is left empty and freeing it (twice) is safe */
    bool empty = !c.groups && !c.ngroups && !c.file && !c.api;
    config_free(&c);
    config_free(&c);
    if (rc != -1)
        fail_msg("config_load returned %d for:\n%s", rc, text);
    assert_string_equal(e.msg, want);
    assert_true(empty);
}

/* Loads text as the config and expects success; caller frees c. */
static char *load_ok(void **state, const char *text, struct config *c)
{
    char *path = write_config(state, text);
    struct cu_err e = {{0}};
    if (config_load(c, path, &e) != 0)
        fail_msg("config_load failed: %s\nfor:\n%s", e.msg, text);
    assert_string_equal(c->file, path);
    return path;
}

static void assert_github(const struct posts_src *s, const char *owner, const char *repo,
                          const char *path, const char *ref)
{
    assert_int_equal(s->kind, SRC_GITHUB);
    assert_string_equal(s->owner, owner);
    assert_string_equal(s->repo, repo);
    assert_string_equal(s->path, path);
    assert_string_equal(s->ref, ref);
    assert_null(s->dir);
}

/* The CNAI group's built-in values, apart from name and key. */
static void assert_cnai_sources(const struct group *g)
{
    assert_github(&g->posts[0], "cncf", "tag-runtime", "wgs/cnai/news", "main");
    assert_github(&g->onboarding, "cncf", "tag-runtime", "wgs/cnai/onboarding/index.md", "main");
    assert_string_equal(g->board_org, "cncf");
    assert_int_equal(g->board_number, 38);
    assert_int_equal(g->calendars.n, 1);
    assert_true(str_starts(g->calendars.v[0], "https://calendar.google.com/"));
    assert_true(str_ends(g->calendars.v[0], ".ics"));
    assert_string_equal(g->calendar_match, "(AI|Artificial Intelligence)");
    assert_int_equal(g->slack.n, 1);
    assert_string_equal(g->slack.v[0], CNAI_SLACK);
    assert_string_equal(g->mailing_list, "https://lists.cncf.io/g/wg-artificial-intelligence");
}

static void assert_global_defaults(const struct config *c)
{
    assert_string_equal(c->theme, "default");
    assert_int_equal(c->refresh_after, 3600);
    assert_int_equal(c->days, 14);
    assert_string_equal(c->api, "https://api.github.com");
    assert_int_equal(c->parallel, 8);
    assert_int_equal(c->connect_timeout, 10);
    assert_int_equal(c->stall_timeout, 30);
    assert_int_equal(c->transfer_timeout, 120);
    assert_false(c->allow_insecure);
    assert_null(c->api_where);
    assert_int_equal(c->nkeys, 0);
}

/* ---- lookup and defaults ---------------------------------------------- */

static void test_defaults_without_a_file(void **state)
{
    (void)state;
    struct config c;
    struct cu_err e = {{0}};
    assert_int_equal(config_load(&c, NULL, &e), 0);
    assert_null(c.file);
    assert_global_defaults(&c);
    assert_int_equal(c.ngroups, 1);
    const struct group *g = config_group(&c, NULL);
    assert_ptr_equal(g, &c.groups[0]);
    assert_ptr_equal(config_group(&c, "cnai"), g);
    assert_null(config_group(&c, "k8s"));
    assert_string_equal(g->key, "cnai");
    assert_string_equal(g->name, CNAI_NAME);
    assert_cnai_sources(g);
    config_free(&c);
    assert_null(c.groups);
    config_free(&c); /* twice is safe */
}

static void test_defaults_without_home(void **state)
{
    (void)state;
    unsetenv("HOME");
    struct config c;
    struct cu_err e = {{0}};
    assert_int_equal(config_load(&c, NULL, &e), 0);
    assert_null(c.file);
    assert_int_equal(c.ngroups, 1);
    assert_string_equal(c.groups[0].name, CNAI_NAME);
    config_free(&c);
}

/* Was a bug: the built-in CNAI calendar_match is set as text but never compiled
 * (group_defaults_cnai() does not regcomp it), so has_match_re is false and
 * a consumer that filters on match_re shows every event of the calendar.
 * The same holds for [group "cnai"] sections that do not set it again. */
static void test_default_calendar_match_compiled(void **state)
{
    (void)state;
    struct config c;
    struct cu_err e = {{0}};
    assert_int_equal(config_load(&c, NULL, &e), 0);
    const struct group *g = config_group(&c, NULL);
    bool same_text =
        g->calendar_match && !strcmp(g->calendar_match, "(AI|Artificial Intelligence)");
    bool compiled = g->has_match_re;
    int m1 = -1, m2 = -1, m3 = -1, m4 = -1;
    if (compiled) {
        m1 = regexec(&g->match_re, "CNCF WG Artificial Intelligence", 0, NULL, 0);
        m2 = regexec(&g->match_re, "CNAI: WG AI meeting", 0, NULL, 0);
        m3 = regexec(&g->match_re, "TAG Runtime", 0, NULL, 0);
        /* case matters, as in any ERE: other groups' "Sustainability" or
         * "Maintainers" must not pass for AI */
        m4 = regexec(&g->match_re, "TAG Sustainability sync", 0, NULL, 0);
    }
    config_free(&c);
    assert_true(same_text);
    assert_true(compiled);
    assert_int_equal(m1, 0);
    assert_int_equal(m2, 0);
    assert_int_equal(m3, REG_NOMATCH);
    assert_int_equal(m4, REG_NOMATCH);
}

static void test_calendar_match_from_file(void **state)
{
    struct config c;
    char *path = load_ok(state, "[group \"cnai\"]\ncalendar_match = ^WG (Serving|AI)\n", &c);
    const struct group *g = config_group(&c, NULL);
    assert_string_equal(g->calendar_match, "^WG (Serving|AI)");
    assert_true(g->has_match_re);
    assert_int_equal(regexec(&g->match_re, "WG Serving sync", 0, NULL, 0), 0);
    assert_int_equal(regexec(&g->match_re, "wg serving sync", 0, NULL, 0), REG_NOMATCH);
    assert_int_equal(regexec(&g->match_re, "The WG AI", 0, NULL, 0), REG_NOMATCH);
    config_free(&c);
    free(path);
    /* empty: no filter */
    path = load_ok(state, "[group \"cnai\"]\ncalendar_match =\n", &c);
    assert_null(config_group(&c, NULL)->calendar_match);
    assert_false(config_group(&c, NULL)->has_match_re);
    config_free(&c);
    free(path);
}

static void test_cnai_one_key_keeps_defaults(void **state)
{
    struct config c;
    char *path = load_ok(state, "[group \"cnai\"]\nname = X\n", &c);
    assert_global_defaults(&c);
    assert_int_equal(c.ngroups, 1);
    const struct group *g = config_group(&c, NULL);
    assert_string_equal(g->key, "cnai");
    assert_string_equal(g->name, "X");
    assert_cnai_sources(g);
    config_free(&c);
    free(path);
}

static void test_second_group(void **state)
{
    struct config c;
    char *path = load_ok(state,
                         "[group \"cnai\"]\n"
                         "name = X\n"
                         "\n"
                         "[group \"k8s\"]\n"
                         "posts = github:kubernetes/website/content/en/blog/_posts@main\n",
                         &c);
    assert_int_equal(c.ngroups, 2);
    const struct group *first = config_group(&c, NULL);
    assert_string_equal(first->key, "cnai");
    assert_string_equal(first->name, "X");
    assert_cnai_sources(first);
    const struct group *k = config_group(&c, "k8s");
    assert_ptr_equal(k, &c.groups[1]);
    assert_string_equal(k->name, "k8s"); /* no name: the key */
    assert_github(&k->posts[0], "kubernetes", "website", "content/en/blog/_posts", "main");
    /* a new group starts empty, not from the CNAI values */
    assert_int_equal(k->onboarding.kind, SRC_NONE);
    assert_null(k->board_org);
    assert_int_equal(k->board_number, 0);
    assert_int_equal(k->calendars.n, 0);
    assert_null(k->calendar_match);
    assert_false(k->has_match_re);
    assert_int_equal(k->slack.n, 0);
    assert_null(k->mailing_list);
    assert_null(config_group(&c, "nope"));
    config_free(&c);
    free(path);
}

static void test_first_group_in_file_is_default(void **state)
{
    struct config c;
    char *path =
        load_ok(state, "[group \"k8s\"]\nname = Kubernetes\n[group \"cnai\"]\nname = AI\n", &c);
    assert_int_equal(c.ngroups, 2);
    assert_string_equal(config_group(&c, NULL)->key, "k8s");
    assert_string_equal(config_group(&c, NULL)->name, "Kubernetes");
    assert_string_equal(config_group(&c, "cnai")->name, "AI");
    config_free(&c);
    free(path);
}

/* A config's groups join the built-in one (and the catalog's); its first
 * section is the default. */
static void test_file_groups_keep_builtin(void **state)
{
    struct config c;
    char *path = load_ok(state, "[group \"k8s\"]\nname = Kubernetes\n", &c);
    assert_int_equal(c.ngroups, 2);
    assert_string_equal(c.groups[0].key, "k8s");
    assert_string_equal(config_group(&c, NULL)->key, "k8s");
    assert_int_equal(config_group(&c, NULL)->origin, GROUP_CONFIG);
    assert_int_equal(config_group(&c, "cnai")->origin, GROUP_BUILTIN);
    assert_string_equal(config_group(&c, "cnai")->name, CNAI_NAME);
    config_free(&c);
    free(path);
    /* a file without groups keeps the built-in one as the default */
    path = load_ok(state, "[ui]\ndays = 7\n", &c);
    assert_int_equal(c.ngroups, 1);
    assert_int_equal(c.days, 7);
    assert_string_equal(config_group(&c, NULL)->name, CNAI_NAME);
    config_free(&c);
    free(path);
}

/* The shipped groups/cnai.group says what the built-in group is. */
static void test_shipped_cnai_is_builtin(void **state)
{
    struct config builtin, shipped;
    char *path = load_ok(state, "[ui]\ndays = 7\n", &builtin);
    const char *root = getenv("CATCHUP_TEST_ROOT");
    char *dir = xasprintf("%s/groups", root && *root ? root : ".");
    setenv("CATCHUP_GROUPS_DIR", dir, 1);
    struct cu_err e = {{0}};
    if (config_load(&shipped, path, &e) < 0)
        fail_msg("%s", e.msg);
    const struct group *a = config_group(&builtin, "cnai"), *b = config_group(&shipped, "cnai");
    assert_int_equal(b->origin, GROUP_SHIPPED);
    assert_string_equal(a->name, b->name);
    assert_int_equal(a->nposts, 2);
    assert_int_equal(a->nposts, b->nposts);
    for (size_t i = 0; i < a->nposts; i++)
        assert_string_equal(a->posts[i].spec, b->posts[i].spec);
    assert_string_equal(a->onboarding.path, b->onboarding.path);
    assert_string_equal(a->board_org, b->board_org);
    assert_int_equal(a->board_number, b->board_number);
    assert_int_equal(a->calendars.n, b->calendars.n);
    assert_string_equal(a->calendars.v[0], b->calendars.v[0]);
    assert_string_equal(a->calendar_match, b->calendar_match);
    assert_string_equal(a->slack.v[0], b->slack.v[0]);
    assert_string_equal(a->mailing_list, b->mailing_list);
    /* every shipped file reads without an error */
    assert_non_null(config_group(&shipped, "batch"));
    assert_int_equal(config_group(&shipped, "cnai-site")->posts[0].kind, SRC_FEED);
    config_free(&builtin);
    config_free(&shipped);
    free(dir);
    free(path);
}

static void test_calendar_twice(void **state)
{
    struct fixture *f = *state;
    struct config c;
    char *path = load_ok(state,
                         "[group \"cnai\"]\n"
                         "calendar = https://example.org/a.ics\n"
                         "calendar = ~/cal/b.ics\n",
                         &c);
    const struct group *g = config_group(&c, NULL);
    assert_int_equal(g->calendars.n, 2); /* the built-in one is replaced */
    assert_string_equal(g->calendars.v[0], "https://example.org/a.ics");
    char *want = xasprintf("%s/cal/b.ics", f->home);
    assert_string_equal(g->calendars.v[1], want);
    free(want);
    config_free(&c);
    free(path);
    /* "calendar =" empties the list */
    path = load_ok(state, "[group \"cnai\"]\ncalendar =\n", &c);
    assert_int_equal(config_group(&c, NULL)->calendars.n, 0);
    config_free(&c);
    free(path);
    /* two slack URLs */
    path = load_ok(
        state, "[group \"cnai\"]\nslack = https://a.example/x\nslack = http://b.example/y\n", &c);
    g = config_group(&c, NULL);
    assert_int_equal(g->slack.n, 2);
    assert_string_equal(g->slack.v[0], "https://a.example/x");
    assert_string_equal(g->slack.v[1], "http://b.example/y");
    config_free(&c);
    free(path);
}

static void test_all_values(void **state)
{
    struct config c;
    char *path = load_ok(state,
                         "; comment\n"
                         "[ui]\n"
                         "theme = dark\n"
                         "refresh_after = 0\n"
                         "browser = firefox --new-tab\n"
                         "days = 366\n"
                         "[github]\n"
                         "api = https://ghe.example.com/api/v3/\n"
                         "allow_insecure = true\n"
                         "[net]\n"
                         "parallel = 64\n"
                         "connect_timeout = 5\n"
                         "stall_timeout = 3600\n"
                         "transfer_timeout = 86400\n"
                         "[group \"cnai\"]\n"
                         "board = https://github.com/orgs/kubeflow/projects/7\n"
                         "meeting = https://zoom.example/j/1\n"
                         "mailing_list =\n"
                         "onboarding = ~/onboarding.md\n"
                         "posts = /srv/posts\n",
                         &c);
    assert_string_equal(c.theme, "dark");
    assert_int_equal(c.refresh_after, 0);
    assert_string_equal(c.browser, "firefox --new-tab");
    assert_int_equal(c.days, 366);
    assert_string_equal(c.api, "https://ghe.example.com/api/v3"); /* trailing slash stripped */
    assert_int_equal(c.parallel, 64);
    assert_int_equal(c.connect_timeout, 5);
    assert_int_equal(c.stall_timeout, 3600);
    assert_int_equal(c.transfer_timeout, 86400);
    assert_true(c.allow_insecure);
    assert_true(str_ends(c.api_where, ":8"));
    const struct group *g = config_group(&c, NULL);
    assert_string_equal(g->board_org, "kubeflow");
    assert_int_equal(g->board_number, 7);
    assert_string_equal(g->meeting, "https://zoom.example/j/1");
    assert_string_equal(g->mailing_list, "");
    assert_int_equal(g->onboarding.kind, SRC_DIR);
    char *want = xasprintf("%s/onboarding.md", getenv("HOME"));
    assert_string_equal(g->onboarding.dir, want);
    free(want);
    assert_int_equal(g->posts[0].kind, SRC_DIR);
    assert_string_equal(g->posts[0].dir, "/srv/posts");
    config_free(&c);
    free(path);
    /* board in the github: form, and empty = no board */
    path = load_ok(state, "[group \"cnai\"]\nboard = github:my-org.x/projects/12\n", &c);
    assert_string_equal(config_group(&c, NULL)->board_org, "my-org.x");
    assert_int_equal(config_group(&c, NULL)->board_number, 12);
    config_free(&c);
    free(path);
    path = load_ok(state, "[group \"cnai\"]\nboard =\n", &c);
    assert_null(config_group(&c, NULL)->board_org);
    assert_int_equal(config_group(&c, NULL)->board_number, 0);
    config_free(&c);
    free(path);
}

/* ---- errors ------------------------------------------------------------- */

static void test_refresh_after_not_a_number(void **state)
{
    expect_error(state,
                 "# catchup\n"
                 "\n"
                 "[ui]\n"
                 "; the refresh interval\n"
                 "theme = default\n"
                 "\n"
                 "refresh_after = abc\n",
                 "7: refresh_after must be seconds (0 = never), not 'abc'");
    expect_error(state, "[ui]\nrefresh_after = -1\n",
                 "2: refresh_after must be seconds (0 = never), not '-1'");
    expect_error(state, "[ui]\ndays = 0\n", "2: days must be 1 to 366, not '0'");
    expect_error(state, "[net]\n\nparallel = 65\n", "3: parallel must be 1 to 64, not '65'");
    expect_error(state, "[net]\nconnect_timeout = 1s\n",
                 "2: connect_timeout must be 1 to 600 seconds, not '1s'");
    expect_error(state, "[ui]\ntheme =\n", "2: theme needs a name or a path");
    expect_error(state, "[net]\ntransfer_timeout = 0\n",
                 "2: transfer_timeout must be 1 to 86400 seconds, not '0'");
    expect_error(state, "[net]\ntransfer_timeout = 86401\n",
                 "2: transfer_timeout must be 1 to 86400 seconds, not '86401'");
    expect_error(state, "[github]\nallow_insecure = yes\n",
                 "2: allow_insecure must be true or false, not 'yes'");
}

/* A user name or password in a URL would be sent, stored in the cache and
 * printed: refused, and the message does not repeat it. */
static void test_userinfo_refused(void **state)
{
    expect_error(state, "[github]\napi = http://alice:pw@127.0.0.1:1\n",
                 "2: api must not hold a user name or password (user:password@): it would be "
                 "stored in the cache; a token goes in GITHUB_TOKEN");
    expect_error(state, "[github]\napi = https://alice@api.github.com\n",
                 "2: api must not hold a user name or password (user:password@): it would be "
                 "stored in the cache; a token goes in GITHUB_TOKEN");
    static const char *const keys[] = {"calendar", "slack", "mailing_list", "meeting"};
    for (size_t i = 0; i < CU_ARRAY_LEN(keys); i++) {
        char *text = xasprintf("[group \"g\"]\n\n%s = https://u:pw@h.example/x?a=b@c\n", keys[i]);
        char *want = xasprintf("3: %s must not hold a user name or password (user:password@): "
                               "it would be stored in the cache; use an address that needs no "
                               "login",
                               keys[i]);
        expect_error(state, text, want);
        free(text);
        free(want);
    }
    /* an '@' after the host is not a user name */
    struct config c;
    free(load_ok(state,
                 "[group \"g\"]\ncalendar = https://h.example/cal?u=a@b.org\n"
                 "meeting = https://h.example/@team\n",
                 &c));
    assert_string_equal(config_group(&c, NULL)->calendars.v[0], "https://h.example/cal?u=a@b.org");
    config_free(&c);
}

static void test_unknown_keys(void **state)
{
    expect_error(state, "[ui]\n\n\ncolour = red\n",
                 "4: unknown key 'colour' in [ui] (known: theme, refresh_after, browser, days)");
    expect_error(state, "[group \"k8s\"]\nname = K\n# x\nchannel = #k8s\n",
                 "4: unknown key 'channel' in [group \"k8s\"] (known: name, posts, onboarding, "
                 "board, calendar, calendar_match, slack, mailing_list, meeting)");
    expect_error(state, "[github]\ntoken = abc\n",
                 "2: unknown key 'token' in [github] (known: api, raw, allow_insecure)");
    expect_error(state, "[net]\nproxy = x\n",
                 "2: unknown key 'proxy' in [net] (known: parallel, connect_timeout, "
                 "stall_timeout, transfer_timeout)");
}

/* Like expect_error, for errors about a section header: the line is not
 * checked here (see test_unknown_section_line), only "PATH:N: msg". */
static void expect_section_error(void **state, const char *text, const char *msg)
{
    char *path = write_config(state, text);
    struct config c;
    struct cu_err e = {{0}};
    int rc = config_load(&c, path, &e);
    char prefix[512], suffix[512];
    snprintf(prefix, sizeof(prefix), "%s:", path);
    snprintf(suffix, sizeof(suffix), ": %s", msg);
    free(path);
    size_t ngroups = c.ngroups;
    config_free(&c);
    assert_int_equal(rc, -1);
    if (!str_starts(e.msg, prefix) || !str_ends(e.msg, suffix))
        fail_msg("'%s' is not '%sN%s'", e.msg, prefix, suffix);
    assert_int_equal(ngroups, 0);
}

static void test_unknown_section(void **state)
{
    expect_section_error(state, "[ui]\ndays = 3\n[colors]\nx = 1\n",
                         "unknown section [colors] (known: ui, github, net, keys, group \"NAME\")");
    expect_section_error(state, "[group k8s]\nname = x\n",
                         "a group section is written [group \"name\"]");
    expect_section_error(state, "[group \"a b\"]\nname = x\n",
                         "group name 'a b' may hold only letters, digits, '-', '_' and '.'");
    expect_error(state, "x = 1\n", "1: 'x' must be inside a section such as [ui]");
}

/* Was a bug: inih reports keys, not section headers, so an error about a section
 * header is reported at the line of the section's first key (7 and 4
 * here), not at the header (4 and 2).  config.c's reader() sees every line
 * and could remember where the last '[' header was. */
static void test_unknown_section_line(void **state)
{
    expect_error(state, "[ui]\ndays = 3\n\n[colours]\n; the palette\n\nx = 1\n",
                 "4: unknown section [colours] (known: ui, github, net, keys, group \"NAME\")");
    expect_error(state, "# groups\n[group k8s]\n\nname = x\n",
                 "2: a group section is written [group \"name\"]");
}

static void test_not_ini(void **state)
{
    expect_error(state, "[ui]\ndays = 3\n\nthis is not ini\n",
                 "4: cannot parse this line: expected [section] or key = value");
    expect_error(state, "[ui\n", "1: cannot parse this line: expected [section] or key = value");
}

static void test_bad_values(void **state)
{
    expect_error(state, "[group \"cnai\"]\nname = x\nboard = cncf/38\n",
                 "3: board must be github:ORG/projects/N, not 'cncf/38'");
    expect_error(state, "[group \"cnai\"]\nboard = github:cncf/projects/0\n",
                 "2: board must be github:ORG/projects/N, not 'github:cncf/projects/0'");
    expect_error(state, "[group \"cnai\"]\nboard = github:cncf/projects/38x\n",
                 "2: board must be github:ORG/projects/N, not 'github:cncf/projects/38x'");
    expect_error(state, "[group \"cnai\"]\n\nslack = ftp://cloud-native.slack.com/x\n",
                 "3: slack must be an http(s) URL, not 'ftp://cloud-native.slack.com/x'");
    expect_error(state, "[group \"cnai\"]\nslack = #wg-ai\n",
                 "2: slack must be an http(s) URL, not '#wg-ai'");
    expect_error(state, "[group \"cnai\"]\ncalendar = ftp://x.example/c.ics\n",
                 "2: calendar must be an http(s) URL or a file, not 'ftp://x.example/c.ics'");
    expect_error(state, "[group \"cnai\"]\nmeeting = zoom\n",
                 "2: meeting must be an http(s) URL, not 'zoom'");
    expect_error(state, "[github]\napi = api.github.com\n",
                 "2: api must be an http(s) URL, not 'api.github.com'");
    expect_error(state, "[group \"cnai\"]\nposts = github:o w/r\n",
                 "2: posts: 'github:o w/r' is not github:OWNER/REPO/PATH@REF");
    expect_error(state, "[keys]\nquit =\n", "2: key binding for 'quit' is empty");
}

static void test_bad_regex(void **state)
{
    char *path = write_config(state, "[group \"cnai\"]\n# filter\ncalendar_match = (AI\n");
    struct config c;
    struct cu_err e = {{0}};
    assert_int_equal(config_load(&c, path, &e), -1);
    char *want = xasprintf("%s:3: calendar_match '(AI' is not a regular expression: ", path);
    if (!str_starts(e.msg, want))
        fail_msg("'%s' does not start with '%s'", e.msg, want);
    assert_true(strlen(e.msg) > strlen(want)); /* regerror()'s reason follows */
    assert_int_equal(c.ngroups, 0);
    config_free(&c);
    free(want);
    free(path);
}

static void test_overlong_line(void **state)
{
    char line[CONFIG_MAX_LINE + 60];
    memset(line, 'x', sizeof(line) - 1);
    line[sizeof(line) - 1] = '\0';
    char *text = xasprintf("[group \"cnai\"]\n# c\n; %s\n\nname = X\n", line);
    expect_error(state, text, "3: line is longer than 8192 characters");
    free(text);
    /* the long line is the key itself, and the last line */
    text = xasprintf("[ui]\n\nbrowser = %s\n", line);
    expect_error(state, text, "3: line is longer than 8192 characters");
    free(text);
    /* the longest line allowed: 8192 characters and the newline */
    struct config c;
    text = xasprintf("[ui]\nbrowser = %.*s\n", CONFIG_MAX_LINE - 10, line);
    char *path = load_ok(state, text, &c);
    assert_int_equal(strlen(c.browser), CONFIG_MAX_LINE - 10);
    config_free(&c);
    free(path);
    free(text);
}

/* Outlook and LFX calendar URLs carry long tokens: 195 characters used to
 * be refused (inih's 200-byte line); 4 KiB is read whole. */
static void test_long_calendar_url(void **state)
{
    const size_t lens[] = {195, 1000, 4096};
    for (size_t i = 0; i < CU_ARRAY_LEN(lens); i++) {
        char *url = xasprintf("https://outlook.office365.com/owa/calendar/%0*d/calendar.ics",
                              (int)(lens[i] - 56), 7);
        assert_int_equal(strlen(url), lens[i]);
        char *text = xasprintf("[group \"x\"]\ncalendar = %s\n", url);
        struct config c;
        char *path = load_ok(state, text, &c);
        assert_int_equal(c.groups[0].calendars.n, 1);
        assert_string_equal(c.groups[0].calendars.v[0], url);
        config_free(&c);
        free(path);
        free(text);
        free(url);
    }
}

static void test_config_path_missing(void **state)
{
    struct fixture *f = *state;
    char *path = xasprintf("%s/nope/config", f->home);
    struct config c;
    struct cu_err e = {{0}};
    assert_int_equal(config_load(&c, path, &e), -1);
    char *want = xasprintf("%s: cannot read the config: No such file or directory", path);
    assert_string_equal(e.msg, want);
    assert_int_equal(c.ngroups, 0);
    config_free(&c);
    free(want);
    /* $CATCHUP_CONFIG also names a file explicitly */
    setenv("CATCHUP_CONFIG", path, 1);
    assert_int_equal(config_load(&c, NULL, &e), -1);
    want = xasprintf("%s: cannot read the config: No such file or directory", path);
    assert_string_equal(e.msg, want);
    config_free(&c);
    free(want);
    free(path);
}

static void test_catchup_config_env(void **state)
{
    struct fixture *f = *state;
    char *path = write_config(state, "[ui]\ndays = 3\n");
    char *xdg = xasprintf("%s/xdg", f->home);
    char *xdg_file = xasprintf("%s/catchup/config", xdg);
    write_at(xdg_file, "[ui]\ndays = 9\n");
    setenv("XDG_CONFIG_HOME", xdg, 1);
    setenv("CATCHUP_CONFIG", path, 1);
    struct config c;
    struct cu_err e = {{0}};
    assert_int_equal(config_load(&c, NULL, &e), 0);
    assert_string_equal(c.file, path);
    assert_int_equal(c.days, 3);
    config_free(&c);
    /* an explicit path wins over $CATCHUP_CONFIG */
    assert_int_equal(config_load(&c, xdg_file, &e), 0);
    assert_string_equal(c.file, xdg_file);
    assert_int_equal(c.days, 9);
    config_free(&c);
    /* an empty $CATCHUP_CONFIG is as good as none */
    setenv("CATCHUP_CONFIG", "", 1);
    assert_int_equal(config_load(&c, "", &e), 0);
    assert_string_equal(c.file, xdg_file);
    config_free(&c);
    free(xdg);
    free(xdg_file);
    free(path);
}

static void test_xdg_and_home_paths(void **state)
{
    struct fixture *f = *state;
    char *xdg = xasprintf("%s/xdg", f->home);
    char *xdg_file = xasprintf("%s/catchup/config", xdg);
    char *home_file = xasprintf("%s/.config/catchup/config", f->home);
    write_at(xdg_file, "[ui]\ndays = 9\n");
    write_at(home_file, "[ui]\ndays = 5\n");
    struct config c;
    struct cu_err e = {{0}};
    setenv("XDG_CONFIG_HOME", xdg, 1);
    assert_int_equal(config_load(&c, NULL, &e), 0);
    assert_string_equal(c.file, xdg_file);
    assert_int_equal(c.days, 9);
    config_free(&c);
    /* without XDG_CONFIG_HOME: ~/.config */
    unsetenv("XDG_CONFIG_HOME");
    assert_int_equal(config_load(&c, NULL, &e), 0);
    assert_string_equal(c.file, home_file);
    assert_int_equal(c.days, 5);
    config_free(&c);
    /* an XDG directory without a config: defaults, no error, no fallback */
    char *empty = xasprintf("%s/empty", f->home);
    setenv("XDG_CONFIG_HOME", empty, 1);
    assert_int_equal(config_load(&c, NULL, &e), 0);
    assert_null(c.file);
    assert_int_equal(c.days, 14);
    assert_string_equal(c.groups[0].name, CNAI_NAME);
    config_free(&c);
    free(empty);
    free(xdg);
    free(xdg_file);
    free(home_file);
}

static void test_keys_section(void **state)
{
    struct config c;
    char *path = load_ok(state,
                         "[ui]\n"
                         "days = 7\n"
                         "\n"
                         "[keys]\n"
                         "# rebind\n"
                         "refresh = R\n"
                         "quit = q, C-c\n",
                         &c);
    assert_int_equal(c.nkeys, 2);
    assert_string_equal(c.keys[0].action, "refresh");
    assert_string_equal(c.keys[0].keys, "R");
    assert_string_equal(c.keys[0].file, path);
    assert_int_equal(c.keys[0].line, 6);
    assert_string_equal(c.keys[1].action, "quit");
    assert_string_equal(c.keys[1].keys, "q, C-c");
    assert_int_equal(c.keys[1].line, 7);
    config_free(&c);
    free(path);
}

static void test_quoted_value_leading_spaces(void **state)
{
    struct config c;
    char *path = load_ok(state,
                         "[group \"cnai\"]\n"
                         "name = \"  Two spaces\"\n"
                         "mailing_list = https://x.example/ml ; an inline comment\n",
                         &c);
    const struct group *g = config_group(&c, NULL);
    assert_string_equal(g->name, "  Two spaces");
    assert_string_equal(g->mailing_list, "https://x.example/ml");
    config_free(&c);
    free(path);
}

/* Was a bug: "Values may be quoted to keep a ';'" (config.c), but inih strips an
 * inline comment at " ;" before the handler sees the value and knows
 * nothing of quotes: name = "AI ; ML" gives the name '"AI' (quote
 * included).  Quoting only "works" for "a;b", which inih never treats as a
 * comment anyway. */
static void test_quoted_value_keeps_semicolon(void **state)
{
    struct config c;
    char *path = load_ok(state, "[group \"cnai\"]\nname = \"AI ; ML\"\n", &c);
    char name[64];
    snprintf(name, sizeof(name), "%s", config_group(&c, NULL)->name);
    config_free(&c);
    free(path);
    assert_string_equal(name, "AI ; ML");
}

/* ---- posts_src_parse ---------------------------------------------------- */

static void test_posts_src_github(void **state)
{
    (void)state;
    struct posts_src s;
    struct cu_err e = {{0}};
    assert_int_equal(posts_src_parse("github:o/r/p/a/t/h@ref", &s, &e), 0);
    assert_github(&s, "o", "r", "p/a/t/h", "ref");
    posts_src_free(&s);
    assert_int_equal(posts_src_parse("github:o/r@x", &s, &e), 0);
    assert_github(&s, "o", "r", "", "x");
    posts_src_free(&s);
    assert_int_equal(posts_src_parse("github:cncf/tag-runtime/wgs/cnai/news", &s, &e), 0);
    assert_github(&s, "cncf", "tag-runtime", "wgs/cnai/news", "main");
    posts_src_free(&s);
    assert_int_equal(posts_src_parse("github:o/r/news//@v1.2", &s, &e), 0);
    assert_github(&s, "o", "r", "news", "v1.2");
    posts_src_free(&s);
    assert_int_equal(posts_src_parse("github:o/r/", &s, &e), 0);
    assert_github(&s, "o", "r", "", "main");
    posts_src_free(&s);
    assert_int_equal(posts_src_parse("github:my-org/my_repo-2.x/a@feature/x", &s, &e), 0);
    assert_github(&s, "my-org", "my_repo-2.x", "a", "feature/x");
    posts_src_free(&s);
    /* what git allows in a ref is allowed; it is percent-encoded in URLs */
    assert_int_equal(posts_src_parse("github:o_emu/r/a b.c/d@main&per_page=1", &s, &e), -1);
    assert_int_equal(posts_src_parse("github:o_emu/r/a.b/c@main&per_page=1", &s, &e), 0);
    assert_github(&s, "o_emu", "r", "a.b/c", "main&per_page=1");
    char *u = posts_src_contents_url(&s, "https://api.github.com");
    assert_string_equal(
        u, "https://api.github.com/repos/o_emu/r/contents/a.b/c?ref=main%26per_page%3D1");
    free(u);
    u = posts_src_commits_url(&s, "http://h:1", "a.b/c/x y&z=1.md");
    assert_string_equal(u, "http://h:1/repos/o_emu/r/commits?path=a.b/c/"
                           "x%20y%26z%3D1.md&sha=main%26per_page%3D1&per_page=1");
    free(u);
    posts_src_free(&s);
    assert_int_equal(posts_src_parse("github:o/r/p@release/v1.2+x", &s, &e), 0);
    u = posts_src_contents_url(&s, "https://api.github.com");
    assert_string_equal(u, "https://api.github.com/repos/o/r/contents/p?ref=release%2Fv1.2%2Bx");
    free(u);
    posts_src_free(&s);
    posts_src_free(&s); /* twice is safe */
}

static void test_posts_src_invalid(void **state)
{
    (void)state;
    static const struct {
        const char *in, *msg;
    } bad[] = {
        {"github:o w/r/p", "'github:o w/r/p' is not github:OWNER/REPO/PATH@REF"},
        {"github:/r/p", "'github:/r/p' is not github:OWNER/REPO/PATH@REF"},
        {"github:o", "'github:o' is not github:OWNER/REPO/PATH@REF"},
        {"github:o/", "'github:o/' is not github:OWNER/REPO/PATH@REF"},
        {"github:../r/p", "'github:../r/p' is not github:OWNER/REPO/PATH@REF"},
        {"github:o/../p", "'github:o/../p' is not github:OWNER/REPO/PATH@REF"},
        {"github:o$/r", "'github:o$/r' is not github:OWNER/REPO/PATH@REF"},
        {"github:o/r/p@", "'github:o/r/p@' has an empty ref after '@'"},
        {"github:o/r/a b", "'github:o/r/a b' has a path GitHub cannot serve"},
        {"github:o/r/a?x=1", "'github:o/r/a?x=1' has a path GitHub cannot serve"},
        {"github:o/r/a%2e", "'github:o/r/a%2e' has a path GitHub cannot serve"},
        {"github:o/r/a\\b", "'github:o/r/a\\b' has a path GitHub cannot serve"},
        {"github:o/r/../../../orgs/x@main",
         "'github:o/r/../../../orgs/x@main' has an empty, '.' or '..' part in its path"},
        {"github:o/r/a/./b", "'github:o/r/a/./b' has an empty, '.' or '..' part in its path"},
        {"github:o/r//a", "'github:o/r//a' has an empty, '.' or '..' part in its path"},
        {"github:o/r/a//b", "'github:o/r/a//b' has an empty, '.' or '..' part in its path"},
        {"github:o/r/a/..", "'github:o/r/a/..' has an empty, '.' or '..' part in its path"},
        {"github:my.org/r", "'github:my.org/r' is not github:OWNER/REPO/PATH@REF"},
        {"github:-o/r", "'github:-o/r' is not github:OWNER/REPO/PATH@REF"},
        {"github:o-/r", "'github:o-/r' is not github:OWNER/REPO/PATH@REF"},
        {"github:_o/r", "'github:_o/r' is not github:OWNER/REPO/PATH@REF"},
        {"github:o/r?x=1", "'github:o/r?x=1' is not github:OWNER/REPO/PATH@REF"},
    };
    for (size_t i = 0; i < CU_ARRAY_LEN(bad); i++) {
        struct posts_src s;
        struct cu_err e = {{0}};
        if (posts_src_parse(bad[i].in, &s, &e) != -1)
            fail_msg("'%s' was accepted", bad[i].in);
        assert_string_equal(e.msg, bad[i].msg);
        /* nothing allocated is left behind */
        assert_int_equal(s.kind, SRC_NONE);
        assert_null(s.owner);
        assert_null(s.repo);
        assert_null(s.path);
        assert_null(s.ref);
        posts_src_free(&s);
    }
}

/* git check-ref-format's rules: a ref that breaks them is named in the
 * message (not "only http and https", as a URL with a space once said). */
static void test_posts_src_bad_ref(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "ma in", "a..b", "../x", "x.lock", "a/.b", "-x",  "/x",   "x/",   "a//b",  "x.",
        "a~1",   "a^",   "a:b",  "a?b",    "a*b",  "a[b", "a\\b", "a\tb", "a\x7f", "a/x.lock/b",
    };
    for (size_t i = 0; i < CU_ARRAY_LEN(bad); i++) {
        char *in = xasprintf("github:o/r/p@%s", bad[i]);
        char *want = xasprintf("'%s': '%s' is not a valid git ref (no spaces, '..', '@{', '//' "
                               "or any of ~^:?*[\\, no part starting with '.' or ending with "
                               "\".lock\")",
                               in, bad[i]);
        struct posts_src s;
        struct cu_err e = {{0}};
        int rc = posts_src_parse(in, &s, &e);
        bool same = rc == -1 && !strcmp(e.msg, want);
        posts_src_free(&s);
        if (!same)
            fail_msg("'%s': %d, '%s'", in, rc, e.msg);
        free(in);
        free(want);
    }
}

static void test_posts_src_dir(void **state)
{
    (void)state;
    struct posts_src s;
    struct cu_err e = {{0}};
    setenv("HOME", "/home/tester", 1);
    assert_int_equal(posts_src_parse("~/x", &s, &e), 0);
    assert_int_equal(s.kind, SRC_DIR);
    assert_string_equal(s.dir, "/home/tester/x");
    assert_null(s.owner);
    posts_src_free(&s);
    assert_int_equal(posts_src_parse("~", &s, &e), 0);
    assert_string_equal(s.dir, "/home/tester");
    posts_src_free(&s);
    assert_int_equal(posts_src_parse("~other/x", &s, &e), 0); /* not ours to expand */
    assert_string_equal(s.dir, "~other/x");
    posts_src_free(&s);
    assert_int_equal(posts_src_parse("/srv/posts", &s, &e), 0);
    assert_string_equal(s.dir, "/srv/posts");
    posts_src_free(&s);
    assert_int_equal(posts_src_parse("relative/dir", &s, &e), 0);
    assert_string_equal(s.dir, "relative/dir");
    posts_src_free(&s);
    /* empty: no source */
    assert_int_equal(posts_src_parse("", &s, &e), 0);
    assert_int_equal(s.kind, SRC_NONE);
    posts_src_free(&s);
    /* without HOME, "~/x" stays as written */
    unsetenv("HOME");
    assert_int_equal(posts_src_parse("~/x", &s, &e), 0);
    assert_string_equal(s.dir, "~/x");
    posts_src_free(&s);
    char *p = expand_home("~/y");
    assert_string_equal(p, "~/y");
    free(p);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_defaults_without_a_file),
        T(test_defaults_without_home),
        T(test_default_calendar_match_compiled),
        T(test_calendar_match_from_file),
        T(test_cnai_one_key_keeps_defaults),
        T(test_second_group),
        T(test_first_group_in_file_is_default),
        T(test_file_groups_keep_builtin),
        T(test_shipped_cnai_is_builtin),
        T(test_calendar_twice),
        T(test_all_values),
        T(test_refresh_after_not_a_number),
        T(test_unknown_keys),
        T(test_unknown_section),
        T(test_unknown_section_line),
        T(test_not_ini),
        T(test_bad_values),
        T(test_userinfo_refused),
        T(test_bad_regex),
        T(test_overlong_line),
        T(test_long_calendar_url),
        T(test_config_path_missing),
        T(test_catchup_config_env),
        T(test_xdg_and_home_paths),
        T(test_keys_section),
        T(test_quoted_value_leading_spaces),
        T(test_quoted_value_keeps_semicolon),
        T(test_posts_src_github),
        T(test_posts_src_invalid),
        T(test_posts_src_bad_ref),
        T(test_posts_src_dir),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
