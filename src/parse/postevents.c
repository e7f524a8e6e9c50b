/* postevents.c: see postevents.h.
 *
 * A line-based reading of the Markdown, not a parser: the document model of
 * markdown.c keeps no block structure for others, and the posts' "Events"
 * sections are short lists and sub-headings.  What counts as a heading, a
 * bullet or a code fence follows CommonMark's rules closely enough for them
 * (indentation up to three spaces, ATX and setext headings, ``` and ~~~). */
#define _GNU_SOURCE
#include "catchup/postevents.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catchup/text.h"
#include "catchup/url.h"

#define HALF_YEAR (183 * 86400L)

static const char *const month_names[12] = {"January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December"};

/* ---- lines ----------------------------------------------------------------- */

static int indent_of(const char *s)
{
    int n = 0;
    for (; *s == ' ' || *s == '\t'; s++)
        n += *s == '\t' ? 4 - n % 4 : 1;
    return n;
}

static bool blank(const char *s)
{
    return s[strspn(s, " \t")] == '\0';
}

/* An ATX heading ("## Text ##"): its level, and its text in *text (a new
 * string); 0 when the line is none. */
static int atx_heading(const char *s, char **text)
{
    if (indent_of(s) > 3)
        return 0;
    const char *p = s + strspn(s, " \t");
    int n = 0;
    while (p[n] == '#')
        n++;
    if (n < 1 || n > 6 || (p[n] && p[n] != ' ' && p[n] != '\t'))
        return 0;
    p += n;
    p += strspn(p, " \t");
    size_t len = strlen(p);
    while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
        len--;
    /* a closing run of '#' after a space */
    size_t k = len;
    while (k && p[k - 1] == '#')
        k--;
    if (k < len && (k == 0 || p[k - 1] == ' ' || p[k - 1] == '\t')) {
        len = k;
        while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
            len--;
    }
    *text = xstrndup(p, len);
    return n;
}

/* "===" or "---" under a paragraph line: 1 or 2, else 0. */
static int setext_underline(const char *s)
{
    if (indent_of(s) > 3)
        return 0;
    const char *p = s + strspn(s, " \t");
    char c = *p;
    if (c != '=' && c != '-')
        return 0;
    while (*p == c)
        p++;
    return blank(p) ? (c == '=' ? 1 : 2) : 0;
}

static bool thematic_break(const char *s)
{
    if (indent_of(s) > 3)
        return false;
    int count = 0;
    char c = 0;
    for (const char *p = s; *p; p++) {
        if (*p == ' ' || *p == '\t')
            continue;
        if ((*p != '-' && *p != '*' && *p != '_') || (c && *p != c))
            return false;
        c = *p;
        count++;
    }
    return count >= 3;
}

/* A list item's marker: returns the content (after the marker and its
 * spaces) and the marker's indent, or NULL when the line is no item. */
static const char *bullet(const char *s, int *indent)
{
    if (thematic_break(s))
        return NULL;
    *indent = indent_of(s);
    const char *p = s + strspn(s, " \t");
    if (*p == '-' || *p == '*' || *p == '+') {
        p++;
    } else {
        int d = 0;
        while (isdigit((unsigned char)p[d]) && d < 9)
            d++;
        if (!d || (p[d] != '.' && p[d] != ')'))
            return NULL;
        p += d + 1;
    }
    if (*p != ' ' && *p != '\t' && *p != '\0')
        return NULL;
    return p + strspn(p, " \t");
}

static bool fence(const char *s, char *ch, size_t *len)
{
    if (indent_of(s) > 3)
        return false;
    const char *p = s + strspn(s, " \t");
    if (*p != '`' && *p != '~')
        return false;
    size_t n = strspn(p, *p == '`' ? "`" : "~");
    if (n < 3)
        return false;
    *ch = *p;
    *len = n;
    return true;
}

/* ---- Markdown to plain text ------------------------------------------------ */

/* Length of a link destination at d ("url" in "[t](url)"): up to white
 * space or the ')' that closes the link, parentheses inside balanced. */
static size_t dest_len(const char *d)
{
    if (*d == '<')
        return strcspn(d, ">\n") + (d[strcspn(d, ">\n")] == '>');
    int depth = 0;
    size_t n = 0;
    for (; d[n] && d[n] != ' ' && d[n] != '\t' && d[n] != '\n'; n++) {
        if (d[n] == '(')
            depth++;
        else if (d[n] == ')' && depth-- == 0)
            break;
    }
    return n;
}

/* Drops link destinations, emphasis markers, code ticks and escapes:
 * "**[OPEA](https://opea.dev/)** days" -> "OPEA days".  '_' stays (AI_Dev). */
static char *plain(const char *md)
{
    struct buf b;
    buf_init(&b, 0);
    for (const char *p = md; *p;) {
        if (*p == '\\' && p[1] && ispunct((unsigned char)p[1])) {
            buf_add(&b, p + 1, 1);
            p += 2;
        } else if (*p == '!' && p[1] == '[') {
            p++;
        } else if (*p == ']' && p[1] == '(') {
            const char *d = p + 2 + dest_len(p + 2);
            const char *close = strchr(d, ')');
            p = close ? close + 1 : d;
        } else if (*p == '<' && (str_starts(p + 1, "http://") || str_starts(p + 1, "https://"))) {
            const char *close = strchr(p, '>');
            if (close) {
                buf_add(&b, p + 1, (size_t)(close - p - 1));
                p = close + 1;
            } else {
                buf_add(&b, p++, 1);
            }
        } else if (*p == '[' || *p == '*' || *p == '`' || (*p == '_' && p[1] == '_')) {
            p += *p == '_' ? 2 : 1;
        } else if (*p == '\n' || *p == '\t') {
            buf_adds(&b, " ");
            p++;
        } else {
            buf_add(&b, p++, 1);
        }
    }
    char *s = b.data ? buf_take(&b) : xstrdup("");
    buf_free(&b);
    /* collapse runs of spaces */
    char *w = s;
    for (char *r = s; *r; r++)
        if (!(*r == ' ' && (w == s || w[-1] == ' ')))
            *w++ = *r;
    *w = '\0';
    return str_trim(s);
}

/* ---- links ------------------------------------------------------------------ */

static char *clean_url(const char *p, size_t n)
{
    while (n && strchr(".,;:!?*_'\"", p[n - 1]))
        n--;
    char *u = xstrndup(p, n);
    if (!str_is_http_url(u)) {
        free(u);
        return NULL;
    }
    return u;
}

/* The first http(s) link in md: [text](url), or a URL in the text (<url>). */
static char *first_link(const char *md)
{
    for (const char *p = md; *p; p++) {
        if (*p == ']' && p[1] == '(') {
            const char *d = p + 2;
            d += strspn(d, " ");
            size_t n = dest_len(d);
            if (*d == '<') {
                d++;
                n = n >= 2 ? n - 2 : 0;
            }
            char *u = clean_url(d, n);
            if (u)
                return u;
        } else if (url_starts_at(md, p)) {
            char *u = clean_url(p, url_span(p));
            if (u)
                return u;
        }
    }
    return NULL;
}

/* ---- dates ----------------------------------------------------------------- */

/* A month name at p (capitalized, whole word: "May", "Sept.", "August");
 * returns 1..12 and the length, or 0. */
static int month_at(const char *s, const char *p, size_t *len)
{
    if (p > s && isalpha((unsigned char)p[-1]))
        return 0;
    if (!isupper((unsigned char)*p))
        return 0;
    for (int m = 0; m < 12; m++) {
        const char *name = month_names[m];
        size_t full = strlen(name);
        size_t n = 0;
        while (p[n] && isalpha((unsigned char)p[n]))
            n++;
        bool ok = (n == full && !strncasecmp(p, name, n)) || (n == 3 && !strncasecmp(p, name, 3)) ||
                  (m == 8 && n == 4 && !strncasecmp(p, "Sept", 4));
        if (ok) {
            *len = n + (p[n] == '.' && n < full);
            return m + 1;
        }
    }
    return 0;
}

/* A day number at p (1-2 digits, an ordinal suffix allowed, no digit after). */
static int day_at(const char *p, size_t *len)
{
    if (!isdigit((unsigned char)p[0]))
        return 0;
    size_t n = isdigit((unsigned char)p[1]) ? 2 : 1;
    if (isdigit((unsigned char)p[n]))
        return 0;
    int d = p[0] - '0';
    if (n == 2)
        d = d * 10 + p[1] - '0';
    if (!strncmp(p + n, "st", 2) || !strncmp(p + n, "nd", 2) || !strncmp(p + n, "rd", 2) ||
        !strncmp(p + n, "th", 2))
        n += 2;
    if (isalnum((unsigned char)p[n]))
        return 0;
    *len = n;
    return d >= 1 && d <= 31 ? d : 0;
}

/* "-13", " – 13": the end of a range of days. */
static int range_end_at(const char *p, size_t *len)
{
    size_t i = strspn(p, " ");
    if (p[i] == '-')
        i++;
    else if (!strncmp(p + i, "\u2013", 3) || !strncmp(p + i, "\u2014", 3))
        i += 3;
    else
        return 0;
    i += strspn(p + i, " ");
    size_t n;
    int d = day_at(p + i, &n);
    if (!d)
        return 0;
    *len = i + n;
    return d;
}

/* ", 2024" or " 2024" */
static int year_at(const char *p)
{
    size_t i = 0;
    if (p[i] == ',')
        i++;
    i += strspn(p + i, " ");
    if (i == 0 && p[0] != ' ')
        return 0;
    for (int k = 0; k < 4; k++)
        if (!isdigit((unsigned char)p[i + k]))
            return 0;
    if (isdigit((unsigned char)p[i + 4]))
        return 0;
    int y = atoi(p + i);
    return y >= 1900 && y <= 2200 ? y : 0;
}

static int days_in(int y, int m)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && ((y % 4 == 0 && y % 100) || y % 400 == 0) ? 29 : dm[m - 1];
}

struct found {
    int y, m, d, d2;
    const char *end; /* just past the date's day or range (its year not included) */
};

/* The first date written in text; y is 0 when it carries no year. */
static bool find_date(const char *text, struct found *f)
{
    for (const char *p = text; *p; p++) {
        memset(f, 0, sizeof(*f));
        size_t n, n2;
        /* 2024-06-12 */
        if (isdigit((unsigned char)p[0]) && (p == text || !isalnum((unsigned char)p[-1])) &&
            strnlen(p, 10) == 10 && p[4] == '-' && p[7] == '-' && !isdigit((unsigned char)p[10])) {
            bool digits = true;
            for (int k = 0; k < 10; k++)
                if (k != 4 && k != 7 && !isdigit((unsigned char)p[k]))
                    digits = false;
            if (digits) {
                f->y = atoi(p);
                f->m = atoi(p + 5);
                f->d = atoi(p + 8);
                f->end = p + 10;
                if (f->m >= 1 && f->m <= 12 && f->d >= 1)
                    return true;
            }
        }
        /* May 11, August 21st, June 12-13, 2024 */
        int m = month_at(text, p, &n);
        if (m) {
            const char *q = p + n;
            size_t sp = strspn(q, " ");
            int d = sp ? day_at(q + sp, &n2) : 0;
            if (d) {
                q += sp + n2;
                f->m = m;
                f->d = d;
                f->d2 = range_end_at(q, &n);
                if (f->d2)
                    q += n;
                f->y = year_at(q);
                f->end = q;
                return true;
            }
        }
        /* 28 May 2024, 12-13 June */
        if (p == text || !isalnum((unsigned char)p[-1])) {
            int d = day_at(p, &n);
            if (d) {
                const char *q = p + n;
                int d2 = range_end_at(q, &n2);
                if (d2)
                    q += n2;
                size_t sp = strspn(q, " ");
                if (sp && (m = month_at(text, q + sp, &n))) {
                    f->m = m;
                    f->d = d;
                    f->d2 = d2;
                    f->y = year_at(q + sp + n);
                    f->end = q + sp + n;
                    return true;
                }
            }
        }
    }
    return false;
}

/* Resolves a found date against the post's date into out/out_end. */
static void resolve_date(const struct found *f, const char *post_date, char out[11],
                         char out_end[11])
{
    out[0] = out_end[0] = '\0';
    int y = f->y;
    time_t anchor = post_date ? iso8601_parse(post_date) : -1;
    if (!y) {
        if (anchor == -1)
            return;
        struct tm tm;
        gmtime_r(&anchor, &tm);
        y = tm.tm_year + 1900;
        struct tm c = {.tm_year = y - 1900, .tm_mon = f->m - 1, .tm_mday = f->d};
        if (timegm(&c) < anchor - HALF_YEAR)
            y++;
    }
    if (f->d > days_in(y, f->m))
        return;
    snprintf(out, 11, "%04d-%02d-%02d", y, f->m, f->d);
    if (f->d2 > f->d && f->d2 <= days_in(y, f->m))
        snprintf(out_end, 11, "%04d-%02d-%02d", y, f->m, f->d2);
}

/* ---- titles ------------------------------------------------------------------ */

/* Cuts plain text at the first of the given separators found before max
 * bytes; returns whether it cut. */
static bool cut_at(char *s, const char *const *seps, size_t nseps, size_t max)
{
    char *best = NULL;
    for (size_t i = 0; i < nseps; i++) {
        char *at = strstr(s, seps[i]);
        if (at && at > s && (size_t)(at - s) <= max && (!best || at < best))
            best = at;
    }
    if (best)
        *best = '\0';
    return best != NULL;
}

static char *title_of(const char *md)
{
    /* the first paragraph only */
    size_t n = 0;
    while (md[n] && !(md[n] == '\n' && (md[n + 1] == '\n' || md[n + 1] == ' ')))
        n++;
    char *para = xstrndup(md, n);
    char *t = NULL;
    const char *lead = para + strspn(para, " ");
    if (str_starts(lead, "**") || str_starts(lead, "__")) {
        char mark[3] = {lead[0], lead[1], '\0'};
        const char *close = strstr(lead + 2, mark);
        if (close && close > lead + 2) {
            char *inner = xstrndup(lead + 2, (size_t)(close - lead - 2));
            t = plain(inner);
            free(inner);
        }
    }
    if (!t || !*t) {
        free(t);
        t = plain(para);
        static const char *const colon[] = {": "};
        static const char *const clause[] = {". ", ", ", " - ", " \u2013 ", " \u2014 ", "; "};
        size_t len = strlen(t);
        if (len && t[len - 1] == ':')
            t[len - 1] = '\0';
        else if (!cut_at(t, colon, 1, 100))
            cut_at(t, clause, CU_ARRAY_LEN(clause), 100);
    }
    free(para);
    str_trim(t);
    size_t len = strlen(t);
    while (len && strchr(".:;,", t[len - 1]))
        t[--len] = '\0';
    char *cut = text_truncate(t, 80);
    free(t);
    return cut;
}

/* ---- the section ------------------------------------------------------------- */

static void entry_free(struct post_event *ev)
{
    free(ev->title);
    free(ev->url);
    free(ev->text);
}

struct entry_buf {
    char *title_md; /* a sub-heading's text, or NULL for a bullet */
    struct buf text;
    bool open;
    bool has_bullets; /* a sub-heading holding bullets is not an entry */
};

struct out {
    struct post_event *v;
    size_t n, cap;
    const char *post_date;
};

static void finish(struct out *o, struct entry_buf *eb)
{
    if (!eb->open)
        return;
    eb->open = false;
    char *text = eb->text.data ? buf_take(&eb->text) : xstrdup("");
    buf_free(&eb->text);
    size_t lead = strspn(text, "\n");
    memmove(text, text + lead, strlen(text + lead) + 1);
    size_t len = strlen(text);
    while (len && (text[len - 1] == '\n' || text[len - 1] == ' '))
        text[--len] = '\0';
    char *title = eb->title_md ? plain(eb->title_md) : title_of(text);
    if (eb->has_bullets || !*title || (!eb->title_md && !*text)) {
        free(title);
        free(text);
        free(eb->title_md);
        eb->title_md = NULL;
        return;
    }
    o->v = xgrow(o->v, o->n, &o->cap, sizeof(*o->v), 8);
    struct post_event *ev = &o->v[o->n++];
    memset(ev, 0, sizeof(*ev));
    ev->title = title;
    char *all = xasprintf("%s\n%s", eb->title_md ? eb->title_md : "", text);
    ev->url = first_link(all);
    char *pl = plain(all);
    struct found f;
    if (find_date(pl, &f))
        resolve_date(&f, o->post_date, ev->date, ev->end_date);
    free(pl);
    free(all);
    ev->text = text;
    free(eb->title_md);
    eb->title_md = NULL;
}

static void start_entry(struct entry_buf *eb, char *title_md)
{
    eb->open = true;
    eb->title_md = title_md;
    eb->has_bullets = false;
    buf_init(&eb->text, 0);
}

static void add_line(struct entry_buf *eb, const char *s, int strip)
{
    int col = 0;
    while (*s && col < strip && (*s == ' ' || *s == '\t')) {
        col += *s == '\t' ? 4 - col % 4 : 1;
        s++;
    }
    buf_adds(&eb->text, s);
    buf_adds(&eb->text, "\n");
}

/* Reads the section lines[from..to) into entries.  A section of plain
 * paragraphs ("Check upcoming events [here](...)") gives one entry for each
 * paragraph with a link; in a section with bullets or sub-headings,
 * paragraphs are only prose around them. */
static void read_section(struct out *o, char **lines, size_t from, size_t to, int level)
{
    struct entry_buf sub = {0}, item = {0}, para = {0};
    struct out paras = {.post_date = o->post_date};
    size_t before = o->n;
    int item_indent = 0;
    bool prev_blank = false, in_code = false;
    char fch = 0;
    size_t flen = 0;
    for (size_t i = from; i < to; i++) {
        const char *s = lines[i];
        char c;
        size_t len;
        if (in_code || fence(s, &c, &len)) {
            if (!in_code) {
                in_code = true;
                fch = c;
                flen = len;
            } else if (fence(s, &c, &len) && c == fch && len >= flen &&
                       blank(s + strspn(s, " \t") + len)) {
                in_code = false;
            }
            if (item.open)
                add_line(&item, s, item_indent);
            else if (sub.open)
                add_line(&sub, s, 0);
            prev_blank = false;
            continue;
        }
        char *htext = NULL;
        int hl = atx_heading(s, &htext);
        int dummy;
        if (!hl && i + 1 < to && !blank(s) && !bullet(s, &dummy) &&
            setext_underline(lines[i + 1])) {
            hl = setext_underline(lines[i + 1]);
            htext = xstrdup(s + strspn(s, " \t"));
            i++;
        }
        if (hl) {
            finish(o, &item);
            finish(o, &sub);
            finish(&paras, &para);
            if (hl > level)
                start_entry(&sub, htext);
            else
                free(htext);
            prev_blank = false;
            continue;
        }
        int ind;
        const char *content = bullet(s, &ind);
        bool top = content && (!item.open ? ind <= 3 : ind < item_indent);
        if (content && top) {
            finish(o, &item);
            finish(&paras, &para);
            if (sub.open)
                sub.has_bullets = true;
            start_entry(&item, NULL);
            item_indent = (int)(content - s) > 0 ? (int)(content - s) : 2;
            add_line(&item, content, 0);
            prev_blank = false;
            continue;
        }
        if (blank(s)) {
            if (item.open)
                buf_adds(&item.text, "\n");
            else if (sub.open)
                buf_adds(&sub.text, "\n");
            finish(&paras, &para);
            prev_blank = true;
            continue;
        }
        if (item.open && (indent_of(s) >= 2 || !prev_blank)) {
            add_line(&item, s, item_indent);
        } else {
            finish(o, &item);
            if (sub.open) {
                add_line(&sub, s, 0);
            } else {
                if (!para.open)
                    start_entry(&para, NULL);
                add_line(&para, s, 0);
            }
        }
        prev_blank = false;
    }
    finish(o, &item);
    finish(o, &sub);
    finish(&paras, &para);
    bool prose_only = o->n == before;
    for (size_t i = 0; i < paras.n; i++) {
        if (prose_only && paras.v[i].url) {
            o->v = xgrow(o->v, o->n, &o->cap, sizeof(*o->v), 8);
            o->v[o->n++] = paras.v[i];
        } else {
            entry_free(&paras.v[i]);
        }
    }
    free(paras.v);
}

/* "Events", "Upcoming Events and Participation", "Event": the word, not
 * "Prevention". */
static bool names_events(const char *heading)
{
    char *p = plain(heading);
    bool yes = false;
    for (const char *at = p; !yes && (at = strcasestr(at, "event")); at++)
        yes = at == p || !isalpha((unsigned char)at[-1]);
    free(p);
    return yes;
}

size_t post_events_extract(const char *md, const char *post_date, struct post_event **out)
{
    *out = NULL;
    if (!md)
        return 0;
    char *text = text_sanitize(md, strlen(md), TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS);
    size_t nlines = 1;
    for (const char *p = text; *p; p++)
        nlines += *p == '\n';
    char **lines = xcalloc(nlines + 1, sizeof(*lines));
    size_t k = 0;
    for (char *p = text; p;) {
        lines[k++] = p;
        char *nl = strchr(p, '\n');
        if (nl)
            *nl++ = '\0';
        p = nl;
    }
    struct out o = {.post_date = post_date};
    bool in_code = false;
    char fch = 0;
    size_t flen = 0;
    for (size_t i = 0; i < k; i++) {
        char c;
        size_t len;
        if (fence(lines[i], &c, &len)) {
            if (!in_code) {
                in_code = true;
                fch = c;
                flen = len;
            } else if (c == fch && len >= flen) {
                in_code = false;
            }
            continue;
        }
        if (in_code)
            continue;
        char *h = NULL;
        int level = atx_heading(lines[i], &h);
        size_t body = i + 1;
        int dummy;
        if (!level && i + 1 < k && !blank(lines[i]) && !bullet(lines[i], &dummy) &&
            (level = setext_underline(lines[i + 1]))) {
            h = xstrdup(lines[i]);
            body = i + 2;
        }
        if (!level)
            continue;
        bool events = names_events(h);
        free(h);
        if (!events)
            continue;
        /* the section ends at a heading of the same or a higher level */
        size_t end = body;
        bool code = false;
        for (; end < k; end++) {
            if (fence(lines[end], &c, &len))
                code = !code;
            if (code)
                continue;
            char *h2 = NULL;
            int l2 = atx_heading(lines[end], &h2);
            free(h2);
            if (!l2 && end + 1 < k && !blank(lines[end]) && !bullet(lines[end], &dummy))
                l2 = setext_underline(lines[end + 1]);
            if (l2 && l2 <= level)
                break;
        }
        read_section(&o, lines, body, end, level);
        i = end - 1;
    }
    free(lines);
    free(text);
    *out = o.v;
    return o.n;
}

void post_events_free(struct post_event *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        entry_free(&v[i]);
    free(v);
}

/* The last date named in the dated part in parentheses of a post's title
 * ("(13-17 May 2024)": 17 May 2024; "(29 April - 03 May 2024)": 3 May), a
 * date without a year in the year the title or the post's date gives. */
static bool title_week_day(const char *title, const char *post_date, char out[11])
{
    const char *open = title ? strrchr(title, '(') : NULL;
    const char *close = open ? strchr(open, ')') : NULL;
    if (!close || close == open + 1 || close - open > 120)
        return false;
    char *inner = xstrndup(open + 1, (size_t)(close - open - 1));
    struct found f, last = {0};
    int year = 0;
    for (const char *p = inner; *p && find_date(p, &f); p = f.end) {
        last = f;
        if (f.y)
            year = f.y;
    }
    free(inner);
    if (!last.m)
        return false;
    if (!last.y)
        last.y = year;
    if (last.d2)
        last.d = last.d2;
    last.d2 = 0;
    char end[11];
    resolve_date(&last, post_date, out, end);
    return out[0] != '\0';
}

bool post_week_start(const char *title, const char *post_date, char out[11])
{
    char day[11];
    time_t t = -1;
    if (title_week_day(title, post_date, day)) {
        struct tm tm = {0};
        if (sscanf(day, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) == 3) {
            tm.tm_year -= 1900;
            tm.tm_mon -= 1;
            t = timegm(&tm);
        }
    }
    if (t == -1 && post_date)
        t = iso8601_parse(post_date);
    if (t == -1) {
        out[0] = '\0';
        return false;
    }
    struct tm tm;
    gmtime_r(&t, &tm);
    t -= (time_t)((tm.tm_wday + 6) % 7) * 86400;
    gmtime_r(&t, &tm);
    snprintf(out, 11, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    return true;
}

char *post_week_label(const char *title, const char *post_date, char monday_out[11])
{
    char buf[11];
    char *monday = monday_out ? monday_out : buf;
    if (post_week_start(title, post_date, monday)) {
        int y, m, d;
        if (sscanf(monday, "%4d-%2d-%2d", &y, &m, &d) == 3 && m >= 1 && m <= 12)
            return xasprintf("week of %d %.3s %d", d, month_names[m - 1], y);
    }
    return xstrdup(title && *title ? title : "an earlier post");
}

bool post_event_is_event(const char *title, const char *date)
{
    static const char *const kinds[] = {
        "conference", "conf",          "summit",   "kubecon", "cloudnativecon", "kcd",     "meetup",
        "hackathon",  "community day", "workshop", "webinar", "symposium",      "forum",   "expo",
        "keynote",    "panel",         "fosdem",   "pycon",   "devroom",        "bootcamp"};
    if (date && *date)
        return true;
    if (!title)
        return false;
    for (const char *p = title; *p; p++) {
        if (p > title && isalnum((unsigned char)p[-1]))
            continue;
        for (size_t i = 0; i < CU_ARRAY_LEN(kinds); i++) {
            size_t n = strlen(kinds[i]);
            if (strncasecmp(p, kinds[i], n))
                continue;
            /* the word or its plural: "Meetups", "Community Days", not "Conflict" */
            const char *after = p + n;
            if (*after == 's' || *after == 'S')
                after++;
            if (!isalnum((unsigned char)*after))
                return true;
        }
    }
    return false;
}
