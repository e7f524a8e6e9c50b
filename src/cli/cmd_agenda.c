/* cmd_agenda.c: catchup agenda [--from YYYY-MM-DD] [--days N] [--json].
 *
 * Reads the cache only (the refresh expands the calendars); prints the
 * occurrences and the dated post entries of the window in the local zone,
 * one per line, or as JSON (fields in catchup(1)).  An empty agenda says why
 * on stderr (no calendar configured, never refreshed, a window beyond what
 * was expanded, the events' last refresh failed) and still exits 0. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catchup/agenda.h"
#include "cli_int.h"
#include "catchup/text.h"

static void put_safe(FILE *fp, const char *s)
{
    char *t = text_sanitize(s, strlen(s), 0);
    fputs(t, fp);
    free(t);
}

/* ---- --json, written directly ------------------------------------------------
 *
 * An agenda may hold 20,000 occurrences: each is printed as jansson would
 * print it inside cli_json_array (JSON_INDENT(2), keys in order, strings
 * escaped the same way, a string that is not UTF-8 left out as jansson
 * leaves it out), without building an object first. */

struct item_out {
    bool first;    /* no field printed yet */
    struct buf *b; /* the item, written out at its end */
};

/* Whether s is UTF-8 throughout. */
static bool utf8_ok(const char *s)
{
    for (const char *p = s; *p;) {
        if ((unsigned char)*p < 0x80) {
            p++;
            continue;
        }
        uint32_t cp;
        size_t k = text_decode(p, strlen(p), &cp);
        if (cp == 0xFFFD && k == 1)
            return false;
        p += k;
    }
    return true;
}

static void put_json_string(struct buf *b, const char *s)
{
    buf_add(b, "\"", 1);
    for (const char *p = s; *p;) {
        size_t n = 0;
        while (p[n] && p[n] != '"' && p[n] != '\\' && (unsigned char)p[n] >= 0x20)
            n++;
        buf_add(b, p, n);
        p += n;
        if (!*p)
            break;
        unsigned char c = (unsigned char)*p++;
        switch (c) {
        case '"': buf_adds(b, "\\\""); break;
        case '\\': buf_adds(b, "\\\\"); break;
        case '\b': buf_adds(b, "\\b"); break;
        case '\f': buf_adds(b, "\\f"); break;
        case '\n': buf_adds(b, "\\n"); break;
        case '\r': buf_adds(b, "\\r"); break;
        case '\t': buf_adds(b, "\\t"); break;
        default: buf_addf(b, "\\u%04X", c); break;
        }
    }
    buf_add(b, "\"", 1);
}

static void key(struct item_out *o, const char *k)
{
    buf_adds(o->b, o->first ? "{\n    \"" : ",\n    \"");
    o->first = false;
    buf_adds(o->b, k);
    buf_adds(o->b, "\": ");
}

/* A string field, or null when s is NULL or "" (with or_null). */
static void field_str(struct item_out *o, const char *k, const char *s, bool or_null)
{
    if (s && *s) {
        if (!utf8_ok(s))
            return;
        key(o, k);
        put_json_string(o->b, s);
    } else if (or_null) {
        key(o, k);
        buf_adds(o->b, "null");
    } else {
        key(o, k);
        put_json_string(o->b, "");
    }
}

static void field_bool(struct item_out *o, const char *k, bool v)
{
    key(o, k);
    buf_adds(o->b, v ? "true" : "false");
}

/* Prints it, by way of b (emptied). */
static void item_json(const struct agenda_item *it, struct buf *b)
{
    char start[40], end[40];
    if (it->all_day) {
        snprintf(start, sizeof(start), "%s", it->start_date);
        snprintf(end, sizeof(end), "%s", it->end_date);
    } else {
        agenda_iso(it->start, start, sizeof(start));
        agenda_iso(it->end, end, sizeof(end));
    }
    buf_reset(b);
    struct item_out o = {.first = true, .b = b};
    field_str(&o, "start", start, false);
    field_str(&o, "end", end, false);
    field_bool(&o, "all_day", it->all_day);
    field_str(&o, "title", it->title, false);
    field_str(&o, "location", it->location, true);
    field_str(&o, "url", it->link, true);
    field_str(&o, "join_url", it->join_url, true);
    field_str(&o, "calendar", it->calendar, true);
    field_str(&o, "calendar_name", it->calendar_name, true);
    field_str(&o, "description", it->description, true);
    field_str(&o, "uid", it->uid, true);
    field_str(&o, "recurrence_id", it->rid, true);
    field_bool(&o, "moved", it->moved);
    if (it->moved) {
        char was[40];
        agenda_iso(it->rule_start, was, sizeof(was));
        field_str(&o, "original_start", was, false);
    }
    if (it->prev_start) {
        char was[40];
        agenda_iso(it->prev_start, was, sizeof(was));
        field_str(&o, "previous_start", was, false);
    }
    field_str(&o, "post", it->post_id, true);
    field_str(&o, "week", it->week, true);
    buf_adds(b, "\n  }");
    fwrite(b->data, 1, b->len, stdout);
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
    bool refreshed = store_source_get(a->store, g->key, SOURCE_EVENTS, &st) == 1;
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
    time_t from = a->opts->from_day ? agenda_local_midnight(a->opts->from_day) : cu_now();
    /* -1 is an answer of cu_now() too (CATCHUP_NOW=-1): only a given date
     * can be unreadable */
    if (a->opts->from_day && from == -1) {
        fprintf(stderr, "catchup: --from needs a date as YYYY-MM-DD, not '%s'\n",
                a->opts->from_day);
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
        struct buf b;
        buf_init(&b, 0);
        cli_json_begin(&ja);
        for (size_t i = 0; i < ag.n; i++) {
            cli_json_next(&ja);
            item_json(&ag.v[i], &b);
        }
        cli_json_end(&ja);
        buf_free(&b);
    } else {
        for (size_t i = 0; i < ag.n; i++)
            print_line(&ag.v[i]);
    }
    fflush(stdout);
    explain(a, &ag, from, to, days);
    agenda_free(&ag);
    return CU_EXIT_OK;
}
