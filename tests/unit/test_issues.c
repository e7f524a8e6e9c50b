/* test_issues.c: GitHub issues as posts: a meeting issue's title and date,
 * the search words of a title ERE. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "catchup/issues.h"

/* A title that is only the series marker and the date reads as the series
 * (the date is in its own column); one that says more keeps what it says,
 * the series as its description. */
static void test_post_title(void **state)
{
    (void)state;
    static const struct {
        const char *in, *title, *about;
    } cases[] = {
        {"[TOC Artificial Intelligence Initiatives Meeting] 2025-12-19",
         "TOC Artificial Intelligence Initiatives Meeting", NULL},
        {"[TOC AI Meeting]: 2025-12-19 ", "TOC AI Meeting", NULL},
        {"[TOC Meeting][Public] 2025-03-04", "TOC Meeting Public", NULL},
        {"[TOC Meeting][Public] 2025-03-04 - New TOC!!", "2025-03-04 - New TOC!!",
         "TOC Meeting Public"},
        {"[Initiative]: Cloud Native AI Sustainability Papers",
         "Cloud Native AI Sustainability Papers", "Initiative"},
        {"Community Call (2026-01-22)", "Community Call (2026-01-22)", NULL},
        {"[Only a marker]", "[Only a marker]", NULL},
        {"2025-12-19", "2025-12-19", NULL},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *about = (char *)"unset";
        char *t = issue_post_title(cases[i].in, &about);
        assert_string_equal(t, cases[i].title);
        if (cases[i].about)
            assert_string_equal(about, cases[i].about);
        else
            assert_null(about);
        free(t);
        free(about);
    }
}

static void test_title_date(void **state)
{
    (void)state;
    char *d = issue_title_date("[TOC AI Meeting] 2025-12-19");
    assert_string_equal(d, "2025-12-19");
    free(d);
    assert_null(issue_title_date("[TOC AI Meeting] 2025-02-30"));
    assert_null(issue_title_date("build 12025-12-19"));
}

static void test_ere_words(void **state)
{
    (void)state;
    char *w = issue_ere_words("^\\[TOC AI Meeting\\] [0-9-]+");
    assert_string_equal(w, "TOC AI Meeting");
    free(w);
    assert_null(issue_ere_words("a|b"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_post_title),
        cmocka_unit_test(test_title_date),
        cmocka_unit_test(test_ere_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
