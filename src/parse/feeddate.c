/* feeddate.c: feed_date() of feed.h: RFC 822 and RFC 3339 dates. */
#include <stdio.h>
#include <string.h>

#include "catchup/feed.h"

struct stamp {
    int year, mon, day, hour, min, sec;
    bool has_time;
    bool utc;    /* "Z" rather than an offset */
    int off_min; /* east of UTC */
};

static int digits(const char **p, int min, int max)
{
    int v = 0, n = 0;
    while (n < max && **p >= '0' && **p <= '9') {
        v = v * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    return n >= min ? v : -1;
}

static void skip_blanks(const char **p)
{
    while (**p == ' ' || **p == '\t' || **p == '\r' || **p == '\n')
        (*p)++;
}

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static bool valid(const struct stamp *t)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (t->year < 0 || t->mon < 1 || t->mon > 12 || t->day < 1)
        return false;
    int dm = mdays[t->mon - 1] + (t->mon == 2 && leap(t->year));
    return t->day <= dm && t->hour >= 0 && t->hour <= 23 && t->min >= 0 && t->min <= 59 &&
           t->sec >= 0 && t->sec <= 60 && t->off_min > -24 * 60 && t->off_min < 24 * 60;
}

/* "+02:00", "-0700", "+05" after a time; false when it is none of them. */
static bool numeric_zone(const char **p, struct stamp *t)
{
    char sign = **p;
    if (sign != '+' && sign != '-')
        return false;
    (*p)++;
    int h = digits(p, 2, 2);
    if (h < 0)
        return false;
    if (**p == ':')
        (*p)++;
    int m = (**p >= '0' && **p <= '9') ? digits(p, 2, 2) : 0;
    if (m < 0 || m > 59)
        return false;
    t->off_min = (sign == '-' ? -1 : 1) * (h * 60 + m);
    t->utc = t->off_min == 0; /* "+0000", and "-0000" (zone unknown) */
    return true;
}

static int rfc3339(const char *s, struct stamp *t)
{
    const char *p = s;
    t->year = digits(&p, 4, 4);
    if (t->year < 0 || *p++ != '-' || (t->mon = digits(&p, 2, 2)) < 0 || *p++ != '-' ||
        (t->day = digits(&p, 2, 2)) < 0)
        return -1;
    skip_blanks(&p);
    if (!*p)
        return 0;
    if (*p == 'T' || *p == 't' || *p == ' ')
        p++;
    if ((t->hour = digits(&p, 2, 2)) < 0 || *p++ != ':' || (t->min = digits(&p, 2, 2)) < 0)
        return -1;
    if (*p == ':' && (p++, (t->sec = digits(&p, 2, 2)) < 0))
        return -1;
    if (*p == '.' || *p == ',') {
        p++;
        if (digits(&p, 1, 9) < 0)
            return -1;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    t->has_time = true;
    skip_blanks(&p);
    if (*p == 'Z' || *p == 'z') {
        t->utc = true;
        p++;
    } else if (!numeric_zone(&p, t)) {
        t->utc = true; /* no zone: taken as UTC */
    }
    skip_blanks(&p);
    return *p ? -1 : 0;
}

/* RFC 822 zone names; military letters are "-0000" as RFC 2822 says
 * (their signs were published backwards). */
static bool named_zone(const char *z, size_t n, struct stamp *t)
{
    static const struct {
        const char *name;
        int hours;
    } zones[] = {{"UT", 0},   {"UTC", 0},  {"GMT", 0},  {"Z", 0},    {"EST", -5}, {"EDT", -4},
                 {"CST", -6}, {"CDT", -5}, {"MST", -7}, {"MDT", -6}, {"PST", -8}, {"PDT", -7}};
    for (size_t i = 0; i < sizeof(zones) / sizeof(zones[0]); i++)
        if (strlen(zones[i].name) == n && !strncasecmp(zones[i].name, z, n)) {
            t->off_min = zones[i].hours * 60;
            t->utc = zones[i].hours == 0;
            return true;
        }
    if (n == 1 && ((z[0] >= 'A' && z[0] <= 'Z') || (z[0] >= 'a' && z[0] <= 'z')) && z[0] != 'J' &&
        z[0] != 'j') {
        t->utc = true;
        return true;
    }
    return false;
}

static int rfc822(const char *s, struct stamp *t)
{
    static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
    const char *p = s;
    skip_blanks(&p);
    const char *comma = strchr(p, ',');
    if (comma && comma - p <= 10)
        p = comma + 1;
    skip_blanks(&p);
    if ((t->day = digits(&p, 1, 2)) < 0)
        return -1;
    skip_blanks(&p);
    size_t mlen = 0;
    while ((p[mlen] >= 'a' && p[mlen] <= 'z') || (p[mlen] >= 'A' && p[mlen] <= 'Z'))
        mlen++;
    if (mlen < 3)
        return -1;
    t->mon = 0;
    for (int i = 0; i < 12; i++)
        if (!strncasecmp(p, months + 3 * i, 3))
            t->mon = i + 1;
    if (!t->mon)
        return -1;
    p += mlen;
    skip_blanks(&p);
    const char *ys = p;
    t->year = digits(&p, 2, 4);
    if (t->year < 0 || p - ys == 3)
        return -1;
    if (p - ys == 2)
        t->year += t->year < 50 ? 2000 : 1900;
    skip_blanks(&p);
    if (!*p)
        return 0;
    if ((t->hour = digits(&p, 1, 2)) < 0 || *p++ != ':' || (t->min = digits(&p, 2, 2)) < 0)
        return -1;
    if (*p == ':' && (p++, (t->sec = digits(&p, 2, 2)) < 0))
        return -1;
    t->has_time = true;
    skip_blanks(&p);
    if (!*p) {
        t->utc = true;
        return 0;
    }
    if (!numeric_zone(&p, t)) {
        size_t zn = strcspn(p, " \t\r\n");
        if (!named_zone(p, zn, t))
            return -1;
        p += zn;
    }
    skip_blanks(&p);
    /* "+0000 (UTC)": a comment after the zone */
    return !*p || *p == '(' ? 0 : -1;
}

int feed_date(const char *s, char out[32])
{
    out[0] = '\0';
    if (!s)
        return -1;
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    struct stamp t = {0};
    bool iso = s[0] >= '0' && s[0] <= '9' && strlen(s) >= 10 && s[4] == '-';
    if ((iso ? rfc3339(s, &t) : rfc822(s, &t)) < 0 || !valid(&t))
        return -1;
    if (t.year < 1900)
        return 1;
    if (t.sec == 60)
        t.sec = 59;
    if (!t.has_time) {
        snprintf(out, 32, "%04d-%02d-%02d", t.year, t.mon, t.day);
        return 0;
    }
    int n = snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02d", t.year, t.mon, t.day, t.hour, t.min,
                     t.sec);
    int off = t.off_min < 0 ? -t.off_min : t.off_min;
    if (t.utc && t.off_min == 0)
        snprintf(out + n, (size_t)(32 - n), "Z");
    else
        snprintf(out + n, (size_t)(32 - n), "%c%02d:%02d", t.off_min < 0 ? '-' : '+', off / 60,
                 off % 60);
    return 0;
}
