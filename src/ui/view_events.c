/* view_events.c: the Events pane.
 *
 * Upcoming occurrences of the next [ui] days grouped by local day ("Today",
 * "Tomorrow", "Fri 12 Mar"), each with its local start-end time, title and
 * place; the next one carries a countdown ("in 2 d 3 h").  Below them, the
 * entries of the posts' "Events" sections that are events ("Mentioned in
 * posts") with the week they were mentioned in, newest first: the last
 * AGENDA_MENTION_WEEKS weeks' until m (toggle-mentions) shows them all.
 * Enter reads an item (its description with the links numbered), o opens
 * its join link, else its link.  The rows are rebuilt from the cache when it
 * changes and when the minute does, so days and countdowns move. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "catchup/agenda.h"
#include "catchup/text.h"
#include "uiint.h"

#define TIME_W 12 /* "17:00–18:00", "all day", "until 25 Mar" */

enum row_kind { ROW_NOTE, ROW_ERROR, ROW_DAY, ROW_ITEM, ROW_BLANK, ROW_SECTION, ROW_MENTION };

struct row {
    enum row_kind kind;
    char *text;   /* NOTE, ERROR, DAY, SECTION */
    size_t index; /* ITEM: into ag.v; MENTION: into ag.mentions */
};

struct events_view {
    struct agenda ag;
    struct row *rows;
    size_t nrows;
    size_t *pick; /* rows that can be selected: ITEM and MENTION */
    struct listnav nav;
    long top; /* first row shown */
    int list_height;
    long built_minute;
    int built_cols;    /* the width error rows were wrapped at */
    size_t next;       /* the item that gets the countdown, or SIZE_MAX */
    int week_w;        /* width of the week column of mentions */
    bool all_mentions; /* every post's events, not only the last weeks' */
};

static void rows_free(struct events_view *ev)
{
    for (size_t i = 0; i < ev->nrows; i++)
        free(ev->rows[i].text);
    free(ev->rows);
    free(ev->pick);
    ev->rows = NULL;
    ev->pick = NULL;
    ev->nrows = 0;
    agenda_free(&ev->ag);
}

static void add_row(struct events_view *ev, enum row_kind kind, char *text, size_t index)
{
    ev->rows = xrealloc(ev->rows, (ev->nrows + 1) * sizeof(*ev->rows));
    ev->rows[ev->nrows++] = (struct row){kind, text, index};
}

/* Adds text as rows of at most width columns, broken at spaces, at most
 * max rows (the last one cut with "…"). */
static void add_wrapped(struct events_view *ev, enum row_kind kind, const char *text, int width,
                        int max)
{
    char *safe = text_sanitize(text, strlen(text), 0);
    const char *p = safe;
    for (int row = 0; *p && row < max; row++) {
        int used;
        size_t n = text_fit(p, width > 10 ? width : 10, &used);
        if (p[n] && row < max - 1) {
            size_t k = n;
            while (k && p[k] != ' ')
                k--;
            if (k)
                n = k;
        } else if (p[n]) {
            n = strlen(p);
        }
        add_row(ev, kind, xstrndup(p, n), 0);
        p += n;
        while (*p == ' ')
            p++;
    }
    free(safe);
}

/* What identifies the selected row across rebuilds. */
static char *row_key(const struct events_view *ev, size_t r)
{
    const struct row *row = &ev->rows[r];
    if (row->kind == ROW_ITEM) {
        const struct agenda_item *it = &ev->ag.v[row->index];
        return it->from_post ? xasprintf("p:%s:%s", it->post_id, it->title)
                             : xasprintf("c:%s:%s", it->uid, it->rid);
    }
    if (row->kind == ROW_MENTION) {
        const struct post_event_row *m = &ev->ag.mentions[row->index];
        return xasprintf("m:%s:%d", m->post_id, m->n);
    }
    return NULL;
}

/* The events named in posts: a section after the calendars' events, the
 * last weeks' (or all, when toggled), and a note on how to see the rest. */
static void add_mentions(struct events_view *ev)
{
    if (ev->nrows)
        add_row(ev, ROW_BLANK, NULL, 0);
    add_row(ev, ROW_SECTION, xstrdup("Mentioned in posts, newest first"), 0);
    size_t shown = ev->all_mentions ? ev->ag.nmentions : ev->ag.nmentions_recent;
    ev->week_w = 0;
    for (size_t i = 0; i < shown; i++) {
        int w = text_width(ev->ag.mentions[i].week);
        if (w > ev->week_w)
            ev->week_w = w;
        add_row(ev, ROW_MENTION, NULL, i);
    }
    if (ev->week_w > 22)
        ev->week_w = 22;
    if (ev->ag.nmentions > ev->ag.nmentions_recent) {
        const char *keys = keymap_keys(ACT_TOGGLE_MENTIONS);
        char *how = *keys ? xasprintf("press %s", keys) : xstrdup("the toggle-mentions action");
        size_t more = ev->ag.nmentions - ev->ag.nmentions_recent;
        add_row(ev, ROW_NOTE,
                ev->all_mentions
                    ? xasprintf("%s to show only the last %d weeks'", how, AGENDA_MENTION_WEEKS)
                    : xasprintf("%zu more from earlier weeks: %s to show them", more, how),
                0);
        free(how);
    }
}

static void build(struct events_view *ev, struct ui *ui)
{
    char *keep = ev->nav.count ? row_key(ev, ev->pick[ev->nav.sel]) : NULL;
    rows_free(ev);
    const struct group *g = ui->group;
    time_t now = cu_now();
    ev->built_minute = (long)(now / 60);
    ev->built_cols = COLS;
    ev->next = SIZE_MAX;
    int days = ui->app->cfg.days;
    struct cu_err e;
    if (agenda_load(ui->store, g->key, now, agenda_add_days(now, days), &ev->ag, &e) < 0) {
        add_row(ev, ROW_ERROR, xstrdup(e.msg), 0);
    }
    struct source_status st;
    bool refreshed = store_source_get(ui->store, g->key, SOURCE_EVENTS, &st) == 1;
    bool fetched = refreshed && st.last_ok; /* "stored before" needs a success */
    if (fetched && st.error) {
        char *msg = xasprintf("The last refresh of the events failed: %s. Showing what was "
                              "stored before.",
                              st.error);
        add_wrapped(ev, ROW_ERROR, msg, (COLS >= 120 ? COLS * 55 / 100 : COLS) - 2, 4);
        free(msg);
    }
    if (refreshed)
        source_status_free(&st);
    if (!g->calendars.n) {
        /* wrapped: the config's path alone fills a narrow line */
        int width = (COLS >= 120 ? COLS * 55 / 100 : COLS) - 2;
        char *msg = xasprintf("No calendar is configured for %s.", g->name);
        add_wrapped(ev, ROW_NOTE, msg, width, 3);
        free(msg);
        msg = xasprintf("config: calendar = URL of an iCalendar feed, in [group \"%s\"] of %s",
                        g->key, ui->app->cfg.file ? ui->app->cfg.file : "~/.config/catchup/config");
        add_wrapped(ev, ROW_NOTE, msg, width, 4);
        free(msg);
    } else if (!ev->ag.n && fetched) {
        add_row(ev, ROW_NOTE, xasprintf("Nothing in the next %d days.", days), 0);
    } else if (!ev->ag.n) {
        char hint[256] = "A refresh is running; the events appear here when it ends.";
        if (!ui->refresh) {
            add_row(ev, ROW_NOTE, xstrdup("No events cached yet."), 0);
            ui_fetch_hint(ui, SOURCE_EVENTS, "them", hint, sizeof(hint));
        }
        add_wrapped(ev, ROW_NOTE, hint, (COLS >= 120 ? COLS * 55 / 100 : COLS) - 2, 3);
    }
    if (ev->ag.n) {
        struct tm tm;
        localtime_r(&now, &tm);
        add_row(ev, ROW_NOTE,
                xasprintf("The next %d days in your time zone (%s, UTC%+ld:%02ld)", days,
                          tm.tm_zone, tm.tm_gmtoff / 3600, labs(tm.tm_gmtoff) % 3600 / 60),
                0);
    }
    char last_day[48] = "";
    for (size_t i = 0; i < ev->ag.n; i++) {
        const struct agenda_item *it = &ev->ag.v[i];
        char day[48];
        /* an item that began before today is listed under today */
        agenda_day_label(it->start > now ? it->start : now, now, day, sizeof(day));
        if (strcmp(day, last_day)) {
            add_row(ev, ROW_DAY, xstrdup(day), 0);
            snprintf(last_day, sizeof(last_day), "%s", day);
        }
        add_row(ev, ROW_ITEM, NULL, i);
        /* the countdown goes to the next meeting, or to a day-long event
         * that has not begun */
        if (ev->next == SIZE_MAX && (it->all_day ? it->start > now : it->end > now))
            ev->next = i;
    }
    if (ev->ag.nmentions)
        add_mentions(ev);
    size_t npick = 0;
    ev->pick = xcalloc(ev->nrows + 1, sizeof(*ev->pick));
    for (size_t r = 0; r < ev->nrows; r++)
        if (ev->rows[r].kind == ROW_ITEM || ev->rows[r].kind == ROW_MENTION)
            ev->pick[npick++] = r;
    ev->nav.count = (long)npick;
    if (keep) {
        for (size_t k = 0; k < npick; k++) {
            char *key = row_key(ev, ev->pick[k]);
            bool same = key && !strcmp(key, keep);
            free(key);
            if (same) {
                ev->nav.sel = (long)k;
                break;
            }
        }
        free(keep);
    }
    listnav_clamp(&ev->nav, ev->list_height > 0 ? ev->list_height : 1);
}

static void events_reload(struct view *v, struct ui *ui)
{
    build(v->data, ui);
}

/* Keeps the selected row on screen, with its day heading when it fits. */
static void scroll_to_selection(struct events_view *ev, int height)
{
    if (height < 1)
        height = 1;
    if (!ev->nav.count) {
        ev->top = 0;
        return;
    }
    long r = (long)ev->pick[ev->nav.sel];
    if (ev->nav.sel == 0)
        ev->top = 0;
    if (r < ev->top)
        ev->top = r;
    if (r >= ev->top + height)
        ev->top = r - height + 1;
    if (r == ev->top && r > 0 &&
        (ev->rows[r - 1].kind == ROW_DAY || ev->rows[r - 1].kind == ROW_SECTION))
        ev->top = r - 1;
    /* at the last entry, the rows after it (a note) show too */
    if (ev->nav.sel == ev->nav.count - 1) {
        long end = (long)ev->nrows - height < r ? (long)ev->nrows - height : r;
        if (end > ev->top)
            ev->top = end;
    }
    if (ev->top > (long)ev->nrows - height)
        ev->top = (long)ev->nrows - height;
    if (ev->top < 0)
        ev->top = 0;
}

static void draw_item(struct events_view *ev, const struct agenda_item *it, size_t index, int y,
                      int w, bool sel)
{
    attr_t base = sel ? theme_attr(TH_SELECTION) : theme_attr(TH_NORMAL);
    draw_fill(y, 0, w, base);
    /* "all day, until Thu 25 Mar" fits the column as "until 25 Mar" */
    char times[64];
    agenda_times(it, "\u2013", times, sizeof(times));
    if (str_starts(times, "all day, until ")) {
        char last[16];
        agenda_day_month(agenda_add_days(it->end, -1), last, sizeof(last));
        snprintf(times, sizeof(times), "until %s", last);
    }
    int x = 3;
    draw_text(y, x, TIME_W, times, sel ? base : theme_attr(TH_DATE));
    x += TIME_W + 2;
    char countdown[32] = "";
    if (index == ev->next)
        agenda_countdown(it->start, it->end, cu_now(), countdown, sizeof(countdown));
    int cw = countdown[0] ? text_width(countdown) + 2 : 0;
    int room = w - x - cw - 1;
    x += draw_text(y, x, room, it->title, sel ? base : theme_attr(TH_TITLE));
    char *place = agenda_item_place(it);
    char extra[160] = "";
    if (*place)
        snprintf(extra, sizeof(extra), "  (%s)", place);
    free(place);
    if (it->from_post) {
        size_t used = strlen(extra);
        snprintf(extra + used, sizeof(extra) - used, "  (from a post)");
    }
    if (extra[0] && x < w - cw - 1)
        draw_text(y, x, w - cw - 1 - x, extra, sel ? base : theme_attr(TH_DIM));
    if (cw)
        draw_text(y, w - cw, cw - 1, countdown, sel ? base : theme_attr(TH_COUNTDOWN) | A_BOLD);
}

static void draw_mention(struct events_view *ev, const struct post_event_row *m, int y, int w,
                         bool sel)
{
    attr_t base = sel ? theme_attr(TH_SELECTION) : theme_attr(TH_NORMAL);
    draw_fill(y, 0, w, base);
    int x = 3;
    char *week = text_pad(m->week, ev->week_w);
    draw_text(y, x, w - x - 1, week, sel ? base : theme_attr(TH_DATE));
    free(week);
    x += ev->week_w + 2;
    if (x >= w - 1)
        return;
    x += draw_text(y, x, w - x - 1, m->title, sel ? base : theme_attr(TH_TITLE));
    if (m->date[0] && x < w - 1) {
        time_t t = agenda_local_midnight(m->date);
        char day[48], label[64];
        agenda_day_label(t, cu_now(), day, sizeof(day));
        snprintf(label, sizeof(label), " · %s", day);
        draw_text(y, x, w - x - 1, label, sel ? base : theme_attr(TH_DIM));
    }
}

/* A post's entry as an agenda item (strings borrowed from m). */
static struct agenda_item mention_item(const struct post_event_row *m)
{
    struct agenda_item it = {0};
    it.from_post = true;
    it.title = m->title;
    it.location = (char *)"";
    it.link = m->url ? m->url : m->post_url;
    it.description = m->text;
    it.post_id = m->post_id;
    it.week = m->week;
    it.post_title = m->post_title;
    time_t start = agenda_local_midnight(m->date);
    if (start != -1) {
        time_t last = m->end_date[0] ? agenda_local_midnight(m->end_date) : start;
        it.start = it.rule_start = start;
        it.end = agenda_add_days(last == -1 ? start : last, 1);
        it.all_day = true;
        memcpy(it.start_date, m->date, sizeof(it.start_date));
    }
    return it;
}

/* The selected row as an item (strings borrowed), false when none. */
static bool selected(struct events_view *ev, struct agenda_item *out)
{
    if (!ev->nav.count)
        return false;
    const struct row *row = &ev->rows[ev->pick[ev->nav.sel]];
    if (row->kind == ROW_ITEM)
        *out = ev->ag.v[row->index];
    else
        *out = mention_item(&ev->ag.mentions[row->index]);
    return true;
}

static void draw_preview(struct events_view *ev, int top, int x, int w, int h)
{
    struct agenda_item it;
    if (!selected(ev, &it) || w < 20)
        return;
    char *md = agenda_item_markdown(&it);
    struct doc *d;
    struct cu_err e;
    if (doc_parse(md, strlen(md), NULL, &d, &e) == 0) {
        struct doc_layout *l = doc_layout(d, w - 2, 0);
        for (size_t i = 0; i < l->nlines && (int)i < h; i++)
            draw_doc_line(top + (int)i, x + 1, w - 2, &l->lines[i], NULL, theme_attr(TH_NORMAL));
        doc_layout_free(l);
        doc_free(d);
    }
    free(md);
}

static void events_draw(struct view *v, struct ui *ui, int top, int height)
{
    struct events_view *ev = v->data;
    if ((long)(cu_now() / 60) != ev->built_minute || COLS != ev->built_cols)
        build(ev, ui);
    bool wide = COLS >= 120;
    int list_w = wide ? COLS * 55 / 100 : COLS;
    ev->list_height = height;
    scroll_to_selection(ev, height);
    for (int r = 0; r < height && ev->top + r < (long)ev->nrows; r++) {
        size_t ri = (size_t)(ev->top + r);
        const struct row *row = &ev->rows[ri];
        int y = top + r;
        bool sel = ev->nav.count && ev->pick[ev->nav.sel] == ri;
        switch (row->kind) {
        case ROW_NOTE: draw_text(y, 1, list_w - 2, row->text, theme_attr(TH_DIM)); break;
        case ROW_ERROR: draw_text(y, 1, list_w - 2, row->text, theme_attr(TH_STATUS_ERROR)); break;
        case ROW_DAY:
        case ROW_SECTION: draw_text(y, 1, list_w - 2, row->text, theme_attr(TH_DAY)); break;
        case ROW_ITEM: draw_item(ev, &ev->ag.v[row->index], row->index, y, list_w, sel); break;
        case ROW_MENTION: draw_mention(ev, &ev->ag.mentions[row->index], y, list_w, sel); break;
        case ROW_BLANK: break;
        }
    }
    if (wide) {
        draw_vline(top, list_w, height, theme_attr(TH_BORDER));
        draw_preview(ev, top, list_w + 1, COLS - list_w - 1, height);
    }
}

static void open_reader(struct ui *ui, struct events_view *ev)
{
    struct agenda_item it;
    if (!selected(ev, &it))
        return;
    char *md = agenda_item_markdown(&it);
    struct doc *d;
    struct cu_err e;
    if (doc_parse(md, strlen(md), NULL, &d, &e) < 0)
        ui_message(ui, true, "%s", e.msg);
    else
        ui_push(ui, reader_new(ui, it.title, d, NULL, agenda_item_open_url(&it)));
    free(md);
}

static bool events_action(struct view *v, struct ui *ui, enum action a)
{
    struct events_view *ev = v->data;
    int h = ev->list_height > 0 ? ev->list_height : v->height;
    if (listnav_action(&ev->nav, a, h)) {
        scroll_to_selection(ev, h);
        return true;
    }
    struct agenda_item it;
    switch (a) {
    case ACT_ENTER: open_reader(ui, ev); return true;
    case ACT_OPEN:
        if (!selected(ev, &it))
            ui_message(ui, true, "nothing selected");
        else if (agenda_item_open_url(&it))
            ui_open_url(ui, agenda_item_open_url(&it));
        else
            ui_message(ui, true, "this event has no link; Enter shows its description");
        return true;
    case ACT_TOGGLE_MENTIONS:
        if (ev->ag.nmentions <= ev->ag.nmentions_recent) {
            ui_message(ui, false, "every post's events are shown");
            return true;
        }
        ev->all_mentions = !ev->all_mentions;
        build(ev, ui);
        scroll_to_selection(ev, h);
        return true;
    default: return false;
    }
}

static bool mention_has(const struct post_event_row *m, const char *pattern)
{
    return text_find(m->title, pattern) >= 0 || text_find(m->week, pattern) >= 0 ||
           text_find(m->text, pattern) >= 0;
}

static bool events_find(struct view *v, struct ui *ui, const char *pattern, int dir)
{
    struct events_view *ev = v->data;
    for (long k = 1; k <= ev->nav.count; k++) {
        long i = ((ev->nav.sel + dir * k) % ev->nav.count + ev->nav.count) % ev->nav.count;
        const struct row *row = &ev->rows[ev->pick[i]];
        bool hit;
        if (row->kind == ROW_ITEM) {
            const struct agenda_item *it = &ev->ag.v[row->index];
            hit = text_find(it->title, pattern) >= 0 || text_find(it->location, pattern) >= 0 ||
                  text_find(it->description, pattern) >= 0;
        } else {
            hit = mention_has(&ev->ag.mentions[row->index], pattern);
        }
        if (hit) {
            ev->nav.sel = i;
            scroll_to_selection(ev, ev->list_height);
            return true;
        }
    }
    /* a hit among the earlier weeks' entries shows them all (as m does) */
    if (ev->all_mentions)
        return false;
    size_t found = SIZE_MAX;
    for (size_t m = ev->ag.nmentions_recent; m < ev->ag.nmentions && found == SIZE_MAX; m++)
        if (mention_has(&ev->ag.mentions[m], pattern))
            found = m;
    if (found == SIZE_MAX)
        return false;
    ev->all_mentions = true;
    build(ev, ui);
    for (long k = 0; k < ev->nav.count; k++) {
        const struct row *row = &ev->rows[ev->pick[k]];
        if (row->kind == ROW_MENTION && row->index == found) {
            ev->nav.sel = k;
            break;
        }
    }
    scroll_to_selection(ev, ev->list_height);
    return true;
}

static void events_click(struct view *v, struct ui *ui, int row, int col, bool twice)
{
    (void)col;
    struct events_view *ev = v->data;
    long r = ev->top + row;
    for (long k = 0; k < ev->nav.count; k++) {
        if ((long)ev->pick[k] != r)
            continue;
        ev->nav.sel = k;
        if (twice)
            open_reader(ui, ev);
        return;
    }
}

static void events_position(struct view *v, char *out, size_t n)
{
    struct events_view *ev = v->data;
    if (ev->nav.count)
        snprintf(out, n, "%ld/%ld", ev->nav.sel + 1, ev->nav.count);
}

static void events_free_view(struct view *v)
{
    struct events_view *ev = v->data;
    rows_free(ev);
    free(ev);
}

static const struct view_ops events_ops = {
    .name = "events",
    .scope = SCOPE_LIST,
    .draw = events_draw,
    .action = events_action,
    .reload = events_reload,
    .find = events_find,
    .click = events_click,
    .position = events_position,
    .free = events_free_view,
};

void events_open_occurrence(struct ui *ui, const char *uid, const char *rid, time_t start)
{
    struct agenda ag;
    struct cu_err e;
    if (agenda_load(ui->store, ui->group->key, start - 86400, start + 86400, &ag, &e) < 0) {
        ui_message(ui, true, "%s", e.msg);
        return;
    }
    const struct agenda_item *it = NULL;
    for (size_t i = 0; i < ag.n && !it; i++)
        if (ag.v[i].uid && !strcmp(ag.v[i].uid, uid) &&
            (!rid || (ag.v[i].rid && !strcmp(ag.v[i].rid, rid))))
            it = &ag.v[i];
    if (!it) {
        ui_message(ui, true, "that event is no longer in the calendar");
    } else {
        char *md = agenda_item_markdown(it);
        struct doc *d;
        if (doc_parse(md, strlen(md), NULL, &d, &e) < 0)
            ui_message(ui, true, "%s", e.msg);
        else
            ui_push(ui, reader_new(ui, it->title, d, NULL, agenda_item_open_url(it)));
        free(md);
    }
    agenda_free(&ag);
}

struct view *events_pane_new(struct ui *ui)
{
    (void)ui;
    struct view *v = xcalloc(1, sizeof(*v));
    v->ops = &events_ops;
    v->data = xcalloc(1, sizeof(struct events_view));
    return v;
}
