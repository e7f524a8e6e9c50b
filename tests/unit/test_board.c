/* test_board.c: the board model (board.c) on the fixture server's data and
 * GitHub's recorded error bodies, hostile and random answers; the board's
 * part of the cache (store_board.c); issue badges in documents.
 * Data is found through CATCHUP_TEST_DATA (default "tests/data", relative to
 * the repository root). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catchup/board.h"
#include "catchup/markdown.h"
#include "catchup/postview.h"
#include "catchup/store.h"
#include "catchup/store_board.h"
#include "catchup/util.h"

#include "store_fixture.h"

#define G "cnai"

static char *data_file(const char *rel, size_t *len)
{
    const char *dir = getenv("CATCHUP_TEST_DATA");
    char *path = xasprintf("%s/%s", dir && *dir ? dir : "tests/data", rel);
    char *data = NULL;
    struct cu_err e;
    if (read_file(path, 8u << 20, &data, len, &e) < 0)
        fail_msg("%s", e.msg);
    free(path);
    return data;
}

static const struct board_item *find(const struct board_page *p, const char *key)
{
    for (size_t i = 0; i < p->n; i++)
        if (!strcmp(p->items[i].key, key))
            return &p->items[i];
    return NULL;
}

/* ---- the query ------------------------------------------------------------ */

static void test_query(void **state)
{
    (void)state;
    char *q = board_query_json("cncf", 38, 100, NULL);
    json_t *j = json_loads(q, 0, NULL);
    assert_non_null(j);
    json_t *vars = json_object_get(j, "variables");
    assert_string_equal(json_string_value(json_object_get(vars, "login")), "cncf");
    assert_int_equal(json_integer_value(json_object_get(vars, "number")), 38);
    assert_int_equal(json_integer_value(json_object_get(vars, "firstItems")), 100);
    assert_true(json_is_null(json_object_get(vars, "afterItems")));
    const char *text = json_string_value(json_object_get(j, "query"));
    /* gh project item-list's shape: content, its fields, Status, paging */
    static const char *const parts[] = {
        "organization(login: $login)",
        "projectV2(number: $number)",
        "items(first: $firstItems, after: $afterItems)",
        "pageInfo { endCursor hasNextPage }",
        "... on DraftIssue { title body",
        "... on Issue { title number url closed updatedAt",
        "... on PullRequest { title number url closed merged",
        "repository { nameWithOwner }",
        "labels(first: 20) { nodes { name } }",
        "assignees(first: 10) { nodes { login } }",
        "ProjectV2ItemFieldSingleSelectValue { name field { ... on ProjectV2FieldCommon { name",
    };
    for (size_t i = 0; i < CU_ARRAY_LEN(parts); i++)
        assert_non_null(strstr(text, parts[i]));
    /* IssueState and PullRequestState in one selection would be refused */
    assert_null(strstr(text, " state "));
    json_decref(j);
    free(q);
    q = board_query_json("cncf", 38, 100, "Y3Vyc29yOnYyOjk5");
    j = json_loads(q, 0, NULL);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(j, "variables"), "afterItems")),
        "Y3Vyc29yOnYyOjk5");
    json_decref(j);
    free(q);
}

/* ---- a page of the board ---------------------------------------------------- */

static void test_page(void **state)
{
    (void)state;
    size_t len;
    char *json = data_file("server/board.json", &len);
    struct board_page p;
    struct cu_err e;
    assert_int_equal(board_parse_page(json, len, 0, &p, &e), BOARD_GQL_OK);
    assert_int_equal(p.n, 12);
    assert_int_equal(p.skipped, 0);
    assert_false(p.has_next);
    assert_int_equal(p.total, 12);
    assert_string_equal(p.title, "Cloud Native AI");
    assert_string_equal(p.url, "https://github.com/orgs/cncf/projects/38");
    assert_non_null(p.end_cursor);

    const struct board_item *it = find(&p, "cncf/tag-runtime#126");
    assert_non_null(it);
    assert_int_equal(it->kind, BOARD_ISSUE);
    assert_string_equal(it->repo, "cncf/tag-runtime");
    assert_int_equal(it->number, 126);
    assert_string_equal(it->state, "open");
    assert_string_equal(it->status, "In Progress");
    assert_string_equal(it->url, "https://github.com/cncf/tag-runtime/issues/126");
    assert_string_equal(it->updated, "2025-06-01T12:00:00Z");
    assert_int_equal(it->labels.n, 1);
    assert_string_equal(it->labels.v[0], "cnai");
    assert_string_equal(it->assignees.v[0], "zanetworker");
    assert_true(it->on_board);
    assert_int_equal(it->position, 0);
    assert_true(board_item_open(it));

    it = find(&p, "cncf/tag-runtime#127");
    assert_string_equal(it->state, "closed");
    assert_string_equal(it->status, "Done");
    assert_false(board_item_open(it));
    it = find(&p, "cncf/tag-runtime#162");
    assert_int_equal(it->labels.n, 2);
    assert_int_equal(it->assignees.n, 0);

    size_t drafts = 0, open = 0;
    for (size_t i = 0; i < p.n; i++) {
        open += board_item_open(&p.items[i]);
        if (p.items[i].kind != BOARD_DRAFT)
            continue;
        drafts++;
        assert_true(!strncmp(p.items[i].key, "draft:PVTI_", 11));
        assert_null(p.items[i].repo);
        assert_null(p.items[i].url);
        assert_string_equal(p.items[i].state, "draft");
    }
    assert_int_equal(drafts, 2);
    /* 8 open issues and the draft not Done */
    assert_int_equal(open, 9);
    for (size_t i = 0; i < p.n; i++)
        if (p.items[i].kind == BOARD_DRAFT && !strcmp(p.items[i].title, "CNAI Radar"))
            assert_non_null(strstr(p.items[i].body, "adopted, trialled or on hold"));
    board_page_free(&p);

    /* positions continue across pages */
    assert_int_equal(board_parse_page(json, len, 100, &p, &e), BOARD_GQL_OK);
    assert_int_equal(p.items[0].position, 100);
    board_page_free(&p);
    free(json);
}

static void test_page_shapes(void **state)
{
    (void)state;
    struct board_page p;
    struct cu_err e;
    /* the GraphQL names of state, a next page, pull requests, hidden items */
    const char *json =
        "{\"data\":{\"organization\":{\"projectV2\":{\"items\":{\"pageInfo\":"
        "{\"hasNextPage\":true,\"endCursor\":\"abc\"},\"nodes\":["
        "{\"id\":\"1\",\"content\":{\"__typename\":\"PullRequest\",\"title\":\"PR\",\"number\":5,"
        "\"url\":\"https://github.com/o/r/pull/5\",\"closed\":true,\"merged\":true,"
        "\"repository\":{\"nameWithOwner\":\"O/R\"}},\"fieldValues\":{\"nodes\":["
        "{\"__typename\":\"ProjectV2ItemFieldSingleSelectValue\",\"name\":\"Shipped\","
        "\"field\":{\"name\":\"Iteration\"}},"
        "{\"__typename\":\"ProjectV2ItemFieldSingleSelectValue\",\"name\":\"Backlog\","
        "\"field\":{\"name\":\"status\"}}]}},"
        "{\"id\":\"2\",\"type\":\"REDACTED\",\"content\":null},"
        "{\"id\":\"3\",\"content\":{\"__typename\":\"Issue\",\"title\":\"x\",\"number\":1,"
        "\"closed\":false,\"repository\":{\"nameWithOwner\":\"../etc\"}}},"
        "{\"id\":\"4\",\"content\":{\"__typename\":\"Issue\",\"title\":\"x\",\"number\":-3,"
        "\"repository\":{\"nameWithOwner\":\"o/r\"}}},"
        "{\"id\":\"5\",\"updatedAt\":\"2025-02-01T00:00:00Z\",\"content\":{\"__typename\":"
        "\"Issue\","
        "\"title\":\"\\u001b]52;c;AAAA\\u0007Evil \\u001b[31mtitle\",\"number\":7,"
        "\"url\":\"javascript:alert(1)\",\"closed\":false,\"updatedAt\":\"2024-01-01T00:00:00+02:"
        "00\","
        "\"repository\":{\"nameWithOwner\":\"o/r\"}}}]}}}},"
        "\"errors\":[{\"type\":\"FORBIDDEN\",\"path\":[\"organization\",\"projectV2\",\"items\","
        "\"nodes\",1,\"content\"],\"message\":\"Resource not accessible\"}]}";
    assert_int_equal(board_parse_page(json, strlen(json), 0, &p, &e), BOARD_GQL_OK);
    assert_true(p.has_next);
    assert_string_equal(p.end_cursor, "abc");
    assert_int_equal(p.total, -1);
    assert_int_equal(p.n, 2);
    assert_int_equal(p.skipped, 3);
    const struct board_item *pr = find(&p, "o/r#5");
    assert_non_null(pr);
    assert_int_equal(pr->kind, BOARD_PR);
    assert_string_equal(pr->state, "merged");
    assert_string_equal(pr->status, "Backlog");
    assert_string_equal(pr->repo, "O/R");
    const struct board_item *evil = find(&p, "o/r#7");
    assert_string_equal(evil->title, "Evil title");
    assert_null(evil->url);
    /* the later of the item's and the content's times, in UTC */
    assert_string_equal(evil->updated, "2025-02-01T00:00:00Z");
    assert_int_equal(evil->position, 4);
    board_page_free(&p);
}

static void test_page_errors(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        enum board_gql want;
        const char *msg;
    } cases[] = {
        {"board/insufficient_scopes.json", BOARD_GQL_SCOPES,
         "requires one of the following scopes: ['read:project']"},
        {"board/scopes_old_format.json", BOARD_GQL_SCOPES, "not been granted the required scopes"},
        {"board/not_found.json", BOARD_GQL_NOT_FOUND,
         "Could not resolve to a ProjectV2 with the number 99999."},
        {"board/unprocessable.json", BOARD_GQL_ERROR,
         "UNPROCESSABLE: Column value must be a valid value"},
    };
    for (size_t i = 0; i < CU_ARRAY_LEN(cases); i++) {
        size_t len;
        char *json = data_file(cases[i].file, &len);
        struct board_page p = {0};
        struct cu_err e = {""};
        assert_int_equal(board_parse_page(json, len, 0, &p, &e), cases[i].want);
        assert_non_null(strstr(e.msg, cases[i].msg));
        assert_null(p.items);
        free(json);
    }
    static const char *const bad[] = {
        "",
        "{",
        "[]",
        "null",
        "{\"data\":null}",
        "{\"data\":{\"organization\":{\"projectV2\":{}}}}",
        "{\"data\":{\"organization\":{\"projectV2\":{\"items\":{\"nodes\":{}}}}}}",
        "{\"message\":\"Bad credentials\"}",
    };
    for (size_t i = 0; i < CU_ARRAY_LEN(bad); i++) {
        struct board_page p;
        struct cu_err e;
        assert_int_equal(board_parse_page(bad[i], strlen(bad[i]), 0, &p, &e), BOARD_GQL_BAD);
    }
    /* an error without a usable type or message still says something */
    const char *anon = "{\"errors\":[{}]}";
    struct board_page p;
    struct cu_err e;
    assert_int_equal(board_parse_page(anon, strlen(anon), 0, &p, &e), BOARD_GQL_ERROR);
    assert_string_equal(e.msg, "an error without a message");
    /* wrong organization, as the fixture server answers */
    const char *org =
        "{\"data\":{\"organization\":null},\"errors\":[{\"type\":\"NOT_FOUND\","
        "\"message\":\"Could not resolve to an Organization with the login of 'x'.\"}]}";
    assert_int_equal(board_parse_page(org, strlen(org), 0, &p, &e), BOARD_GQL_NOT_FOUND);
}

/* ---- REST issues ---------------------------------------------------------- */

static char *issue_json(json_t *all, const char *key)
{
    return json_dumps(json_object_get(all, key), JSON_COMPACT);
}

static void test_issue(void **state)
{
    (void)state;
    size_t len;
    char *data = data_file("server/issues.json", &len);
    json_t *all = json_loadb(data, len, 0, NULL);
    assert_non_null(all);
    struct board_item it;
    struct cu_err e;

    char *j = issue_json(all, "cncf/tag-runtime#162");
    assert_int_equal(board_parse_issue(j, strlen(j), &it, &e), 0);
    assert_string_equal(it.key, "cncf/tag-runtime#162");
    assert_int_equal(it.kind, BOARD_ISSUE);
    assert_string_equal(it.state, "open");
    assert_string_equal(it.title, "Cloud Native playground for AI workloads");
    assert_int_equal(it.labels.n, 2);
    assert_string_equal(it.labels.v[1], "help wanted");
    assert_false(it.on_board);
    assert_null(it.status);
    board_item_free(&it);
    free(j);

    j = issue_json(all, "cncf/tag-runtime#144");
    assert_int_equal(board_parse_issue(j, strlen(j), &it, &e), 0);
    assert_string_equal(it.state, "closed");
    board_item_free(&it);
    free(j);

    /* a pull request is an issue with pull_request; merged_at says merged */
    j = issue_json(all, "kubernetes/community#7823");
    assert_int_equal(board_parse_issue(j, strlen(j), &it, &e), 0);
    assert_int_equal(it.kind, BOARD_PR);
    assert_string_equal(it.state, "merged");
    assert_string_equal(it.url, "https://github.com/kubernetes/community/pull/7823");
    board_item_free(&it);
    free(j);
    json_decref(all);
    free(data);

    const char *open_pr = "{\"number\":3,\"title\":\"t\",\"state\":\"open\",\"html_url\":"
                          "\"https://github.com/o/r/pull/3\",\"pull_request\":{\"merged_at\":null},"
                          "\"labels\":[\"plain\",{\"name\":\"obj\"}],\"assignees\":null}";
    assert_int_equal(board_parse_issue(open_pr, strlen(open_pr), &it, &e), 0);
    assert_string_equal(it.state, "open");
    assert_int_equal(it.labels.n, 2);
    assert_string_equal(it.url, "https://github.com/o/r/pull/3");
    board_item_free(&it);
    /* a URL that is not plain ASCII is not GitHub's: none is kept */
    const char *odd = "{\"number\":3,\"title\":\"t\",\"state\":\"closed\",\"html_url\":"
                      "\"https://github.com/o/r/issues/3#\u00e9\"}";
    assert_int_equal(board_parse_issue(odd, strlen(odd), &it, &e), 0);
    assert_null(it.url);
    assert_string_equal(it.state, "closed");
    board_item_free(&it);

    static const char *const bad[] = {
        "{\"message\":\"Not Found\",\"documentation_url\":\"x\"}",
        "{\"number\":4,\"title\":\"t\",\"state\":\"open\",\"html_url\":\"https://github.com/o/r/"
        "issues/3\"}",
        "{\"number\":3,\"state\":\"open\",\"html_url\":\"https://evil.com/o/r/issues/3\"}",
        "[1,2]",
        "",
        "{\"number\":3}",
    };
    for (size_t i = 0; i < CU_ARRAY_LEN(bad); i++) {
        struct board_item out = {0};
        assert_int_equal(board_parse_issue(bad[i], strlen(bad[i]), &out, &e), -1);
        assert_null(out.key);
    }
    assert_int_equal(board_parse_issue(bad[0], strlen(bad[0]), &it, &e), -1);
    assert_string_equal(e.msg, "the answer is not an issue: Not Found");
}

/* ---- links ------------------------------------------------------------------ */

static void test_title_tag(void **state)
{
    (void)state;
    static const struct {
        const char *title, *rest, *tag;
    } cases[] = {
        {"[Initiative]: Cloud Native AI Sustainability Papers",
         "Cloud Native AI Sustainability Papers", "Initiative"},
        {"[TOC Artificial Intelligence Initiatives Meeting] 2025-05-02", "2025-05-02",
         "TOC Artificial Intelligence Initiatives Meeting"},
        {"[ Proposal ]:   White paper", "White paper", "Proposal"},
        {"[WIP] Draft", "Draft", "WIP"},
        {"Create a writeup", "Create a writeup", ""},
        {"[Initiative]:", "[Initiative]:", ""},       /* nothing would be left */
        {"[Initiative]:   ", "[Initiative]:   ", ""}, /* nor here */
        {"[]: empty tag", "[]: empty tag", ""},       /* no tag */
        {"[a link](https://x) text", "[a link](https://x) text", ""},
        {"[a [nested] tag] x", "[a [nested] tag] x", ""},
        {"[one] [two] both", "[one] [two] both", ""},
        {"[unclosed tag: text", "[unclosed tag: text", ""},
        {"[a tag far too long to be a tag: more than sixty-four bytes of it] x",
         "[a tag far too long to be a tag: more than sixty-four bytes of it] x", ""},
        {"", "", ""},
    };
    for (size_t i = 0; i < CU_ARRAY_LEN(cases); i++) {
        char tag[72] = "junk";
        const char *rest = board_title_tag(cases[i].title, tag, sizeof(tag));
        if (strcmp(rest, cases[i].rest) || strcmp(tag, cases[i].tag))
            fail_msg("case %zu: got \"%s\" / \"%s\"", i, rest, tag);
    }
    char small[5];
    assert_string_equal(board_title_tag("[Initiative]: X", small, sizeof(small)), "X");
    assert_string_equal(small, "Init");
    assert_null(board_title_tag(NULL, small, sizeof(small)));
}

static void test_issue_ref(void **state)
{
    (void)state;
    static const struct {
        const char *url, *repo;
        int number;
    } good[] = {
        {"https://github.com/cncf/tag-runtime/issues/126", "cncf/tag-runtime", 126},
        {"https://github.com/cncf/tag-runtime/issues/168#issue-2405770168", "cncf/tag-runtime",
         168},
        {"https://github.com/cncf/landscape/pull/3876/files", "cncf/landscape", 3876},
        {"http://www.github.com/CNCF/Tag-Runtime/pull/5?x=1", "CNCF/Tag-Runtime", 5},
        {"HTTPS://GITHUB.COM/o/r.js/issues/9.", "o/r.js", 9},
    };
    for (size_t i = 0; i < CU_ARRAY_LEN(good); i++) {
        char repo[64];
        int n = 0;
        assert_true(board_issue_ref(good[i].url, repo, sizeof(repo), &n));
        assert_string_equal(repo, good[i].repo);
        assert_int_equal(n, good[i].number);
    }
    static const char *const bad[] = {
        "https://github.com/cncf/tag-runtime/issues",
        "https://github.com/cncf/tag-runtime/issues/new",
        "https://github.com/cncf/tag-runtime/issues/0",
        "https://github.com/cncf/tag-runtime/issues/12a",
        "https://github.com/cncf/tag-runtime/issues/1234567890",
        "https://github.com.evil.com/o/r/issues/1",
        "https://github.com@evil.com/o/r/issues/1",
        "https://gitlab.com/o/r/issues/1",
        "https://github.com/../r/issues/1",
        "https://github.com/o%2Fx/r/issues/1",
        "https://github.com/orgs/cncf/projects/38",
        "javascript:https://github.com/o/r/issues/1",
        "github.com/o/r/issues/1",
        "",
        NULL,
    };
    for (size_t i = 0; i < CU_ARRAY_LEN(bad); i++) {
        char repo[64] = "untouched";
        int n = -7;
        assert_false(board_issue_ref(bad[i], repo, sizeof(repo), &n));
        assert_string_equal(repo, "untouched");
        assert_int_equal(n, -7);
    }
    char tiny[4];
    int n;
    assert_false(
        board_issue_ref("https://github.com/cncf/tag-runtime/issues/1", tiny, sizeof(tiny), &n));
    char *k = board_key("CNCF/Tag-Runtime", 12);
    assert_string_equal(k, "cncf/tag-runtime#12");
    free(k);
}

struct found {
    char text[1024];
};

static void on_found(const char *repo, int number, const char *url, void *arg)
{
    struct found *f = arg;
    size_t n = strlen(f->text);
    snprintf(f->text + n, sizeof(f->text) - n, "%s#%d<%s> ", repo, number, url);
}

static void test_scan(void **state)
{
    (void)state;
    struct found f = {""};
    board_scan_links("See [#126](https://github.com/cncf/tag-runtime/issues/126), "
                     "<https://github.com/o/r/pull/2> and https://www.github.com/o/r/issues/3.\n"
                     "[ref]: https://github.com/o/r/issues/4 \"title\"\n"
                     "not a link: github.com/o/r/issues/5, https://github.com/o/r/issues/new, "
                     "https://github.com/orgs/cncf/projects/38 https://github.com/o/r/issues/2",
                     on_found, &f);
    assert_string_equal(f.text,
                        "cncf/tag-runtime#126<https://github.com/cncf/tag-runtime/issues/126> "
                        "o/r#2<https://github.com/o/r/pull/2> "
                        "o/r#3<https://www.github.com/o/r/issues/3.> "
                        "o/r#4<https://github.com/o/r/issues/4> "
                        "o/r#2<https://github.com/o/r/issues/2> ");
    f.text[0] = '\0';
    board_scan_links("", on_found, &f);
    board_scan_links(NULL, on_found, &f);
    board_scan_links("https://github.com/", on_found, &f);
    assert_string_equal(f.text, "");

    /* the posts of the fixture link to 8 issues and pull requests */
    size_t len;
    char *md = data_file("posts/20_25_May_2024.md", &len);
    board_scan_links(md, on_found, &f);
    assert_non_null(strstr(f.text, "cncf/tag-runtime#126<"));
    assert_non_null(strstr(f.text, "cncf/tag-runtime#144<"));
    free(md);
}

/* ---- meaning and order ------------------------------------------------------ */

static struct board_item mk(const char *key, const char *state, const char *status,
                            const char *updated, long pos)
{
    struct board_item it = {0};
    it.key = (char *)key;
    it.state = (char *)state;
    it.status = (char *)status;
    it.updated = (char *)updated;
    it.position = pos;
    return it;
}

static void test_order(void **state)
{
    (void)state;
    assert_true(board_status_done("Done"));
    assert_true(board_status_done("DONE"));
    assert_false(board_status_done("Done soon"));
    assert_false(board_status_done(NULL));
    assert_int_equal(board_status_rank("In Progress"), 0);
    assert_int_equal(board_status_rank("In review"), 0);
    assert_int_equal(board_status_rank("Todo"), 1);
    assert_int_equal(board_status_rank("Ready"), 1);
    assert_int_equal(board_status_rank("Backlog"), 2);
    assert_int_equal(board_status_rank(NULL), 3);
    assert_int_equal(board_status_rank(""), 3);
    assert_int_equal(board_status_rank("Done"), 4);

    struct board_item v[] = {
        mk("a", "closed", "Done", "2025-01-01T00:00:00Z", 0),
        mk("b", "open", NULL, "2025-01-01T00:00:00Z", 1),
        mk("c", "open", "Todo", "2024-01-01T00:00:00Z", 2),
        mk("d", "draft", "In Progress", NULL, 3),
        mk("e", "open", "In Progress", "2025-03-01T00:00:00Z", 4),
        mk("f", "open", "Backlog", "2025-01-01T00:00:00Z", 5),
        mk("g", "open", "Todo", "2024-01-01T00:00:00Z", 1),
        mk("h", "closed", "In Progress", "2026-01-01T00:00:00Z", 0),
        mk("i", "open", "Done", "2026-01-01T00:00:00Z", 0),
    };
    board_sort(v, CU_ARRAY_LEN(v));
    char order[16] = "";
    for (size_t i = 0; i < CU_ARRAY_LEN(v); i++)
        order[i] = v[i].key[0];
    /* open first: in progress (newest first, no date last), to do (board
     * order on ties), other, none; then the rest by the same rules */
    assert_string_equal(order, "edgcfbhia");
    assert_true(board_item_open(&v[0]));
    assert_false(board_item_open(&v[7]));
}

static void test_strv_json(void **state)
{
    (void)state;
    struct strv s = {0};
    strv_push(&s, "help wanted");
    strv_push(&s, "q\"uote");
    char *j = board_strv_json(&s);
    assert_string_equal(j, "[\"help wanted\",\"q\\\"uote\"]");
    struct strv back = {0};
    board_strv_from_json(j, &back);
    assert_int_equal(back.n, 2);
    assert_string_equal(back.v[1], "q\"uote");
    board_strv_from_json("{not json", &back);
    board_strv_from_json("[1, null, \"x\"]", &back);
    board_strv_from_json(NULL, &back);
    assert_int_equal(back.n, 3);
    free(j);
    strv_free(&s);
    strv_free(&back);
    struct strv empty = {0};
    j = board_strv_json(&empty);
    assert_string_equal(j, "[]");
    free(j);
}

/* Random damage to real answers: the parsers return, and what they hand out
 * keeps its promises. */
static void test_random(void **state)
{
    (void)state;
    size_t blen, ilen;
    char *board = data_file("server/board.json", &blen);
    char *issues = data_file("server/issues.json", &ilen);
    json_t *all = json_loadb(issues, ilen, 0, NULL);
    char *issue = issue_json(all, "cncf/tag-runtime#126");
    json_decref(all);
    srand(38);
    char *buf = xmalloc(blen + 1);
    for (int round = 0; round < 3000; round++) {
        const char *src = round % 2 ? board : issue;
        size_t len = round % 2 ? blen : strlen(issue);
        memcpy(buf, src, len);
        int hits = 1 + rand() % 8;
        for (int k = 0; k < hits; k++)
            buf[rand() % len] = (char)(rand() % 256);
        size_t cut = rand() % 4 ? len : (size_t)rand() % len;
        struct cu_err e;
        if (round % 2) {
            struct board_page p;
            if (board_parse_page(buf, cut, 0, &p, &e) == BOARD_GQL_OK) {
                for (size_t i = 0; i < p.n; i++) {
                    const struct board_item *it = &p.items[i];
                    assert_non_null(it->key);
                    assert_non_null(it->title);
                    assert_non_null(it->state);
                    assert_true(!it->url || str_is_http_url(it->url));
                    for (const unsigned char *c = (const unsigned char *)it->title; *c; c++)
                        assert_true(*c >= 0x20 && *c != 0x7f);
                }
                board_page_free(&p);
            }
        } else {
            struct board_item it;
            if (board_parse_issue(buf, cut, &it, &e) == 0) {
                assert_non_null(it.key);
                board_item_free(&it);
            }
        }
        buf[cut < len ? cut : len - 1] = '\0';
        struct found f = {""};
        board_scan_links(buf, on_found, &f);
    }
    free(buf);
    free(issue);
    free(board);
    free(issues);
}

/* ---- the cache ---------------------------------------------------------------- */

static struct board_item item(const char *repo, int number, const char *state, const char *status)
{
    struct board_item it = {0};
    it.repo = xstrdup(repo);
    it.number = number;
    it.key = board_key(repo, number);
    it.title = xasprintf("Item %d", number);
    it.state = xstrdup(state);
    it.status = status ? xstrdup(status) : NULL;
    it.url = xasprintf("https://github.com/%s/issues/%d", repo, number);
    it.updated = xstrdup("2025-06-01T12:00:00Z");
    strv_push(&it.labels, "cnai");
    strv_push(&it.assignees, "someone");
    it.on_board = true;
    return it;
}

static void put_post(struct store *s, const char *id, const char *body)
{
    struct post p = {0};
    p.grp = (char *)G;
    p.id = (char *)id;
    p.title = (char *)id;
    p.body = (char *)body;
    p.date = (char *)"2024-05-27";
    struct cu_err e;
    assert_int_equal(store_post_put(s, &p, 100, &e), 0);
}

static void test_store(void **state)
{
    struct fixture *f = *state;
    struct store *s = f->s;
    struct cu_err e;
    struct board_item a = item("cncf/tag-runtime", 126, "open", "Todo");
    struct board_item b = item("cncf/toc", 1641, "open", "In Progress");
    assert_int_equal(store_begin(s, &e), 0);
    assert_int_equal(store_board_put_board(s, G, &a, 1000, &e), 0);
    assert_int_equal(store_board_put_board(s, G, &b, 1000, &e), 0);
    assert_int_equal(store_commit(s, &e), 0);

    struct board_item *v;
    size_t n;
    assert_int_equal(store_board_items(s, G, BOARD_LIST_BOARD, &v, &n, &e), 0);
    assert_int_equal(n, 2);
    assert_string_equal(v[0].key, "cncf/tag-runtime#126");
    assert_string_equal(v[0].labels.v[0], "cnai");
    assert_int_equal(v[0].first_seen, 1000);
    assert_null(v[0].prev_status);
    board_items_free(v, n);

    /* a Status change keeps the old values */
    free(a.status);
    a.status = xstrdup("In Progress");
    assert_int_equal(store_board_put_board(s, G, &a, 2000, &e), 0);
    struct board_item got;
    assert_int_equal(store_board_item(s, G, "cncf/tag-runtime#126", &got, &e), 1);
    assert_string_equal(got.status, "In Progress");
    assert_string_equal(got.prev_status, "Todo");
    assert_string_equal(got.prev_state, "open");
    assert_int_equal(got.changed_at, 2000);
    assert_int_equal(got.first_seen, 1000);
    board_item_free(&got);
    /* the same again changes nothing */
    assert_int_equal(store_board_put_board(s, G, &a, 3000, &e), 0);
    assert_int_equal(store_board_item(s, G, "cncf/tag-runtime#126", &got, &e), 1);
    assert_int_equal(got.changed_at, 2000);
    board_item_free(&got);

    /* the REST answer updates the state, keeps the board's Status */
    struct board_item r = item("CNCF/tag-runtime", 126, "closed", NULL);
    r.on_board = false;
    assert_int_equal(store_board_put_issue(s, G, &r, 4000, &e), 0);
    assert_int_equal(store_board_item(s, G, "cncf/tag-runtime#126", &got, &e), 1);
    assert_string_equal(got.state, "closed");
    assert_string_equal(got.status, "In Progress");
    assert_string_equal(got.prev_state, "open");
    assert_true(got.on_board);
    assert_int_equal(got.changed_at, 4000);
    assert_int_equal(got.checked_at, 4000);
    board_item_free(&got);
    /* a 304 moves only checked_at */
    assert_int_equal(store_board_checked(s, G, "cncf/tag-runtime#126", 4500, &e), 0);
    assert_int_equal(store_board_item(s, G, "cncf/tag-runtime#126", &got, &e), 1);
    assert_int_equal(got.checked_at, 4500);
    assert_int_equal(got.changed_at, 4000);
    board_item_free(&got);
    /* the board's answers are not the issues endpoint's */
    assert_int_equal(store_board_item(s, G, "cncf/toc#1641", &got, &e), 1);
    assert_int_equal(got.checked_at, 0);
    board_item_free(&got);
    char *st = store_board_state(s, G, "CNCF/Tag-Runtime#126");
    assert_string_equal(st, "closed");
    free(st);
    assert_null(store_board_state(s, G, "o/r#1"));
    assert_null(store_board_state(s, "other", "cncf/tag-runtime#126"));

    /* mentions: from posts; linked listing; prune */
    put_post(s, "w1", "[x](https://github.com/cncf/tag-runtime/issues/126)");
    struct board_link links[] = {
        {(char *)"cncf/tag-runtime#126", (char *)"w1",
         (char *)"https://github.com/cncf/tag-runtime/issues/126"},
        {(char *)"o/r#9", (char *)"w1", (char *)"https://github.com/o/r/issues/9"}};
    assert_int_equal(store_board_set_mentions(s, G, links, 2, &e), 0);
    struct board_item lone = item("o/r", 9, "open", NULL);
    lone.on_board = false;
    assert_int_equal(store_board_put_issue(s, G, &lone, 5000, &e), 0);
    long count;
    assert_int_equal(store_board_count(s, G, BOARD_LIST_LINKED, &count, &e), 0);
    assert_int_equal(count, 2);
    struct board_mention *m;
    assert_int_equal(store_board_mentions(s, G, "cncf/tag-runtime#126", &m, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_string_equal(m[0].post_id, "w1");
    assert_string_equal(m[0].title, "w1");
    board_mentions_free(m, n);

    /* the board loses toc#1641 and tag-runtime#126 */
    struct strv keep = {0};
    assert_int_equal(store_board_unboard_except(s, G, &keep, 6000, &e), 0);
    assert_int_equal(store_board_count(s, G, BOARD_LIST_BOARD, &count, &e), 0);
    assert_int_equal(count, 0);
    assert_int_equal(store_board_item(s, G, "cncf/toc#1641", &got, &e), 1);
    assert_null(got.status);
    assert_string_equal(got.prev_status, "In Progress");
    assert_int_equal(got.changed_at, 6000);
    board_item_free(&got);
    /* toc#1641 is linked from no post: pruned; the linked ones stay */
    struct strv gone = {0};
    assert_int_equal(store_board_prune(s, G, &gone, &e), 0);
    assert_int_equal(gone.n, 1);
    assert_string_equal(gone.v[0], "cncf/toc#1641");
    assert_int_equal(store_board_count(s, G, BOARD_LIST_ALL, &count, &e), 0);
    assert_int_equal(count, 2);
    strv_free(&gone);

    /* sync state */
    struct board_sync sync = {(char *)"cncf/projects/38",
                              (char *)"Cloud Native AI",
                              (char *)"https://github.com/orgs/cncf/projects/38",
                              2,
                              12,
                              (char *)"cur",
                              7000};
    assert_int_equal(store_board_sync_put(s, G, &sync, &e), 0);
    struct board_sync back;
    assert_int_equal(store_board_sync_get(s, G, &back), 1);
    assert_string_equal(back.board, "cncf/projects/38");
    assert_string_equal(back.end_cursor, "cur");
    assert_int_equal(back.pages, 2);
    assert_int_equal(back.total, 12);
    board_sync_free(&back);
    assert_int_equal(store_board_sync_get(s, "other", &back), 0);

    board_item_free(&a);
    board_item_free(&b);
    board_item_free(&r);
    board_item_free(&lone);
}

static void count_post(const char *id, const char *body, void *arg)
{
    (void)id;
    (void)body;
    (*(size_t *)arg)++;
}

static void test_badges(void **state)
{
    struct fixture *f = *state;
    struct store *s = f->s;
    struct cu_err e;
    put_post(s, "w2", "x");
    size_t n = 0;
    assert_int_equal(store_board_each_post(s, G, count_post, &n, &e), 0);
    assert_int_equal(n, 1);

    struct board_item a = item("cncf/tag-runtime", 126, "open", NULL);
    a.on_board = false;
    assert_int_equal(store_board_put_issue(s, G, &a, 10, &e), 0);
    board_item_free(&a);
    const char *md = "Tracked [here](https://github.com/CNCF/tag-runtime/issues/126) and "
                     "[there](https://github.com/o/r/issues/1); "
                     "[again](https://github.com/CNCF/tag-runtime/issues/126).";
    struct doc *d;
    assert_int_equal(doc_parse(md, strlen(md), NULL, &d, &e), 0);
    postview_badge_issues(d, s, G);
    assert_string_equal(doc_link_at(d, 0)->badge, "open");
    assert_null(doc_link_at(d, 1)->badge);
    struct doc_layout *l = doc_layout(d, 80, DOC_LAYOUT_LINKS);
    struct buf all;
    buf_init(&all, 0);
    for (size_t i = 0; i < l->nlines; i++) {
        char *t = doc_line_text(&l->lines[i]);
        buf_addf(&all, "%s\n", t);
        free(t);
    }
    assert_non_null(strstr(all.data, "Tracked here[1 open] and there[2];"));
    assert_non_null(strstr(all.data, "again[1 open]."));
    assert_non_null(strstr(all.data, "(issue, open)"));
    buf_free(&all);
    doc_layout_free(l);
    /* cleared, the marker is a number again; a hostile badge is made safe */
    doc_set_link_badge(d, 1, NULL);
    doc_set_link_badge(d, 2, "\x1b[31mred\x07 and a badge longer than twenty-four columns");
    doc_set_link_badge(d, 99, "ignored");
    doc_set_link_badge(d, 0, "ignored");
    l = doc_layout(d, 20, DOC_LAYOUT_LINKS);
    for (size_t i = 0; i < l->nlines; i++) {
        char *t = doc_line_text(&l->lines[i]);
        assert_true(l->lines[i].width <= 20);
        assert_null(strchr(t, '\x1b'));
        assert_null(strstr(t, "[1 open]"));
        free(t);
    }
    assert_string_equal(doc_link_at(d, 1)->badge, "red and a badge longer …");
    doc_layout_free(l);
    doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_query),
        cmocka_unit_test(test_page),
        cmocka_unit_test(test_page_shapes),
        cmocka_unit_test(test_page_errors),
        cmocka_unit_test(test_issue),
        cmocka_unit_test(test_issue_ref),
        cmocka_unit_test(test_title_tag),
        cmocka_unit_test(test_scan),
        cmocka_unit_test(test_order),
        cmocka_unit_test(test_strv_json),
        cmocka_unit_test(test_random),
        cmocka_unit_test_setup_teardown(test_store, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_badges, store_setup, store_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
