/* test_listing.c: what a post is in a repository's tree, its id, the date
 * in its path, its title from its name; front matter dates in every form. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "catchup/frontmatter.h"
#include "catchup/listing.h"

static void test_tree_posts(void **state)
{
    (void)state;
    static const char body[] =
        "{\"sha\":\"t\",\"truncated\":false,\"tree\":["
        "{\"path\":\"blog\",\"type\":\"tree\",\"sha\":\"d\"},"
        "{\"path\":\"blog/_index.md\",\"type\":\"blob\",\"sha\":\"1\"},"
        "{\"path\":\"blog/README.md\",\"type\":\"blob\",\"sha\":\"2\"},"
        "{\"path\":\"blog/index.md\",\"type\":\"blob\",\"sha\":\"3\"},"
        "{\"path\":\"blog/top.md\",\"type\":\"blob\",\"sha\":\"4\"},"
        "{\"path\":\"blog/2026/top.md\",\"type\":\"blob\",\"sha\":\"5\"},"
        "{\"path\":\"blog/2026/same.md\",\"type\":\"blob\",\"sha\":\"6\"},"
        "{\"path\":\"blog/2025/same.markdown\",\"type\":\"blob\",\"sha\":\"7\"},"
        "{\"path\":\"blog/2026/b/index.md\",\"type\":\"blob\",\"sha\":\"8\"},"
        "{\"path\":\"blog/2026/b/part.md\",\"type\":\"blob\",\"sha\":\"9\"},"
        "{\"path\":\"blog/2026/b/deeper/x.md\",\"type\":\"blob\",\"sha\":\"10\"},"
        "{\"path\":\"blog/2026/b/pic.png\",\"type\":\"blob\",\"sha\":\"11\"},"
        "{\"path\":\"blog/_drafts/d.md\",\"type\":\"blob\",\"sha\":\"12\"},"
        "{\"path\":\"blog/.git/x.md\",\"type\":\"blob\",\"sha\":\"13\"},"
        "{\"path\":\"other/o.md\",\"type\":\"blob\",\"sha\":\"14\"},"
        "{\"path\":\"blog/bad\\u0007.md\",\"type\":\"blob\",\"sha\":\"15\"},"
        "{\"path\":\"blog/sub/README.markdown\",\"type\":\"blob\",\"sha\":\"16\"}"
        "]}";
    struct listing_entry *v;
    size_t n;
    bool trunc;
    struct cu_err e;
    assert_int_equal(listing_tree(body, strlen(body), "blog", &v, &n, &trunc, &e), 0);
    assert_false(trunc);
    n = listing_posts(v, n);
    static const char *const want[][2] = {
        {"top", "top.md"},
        {"2026/top", "2026/top.md"}, /* a top-level file keeps its short id */
        {"2026/same", "2026/same.md"},
        {"2025/same", "2025/same.markdown"},
        {"b", "2026/b/index.md"},
    };
    assert_int_equal(n, CU_ARRAY_LEN(want));
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(v[i].id, want[i][0]);
        assert_string_equal(v[i].path, want[i][1]);
    }
    listing_free(v, n);

    static const char cut[] = "{\"tree\":[],\"truncated\":true}";
    assert_int_equal(listing_tree(cut, strlen(cut), "", &v, &n, &trunc, &e), 0);
    assert_true(trunc);
    assert_int_equal(n, 0);
    listing_free(v, n);
    static const char notree[] = "{\"message\":\"Not Found\"}";
    assert_int_equal(listing_tree(notree, strlen(notree), "", &v, &n, &trunc, &e), -1);
    assert_non_null(strstr(e.msg, "not a git tree: Not Found"));
}

static void test_path_date(void **state)
{
    (void)state;
    static const struct {
        const char *rel, *want;
    } cases[] = {
        {"2026-08-16-update.md", "2026-08-16"},
        {"2026-06-02.md", "2026-06-02"},
        {"2026/05/slug/index.md", "2026-05-01"},
        {"2026/05/07/slug.md", "2026-05-07"},
        {"archive/2024-03-04-talk/index.md", "2024-03-04"},
        {"2022-02-29-leap.md", NULL},
        {"2026-08-160.md", NULL},
        {"2026/slug.md", NULL},
        {"20_25_May_2024.md", NULL},
        {"2026/13/x.md", NULL},
    };
    for (size_t i = 0; i < CU_ARRAY_LEN(cases); i++) {
        char *d = listing_path_date(cases[i].rel);
        if (!cases[i].want) {
            assert_null(d);
            continue;
        }
        assert_non_null(d);
        assert_string_equal(d, cases[i].want);
        free(d);
    }
}

static void test_name_title(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"undated_notes.md", "undated notes"},
        {"2026-08-16-weekly-update.md", "2026-08-16 weekly update"},
        {"2026/my-bundle/index.md", "my bundle"},
        {"2026-06-02.md", "2026-06-02"},
    };
    for (size_t i = 0; i < CU_ARRAY_LEN(cases); i++) {
        char *t = listing_name_title(cases[i][0]);
        assert_string_equal(t, cases[i][1]);
        free(t);
    }
}

static void test_front_matter_dates(void **state)
{
    (void)state;
    static const struct {
        const char *line, *date, *bad;
    } cases[] = {
        {"date: 2026-08-20", "2026-08-20", NULL},
        {"date: 2026-08-20T22:00:00Z", "2026-08-20T22:00:00Z", NULL},
        {"date: 2026-08-20T22:00:00+02:00", "2026-08-20T20:00:00Z", NULL},
        {"date: 2026-08-20 22:00:00 -0000", "2026-08-20T22:00:00Z", NULL},
        {"date: 2026-08-20 22:00:00 +0200", "2026-08-20T20:00:00Z", NULL},
        {"date: 2026-08-20 22:00 +0200", "2026-08-20T20:00:00Z", NULL},
        {"date: \"2026-08-20T22:00\"", "2026-08-20T22:00:00Z", NULL},
        {"publishDate: 2026-08-21", "2026-08-21", NULL},
        {"date: 2026-08-20\npublishDate: 2026-08-21", "2026-08-20", NULL},
        {"date: 2022-02-29", NULL, "2022-02-29"},
        {"date: 2026-03-05 25:99:00 +0000", NULL, "2026-03-05 25:99:00 +0000"},
        {"date: 2022-02-29\npublishDate: 2022-03-01", "2022-03-01", NULL},
    };
    for (size_t i = 0; i < CU_ARRAY_LEN(cases); i++) {
        char text[256];
        snprintf(text, sizeof(text), "---\n%s\n---\nbody\n", cases[i].line);
        struct frontmatter fm;
        struct cu_err e;
        assert_int_equal(fm_parse(text, strlen(text), &fm, &e), 0);
        if (cases[i].date) {
            assert_non_null(fm.date);
            assert_string_equal(fm.date, cases[i].date);
        } else {
            assert_null(fm.date);
        }
        if (cases[i].bad) {
            assert_non_null(fm.date_bad);
            assert_string_equal(fm.date_bad, cases[i].bad);
        } else {
            assert_null(fm.date_bad);
        }
        fm_free(&fm);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tree_posts),
        cmocka_unit_test(test_path_date),
        cmocka_unit_test(test_name_title),
        cmocka_unit_test(test_front_matter_dates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
