/* uiint.h: what the TUI's files share: the UI state, views and drawing.
 *
 * A view is an object with an ops table (tig's view_ops).  The four panes
 * are views that live as long as the UI; the reader, help, pickers and
 * detail views are pushed on top of the current pane and popped with 'q'.
 * Views never draw outside the region they are given, never call the
 * network, and read data only through the store. */
#ifndef CATCHUP_UI_UIINT_H
#define CATCHUP_UI_UIINT_H

#include <curses.h>

#include "catchup/app.h"
#include "catchup/http.h"
#include "catchup/markdown.h"
#include "catchup/refresh.h"
#include "catchup/store.h"
#include "actions.h"
#include "theme.h"

struct ui;
struct view;

struct view_ops {
    const char *name;
    enum scope scope;
    /* Draws rows top..top+height-1 of the screen, all COLS columns. */
    void (*draw)(struct view *v, struct ui *ui, int top, int height);
    /* Sees every key before the keymap does (may be NULL): true when it
     * took the key, as a picker takes digits; a key it does not take goes
     * through the keymap as usual. */
    bool (*key)(struct view *v, struct ui *ui, int key);
    /* Handles an action; false lets the UI handle it. */
    bool (*action)(struct view *v, struct ui *ui, enum action a);
    /* The cache changed (a refresh ended, the group changed). */
    void (*reload)(struct view *v, struct ui *ui);
    /* Moves to the next (dir 1) or previous (-1) match of pattern after the
     * current position; false when there is none. */
    bool (*find)(struct view *v, struct ui *ui, const char *pattern, int dir);
    /* A mouse click on content row `row` (0 = first content row). */
    void (*click)(struct view *v, struct ui *ui, int row, int col, bool twice);
    /* A short title for the tab bar when the view is in front. */
    const char *(*title)(struct view *v);
    /* Where the view is ("42%", "3/7") for the tab bar's right end; may be NULL. */
    void (*position)(struct view *v, char *out, size_t n);
    void (*free)(struct view *v);
};

struct view {
    const struct view_ops *ops;
    void *data;
    struct view *below; /* the view under this one in the stack */
    int height;         /* content rows at the last draw */
    bool stale;         /* the cache changed since its last reload */
};

struct ui {
    struct app *app;
    const struct group *group;
    struct store *store;
    struct http *http;
    struct refresh *refresh;
    bool refresh_waits; /* done, but another process is writing the cache */
    bool refresh_due;   /* a switched-to group waits for the running refresh */
    struct view *panes[NPANES];
    int pane;           /* current pane (enum pane) */
    struct view *stack; /* views over the pane, top first; NULL = the pane */
    bool quit;
    bool dirty;
    /* status line */
    char message[512];
    char message_short[3][96]; /* shorter forms for a narrow line, or "" */
    bool message_error;
    time_t message_until;
    bool message_of_view;     /* said on a key, about the view in front ... */
    unsigned message_view_id; /* ... numbered this (ui->view_id) */
    unsigned view_id;         /* changes when the view in front does */
    bool in_key;              /* a key is being handled */
    time_t last_ok;           /* last refresh that worked, 0 = never */
    bool offline;             /* sources failed, every one for want of a connection */
    char failed[64];          /* the sources whose last refresh failed: "posts, board" */
    size_t nfailed;           /* how many */
    bool warned;              /* the last refresh left warnings (in last_errors) */
    char last_errors[2048];
    /* search */
    char search[256];
    /* prompt (the '/' line), modal while active */
    bool prompting;
    char prompt_label[32];
    char prompt_buf[256];
    size_t prompt_len;
    void (*prompt_done)(struct ui *ui, const char *text);
    /* theme problems to show once the screen is up */
    char theme_msg[512];
    /* since the last visit (whatsnew.h) */
    time_t since; /* the previous visit, 0 = first */
    size_t news_n;
    char news_summary[160];
    bool news_seen; /* the list was opened: the Posts pane's banner goes */
    /* this visit, until it is recorded (0: recorded) */
    time_t visit_at;
    const struct group *visit_group;
};

/* ---- ui.c --------------------------------------------------------------- */
struct view *ui_front(struct ui *ui);
/* The pane called p (PANE_POSTS ...). */
struct view *ui_pane(struct ui *ui, enum pane p);
void ui_push(struct ui *ui, struct view *v);
void ui_pop(struct ui *ui);
void ui_message(struct ui *ui, bool error, const char *fmt, ...) CU_PRINTF(3, 4);
void ui_open_url(struct ui *ui, const char *url);
void ui_start_refresh(struct ui *ui, bool quiet);
void ui_prompt(struct ui *ui, const char *label, void (*done)(struct ui *ui, const char *text));
/* Shows pane (taken modulo the panes: the next after the last is the first). */
void ui_switch_pane(struct ui *ui, int pane);
/* Opens the group's Slack channel (a picker when there are several). */
void ui_open_group_slack(struct ui *ui);
/* What an empty pane says of a source not cached: how to fetch what (press
 * r), why the last refresh did not bring it, or that this session cannot
 * (--offline, a read-only cache). */
void ui_fetch_hint(struct ui *ui, const char *source, const char *what, char *out, size_t n);

/* ---- status_line.c ------------------------------------------------------ */
void ui_draw_status(struct ui *ui);
/* What failed (names: "posts, events", n of them; offline: every one for
 * want of a connection) with the key that shows why, at level 0 (the
 * names), 1 (how many) or 2 (shortest: "3 failed: press !"). */
void ui_failed_text(int level, const char *names, size_t n, bool offline, char *out, size_t len);

/* ---- draw.c ------------------------------------------------------------- */
/* Draws text (sanitized here again) at y,x within w columns, truncating with
 * '…'; returns the columns used. */
int draw_text(int y, int x, int w, const char *text, attr_t attr);
/* Draws text word-wrapped at w columns on at most rows rows (the last one cut
 * with '…' when more is left); returns the rows used. */
int draw_text_wrapped(int y, int x, int w, int rows, const char *text, attr_t attr);
/* Fills columns x..x+w-1 of row y with spaces in attr. */
void draw_fill(int y, int x, int w, attr_t attr);
/* Horizontal and vertical rules and a box, in Unicode line characters (the
 * UI always runs with a UTF-8 character type; ACS would depend on the
 * terminal's alternate character set). */
void draw_hline(int y, int x, int w, attr_t attr);
void draw_vline(int y, int x, int h, attr_t attr);
void draw_box(int y, int x, int h, int w, attr_t attr);
/* Draws one laid-out document line; runs with DOC_MATCH-like highlighting
 * for pattern (may be NULL). */
void draw_doc_line(int y, int x, int w, const struct doc_line *l, const char *pattern, attr_t base);
attr_t doc_style_attr(unsigned style);
/* Case-insensitive substring search on UTF-8 (ASCII folding); returns the
 * byte offset or -1. */
long text_find(const char *hay, const char *needle);

/* ---- lists (listnav.c) ------------------------------------------------ */
struct listnav {
    long count;
    long sel;
    long top;
};
/* Applies a movement action; true when it was one. */
bool listnav_action(struct listnav *n, enum action a, int height);
void listnav_clamp(struct listnav *n, int height);
void listnav_click(struct listnav *n, int row, int height);

/* ---- views -------------------------------------------------------------- */
/* Each pane's constructor (panes.h). */
#define PANE_NEW_DECL(arg, id, title, name, key, ctor) struct view *ctor(struct ui *ui);
PANES(PANE_NEW_DECL, )
#undef PANE_NEW_DECL
/* Opens a board item's details ("owner/repo#n" or "draft:ID"), from search
 * results or what's new. */
void board_open_item(struct ui *ui, const char *key);
/* Opens an event's occurrence (uid, recurrence id, start) in the reader. */
void events_open_occurrence(struct ui *ui, const char *uid, const char *rid, time_t start);
/* What changed since the last visit, each entry opening its post, board
 * item or event (view_whatsnew.c). */
struct view *whatsnew_view_new(struct ui *ui);

/* A document reader: owns d.  post_id (may be NULL) ties it to a post for
 * 'u'; url (may be NULL) is what 'o' opens. */
struct view *reader_new(struct ui *ui, const char *title, struct doc *d, const char *post_id,
                        const char *url);
/* Reader v opens at the line reader old was showing: a reloaded page
 * keeps its place, as less keeps it on a reread file. */
void reader_keep_place(struct view *v, const struct view *old);
/* Lets Enter in reader v open one of these cached posts (a picker when
 * several), for an item's "Mentioned in"; takes both lists (same length). */
void reader_set_posts(struct view *v, struct strv *ids, struct strv *labels);
/* Opens a cached post in the reader (issue links badged with their state)
 * and marks it read. */
void reader_open_post(struct ui *ui, const char *post_id);
struct view *help_new(struct ui *ui);
/* Full-text search results over the group's posts (view_search.c). */
struct view *search_view_new(struct ui *ui, const char *query);
/* A pane whose source is not built yet: one line of what will appear and
 * one of the config key that feeds it (takes detail). */

/* A picker: a short list of choices over the current view; on Enter, or
 * on typing an entry's number, calls chosen(ui, index, arg). Items are
 * copied; they are numbered 1, 2, ... */
struct view *picker_new(const char *title, const struct strv *items,
                        void (*chosen)(struct ui *ui, size_t index, void *arg), void *arg,
                        void (*free_arg)(void *arg));
/* Numbers the entries of picker v with numbers[0..items) instead (the
 * links' own numbers); they are copied. */
void picker_set_numbers(struct view *v, const int *numbers);
/* Opens picker v on entry index (the one in use), not on the first. */
void picker_select(struct view *v, size_t index);

#endif
