/* test_links.c: URL classification (links.c), with URLs from the posts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "catchup/links.h"

static void test_recordings(void **state)
{
    (void)state;
    assert_int_equal(link_classify("https://youtu.be/ldAvmboR8fI"), LINK_RECORDING);
    assert_int_equal(link_classify("https://youtu.be/IOSG_GRwRII"), LINK_RECORDING);
    assert_int_equal(link_classify("https://www.youtube.com/watch?v=-sWl4XBRsFs"), LINK_RECORDING);
    assert_int_equal(
        link_classify("https://www.youtube.com/watch?v=dx9dy9qX-L4&list=PLj6h78yzYM2MB58cx3ybnv-"
                      "iydyeqn-EV&index=6"),
        LINK_RECORDING);
    assert_int_equal(link_classify("https://m.youtube.com/watch?v=abc"), LINK_RECORDING);
    assert_int_equal(link_classify("https://youtube.com/live/abc123"), LINK_RECORDING);
    assert_int_equal(link_classify("https://www.youtube.com/shorts/xyz"), LINK_RECORDING);
    assert_int_equal(link_classify("HTTPS://WWW.YouTube.COM/watch?v=abc"), LINK_RECORDING);
    assert_int_equal(link_classify("https://vimeo.com/123456"), LINK_RECORDING);
    assert_int_equal(link_classify("https://zoom.us/rec/share/abc"), LINK_RECORDING);
    assert_int_equal(link_classify("https://cncf.zoom.us/rec/play/xyz?startTime=1"),
                     LINK_RECORDING);
    assert_int_equal(link_classify("http://youtu.be:80/abc"), LINK_RECORDING);
    /* Not recordings */
    assert_int_equal(link_classify("https://www.youtube.com/channel/UCabc"), LINK_OTHER);
    assert_int_equal(link_classify("https://youtu.be/"), LINK_OTHER);
    assert_int_equal(link_classify("https://vimeo.com/about"), LINK_OTHER);
    assert_int_equal(link_classify("https://zoom.us/j/123"), LINK_OTHER);
    assert_int_equal(link_classify("https://notzoom.us/rec/x"), LINK_OTHER);
}

static void test_github(void **state)
{
    (void)state;
    assert_int_equal(link_classify("https://github.com/cncf/tag-runtime/issues/126"), LINK_ISSUE);
    assert_int_equal(
        link_classify("https://github.com/cncf/tag-runtime/issues/168#issue-2405770168"),
        LINK_ISSUE);
    assert_int_equal(link_classify("https://github.com/kubernetes/community/pull/7823"), LINK_PR);
    assert_int_equal(
        link_classify("https://github.com/open-telemetry/semantic-conventions/pull/825"), LINK_PR);
    assert_int_equal(link_classify("https://github.com/cncf/landscape/pull/3876/files"), LINK_PR);
    assert_int_equal(link_classify("https://github.com/orgs/cncf/projects/38"), LINK_BOARD);
    assert_int_equal(link_classify("https://github.com/orgs/cncf/projects/38/views/1"), LINK_BOARD);
    assert_int_equal(link_classify("https://github.com/users/someone/projects/2"), LINK_BOARD);
    assert_int_equal(link_classify("https://github.com/Project-HAMi/HAMi"), LINK_OTHER);
    assert_int_equal(link_classify("https://github.com/cncf/tag-runtime/issues"), LINK_OTHER);
    assert_int_equal(link_classify("https://github.com/cncf/tag-runtime/issues/new"), LINK_OTHER);
    assert_int_equal(link_classify("https://gitlab.com/cncf/tag-runtime/issues/1"), LINK_OTHER);
    assert_int_equal(link_classify("https://github.com.evil.com/cncf/x/issues/1"), LINK_OTHER);
}

static void test_slack_docs_other(void **state)
{
    (void)state;
    assert_int_equal(link_classify("https://cloud-native.slack.com/archives/C05TYJE81SR"),
                     LINK_SLACK);
    assert_int_equal(link_classify("https://cloud-native.slack.com#wg-artificial-intelligence"),
                     LINK_SLACK);
    assert_int_equal(link_classify("https://slack.com/"), LINK_SLACK);
    assert_int_equal(link_classify("https://notslack.com/x"), LINK_OTHER);
    assert_int_equal(
        link_classify(
            "https://docs.google.com/document/d/1tS6gL5qjGLaHDtAChssqJhBVm8BIpopUA3Ddzm9LHwg/"
            "edit#bookmark=id.l7cysm8ez6sz"),
        LINK_DOC);
    assert_int_equal(
        link_classify(
            "https://docs.google.com/presentation/d/1lkdgG22KMxXuc582_CtNBgfVcJTNxf1diXXhTXNy8qg/"
            "edit?usp=sharing"),
        LINK_DOC);
    assert_int_equal(link_classify("https://docs.google.com/spreadsheets/d/x/edit"), LINK_DOC);
    assert_int_equal(link_classify("https://docs.google.com/forms/d/e/x/viewform"), LINK_DOC);
    assert_int_equal(link_classify("https://drive.google.com/file/d/x/view"), LINK_DOC);
    assert_int_equal(link_classify("https://docs.google.com/"), LINK_OTHER);
    assert_int_equal(link_classify("https://example.com"), LINK_OTHER);
    assert_int_equal(link_classify("https://opea.dev/community-days/"), LINK_OTHER);
    assert_int_equal(link_classify("https://tag-runtime.cncf.io/wgs/cnaiwg/onboarding/"),
                     LINK_OTHER);
}

/* The host decides, not a host-looking string elsewhere in the URL. */
static void test_hostile(void **state)
{
    (void)state;
    assert_int_equal(link_classify("https://evil.com/youtu.be/x"), LINK_OTHER);
    assert_int_equal(link_classify("https://evil.com/?u=https://youtu.be/x"), LINK_OTHER);
    assert_int_equal(link_classify("https://youtu.be@evil.com/x"), LINK_OTHER);
    assert_int_equal(link_classify("https://evil.com\\@youtu.be/x"), LINK_OTHER);
    assert_int_equal(link_classify("https://youtu.be.evil.com/x"), LINK_OTHER);
    assert_int_equal(link_classify("https://evilslack.com/x"), LINK_OTHER);
    assert_int_equal(link_classify("https://slack.com.evil.com/x"), LINK_OTHER);
    assert_int_equal(link_classify("javascript:alert(1)"), LINK_OTHER);
    assert_int_equal(link_classify("javascript://youtu.be/%0aalert(1)"), LINK_OTHER);
    assert_int_equal(link_classify("ftp://youtu.be/x"), LINK_OTHER);
    assert_int_equal(link_classify("//youtu.be/x"), LINK_OTHER);
    assert_int_equal(link_classify("youtu.be/x"), LINK_OTHER);
    assert_int_equal(link_classify(""), LINK_OTHER);
    assert_int_equal(link_classify(NULL), LINK_OTHER);
    assert_int_equal(link_classify("https://"), LINK_OTHER);
    /* userinfo is not the host; the real host still counts */
    assert_int_equal(link_classify("https://user:pw@youtu.be/x"), LINK_RECORDING);
    assert_int_equal(link_classify("https://youtu.be./x"), LINK_RECORDING);
}

static void test_kind_names(void **state)
{
    (void)state;
    assert_string_equal(link_kind_name(LINK_RECORDING), "recording");
    assert_string_equal(link_kind_name(LINK_ISSUE), "issue");
    assert_string_equal(link_kind_name(LINK_PR), "pr");
    assert_string_equal(link_kind_name(LINK_SLACK), "slack");
    assert_string_equal(link_kind_name(LINK_BOARD), "board");
    assert_string_equal(link_kind_name(LINK_DOC), "doc");
    assert_string_equal(link_kind_name(LINK_OTHER), "other");
    assert_string_equal(link_kind_name((enum link_kind)42), "other");
}

static void test_github_issue(void **state)
{
    (void)state;
    char repo[64];
    int n = -1;
    assert_true(link_github_issue("https://github.com/cncf/tag-runtime/issues/126", repo,
                                  sizeof(repo), &n));
    assert_string_equal(repo, "cncf/tag-runtime");
    assert_int_equal(n, 126);
    assert_true(link_github_issue("https://github.com/cncf/tag-runtime/issues/168#issue-2405770168",
                                  repo, sizeof(repo), &n));
    assert_int_equal(n, 168);
    assert_true(link_github_issue("https://github.com/kubernetes/community/pull/7823/", repo,
                                  sizeof(repo), &n));
    assert_string_equal(repo, "kubernetes/community");
    assert_int_equal(n, 7823);
    assert_true(link_github_issue("http://GitHub.com/o/r/issues/5?x=1", repo, sizeof(repo), &n));
    assert_string_equal(repo, "o/r");
    assert_int_equal(n, 5);

    strcpy(repo, "untouched");
    n = -1;
    assert_false(link_github_issue("https://github.com/cncf/landscape/pull/3876/files", repo,
                                   sizeof(repo), &n));
    assert_false(
        link_github_issue("https://github.com/orgs/cncf/projects/38", repo, sizeof(repo), &n));
    assert_false(link_github_issue("https://github.com/cncf/tag-runtime/issues/abc", repo,
                                   sizeof(repo), &n));
    assert_false(
        link_github_issue("https://github.com/cncf/tag-runtime/issues/0", repo, sizeof(repo), &n));
    assert_false(link_github_issue("https://github.com/cncf/tag-runtime/issues/99999999999", repo,
                                   sizeof(repo), &n));
    assert_false(
        link_github_issue("https://evil.com/cncf/tag-runtime/issues/1", repo, sizeof(repo), &n));
    assert_false(
        link_github_issue("https://github.com//tag-runtime/issues/1", repo, sizeof(repo), &n));
    /* "cncf/tag-runtime" needs 17 bytes */
    assert_false(link_github_issue("https://github.com/cncf/tag-runtime/issues/126", repo, 16, &n));
    assert_string_equal(repo, "untouched");
    assert_int_equal(n, -1);
    assert_true(link_github_issue("https://github.com/cncf/tag-runtime/issues/126", repo, 17, &n));
    assert_string_equal(repo, "cncf/tag-runtime");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_recordings),       cmocka_unit_test(test_github),
        cmocka_unit_test(test_slack_docs_other), cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_kind_names),       cmocka_unit_test(test_github_issue),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
