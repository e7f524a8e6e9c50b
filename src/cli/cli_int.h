/* cli_int.h: what the command line's files share: the command table, the
 * commands' handlers and their output helpers (JSON through jansson). */
#ifndef CATCHUP_CLI_CLI_INT_H
#define CATCHUP_CLI_CLI_INT_H

#include <jansson.h>
#include <stdio.h>

#include "catchup/cli.h"
#include "catchup/markdown.h"
#include "catchup/store.h"

/* The options a command may take, one bit each (struct command.opts). */
enum {
    OPT_JSON = 1 << 0,
    OPT_ALL = 1 << 1,
    OPT_FROM = 1 << 2,
    OPT_DAYS = 1 << 3,
    OPT_OPENKIND = 1 << 4,
    OPT_SINCE = 1 << 5,
    OPT_LIMIT = 1 << 6,
};

/* Every command: its handler, the arguments and options it takes, its help
 * ("catchup --help" lists the summaries; "catchup NAME --help" prints the
 * usage line, about and options) and its man page entry. */
struct command {
    const char *name;
    int (*run)(struct app *a);
    int min_args, max_args;
    unsigned opts; /* OPT_ bits it accepts */
    bool network;  /* it fetches: refused with --offline */
    const char *args_help;
    const char *synopsis; /* after "catchup NAME" */
    const char *summary;  /* for the global help; lines after the first are indented */
    const char *about;    /* for the command's own help */
    const char *options;  /* its options, one a line, or "" */
    const char *man;      /* its man page text (roff), after the usage line */
};

/* The command called name, or NULL (commands.c). */
const struct command *cli_command(const char *name);
/* The options behind OPT_ bit, for saying which one a command does not take
 * (args.c). */
const char *cli_option_name(unsigned bit);
/* Parses a decimal number in lo..hi; -1 when v is not one. */
int cli_parse_int(const char *v, int lo, int hi, int *out);

/* The commands' handlers (cmd_NAME.c); each returns the exit code. */
int cli_refresh(struct app *a);
int cli_posts(struct app *a);
int cli_show(struct app *a);
int cli_open(struct app *a);
int cli_board(struct app *a);
int cli_agenda(struct app *a);
int cli_search(struct app *a);
int cli_start(struct app *a);
int cli_new(struct app *a);
int cli_groups(struct app *a);

/* ---- output.c ------------------------------------------------------------ */
/* Opens the cache for a command; -1 after saying why on stderr. */
int cli_open_store(struct app *a, enum store_mode mode);
/* Prints s, sanitized again (defence in depth). */
void cli_put_safe(FILE *fp, const char *s);
/* Width for rendering: $COLUMNS, else the terminal's, else 80. */
int cli_columns(void);
/* Prints a laid-out document at width with its numbered links (show, start). */
void cli_print_doc(const struct doc *d, int width);
/* The document's links as [{"n", "url", "text", "kind"}] (new reference). */
json_t *cli_links_json(const struct doc *d);
/* Prints JSON indented, keys in insertion order. */
void cli_print_json(json_t *j);
/* A string, or JSON null for NULL (new reference). */
json_t *cli_jstr_or_null(const char *s);

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

/* ---- cmd_show.c ------------------------------------------------------------ */
/* Loads the post the first argument names (and its document, badged, when d
 * is not NULL); -1 after saying why on stderr. */
int cli_load_post(struct app *a, struct post *p, struct doc **d);

#endif
