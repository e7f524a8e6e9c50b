/* issues.c: see issues.h. */
#define _GNU_SOURCE
#include "catchup/issues.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "catchup/text.h"

static char *jtext(json_t *o, const char *key, unsigned flags)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? text_sanitize(s, strlen(s), flags) : NULL;
}

static char *jurl(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    if (!s || !str_is_http_url(s) || url_has_userinfo(s))
        return NULL;
    char *safe = text_sanitize(s, strlen(s), 0);
    if (strcmp(safe, s)) {
        free(safe);
        return NULL;
    }
    return safe;
}

static char *jlogin(json_t *o)
{
    return jtext(json_object_get(o, "user"), "login", 0);
}

static json_t *load(const char *body, size_t len, struct cu_err *e)
{
    json_error_t je;
    json_t *j = json_loadb(body, len, 0, &je);
    if (!j)
        cu_errf(e, "not valid JSON (line %d: %s)", je.line, je.text);
    return j;
}

static int not_list(json_t *j, const char *what, struct cu_err *e)
{
    const char *m = json_is_object(j) ? json_string_value(json_object_get(j, "message")) : NULL;
    char *safe = m ? text_sanitize(m, strlen(m), 0) : NULL;
    if (safe)
        cu_errf(e, "not %s: GitHub says \"%s\"", what, safe);
    else
        cu_errf(e, "not %s", what);
    free(safe);
    json_decref(j);
    return -1;
}

int gh_issues_parse(const char *body, size_t len, struct gh_issue **out, size_t *n,
                    struct cu_err *e)
{
    *out = NULL;
    *n = 0;
    json_t *j = load(body, len, e);
    if (!j)
        return -1;
    json_t *arr = json_is_object(j) ? json_object_get(j, "items") : j;
    if (!json_is_array(arr))
        return not_list(j, "a list of issues", e);
    struct gh_issue *v = xcalloc(json_array_size(arr) + 1, sizeof(*v));
    size_t k = 0, i;
    json_t *o;
    json_array_foreach(arr, i, o)
    {
        json_t *num = json_object_get(o, "number");
        const char *title = json_string_value(json_object_get(o, "title"));
        if (!json_is_integer(num) || json_integer_value(num) <= 0 || !title)
            continue;
        struct gh_issue *is = &v[k++];
        is->number = (long)json_integer_value(num);
        is->title = text_sanitize(title, strlen(title), 0);
        is->state = jtext(o, "state", 0);
        is->author = jlogin(o);
        is->body = jtext(o, "body", TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS);
        if (!is->body)
            is->body = xstrdup("");
        is->created_at = jtext(o, "created_at", 0);
        is->updated_at = jtext(o, "updated_at", 0);
        is->url = jurl(o, "html_url");
        json_t *c = json_object_get(o, "comments");
        is->comments = json_is_integer(c) ? (long)json_integer_value(c) : 0;
        is->is_pr = json_object_get(o, "pull_request") != NULL;
        size_t li;
        json_t *l;
        json_array_foreach(json_object_get(o, "labels"), li, l)
        {
            char *name = json_is_string(l)
                             ? text_sanitize(json_string_value(l), strlen(json_string_value(l)), 0)
                             : jtext(l, "name", 0);
            if (name)
                strv_push_take(&is->labels, name);
        }
    }
    json_decref(j);
    *out = v;
    *n = k;
    return 0;
}

void gh_issue_clear(struct gh_issue *is)
{
    free(is->title);
    free(is->state);
    free(is->author);
    free(is->body);
    free(is->created_at);
    free(is->updated_at);
    free(is->url);
    strv_free(&is->labels);
    memset(is, 0, sizeof(*is));
}

void gh_issues_free(struct gh_issue *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        gh_issue_clear(&v[i]);
    free(v);
}

int gh_comments_parse(const char *body, size_t len, struct gh_comment **out, size_t *n,
                      struct cu_err *e)
{
    *out = NULL;
    *n = 0;
    json_t *j = load(body, len, e);
    if (!j)
        return -1;
    if (!json_is_array(j))
        return not_list(j, "a list of comments", e);
    struct gh_comment *v = xcalloc(json_array_size(j) + 1, sizeof(*v));
    size_t k = 0, i;
    json_t *o;
    json_array_foreach(j, i, o)
    {
        if (!json_is_object(o))
            continue;
        struct gh_comment *c = &v[k++];
        c->author = jlogin(o);
        c->body = jtext(o, "body", TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS);
        if (!c->body)
            c->body = xstrdup("");
        c->created_at = jtext(o, "created_at", 0);
        c->url = jurl(o, "html_url");
    }
    json_decref(j);
    *out = v;
    *n = k;
    return 0;
}

void gh_comments_free(struct gh_comment *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].author);
        free(v[i].body);
        free(v[i].created_at);
        free(v[i].url);
    }
    free(v);
}

/* ---- titles ------------------------------------------------------------ */

/* Skips a bracket expression starting at p ('['); returns what follows. */
static const char *skip_bracket(const char *p)
{
    p++;
    if (*p == '^')
        p++;
    if (*p == ']')
        p++;
    while (*p && *p != ']') {
        if (*p == '[' && (p[1] == ':' || p[1] == '.' || p[1] == '=')) {
            const char *close = strstr(p + 2, (char[]){p[1], ']', 0});
            p = close ? close + 2 : p + strlen(p);
            continue;
        }
        p++;
    }
    return *p ? p + 1 : p;
}

/* Skips a parenthesized group starting at p ('('); returns what follows. */
static const char *skip_group(const char *p)
{
    int depth = 0;
    while (*p) {
        if (*p == '\\' && p[1])
            p += 2;
        else if (*p == '[')
            p = skip_bracket(p);
        else if (*p == '(' && ++depth)
            p++;
        else if (*p == ')' && !--depth)
            return p + 1;
        else
            p++;
    }
    return p;
}

static bool top_alternation(const char *p)
{
    while (*p) {
        if (*p == '\\' && p[1])
            p += 2;
        else if (*p == '[')
            p = skip_bracket(p);
        else if (*p == '(')
            p = skip_group(p);
        else if (*p++ == '|')
            return true;
    }
    return false;
}

/* The run's text as search words: letters, digits and what joins them. */
static char *words_of(const struct buf *run)
{
    struct buf b;
    buf_init(&b, 0);
    bool space = false;
    for (size_t i = 0; i < run->len; i++) {
        unsigned char c = (unsigned char)run->data[i];
        if (isalnum(c) || c >= 0x80 || ((c == '-' || c == '.' || c == '_') && b.len && !space)) {
            if (space && b.len)
                buf_add(&b, " ", 1);
            space = false;
            buf_add(&b, &run->data[i], 1);
        } else {
            space = true;
        }
    }
    while (b.len && strchr("-._", b.data[b.len - 1]))
        b.data[--b.len] = '\0';
    if (b.len < 3) {
        buf_free(&b);
        return NULL;
    }
    return buf_take(&b);
}

char *issue_ere_words(const char *ere)
{
    if (!ere || top_alternation(ere))
        return NULL;
    struct buf run, best;
    buf_init(&run, 0);
    buf_init(&best, 0);
    for (const char *p = ere;;) {
        bool brk = false;
        char c = *p;
        if (!c || c == '.' || c == '^' || c == '$' || c == '+') {
            brk = true;
            p += c != '\0';
        } else if (c == '[') {
            brk = true;
            p = skip_bracket(p);
        } else if (c == '(') {
            brk = true;
            p = skip_group(p);
        } else if (c == '*' || c == '?' || c == '{') {
            /* the character before may be absent */
            if (run.len)
                run.data[--run.len] = '\0';
            brk = true;
            p = c == '{' ? (strchr(p, '}') ? strchr(p, '}') + 1 : p + strlen(p)) : p + 1;
        } else if (c == '\\' && p[1] && !isalnum((unsigned char)p[1])) {
            buf_add(&run, p + 1, 1);
            p += 2;
        } else if (c == '\\') {
            brk = true;
            p += p[1] ? 2 : 1;
        } else {
            buf_add(&run, p, 1);
            p++;
        }
        if (brk) {
            if (run.len > best.len) {
                buf_reset(&best);
                buf_add(&best, run.data, run.len);
            }
            buf_reset(&run);
            if (!c)
                break;
        }
    }
    buf_free(&run);
    char *w = best.len ? words_of(&best) : NULL;
    buf_free(&best);
    return w;
}

static bool valid_day(const char *s)
{
    for (int i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : !isdigit((unsigned char)s[i]))
            return false;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1970 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return false;
    return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

char *issue_title_date(const char *title)
{
    size_t n = strlen(title);
    for (size_t i = 0; i + 10 <= n; i++) {
        if (i && isdigit((unsigned char)title[i - 1]))
            continue;
        if (i + 10 < n && isdigit((unsigned char)title[i + 10]))
            continue;
        if (valid_day(title + i))
            return xstrndup(title + i, 10);
    }
    return NULL;
}

/* Whether s says nothing but a date: the date, spaces and punctuation. */
static bool only_date(const char *s)
{
    char *day = issue_title_date(s);
    if (!day)
        return false;
    const char *at = strstr(s, day);
    free(day);
    for (const char *p = s; *p; p++) {
        if (p == at)
            p += 9;
        else if (isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80)
            return false;
    }
    return true;
}

char *issue_post_title(const char *title, char **about)
{
    const char *p = title;
    struct buf marker;
    buf_init(&marker, 0);
    *about = NULL;
    while (*p == ' ')
        p++;
    while (*p == '[') {
        const char *close = strchr(p, ']');
        if (!close)
            break;
        if (marker.len)
            buf_add(&marker, " ", 1);
        buf_add(&marker, p + 1, (size_t)(close - p - 1));
        p = close + 1;
        while (*p == ' ' || *p == ':' || *p == '\t')
            p++;
    }
    if (!*p || p == title || !marker.len) {
        buf_free(&marker);
        return xstrdup(title);
    }
    if (only_date(p))
        return buf_take(&marker);
    *about = buf_take(&marker);
    return xstrdup(p);
}

char *issue_markdown(const struct gh_issue *is, const struct gh_comment *c, size_t n)
{
    struct buf b;
    buf_init(&b, 0);
    if (*is->body)
        buf_adds(&b, is->body);
    else
        buf_adds(&b, "*No description.*");
    for (size_t i = 0; i < n; i++) {
        char day[11] = "";
        if (c[i].created_at && strlen(c[i].created_at) >= 10)
            snprintf(day, sizeof(day), "%.10s", c[i].created_at);
        buf_addf(&b, "\n\n---\n\n#### %s%s%s\n\n", c[i].author ? c[i].author : "someone",
                 *day ? ", " : "", day);
        buf_adds(&b, *c[i].body ? c[i].body : "*Empty comment.*");
    }
    buf_adds(&b, "\n");
    return buf_take(&b);
}
