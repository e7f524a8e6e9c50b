/* board.c: see board.h.  The board's model: item kinds, keys, what an
 * item's links and status mean, the order the pane and the command show.
 * Reading GitHub's GraphQL and REST answers is board_json.c's job. */
#define _GNU_SOURCE
#include "catchup/board.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catchup/links.h"
#include "catchup/text.h"
#include "board_int.h"

const char *board_kind_name(enum board_kind k)
{
    switch (k) {
    case BOARD_PR: return "pr";
    case BOARD_DRAFT: return "draft";
    default: return "issue";
    }
}

int board_kind_parse(const char *name)
{
    if (!name)
        return -1;
    if (!strcmp(name, "issue"))
        return BOARD_ISSUE;
    if (!strcmp(name, "pr"))
        return BOARD_PR;
    if (!strcmp(name, "draft"))
        return BOARD_DRAFT;
    return -1;
}

void board_item_free(struct board_item *it)
{
    if (!it)
        return;
    free(it->key);
    free(it->repo);
    free(it->title);
    free(it->body);
    free(it->url);
    free(it->state);
    free(it->status);
    strv_free(&it->labels);
    strv_free(&it->assignees);
    free(it->updated);
    free(it->prev_status);
    free(it->prev_state);
    memset(it, 0, sizeof(*it));
}

void board_items_free(struct board_item *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        board_item_free(&v[i]);
    free(v);
}

void board_page_free(struct board_page *p)
{
    if (!p)
        return;
    board_items_free(p->items, p->n);
    free(p->end_cursor);
    free(p->title);
    free(p->url);
    memset(p, 0, sizeof(*p));
}

bool board_github_name(const char *s, size_t n)
{
    if (n == 0 || n > 100)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.'))
            return false;
    }
    /* "." and ".." would walk up an API path */
    return !(s[0] == '.' && (n == 1 || (n == 2 && s[1] == '.')));
}

char *board_key(const char *repo, int number)
{
    char *k = xasprintf("%s#%d", repo, number);
    for (char *p = k; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p + 32);
    return k;
}

/* ---- links --------------------------------------------------------------- */

bool board_issue_ref(const char *url, char *repo, size_t cap, int *number)
{
    if (!url)
        return false;
    const char *p = url;
    if (!strncasecmp(p, "https://", 8))
        p += 8;
    else if (!strncasecmp(p, "http://", 7))
        p += 7;
    else
        return false;
    if (!strncasecmp(p, "www.", 4))
        p += 4;
    if (strncasecmp(p, "github.com/", 11))
        return false;
    p += 11;
    const char *owner = p;
    size_t olen = strcspn(owner, "/");
    if (owner[olen] != '/' || !board_github_name(owner, olen))
        return false;
    const char *name = owner + olen + 1;
    size_t nlen = strcspn(name, "/");
    if (name[nlen] != '/' || !board_github_name(name, nlen))
        return false;
    const char *kind = name + nlen + 1;
    const char *digits;
    if (!strncmp(kind, "issues/", 7))
        digits = kind + 7;
    else if (!strncmp(kind, "pull/", 5))
        digits = kind + 5;
    else
        return false;
    size_t dlen = strspn(digits, "0123456789");
    char after = digits[dlen];
    if (dlen == 0 || dlen > 9 || digits[0] == '0' || (after >= 'a' && after <= 'z') ||
        (after >= 'A' && after <= 'Z') || after == '_')
        return false;
    /* The canonical form, checked by the classifier every view uses. */
    char canon[320];
    snprintf(canon, sizeof(canon), "https://github.com/%.*s/%.*s/%.*s/%.*s", (int)olen, owner,
             (int)nlen, name, (int)(digits - kind - 1), kind, (int)dlen, digits);
    char check[256];
    int n;
    if (!link_github_issue(canon, check, sizeof(check), &n) || olen + 1 + nlen + 1 > cap)
        return false;
    snprintf(repo, cap, "%s", check);
    *number = n;
    return true;
}

/* Characters that may continue a URL written in Markdown; ( ) [ ] < > and
 * quotes end it, as Markdown's own delimiters. */
static const char URL_CHARS[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                "0123456789-._~:/?#@!$&+,;=%";

void board_scan_links(const char *md, board_link_cb found, void *arg)
{
    if (!md)
        return;
    for (const char *p = md; (p = strcasestr(p, "github.com/")); p += 11) {
        const char *h = p;
        if (h - md >= 4 && !strncasecmp(h - 4, "www.", 4))
            h -= 4;
        const char *start;
        if (h - md >= 8 && !strncasecmp(h - 8, "https://", 8))
            start = h - 8;
        else if (h - md >= 7 && !strncasecmp(h - 7, "http://", 7))
            start = h - 7;
        else
            continue;
        size_t n = strspn(start, URL_CHARS);
        if (n >= 512)
            continue;
        char url[512];
        memcpy(url, start, n);
        url[n] = '\0';
        char repo[256];
        int number;
        if (board_issue_ref(url, repo, sizeof(repo), &number))
            found(repo, number, url, arg);
    }
}

/* ---- meaning and order ---------------------------------------------------- */

static bool contains_ci(const char *hay, const char *needle)
{
    return strcasestr(hay, needle) != NULL;
}

bool board_status_done(const char *status)
{
    static const char *const done[] = {"done", "closed", "complete", "completed", "finished"};
    if (!status)
        return false;
    for (size_t i = 0; i < CU_ARRAY_LEN(done); i++)
        if (!str_casecmp(status, done[i]))
            return true;
    return false;
}

bool board_item_open(const struct board_item *it)
{
    bool open = it->state && (!strcmp(it->state, "open") || !strcmp(it->state, "draft"));
    return open && !board_status_done(it->status);
}

bool board_item_labelled(const struct board_item *it, const struct strv *labels)
{
    if (it->kind == BOARD_DRAFT)
        return false;
    for (size_t i = 0; i < it->labels.n; i++)
        for (size_t k = 0; k < labels->n; k++)
            if (!str_casecmp(it->labels.v[i], labels->v[k]))
                return true;
    return false;
}

char *board_labels_text(const struct strv *labels)
{
    struct buf b;
    buf_init(&b, 0);
    buf_adds(&b, labels->n > 2 ? "labels " : "label ");
    for (size_t i = 0; i < labels->n; i++) {
        if (i)
            buf_adds(&b, i + 1 == labels->n ? " or " : ", ");
        buf_adds(&b, labels->v[i]);
    }
    return buf_take(&b);
}

int board_status_rank(const char *s)
{
    if (!s || !*s)
        return 3;
    if (board_status_done(s))
        return 4;
    if (contains_ci(s, "progress") || contains_ci(s, "doing") || contains_ci(s, "review") ||
        contains_ci(s, "active"))
        return 0;
    if (contains_ci(s, "todo") || contains_ci(s, "to do") || contains_ci(s, "ready") ||
        contains_ci(s, "next"))
        return 1;
    return 2;
}

static int cmp_nullable(const char *a, const char *b, bool ci)
{
    if (!a || !b)
        return (a == NULL) - (b == NULL);
    return ci ? str_casecmp(a, b) : strcmp(a, b);
}

int board_item_cmp(const struct board_item *a, const struct board_item *b)
{
    bool oa = board_item_open(a), ob = board_item_open(b);
    if (oa != ob)
        return oa ? -1 : 1;
    int ra = board_status_rank(a->status), rb = board_status_rank(b->status);
    if (ra != rb)
        return ra - rb;
    int c = cmp_nullable(a->status, b->status, true);
    if (c)
        return c;
    /* newest first; no date last */
    if (a->updated && b->updated && (c = strcmp(b->updated, a->updated)))
        return c;
    if (!a->updated != !b->updated)
        return a->updated ? -1 : 1;
    if (a->position != b->position)
        return a->position < b->position ? -1 : 1;
    return cmp_nullable(a->key, b->key, false);
}

static int cmp_items(const void *a, const void *b)
{
    return board_item_cmp(a, b);
}

void board_sort(struct board_item *v, size_t n)
{
    if (n > 1)
        qsort(v, n, sizeof(*v), cmp_items);
}

const char *board_title_tag(const char *title, char *tag, size_t cap)
{
    if (cap)
        tag[0] = '\0';
    if (!title || title[0] != '[')
        return title;
    const char *close = strchr(title, ']');
    /* a short tag of one phrase: not a link "[x](y)" nor "[a] [b]" */
    if (!close || close - title < 2 || close - title > 64 ||
        memchr(title + 1, '[', (size_t)(close - title - 1)))
        return title;
    const char *rest = close + 1;
    if (*rest == '(')
        return title;
    if (*rest == ':')
        rest++;
    while (*rest == ' ')
        rest++;
    if (!*rest || *rest == '[')
        return title;
    const char *from = title + 1, *to = close;
    while (from < to && *from == ' ')
        from++;
    while (to > from && to[-1] == ' ')
        to--;
    if (from == to)
        return title;
    if (cap)
        snprintf(tag, cap, "%.*s", (int)(to - from), from);
    return rest;
}
