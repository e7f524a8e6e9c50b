/* cmd_start.c: catchup start [--json]: the Start here page. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>

#include "cli_int.h"
#include "catchup/startdoc.h"

int cli_start(struct app *a)
{
    struct cu_err e;
    if (store_open(a->cache_path, STORE_RW_OR_RO, &a->store, &e) < 0) {
        fprintf(stderr, "catchup: %s\n", e.msg);
        return CU_EXIT_FAIL;
    }
    struct buf md;
    buf_init(&md, 0);
    char *onboarding = NULL;
    startdoc_compose(a->store, a->group, cu_now(), 0, &md, &onboarding);
    struct doc *d;
    if (doc_parse(md.data, md.len, NULL, &d, &e) < 0) {
        fprintf(stderr, "catchup: %s\n", e.msg);
        buf_free(&md);
        free(onboarding);
        return CU_EXIT_FAIL;
    }
    if (a->opts->json) {
        json_t *o = json_object();
        json_object_set_new(o, "group", json_string(a->group->name));
        json_object_set_new(o, "body", json_string(md.data));
        json_object_set_new(o, "onboarding_url",
                            onboarding ? json_string(onboarding) : json_null());
        json_object_set_new(o, "links", cli_links_json(d));
        cli_print_json(o);
        json_decref(o);
    } else {
        cli_print_doc(d, cli_columns());
    }
    doc_free(d);
    buf_free(&md);
    free(onboarding);
    return CU_EXIT_OK;
}
