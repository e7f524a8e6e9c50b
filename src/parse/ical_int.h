/* ical_int.h: what src/parse/ical.c, ical_split.c and ical_zone.c share: a
 * feed split into its VCALENDAR skeletons and its VEVENTs' text, indexed by
 * UID (ical_split.c); the feed being read and an event's properties, and
 * the dates and zones they are read with (ical_zone.c). */
#ifndef CATCHUP_ICAL_INT_H
#define CATCHUP_ICAL_INT_H

#include <libical/ical.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "catchup/ical.h"
#include "catchup/util.h"

/* The properties and VTIMEZONEs of one VCALENDAR may take at most this
 * much text (real feeds: a few zones of 1-3 KiB). */
#define SKELETON_MAX (2u << 20)
/* The VEVENTs of one UID (a series and its overrides) may take at most this
 * much text: parsed, they are about 15 times that. */
#define GROUP_MAX (2u << 20)

struct block {
    size_t off, len; /* the VEVENT's text, BEGIN to END */
    char *key;       /* its UID as written, or NULL (then it is alone) */
    bool rid;        /* it has a RECURRENCE-ID */
    bool rrule;      /* it has an RRULE */
    bool cancelled;  /* its (last) STATUS is CANCELLED */
    size_t summary;  /* 1 + the offset of its (last) SUMMARY line, or 0 */
};

struct cal_text {
    struct buf skel; /* BEGIN:VCALENDAR, its properties and VTIMEZONEs */
    struct block *ev;
    size_t nev, cap;
};

/* Splits text into *out (*nout calendars); -1 with e set on a feed over the
 * caps. */
int split_feed(const char *text, size_t len, struct cal_text **out, size_t *nout, struct cu_err *e);
void cal_text_free(struct cal_text *c);
/* The SUMMARY of a block as libical reads it (unfolded, unescaped,
 * cleaned), without parsing the block; NULL when it has none. */
char *block_summary(const char *text, const struct block *b);
/* The text of a block as libical needs it (only the properties read). */
char *block_text(const char *text, const struct block *b);
/* Orders blocks by UID (qsort). */
int by_block_key(const void *a, const void *b);
/* ical.c's text cleaning (sanitized, at most max bytes). */
char *ical_clean(const char *s, unsigned flags, size_t max);

/* ---- reading the events (ical.c, ical_zone.c) ------------------------------ */

#define DAY 86400
/* ical_read_when's result for a date that is real but outside 1800-2500: the
 * event is skipped, the rest of the feed kept. */
#define SKIP_EVENT (-2)

struct vinfo {
    icalcomponent *vcal; /* the VCALENDAR holding it (its VTIMEZONEs) */
    const char *uid;     /* borrowed from the component, or uid_made */
    char *uid_made;      /* owned: vinfos move (qsort), so not an array inside */
    char *summary;       /* sanitized, owned; NULL when there is none */
    const char *location, *description, *url; /* borrowed */
    const char *conference; /* the first http(s) CONFERENCE or X-GOOGLE-CONFERENCE; borrowed */
    bool cancelled;
    icalproperty *dtstart, *dtend, *duration, *rid;
    icalproperty **rrules, **rdates, **exdates;
    size_t nrrules, nrdates, nexdates;
    const char *time_error;       /* the date or rule property libical could not read */
    const char *time_error_value; /* what it said (borrowed) */
};

/* A date or date-time with its zone resolved. */
struct when {
    struct icaltimetype t; /* t.zone set for UTC and zoned times */
    icaltimezone *zone;    /* NULL: a date, or floating without a default */
};

/* A time zone of the feed, once checked (zone_refusal). */
struct zone_verdict {
    icaltimezone *zone;
    char *why; /* NULL: accepted */
};

struct feed {
    const regex_t *match;
    time_t from, to;
    icaltimezone *utc;
    icaltimezone *default_zone; /* X-WR-TIMEZONE of the current calendar */
    struct ical_result *res;
    struct cu_err *e;
    long steps_left;   /* rule instances the feed may still look at */
    size_t cap_each;   /* occurrences kept per event, lowered by compact() */
    time_t horizon;    /* occurrences starting at or after it are dropped */
    long zone_changes; /* offset changes the accepted zones may expand to */
    struct zone_verdict *zones;
    size_t nzones, capzones;
};

/* Sets f's error to "event 'TITLE': why"; returns -1. */
int ical_fail(struct feed *f, const struct vinfo *v, const char *fmt, ...) CU_PRINTF(3, 4);
/* 0: a date or date-time catchup reads; 1: a real one outside the years
 * 1800-2500; -1: not a date at all (month 13, hour 25). */
int ical_check_time(struct icaltimetype t);
/* The UTC midnight of a date. */
time_t ical_date_instant(int y, int m, int d);

/* The UTC instant of t read in zone (NULL: floating, read in the local
 * zone); a date is its UTC midnight. */
time_t ical_instant(struct icaltimetype t, icaltimezone *zone);
/* The feed's own VTIMEZONE first (RFC 5545), else the system's zoneinfo.
 * *refused is set (and NULL returned) when the feed's zone is refused. */
icaltimezone *ical_zone_lookup(struct feed *f, icalcomponent *vcal, const char *tzid,
                               const char **refused);
/* Reads the date or date-time of a DTSTART, DTEND, RECURRENCE-ID, EXDATE or
 * RDATE property with its zone: 0, -1 with f's error set, or SKIP_EVENT. */
int ical_read_when(struct feed *f, const struct vinfo *v, icalproperty *p, const char *what,
                   struct when *w);

#endif
