/* ical.h: an iCalendar (RFC 5545) feed into the occurrences of its events
 * inside a time window, read with libical.  Pure: no store, no network, no
 * terminal; the same text and window always give the same occurrences.
 *
 * What is understood: VTIMEZONE definitions in the feed (preferred, as RFC
 * 5545 says) and, for a TZID the feed does not define, the system's zoneinfo
 * through libical's builtin zones; UTC times; floating times (no zone: read
 * in the feed's X-WR-TIMEZONE when it names a known zone, else in the local
 * zone); all-day events (VALUE=DATE, DTEND exclusive); DTEND or DURATION;
 * every RRULE libical iterates (COUNT, UNTIL, INTERVAL, BYDAY=2FR,4FR, ...),
 * RDATE, EXDATE (date-time or date); RECURRENCE-ID overrides that move,
 * rename or cancel one occurrence (an override replaces the occurrence whole,
 * as RFC 5545 says; only a missing SUMMARY or end is taken from the series);
 * an override whose series is absent is an event of its own; STATUS:CANCELLED
 * drops an event or an occurrence.  Folding and escapes are libical's job.
 *
 * The filter (a regular expression on SUMMARY, may be NULL) applies per
 * occurrence before anything is kept; a series whose SUMMARY does not match is
 * never expanded, so a huge shared calendar costs little beyond parsing it.
 *
 * Bounds: whatever the feed holds, it costs at most ICAL_MAX_STEPS rule
 * instances and keeps at most ICAL_MAX_OCCURRENCES occurrences (when more
 * fit the window, every series keeps the same first few, and past that the
 * latest go) and ICAL_MAX_PER_EVENT per event (once the steps are spent, a
 * series with a rule is counted as not expanded without being parsed); a
 * VTIMEZONE whose rules would expand into too many offset changes
 * (RRULE:FREQ=SECONDLY) is refused.
 * Wall times a clock change skips or repeats are read as RFC 5545 3.3.5
 * says: a skipped one with the offset before the change, a repeated one as
 * its first occurrence.
 *
 * Errors: the whole feed is refused (-1, e says why, *out untouched) when it is
 * not iCalendar, is cut short (no END:VCALENDAR), or when an event the filter
 * keeps has an unreadable or impossible date, an unknown or refused TZID, or
 * an RRULE libical cannot read.  An event with a real date outside the years
 * 1800-2500 is skipped and counted (ical_cuts says so), and so is a UID whose
 * VEVENTs take more than 2 MiB of text; the rest is kept.
 * Events the filter drops are not checked.  libical
 * never aborts the process (its errors are made non-fatal) and, while it runs,
 * stderr points at /dev/null: what it would print there is discarded (so is
 * a sanitizer's report from inside it; ASAN_OPTIONS=log_path keeps those). */
#ifndef CATCHUP_ICAL_H
#define CATCHUP_ICAL_H

#include <regex.h>

#include "catchup/util.h"

/* At most this many occurrences of one series are kept in a window (an
 * hourly rule over a year would be thousands; nobody reads them). */
#define ICAL_MAX_PER_EVENT 1000
/* At most this many occurrences are kept from one feed (a shared calendar
 * of 300 weekly meetings is about 17,000 over the 400 days a refresh
 * expands). */
#define ICAL_MAX_OCCURRENCES 20000
/* At most this many rule instances are looked at in one feed
 * (ical_step_budget, which the fuzzer lowers to keep an execution short
 * under its sanitizers; the same code cuts). */
#define ICAL_MAX_STEPS 200000
extern long ical_step_budget;
/* Text kept from DESCRIPTION, in bytes. */
#define ICAL_MAX_DESCRIPTION (16u << 10)

/* What the occurrences of one series share (an override is an event of its
 * own).  Terminal-safe text (text_sanitize), never NULL ("" when absent);
 * description keeps its line breaks; url is http(s) or ""; conference is
 * the first http(s) CONFERENCE (RFC 7986) or X-GOOGLE-CONFERENCE, or "". */
struct ical_event {
    char *uid;     /* the event's UID ("nouid-HASH" when it has none) */
    char *variant; /* "" for a series or single event; an override's rid */
    char *summary, *location, *description, *url, *conference;
    bool cut; /* it had more occurrences in the window than it kept */
};

struct ical_occ {
    size_t event;      /* index into ical_result.ev */
    char rid[24];      /* recurrence id: the start the rule gave this occurrence,
                          "20250311T170000Z" (UTC) or "20250401" (all-day); "" for
                          an event that does not recur.  (uid, rid) is stable
                          across refreshes while the event keeps its rule. */
    time_t start, end; /* UTC instants; all-day: UTC midnight of the dates */
    bool all_day;
    char start_date[11], end_date[11]; /* all-day: "YYYY-MM-DD", end exclusive */
    bool moved;                        /* an override put it elsewhere than its rule did */
    time_t rule_start;                 /* the start the rule gave it (== start unless moved) */
};

struct ical_result {
    struct ical_event *ev; /* only events with occurrences in the window */
    size_t nev, capev;
    struct ical_occ *v; /* sorted by start, then uid, then rid */
    size_t n, cap;
    char *name;     /* X-WR-CALNAME, sanitized, or NULL */
    size_t nseries; /* events (series or single) the filter kept */
    /* What the bounds cut, and what was skipped (ical_cuts words it). */
    size_t ncut; /* events cut to cut_each occurrences each */
    size_t cut_each;
    time_t late_from;   /* 0, or: occurrences from then on dropped (feed cap) */
    size_t nunexpanded; /* series whose expansion the feed's steps cut short */
    size_t nskipped;    /* events skipped: a date outside 1800-2500, too big */
    char *skipped;      /* why the first of them was */
};

/* Reads the feed text[0..len) (any bytes; text[len] need not be NUL) and
 * fills *out (zeroed first on success) with the occurrences that overlap
 * [from, to): all-day occurrences with a day of slack on either side, since
 * the reader's zone decides their exact instants.  match (borrowed, may be
 * NULL) keeps only occurrences whose SUMMARY it matches.  Returns 0, or -1
 * with e set and *out untouched.  Caller frees *out with ical_result_free. */
int ical_expand(const char *text, size_t len, const regex_t *match, time_t from, time_t to,
                struct ical_result *out, struct cu_err *e);
void ical_result_free(struct ical_result *r);
/* What was cut or skipped, as a sentence for the refresh's report ("2,000
 * recurring series cut to 10 occurrences each"), or NULL: nothing.  Caller
 * frees. */
char *ical_cuts(const struct ical_result *r);
/* The event an occurrence belongs to (borrowed from r). */
const struct ical_event *ical_occ_event(const struct ical_result *r, const struct ical_occ *o);

#endif
