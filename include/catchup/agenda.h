/* agenda.h: the agenda as `catchup agenda` and the Events pane show it.
 *
 * agenda_load() reads the cache: the calendars' occurrences and the dated
 * entries of the posts' "Events" sections that overlap a window, and every
 * post entry for the "Mentioned in posts" list.  Everything is shown in the
 * local zone (TZ, through localtime_r/mktime): occurrences are stored as UTC
 * instants, all-day ones as dates, which become local midnights here, so an
 * all-day conference is on the same days in every zone.
 *
 * The formatting helpers use English day and month names whatever the
 * locale, so columns line up and tests are stable.  None of this touches the
 * network or the terminal. */
#ifndef CATCHUP_AGENDA_H
#define CATCHUP_AGENDA_H

#include "catchup/store_events.h"

struct agenda_item {
    bool from_post;
    char *title;
    char *location;                    /* "" when none */
    char *link;                        /* the event's URL, else the first link in its
                                          description, else in its location; or NULL */
    char *join_url;                    /* its video-call link (agenda_join_link), or NULL */
    char *description;                 /* plain text (a calendar's) or Markdown (a post's) */
    char *calendar;                    /* as configured; NULL for a post's entry */
    char *calendar_name;               /* may be NULL */
    char *post_id, *week, *post_title; /* a post's entry, else NULL */
    char *uid, *rid;                   /* a calendar's occurrence, else NULL */
    time_t start, end;                 /* all-day: local midnights, end exclusive */
    bool all_day;
    char start_date[11], end_date[11]; /* all-day, end exclusive */
    bool moved;                        /* an override moved it from rule_start */
    time_t rule_start;
    time_t prev_start; /* 0, or where an earlier refresh had it */
};

/* How many weeks of posts' entries the Events pane shows before asking. */
#define AGENDA_MENTION_WEEKS 8

struct agenda_pool;

struct agenda {
    struct agenda_item *v; /* overlapping the window, by start; their strings belong
                              to the agenda (the occurrences of one series share
                              theirs) */
    size_t n;
    struct post_event_row *mentions; /* the post entries that are events (post_event_is_event),
                                 newest week first, each with its post_week_label() */
    size_t nmentions;
    size_t nmentions_recent; /* how many of them are in the newest AGENDA_MENTION_WEEKS weeks */
    struct cal_info *cals;   /* the calendars stored for the group */
    size_t ncals;
    struct agenda_pool *pool; /* the items' strings */
};

/* Loads the agenda of grp for the window [from, to): timed items that
 * overlap it (or start at from), all-day items with a local day in it.
 * Returns 0, or -1 with e set (and *out empty).  Free with agenda_free. */
int agenda_load(struct store *s, const char *grp, time_t from, time_t to, struct agenda *out,
                struct cu_err *e);
/* The same, but mentions holds only the post entries in the window: what
 * the command line needs, in memory that does not grow with the posts. */
int agenda_load_window(struct store *s, const char *grp, time_t from, time_t to, struct agenda *out,
                       struct cu_err *e);
void agenda_free(struct agenda *a);

/* Local midnight of "YYYY-MM-DD"; -1 when unreadable. */
time_t agenda_local_midnight(const char *date);
/* t moved by days local calendar days (same wall time; DST-safe). */
time_t agenda_add_days(time_t t, int days);

/* "Today", "Tomorrow", "Fri 11 Dec", or "Fri 11 Dec 2028" outside now's year. */
void agenda_day_label(time_t t, time_t now, char *out, size_t n);
/* "Fri 2027-03-12" */
void agenda_date(time_t t, char *out, size_t n);
/* "25 Mar" */
void agenda_day_month(time_t t, char *out, size_t n);
/* "14:00–15:00" (dash is sep, of at most 53 bytes), "14:00", "all day", "all day,
 * until Thu 3 Apr". */
void agenda_times(const struct agenda_item *it, const char *sep, char *out, size_t n);
/* "in 2 d 3 h", "in 3 h 20 min", "in 5 min", "now" (started, not ended), or
 * "" when it has ended. */
void agenda_countdown(time_t start, time_t end, time_t now, char *out, size_t n);
/* ISO 8601 with the local UTC offset ("2027-03-12T17:00:00+01:00"). */
void agenda_iso(time_t t, char *out, size_t n);
/* A short name for a location: the text before its first URL ("Zoom" for
 * "Zoom, https://zoom.us/j/1"), else the service of a video-call URL
 * ("Zoom" for zoom.us and LFX's Zoom, "Google Meet", "Teams", "Jitsi",
 * "Webex": link_video_call), else the URL's host.  Caller frees; "" for "". */
char *agenda_place(const char *location);
/* What an item's row says of where it is: agenda_place of its location, else
 * the service of its join link, else "".  Caller frees. */
char *agenda_item_place(const struct agenda_item *it);
/* The first http(s) URL in text (an href of HTML included), or NULL.
 * Caller frees. */
char *agenda_first_link(const char *text);
/* An event's join link: the first video-call URL (link_video_call) in its
 * location, else its URL, else its CONFERENCE, else its description; NULL
 * when none is (each argument may be NULL).  Caller frees. */
char *agenda_join_link(const char *location, const char *url, const char *conference,
                       const char *description);
/* What 'o' opens for an item: its join link, else its link (may be NULL;
 * borrowed). */
const char *agenda_item_open_url(const struct agenda_item *it);
/* The item as a Markdown document for the reader: title, when (local),
 * its join link (unless its location starts with it, so the join link is
 * link 1 either way), where, calendar or post, link, then the description
 * with its URLs kept as URLs (so the reader numbers them) and everything
 * else escaped.  Caller frees. */
char *agenda_item_markdown(const struct agenda_item *it);

#endif
