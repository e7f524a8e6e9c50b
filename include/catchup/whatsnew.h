/* whatsnew.h: what changed since the user's last visit, from what refresh
 * stored: new and updated weeks (posts' first_seen/updated_at), board items
 * that are new or whose Status or state changed (their prev_status,
 * prev_state and changed_at), and events added or moved (occurrences'
 * first_seen and moved_at).  Nothing is downloaded to find out. */
#ifndef CATCHUP_WHATSNEW_H
#define CATCHUP_WHATSNEW_H

#include "catchup/config.h"
#include "catchup/store.h"

enum wn_kind {
    WN_POST_NEW,      /* a week that was not cached */
    WN_POST_UPDATED,  /* a cached week whose file changed */
    WN_BOARD_NEW,     /* an item new on the board, or newly linked */
    WN_BOARD_CHANGED, /* its Status or state changed: detail says how */
    WN_EVENT_ADDED,   /* a new event or series (its next occurrence) */
    WN_EVENT_MOVED    /* an occurrence that moved: detail says from when */
};

struct wn_item {
    enum wn_kind kind;
    char *key; /* post id, board key, or event uid */
    char *rid; /* events: the occurrence's recurrence id, else NULL */
    char *title;
    char *detail; /* "In Progress -> Done", "was Thu 11 Dec 17:00", ... or NULL */
    time_t when;  /* when the change was stored */
    time_t start; /* events: the (next) occurrence's start */
};

/* The changes of group grp since `since` (a time from cu_now()), posts
 * first (newest), then the board, then events by start; upcoming events
 * only (from now).  Returns 0, or -1 with e set.  Free with whatsnew_free. */
int whatsnew_collect(struct store *s, const char *grp, time_t since, time_t now, struct wn_item **v,
                     size_t *n, struct cu_err *e);
/* The same for "what's new since your last visit": the first refresh of a
 * source that worked is its baseline, so what it stored is not new (a group
 * added later, or fetched for the first time after the visit, does not
 * flood the list).  Explicit dates (whatsnew_collect) count everything. */
int whatsnew_collect_visit(struct store *s, const char *grp, time_t since, time_t now,
                           struct wn_item **v, size_t *n, struct cu_err *e);
void whatsnew_free(struct wn_item *v, size_t n);
/* The latest baseline of grp's sources (when one of them first worked), or
 * 0: after `since`, a group's first refresh explains an empty list. */
time_t whatsnew_baseline(struct store *s, const char *grp);

/* "new week", "updated", "board", "new event", "moved" */
const char *whatsnew_kind_word(enum wn_kind k);
/* "2 new weeks, 1 updated, 1 board change, 1 moved event" into out. */
void whatsnew_summary(const struct wn_item *v, size_t n, char *out, size_t len);

/* The line above a list of changes: "Since your last visit (3 d ago): 1 new
 * week", "Since 2024-05-01: ..." (date: what --since gave), "Nothing new since
 * your last visit."; an age under a minute is left out.  brief: the short
 * form for a narrow line ("Since 3 d ago: 1 new week"). */
void whatsnew_heading(time_t since, time_t now, const char *date, const char *summary, bool brief,
                      char *out, size_t len);

/* Appends a Markdown section, a line per group of c: what is new in each
 * group the user has opened since its last visit, and the groups not
 * opened yet (Start here in the TUI; w switches). */
void whatsnew_groups_md(struct store *s, const struct config *c, const struct group *cur,
                        time_t now, struct buf *md);

/* When the user last opened the TUI for grp (0: never), and recording now. */
time_t whatsnew_last_visit(struct store *s, const char *grp);
int whatsnew_mark_visit(struct store *s, const char *grp, time_t now, struct cu_err *e);

#endif
