/* app.c: see app.h. */
#include "catchup/app.h"

struct http *app_http_new(const struct app *a, struct cu_err *e)
{
    const struct config *c = &a->cfg;
    struct http_opts ho = {
        .api = c->api,
        .token = a->token,
        .parallel = c->parallel,
        .connect_timeout = c->connect_timeout,
        .stall_timeout = c->stall_timeout,
        .transfer_timeout = c->transfer_timeout,
        .allow_insecure = c->allow_insecure,
    };
    return http_new(&ho, e);
}

int app_open_store(struct app *a, enum store_mode mode, struct cu_err *e)
{
    return store_open(a->cache_path, mode, &a->store, e);
}
