/* cli.h: the command line: its options, its commands and their output.
 * The commands and their help come from one table (src/cli/commands.c). */
#ifndef CATCHUP_CLI_H
#define CATCHUP_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "catchup/app.h"
#include "catchup/util.h"

enum open_kind { OPEN_POST, OPEN_RECORDING, OPEN_ISSUE, OPEN_SLACK, OPEN_LINK };

struct cli_opts {
    const char *config_path, *group;
    bool offline, json, all, reset_cache, help, version;
    const char *from_day;      /* agenda --from: YYYY-MM-DD */
    const char *since_day;     /* new --since: YYYY-MM-DD */
    const char *list_keys;     /* --list-keys[=FORMAT] */
    const char *list_commands; /* --list-commands[=FORMAT] */
    const char *list_config;   /* --list-config[=FORMAT] */
    int days;                  /* -1 = from config */
    int limit;                 /* search --limit: -1 = the default, 0 = all */
    enum open_kind open_kind;
    int link_n;
    const char *cmd;
    struct strv args;
    unsigned seen; /* which command-specific options were given (OPT_ bits) */
};

/* Parses argv.  Returns 0, or -1 with e set (exit 2). */
int cli_parse(int argc, char **argv, struct cli_opts *o, struct cu_err *e);
void cli_usage(FILE *fp);
/* A command's own help: its usage line, what it does, its options. */
void cli_command_usage(FILE *fp, const char *name);
/* The commands, one a line ("text"), or the man page's list ("roff"). */
void cli_list_commands(FILE *fp, const char *format);
/* Whether the command o names reaches the network (refresh does). */
bool cli_uses_network(const struct cli_opts *o);

/* Runs the command o->cmd names (cli_parse has checked it); returns the
 * exit code. */
int cli_run(struct app *a);

/* Makes stdout a checked stream for a command (not the TUI): a write that
 * fails ends the program, by SIGPIPE for a reader gone (as git does), with
 * a message and status 1 otherwise (a full disk). */
void cli_out_init(void);
/* Flushes and closes stdout, checked; returns rc, or 1 when closing failed. */
int cli_out_close(int rc);

#endif
