/* test_url.c: one reading of a URL's host and of a URL's extent in text
 * (url.c), and the modules that show or classify hosts agreeing with it:
 * an event's place (agenda.c), an HTTP error's host (http.c), the link
 * kinds (links.c) and the events named in posts (postevents.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "catchup/agenda.h"
#include "catchup/http.h"
#include "catchup/links.h"
#include "catchup/url.h"
#include "catchup/util.h"

/* URLs that parsers read differently, with the host a browser goes to. */
static const struct {
    const char *url, *host;
} hosts[] = {
    {"https://api.github.com/repos/x", "api.github.com"},
    {"http://127.0.0.1:1234/x", "127.0.0.1"},
    {"https://user:pw@host.example:8443/p?q=1#f", "host.example"},
    {"https://[::1]:8080/", "[::1]"},
    {"https://Example.ORG./room", "example.org"},
    {"https://room.example\\@evil.example/x", "room.example"},
    {"https://a.example?x=@b.example", "a.example"},
    {"https://A.EXAMPLE#@b.example", "a.example"},
};

static void test_url_host(void **state)
{
    (void)state;
    for (size_t i = 0; i < CU_ARRAY_LEN(hosts); i++) {
        char *got = url_host_dup(hosts[i].url);
        if (!got || strcmp(got, hosts[i].host))
            fail_msg("'%s' gave host '%s', want '%s'", hosts[i].url, got ? got : "(none)",
                     hosts[i].host);
        free(got);
    }
    static const char *const none[] = {"not a url",          "",         "file:///etc/passwd",
                                       "mailto:x@y.example", "https://", "https:///x",
                                       "ftp://host.example/"};
    for (size_t i = 0; i < CU_ARRAY_LEN(none); i++) {
        char *got = url_host_dup(none[i]);
        if (got)
            fail_msg("'%s' gave host '%s', want none", none[i], got);
    }
    char *upper = url_host_dup("HTTPS://A.EXAMPLE:1/");
    assert_string_equal(upper, "a.example");
    free(upper);
    char small[4];
    const char *path = NULL;
    assert_false(url_host("https://long.example/", small, sizeof(small), &path));
    char host[64];
    assert_true(url_host("https://a.example:8/p/q?x", host, sizeof(host), &path));
    assert_string_equal(path, "/p/q?x");
}

static void test_url_span(void **state)
{
    (void)state;
    static const struct {
        const char *text, *url;
    } spans[] = {
        {"see https://a.example/x.", "https://a.example/x"},
        {"(https://a.example/x)", "https://a.example/x"},
        {"https://en.example/wiki/A_(b), then", "https://en.example/wiki/A_(b)"},
        {"<https://a.example/x>", "https://a.example/x"},
        {"[https://a.example/x]", "https://a.example/x"},
        {"\"https://a.example/x\"", "https://a.example/x"},
        {"https://a.example/x?y=1&z=2!", "https://a.example/x?y=1&z=2"},
    };
    for (size_t i = 0; i < CU_ARRAY_LEN(spans); i++) {
        const char *t = spans[i].text, *p = t;
        while (*p && !url_starts_at(t, p))
            p++;
        assert_true(*p);
        char *got = xstrndup(p, url_span(p));
        assert_string_equal(got, spans[i].url);
        free(got);
    }
    assert_false(url_starts_at("xhttps://a.example", "xhttps://a.example" + 1));
    assert_false(url_starts_at("ftp://a.example", "ftp://a.example"));
}

/* An event's place names the host its link goes to. */
static void test_place_host(void **state)
{
    (void)state;
    for (size_t i = 0; i < CU_ARRAY_LEN(hosts); i++) {
        char *got = agenda_place(hosts[i].url);
        if (strcmp(got, hosts[i].host))
            fail_msg("the place of '%s' is '%s', want '%s'", hosts[i].url, got, hosts[i].host);
        free(got);
    }
}

/* An HTTP error names the same host. */
static void test_http_error_host(void **state)
{
    (void)state;
    for (size_t i = 0; i < CU_ARRAY_LEN(hosts); i++) {
        struct http_resp r;
        memset(&r, 0, sizeof(r));
        r.url = hosts[i].url;
        r.status = 502;
        r.body = (char *)"";
        r.rl_remaining = -1;
        r.retry_after = -1;
        struct cu_err e = {{0}};
        assert_int_equal(http_check(&r, &e), -1);
        char *want = xasprintf("%s: server error 502 Bad Gateway; try again later", hosts[i].host);
        if (strcmp(e.msg, want))
            fail_msg("'%s': got '%s', want '%s'", hosts[i].url, e.msg, want);
        free(want);
    }
}

/* The host that classifies a link is the one shown: a Zoom link hidden
 * behind another host is not Zoom, and its place says where it goes. */
static void test_classify_agrees(void **state)
{
    (void)state;
    assert_null(link_video_call("https://zoom.us@evil.example/j/1"));
    char *got = agenda_place("https://zoom.us@evil.example/j/1");
    assert_string_equal(got, "evil.example");
    free(got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_url_host),        cmocka_unit_test(test_url_span),
        cmocka_unit_test(test_place_host),      cmocka_unit_test(test_http_error_host),
        cmocka_unit_test(test_classify_agrees),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
