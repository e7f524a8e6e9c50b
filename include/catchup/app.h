/* app.h: what the command line and the TUI share: the config, the group,
 * the cache, the token and the HTTP client built from them.  Neither
 * includes the other; both include this. */
#ifndef CATCHUP_APP_H
#define CATCHUP_APP_H

#include <stdbool.h>

#include "catchup/config.h"
#include "catchup/http.h"
#include "catchup/store.h"

struct cli_opts; /* a command's own options (cli.h); NULL for the TUI */

/* What every command and the TUI work with. */
struct app {
    struct config cfg;
    const struct group *group;
    char *cache_path;
    struct store *store;
    const char *token;     /* cu_github_token(), borrowed */
    bool offline;          /* --offline: never touch the network */
    struct cli_opts *opts; /* the command line as parsed */
};

/* The HTTP client for the config's api, limits and the token; NULL with e
 * set when it cannot be made. */
struct http *app_http_new(const struct app *a, struct cu_err *e);
/* Opens the cache at a->cache_path into a->store; -1 with e set. */
int app_open_store(struct app *a, enum store_mode mode, struct cu_err *e);

#endif
