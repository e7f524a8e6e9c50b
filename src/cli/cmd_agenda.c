/* cli_agenda.c: catchup agenda [--from YYYY-MM-DD] [--days N] [--json].
 *
 * Reads the cache only (the refresh expands the calendars); prints the
 * occurrences and the dated post entries of the window in the local zone,
 * one per line, or as JSON (fields in catchup(1)).  An empty agenda says why
 * on stderr (no calendar configured, never refreshed, a window beyond what
 * was expanded, the events' last refresh failed) and still exits 0. */
#define _GNU_SOURCE
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catchup/agenda.h"
#include "catchup/cli.h"
#include "catchup/text.h"

static void put_safe(FILE *fp, const char *s)
{
    char *t = text_sanitize(s, strlen(s), 0);
    fputs(t, fp);
    free(t);
}

static json_t *jstr(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

static json_t *item_json(const struct agenda_item *it)
{
    char start[40], end[40];
    if (it->all_day) {
        snprintf(start, sizeof(start), "%s", it->start_date);
        snprintf(end, sizeof(end), "%s", it->end_date);
    } else {
        agenda_iso(it->start, start, sizeof(start));
        agenda_iso(it->end, end, sizeof(end));
    }
    json_t *o = json_object();
    json_object_set_new(o, "start", json_string(start));
    json_object_set_new(o, "end", json_string(end));
    json_object_set_new(o, "all_day", json_boolean(it->all_day));
    json_object_set_new(o, "title", json_string(it->title));
    json_object_set_new(o, "location", jstr(it->location));
    json_object_set_new(o, "url", jstr(it->link));
    json_object_set_new(o, "join_url", jstr(it->join_url));
    json_object_set_new(o, "calendar", jstr(it->calendar));
    json_object_set_new(o, "calendar_name", jstr(it->calendar_name));
    json_object_set_new(o, "description", jstr(it->description));
    json_object_set_new(o, "uid", jstr(it->uid));
    json_object_set_new(o, "recurrence_id", jstr(it->rid));
    json_object_set_new(o, "moved", json_boolean(it->moved));
    if (it->moved) {
        char was[40];
        agenda_iso(it->rule_start, was, sizeof(was));
        json_object_set_new(o, "original_start", json_string(was));
    }
    if (it->prev_start) {
        char was[40];
        agenda_iso(it->prev_start, was, sizeof(was));
        json_object_set_new(o, "previous_start", json_string(was));
    }
    json_object_set_new(o, "post", jstr(it->post_id));
    json_object_set_new(o, "week", jstr(it->week));
    return o;
}

static void print_line(const struct agenda_item *it)
{
    char date[32], times[64];
    agenda_date(it->start, date, sizeof(date));
    if (it->all_day)
        snprintf(times, sizeof(times), "all day");
    else
        agenda_times(it, "-", times, sizeof(times));
    printf("%s  %-11s  ", date, times);
    put_safe(stdout, it->title);
    char *place = agenda_item_place(it);
    if (*place) {
        fputs(" (", stdout);
        put_safe(stdout, place);
        fputs(")", stdout);
    }
    free(place);
    if (it->all_day) {
        char span[64];
        agenda_times(it, "-", span, sizeof(span));
        if (strcmp(span, "all day"))
            printf(" (%s)", span + strlen("all day, "));
    }
    if (it->from_post) {
        fputs(" (mentioned in ", stdout);
        put_safe(stdout, it->week ? it->week : it->post_id);
        fputs(")", stdout);
    }
    fputc('\n', stdout);
}

/* Why the agenda is empty, or what it cannot show. */
static void explain(struct app *a, const struct agenda *ag, time_t from, time_t to, int days)
{
    const struct group *g = a->group;
    struct source_status st;
    bool refreshed = store_source_get(a->store, g->key, "events", &st) == 1;
    if (refreshed && st.error) {
        /* "stored before" only when something ever was */
        fputs(st.last_ok ? "catchup: the last refresh of the events failed: "
                         : "catchup: the events were never fetched: ",
              stderr);
        put_safe(stderr, st.error);
        fputs(st.last_ok ? "\ncatchup: showing what was stored before\n" : "\n", stderr);
    }
    if (refreshed)
        source_status_free(&st);
    time_t known_from = 0, known_to = 0;
    for (size_t i = 0; i < ag->ncals; i++) {
        if (!known_from || ag->cals[i].win_from < known_from)
            known_from = ag->cals[i].win_from;
        if (!known_to || ag->cals[i].win_to < known_to)
            known_to = ag->cals[i].win_to;
    }
    if (ag->ncals && from < known_from) {
        char d[32];
        agenda_date(known_from, d, sizeof(d));
        fprintf(stderr,
                "catchup: the calendars were expanded from %s on (a day before the last "
                "refresh); earlier occurrences are not kept\n",
                d);
    }
    bool beyond = ag->ncals && to > known_to;
    if (beyond) {
        /* a refresh looks EVENTS_AHEAD_DAYS ahead of its own time: say what
         * one would reach, or that none reaches further yet */
        char held[32], reach[32];
        agenda_date(known_to - 1, held, sizeof(held));
        time_t could = cu_now() + (time_t)EVENTS_AHEAD_DAYS * 86400;
        agenda_date(could - 1, reach, sizeof(reach));
        if (could >= known_to + 86400)
            fprintf(stderr,
                    "catchup: the cache holds events up to %s; run 'catchup refresh' to look "
                    "up to %s\n",
                    held, reach);
        else
            fprintf(stderr,
                    "catchup: the cache holds events up to %s; a refresh looks %d days ahead, "
                    "so later events cannot be shown yet\n",
                    held, EVENTS_AHEAD_DAYS);
    }
    if (ag->n || beyond)
        return;
    if (!g->calendars.n) {
        fprintf(stderr,
                "catchup: no calendar is configured for %s: set 'calendar = URL' (an iCalendar "
                "feed) in [group \"%s\"] of %s\n",
                g->name, g->key, a->cfg.file ? a->cfg.file : "~/.config/catchup/config");
    } else if (!refreshed) {
        fprintf(stderr, "catchup: no events cached yet: run 'catchup refresh'\n");
    } else {
        char d[32];
        agenda_date(from, d, sizeof(d));
        fprintf(stderr, "catchup: nothing in the %d day%s from %s\n", days, days == 1 ? "" : "s",
                d);
    }
}

int cli_agenda(struct app *a)
{
    struct cu_err e;
    if (store_open(a->cache_path, STORE_RW_OR_RO, &a->store, &e) < 0) {
        fprintf(stderr, "catchup: %s\n", e.msg);
        return CU_EXIT_FAIL;
    }
    int days = a->opts->days > 0 ? a->opts->days : a->cfg.days;
    time_t from = a->opts->from ? agenda_local_midnight(a->opts->from) : cu_now();
    /* -1 is an answer of cu_now() too (CATCHUP_NOW=-1): only a given date
     * can be unreadable */
    if (a->opts->from && from == -1) {
        fprintf(stderr, "catchup: --from needs a date as YYYY-MM-DD, not '%s'\n", a->opts->from);
        return CU_EXIT_USAGE;
    }
    time_t to = agenda_add_days(from, days);
    struct agenda ag;
    if (agenda_load_window(a->store, a->group->key, from, to, &ag, &e) < 0) {
        fprintf(stderr, "catchup: %s\n", e.msg);
        return CU_EXIT_FAIL;
    }
    if (a->opts->json) {
        struct cli_json_array ja;
        cli_json_begin(&ja);
        for (size_t i = 0; i < ag.n; i++)
            cli_json_add(&ja, item_json(&ag.v[i]));
        cli_json_end(&ja);
    } else {
        for (size_t i = 0; i < ag.n; i++)
            print_line(&ag.v[i]);
    }
    fflush(stdout);
    explain(a, &ag, from, to, days);
    agenda_free(&ag);
    return CU_EXIT_OK;
}
