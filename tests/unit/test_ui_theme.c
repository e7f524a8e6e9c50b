/* test_ui_theme.c: the curses half of the themes (src/ui/theme.c), without
 * a terminal.  tests/unit/test_ui_*.c are built with the TUI's objects. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "theme.h"

static void test_attr_before_apply(void **state)
{
    (void)state;
    assert_int_equal(theme_attr(TH_TITLE), A_NORMAL);
    assert_int_equal(theme_attr(TH_COUNT), A_NORMAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_attr_before_apply),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
