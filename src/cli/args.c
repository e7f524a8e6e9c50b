/* args.c: the command line's options, from one table, and cli_parse. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli_int.h"

int cli_parse_int(const char *v, int lo, int hi, int *out)
{
    char *end;
    errno = 0;
    long x = strtol(v, &end, 10);
    if (errno || end == v || *end || x < lo || x > hi)
        return -1;
    *out = (int)x;
    return 0;
}

/* How an option takes its value. */
enum arity { FLAG, VALUE, OPTIONAL /* only as --name=value */ };

struct option {
    const char *name, *alias;
    enum arity arity;
    unsigned bit; /* OPT_ bit of a command's option; 0 for a global one */
    /* Stores the option (val is NULL for a flag); -1 with e set. */
    int (*set)(struct cli_opts *o, const char *name, const char *val, struct cu_err *e);
};

static int set_config(struct cli_opts *o, const char *n, const char *v, struct cu_err *e)
{
    (void)n, (void)e;
    o->config_path = v;
    return 0;
}

static int set_group(struct cli_opts *o, const char *n, const char *v, struct cu_err *e)
{
    (void)n, (void)e;
    o->group = v;
    return 0;
}

static int set_flag(struct cli_opts *o, const char *n, const char *v, struct cu_err *e)
{
    (void)v, (void)e;
    bool *flag = !strcmp(n, "--offline")       ? &o->offline
                 : !strcmp(n, "--reset-cache") ? &o->reset_cache
                 : !strcmp(n, "--version")     ? &o->version
                 : !strcmp(n, "--json")        ? &o->json
                 : !strcmp(n, "--all")         ? &o->all
                                               : &o->help;
    *flag = true;
    return 0;
}

/* --list-keys, --list-commands, --list-config: text (the default) or roff */
static int set_list(struct cli_opts *o, const char *n, const char *v, struct cu_err *e)
{
    if (v && strcmp(v, "text") && strcmp(v, "roff"))
        return cu_errf(e, "%s takes text or roff, not '%s'", n, v);
    const char **dst = !strcmp(n, "--list-keys")       ? &o->list_keys
                       : !strcmp(n, "--list-commands") ? &o->list_commands
                                                       : &o->list_config;
    *dst = v ? v : "text";
    return 0;
}

static int set_day(struct cli_opts *o, const char *n, const char *v, struct cu_err *e)
{
    if (iso8601_parse(v) == -1 || strlen(v) != 10)
        return cu_errf(e, "%s needs a date as YYYY-MM-DD, not '%s'", n, v);
    if (!strcmp(n, "--from"))
        o->from_day = v;
    else
        o->since_day = v;
    return 0;
}

static int set_days(struct cli_opts *o, const char *n, const char *v, struct cu_err *e)
{
    (void)n;
    if (cli_parse_int(v, 1, 366, &o->days) < 0)
        return cu_errf(e, "--days needs a number from 1 to 366, not '%s'", v);
    return 0;
}

static int set_limit(struct cli_opts *o, const char *n, const char *v, struct cu_err *e)
{
    (void)n;
    if (cli_parse_int(v, 0, 1000000000, &o->limit) < 0)
        return cu_errf(e, "--limit needs a number of hits (0 for all), not '%s'", v);
    return 0;
}

static int set_open_kind(struct cli_opts *o, const char *n, const char *v, struct cu_err *e)
{
    if (o->seen & OPT_OPENKIND)
        return cu_errf(e, "give only one of --recording, --issue, --slack, --link");
    if (!strcmp(n, "--link")) {
        if (cli_parse_int(v, 1, 100000, &o->link_n) < 0)
            return cu_errf(e, "--link needs a link number (see 'catchup show ID'), not '%s'", v);
        o->open_kind = OPEN_LINK;
    } else {
        o->open_kind = !strcmp(n, "--recording") ? OPEN_RECORDING
                       : !strcmp(n, "--issue")   ? OPEN_ISSUE
                                                 : OPEN_SLACK;
    }
    return 0;
}

static const struct option options[] = {
    {"--config", NULL, VALUE, 0, set_config},
    {"--group", NULL, VALUE, 0, set_group},
    {"--offline", NULL, FLAG, 0, set_flag},
    {"--reset-cache", NULL, FLAG, 0, set_flag},
    {"--help", "-h", FLAG, 0, set_flag},
    {"--version", "-V", FLAG, 0, set_flag},
    {"--list-keys", NULL, OPTIONAL, 0, set_list},
    {"--list-commands", NULL, OPTIONAL, 0, set_list},
    {"--list-config", NULL, OPTIONAL, 0, set_list},
    {"--json", NULL, FLAG, OPT_JSON, set_flag},
    {"--all", NULL, FLAG, OPT_ALL, set_flag},
    {"--from", NULL, VALUE, OPT_FROM, set_day},
    {"--since", NULL, VALUE, OPT_SINCE, set_day},
    {"--days", NULL, VALUE, OPT_DAYS, set_days},
    {"--limit", NULL, VALUE, OPT_LIMIT, set_limit},
    {"--recording", NULL, FLAG, OPT_OPENKIND, set_open_kind},
    {"--issue", NULL, FLAG, OPT_OPENKIND, set_open_kind},
    {"--slack", NULL, FLAG, OPT_OPENKIND, set_open_kind},
    {"--link", NULL, VALUE, OPT_OPENKIND, set_open_kind},
};

const char *cli_option_name(unsigned bit)
{
    if (bit == OPT_OPENKIND)
        return "--recording, --issue, --slack or --link";
    for (size_t i = 0; i < CU_ARRAY_LEN(options); i++)
        if (options[i].bit == bit)
            return options[i].name;
    return "an option";
}

static const struct option *find_option(const char *name)
{
    for (size_t i = 0; i < CU_ARRAY_LEN(options); i++)
        if (!strcmp(options[i].name, name) || (options[i].alias && !strcmp(options[i].alias, name)))
            return &options[i];
    return NULL;
}

/* Reads the option at argv[*i] (--name=value or --name value). */
static int parse_option(int argc, char **argv, int *i, struct cli_opts *o, struct cu_err *e)
{
    const char *a = argv[*i];
    char name[64];
    const char *val = NULL;
    const char *eq = strchr(a, '=');
    if (eq && str_starts(a, "--")) {
        snprintf(name, sizeof(name), "%.*s", (int)(eq - a), a);
        val = eq + 1;
    } else {
        snprintf(name, sizeof(name), "%s", a);
    }
    const struct option *opt = find_option(name);
    if (!opt)
        return cu_errf(e, "unknown option '%s'", a);
    if (opt->arity == FLAG && val)
        return cu_errf(e, "option %s takes no value", name);
    if (opt->arity == VALUE && !val) {
        if (*i + 1 >= argc)
            return cu_errf(e, "option %s needs a value", name);
        val = argv[++*i];
    }
    if (opt->set(o, opt->name, val, e) < 0)
        return -1;
    o->seen |= opt->bit;
    return 0;
}

/* The command's arguments and options agree with its table entry. */
static int check_command(const struct cli_opts *o, struct cu_err *e)
{
    const struct command *c = cli_command(o->cmd);
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
                       cli_option_name(extra & -extra), c->name);
    if (o->offline && c->network)
        return cu_errf(e, "'%s' needs the network; drop --offline", c->name);
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
        } else if (!strcmp(a, "--")) {
            only_args = true;
        } else if (parse_option(argc, argv, &i, o, e) < 0) {
            return -1;
        }
    }
    if (o->help && o->cmd && !cli_command(o->cmd))
        return cu_errf(e, "unknown command '%s'", o->cmd);
    if (o->help || o->version || o->list_keys || o->list_commands || o->list_config)
        return 0;
    if (!o->cmd) {
        if (o->seen)
            return cu_errf(e, "those options belong to a command; see 'catchup --help'");
        return 0;
    }
    return check_command(o, e);
}
