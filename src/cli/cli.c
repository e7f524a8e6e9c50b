/* cli.c: see cli.h. */
#define _GNU_SOURCE
#include "catchup/cli.h"

#include <errno.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "catchup/browser.h"
#include "catchup/http.h"
#include "catchup/postview.h"
#include "catchup/refresh.h"
#include "catchup/text.h"

enum {
    OPT_JSON = 1 << 0,
    OPT_ALL = 1 << 1,
    OPT_FROM = 1 << 2,
    OPT_DAYS = 1 << 3,
    OPT_OPENKIND = 1 << 4,
    OPT_SINCE = 1 << 5,
    OPT_LIMIT = 1 << 6,
};

/* The options behind each bit, for saying which one a command does not take. */
static const char *opt_names(unsigned bit)
{
    switch (bit) {
    case OPT_JSON: return "--json";
    case OPT_ALL: return "--all";
    case OPT_FROM: return "--from";
    case OPT_DAYS: return "--days";
    case OPT_OPENKIND: return "--recording, --issue, --slack or --link";
    case OPT_SINCE: return "--since";
    case OPT_LIMIT: return "--limit";
    default: return "an option";
    }
}

/* Every command: its handler, the arguments and options it takes, and its
 * help ("catchup --help" lists the summaries; "catchup NAME --help" prints
 * the usage line, about and options). */
struct command {
    const char *name;
    int (*run)(struct app *a);
    int min_args, max_args;
    unsigned opts; /* OPT_ bits it accepts */
    const char *args_help;
    const char *synopsis; /* after "catchup NAME" */
    const char *summary;  /* for the global help; lines after the first are indented */
    const char *about;    /* for the command's own help */
    const char *options;  /* its options, one a line, or "" */
};

static const struct command commands[] = {
    {"refresh", cli_refresh, 0, 0, 0, "", "", "fetch every source and store what arrived",
     "Fetch every source of the group (posts, board, events, onboarding page) and\n"
     "store what arrived, one line per source.  A source that fails is reported on\n"
     "standard error and keeps what was stored before (exit status 1).\n",
     ""},
    {"posts", cli_posts, 0, 0, OPT_JSON, "", "[--json]", "list cached posts, newest first",
     "List the cached posts, newest first: id, date, title.\n",
     "  --json               a JSON array (fields: see catchup(1))\n"},
    {"show", cli_show, 1, 1, OPT_JSON, "ID", "ID [--json]",
     "render one post with its numbered links",
     "Render one post as the reader does, with its numbered links; marks it read.\n"
     "ID is a post's file name without .md; a unique prefix is enough.\n",
     "  --json               the post as JSON, with its Markdown body and links\n"},
    {"open", cli_open, 1, 1, OPT_OPENKIND, "ID", "ID [--recording|--issue|--slack|--link N]",
     "open the post (or one of its links) in the browser",
     "Open the post's web page, or one of its links, in the browser.\n"
     "ID is a post's file name without .md; a unique prefix is enough.\n",
     "  --recording          its first recording\n"
     "  --issue              its first issue (or pull request)\n"
     "  --slack              its Slack channel, else the group's\n"
     "  --link N             its link N, as 'catchup show ID' numbers them\n"},
    {"board", cli_board, 0, 0, OPT_JSON | OPT_ALL, "", "[--all] [--json]",
     "open initiatives on the group's project board",
     "The open initiatives on the group's project board, by Status.\n",
     "  --all                also the closed and Done ones\n"
     "  --json               a JSON array (fields: see catchup(1))\n"},
    {"agenda", cli_agenda, 0, 0, OPT_JSON | OPT_FROM | OPT_DAYS, "",
     "[--from YYYY-MM-DD] [--days N] [--json]", "upcoming meetings and events, in local time",
     "Upcoming meetings and events from the cache, in local time.\n",
     "  --from YYYY-MM-DD    from that day's midnight instead of now\n"
     "  --days N             that many days, 1 to 366 (default: [ui] days, 14)\n"
     "  --json               a JSON array (fields: see catchup(1))\n"},
    {"new", cli_new, 0, 0, OPT_JSON | OPT_SINCE, "", "[--since DATE] [--json]",
     "what changed since your last visit (new and updated\n"
     "weeks, board changes, events added or moved)",
     "What changed since your last visit (the last time the TUI opened): weeks new\n"
     "or updated, board changes, events added or moved.\n",
     "  --since YYYY-MM-DD   since that day instead\n"
     "  --json               JSON (fields: see catchup(1))\n"},
    {"start", cli_start, 0, 0, OPT_JSON, "", "[--json]",
     "how to get involved: Slack, the next meeting, issues that\n"
     "want help, the latest posts' advice, the onboarding page",
     "How to get involved: Slack, the next meeting, issues that want help, the\n"
     "latest posts' advice, the onboarding page.\n",
     "  --json               JSON (fields: see catchup(1))\n"},
    {"search", cli_search, 1, 1, OPT_JSON | OPT_LIMIT, "QUERY", "QUERY [--limit N] [--json]",
     "full-text search over every cached week\n"
     "(words, \"a phrase\", prefix*, AND, OR, NOT)",
     "Full-text search over every cached week and board item, best match first; the\n"
     "number of matches is said on standard error.\n"
     "QUERY: words (all must occur), \"a phrase\", prefix*, AND, OR, NOT, (...),\n"
     "title:word.\n",
     "  --limit N            list N hits (default 50); 0 lists them all\n"
     "  --json               a JSON array (fields: see catchup(1))\n"},
};

/* Prints text, its lines after the first indented by indent columns. */
static void put_indented(FILE *fp, const char *text, int indent)
{
    for (const char *p = text; *p; p++) {
        fputc(*p, fp);
        if (*p == '\n')
            fprintf(fp, "%*s", indent, "");
    }
}

void cli_usage(FILE *fp)
{
    fputs("Usage: catchup [OPTIONS] [COMMAND [ARGS]]\n"
          "Keep up with a working group: its weekly posts, open initiatives and events.\n"
          "Without a command, opens the terminal UI from the cache.\n"
          "\n"
          "Commands:\n",
          fp);
    for (size_t i = 0; i < CU_ARRAY_LEN(commands); i++) {
        const struct command *c = &commands[i];
        char head[128];
        snprintf(head, sizeof(head), "%s%s%s", c->name, *c->synopsis ? " " : "", c->synopsis);
        if (strlen(head) > 20)
            fprintf(fp, "  %s\n%23s", head, "");
        else
            fprintf(fp, "  %-20s ", head);
        put_indented(fp, c->summary, 23);
        fputc('\n', fp);
    }
    fputs("'catchup COMMAND --help' shows a command's usage and options.\n"
          "\n"
          "Options:\n"
          "  --config FILE        read this config instead of ~/.config/catchup/config\n"
          "  --group NAME         use this [group \"NAME\"] of the config\n"
          "  --offline            never touch the network (the TUI does not refresh)\n"
          "  --reset-cache        move a damaged cache aside and start a fresh one\n"
          "  --list-keys          list the TUI's keys in effect and exit\n"
          "  -h, --help           show this help\n"
          "  -V, --version        show the version\n"
          "\n"
          "ID is a post's file name without .md; a unique prefix is enough.\n"
          "Exit status: 0 success, 1 a source, lookup or write failed, 2 bad usage or\n"
          "config; a reader that goes away (| head) ends it by SIGPIPE, as with git.\n"
          "See catchup(1) for the config, keys and JSON fields.\n",
          fp);
}

static const struct command *find_command(const char *name)
{
    for (size_t i = 0; i < CU_ARRAY_LEN(commands); i++)
        if (!strcmp(commands[i].name, name))
            return &commands[i];
    return NULL;
}

void cli_command_usage(FILE *fp, const char *name)
{
    const struct command *c = find_command(name);
    if (!c) {
        cli_usage(fp);
        return;
    }
    fprintf(fp, "Usage: catchup %s%s%s\n", c->name, *c->synopsis ? " " : "", c->synopsis);
    fputs(c->about, fp);
    if (*c->options)
        fprintf(fp, "\nOptions:\n%s", c->options);
    fputs("\nThe global options (--config, --group, --offline): see 'catchup --help'.\n", fp);
}

int cli_run(struct app *a)
{
    const struct command *c = find_command(a->opts->cmd);
    return c ? c->run(a) : CU_EXIT_USAGE;
}

static int parse_int(const char *v, int lo, int hi, int *out)
{
    char *end;
    errno = 0;
    long x = strtol(v, &end, 10);
    if (errno || end == v || *end || x < lo || x > hi)
        return -1;
    *out = (int)x;
    return 0;
}

int cli_parse(int argc, char **argv, struct cli_opts *o, struct cu_err *e)
{
    memset(o, 0, sizeof(*o));
    o->days = -1;
    o->limit = -1;
    bool only_args = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (only_args || a[0] != '-' || !a[1]) {
            if (!o->cmd)
                o->cmd = a;
            else
                strv_push(&o->args, a);
            continue;
        }
        if (!strcmp(a, "--")) {
            only_args = true;
            continue;
        }
        /* --name=value or --name value */
        char name[64];
        const char *val = NULL;
        const char *eq = strchr(a, '=');
        if (eq && str_starts(a, "--")) {
            snprintf(name, sizeof(name), "%.*s", (int)(eq - a), a);
            val = eq + 1;
        } else {
            snprintf(name, sizeof(name), "%s", a);
        }
#define VALUE()                                                     \
    do {                                                            \
        if (!val) {                                                 \
            if (i + 1 >= argc)                                      \
                return cu_errf(e, "option %s needs a value", name); \
            val = argv[++i];                                        \
        }                                                           \
    } while (0)
#define FLAG()                                                   \
    do {                                                         \
        if (val)                                                 \
            return cu_errf(e, "option %s takes no value", name); \
    } while (0)
        if (!strcmp(name, "--config")) {
            VALUE();
            o->config_path = val;
        } else if (!strcmp(name, "--group")) {
            VALUE();
            o->group = val;
        } else if (!strcmp(name, "--offline")) {
            FLAG();
            o->offline = true;
        } else if (!strcmp(name, "--reset-cache")) {
            FLAG();
            o->reset_cache = true;
        } else if (!strcmp(name, "--help") || !strcmp(name, "-h")) {
            FLAG();
            o->help = true;
        } else if (!strcmp(name, "--version") || !strcmp(name, "-V")) {
            FLAG();
            o->version = true;
        } else if (!strcmp(name, "--list-keys")) {
            if (val && strcmp(val, "text") && strcmp(val, "roff"))
                return cu_errf(e, "--list-keys takes text or roff, not '%s'", val);
            o->list_keys = val ? val : "text";
        } else if (!strcmp(name, "--json")) {
            FLAG();
            o->json = true;
            o->seen |= OPT_JSON;
        } else if (!strcmp(name, "--all")) {
            FLAG();
            o->all = true;
            o->seen |= OPT_ALL;
        } else if (!strcmp(name, "--from")) {
            VALUE();
            if (iso8601_parse(val) == -1 || strlen(val) != 10)
                return cu_errf(e, "--from needs a date as YYYY-MM-DD, not '%s'", val);
            o->from = val;
            o->seen |= OPT_FROM;
        } else if (!strcmp(name, "--since")) {
            VALUE();
            if (iso8601_parse(val) == -1 || strlen(val) != 10)
                return cu_errf(e, "--since needs a date as YYYY-MM-DD, not '%s'", val);
            o->from = val;
            o->seen |= OPT_SINCE;
        } else if (!strcmp(name, "--days")) {
            VALUE();
            if (parse_int(val, 1, 366, &o->days) < 0)
                return cu_errf(e, "--days needs a number from 1 to 366, not '%s'", val);
            o->seen |= OPT_DAYS;
        } else if (!strcmp(name, "--limit")) {
            VALUE();
            if (parse_int(val, 0, 1000000000, &o->limit) < 0)
                return cu_errf(e, "--limit needs a number of hits (0 for all), not '%s'", val);
            o->seen |= OPT_LIMIT;
        } else if (!strcmp(name, "--recording") || !strcmp(name, "--issue") ||
                   !strcmp(name, "--slack") || !strcmp(name, "--link")) {
            if (o->seen & OPT_OPENKIND)
                return cu_errf(e, "give only one of --recording, --issue, --slack, --link");
            o->seen |= OPT_OPENKIND;
            if (!strcmp(name, "--link")) {
                VALUE();
                if (parse_int(val, 1, 100000, &o->link_n) < 0)
                    return cu_errf(
                        e, "--link needs a link number (see 'catchup show ID'), not '%s'", val);
                o->open_kind = OPEN_LINK;
            } else {
                FLAG();
                o->open_kind = !strcmp(name, "--recording") ? OPEN_RECORDING
                               : !strcmp(name, "--issue")   ? OPEN_ISSUE
                                                            : OPEN_SLACK;
            }
        } else {
            return cu_errf(e, "unknown option '%s'", a);
        }
#undef VALUE
#undef FLAG
    }
    if (o->help && o->cmd && !find_command(o->cmd))
        return cu_errf(e, "unknown command '%s'", o->cmd);
    if (o->help || o->version || o->list_keys)
        return 0;
    if (!o->cmd) {
        if (o->seen)
            return cu_errf(e, "those options belong to a command; see 'catchup --help'");
        return 0;
    }
    const struct command *c = find_command(o->cmd);
    if (!c)
        return cu_errf(e, "unknown command '%s'", o->cmd);
    if ((int)o->args.n < c->min_args)
        return cu_errf(e, "'%s' needs %s", c->name, c->args_help);
    if ((int)o->args.n > c->max_args)
        return cu_errf(e, "'%s' takes %s%s, not '%s'", c->name,
                       c->max_args ? "only " : "no arguments", c->args_help,
                       o->args.v[c->max_args]);
    unsigned extra = o->seen & ~c->opts;
    if (extra)
        return cu_errf(e, "%s does not apply to '%s'; see 'catchup --help'",
                       opt_names(extra & -extra), c->name);
    if (o->offline && !strcmp(c->name, "refresh"))
        return cu_errf(e, "'refresh' needs the network; drop --offline");
    return 0;
}

const char *cli_token(void)
{
    const char *t = getenv("GITHUB_TOKEN");
    if (t && *t)
        return t;
    t = getenv("GH_TOKEN");
    return t && *t ? t : NULL;
}

int cli_columns(void)
{
    const char *c = getenv("COLUMNS");
    int n;
    if (c && parse_int(c, 1, 100000, &n) == 0)
        return n < 20 ? 20 : n;
    struct winsize ws;
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col < 20 ? 20 : ws.ws_col;
    return 80;
}

/* ---- checked standard output -------------------------------------------
 *
 * Every byte a command prints goes through out_write(), which checks each
 * write(2) as git's write_or_die() does: a reader that went away (EPIPE)
 * ends the program at once by SIGPIPE, as if the signal had not been
 * ignored for libcurl (the shell reports 141); any other failure (a full
 * disk: ENOSPC, EIO) is a message and exit status 1.  Nothing is cut short
 * silently, and nothing keeps working for a reader that is gone. */

static _Noreturn void out_died(int err)
{
    if (err == EPIPE) {
        signal(SIGPIPE, SIG_DFL);
        raise(SIGPIPE);
        _exit(128 + SIGPIPE); /* SIGPIPE blocked: the status it would give */
    }
    fprintf(stderr, "catchup: cannot write the output: %s\n", strerror(err));
    _exit(CU_EXIT_FAIL);
}

static ssize_t out_write(void *cookie, const char *buf, size_t n)
{
    (void)cookie;
    size_t done = 0;
    while (done < n) {
        ssize_t w = write(STDOUT_FILENO, buf + done, n - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            out_died(w < 0 ? errno : EIO);
        done += (size_t)w;
    }
    return (ssize_t)n;
}

static int out_close(void *cookie)
{
    (void)cookie;
    /* closed before we started (catchup ... >&-) and never written: fine */
    if (close(STDOUT_FILENO) < 0 && errno != EBADF)
        return -1;
    return 0;
}

void cli_out_init(void)
{
    cookie_io_functions_t io = {.write = out_write, .close = out_close};
    FILE *f = fopencookie(NULL, "w", io);
    if (!f)
        return; /* stdio's own stdout, unchecked, rather than none */
    setvbuf(f, NULL, isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF, BUFSIZ);
    stdout = f;
}

int cli_out_close(int rc)
{
    /* the last buffer is written here: out_write dies on a failure */
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout))
        out_died(errno ? errno : EIO);
    if (fclose(stdout) != 0) {
        fprintf(stderr, "catchup: cannot write the output: %s\n", strerror(errno));
        return CU_EXIT_FAIL;
    }
    stdout = NULL;
    return rc;
}

void cli_json_begin(struct cli_json_array *ja)
{
    ja->n = 0;
}

void cli_json_add(struct cli_json_array *ja, json_t *item)
{
    char *s = json_dumps(item, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(item);
    fputs(ja->n++ ? ",\n  " : "[\n  ", stdout);
    /* indented one level, as inside a whole array: a newline in the dump is
     * always layout (strings have theirs escaped) */
    for (const char *p = s ? s : "null"; *p; p++) {
        putchar(*p);
        if (*p == '\n')
            fputs("  ", stdout);
    }
    free(s);
}

void cli_json_end(struct cli_json_array *ja)
{
    fputs(ja->n ? "\n]\n" : "[]\n", stdout);
}

static int open_store(struct app *a, enum store_mode mode)
{
    struct cu_err e;
    if (store_open(a->cache_path, mode, &a->store, &e) < 0) {
        fprintf(stderr, "catchup: %s\n", e.msg);
        return -1;
    }
    return 0;
}

/* Prints s (already sanitized at ingest, sanitized again: defence in depth). */
static void put_safe(FILE *fp, const char *s)
{
    char *t = text_sanitize(s, strlen(s), 0);
    fputs(t, fp);
    free(t);
}

/* ---- refresh ------------------------------------------------------------ */

int cli_refresh(struct app *a)
{
    if (open_store(a, STORE_RW) < 0)
        return CU_EXIT_FAIL;
    struct cu_err e;
    struct http_opts ho = {
        .api = a->cfg.api,
        .token = a->token,
        .parallel = a->cfg.parallel,
        .connect_timeout = a->cfg.connect_timeout,
        .stall_timeout = a->cfg.stall_timeout,
        .transfer_timeout = a->cfg.transfer_timeout,
        .allow_insecure = a->cfg.allow_insecure,
    };
    struct http *h = http_new(&ho, &e);
    if (!h) {
        fprintf(stderr, "catchup: %s\n", e.msg);
        return CU_EXIT_FAIL;
    }
    struct refresh *r = NULL;
    int rc = refresh_run(h, a->store, &a->cfg, a->group, &r, &e);
    int exit_code = CU_EXIT_OK;
    if (rc < 0) {
        fprintf(stderr, "catchup: nothing was stored: %s\n", e.msg);
        exit_code = CU_EXIT_FAIL;
    } else {
        for (size_t i = 0; i < refresh_nreports(r); i++) {
            const struct refresh_report *rep = refresh_report(r, i);
            if (!rep->ran)
                continue;
            if (rep->summary[0])
                printf("%s: %s in %u request%s\n", rep->name, rep->summary, rep->requests,
                       rep->requests == 1 ? "" : "s");
            if (rep->note[0]) {
                printf("%s: ", rep->name);
                put_safe(stdout, rep->note);
                putchar('\n');
            }
            if (!rep->ok || rep->warning) {
                fprintf(stderr, "catchup: %s%s: ", rep->ok ? "warning: " : "", rep->name);
                put_safe(stderr, rep->error);
                fputc('\n', stderr);
            }
            if (!rep->ok)
                exit_code = CU_EXIT_FAIL;
        }
    }
    refresh_free(r);
    http_free(h);
    return exit_code;
}

/* ---- posts -------------------------------------------------------------- */

static json_t *jstr_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *post_json(const struct post *p)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(p->id));
    json_object_set_new(o, "title", json_string(p->title));
    json_object_set_new(o, "description", jstr_or_null(p->description));
    json_object_set_new(o, "date", jstr_or_null(p->date));
    json_object_set_new(o, "weight", p->has_weight ? json_integer(p->weight) : json_null());
    json_object_set_new(o, "url", jstr_or_null(p->url));
    json_object_set_new(o, "unread", json_boolean(p->unread));
    json_object_set_new(o, "type", jstr_or_null(p->type));
    json_object_set_new(o, "date_source", jstr_or_null(p->date_source));
    json_object_set_new(o, "date_front_matter", jstr_or_null(p->date_fm));
    json_object_set_new(o, "date_file_name", jstr_or_null(p->date_name));
    json_object_set_new(o, "date_commit",
                        jstr_or_null(p->date_commit && *p->date_commit ? p->date_commit : NULL));
    json_object_set_new(o, "date_problem", jstr_or_null(p->date_note));
    json_object_set_new(o, "front_matter_error", jstr_or_null(p->fm_error));
    json_object_set_new(o, "source", jstr_or_null(p->src));
    json_object_set_new(o, "badge", jstr_or_null(p->badge));
    return o;
}

struct posts_out {
    int idw, cols, bw;
    size_t n;
    struct cli_json_array ja;
    bool json;
};

static int post_id_width(const struct post *p, void *arg)
{
    struct posts_out *o = arg;
    int w = text_width(p->id);
    if (w > o->idw)
        o->idw = w;
    o->n++;
    return 0;
}

static int post_print(const struct post *p, void *arg)
{
    struct posts_out *o = arg;
    o->n++;
    if (o->json) {
        cli_json_add(&o->ja, post_json(p));
        return 0;
    }
    char *id = text_pad(p->id, o->idw);
    char date[11] = "-";
    if (p->date && strlen(p->date) >= 10)
        snprintf(date, sizeof(date), "%.10s", p->date);
    char *title = text_sanitize(p->title, strlen(p->title), 0);
    if (o->cols) {
        int room = o->cols - o->idw - 2 - 12 - (o->bw ? o->bw + 1 : 0);
        char *t = text_truncate(title, room < 10 ? 10 : room);
        free(title);
        title = t;
    }
    /* several sources: each row names its own */
    char *badge = o->bw ? text_pad(p->badge ? p->badge : "", o->bw) : xstrdup("");
    printf("%s  %-10s  %s%s%s\n", id, date, badge, o->bw ? " " : "", title);
    free(badge);
    free(id);
    free(title);
    return 0;
}

int cli_posts(struct app *a)
{
    if (open_store(a, STORE_RW_OR_RO) < 0)
        return CU_EXIT_FAIL;
    struct cu_err e;
    /* Row by row, never the whole list in memory: the text's id column is
     * as wide as the widest id, which a first walk over the rows finds. */
    struct posts_out o = {.json = a->opts->json, .bw = posts_badge_width(a->group)};
    if (!o.json) {
        if (store_posts_each(a->store, a->group->key, post_id_width, &o, &e) < 0) {
            fprintf(stderr, "catchup: %s\n", e.msg);
            return CU_EXIT_FAIL;
        }
        if (o.idw > 40)
            o.idw = 40;
        o.cols = isatty(STDOUT_FILENO) ? cli_columns() : 0;
        o.n = 0;
    } else {
        cli_json_begin(&o.ja);
    }
    if (store_posts_each(a->store, a->group->key, post_print, &o, &e) < 0) {
        fprintf(stderr, "catchup: %s\n", e.msg);
        return CU_EXIT_FAIL;
    }
    if (o.json)
        cli_json_end(&o.ja);
    else if (!o.n)
        fprintf(stderr, "catchup: no posts cached for %s yet: run 'catchup refresh'\n",
                a->group->name);
    return CU_EXIT_OK;
}

/* ---- show and open ------------------------------------------------------ */

void cli_print_doc(const struct doc *d, int width)
{
    struct doc_layout *l = doc_layout(d, width, DOC_LAYOUT_LINKS);
    for (size_t i = 0; i < l->nlines; i++) {
        char *t = doc_line_text(&l->lines[i]);
        /* No trailing blanks: friendlier to diff and grep. */
        size_t n = strlen(t);
        while (n && t[n - 1] == ' ')
            t[--n] = '\0';
        puts(t);
        free(t);
    }
    doc_layout_free(l);
}

json_t *cli_links_json(const struct doc *d)
{
    json_t *links = json_array();
    for (size_t i = 0; i < doc_nlinks(d); i++) {
        const struct doc_link *l = doc_link_at(d, i);
        json_t *lo = json_object();
        json_object_set_new(lo, "n", json_integer(l->n));
        json_object_set_new(lo, "url", json_string(l->url));
        json_object_set_new(lo, "text", json_string(l->text ? l->text : ""));
        json_object_set_new(lo, "kind", json_string(link_kind_name(l->kind)));
        /* an issue's or pull request's state from the cache ("open", ...) */
        if (l->badge)
            json_object_set_new(lo, "state", json_string(l->badge));
        json_array_append_new(links, lo);
    }
    return links;
}

void cli_print_json(json_t *j)
{
    char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    if (s) {
        puts(s);
        free(s);
    }
}

static int load_post(struct app *a, struct post *p, struct doc **d)
{
    struct cu_err e;
    char *id = NULL;
    if (store_post_resolve(a->store, a->group->key, a->opts->args.v[0], &id, &e) < 0) {
        fprintf(stderr, "catchup: %s\n", e.msg);
        return -1;
    }
    int found = store_post_get(a->store, a->group->key, id, p, &e);
    free(id);
    if (found <= 0) {
        fprintf(stderr, "catchup: %s\n", found < 0 ? e.msg : "the post vanished; try again");
        return -1;
    }
    if (d && postview_doc(p, d, &e) < 0) {
        fprintf(stderr, "catchup: %s: %s\n", p->id, e.msg);
        post_free(p);
        return -1;
    }
    if (d)
        postview_badge_issues(*d, a->store, a->group->key);
    return 0;
}

int cli_show(struct app *a)
{
    if (open_store(a, STORE_RW_OR_RO) < 0)
        return CU_EXIT_FAIL;
    struct post p;
    struct doc *d;
    if (load_post(a, &p, &d) < 0)
        return CU_EXIT_FAIL;
    if (a->opts->json) {
        json_t *o = json_object();
        json_object_set_new(o, "id", json_string(p.id));
        json_object_set_new(o, "title", json_string(p.title));
        json_object_set_new(o, "description", jstr_or_null(p.description));
        json_object_set_new(o, "date", jstr_or_null(p.date));
        json_object_set_new(o, "url", jstr_or_null(p.url));
        json_object_set_new(o, "unread", json_boolean(p.unread));
        json_object_set_new(o, "body", json_string(p.body));
        json_object_set_new(o, "front_matter_error", jstr_or_null(p.fm_error));
        json_t *links = cli_links_json(d);
        json_object_set_new(o, "links", links);
        cli_print_json(o);
        json_decref(o);
    } else {
        cli_print_doc(d, cli_columns());
    }
    if (!store_readonly(a->store))
        store_post_set_unread(a->store, a->group->key, p.id, false, NULL);
    doc_free(d);
    post_free(&p);
    return CU_EXIT_OK;
}

static const char *kind_word(enum open_kind k)
{
    switch (k) {
    case OPEN_RECORDING: return "recording";
    case OPEN_ISSUE: return "issue";
    case OPEN_SLACK: return "Slack";
    default: return "link";
    }
}

int cli_open(struct app *a)
{
    if (open_store(a, STORE_RW_OR_RO) < 0)
        return CU_EXIT_FAIL;
    struct post p;
    struct doc *d;
    if (load_post(a, &p, &d) < 0)
        return CU_EXIT_FAIL;
    const char *url = NULL;
    enum open_kind k = a->opts->open_kind;
    int n = 0;
    switch (k) {
    case OPEN_POST:
        url = p.url;
        if (!url)
            fprintf(stderr, "catchup: %s has no web address (a local post); try --link N\n", p.id);
        break;
    case OPEN_RECORDING: n = postview_first_link(d, LINK_RECORDING); break;
    case OPEN_ISSUE:
        n = postview_first_link(d, LINK_ISSUE);
        if (!n)
            n = postview_first_link(d, LINK_PR);
        break;
    case OPEN_SLACK:
        n = postview_first_link(d, LINK_SLACK);
        if (!n && a->group->slack.n)
            url = a->group->slack.v[0];
        break;
    case OPEN_LINK:
        n = a->opts->link_n;
        if ((size_t)n > doc_nlinks(d)) {
            fprintf(stderr, "catchup: %s has %zu links; 'catchup show %s' numbers them\n", p.id,
                    doc_nlinks(d), p.id);
            n = 0;
            k = OPEN_POST; /* already reported */
        }
        break;
    }
    if (n)
        url = doc_link_at(d, (size_t)n - 1)->url;
    int rc = CU_EXIT_FAIL;
    if (!url && k != OPEN_POST && k != OPEN_LINK) {
        fprintf(stderr, "catchup: %s mentions no %s; 'catchup show %s' lists its links\n", p.id,
                kind_word(k), p.id);
    } else if (url) {
        struct cu_err e;
        if (browser_open(a->cfg.browser, url, &e) < 0) {
            fprintf(stderr, "catchup: %s\n", e.msg);
        } else {
            fprintf(stderr, "Opening ");
            put_safe(stderr, url);
            fprintf(stderr, " in your browser.\n");
            rc = CU_EXIT_OK;
        }
    }
    doc_free(d);
    post_free(&p);
    return rc;
}
