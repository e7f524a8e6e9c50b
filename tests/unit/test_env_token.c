/* test_env_token.c: the GitHub token is read from the environment in one
 * place (util.c): GITHUB_TOKEN first, then GH_TOKEN, an empty one unset. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdlib.h>

#include "catchup/util.h"

static void test_token_order(void **state)
{
    (void)state;
    unsetenv("GITHUB_TOKEN");
    unsetenv("GH_TOKEN");
    assert_null(cu_github_token());
    setenv("GH_TOKEN", "gh", 1);
    assert_string_equal(cu_github_token(), "gh");
    setenv("GITHUB_TOKEN", "", 1);
    assert_string_equal(cu_github_token(), "gh");
    setenv("GITHUB_TOKEN", "github", 1);
    assert_string_equal(cu_github_token(), "github");
    setenv("GH_TOKEN", "", 1);
    unsetenv("GITHUB_TOKEN");
    assert_null(cu_github_token());
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_token_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
