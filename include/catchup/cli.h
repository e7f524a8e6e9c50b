/* cli.h: the command line: options, commands and their output. */
#ifndef CATCHUP_CLI_H
#define CATCHUP_CLI_H

#include <jansson.h>
#include <stdio.h>

#include "catchup/config.h"
#include "catchup/markdown.h"
#include "catchup/store.h"

enum open_kind { OPEN_POST, OPEN_RECORDING, OPEN_ISSUE, OPEN_SLACK, OPEN_LINK };

struct cli_opts {
    const char *config_path, *group;
    bool offline, json, all, reset_cache, help, version;
    const char *from;
    const char *list_keys; /* --list-keys[=FORMAT] */
    int days;              /* -1 = from config */
    int limit;             /* search --limit: -1 = the default, 0 = all */
    enum open_kind open_kind;
    int link_n;
    const char *cmd;
    struct strv args;
    unsigned seen; /* which command-specific options were given (OPT_ bits) */
};

/* What every command works with. */
struct app {
    struct config cfg;
    const struct group *group;
    char *cache_path;
    struct store *store;
    const char *token; /* from the environment, borrowed */
    struct cli_opts *opts;
};

/* Parses argv.  Returns 0, or -1 with e set (exit 2). */
int cli_parse(int argc, char **argv, struct cli_opts *o, struct cu_err *e);
void cli_usage(FILE *fp);
/* A command's own help: its usage line, what it does, its options. */
void cli_command_usage(FILE *fp, const char *name);

/* Runs the command o->cmd names (cli_parse has checked it); returns the
 * exit code. */
int cli_run(struct app *a);

/* The commands' handlers; each returns the exit code. */
int cli_refresh(struct app *a);
int cli_posts(struct app *a);
int cli_show(struct app *a);
int cli_open(struct app *a);
int cli_board(struct app *a);  /* cli_board.c */
int cli_agenda(struct app *a); /* cli_agenda.c */
int cli_search(struct app *a); /* cli_search.c */
int cli_start(struct app *a);  /* cli_start.c */
int cli_new(struct app *a);    /* cli_new.c */
int cli_groups(struct app *a); /* cmd_groups.c */

/* Prints a laid-out document at width with its numbered links (show, start). */
void cli_print_doc(const struct doc *d, int width);
/* The document's links as [{"n", "url", "text", "kind"}] (new reference). */
json_t *cli_links_json(const struct doc *d);
/* Prints JSON indented, keys in insertion order. */
void cli_print_json(json_t *j);

/* A JSON array printed element by element as it is made, in cli_print_json's
 * layout, so a long list is never whole in memory. */
struct cli_json_array {
    size_t n;
};
void cli_json_begin(struct cli_json_array *ja);
void cli_json_add(struct cli_json_array *ja, json_t *item); /* takes item */
/* Starts the next element of the array for a caller that prints it itself
 * (in the same layout: its lines after the first indented by two more). */
void cli_json_next(struct cli_json_array *ja);
void cli_json_end(struct cli_json_array *ja);

/* Makes stdout a checked stream for a command (not the TUI): a write that
 * fails ends the program, by SIGPIPE for a reader gone (as git does), with
 * a message and status 1 otherwise (a full disk). */
void cli_out_init(void);
/* Flushes and closes stdout, checked; returns rc, or 1 when closing failed. */
int cli_out_close(int rc);

/* The token from GITHUB_TOKEN, then GH_TOKEN, or NULL (borrowed). */
const char *cli_token(void);
/* Width for rendering: $COLUMNS, else the terminal's, else 80. */
int cli_columns(void);

#endif
