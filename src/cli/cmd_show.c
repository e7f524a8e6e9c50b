/* cmd_show.c: catchup show ID [--json]: one post with its numbered links. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catchup/postview.h"
#include "cli_int.h"

int cli_load_post(struct app *a, struct post *p, struct doc **d)
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
    if (cli_open_store(a, STORE_RW_OR_RO) < 0)
        return CU_EXIT_FAIL;
    struct post p;
    struct doc *d;
    if (cli_load_post(a, &p, &d) < 0)
        return CU_EXIT_FAIL;
    if (a->opts->json) {
        json_t *o = json_object();
        json_object_set_new(o, "id", json_string(p.id));
        json_object_set_new(o, "title", json_string(p.title));
        json_object_set_new(o, "description", cli_jstr_or_null(p.description));
        json_object_set_new(o, "date", cli_jstr_or_null(p.date));
        json_object_set_new(o, "url", cli_jstr_or_null(p.url));
        json_object_set_new(o, "unread", json_boolean(p.unread));
        json_object_set_new(o, "body", json_string(p.body));
        json_object_set_new(o, "format", json_string(p.format ? p.format : "markdown"));
        json_object_set_new(o, "front_matter_error", cli_jstr_or_null(p.fm_error));
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
