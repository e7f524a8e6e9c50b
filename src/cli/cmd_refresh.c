/* cmd_refresh.c: catchup refresh: fetch every source, one line each. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catchup/refresh.h"
#include "cli_int.h"

int cli_refresh(struct app *a)
{
    if (cli_open_store(a, STORE_RW) < 0)
        return CU_EXIT_FAIL;
    struct cu_err e;
    struct http *h = app_http_new(a, &e);
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
            /* one line a source; a failed one's says so (why is on stderr) */
            const char *sum = rep->summary[0] ? rep->summary : rep->ok ? "" : "failed";
            if (sum[0])
                printf("%s: %s in %u request%s\n", rep->name, sum, rep->requests,
                       rep->requests == 1 ? "" : "s");
            if (rep->note[0]) {
                printf("%s: ", rep->name);
                cli_put_safe(stdout, rep->note);
                putchar('\n');
            }
            if (!rep->ok || rep->warning) {
                fprintf(stderr, "catchup: %s%s: ", rep->ok ? "warning: " : "", rep->name);
                cli_put_safe(stderr, rep->error);
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
