/* schema_events.h: the events' tables (migration 2 -> 3), owned by the
 * events source (src_events.c, store_events.c).
 *
 * calendars:   one row per configured feed that was stored: its name, when it
 *              was expanded and over which window (occurrences exist only
 *              inside [win_from, win_to)).
 * cal_events:  what occurrences share, per series ("" variant) or per
 *              RECURRENCE-ID override (variant = its recurrence id).
 * occurrences: one row per occurrence, identified by (uid, rid): rid is the
 *              start the rule gave it, "" for a single event.  start/end are
 *              UTC instants (all-day: UTC midnight, dates in start_date and
 *              end_date, end exclusive); rule_start differs from start when an
 *              override moved it; prev_start is where an earlier refresh had
 *              it when it has moved since, moved_at when that refresh saw the
 *              move; first_seen says when it appeared.
 * post_events: the entries of the posts' "Events" sections (postevents.h), with
 *              the sha of the post they were read from (unchanged posts are
 *              not read again). */
#ifndef CATCHUP_SCHEMA_EVENTS_H
#define CATCHUP_SCHEMA_EVENTS_H

#define SCHEMA_EVENTS                                                                         \
    "CREATE TABLE calendars (grp TEXT NOT NULL, url TEXT NOT NULL, name TEXT,"                \
    "  fetched_at INTEGER NOT NULL, win_from INTEGER NOT NULL, win_to INTEGER NOT NULL,"      \
    "  nseries INTEGER NOT NULL, PRIMARY KEY (grp, url));"                                    \
    "CREATE TABLE cal_events (grp TEXT NOT NULL, calendar TEXT NOT NULL, uid TEXT NOT NULL,"  \
    "  variant TEXT NOT NULL, summary TEXT NOT NULL, location TEXT NOT NULL,"                 \
    "  description TEXT NOT NULL, url TEXT NOT NULL,"                                         \
    "  PRIMARY KEY (grp, calendar, uid, variant));"                                           \
    "CREATE TABLE occurrences (grp TEXT NOT NULL, calendar TEXT NOT NULL,"                    \
    "  uid TEXT NOT NULL, rid TEXT NOT NULL, variant TEXT NOT NULL, summary TEXT NOT NULL,"   \
    "  start INTEGER NOT NULL, end INTEGER NOT NULL, all_day INTEGER NOT NULL,"               \
    "  start_date TEXT, end_date TEXT, rule_start INTEGER NOT NULL, prev_start INTEGER,"      \
    "  moved_at INTEGER,"                                                                     \
    "  first_seen INTEGER NOT NULL, PRIMARY KEY (grp, calendar, uid, rid));"                  \
    "CREATE INDEX occurrences_by_start ON occurrences (grp, start);"                          \
    "CREATE TABLE post_events (grp TEXT NOT NULL, post_id TEXT NOT NULL, n INTEGER NOT NULL," \
    "  title TEXT NOT NULL, url TEXT, text TEXT NOT NULL, date TEXT, end_date TEXT,"          \
    "  week TEXT NOT NULL, post_title TEXT NOT NULL, post_date TEXT, post_url TEXT,"          \
    "  post_sha TEXT,"                                                                        \
    "  first_seen INTEGER NOT NULL, PRIMARY KEY (grp, post_id, n));"

/* 5 -> 6: an event's CONFERENCE link (its join link when its location and
 * URL have none).  The calendars' ETags go, so the next refresh reads each
 * feed again instead of keeping a stored copy without it. */
#define SCHEMA_EVENTS_CONFERENCE                                             \
    "ALTER TABLE cal_events ADD COLUMN conference TEXT NOT NULL DEFAULT '';" \
    "DELETE FROM etags WHERE url IN (SELECT url FROM calendars);"

#endif
