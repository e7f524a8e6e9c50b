/* store_events.h: the events' part of the cache (tables in schema_events.h).
 *
 * Writers run inside the refresh's transaction (store_begin/store_commit);
 * readers anywhere.  Rows handed out own their strings (free them with the
 * matching _free).  Every function returns 0 on success and -1 with e set
 * on failure, unless its comment says otherwise; a failed write leaves the
 * transaction for the caller to roll back. */
#ifndef CATCHUP_STORE_EVENTS_H
#define CATCHUP_STORE_EVENTS_H

#include "catchup/ical.h"
#include "catchup/postevents.h"
#include "catchup/store.h"

/* ---- calendars ---------------------------------------------------------- */

/* A refresh expands each calendar from a day ago to this many days ahead. */
#define EVENTS_AHEAD_DAYS 400

struct cal_info {
    char *url;  /* the calendar as configured (URL or file path) */
    char *name; /* X-WR-CALNAME or NULL */
    time_t fetched_at, win_from, win_to;
    long nseries; /* events the filter kept */
};
void cal_infos_free(struct cal_info *v, size_t n);

/* The stored calendars of a group, in URL order. */
int store_calendars(struct store *s, const char *grp, struct cal_info **v, size_t *n,
                    struct cu_err *e);

/* Replaces what is stored for calendar url with r, expanded over [from, to)
 * at now: an occurrence already known by (uid, rid) keeps its first_seen and,
 * when its start changed, gets the old start as prev_start. */
int store_calendar_put(struct store *s, const char *grp, const char *url,
                       const struct ical_result *r, time_t from, time_t to, time_t now,
                       struct cu_err *e);
/* Forgets a calendar (no longer configured): its row, events and occurrences. */
int store_calendar_delete(struct store *s, const char *grp, const char *url, struct cu_err *e);

/* ---- occurrences ----------------------------------------------------------- */

struct occ_row {
    char *calendar, *calendar_name; /* name may be NULL */
    char *uid, *rid;
    char *summary, *location, *description, *url; /* never NULL ("" when absent) */
    char *conference;                             /* never NULL ("" when absent) */
    time_t start, end;                            /* UTC; all-day: UTC midnight of the dates */
    bool all_day;
    char start_date[11], end_date[11]; /* all-day, end exclusive */
    time_t rule_start;                 /* != start when an override moved it */
    time_t prev_start;                 /* 0, or where it was before the last change */
    time_t first_seen;
    long long event; /* the stored event it shares its text with (0: none) */
};
void occ_rows_free(struct occ_row *v, size_t n);

/* Occurrences of a group that may overlap [from, to), by start (those that
 * start together in no set order): every timed one that does, and all-day
 * ones within a day of it (their exact span depends on the reader's zone;
 * the caller decides). */
int store_occurrences(struct store *s, const char *grp, time_t from, time_t to, struct occ_row **v,
                      size_t *n, struct cu_err *e);
/* The same occurrences handed one at a time to fn, in the same order,
 * without copies: the row's strings are borrowed for the call only.  The
 * occurrences of one series share event and its text (location,
 * description, url, conference): those are set on the first occurrence of
 * each event and NULL on the later ones, so a reader keeps them once.  fn
 * returns 0 to go on. */
int store_occurrences_each(struct store *s, const char *grp, time_t from, time_t to,
                           int (*fn)(const struct occ_row *o, void *arg), void *arg,
                           struct cu_err *e);
/* How many timed or all-day occurrences start in [from, to) (UTC); -1 on
 * error. */
long store_occurrences_count(struct store *s, const char *grp, time_t from, time_t to);

/* "What's new" among the events: a series first stored after a time, or an
 * occurrence that moved. */
struct event_change {
    char *uid, *rid, *summary;
    time_t start; /* the (next) occurrence's */
    bool all_day;
    time_t prev_start; /* moved: where it was; else 0 */
    time_t stored_at;  /* added: the series' first_seen; moved: moved_at */
    long occurrences;  /* added: how many the series has (1: a single event) */
};
void event_changes_free(struct event_change *v, size_t n);
/* Series (calendar, uid) of grp first stored after since that have an
 * occurrence from now on, each as its next one, by start.  A known series
 * growing at the far end of the window is not news. */
int store_events_added(struct store *s, const char *grp, time_t since, time_t now,
                       struct event_change **v, size_t *n, struct cu_err *e);
/* Occurrences of grp, known before since, that moved after it and start
 * from now on, by start. */
int store_events_moved(struct store *s, const char *grp, time_t since, time_t now,
                       struct event_change **v, size_t *n, struct cu_err *e);

/* ---- events named in posts ---------------------------------------------- */

struct post_event_row {
    char *post_id;
    int n;                                   /* order inside the post */
    char *title, *url, *text;                /* url may be NULL */
    char date[11], end_date[11];             /* "" when none; end inclusive */
    char *week;                              /* post_week_label() */
    char *post_title, *post_date, *post_url; /* date and url may be NULL */
    char *post_sha;                          /* the post's sha when it was read, or NULL */
    time_t first_seen;
};
void post_event_rows_free(struct post_event_row *v, size_t n);

/* How many post events a group has; -1 on error. */
long store_post_events_count(struct store *s, const char *grp);
/* A group's post events: newest post first (the posts' order), then in
 * their order inside the post. */
int store_post_events(struct store *s, const char *grp, struct post_event_row **v, size_t *n,
                      struct cu_err *e);
/* The same, only the entries dated from from_date to to_date ("YYYY-MM-DD",
 * both included) or spanning into them. */
int store_post_events_between(struct store *s, const char *grp, const char *from_date,
                              const char *to_date, struct post_event_row **v, size_t *n,
                              struct cu_err *e);
/* Replaces a group's post events with v (first_seen is kept for entries
 * already known by post and title, else set to now). */
int store_post_events_put(struct store *s, const char *grp, const struct post_event_row *v,
                          size_t n, time_t now, struct cu_err *e);

#endif
