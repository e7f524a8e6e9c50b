/* test_buf_caps.c: text gathered into a capped buffer ends at the cap; a
 * piece that does not fit is never followed by a later one that does (the
 * text would read as if the dropped piece was never there).  A link's text
 * in a post (markdown.c) and a "How to get involved" bullet (involve.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "catchup/involve.h"
#include "catchup/markdown.h"
#include "catchup/util.h"

static void test_link_text_ends_at_cap(void **state)
{
    (void)state;
    char *big = xcalloc(2001, 1);
    memset(big, 'x', 2000);
    char *md = xasprintf("[start **%s** end](https://a.example/)\n", big);
    struct doc *d = NULL;
    struct cu_err e = {{0}};
    assert_int_equal(doc_parse(md, strlen(md), NULL, &d, &e), 0);
    assert_int_equal(doc_nlinks(d), 1);
    const char *text = doc_link_at(d, 0)->text;
    if (strstr(text, "end"))
        fail_msg("the link text goes on after a dropped piece: '%.60s'", text);
    assert_true(!strncmp(text, "start", 5));
    doc_free(d);
    free(md);
    free(big);
}

static void test_involve_item_ends_at_cap(void **state)
{
    (void)state;
    size_t big_n = 70000;
    char *big = xcalloc(big_n + 1, 1);
    memset(big, 'y', big_n);
    char *md = xasprintf("## How to Get Involved\n\n- first line\n  %s\n  last line\n", big);
    struct strv bullets = {0};
    involve_collect(md, &bullets);
    assert_int_equal(bullets.n, 1);
    if (strstr(bullets.v[0], "last line"))
        fail_msg("the bullet goes on after a dropped line");
    assert_true(!strncmp(bullets.v[0], "first line", 10));
    strv_free(&bullets);
    free(md);
    free(big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_link_text_ends_at_cap),
        cmocka_unit_test(test_involve_item_ends_at_cap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
