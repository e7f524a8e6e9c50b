/* board.c: see board.h. */
#define _GNU_SOURCE
#include "catchup/board.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catchup/links.h"
#include "catchup/text.h"

/* Longer titles, labels and names than GitHub allows are cut: a hostile
 * answer cannot make one row of the cache huge. */
enum { MAX_TITLE = 1024, MAX_NAME = 256, MAX_LIST = 50, MAX_ID = 128, MAX_URL = 2048 };
/* GitHub caps a draft's body at 65536 characters; four bytes each at most. */
enum { MAX_BODY = 4 * 65536 };

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

/* ---- small JSON helpers ------------------------------------------------- */

static const char *jstr(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

/* A sanitized copy of a JSON string cut to max bytes (never inside a code
 * point: the cut is sanitized again), or NULL when it is not a string. */
static char *clean(json_t *v, size_t max, unsigned flags)
{
    const char *s = json_string_value(v);
    if (!s)
        return NULL;
    size_t n = json_string_length(v);
    char *t = text_sanitize(s, n, flags);
    if (strlen(t) > max) {
        char *cut = text_sanitize(t, max, flags);
        free(t);
        t = cut;
    }
    return t;
}

static char *clean_url(json_t *v)
{
    const char *s = json_string_value(v);
    if (!s || !str_is_http_url(s) || url_has_userinfo(s) || strlen(s) > MAX_URL)
        return NULL;
    /* GitHub's URLs are ASCII; anything else is not one of them */
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p <= 0x20 || *p >= 0x7f)
            return NULL;
    return xstrdup(s);
}

/* ISO 8601 normalized to UTC "Z", or NULL. */
static char *clean_time(json_t *v)
{
    const char *s = json_string_value(v);
    time_t t = s ? iso8601_parse(s) : -1;
    if (t == -1)
        return NULL;
    char out[32];
    iso8601_utc(t, out);
    return xstrdup(out);
}

/* The later of two normalized times (either may be NULL); takes both. */
static char *later(char *a, char *b)
{
    if (!a)
        return b;
    if (!b)
        return a;
    if (strcmp(a, b) >= 0) {
        free(b);
        return a;
    }
    free(a);
    return b;
}

/* Appends the names of a GraphQL connection ({nodes: [{field: ...}]}) or a
 * REST array ([{field: ...}] or ["..."]). */
static void add_names(json_t *v, const char *field, struct strv *out)
{
    json_t *arr = json_is_object(v) ? json_object_get(v, "nodes") : v;
    size_t i;
    json_t *e;
    json_array_foreach(arr, i, e)
    {
        if (out->n >= MAX_LIST)
            break;
        char *name = clean(json_is_string(e) ? e : json_object_get(e, field), MAX_NAME, 0);
        if (name && *name && !strv_contains(out, name))
            strv_push_take(out, name);
        else
            free(name);
    }
}

static bool github_name(const char *s, size_t n)
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

/* "owner/repo" with GitHub names on both sides. */
static bool valid_repo(const char *s)
{
    const char *slash = s ? strchr(s, '/') : NULL;
    return slash && github_name(s, (size_t)(slash - s)) &&
           github_name(slash + 1, strlen(slash + 1));
}

char *board_key(const char *repo, int number)
{
    char *k = xasprintf("%s#%d", repo, number);
    for (char *p = k; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p + 32);
    return k;
}

/* ---- GraphQL ---------------------------------------------------------------- */

/* Issue and PullRequest fields share names and types (closed, not state:
 * IssueState and PullRequestState would conflict in one selection). */
static const char BOARD_QUERY[] =
    "query OrgProjectWithItems($login: String!, $number: Int!, $firstItems: Int!, "
    "$afterItems: String) { organization(login: $login) { projectV2(number: $number) { "
    "title url items(first: $firstItems, after: $afterItems) { totalCount "
    "pageInfo { endCursor hasNextPage } nodes { id type updatedAt content { __typename "
    "... on DraftIssue { title body updatedAt assignees(first: 10) { nodes { login } } } "
    "... on Issue { title number url closed updatedAt repository { nameWithOwner } "
    "labels(first: 20) { nodes { name } } assignees(first: 10) { nodes { login } } } "
    "... on PullRequest { title number url closed merged updatedAt "
    "repository { nameWithOwner } labels(first: 20) { nodes { name } } "
    "assignees(first: 10) { nodes { login } } } } "
    "fieldValues(first: 50) { nodes { __typename "
    "... on ProjectV2ItemFieldSingleSelectValue { name "
    "field { ... on ProjectV2FieldCommon { name } } } } } } } } } }";

char *board_query_json(const char *org, int number, int first, const char *after)
{
    json_t *vars = json_object();
    json_object_set_new(vars, "login", json_string(org));
    json_object_set_new(vars, "number", json_integer(number));
    json_object_set_new(vars, "firstItems", json_integer(first));
    json_object_set_new(vars, "afterItems", after ? json_string(after) : json_null());
    json_t *body = json_object();
    json_object_set_new(body, "query", json_string(BOARD_QUERY));
    json_object_set_new(body, "variables", vars);
    char *s = json_dumps(body, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(body);
    if (!s) {
        fputs("catchup: out of memory\n", stderr);
        exit(CU_EXIT_FAIL);
    }
    return s;
}

/* The Status single-select value among an item's field values, or NULL. */
static char *item_status(json_t *node)
{
    json_t *vals = json_object_get(json_object_get(node, "fieldValues"), "nodes");
    size_t i;
    json_t *v;
    json_array_foreach(vals, i, v)
    {
        const char *t = jstr(v, "__typename");
        const char *field = jstr(json_object_get(v, "field"), "name");
        if (t && !strcmp(t, "ProjectV2ItemFieldSingleSelectValue") && field &&
            !str_casecmp(field, "Status")) {
            char *s = clean(json_object_get(v, "name"), MAX_NAME, 0);
            if (s && *s)
                return s;
            free(s);
        }
    }
    return NULL;
}

/* The state of Issue or PullRequest content: "state" when given (OPEN,
 * CLOSED, MERGED), else the closed and merged flags. */
static char *content_state(json_t *c)
{
    const char *st = jstr(c, "state");
    if (st) {
        if (!str_casecmp(st, "OPEN"))
            return xstrdup("open");
        if (!str_casecmp(st, "MERGED"))
            return xstrdup("merged");
        if (!str_casecmp(st, "CLOSED"))
            return xstrdup("closed");
    }
    if (json_is_true(json_object_get(c, "merged")))
        return xstrdup("merged");
    json_t *closed = json_object_get(c, "closed");
    if (json_is_boolean(closed))
        return xstrdup(json_is_true(closed) ? "closed" : "open");
    return NULL;
}

/* One node of items.nodes; false when it is not an item we can show. */
static bool parse_node(json_t *node, struct board_item *it)
{
    json_t *c = json_object_get(node, "content");
    const char *type = jstr(c, "__typename");
    if (!json_is_object(c) || !type)
        return false;
    memset(it, 0, sizeof(*it));
    it->on_board = true;
    if (!strcmp(type, "DraftIssue")) {
        const char *id = jstr(node, "id");
        if (!id || !*id || strlen(id) > MAX_ID)
            return false;
        char *cid = text_sanitize(id, strlen(id), 0);
        it->kind = BOARD_DRAFT;
        it->key = xasprintf("draft:%s", cid);
        free(cid);
        it->state = xstrdup("draft");
        it->body = clean(json_object_get(c, "body"), MAX_BODY, TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS);
        if (it->body && !*it->body) {
            free(it->body);
            it->body = NULL;
        }
    } else if (!strcmp(type, "Issue") || !strcmp(type, "PullRequest")) {
        const char *repo = jstr(json_object_get(c, "repository"), "nameWithOwner");
        json_int_t number = json_integer_value(json_object_get(c, "number"));
        if (!valid_repo(repo) || number <= 0 || number > 999999999)
            return false;
        it->kind = !strcmp(type, "Issue") ? BOARD_ISSUE : BOARD_PR;
        it->repo = xstrdup(repo);
        it->number = (int)number;
        it->key = board_key(repo, it->number);
        it->url = clean_url(json_object_get(c, "url"));
        it->state = content_state(c);
        if (!it->state)
            it->state = xstrdup("open");
        add_names(json_object_get(c, "labels"), "name", &it->labels);
    } else {
        return false;
    }
    it->title = clean(json_object_get(c, "title"), MAX_TITLE, 0);
    if (!it->title || !*it->title) {
        free(it->title);
        it->title = it->repo ? xasprintf("%s#%d", it->repo, it->number) : xstrdup("(untitled)");
    }
    add_names(json_object_get(c, "assignees"), "login", &it->assignees);
    it->updated = later(clean_time(json_object_get(c, "updatedAt")),
                        clean_time(json_object_get(node, "updatedAt")));
    it->status = item_status(node);
    return true;
}

static bool scopes_error(json_t *err)
{
    const char *type = jstr(err, "type");
    const char *msg = jstr(err, "message");
    if (type)
        return !strcmp(type, "INSUFFICIENT_SCOPES");
    /* GitHub's older shape had no type, only the sentence. */
    return msg && strstr(msg, "not been granted the required scopes");
}

static enum board_gql errors_kind(json_t *errors, struct cu_err *e)
{
    size_t i;
    json_t *err;
    json_array_foreach(errors, i, err)
    {
        if (scopes_error(err)) {
            char *m = clean(json_object_get(err, "message"), 400, 0);
            cu_errf(e, "%s", m ? m : "INSUFFICIENT_SCOPES");
            free(m);
            return BOARD_GQL_SCOPES;
        }
    }
    json_array_foreach(errors, i, err)
    {
        const char *type = jstr(err, "type");
        if (type && !strcmp(type, "NOT_FOUND")) {
            char *m = clean(json_object_get(err, "message"), 400, 0);
            cu_errf(e, "%s", m ? m : "NOT_FOUND");
            free(m);
            return BOARD_GQL_NOT_FOUND;
        }
    }
    json_t *first = json_array_get(errors, 0);
    char *m = clean(json_object_get(first, "message"), 400, 0);
    const char *type = jstr(first, "type");
    char *t = type ? text_sanitize(type, strlen(type), 0) : NULL;
    cu_errf(e, "%s%s%s", t ? t : "", t && m ? ": " : "",
            m   ? m
            : t ? ""
                : "an error without a message");
    free(m);
    free(t);
    return BOARD_GQL_ERROR;
}

enum board_gql board_parse_page(const char *json, size_t len, long first_position,
                                struct board_page *out, struct cu_err *e)
{
    json_error_t je;
    json_t *root = json_loadb(json, len, 0, &je);
    if (!root) {
        cu_errf(e, "the answer is not valid JSON (line %d: %s)", je.line, je.text);
        return BOARD_GQL_BAD;
    }
    enum board_gql rc = BOARD_GQL_OK;
    json_t *errors = json_object_get(root, "errors");
    bool has_errors = json_is_array(errors) && json_array_size(errors) > 0;
    json_t *project = json_object_get(
        json_object_get(json_object_get(root, "data"), "organization"), "projectV2");
    json_t *items = json_object_get(project, "items");
    json_t *nodes = json_object_get(items, "nodes");
    if (has_errors) {
        /* Errors about single items come with the rest of the page; a missing
         * scope or a missing board leaves nothing to read. */
        struct cu_err ee;
        enum board_gql kind = errors_kind(errors, &ee);
        if (kind == BOARD_GQL_SCOPES || !json_is_array(nodes)) {
            cu_errf(e, "%s", ee.msg);
            json_decref(root);
            return kind;
        }
    }
    if (!json_is_object(root) || !json_is_array(nodes)) {
        cu_errf(e, "the answer has no project items (%s)",
                !json_is_object(root) ? "not an object"
                : project             ? "no items.nodes"
                                      : "no data.organization.projectV2");
        json_decref(root);
        return BOARD_GQL_BAD;
    }
    struct board_page p = {0};
    json_t *info = json_object_get(items, "pageInfo");
    p.has_next = json_is_true(json_object_get(info, "hasNextPage"));
    const char *cursor = jstr(info, "endCursor");
    if (cursor && *cursor && strlen(cursor) <= 1024)
        p.end_cursor = text_sanitize(cursor, strlen(cursor), 0);
    json_t *total = json_object_get(items, "totalCount");
    p.total = json_is_integer(total) ? (long)json_integer_value(total) : -1;
    p.title = clean(json_object_get(project, "title"), MAX_TITLE, 0);
    p.url = clean_url(json_object_get(project, "url"));
    size_t n = json_array_size(nodes);
    p.items = xcalloc(n ? n : 1, sizeof(*p.items));
    for (size_t i = 0; i < n; i++) {
        struct board_item *it = &p.items[p.n];
        if (parse_node(json_array_get(nodes, i), it)) {
            it->position = first_position + (long)i;
            p.n++;
        } else {
            board_item_free(it);
            p.skipped++;
        }
    }
    *out = p;
    json_decref(root);
    return rc;
}

/* ---- REST ------------------------------------------------------------------ */

int board_parse_issue(const char *json, size_t len, struct board_item *out, struct cu_err *e)
{
    json_error_t je;
    json_t *o = json_loadb(json, len, 0, &je);
    if (!o)
        return cu_errf(e, "the answer is not valid JSON (line %d: %s)", je.line, je.text);
    int rc = -1;
    struct board_item it = {0};
    char repo[256];
    int number;
    const char *html = jstr(o, "html_url");
    json_int_t n = json_integer_value(json_object_get(o, "number"));
    const char *state = jstr(o, "state");
    if (!json_is_object(o) || !html || !board_issue_ref(html, repo, sizeof(repo), &number) ||
        n != number || !state) {
        const char *m = json_is_object(o) ? jstr(o, "message") : NULL;
        char *cm = m ? text_sanitize(m, strlen(m), 0) : NULL;
        cu_errf(e, "the answer is not an issue%s%.200s", cm ? ": " : "", cm ? cm : "");
        free(cm);
        goto out;
    }
    json_t *pr = json_object_get(o, "pull_request");
    it.kind = json_is_object(pr) ? BOARD_PR : BOARD_ISSUE;
    it.repo = xstrdup(repo);
    it.number = number;
    it.key = board_key(repo, number);
    it.url = clean_url(json_object_get(o, "html_url"));
    if (it.kind == BOARD_PR && json_is_string(json_object_get(pr, "merged_at")))
        it.state = xstrdup("merged");
    else
        it.state = xstrdup(!strcmp(state, "open") ? "open" : "closed");
    it.title = clean(json_object_get(o, "title"), MAX_TITLE, 0);
    if (!it.title || !*it.title) {
        free(it.title);
        it.title = xasprintf("%s#%d", repo, number);
    }
    add_names(json_object_get(o, "labels"), "name", &it.labels);
    add_names(json_object_get(o, "assignees"), "login", &it.assignees);
    it.updated = clean_time(json_object_get(o, "updated_at"));
    *out = it;
    rc = 0;
out:
    if (rc < 0)
        board_item_free(&it);
    json_decref(o);
    return rc;
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
    if (owner[olen] != '/' || !github_name(owner, olen))
        return false;
    const char *name = owner + olen + 1;
    size_t nlen = strcspn(name, "/");
    if (name[nlen] != '/' || !github_name(name, nlen))
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

char *board_strv_json(const struct strv *s)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < s->n; i++)
        json_array_append_new(arr, json_string(s->v[i]));
    char *out = json_dumps(arr, JSON_COMPACT);
    json_decref(arr);
    return out ? out : xstrdup("[]");
}

void board_strv_from_json(const char *json, struct strv *out)
{
    if (!json)
        return;
    json_t *arr = json_loads(json, 0, NULL);
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v)
    {
        char *s = clean(v, MAX_NAME, 0);
        if (s)
            strv_push_take(out, s);
    }
    json_decref(arr);
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
