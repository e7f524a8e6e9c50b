/* ical_zone.c: the dates and time zones of a feed's events (see
 * ical_int.h): a wall time read in its zone as RFC 5545 says, and a zone the
 * feed defines checked before libical may expand it. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "catchup/text.h"
#include "ical_int.h"

/* A time zone the feed defines is refused when libical would expand it into
 * more offset changes than this up to the year 2510 (a real zone changes
 * twice a year: about 1,800 from 1601, the start Outlook writes); all the
 * zones of a feed together get FEED_ZONE_CHANGES. */
#define ZONE_CHANGES 20000
#define FEED_ZONE_CHANGES 200000

/* The UTC offset of zone (NULL: the local zone) at the instant u. */
static long offset_at(icaltimezone *zone, time_t u)
{
    if (!zone) {
        struct tm tm;
        localtime_r(&u, &tm);
        return tm.tm_gmtoff;
    }
    if (zone == icaltimezone_get_utc_timezone())
        return 0;
    struct icaltimetype t = icaltime_from_timet_with_zone(u, 0, icaltimezone_get_utc_timezone());
    int dst;
    return icaltimezone_get_utc_offset_of_utc_time(zone, &t, &dst);
}

/* The UTC instant of t read in zone (NULL: floating, read in the local
 * zone); a date is its UTC midnight.  RFC 5545 3.3.5: a wall time the zone
 * skips (a clock change forward) is read with the offset before the change,
 * one it has twice (back) is its first occurrence.  libical's own
 * conversion reads both with the offset after the change. */
time_t ical_instant(struct icaltimetype t, icaltimezone *zone)
{
    time_t w = ical_date_instant(t.year, t.month, t.day);
    if (t.is_date)
        return w;
    w += (time_t)t.hour * 3600 + t.minute * 60 + t.second;
    if (zone == icaltimezone_get_utc_timezone())
        return w;
    /* Offsets are within a day of UTC, and zones do not change twice in a
     * day: the offsets a day either side are the ones in play. */
    long before = offset_at(zone, w - DAY), after = offset_at(zone, w + DAY);
    time_t ub = w - before, ua = w - after;
    bool b_ok = offset_at(zone, ub) == before,
         a_ok = before != after && offset_at(zone, ua) == after;
    if (b_ok && a_ok)
        return ub < ua ? ub : ua; /* twice: the first */
    if (a_ok)
        return ua;
    return ub; /* once, or never (a gap: the offset before it) */
}

/* A TZID that may name a file under the zoneinfo directory. */
static bool tzid_plausible(const char *tzid)
{
    if (!*tzid || strlen(tzid) > 100 || strstr(tzid, ".."))
        return false;
    for (const char *p = tzid; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              strchr("/_+-. ", *p)))
            return false;
    return true;
}

/* Why libical must not expand zone z, a VTIMEZONE of the feed, into its
 * offset changes (NULL: it may).  libical expands every observance from its
 * DTSTART to the year asked for, all at once: a DAYLIGHT rule of
 * FREQ=SECONDLY is billions of changes.  Each rule is sampled for its rate,
 * and the changes it would make up to the year 2510 count against the
 * zone's and the feed's bounds. */
static char *zone_refusal(struct feed *f, icaltimezone *z)
{
    icalcomponent *c = icaltimezone_get_component(z);
    double total = 0;
    for (icalcomponent *o = c ? icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT) : NULL; o;
         o = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT)) {
        icalcomponent_kind kind = icalcomponent_isa(o);
        if (kind != ICAL_XSTANDARD_COMPONENT && kind != ICAL_XDAYLIGHT_COMPONENT)
            continue;
        struct icaltimetype ds = icalcomponent_get_dtstart(o);
        for (icalproperty *p = icalcomponent_get_first_property(o, ICAL_ANY_PROPERTY); p;
             p = icalcomponent_get_next_property(o, ICAL_ANY_PROPERTY)) {
            if (icalproperty_isa(p) == ICAL_RDATE_PROPERTY)
                total += 1;
            if (icalproperty_isa(p) != ICAL_RRULE_PROPERTY || icaltime_is_null_time(ds) ||
                ical_check_time(ds) < 0)
                continue;
            struct icalrecurrencetype rule = icalproperty_get_rrule(p);
            if (rule.freq == ICAL_NO_RECURRENCE)
                continue;
            struct icaltimetype start = ds;
            start.zone = NULL;
            icalrecur_iterator *it = icalrecur_iterator_new(rule, start);
            if (!it)
                continue;
            /* 64 changes tell the rate; fewer are all there are */
            int k = 0;
            struct icaltimetype last = start;
            for (; k < 64; k++) {
                struct icaltimetype occ = icalrecur_iterator_next(it);
                if (icaltime_is_null_time(occ) || occ.year > 2510)
                    break;
                last = occ;
            }
            icalrecur_iterator_free(it);
            f->steps_left -= k;
            double changes = k;
            if (k == 64) {
                double span = difftime(icaltime_as_timet(last), icaltime_as_timet(start));
                double years = 2511.0 - start.year;
                changes = span > 0 ? 64.0 * (years * 365.25 * DAY) / span : 1e18;
            }
            total += changes;
            if (total > ZONE_CHANGES) {
                const char *freq = icalrecur_freq_to_string(rule.freq);
                return xasprintf("changes its offset %s (%s RRULE:FREQ=%s): it would be more than "
                                 "%d changes to expand; such zones are refused",
                                 changes > 1e12 ? "without end" : "too often",
                                 kind == ICAL_XDAYLIGHT_COMPONENT ? "its DAYLIGHT" : "its STANDARD",
                                 freq ? freq : "?", ZONE_CHANGES);
            }
        }
    }
    if (f->zone_changes + total > FEED_ZONE_CHANGES)
        return xasprintf("goes past the feed's bound on time zones: together they would expand "
                         "into more than %d offset changes",
                         FEED_ZONE_CHANGES);
    f->zone_changes += (long)total;
    return NULL;
}

icaltimezone *ical_zone_lookup(struct feed *f, icalcomponent *vcal, const char *tzid,
                               const char **refused)
{
    *refused = NULL;
    icaltimezone *z = icalcomponent_get_timezone(vcal, tzid);
    if (z) {
        for (size_t i = 0; i < f->nzones; i++)
            if (f->zones[i].zone == z) {
                *refused = f->zones[i].why;
                return *refused ? NULL : z;
            }
        f->zones = xgrow(f->zones, f->nzones, &f->capzones, sizeof(*f->zones), 8);
        struct zone_verdict *zv = &f->zones[f->nzones++];
        zv->zone = z;
        zv->why = zone_refusal(f, z);
        *refused = zv->why;
        return *refused ? NULL : z;
    }
    if (!tzid_plausible(tzid))
        return z;
    if (tzid[0] == '/')
        return icaltimezone_get_builtin_timezone_from_tzid(tzid);
    return icaltimezone_get_builtin_timezone(tzid);
}

int ical_read_when(struct feed *f, const struct vinfo *v, icalproperty *p, const char *what,
                   struct when *w)
{
    struct icaltimetype t;
    switch (icalproperty_isa(p)) {
    case ICAL_DTSTART_PROPERTY: t = icalproperty_get_dtstart(p); break;
    case ICAL_DTEND_PROPERTY: t = icalproperty_get_dtend(p); break;
    case ICAL_RECURRENCEID_PROPERTY: t = icalproperty_get_recurrenceid(p); break;
    case ICAL_EXDATE_PROPERTY: t = icalproperty_get_exdate(p); break;
    case ICAL_RDATE_PROPERTY: {
        struct icaldatetimeperiodtype dp = icalproperty_get_rdate(p);
        t = icaltime_is_null_time(dp.time) ? dp.period.start : dp.time;
        break;
    }
    default: t = icaltime_null_time(); break;
    }
    int check = ical_check_time(t);
    if (check) {
        const char *raw = icalproperty_get_value_as_string(p);
        char *shown = text_truncate(raw ? raw : "", 40);
        ical_fail(f, v,
                  check > 0 ? "its %s '%s' is outside the years 1800-2500"
                            : "its %s '%s' is not a valid date",
                  what, shown);
        free(shown);
        return check > 0 ? SKIP_EVENT : -1;
    }
    w->zone = NULL;
    if (t.is_date) {
        t.zone = NULL;
    } else if (icaltime_is_utc(t)) {
        w->zone = f->utc;
    } else {
        icalparameter *tp = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
        const char *tzid = tp ? icalparameter_get_tzid(tp) : NULL;
        if (tzid) {
            const char *refused = NULL;
            w->zone = ical_zone_lookup(f, v->vcal, tzid, &refused);
            if (refused) {
                char *shown = text_sanitize(tzid, strnlen(tzid, 60), 0);
                ical_fail(f, v,
                          "its %s uses the time zone '%s', which the feed defines so that it %s",
                          what, shown, refused);
                free(shown);
                return -1;
            }
            if (!w->zone) {
                char *shown = text_sanitize(tzid, strnlen(tzid, 60), 0);
                ical_fail(f, v,
                          "its %s uses the unknown time zone '%s' (the feed defines no VTIMEZONE "
                          "for it and the system's zoneinfo has none)",
                          what, shown);
                free(shown);
                return -1;
            }
        } else {
            w->zone = f->default_zone;
        }
        t.zone = w->zone;
    }
    w->t = t;
    return 0;
}
