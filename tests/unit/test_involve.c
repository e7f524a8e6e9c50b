/* test_involve.c: "How to Get Involved" bullets from the real posts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "catchup/involve.h"

static char *post(const char *name)
{
    const char *data = getenv("CATCHUP_TEST_DATA") ? getenv("CATCHUP_TEST_DATA") : "tests/data";
    char *path = xasprintf("%s/posts/%s", data, name);
    char *text;
    struct cu_err e;
    assert_int_equal(read_file(path, 1 << 20, &text, NULL, &e), 0);
    free(path);
    return text;
}

static void test_real_post(void **state)
{
    (void)state;
    struct strv b = {0};
    char *t = post("20_25_May_2024.md");
    involve_collect(t, &b);
    free(t);
    /* two initiative bullets, three "welcomes participation" bullets, the dashboard one */
    assert_int_equal(b.n, 6);
    assert_true(!strncmp(b.v[0], "**Sustainable AI Initiative**: Join discussions", 46));
    assert_true(
        strstr(
            b.v[2],
            "[#wg-artificial-intelligence](https://cloud-native.slack.com/archives/C05TYJE81SR)") !=
        NULL);
    assert_true(!strncmp(b.v[5], "**Project Dashboard Contributions**", 35));
    strv_free(&b);
}

static void test_dedup_across_posts(void **state)
{
    (void)state;
    struct strv b = {0};
    static const char *const names[] = {"July_latest_in_CNAI.md", "20_25_May_2024.md",
                                        "13_17_May_2024.md", "05_10_May_2024.md"};
    size_t after_first = 0;
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        char *t = post(names[i]);
        involve_collect(t, &b);
        free(t);
        if (i == 0)
            after_first = b.n;
    }
    assert_true(after_first > 0);
    /* the Slack bullet recurs in every post but is kept once */
    size_t slack = 0;
    for (size_t i = 0; i < b.n; i++)
        if (strstr(b.v[i], "wg-artificial-intelligence"))
            slack++;
    assert_int_equal(slack, 1);
    strv_free(&b);
}

static void test_section_bounds(void **state)
{
    (void)state;
    struct strv b = {0};
    involve_collect("# T\n- not this\n## How to Get Involved\nIntro.\n- one\n  continued\n"
                    "* two [x](http://a)\n### Sub\n- three\n## Next\n- not this either\n"
                    "## How to get involved\n- Two [x](http://b?utm=1)!\n1. four\n",
                    &b);
    assert_int_equal(b.n, 4);
    assert_string_equal(b.v[0], "one continued");
    assert_string_equal(b.v[1], "two [x](http://a)");
    assert_string_equal(b.v[2], "three");
    assert_string_equal(b.v[3], "four");
    strv_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_post),
        cmocka_unit_test(test_dedup_across_posts),
        cmocka_unit_test(test_section_bounds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
