/* ui.c: the TUI's event loop, dispatch, tab bar, status line and prompt.
 *
 * One loop waits on the terminal, a signal self-pipe and libcurl's sockets
 * together (http_wait), so keys are handled while a refresh runs; the
 * refresh's results are stored when its last transfer ends, and the views
 * reload in place. */
#define _GNU_SOURCE
#include "catchup/ui.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

#include "catchup/browser.h"
#include "catchup/text.h"
#include "uiint.h"
#include "catchup/whatsnew.h"

#define MIN_COLS 40
#define MIN_LINES 10

static int sig_pipe[2] = {-1, -1};
static volatile sig_atomic_t got_winch, got_quit, got_int;
static bool curses_on;

static void on_signal(int sig)
{
    int saved = errno;
    if (sig == SIGWINCH)
        got_winch = 1;
    else if (sig == SIGINT)
        got_int = 1; /* Ctrl-C: cancels the prompt, else quits */
    else
        got_quit = 1;
    if (sig_pipe[1] >= 0) {
        ssize_t w = write(sig_pipe[1], "x", 1);
        (void)w;
    }
    errno = saved;
}

static void restore_terminal(void)
{
    if (curses_on) {
        curses_on = false;
        endwin();
    }
}

static void on_fatal(int sig)
{
    restore_terminal();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void install_signals(void)
{
    if (pipe2(sig_pipe, O_CLOEXEC | O_NONBLOCK) < 0)
        sig_pipe[0] = sig_pipe[1] = -1;
    struct sigaction sa = {0};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGWINCH, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    struct sigaction fatal = {0};
    fatal.sa_handler = on_fatal;
    sigemptyset(&fatal.sa_mask);
    sigaction(SIGSEGV, &fatal, NULL);
    sigaction(SIGBUS, &fatal, NULL);
    sigaction(SIGABRT, &fatal, NULL);
    sigaction(SIGFPE, &fatal, NULL);
    atexit(restore_terminal);
}

/* ---- views and stack ----------------------------------------------------- */

struct view *ui_pane(struct ui *ui, enum pane p)
{
    return ui->panes[p];
}

struct view *ui_front(struct ui *ui)
{
    return ui->stack ? ui->stack : ui_pane(ui, ui->pane);
}

void ui_push(struct ui *ui, struct view *v)
{
    v->below = ui->stack;
    ui->stack = v;
    ui->view_id++;
    ui->dirty = true;
}

static void view_free(struct view *v)
{
    if (v->ops->free)
        v->ops->free(v);
    free(v);
}

void ui_pop(struct ui *ui)
{
    struct view *v = ui->stack;
    if (!v)
        return;
    ui->stack = v->below;
    view_free(v);
    ui->view_id++;
    ui->dirty = true;
}

void ui_switch_pane(struct ui *ui, int pane)
{
    while (ui->stack)
        ui_pop(ui);
    enum pane to = (enum pane)((pane % NPANES + NPANES) % NPANES);
    if (to != (enum pane)ui->pane)
        ui->view_id++;
    ui->pane = to;
    ui->dirty = true;
}

void ui_message(struct ui *ui, bool error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ui->message, sizeof(ui->message), fmt, ap);
    va_end(ap);
    ui->message_error = error;
    for (size_t i = 0; i < sizeof(ui->message_short) / sizeof(ui->message_short[0]); i++)
        ui->message_short[i][0] = '\0';
    ui->message_until = time(NULL) + (error ? 8 : 4);
    /* a refresh's end is news wherever the user is; what a key got is about
     * the view it was pressed in */
    ui->message_of_view = ui->in_key;
    ui->message_view_id = ui->view_id;
    ui->dirty = true;
}

void ui_open_url(struct ui *ui, const char *url)
{
    struct cu_err e;
    if (browser_open(ui->app->cfg.browser, url, &e) < 0)
        ui_message(ui, true, "%s", e.msg);
    else
        ui_message(ui, false, "opened %s", url);
}

static void slack_chosen(struct ui *ui, size_t index, void *arg)
{
    (void)arg;
    if (index < ui->group->slack.n)
        ui_open_url(ui, ui->group->slack.v[index]);
}

void ui_open_group_slack(struct ui *ui)
{
    const struct strv *sl = &ui->group->slack;
    if (sl->n == 0)
        ui_message(ui, true, "no Slack channel configured: set slack in the group's config");
    else if (sl->n == 1)
        ui_open_url(ui, sl->v[0]);
    else
        ui_push(ui, picker_new("Which Slack channel?", sl, slack_chosen, NULL, NULL));
}

/* ---- refresh ------------------------------------------------------------- */

static void load_status(struct ui *ui)
{
    ui->last_ok = 0;
    ui->offline = false;
    ui->warned = false;
    ui->failed[0] = '\0';
    ui->nfailed = 0;
    ui->last_errors[0] = '\0';
    bool all_unreachable = true, any_ok = false;
    size_t used = 0, fused = 0;
    /* what the last refresh said: a source it did not run (taken out of the
     * config since) keeps an older status, which is not news */
    time_t latest = 0;
    for (size_t i = 0; i < refresh_nsources(); i++) {
        struct source_status st;
        if (store_source_get(ui->store, ui->group->key, refresh_source_name(i), &st)) {
            if (st.last_try > latest)
                latest = st.last_try;
            source_status_free(&st);
        }
    }
    for (size_t i = 0; i < refresh_nsources(); i++) {
        const char *source = refresh_source_name(i);
        struct source_status st;
        if (!store_source_get(ui->store, ui->group->key, source, &st))
            continue;
        /* updated when the posts were: not a board needing no request */
        if (!strcmp(source, SOURCE_POSTS))
            ui->last_ok = st.last_ok;
        any_ok |= st.outcome == SOURCE_OK;
        if (st.error && st.last_try == latest) {
            bool warning = st.outcome == SOURCE_WARNING;
            if (warning) {
                ui->warned = true;
            } else {
                all_unreachable &= st.outcome == SOURCE_UNREACHABLE;
                ui->nfailed++;
                if (fused < sizeof(ui->failed))
                    fused += (size_t)snprintf(ui->failed + fused, sizeof(ui->failed) - fused,
                                              "%s%s", fused ? ", " : "", source);
            }
            if (used < sizeof(ui->last_errors))
                used +=
                    (size_t)snprintf(ui->last_errors + used, sizeof(ui->last_errors) - used,
                                     "%s%s: %s\n", source, warning ? " (a warning)" : "", st.error);
        }
        source_status_free(&st);
    }
    /* offline: nothing could be reached; one host out of reach is a failure */
    ui->offline = ui->failed[0] && all_unreachable && !ui->warned && !any_ok;
}

void ui_fetch_hint(struct ui *ui, const char *source, const char *what, char *out, size_t n)
{
    struct source_status st;
    bool known = store_source_get(ui->store, ui->group->key, source, &st) == 1;
    bool failed = known && st.error && st.outcome != SOURCE_WARNING;
    if (ui->app->offline)
        snprintf(out, n, "offline mode: start catchup without --offline to fetch %s.", what);
    else if (store_readonly(ui->store))
        snprintf(out, n, "The cache is read-only: %s cannot be fetched into it.", what);
    else if (failed && st.outcome == SOURCE_UNREACHABLE)
        snprintf(out, n,
                 "Never fetched: the network was unreachable. Press %s to try again (%s "
                 "shows why).",
                 keymap_first(ACT_REFRESH), keymap_first(ACT_SHOW_ERRORS));
    else if (failed)
        snprintf(out, n,
                 "Never fetched: the last refresh failed. Press %s to try again (%s shows why).",
                 keymap_first(ACT_REFRESH), keymap_first(ACT_SHOW_ERRORS));
    else
        snprintf(out, n, "Press %s to fetch %s.", keymap_first(ACT_REFRESH), what);
    if (known)
        source_status_free(&st);
}

/* How much changed since the last visit, for the status line. */
static void load_news(struct ui *ui)
{
    ui->news_n = 0;
    ui->news_summary[0] = '\0';
    if (!ui->since)
        return;
    struct wn_item *v;
    size_t n;
    struct cu_err e;
    if (whatsnew_collect_visit(ui->store, ui->group->key, ui->since, cu_now(), &v, &n, &e) < 0)
        return;
    ui->news_n = n;
    whatsnew_summary(v, n, ui->news_summary, sizeof(ui->news_summary));
    whatsnew_free(v, n);
}

/* The visit is recorded without waiting: while another catchup is writing
 * the cache, it is tried again on the next tick. */
static void record_visit(struct ui *ui)
{
    if (!ui->visit_at)
        return;
    store_set_busy_wait(ui->store, 0);
    if (whatsnew_mark_visit(ui->store, ui->visit_group->key, ui->visit_at, NULL) == 0)
        ui->visit_at = 0;
    store_set_busy_wait(ui->store, -1);
}

/* Panes not in sight reload when they are next shown: opening with a big
 * cache reads only what the first screen needs. */
static void reload_all(struct ui *ui)
{
    load_status(ui);
    load_news(ui);
    for (int i = 0; i < NPANES; i++)
        ui->panes[i]->stale = true;
    for (struct view *v = ui->stack; v; v = v->below)
        if (v->ops->reload)
            v->ops->reload(v, ui);
    ui->dirty = true;
}

static void reload_if_stale(struct ui *ui, struct view *v)
{
    if (v->stale) {
        v->stale = false;
        if (v->ops->reload)
            v->ops->reload(v, ui);
    }
}

/* The HTTP client (and TLS set-up) is made on the first refresh. */
static int ensure_http(struct ui *ui)
{
    if (ui->http)
        return 0;
    struct cu_err e;
    ui->http = app_http_new(ui->app, &e);
    if (!ui->http) {
        ui_message(ui, true, "%s", e.msg);
        return -1;
    }
    return 0;
}

void ui_start_refresh(struct ui *ui, bool quiet)
{
    if (ui->app->offline) {
        if (!quiet)
            ui_message(ui, true, "offline mode: start catchup without --offline to fetch");
        return;
    }
    if (ui->refresh) {
        if (!quiet)
            ui_message(ui, false, "a refresh is already running");
        return;
    }
    if (store_readonly(ui->store)) {
        ui_message(ui, true, "the cache %s is read-only: cannot refresh", store_path(ui->store));
        return;
    }
    if (ensure_http(ui) < 0)
        return;
    ui->refresh = refresh_start(ui->http, ui->store, &ui->app->cfg, ui->group);
    ui->dirty = true;
}

/* The group in use refreshed behind its panes when its cache is empty or
 * older than refresh_after (at startup and on a switch of group); a refresh
 * running for another group is let finish first.  True: no posts cached. */
static bool refresh_if_due(struct ui *ui)
{
    bool empty = !store_posts_any(ui->store, ui->group->key);
    long after = ui->app->cfg.refresh_after;
    ui->refresh_due = false;
    /* refresh_after = 0: never by itself, not even into an empty cache */
    if (!ui->app->offline && !store_readonly(ui->store) && after > 0 &&
        (empty || cu_now() - ui->last_ok >= after)) {
        if (ui->refresh)
            ui->refresh_due = true;
        else
            ui_start_refresh(ui, true);
    }
    return empty;
}

/* One line for the end of a refresh: which sources failed (or warned), once,
 * with ! for why, then what the others brought. */
static void finish_refresh(struct ui *ui)
{
    struct cu_err e;
    /* Another catchup writing the cache must not freeze the screen: the
     * results wait, and storing them is tried again on the next turn. */
    store_set_busy_wait(ui->store, 0);
    int rc = refresh_finish(ui->refresh, &e);
    store_set_busy_wait(ui->store, -1);
    ui->refresh_waits = rc == -2;
    if (rc == -2)
        return;
    if (rc < 0) {
        ui_message(ui, true, "refresh not stored: %s", e.msg);
    } else {
        char msg[512] = "", warned[256] = "", failed[64] = "";
        size_t used = 0, wused = 0, fused = 0, nran = 0, nfailed = 0;
        bool unreachable = true;
        for (size_t i = 0; i < refresh_nreports(ui->refresh); i++) {
            const struct refresh_report *r = refresh_report(ui->refresh, i);
            if (!r->ran)
                continue;
            nran++;
            if (!r->ok) {
                nfailed++;
                unreachable &= r->unreachable;
                if (fused < sizeof(failed))
                    fused += (size_t)snprintf(failed + fused, sizeof(failed) - fused, "%s%s",
                                              fused ? ", " : "", r->name);
            } else if (r->warning && wused < sizeof(warned)) {
                wused += (size_t)snprintf(warned + wused, sizeof(warned) - wused, "%s%s: %s",
                                          wused ? "; " : "", r->name, r->summary);
            } else if (used < sizeof(msg)) {
                used += (size_t)snprintf(msg + used, sizeof(msg) - used, "%s%s: %s",
                                         used ? "; " : "", r->name, r->summary);
            }
            if (r->note[0] && used < sizeof(msg))
                used += (size_t)snprintf(msg + used, sizeof(msg) - used, "%s%s", used ? "; " : "",
                                         r->note);
        }
        /* failures, else warnings, first (once, where a narrow line still
         * shows them), then what the other sources brought */
        const char *why = keymap_first(ACT_SHOW_ERRORS);
        if (nfailed == nran) {
            ui_message(ui, true, "refresh failed%s (%s shows why)", unreachable ? ": offline" : "",
                       why);
            snprintf(ui->message_short[2], sizeof(ui->message_short[2]), "%s: press %s",
                     unreachable ? "offline" : "refresh failed", why);
        } else if (nfailed) {
            ui_message(ui, true, "%s failed%s (%s shows why); %s%s%s", failed,
                       unreachable ? ": cannot connect" : "", why, warned, warned[0] ? "; " : "",
                       msg);
            /* narrower: what failed alone, how many, the key alone */
            snprintf(ui->message_short[0], sizeof(ui->message_short[0]),
                     "%s failed%s (%s shows why)", failed, unreachable ? ": cannot connect" : "",
                     why);
            for (int level = 1; level < 3; level++)
                ui_failed_text(level, failed, nfailed, false, ui->message_short[level],
                               sizeof(ui->message_short[level]));
        } else if (warned[0]) {
            ui_message(ui, false, "%s (%s shows why)%s%s", warned, why, msg[0] ? "; " : "", msg);
        } else
            ui_message(ui, false, "%s", msg[0] ? msg : "nothing to refresh");
    }
    refresh_free(ui->refresh);
    ui->refresh = NULL;
    reload_all(ui);
    if (ui->refresh_due)
        refresh_if_due(ui);
}

/* ---- prompt ------------------------------------------------------------- */

void ui_prompt(struct ui *ui, const char *label, void (*done)(struct ui *ui, const char *text))
{
    ui->prompting = true;
    snprintf(ui->prompt_label, sizeof(ui->prompt_label), "%s", label);
    ui->prompt_len = 0;
    ui->prompt_buf[0] = '\0';
    ui->prompt_done = done;
    ui->dirty = true;
}

static void prompt_key(struct ui *ui, int is_code, wint_t ch)
{
    ui->dirty = true;
    if ((!is_code && (ch == '\n' || ch == '\r')) || (is_code && ch == KEY_ENTER)) {
        ui->prompting = false;
        char text[256];
        snprintf(text, sizeof(text), "%s", ui->prompt_buf);
        if (ui->prompt_done)
            ui->prompt_done(ui, text);
        return;
    }
    if ((!is_code && (ch == 27 || ch == 7)) || (is_code && ch == KEY_EXIT)) {
        ui->prompting = false;
        return;
    }
    if ((is_code && ch == KEY_BACKSPACE) || (!is_code && (ch == 127 || ch == 8))) {
        /* drop one whole UTF-8 character */
        while (ui->prompt_len > 0) {
            unsigned char c = (unsigned char)ui->prompt_buf[--ui->prompt_len];
            if ((c & 0xC0) != 0x80)
                break;
        }
        ui->prompt_buf[ui->prompt_len] = '\0';
        if (!ui->prompt_len && ch != 127 && ch != 8 && ch != KEY_BACKSPACE)
            ui->prompting = false;
        return;
    }
    if (!is_code && ch == 21) { /* C-u */
        ui->prompt_len = 0;
        ui->prompt_buf[0] = '\0';
        return;
    }
    if (is_code || ch < 0x20 || ch == 0x7f || (ch >= 0x80 && ch < 0xa0))
        return;
    char mb[8];
    mbstate_t st = {0};
    size_t n = wcrtomb(mb, (wchar_t)ch, &st);
    if (n == (size_t)-1 || ui->prompt_len + n >= sizeof(ui->prompt_buf))
        return;
    memcpy(ui->prompt_buf + ui->prompt_len, mb, n);
    ui->prompt_len += n;
    ui->prompt_buf[ui->prompt_len] = '\0';
}

static void search_done(struct ui *ui, const char *text)
{
    if (!*text)
        return;
    snprintf(ui->search, sizeof(ui->search), "%s", text);
    struct view *v = ui_front(ui);
    if (!v->ops->find)
        ui_message(ui, true, "nothing to search here");
    else if (!v->ops->find(v, ui, ui->search, 1))
        ui_message(ui, true, "not found: %s", ui->search);
}

/* ---- drawing ------------------------------------------------------------- */

/* A pane's tab: its key and title. */
static int pane_tab(enum pane p, char *out, size_t n)
{
#define PANE_TAB(arg, id, title, name, key, ctor) [PANE_##id] = " " key " " title " ",
    static const char *const tabs[NPANES] = {PANES(PANE_TAB, )};
#undef PANE_TAB
    snprintf(out, n, "%s", tabs[p]);
    return text_width(out);
}

static void draw_tabs(struct ui *ui)
{
    draw_fill(0, 0, COLS, theme_attr(TH_TAB));
    int x = 0;
    for (int i = 0; i < NPANES && x < COLS; i++) {
        char label[64];
        pane_tab((enum pane)i, label, sizeof(label));
        x += draw_text(0, x, COLS - x, label, theme_attr(i == ui->pane ? TH_TAB_ACTIVE : TH_TAB));
    }
    struct view *front = ui_front(ui);
    char pos[32] = "";
    if (front->ops->position)
        front->ops->position(front, pos, sizeof(pos));
    int pw = pos[0] ? (int)strlen(pos) + 2 : 0;
    struct view *v = ui->stack;
    const char *title = v && v->ops->title ? v->ops->title(v) : NULL;
    if (title && x + 4 < COLS - pw) {
        x += draw_text(0, x, COLS - x - pw, " › ", theme_attr(TH_TAB));
        draw_text(0, x, COLS - x - pw - 1, title, theme_attr(TH_TAB) | A_BOLD);
    }
    if (pw && COLS - pw > x)
        draw_text(0, COLS - pw, pw, pos, theme_attr(TH_TAB));
}

static void draw(struct ui *ui)
{
    erase();
    if (COLS < MIN_COLS || LINES < MIN_LINES) {
        char msg[64];
        /* short, so that it fits the very terminal that is too small */
        snprintf(msg, sizeof(msg), "too small: %dx%d, needs %dx%d", COLS, LINES, MIN_COLS,
                 MIN_LINES);
        draw_text(0, 0, COLS, msg, A_BOLD);
        refresh();
        return;
    }
    reload_if_stale(ui, ui_pane(ui, ui->pane));
    struct view *v = ui_front(ui);
    v->height = LINES - 2;
    v->ops->draw(v, ui, 1, LINES - 2);
    draw_tabs(ui);
    ui_draw_status(ui);
    refresh();
    ui->dirty = false;
}

/* ---- input --------------------------------------------------------------- */

/* The panes made anew (freed first when there are some): in another group,
 * the rows and places of this one's lists mean nothing. */
static void new_panes(struct ui *ui)
{
    for (int i = 0; i < NPANES; i++)
        if (ui->panes[i])
            view_free(ui->panes[i]);
#define PANE_NEW(arg, id, title, name, key, ctor) ui->panes[PANE_##id] = ctor(ui);
    PANES(PANE_NEW, )
#undef PANE_NEW
}

static void group_chosen(struct ui *ui, size_t index, void *arg)
{
    (void)arg;
    if (index >= ui->app->cfg.ngroups)
        return;
    if (&ui->app->cfg.groups[index] == ui->group) {
        ui_message(ui, false, "already in %s", ui->group->name);
        return;
    }
    ui->group = &ui->app->cfg.groups[index];
    ui->app->group = ui->group;
    /* what's new counts from this group's own last visit */
    ui->since = whatsnew_last_visit(ui->store, ui->group->key);
    ui->news_seen = false;
    if (!store_readonly(ui->store))
        whatsnew_mark_visit(ui->store, ui->group->key, cu_now(), NULL);
    ui_switch_pane(ui, PANE_POSTS);
    new_panes(ui);
    reload_all(ui);
    refresh_if_due(ui); /* as at startup */
    ui_message(ui, false, "switched to %s", ui->group->name);
}

/* The w picker: every group, opened on the one in use (as tig's and htop's
 * pickers open on the current entry). */
static void pick_group(struct ui *ui)
{
    if (ui->app->cfg.ngroups < 2) {
        ui_message(ui, false, "only one group is configured; add [group \"NAME\"] sections");
        return;
    }
    struct strv items = {0};
    size_t current = 0;
    for (size_t i = 0; i < ui->app->cfg.ngroups; i++) {
        const struct group *g = &ui->app->cfg.groups[i];
        if (g == ui->group)
            current = i;
        strv_push_take(&items,
                       xasprintf("%s%s (%s)", g == ui->group ? "• " : "  ", g->name, g->key));
    }
    struct view *picker = picker_new("Working groups", &items, group_chosen, NULL, NULL);
    picker_select(picker, current);
    ui_push(ui, picker);
    strv_free(&items);
}

static void show_errors(struct ui *ui)
{
    if (!ui->last_errors[0]) {
        ui_message(ui, false, "the last refresh worked");
        return;
    }
    struct buf b;
    buf_init(&b, 0);
    buf_adds(&b, ui->failed[0] ? "# What went wrong in the last refresh\n\n"
                               : "# What the last refresh warned about\n\n");
    for (char *line = ui->last_errors; *line;) {
        char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line) : strlen(line);
        buf_adds(&b, "- ");
        /* The message is plain text; keep it from being read as Markdown. */
        for (size_t i = 0; i < n; i++) {
            if (strchr("\\`*_[]<>#", line[i]))
                buf_add(&b, "\\", 1);
            buf_add(&b, line + i, 1);
        }
        buf_adds(&b, "\n");
        line += n + (nl ? 1 : 0);
    }
    /* key names as Markdown text: a rebound key may be '*' or '_' */
    const char *keys[2] = {keymap_first(ACT_REFRESH), keymap_first(ACT_BACK)};
    buf_adds(&b, ui->failed[0] ? "\nPress " : "\n");
    for (int k = ui->failed[0] ? 0 : 1; k < 2; k++) {
        for (const char *c = keys[k]; *c; c++) {
            if (strchr("\\`*_[]<>#", *c))
                buf_add(&b, "\\", 1);
            buf_add(&b, c, 1);
        }
        buf_adds(&b, !k ? " to try again, " : ui->failed[0] ? " to go back.\n" : " goes back.\n");
    }
    struct doc *d;
    struct cu_err e;
    if (doc_parse(b.data, b.len, NULL, &d, &e) == 0)
        ui_push(ui, reader_new(ui, "Refresh errors", d, NULL, NULL));
    buf_free(&b);
}

/* l where there are no numbered links: what Enter opens here has them. */
static void links_hint(struct ui *ui)
{
    static const char *const opens[][2] = {
        {"posts", "a post"},   {"board", "an item"},     {"events", "an event"},
        {"search", "a match"}, {"whatsnew", "a change"},
    };
    const char *name = ui_front(ui)->ops->name;
    for (size_t i = 0; name && i < sizeof(opens) / sizeof(opens[0]); i++)
        if (!strcmp(name, opens[i][0])) {
            ui_message(ui, false, "no numbered links here; open %s with %s", opens[i][1],
                       keymap_first(ACT_ENTER));
            return;
        }
    ui_message(ui, false, "no numbered links here");
}

static void global_action(struct ui *ui, enum action a)
{
    switch (a) {
    case ACT_PANE_NEXT: ui_switch_pane(ui, ui->pane + 1); break;
    case ACT_PANE_PREV: ui_switch_pane(ui, ui->pane - 1); break;
#define PANE_CASE(arg, id, title, name, key, ctor) \
    case ACT_PANE_##id: ui_switch_pane(ui, PANE_##id); break;
        PANES(PANE_CASE, )
#undef PANE_CASE
    case ACT_BACK:
        if (ui->stack)
            ui_pop(ui);
        else
            ui->quit = true;
        break;
    case ACT_CLOSE:
        /* An unknown escape sequence reads as Esc: it must never quit. */
        if (ui->stack)
            ui_pop(ui);
        break;
    case ACT_QUIT: ui->quit = true; break;
    case ACT_REFRESH: ui_start_refresh(ui, false); break;
    case ACT_SEARCH: ui_prompt(ui, "/", search_done); break;
    case ACT_SEARCH_NEXT:
    case ACT_SEARCH_PREV: {
        struct view *v = ui_front(ui);
        if (!ui->search[0])
            ui_message(ui, true, "no search yet: press %s first", keymap_first(ACT_SEARCH));
        else if (!v->ops->find || !v->ops->find(v, ui, ui->search, a == ACT_SEARCH_NEXT ? 1 : -1))
            ui_message(ui, true, "no more matches for %s", ui->search);
        break;
    }
    case ACT_HELP: ui_push(ui, help_new(ui)); break;
    case ACT_SWITCH_GROUP: pick_group(ui); break;
    case ACT_SHOW_ERRORS: show_errors(ui); break;
    case ACT_WHATS_NEW:
        if (!ui->since)
            ui_message(ui, false,
                       "this is your first visit: next time, W lists what changed since");
        else
            ui_push(ui, whatsnew_view_new(ui));
        break;
    case ACT_OPEN_SLACK: ui_open_group_slack(ui); break;
    case ACT_LINKS: links_hint(ui); break;
    case ACT_REDRAW:
        clearok(curscr, TRUE);
        ui->dirty = true;
        break;
    case ACT_NONE: break;
    default: ui_message(ui, false, "%s: not here (? shows every key)", action_info(a)->name); break;
    }
    ui->dirty = true;
}

static void handle_mouse(struct ui *ui)
{
    MEVENT ev;
    if (getmouse(&ev) != OK)
        return;
    struct view *v = ui_front(ui);
    if (ev.bstate & BUTTON4_PRESSED) {
        for (int i = 0; i < 3; i++)
            if (!v->ops->action || !v->ops->action(v, ui, ACT_MOVE_UP))
                break;
    } else if (ev.bstate & BUTTON5_PRESSED) {
        for (int i = 0; i < 3; i++)
            if (!v->ops->action || !v->ops->action(v, ui, ACT_MOVE_DOWN))
                break;
    } else if (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_DOUBLE_CLICKED)) {
        if (ev.y == 0 && !ui->stack) {
            int x = 0;
            for (int i = 0; i < NPANES; i++) {
                char label[64];
                int w = pane_tab((enum pane)i, label, sizeof(label));
                if (ev.x >= x && ev.x < x + w) {
                    ui_switch_pane(ui, i);
                    break;
                }
                x += w;
            }
        } else if (ev.y >= 1 && ev.y < LINES - 1 && v->ops->click) {
            v->ops->click(v, ui, ev.y - 1, ev.x, (ev.bstate & BUTTON1_DOUBLE_CLICKED) != 0);
        }
    }
    ui->dirty = true;
}

static void key_in_view(struct ui *ui, int is_code, wint_t ch)
{
    if (ui->prompting) {
        prompt_key(ui, is_code, ch);
        return;
    }
    if (is_code && ch == KEY_RESIZE) {
        ui->dirty = true;
        return;
    }
    if (is_code && ch == KEY_MOUSE) {
        handle_mouse(ui);
        return;
    }
    int key = (int)ch;
    if (!is_code && ch >= 0x80)
        return; /* no default binding uses non-ASCII keys */
    if (ui->message[0] && !ui->message_error)
        ui->message_until = 0;
    /* vt220 and rxvt call their Home and End keys Find and Select */
    if (is_code && key == KEY_FIND)
        key = KEY_HOME;
    else if (is_code && key == KEY_SELECT)
        key = KEY_END;
    struct view *v = ui_front(ui);
    if (COLS < MIN_COLS || LINES < MIN_LINES) {
        enum action a = keymap_lookup(SCOPE_GLOBAL, key);
        if (a == ACT_BACK || a == ACT_QUIT)
            ui->quit = true;
        return;
    }
    if (v->ops->key && v->ops->key(v, ui, key)) {
        ui->dirty = true;
        return;
    }
    enum action a = keymap_lookup(v->ops->scope, key);
    if (a != ACT_NONE && v->ops->action && v->ops->action(v, ui, a)) {
        ui->dirty = true;
        return;
    }
    global_action(ui, a);
}

/* A key, then: a message about a view goes when the user has left it (q,
 * Esc, another pane), as the next key takes any other but an error. */
static void handle_key(struct ui *ui, int is_code, wint_t ch)
{
    ui->in_key = true;
    key_in_view(ui, is_code, ch);
    ui->in_key = false;
    if (ui->message[0] && ui->message_of_view && ui->message_view_id != ui->view_id) {
        ui->message_until = 0;
        ui->dirty = true;
    }
}

/* Curses hands over an escape sequence its terminfo entry does not know as
 * ESC followed by the sequence's bytes, each of which would then act as a
 * key (ESC [ 4 ~: close, nothing, pane 4, nothing).  Called after an ESC:
 * reads a whole CSI (ESC [ parameters final) or SS3 (ESC O x) sequence and
 * drops it, returning true: one unknown key that does nothing.  Anything
 * else after the ESC is put back and the ESC is a plain Esc. */
static bool swallow_sequence(void)
{
    wint_t c;
    int rc = get_wch(&c);
    if (rc == ERR)
        return false;
    if (rc != OK || (c != '[' && c != 'O')) {
        if (rc == OK)
            unget_wch((wchar_t)c);
        else
            ungetch((int)c);
        return false;
    }
    bool csi = c == '[';
    /* bounded: a stream of parameter bytes is not read forever */
    for (int i = 0; i < 64; i++) {
        rc = get_wch(&c);
        if (rc == ERR)
            return true;
        if (rc != OK) {
            ungetch((int)c);
            return true;
        }
        if (!csi || (c >= 0x40 && c <= 0x7e))
            return true; /* the final byte */
        if (c < 0x20 || c > 0x3f) {
            unget_wch((wchar_t)c);
            return true;
        }
    }
    return true;
}

/* Home and End as the terminals in use send them, whatever the terminfo
 * entry says (xterm-256color inside tmux or screen gets ESC [ 1 ~ and
 * ESC [ 4 ~, rxvt ESC [ 7 ~ and ESC [ 8 ~); a sequence the entry already
 * defines keeps its meaning. */
static void define_home_end(void)
{
    static const struct {
        const char *seq;
        int key;
    } keys[] = {
        {"\033[1~", KEY_HOME}, {"\033[7~", KEY_HOME}, {"\033[H", KEY_HOME}, {"\033OH", KEY_HOME},
        {"\033[4~", KEY_END},  {"\033[8~", KEY_END},  {"\033[F", KEY_END},  {"\033OF", KEY_END},
    };
    for (size_t i = 0; i < CU_ARRAY_LEN(keys); i++)
        if (key_defined(keys[i].seq) == 0)
            define_key(keys[i].seq, keys[i].key);
}

static void on_resize(struct ui *ui)
{
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
        resizeterm(ws.ws_row, ws.ws_col);
    ui->dirty = true;
}

/* ---- entry --------------------------------------------------------------- */

/* Waits on the terminal and the signal pipe, and on the network once there
 * is an HTTP client. */
static int ui_wait(struct ui *ui, struct http_fd *fds, size_t n, int timeout, struct cu_err *e)
{
    if (ui->http)
        return http_wait(ui->http, fds, n, timeout, e);
    struct pollfd p[2];
    for (size_t i = 0; i < n && i < 2; i++)
        p[i] = (struct pollfd){.fd = fds[i].fd, .events = POLLIN};
    int rc = poll(p, (nfds_t)n, timeout);
    if (rc < 0 && errno != EINTR)
        return cu_errf(e, "cannot wait for input: %s", strerror(errno));
    for (size_t i = 0; i < n && i < 2; i++)
        fds[i].ready = rc > 0 && (p[i].revents & (POLLIN | POLLHUP));
    return 0;
}

int ui_check_keys(const struct config *c, struct cu_err *e)
{
    return keymap_init(c, e);
}

void ui_list_keys(FILE *fp, const char *format)
{
    actions_print(fp, format);
}

static void setup_theme(struct ui *ui)
{
    struct theme t;
    struct cu_err e;
    char *path = theme_find(ui->app->cfg.theme);
    if (!path) {
        theme_builtin(&t);
        if (strcmp(ui->app->cfg.theme, "default"))
            snprintf(ui->theme_msg, sizeof(ui->theme_msg),
                     "theme '%s' not found; using the built-in default", ui->app->cfg.theme);
    } else if (theme_parse_file(path, &t, &e) < 0) {
        theme_builtin(&t);
        snprintf(ui->theme_msg, sizeof(ui->theme_msg), "%s; using the built-in theme", e.msg);
    }
    free(path);
    theme_apply(&t);
    theme_free(&t);
}

/* Curses on, as the TUI uses it; false when the terminal cannot start. */
static bool start_curses(void)
{
    if (!getenv("ESCDELAY"))
        set_escdelay(25);
    if (!initscr()) {
        fprintf(stderr, "catchup: cannot start the terminal UI (TERM=%s)\n",
                getenv("TERM") ? getenv("TERM") : "");
        return false;
    }
    curses_on = true;
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    define_home_end();
    nodelay(stdscr, TRUE);
    curs_set(0);
    mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
    mouseinterval(200);
    return true;
}

/* The first screen: the visit recorded, the panes made from the cache, a
 * refresh behind them when the cache is old. */
static void open_panes(struct ui *ui)
{
    /* The previous visit is what "what's new" counts from; this one is
     * recorded at once, so the next session counts from now. */
    ui->since = whatsnew_last_visit(ui->store, ui->group->key);
    if (!store_readonly(ui->store)) {
        ui->visit_at = cu_now();
        ui->visit_group = ui->group;
        record_visit(ui);
    }
    new_panes(ui);
    reload_all(ui);
    if (ui->theme_msg[0])
        ui_message(ui, true, "%s", ui->theme_msg);
    if (store_readonly(ui->store))
        ui_message(ui, true, "the cache is read-only: reading only, no refresh");

    /* Open at once from the cache; refresh behind it when it is old. */
    bool empty = refresh_if_due(ui);
    /* A newcomer with an empty cache sees how to get involved at once, and
     * how the rest arrives. */
    if (empty)
        ui->pane = PANE_START;
}

/* What arrived while waiting: signals, keys, the refresh's end. */
static void handle_input(struct ui *ui, const struct http_fd *fds)
{
    if (fds[1].ready) {
        char drain[64];
        while (read(sig_pipe[0], drain, sizeof(drain)) > 0)
            ;
    }
    if (got_winch) {
        got_winch = 0;
        on_resize(ui);
    }
    if (got_int) {
        /* as in less and mutt: Ctrl-C at the prompt cancels it */
        got_int = 0;
        if (ui->prompting) {
            ui->prompting = false;
            ui->dirty = true;
        } else {
            ui->quit = true;
        }
    }
    wint_t ch;
    int rc;
    while (!ui->quit && (rc = get_wch(&ch)) != ERR) {
        if (rc == OK && ch == 27 && swallow_sequence())
            continue;
        handle_key(ui, rc == KEY_CODE_YES, ch);
    }
    if (ui->refresh) {
        ui->dirty = true; /* progress */
        if (!refresh_busy(ui->refresh))
            finish_refresh(ui);
    }
}

/* Once a second: messages expire, ages and countdowns move, the visit is
 * recorded, another catchup's changes are read. */
static void tick(struct ui *ui, time_t *last_tick)
{
    time_t now = time(NULL);
    if (now == *last_tick)
        return;
    if (ui->message[0] && now > ui->message_until && now - 1 <= ui->message_until)
        ui->dirty = true;
    if (now / 60 != *last_tick / 60)
        ui->dirty = true;
    *last_tick = now;
    record_visit(ui);
    /* another catchup (a command line refresh) changed the cache */
    if (store_changed_elsewhere(ui->store))
        reload_all(ui);
}

static void close_ui(struct ui *ui)
{
    restore_terminal();
    while (ui->stack)
        ui_pop(ui);
    for (int i = 0; i < NPANES; i++)
        view_free(ui->panes[i]);
    /* A refresh in flight is dropped, not stored: its job is stopped and
     * joined before the HTTP handle it wakes goes, then transfers abort. */
    if (ui->refresh)
        refresh_free(ui->refresh);
    if (ui->http)
        http_free(ui->http);
    if (sig_pipe[0] >= 0) {
        close(sig_pipe[0]);
        close(sig_pipe[1]);
        sig_pipe[0] = sig_pipe[1] = -1;
    }
}

int ui_main(struct app *a)
{
    struct cu_err e;
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fprintf(stderr, "catchup: the TUI needs a terminal; for scripts use a command "
                        "(catchup posts, catchup --help)\n");
        return CU_EXIT_USAGE;
    }
    if (keymap_init(&a->cfg, &e) < 0) {
        fprintf(stderr, "catchup: %s\n", e.msg);
        return CU_EXIT_USAGE;
    }
    if (app_open_store(a, STORE_RW_OR_RO, &e) < 0) {
        fprintf(stderr, "catchup: %s\n", e.msg);
        return CU_EXIT_FAIL;
    }
    struct ui ui = {.app = a, .group = a->group, .store = a->store};
    install_signals();
    if (!start_curses())
        return CU_EXIT_FAIL;
    setup_theme(&ui);
    open_panes(&ui);

    bool exit_after_draw = getenv("CATCHUP_EXIT_AFTER_FIRST_DRAW") != NULL;
    ui.dirty = true;
    time_t last_tick = time(NULL);
    while (!ui.quit && !got_quit) {
        if (ui.dirty)
            draw(&ui);
        if (exit_after_draw)
            break;
        struct http_fd fds[2] = {{STDIN_FILENO, false}, {sig_pipe[0], false}};
        int timeout = ui.refresh ? 200 : 1000;
        if (ui_wait(&ui, fds, sig_pipe[0] >= 0 ? 2 : 1, timeout, &e) < 0)
            ui_message(&ui, true, "%s", e.msg);
        handle_input(&ui, fds);
        tick(&ui, &last_tick);
    }
    close_ui(&ui);
    return CU_EXIT_OK;
}
