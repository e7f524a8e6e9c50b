/* board_json.c: see board.h.  Reading GitHub's answers about a board:
 * the GraphQL query and its pages of items, one issue or pull request from
 * the REST API, and the label lists stored as JSON.  Everything arriving
 * is cut to GitHub's own limits and made terminal-safe here. */
#define _GNU_SOURCE
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board_int.h"
#include "catchup/board.h"
#include "catchup/text.h"

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

/* "owner/repo" with GitHub names on both sides. */
static bool valid_repo(const char *s)
{
    const char *slash = s ? strchr(s, '/') : NULL;
    return slash && board_github_name(s, (size_t)(slash - s)) &&
           board_github_name(slash + 1, strlen(slash + 1));
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
