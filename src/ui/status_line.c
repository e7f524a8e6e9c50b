/* status_line.c: the TUI's last line: the group, the refresh's progress or
 * the cache's state, what failed, what is new, and a message.
 *
 * What failed and the key that says why must stay readable at any width: the
 * line is tried from its fullest form to its shortest (the group's key for
 * its name, a count for the failed sources' names, the key alone, then
 * without the cache's age), and the first that fits is drawn. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "catchup/refresh.h"
#include "catchup/text.h"
#include "uiint.h"

void ui_failed_text(int level, const char *names, size_t n, bool offline, char *out, size_t len)
{
    const char *why = keymap_first(ACT_SHOW_ERRORS);
    if (offline)
        snprintf(out, len, level < 2 ? "offline (%s shows why)" : "offline: press %s", why);
    else if (level == 0 || (level == 1 && n < 2))
        snprintf(out, len, "%s failed (%s shows why)", names, why);
    else if (level == 1)
        snprintf(out, len, "%zu sources failed (%s shows why)", n, why);
    else if (n > 1)
        snprintf(out, len, "%zu failed: press %s", n, why);
    else
        snprintf(out, len, "%s failed: press %s", names, why);
}

enum { SEG_NAME, SEG_STATE, SEG_PROBLEM, SEG_NEWS, SEG_MSG, NSEG, NLEVELS = 6 };

struct segs {
    const char *text[NSEG]; /* NULL or "": not shown */
    attr_t attr[NSEG];
    const char *msg_head; /* the message's part that must show whole, or NULL */
};

/* The columns the line needs: a message's tail may be cut (with '…'). */
static int segs_width(const struct segs *s)
{
    int w = 1 + text_width(s->text[SEG_NAME]);
    for (int i = SEG_STATE; i < NSEG; i++)
        if (s->text[i] && s->text[i][0])
            w += 3 + text_width(i == SEG_MSG && s->msg_head ? s->msg_head : s->text[i]);
    return w;
}

/* "updated 2 h ago", "refreshing posts 4/7", "never fetched" ... */
static void state_text(struct ui *ui, bool show_msg, char *state, size_t n)
{
    state[0] = '\0';
    if (ui->refresh) {
        char progress[128];
        refresh_progress_text(ui->refresh, progress, sizeof(progress));
        snprintf(state, n, "refreshing%s%s%s", progress[0] ? " " : "", progress,
                 ui->refresh_waits ? ": waiting for another catchup to write" : "");
    } else if (show_msg) {
        return;
    } else if (ui->last_ok) {
        char age[32];
        format_age(ui->last_ok, cu_now(), age);
        snprintf(state, n, "updated %s", age);
    } else if (ui->offline || ui->failed[0]) {
        snprintf(state, n, "never fetched");
    } else if (ui->app->offline) {
        snprintf(state, n, "offline mode: start without --offline to fetch");
    } else {
        snprintf(state, n, "never refreshed: press %s", keymap_first(ACT_REFRESH));
    }
}

/* The line at level (0 = fullest); problem is the buffer for what failed. */
static struct segs segs_at(struct ui *ui, int level, bool show_msg, const char *state,
                           const char *news, char *problem, size_t plen)
{
    struct segs s = {{0}, {0}, NULL};
    attr_t base = theme_attr(TH_STATUS);
    problem[0] = '\0';
    if (!ui->refresh && !show_msg && (ui->offline || ui->failed[0]))
        ui_failed_text(level < 3    ? 0
                       : level == 3 ? 1
                                    : 2,
                       ui->failed, ui->nfailed, ui->offline, problem, plen);
    bool urgent = problem[0] || show_msg;
    s.text[SEG_NAME] = level ? ui->group->key : ui->group->name;
    s.attr[SEG_NAME] = base | A_BOLD;
    s.text[SEG_STATE] = level < 5 || !urgent ? state : NULL;
    s.attr[SEG_STATE] = ui->refresh ? theme_attr(TH_STATUS_BUSY) : base;
    s.text[SEG_PROBLEM] = problem;
    s.attr[SEG_PROBLEM] = theme_attr(TH_STATUS_ERROR);
    s.text[SEG_NEWS] = ui->news_n && !show_msg && (level < 5 || !urgent) ? news : NULL;
    s.attr[SEG_NEWS] = theme_attr(TH_NEW);
    if (show_msg) {
        const char *m = ui->message;
        /* whole with the group's name; with its key, the tail may be cut; a
         * short form at levels 2 to 4, the shortest after */
        int k = level < 2 ? -1 : level > 4 ? 2 : level - 2;
        if (k >= 0 && ui->message_short[k][0])
            m = ui->message_short[k];
        else if (level == 1 && ui->message_short[0][0])
            s.msg_head = ui->message_short[0]; /* what failed whole, the rest cut */
        s.text[SEG_MSG] = m;
        s.attr[SEG_MSG] = ui->message_error ? theme_attr(TH_STATUS_ERROR) : base;
    }
    return s;
}

void ui_draw_status(struct ui *ui)
{
    int y = LINES - 1;
    time_t now = time(NULL);
    bool show_msg = ui->message[0] && now <= ui->message_until;
    attr_t base = theme_attr(TH_STATUS);
    draw_fill(y, 0, COLS, base);
    char state[160], news[48], problem[96], help[32];
    state_text(ui, show_msg, state, sizeof(state));
    snprintf(news, sizeof(news), "what's new: %zu (W)", ui->news_n);
    snprintf(help, sizeof(help), "%s help ", keymap_first(ACT_HELP));
    int hw = text_width(help);
    int room = COLS - hw - 1;
    struct segs s;
    for (int level = 0;; level++) {
        s = segs_at(ui, level, show_msg, state, news, problem, sizeof(problem));
        if (level == NLEVELS - 1 || segs_width(&s) <= room)
            break;
    }
    /* what still does not fit is cut with '…' */
    int x = draw_text(y, 0, room, " ", base);
    x += draw_text(y, x, room - x, s.text[SEG_NAME], s.attr[SEG_NAME]);
    for (int i = SEG_STATE; i < NSEG && x < room; i++) {
        if (!s.text[i] || !s.text[i][0])
            continue;
        x += draw_text(y, x, room - x, " │ ", base);
        x += draw_text(y, x, room - x, s.text[i], s.attr[i]);
    }
    draw_text(y, COLS - hw, hw, help, base);
}
