/* cmd_posts.c: catchup posts [--json]: the cached posts, newest first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catchup/text.h"
#include "cli_int.h"

static json_t *post_json(const struct post *p)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(p->id));
    json_object_set_new(o, "title", json_string(p->title));
    json_object_set_new(o, "description", cli_jstr_or_null(p->description));
    json_object_set_new(o, "date", cli_jstr_or_null(p->date));
    json_object_set_new(o, "weight", p->has_weight ? json_integer(p->weight) : json_null());
    json_object_set_new(o, "url", cli_jstr_or_null(p->url));
    json_object_set_new(o, "unread", json_boolean(p->unread));
    json_object_set_new(o, "type", cli_jstr_or_null(p->type));
    json_object_set_new(o, "date_source", cli_jstr_or_null(p->date_source));
    json_object_set_new(o, "front_matter_error", cli_jstr_or_null(p->fm_error));
    json_object_set_new(o, "date_front_matter", cli_jstr_or_null(p->date_fm));
    json_object_set_new(o, "date_file_name", cli_jstr_or_null(p->date_name));
    json_object_set_new(
        o, "date_commit",
        cli_jstr_or_null(p->date_commit && *p->date_commit ? p->date_commit : NULL));
    json_object_set_new(o, "date_problem", cli_jstr_or_null(p->date_note));
    json_object_set_new(o, "source", cli_jstr_or_null(p->src));
    json_object_set_new(o, "badge", cli_jstr_or_null(p->badge));
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

/* No post cached: why (the last refresh failed), or how to fetch them. */
static void say_none(struct app *a)
{
    struct source_status st;
    bool known = store_source_get(a->store, a->group->key, SOURCE_POSTS, &st) == 1;
    if (known && st.error && st.outcome != SOURCE_WARNING) {
        fprintf(stderr,
                "catchup: no posts cached for %s: the last refresh failed: ", a->group->name);
        cli_put_safe(stderr, st.error);
        fputc('\n', stderr);
    } else {
        fprintf(stderr, "catchup: no posts cached for %s yet: run 'catchup refresh'\n",
                a->group->name);
    }
    if (known)
        source_status_free(&st);
}

int cli_posts(struct app *a)
{
    if (cli_open_store(a, STORE_RW_OR_RO) < 0)
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
    if (!o.n)
        say_none(a);
    return CU_EXIT_OK;
}
