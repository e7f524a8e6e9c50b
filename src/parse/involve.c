/* involve.c: see involve.h.  Line-based on purpose: the sections are
 * flat bullet lists, and the items are kept as Markdown so links survive
 * into the pane, where the reader numbers them. */
#define _GNU_SOURCE
#include "catchup/involve.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The heading level of a line ("## x" -> 2), 0 when it is not one. */
static int heading_level(const char *line, size_t n)
{
    int lvl = 0;
    while ((size_t)lvl < n && line[lvl] == '#')
        lvl++;
    if (lvl == 0 || lvl > 6 || (size_t)lvl >= n || line[lvl] != ' ')
        return 0;
    return lvl;
}

static bool contains_ci(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (!strncasecmp(s + i, needle, k))
            return true;
    return false;
}

/* Letters and digits only, lower case: "Join the conversation!" and
 * "join the conversation" are the same item. */
static char *words_of(const char *s)
{
    char *out = xmalloc(strlen(s) + 1);
    size_t k = 0;
    bool in_url = false;
    for (const char *p = s; *p; p++) {
        /* link targets differ in tracking bits; compare the visible words */
        if (p[0] == ']' && p[1] == '(')
            in_url = true;
        else if (in_url && *p == ')')
            in_url = false;
        else if (!in_url && (isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80))
            out[k++] = (char)tolower((unsigned char)*p);
    }
    out[k] = '\0';
    return out;
}

static void add_item(struct strv *bullets, struct buf *item)
{
    if (!item->len)
        return;
    char *text = xstrdup(item->data);
    str_trim(text);
    buf_reset(item);
    char *w = words_of(text);
    bool dup = !*w;
    for (size_t i = 0; i < bullets->n && !dup; i++) {
        char *o = words_of(bullets->v[i]);
        dup = !strcmp(o, w);
        free(o);
    }
    free(w);
    if (dup)
        free(text);
    else
        strv_push_take(bullets, text);
}

/* The text after a list marker ("- ", "* ", "+ ", "1. "), or NULL. */
static const char *after_marker(const char *line, size_t n)
{
    size_t i = 0;
    while (i < n && i < 3 && line[i] == ' ')
        i++;
    if (i + 1 < n && strchr("-*+", line[i]) && line[i + 1] == ' ')
        return line + i + 2;
    size_t d = i;
    while (d < n && isdigit((unsigned char)line[d]))
        d++;
    if (d > i && d + 1 < n && (line[d] == '.' || line[d] == ')') && line[d + 1] == ' ')
        return line + d + 2;
    return NULL;
}

void involve_collect(const char *md, struct strv *bullets)
{
    int section = 0; /* level of the heading we are under, 0 = outside */
    struct buf item;
    buf_init(&item, 1 << 16);
    bool full = false; /* the item reached the cap: it ends there */
    const char *p = md;
    while (*p) {
        const char *eol = strchr(p, '\n');
        size_t n = eol ? (size_t)(eol - p) : strlen(p);
        int lvl = heading_level(p, n);
        if (lvl) {
            add_item(bullets, &item);
            if (section && lvl <= section)
                section = 0;
            if (!section && contains_ci(p, n, "get involved"))
                section = lvl;
        } else if (section) {
            const char *text = after_marker(p, n);
            if (text) {
                add_item(bullets, &item);
                full = buf_add(&item, text, n - (size_t)(text - p)) < 0;
            } else if (n && (p[0] == ' ' || p[0] == '\t') && item.len) {
                /* a continuation of the item, unless it ended at the cap */
                const char *t = p;
                while (*t == ' ' || *t == '\t')
                    t++;
                size_t len = item.len;
                if (!full &&
                    (buf_add(&item, " ", 1) < 0 || buf_add(&item, t, n - (size_t)(t - p)) < 0)) {
                    item.len = len; /* without the space */
                    item.data[len] = '\0';
                    full = true;
                }
            } else {
                add_item(bullets, &item);
            }
        }
        p += n + (eol ? 1 : 0);
    }
    add_item(bullets, &item);
    buf_free(&item);
}
