/* agenda.c: see agenda.h. */
#define _GNU_SOURCE
#include "catchup/agenda.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catchup/html.h"
#include "catchup/links.h"
#include "catchup/text.h"
#include "catchup/url.h"

static const char *const wday_names[7] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char *const month_abbr[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* ---- local time ----------------------------------------------------------- */

/* The n decimal digits of v (0 <= v < 10^n) at p; returns p + n.  The
 * agenda writes dates and times with these, not snprintf's "%02d": glibc
 * pads a number in about 1 µs, and a year's agenda writes 100,000 of them. */
static char *digits(char *p, long v, int n)
{
    for (int i = n - 1; i >= 0; i--, v /= 10)
        p[i] = (char)('0' + v % 10);
    return p + n;
}

/* "YYYY-MM-DD" of tm at p (a year of four digits); returns the end. */
static char *ymd(char *p, const struct tm *tm)
{
    p = digits(p, tm->tm_year + 1900L, 4);
    *p++ = '-';
    p = digits(p, tm->tm_mon + 1, 2);
    *p++ = '-';
    return digits(p, tm->tm_mday, 2);
}

/* "HH:MM" of tm at p; returns the end. */
static char *hhmm(char *p, const struct tm *tm)
{
    p = digits(p, tm->tm_hour, 2);
    *p++ = ':';
    return digits(p, tm->tm_min, 2);
}

static bool four_digit_year(const struct tm *tm)
{
    return tm->tm_year + 1900L >= 0 && tm->tm_year + 1900L <= 9999;
}

/* Copies len bytes of s into out (n bytes), cut to fit, as snprintf would. */
static void put(char *out, size_t n, const char *s, size_t len)
{
    if (!n)
        return;
    if (len >= n)
        len = n - 1;
    memcpy(out, s, len);
    out[len] = '\0';
}

time_t agenda_local_midnight(const char *date)
{
    int y, m, d;
    char tail;
    if (!date || sscanf(date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 ||
        d < 1 || d > 31)
        return -1;
    struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_isdst = -1};
    return mktime(&tm);
}

time_t agenda_add_days(time_t t, int days)
{
    struct tm tm;
    localtime_r(&t, &tm);
    tm.tm_mday += days;
    tm.tm_isdst = -1;
    return mktime(&tm);
}

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static long tm_day(const struct tm *tm)
{
    return days_from_civil(tm->tm_year + 1900, tm->tm_mon + 1, tm->tm_mday);
}

static long local_day(time_t t)
{
    struct tm tm;
    localtime_r(&t, &tm);
    return tm_day(&tm);
}

void agenda_day_label(time_t t, time_t now, char *out, size_t n)
{
    long diff = local_day(t) - local_day(now);
    if (diff == 0) {
        snprintf(out, n, "Today");
        return;
    }
    if (diff == 1) {
        snprintf(out, n, "Tomorrow");
        return;
    }
    if (diff == -1) {
        snprintf(out, n, "Yesterday");
        return;
    }
    struct tm tm, tn;
    localtime_r(&t, &tm);
    localtime_r(&now, &tn);
    if (tm.tm_year == tn.tm_year)
        snprintf(out, n, "%s %d %s", wday_names[tm.tm_wday], tm.tm_mday, month_abbr[tm.tm_mon]);
    else
        snprintf(out, n, "%s %d %s %d", wday_names[tm.tm_wday], tm.tm_mday, month_abbr[tm.tm_mon],
                 tm.tm_year + 1900);
}

void agenda_date(time_t t, char *out, size_t n)
{
    struct tm tm;
    localtime_r(&t, &tm);
    if (!four_digit_year(&tm)) {
        snprintf(out, n, "%s %04d-%02d-%02d", wday_names[tm.tm_wday], tm.tm_year + 1900,
                 tm.tm_mon + 1, tm.tm_mday);
        return;
    }
    char s[16];
    memcpy(s, wday_names[tm.tm_wday], 3);
    s[3] = ' ';
    put(out, n, s, (size_t)(ymd(s + 4, &tm) - s));
}

void agenda_day_month(time_t t, char *out, size_t n)
{
    struct tm tm;
    localtime_r(&t, &tm);
    snprintf(out, n, "%d %s", tm.tm_mday, month_abbr[tm.tm_mon]);
}

static void short_day(time_t t, char *out, size_t n)
{
    struct tm tm;
    localtime_r(&t, &tm);
    snprintf(out, n, "%s %d %s", wday_names[tm.tm_wday], tm.tm_mday, month_abbr[tm.tm_mon]);
}

void agenda_times(const struct agenda_item *it, const char *sep, char *out, size_t n)
{
    if (it->all_day) {
        time_t last = agenda_add_days(it->end, -1);
        if (local_day(last) <= local_day(it->start)) {
            snprintf(out, n, "all day");
        } else {
            char day[32];
            short_day(last, day, sizeof(day));
            snprintf(out, n, "all day, until %s", day);
        }
        return;
    }
    struct tm a, b;
    localtime_r(&it->start, &a);
    localtime_r(&it->end, &b);
    char s[64];
    size_t lsep = strnlen(sep, sizeof(s) - 11); /* a separator is a character or two */
    if (it->end <= it->start) {
        put(out, n, s, (size_t)(hhmm(s, &a) - s));
    } else if (tm_day(&b) == tm_day(&a) ||
               (tm_day(&b) == tm_day(&a) + 1 && b.tm_hour == 0 && b.tm_min == 0)) {
        char *p = hhmm(s, &a);
        memcpy(p, sep, lsep);
        put(out, n, s, (size_t)(hhmm(p + lsep, &b) - s));
    } else {
        char day[32];
        short_day(it->end, day, sizeof(day));
        snprintf(out, n, "%02d:%02d%s%s %02d:%02d", a.tm_hour, a.tm_min, sep, day, b.tm_hour,
                 b.tm_min);
    }
}

void agenda_countdown(time_t start, time_t end, time_t now, char *out, size_t n)
{
    if (start <= now) {
        snprintf(out, n, "%s", end > now ? "now" : "");
        return;
    }
    long mins = (long)((start - now + 59) / 60);
    long d = mins / 1440, h = mins % 1440 / 60, m = mins % 60;
    if (d && h)
        snprintf(out, n, "in %ld d %ld h", d, h);
    else if (d)
        snprintf(out, n, "in %ld d", d);
    else if (h && m)
        snprintf(out, n, "in %ld h %ld min", h, m);
    else if (h)
        snprintf(out, n, "in %ld h", h);
    else
        snprintf(out, n, "in %ld min", m);
}

void agenda_iso(time_t t, char *out, size_t n)
{
    struct tm tm;
    localtime_r(&t, &tm);
    long off = tm.tm_gmtoff;
    char sign = off < 0 ? '-' : '+';
    if (off < 0)
        off = -off;
    if (!four_digit_year(&tm) || off >= 100 * 3600L) {
        snprintf(out, n, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld", tm.tm_year + 1900,
                 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, sign, off / 3600,
                 off % 3600 / 60);
        return;
    }
    char s[32], *p = ymd(s, &tm);
    *p++ = 'T';
    p = hhmm(p, &tm);
    *p++ = ':';
    p = digits(p, tm.tm_sec, 2);
    *p++ = sign;
    p = digits(p, off / 3600, 2);
    *p++ = ':';
    p = digits(p, off % 3600 / 60, 2);
    put(out, n, s, (size_t)(p - s));
}

/* ---- links and places ------------------------------------------------------ */

char *agenda_first_link(const char *text)
{
    if (!text)
        return NULL;
    char *h = html_first_href(text);
    if (h)
        return h;
    for (const char *p = text; *p; p++) {
        if (!url_starts_at(text, p))
            continue;
        char *u = xstrndup(p, url_span(p));
        if (str_is_http_url(u))
            return u;
        free(u);
    }
    return NULL;
}

char *agenda_place(const char *location)
{
    if (!location || !*location)
        return xstrdup("");
    const char *url = NULL;
    for (const char *p = location; *p && !url; p++)
        if (url_starts_at(location, p))
            url = p;
    if (!url)
        return xstrdup(location);
    size_t n = (size_t)(url - location);
    while (n && strchr(" ,;:-\u00a0", location[n - 1]))
        n--;
    if (n)
        return xstrndup(location, n);
    char *u = xstrndup(url, url_span(url));
    const char *name = link_video_call(u);
    char *host = name ? NULL : url_host_dup(u);
    free(u);
    if (name)
        return xstrdup(name);
    return host ? host : xstrdup(location);
}

char *agenda_item_place(const struct agenda_item *it)
{
    char *place = agenda_place(it->location);
    if (!*place && it->join_url) {
        free(place);
        place = xstrdup(link_video_call(it->join_url));
    }
    return place;
}

/* The first video-call URL in text, or NULL. */
static char *join_in(const char *text)
{
    if (!text)
        return NULL;
    for (const char *p = text; *p; p++) {
        if (!url_starts_at(text, p))
            continue;
        size_t n = url_span(p);
        char *u = xstrndup(p, n);
        if (str_is_http_url(u) && link_video_call(u))
            return u;
        free(u);
        p += n ? n - 1 : 0;
    }
    return NULL;
}

char *agenda_join_link(const char *location, const char *url, const char *conference,
                       const char *description)
{
    const char *const where[] = {location, url, conference, description};
    for (size_t i = 0; i < CU_ARRAY_LEN(where); i++) {
        char *u = join_in(where[i]);
        if (u)
            return u;
    }
    return NULL;
}

const char *agenda_item_open_url(const struct agenda_item *it)
{
    return it->join_url ? it->join_url : it->link;
}

/* ---- descriptions as Markdown ---------------------------------------------- */

/* Plain text as Markdown that reads as the text: URLs stay URLs (the reader
 * numbers them), everything Markdown would interpret is escaped, and line
 * breaks stay line breaks. */
static void md_plain(struct buf *b, const char *text)
{
    bool prev_blank = true;
    for (const char *line = text; *line;) {
        size_t len = strcspn(line, "\n");
        const char *next = line[len] ? line + len + 1 : line + len;
        const char *p = line + strspn(line, " \t");
        const char *end = line + len;
        while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
            end--;
        if (p == end) {
            if (!prev_blank)
                buf_adds(b, "\n");
            prev_blank = true;
            line = next;
            continue;
        }
        /* what would start a block: list markers, headings, quotes, tables */
        if (strchr("-+*#>|=", *p) ||
            (isdigit((unsigned char)*p) &&
             (p[strspn(p, "0123456789")] == '.' || p[strspn(p, "0123456789")] == ')')))
            buf_adds(b, isdigit((unsigned char)*p) ? "" : "\\");
        for (const char *q = p; q < end;) {
            if (url_starts_at(line, q)) {
                size_t n = url_span(q);
                if (q + n > end)
                    n = (size_t)(end - q);
                if (n) {
                    buf_add(b, q, n);
                    q += n;
                    /* punctuation right after a URL would be read into it */
                    if (q < end && ispunct((unsigned char)*q))
                        buf_add(b, "\\", 1);
                    if (q < end)
                        buf_add(b, q++, 1);
                    continue;
                }
            }
            if (isdigit((unsigned char)*q) && q == p) {
                size_t d = strspn(q, "0123456789");
                buf_add(b, q, d);
                q += d;
                if (q < end && (*q == '.' || *q == ')'))
                    buf_add(b, "\\", 1);
                continue;
            }
            if (strchr("\\`*_[]<>#|~!&", *q))
                buf_add(b, "\\", 1);
            buf_add(b, q, 1);
            q++;
        }
        /* a hard break unless the paragraph ends here */
        const char *after = next + strspn(next, " \t");
        buf_adds(b, *next && *after != '\n' && *after ? "  \n" : "\n");
        prev_blank = false;
        line = next;
    }
}

/* One line of plain text inside a paragraph (no line break after it). */
static void md_inline(struct buf *b, const char *text)
{
    size_t before = b->len;
    char *flat = xstrdup(text);
    for (char *p = flat; *p; p++)
        if (*p == '\n')
            *p = ' ';
    md_plain(b, flat);
    free(flat);
    while (b->len > before && b->data[b->len - 1] == '\n')
        b->data[--b->len] = '\0';
}

char *agenda_item_markdown(const struct agenda_item *it)
{
    struct buf b;
    buf_init(&b, 0);
    buf_adds(&b, "# ");
    md_inline(&b, it->title);
    buf_adds(&b, "\n\n**When:** ");
    char when[160], day[48], times[96];
    if (it->from_post && !it->start_date[0]) {
        snprintf(when, sizeof(when), "no date given");
    } else {
        short_day(it->start, day, sizeof(day));
        struct tm tm;
        localtime_r(&it->start, &tm);
        agenda_times(it, "\u2013", times, sizeof(times));
        if (it->all_day)
            snprintf(when, sizeof(when), "%s %d, %s", day, tm.tm_year + 1900, times);
        else
            snprintf(when, sizeof(when), "%s %d, %s (%s)", day, tm.tm_year + 1900, times,
                     tm.tm_zone);
    }
    md_inline(&b, when);
    if (it->join_url) {
        /* the join link is the document's first link */
        char *first = agenda_first_link(it->location);
        if (!first || strcmp(first, it->join_url)) {
            buf_adds(&b, "  \n**Join:** ");
            md_inline(&b, it->join_url);
        }
        free(first);
    }
    if (it->moved && it->rule_start != it->start) {
        char was[64];
        struct agenda_item rule = *it;
        rule.start = rule.end = it->rule_start;
        short_day(it->rule_start, was, sizeof(was));
        agenda_times(&rule, "-", times, sizeof(times));
        buf_addf(&b, "  \n**Moved** from %s %s", was, times);
    }
    if (it->prev_start && it->prev_start != it->start) {
        char was[64];
        struct agenda_item prev = *it;
        prev.start = prev.end = it->prev_start;
        short_day(it->prev_start, was, sizeof(was));
        agenda_times(&prev, "-", times, sizeof(times));
        buf_addf(&b, "  \n**Was** %s %s before the last refresh", was, times);
    }
    if (it->location && *it->location) {
        buf_adds(&b, "  \n**Where:** ");
        md_inline(&b, it->location);
    }
    if (it->from_post) {
        buf_adds(&b, "  \n**Mentioned in:** ");
        md_inline(&b, it->post_title && *it->post_title ? it->post_title
                      : it->week                        ? it->week
                                                        : "a post");
        if (it->post_id) {
            buf_adds(&b, " (");
            md_inline(&b, it->post_id);
            buf_adds(&b, ")");
        }
    } else if (it->calendar_name || it->calendar) {
        buf_adds(&b, "  \n**Calendar:** ");
        md_inline(&b, it->calendar_name ? it->calendar_name : it->calendar);
    }
    if (it->link) {
        buf_adds(&b, "  \n**Link:** ");
        md_inline(&b, it->link);
    }
    buf_adds(&b, "\n\n---\n\n");
    if (it->description && *it->description) {
        if (it->from_post) {
            buf_adds(&b, it->description);
            buf_adds(&b, "\n");
        } else if (html_looks_like(it->description)) {
            char *t = html_to_text(it->description);
            md_plain(&b, t);
            free(t);
        } else {
            md_plain(&b, it->description);
        }
    } else {
        buf_adds(&b, "*No description.*\n");
    }
    char *out = buf_take(&b);
    buf_free(&b);
    return out;
}

/* ---- loading ------------------------------------------------------------------- */

/* The items' strings live in blocks freed with the agenda: a series' text
 * is held once for all its occurrences, and an agenda of 20,000 items is
 * not 200,000 allocations. */
#define POOL_BLOCK (64u << 10)

struct agenda_pool {
    struct agenda_pool *next;
    size_t used, cap;
    char data[];
};

static char *pool_dup(struct agenda *a, const char *s)
{
    if (!s)
        return NULL;
    size_t len = strlen(s) + 1;
    struct agenda_pool *p = a->pool;
    if (!p || p->cap - p->used < len) {
        size_t cap = len > POOL_BLOCK / 4 ? len : POOL_BLOCK;
        p = xmalloc(sizeof(*p) + cap);
        p->used = 0;
        p->cap = cap;
        if (cap == len && a->pool) {
            /* a big string gets a block of its own, behind the current one */
            p->next = a->pool->next;
            a->pool->next = p;
        } else {
            p->next = a->pool;
            a->pool = p;
        }
    }
    char *out = p->data + p->used;
    memcpy(out, s, len);
    p->used += len;
    return out;
}

/* pool_dup of a malloc'd string, which is freed. */
static char *pool_take(struct agenda *a, char *s)
{
    char *out = pool_dup(a, s);
    free(s);
    return out;
}

void agenda_free(struct agenda *a)
{
    free(a->v);
    while (a->pool) {
        struct agenda_pool *next = a->pool->next;
        free(a->pool);
        a->pool = next;
    }
    post_event_rows_free(a->mentions, a->nmentions);
    cal_infos_free(a->cals, a->ncals);
    memset(a, 0, sizeof(*a));
}

static struct agenda_item *push(struct agenda *a, size_t *cap)
{
    a->v = xgrow(a->v, a->n, cap, sizeof(*a->v), 32);
    struct agenda_item *it = &a->v[a->n++];
    memset(it, 0, sizeof(*it));
    return it;
}

static bool overlaps(time_t start, time_t end, time_t from, time_t to)
{
    return start < to && (end > from || (start >= from && end <= start));
}

static int by_time(const void *x, const void *y)
{
    const struct agenda_item *a = x, *b = y;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->all_day != b->all_day)
        return a->all_day ? -1 : 1;
    int c = strcmp(a->title, b->title);
    if (c)
        return c;
    /* the store hands out a start's occurrences in no set order */
    if (a->from_post != b->from_post)
        return a->from_post ? 1 : -1;
    if ((c = strcmp(a->uid ? a->uid : "", b->uid ? b->uid : "")))
        return c;
    return strcmp(a->rid ? a->rid : "", b->rid ? b->rid : "");
}

struct mention_key {
    char monday[11]; /* "" sorts last */
    size_t index;    /* the store's order: newest post first */
};

static int by_week_desc(const void *x, const void *y)
{
    const struct mention_key *a = x, *b = y;
    int c = strcmp(b->monday, a->monday);
    if (c)
        return c;
    return a->index < b->index ? -1 : a->index > b->index;
}

/* Keeps the post entries that are events, labels each with its week in one
 * format (a cache written by an earlier version holds other labels), puts
 * the newest week first and counts the newest AGENDA_MENTION_WEEKS weeks'. */
static void tidy_mentions(struct agenda *a)
{
    if (!a->nmentions)
        return;
    size_t n = 0, ndropped = 0;
    struct mention_key *keys = xcalloc(a->nmentions, sizeof(*keys));
    struct post_event_row *dropped = xcalloc(a->nmentions, sizeof(*dropped));
    for (size_t i = 0; i < a->nmentions; i++) {
        struct post_event_row r = a->mentions[i];
        if (!post_event_is_event(r.title, r.date)) {
            dropped[ndropped++] = r;
            continue;
        }
        free(r.week);
        /* a post's entries are together: its week is worked out once */
        if (n && !strcmp(a->mentions[n - 1].post_id, r.post_id)) {
            r.week = xstrdup(a->mentions[n - 1].week);
            memcpy(keys[n].monday, keys[n - 1].monday, sizeof(keys[n].monday));
        } else {
            r.week = post_week_label(r.post_title, r.post_date, keys[n].monday);
        }
        keys[n].index = n;
        a->mentions[n++] = r;
    }
    post_event_rows_free(dropped, ndropped);
    qsort(keys, n, sizeof(*keys), by_week_desc);
    struct post_event_row *sorted = xcalloc(n + 1, sizeof(*sorted));
    for (size_t i = 0; i < n; i++)
        sorted[i] = a->mentions[keys[i].index];
    free(a->mentions);
    a->mentions = sorted;
    a->nmentions = n;
    size_t weeks = 0, recent = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || strcmp(a->mentions[i].week, a->mentions[i - 1].week))
            weeks++;
        if (weeks > AGENDA_MENTION_WEEKS)
            break;
        recent++;
    }
    a->nmentions_recent = recent;
    free(keys);
}

/* The local date of t moved by days, as "YYYY-MM-DD"; what out of range
 * stands for, when t has no date of four digits. */
static void local_date(time_t t, int days, const char *out_of_range, char out[11])
{
    time_t d = agenda_add_days(t, days);
    struct tm tm;
    if (!localtime_r(&d, &tm) || tm.tm_year + 1900 < 0 || tm.tm_year + 1900 > 9999)
        snprintf(out, 11, "%s", out_of_range);
    else
        snprintf(out, 11, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* What the occurrences of one stored event share, kept once. */
struct shared {
    char *summary; /* the title of the last occurrence that had it */
    char *uid, *location, *link, *join_url, *description, *calendar, *calendar_name;
};

struct loading {
    struct agenda *a;
    size_t cap;
    time_t from, to;
    struct id_map ids; /* event -> index into seen */
    struct shared *seen;
    size_t nseen, capseen;
};

/* The shared record of an event (new: its text is in o). */
static struct shared *shared_of(struct loading *l, const struct occ_row *o)
{
    bool added = true;
    size_t i = o->event ? id_map_put(&l->ids, o->event, l->nseen, &added) : 0;
    if (!added)
        return &l->seen[i];
    l->seen = xgrow(l->seen, l->nseen, &l->capseen, sizeof(*l->seen), 64);
    struct shared *sh = &l->seen[l->nseen++];
    memset(sh, 0, sizeof(*sh));
    struct agenda *a = l->a;
    sh->uid = pool_dup(a, o->uid);
    sh->location = pool_dup(a, o->location);
    sh->link = *o->url ? pool_dup(a, o->url) : pool_take(a, agenda_first_link(o->description));
    if (!sh->link)
        sh->link = pool_take(a, agenda_first_link(o->location));
    sh->join_url =
        pool_take(a, agenda_join_link(o->location, o->url, o->conference, o->description));
    sh->description = pool_dup(a, o->description);
    sh->calendar = pool_dup(a, o->calendar);
    sh->calendar_name = pool_dup(a, o->calendar_name);
    return sh;
}

static int add_occurrence(const struct occ_row *o, void *arg)
{
    struct loading *l = arg;
    struct agenda *a = l->a;
    /* first: the event's text comes with its first occurrence only (one
     * without an event row shares nothing) */
    struct shared *sh = shared_of(l, o);
    time_t start = o->start, end = o->end;
    if (o->all_day) {
        start = agenda_local_midnight(o->start_date);
        end = agenda_local_midnight(o->end_date);
        if (start == -1 || end == -1)
            return 0;
    }
    if (!overlaps(start, end, l->from, l->to))
        return 0;
    if (!sh->summary || strcmp(sh->summary, o->summary))
        sh->summary = pool_dup(a, o->summary);
    struct agenda_item *it = push(a, &l->cap);
    it->title = sh->summary;
    it->location = sh->location;
    it->link = sh->link;
    it->join_url = sh->join_url;
    it->description = sh->description;
    it->calendar = sh->calendar;
    it->calendar_name = sh->calendar_name;
    it->uid = sh->uid;
    it->rid = pool_dup(a, o->rid);
    it->start = start;
    it->end = end;
    it->all_day = o->all_day;
    memcpy(it->start_date, o->start_date, sizeof(it->start_date));
    memcpy(it->end_date, o->end_date, sizeof(it->end_date));
    it->moved = o->rule_start != o->start;
    it->rule_start = o->rule_start;
    it->prev_start = o->prev_start;
    return 0;
}

static int load(struct store *s, const char *grp, time_t from, time_t to, bool all_mentions,
                struct agenda *out, struct cu_err *e)
{
    struct agenda a = {0};
    struct loading l = {.a = &a, .from = from, .to = to};
    /* a day more on each side: the exact test is overlaps() below */
    char from_date[11], to_date[11];
    local_date(from, -1, "0000-00-00", from_date);
    local_date(to, 1, "9999-99-99", to_date);
    int rc = store_calendars(s, grp, &a.cals, &a.ncals, e) < 0 ||
                     store_occurrences_each(s, grp, from, to, add_occurrence, &l, e) < 0 ||
                     (all_mentions ? store_post_events(s, grp, &a.mentions, &a.nmentions, e)
                                   : store_post_events_between(s, grp, from_date, to_date,
                                                               &a.mentions, &a.nmentions, e)) < 0
                 ? -1
                 : 0;
    free(l.seen);
    id_map_free(&l.ids);
    if (rc < 0) {
        agenda_free(&a);
        return -1;
    }
    tidy_mentions(&a);
    for (size_t i = 0; i < a.nmentions; i++) {
        const struct post_event_row *r = &a.mentions[i];
        time_t start = agenda_local_midnight(r->date);
        if (start == -1)
            continue;
        time_t last = r->end_date[0] ? agenda_local_midnight(r->end_date) : start;
        time_t end = agenda_add_days(last == -1 ? start : last, 1);
        if (!overlaps(start, end, from, to))
            continue;
        struct agenda_item *it = push(&a, &l.cap);
        it->from_post = true;
        it->title = pool_dup(&a, r->title);
        it->location = pool_dup(&a, "");
        it->link = pool_dup(&a, r->url ? r->url : r->post_url);
        it->description = pool_dup(&a, r->text);
        it->post_id = pool_dup(&a, r->post_id);
        it->week = pool_dup(&a, r->week);
        it->post_title = pool_dup(&a, r->post_title);
        it->start = start;
        it->end = end;
        it->all_day = true;
        memcpy(it->start_date, r->date, sizeof(it->start_date));
        struct tm tm;
        localtime_r(&end, &tm);
        snprintf(it->end_date, sizeof(it->end_date), "%04d-%02d-%02d", tm.tm_year + 1900,
                 tm.tm_mon + 1, tm.tm_mday);
        it->rule_start = start;
    }
    if (a.n)
        qsort(a.v, a.n, sizeof(*a.v), by_time);
    *out = a;
    return 0;
}

int agenda_load(struct store *s, const char *grp, time_t from, time_t to, struct agenda *out,
                struct cu_err *e)
{
    return load(s, grp, from, to, true, out, e);
}

int agenda_load_window(struct store *s, const char *grp, time_t from, time_t to, struct agenda *out,
                       struct cu_err *e)
{
    return load(s, grp, from, to, false, out, e);
}
