/* ical_split.c: the feed split before libical sees it (see ical_int.h). */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ical_int.h"

/*
 *
 * libical's tree of a whole feed is about 17 times its text (a 16 MiB feed
 * would be 270 MB), so the feed is split first: per VCALENDAR, its own
 * properties and VTIMEZONEs (parsed once, small) and the text of each VEVENT,
 * indexed by UID.  The events of one UID (a series and its overrides) are
 * parsed together, expanded and freed before the next UID's. */

/* The next physical line of text[*pos..len) without its line break. */
static bool next_line(const char *text, size_t len, size_t *pos, const char **line, size_t *n)
{
    if (*pos >= len)
        return false;
    const char *p = text + *pos;
    const char *nl = memchr(p, '\n', len - *pos);
    size_t l = nl ? (size_t)(nl - p) : len - *pos;
    *pos += l + (nl != NULL);
    while (l && (p[l - 1] == '\r' || p[l - 1] == ' ' || p[l - 1] == '\t'))
        l--;
    *line = p;
    *n = l;
    return true;
}

/* A BEGIN:NAME or END:NAME line (any case; folded or not): 1 for BEGIN,
 * -1 for END, with the name in name[]; 0 for any other line. */
static int marker(const char *text, size_t len, size_t pos, const char *line, size_t n,
                  char name[32])
{
    int kind = n >= 6 && !strncasecmp(line, "BEGIN:", 6) ? 1
               : n >= 4 && !strncasecmp(line, "END:", 4) ? -1
                                                         : 0;
    if (!kind)
        return 0;
    char joined[40];
    size_t k = 0;
    for (size_t i = kind > 0 ? 6 : 4; i < n && k < sizeof(joined) - 1; i++)
        joined[k++] = line[i];
    /* folded: the next lines that start with a blank continue it */
    while (pos < len && (text[pos] == ' ' || text[pos] == '\t') && k < sizeof(joined) - 1) {
        const char *l;
        size_t m;
        next_line(text, len, &pos, &l, &m);
        for (size_t i = 1; i < m && k < sizeof(joined) - 1; i++)
            joined[k++] = l[i];
    }
    joined[k] = '\0';
    if (k >= 32 || !k)
        return 0;
    memcpy(name, joined, k + 1);
    return kind;
}

/* The value of a UID line and its folded continuations. */
static char *uid_value(const char *text, size_t len, size_t pos, const char *line, size_t n)
{
    const char *colon = memchr(line, ':', n);
    if (!colon)
        return NULL;
    struct buf b;
    buf_init(&b, 4096);
    buf_add(&b, colon + 1, n - (size_t)(colon + 1 - line));
    while (pos < len && (text[pos] == ' ' || text[pos] == '\t')) {
        const char *l;
        size_t m;
        next_line(text, len, &pos, &l, &m);
        if (m > 1)
            buf_add(&b, l + 1, m - 1);
    }
    buf_add(&b, "", 1);
    return buf_take(&b);
}

static bool prop_named(const char *line, size_t n, const char *name)
{
    size_t k = strlen(name);
    return n > k && !strncasecmp(line, name, k) && (line[k] == ':' || line[k] == ';');
}

/* Where the value of a property line starts: after the first colon outside
 * a quoted parameter value (n when there is none). */
static size_t value_at(const char *line, size_t n)
{
    bool quoted = false;
    for (size_t i = 0; i < n; i++) {
        if (line[i] == '"')
            quoted = !quoted;
        else if (line[i] == ':' && !quoted)
            return i + 1;
    }
    return n;
}

/* The SUMMARY of a block as gather() would have it (unfolded, unescaped as
 * libical does, cleaned), without parsing the block; NULL when it has none. */
char *block_summary(const char *text, const struct block *b)
{
    if (!b->summary)
        return NULL;
    size_t pos = b->summary - 1, end = b->off + b->len;
    struct buf raw;
    buf_init(&raw, 0);
    /* the line and its continuations, each without its line break */
    for (bool first = true; pos < end && (first || text[pos] == ' ' || text[pos] == '\t');
         first = false) {
        const char *p = text + pos;
        const char *nl = memchr(p, '\n', end - pos);
        size_t l = nl ? (size_t)(nl - p) : end - pos;
        pos += l + (nl != NULL);
        if (l && p[l - 1] == '\r')
            l--;
        buf_add(&raw, p + !first, l - (!first && l));
    }
    buf_add(&raw, "", 1);
    size_t v = value_at(raw.data, raw.len - 1);
    /* libical's unescaping of a TEXT value */
    char *out = xmalloc(raw.len - v + 1), *w = out;
    for (const char *p = raw.data + v; *p; p++) {
        if (*p != '\\') {
            *w++ = *p;
            continue;
        }
        switch (*++p) {
        case '\0': p--; break;
        case 'n':
        case 'N': *w++ = '\n'; break;
        case 't':
        case 'T': *w++ = '\t'; break;
        case 'r':
        case 'R': *w++ = '\r'; break;
        case 'b':
        case 'B': *w++ = '\b'; break;
        case 'f':
        case 'F': *w++ = '\f'; break;
        case ';':
        case ',':
        case '"':
        case '\\': *w++ = *p; break;
        default: *w++ = ' '; break;
        }
    }
    *w = '\0';
    buf_free(&raw);
    char *summary = ical_clean(out, 0, 1000);
    free(out);
    return summary;
}

/* Adds a line to the calendar's skeleton: -1 past SKELETON_MAX. */
static int skel_add(struct cal_text *c, const char *line, size_t n)
{
    if (c->skel.len + n + 2 > SKELETON_MAX)
        return -1;
    buf_add(&c->skel, line, n);
    return buf_adds(&c->skel, "\r\n");
}

void cal_text_free(struct cal_text *c)
{
    buf_free(&c->skel);
    for (size_t i = 0; i < c->nev; i++)
        free(c->ev[i].key);
    free(c->ev);
}

/* Splits text into its calendars.  Returns -1 with e set when the feed is cut
 * short (a component never closed) or a calendar's skeleton is too big. */
int split_feed(const char *text, size_t len, struct cal_text **out, size_t *nout, struct cu_err *e)
{
    struct cal_text *cals = NULL;
    size_t ncals = 0, capcals = 0;
    enum { OUTSIDE, CAL, EVENT, ZONE, SKIP } mode = OUTSIDE;
    int depth = 0; /* nesting inside the current EVENT, ZONE or SKIP */
    size_t pos = len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3) ? 3 : 0, at = 0;
    const char *line;
    size_t n;
    char name[32];
    int rc = 0;
    struct cal_text *c = NULL;
    struct block *b = NULL;
    while (rc == 0 && (at = pos, next_line(text, len, &pos, &line, &n))) {
        int m = marker(text, len, pos, line, n, name);
        switch (mode) {
        case OUTSIDE:
            if (m > 0 && !strcasecmp(name, "VCALENDAR")) {
                cals = xgrow(cals, ncals, &capcals, sizeof(*cals), 2);
                c = &cals[ncals++];
                memset(c, 0, sizeof(*c));
                buf_init(&c->skel, 0);
                buf_adds(&c->skel, "BEGIN:VCALENDAR\r\n");
                mode = CAL;
            }
            break;
        case CAL:
            if (m < 0 && !strcasecmp(name, "VCALENDAR")) {
                mode = OUTSIDE;
            } else if (m > 0 && !strcasecmp(name, "VEVENT")) {
                c->ev = xgrow(c->ev, c->nev, &c->cap, sizeof(*c->ev), 64);
                b = &c->ev[c->nev++];
                memset(b, 0, sizeof(*b));
                b->off = at;
                mode = EVENT;
                depth = 1;
            } else if (m > 0) {
                /* the zones are kept; to-dos, journals and other components are not */
                mode = strcasecmp(name, "VTIMEZONE") ? SKIP : ZONE;
                depth = 1;
                if (mode == ZONE)
                    rc = skel_add(c, line, n);
            } else if (m == 0) {
                rc = skel_add(c, line, n); /* a property of the calendar */
            }                              /* else a stray END */
            break;
        case EVENT:
            if (m < 0 && !strcasecmp(name, "VCALENDAR")) {
                /* an event left open: it ends where its calendar does */
                b->len = at - b->off;
                mode = OUTSIDE;
                break;
            }
            depth += m > 0 ? 1 : m < 0 ? -1 : 0;
            if (depth == 1 && m == 0 && !b->key && prop_named(line, n, "UID"))
                b->key = uid_value(text, len, pos, line, n);
            if (depth == 1 && m == 0 && prop_named(line, n, "RECURRENCE-ID"))
                b->rid = true;
            if (depth == 1 && m == 0 && prop_named(line, n, "RRULE"))
                b->rrule = true;
            if (depth == 1 && m == 0 && prop_named(line, n, "SUMMARY"))
                b->summary = at + 1;
            if (depth == 1 && m == 0 && prop_named(line, n, "STATUS")) {
                size_t v = value_at(line, n);
                b->cancelled = n - v == 9 && !strncasecmp(line + v, "CANCELLED", 9);
            }
            if (depth == 0) {
                b->len = pos - b->off;
                mode = CAL;
            }
            break;
        case ZONE:
        case SKIP:
            depth += m > 0 ? 1 : m < 0 ? -1 : 0;
            if (mode == ZONE)
                rc = skel_add(c, line, n);
            if (depth == 0)
                mode = CAL;
            break;
        }
    }
    if (rc < 0)
        cu_errf(e,
                "a calendar in the feed has more than %u KiB of time zones and properties; "
                "catchup reads at most that",
                SKELETON_MAX >> 10);
    else if (mode != OUTSIDE || !ncals)
        rc = cu_errf(e, "the feed is cut short or malformed: its VCALENDAR is never closed "
                        "(no END:VCALENDAR)");
    if (rc < 0) {
        for (size_t i = 0; i < ncals; i++)
            cal_text_free(&cals[i]);
        free(cals);
        return -1;
    }
    *out = cals;
    *nout = ncals;
    return 0;
}

int by_block_key(const void *a, const void *b)
{
    const struct block *x = a, *y = b;
    if (!x->key || !y->key)
        return x->key ? 1 : y->key ? -1 : (x->off > y->off) - (x->off < y->off);
    int c = strcmp(x->key, y->key);
    return c ? c : (x->off > y->off) - (x->off < y->off);
}

/* Whether a property line of a VEVENT is one gather() reads (a name cut by
 * folding is kept: libical decides). */
static bool wanted_line(const char *line, size_t n, bool folded)
{
    static const char *const names[] = {
        "UID",        "SUMMARY", "LOCATION", "DESCRIPTION",   "URL",
        "CONFERENCE", "STATUS",  "DTSTART",  "DTEND",         "DURATION",
        "RRULE",      "RDATE",   "EXDATE",   "RECURRENCE-ID", "X-GOOGLE-CONFERENCE",
        "X-LIC-ERROR"};
    size_t name = 0;
    while (name < n && line[name] != ':' && line[name] != ';')
        name++;
    if (name == n)
        return folded;
    for (size_t i = 0; i < CU_ARRAY_LEN(names); i++)
        if (prop_named(line, n, names[i]))
            return true;
    return false;
}

/* The text of a block as libical needs it: the VEVENT with only the
 * properties gather() reads (libical's parse costs per property, and feeds
 * carry DTSTAMPs, ATTENDEE lists and alarms nobody here reads). */
char *block_text(const char *text, const struct block *b)
{
    struct buf t;
    buf_init(&t, 0);
    size_t pos = b->off, end = b->off + b->len;
    int depth = 0;
    char name[32];
    while (pos < end) {
        size_t at = pos;
        const char *line;
        size_t n;
        next_line(text, end, &pos, &line, &n);
        int m = marker(text, end, pos, line, n, name);
        bool folded = pos < end && (text[pos] == ' ' || text[pos] == '\t');
        bool keep;
        if (m > 0)
            keep = depth++ == 0;
        else if (m < 0)
            keep = --depth == 0;
        else
            keep = depth == 1 && wanted_line(line, n, folded);
        /* the line with its continuations, as written */
        while (pos < end && (text[pos] == ' ' || text[pos] == '\t')) {
            const char *l;
            size_t k;
            next_line(text, end, &pos, &l, &k);
        }
        if (keep)
            buf_add(&t, text + at, pos - at);
    }
    buf_add(&t, "", 1);
    return buf_take(&t);
}

/* The VEVENT a block's text parses into (*root to free), or NULL. */