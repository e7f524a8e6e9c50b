/* test_http.c: the parts of http.c that need no network: Link headers,
 * turning responses into messages, URL hosts and the API origin check.
 * */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catchup/http.h"
#include "catchup/util.h"

#define API_URL "https://api.github.com/repos/cncf/tag-runtime/contents/wgs/cnai/news?ref=main"
/* 2024-05-27T12:47:54Z */
#define RESET_T ((time_t)1716814074)

/* ---- http_link_rel ------------------------------------------------------ */

/* Checks http_link_rel(link, rel) against want (NULL: no match). */
static void check_rel(const char *link, const char *rel, const char *want)
{
    char *got = http_link_rel(link, rel);
    if (!want && got)
        fail_msg("rel '%s' in '%s': got '%s', want none", rel, link ? link : "(null)", got);
    if (want && !got)
        fail_msg("rel '%s' in '%s': got none, want '%s'", rel, link ? link : "(null)", want);
    if (want)
        assert_string_equal(got, want);
    free(got);
}

#define GH_NEXT "https://api.github.com/repositories/1/commits?path=x&per_page=1&page=2"
#define GH_LAST "https://api.github.com/repositories/1/commits?path=x&per_page=1&page=3"

static void test_link_github(void **state)
{
    (void)state;
    const char *link = "<" GH_NEXT ">; rel=\"next\", <" GH_LAST ">; rel=\"last\"";
    check_rel(link, "next", GH_NEXT);
    check_rel(link, "last", GH_LAST);
    check_rel(link, "first", NULL);
    check_rel(link, "prev", NULL);
    check_rel(link, "nex", NULL);
    check_rel(link, "", NULL);
}

static void test_link_four_rels(void **state)
{
    (void)state;
    const char *link = "<https://api.github.com/repositories/1/commits?page=1>; rel=\"first\", "
                       "<https://api.github.com/repositories/1/commits?page=4>; rel=\"prev\", "
                       "<https://api.github.com/repositories/1/commits?page=6>; rel=\"next\", "
                       "<https://api.github.com/repositories/1/commits?page=9>; rel=\"last\"";
    check_rel(link, "first", "https://api.github.com/repositories/1/commits?page=1");
    check_rel(link, "prev", "https://api.github.com/repositories/1/commits?page=4");
    check_rel(link, "next", "https://api.github.com/repositories/1/commits?page=6");
    check_rel(link, "last", "https://api.github.com/repositories/1/commits?page=9");
}

static void test_link_variants(void **state)
{
    (void)state;
    /* no rel at all, or only other params */
    check_rel("<https://x.example/a>", "next", NULL);
    check_rel("<https://x.example/a>; title=\"next\"", "next", NULL);
    /* unquoted */
    check_rel("<https://x.example/a>; rel=next, <https://x.example/b>; rel=last", "next",
              "https://x.example/a");
    check_rel("<https://x.example/a>; rel=next, <https://x.example/b>; rel=last", "last",
              "https://x.example/b");
    /* several relation types in one rel */
    check_rel("<https://x.example/a>; rel=\"next last\"", "next", "https://x.example/a");
    check_rel("<https://x.example/a>; rel=\"next last\"", "last", "https://x.example/a");
    check_rel("<https://x.example/a>; rel=\"  next   last \"", "last", "https://x.example/a");
    check_rel("<https://x.example/a>; rel=\"nextpage\"", "next", NULL);
    /* spaces everywhere, and none */
    check_rel("  <https://x.example/a>  ;  rel = \"prev\"  ,<https://x.example/b>;rel=\"next\"",
              "next", "https://x.example/b");
    check_rel("  <https://x.example/a>  ;  rel = \"prev\"  ,<https://x.example/b>;rel=\"next\"",
              "prev", "https://x.example/a");
    /* names and types are case-insensitive */
    check_rel("<https://x.example/a>; REL=\"NEXT\"", "next", "https://x.example/a");
    /* a quoted ',' or ';' in another param does not end the link */
    check_rel("<https://x.example/a>; title=\"a, b; rel=next\"; rel=\"last\"", "last",
              "https://x.example/a");
    check_rel("<https://x.example/a>; title=\"a, b; rel=next\"; rel=\"last\"", "next", NULL);
    /* the first match wins */
    check_rel("<https://x.example/a>; rel=next, <https://x.example/b>; rel=next", "next",
              "https://x.example/a");
    /* a URL with ',' and ';' inside the brackets */
    check_rel("<https://x.example/a,b;c>; rel=next", "next", "https://x.example/a,b;c");
}

/* Was a bug: RFC 8288 allows tabs as well as spaces around '=' and between
 * relation types (BWS/OWS); http_link_rel() only skips spaces there. */
static void test_link_tabs(void **state)
{
    (void)state;
    check_rel("<https://x.example/a>;\trel\t=\t\"next\"", "next", "https://x.example/a");
    check_rel("<https://x.example/a>; rel=\"prev\tnext\"", "next", "https://x.example/a");
}

static void test_link_garbage(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "",
        "   ",
        ",,,",
        "no angle brackets; rel=next",
        "https://x.example/a; rel=\"next\"",
        "<https://x.example/a; rel=\"next\"",
        "<>; rel=\"next\"",
        "<https://x.example/a>; rel",
        "<https://x.example/a>; rel=",
        "<https://x.example/a>; rel=\"\"",
        "<https://x.example/a>;;;;",
        "<https://x.example/a>; =next",
        "<https://x.example/a>; rel=\"prev\", garbage; rel=next",
        ">; rel=next <",
        "<<>>",
    };
    for (size_t i = 0; i < CU_ARRAY_LEN(bad); i++)
        check_rel(bad[i], "next", NULL);
    check_rel(NULL, "next", NULL);
    check_rel("<https://x.example/a>; rel=next", NULL, NULL);
    /* a good link before the garbage is still found */
    check_rel("<https://x.example/a>; rel=\"prev\", garbage; rel=next", "prev",
              "https://x.example/a");
    /* an unterminated quote runs to the end */
    check_rel("<https://x.example/a>; rel=\"next", "next", "https://x.example/a");
}

static uint64_t rng_state;
static uint32_t rng(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 2685821657736338717ULL) >> 32);
}

/* Random headers from Link's own characters: never a crash or a hang, and
 * a result is always text that stood between '<' and '>'. */
static void test_link_random(void **state)
{
    (void)state;
    static const char *const parts[] = {
        "<",
        ">",
        "u",
        ";",
        ",",
        "=",
        " ",
        "\t",
        "\"",
        "rel",
        "next",
        "last",
        "title",
        "<https://x.example/a>",
        "; rel=",
        "\"next\"",
        "\"last next\"",
        ", ",
    };
    static const char *const rels[] = {"next", "last", "prev", "rel", "x"};
    rng_state = 0x2545f4914f6cdd1dULL;
    char buf[160];
    int found = 0;
    for (int iter = 0; iter < 100000; iter++) {
        size_t n = 0, want = rng() % 120;
        while (n < want) {
            const char *t = parts[rng() % CU_ARRAY_LEN(parts)];
            memcpy(buf + n, t, strlen(t));
            n += strlen(t);
        }
        buf[n] = '\0';
        char *got = http_link_rel(buf, rels[rng() % CU_ARRAY_LEN(rels)]);
        if (got) {
            found++;
            char *bracketed = xasprintf("<%s>", got);
            if (!*got || strchr(got, '>') || !strstr(buf, bracketed))
                fail_msg("'%s' gave '%s'", buf, got);
            free(bracketed);
            free(got);
        }
    }
    assert_true(found > 0); /* the generator does reach the matching path */
}

/* ---- http_check --------------------------------------------------------- */

static struct http_resp resp(long status, const char *body)
{
    struct http_resp r;
    memset(&r, 0, sizeof(r));
    r.url = API_URL;
    r.status = status;
    r.body = (char *)(body ? body : "");
    r.len = strlen(r.body);
    r.rl_remaining = -1;
    r.rl_reset = 0;
    r.retry_after = -1;
    return r;
}

/* http_check(r) must fail with exactly want. */
static void check_msg(const struct http_resp *r, const char *want)
{
    struct cu_err e = {{0}};
    assert_int_equal(http_check(r, &e), -1);
    assert_string_equal(e.msg, want);
}

static void test_check_ok(void **state)
{
    (void)state;
    static const long ok[] = {200, 201, 204, 299, 304};
    for (size_t i = 0; i < CU_ARRAY_LEN(ok); i++) {
        struct http_resp r = resp(ok[i], "{\"message\":\"ignored\"}");
        struct cu_err e;
        strcpy(e.msg, "untouched");
        assert_int_equal(http_check(&r, &e), 0);
        assert_string_equal(e.msg, "untouched");
    }
    /* 1xx, 3xx other than 304 are not success */
    struct http_resp r = resp(302, NULL);
    struct cu_err e = {{0}};
    assert_int_equal(http_check(&r, &e), -1);
    assert_true(str_starts(e.msg, "api.github.com: HTTP 302"));
}

static void test_check_transfer_failed(void **state)
{
    (void)state;
    struct http_resp r = resp(0, NULL);
    snprintf(r.error, sizeof(r.error), "Could not resolve host: api.github.com");
    check_msg(&r, "Could not resolve host: api.github.com");
    r.error[0] = '\0';
    check_msg(&r, "the transfer failed");
}

static void test_check_401(void **state)
{
    (void)state;
    struct http_resp r = resp(401, "{\"message\":\"Requires authentication\"}");
    check_msg(&r, "api.github.com: 401 Unauthorized: this needs a token; set GITHUB_TOKEN");
    r = resp(401, "{\"message\":\"Bad credentials\",\"documentation_url\":"
                  "\"https://docs.github.com/rest\"}");
    r.token_sent = true;
    check_msg(&r, "api.github.com: 401 Unauthorized: Bad credentials: the token was refused; "
                  "check GITHUB_TOKEN or GH_TOKEN");
    r = resp(401, NULL);
    r.token_sent = true;
    check_msg(&r, "api.github.com: 401 Unauthorized: the token was refused; check GITHUB_TOKEN "
                  "or GH_TOKEN");
}

static void test_check_rate_limit(void **state)
{
    (void)state;
    setenv("TZ", "UTC", 1);
    tzset();
    struct http_resp r = resp(403, "{\"message\":\"API rate limit exceeded for 192.0.2.1.\"}");
    r.rl_remaining = 0;
    r.rl_reset = RESET_T;
    check_msg(&r, "api.github.com: rate limit exceeded; resets at 12:47 (set GITHUB_TOKEN for a "
                  "higher limit)");
    r.token_sent = true;
    check_msg(&r, "api.github.com: rate limit exceeded; resets at 12:47");
    /* 429 is the same; the remaining count decides, not the Retry-After */
    r.status = 429;
    r.retry_after = 60;
    check_msg(&r, "api.github.com: rate limit exceeded; resets at 12:47");
    /* local time: five and a half hours east of UTC */
    setenv("TZ", "XST-5:30", 1);
    tzset();
    check_msg(&r, "api.github.com: rate limit exceeded; resets at 18:17");
    setenv("TZ", "UTC", 1);
    tzset();
    /* remaining > 0: not a rate limit */
    r = resp(403, NULL);
    r.rl_remaining = 5;
    r.rl_reset = RESET_T;
    check_msg(&r, "api.github.com: 403 Forbidden");
}

/* Was a bug: without X-RateLimit-Reset the message reads "resets at later". */
static void test_check_rate_limit_no_reset(void **state)
{
    (void)state;
    struct http_resp r = resp(403, NULL);
    r.rl_remaining = 0;
    r.token_sent = true;
    struct cu_err e = {{0}};
    assert_int_equal(http_check(&r, &e), -1);
    assert_true(str_starts(e.msg, "api.github.com: rate limit exceeded; resets "));
    if (strstr(e.msg, "at later"))
        fail_msg("'%s'", e.msg);
}

static void test_check_secondary_rate_limit(void **state)
{
    (void)state;
    struct http_resp r = resp(403, "{\"message\":\"You have exceeded a secondary rate limit.\"}");
    r.retry_after = 60;
    r.rl_remaining = 4000;
    check_msg(&r, "api.github.com: secondary rate limit; retry in 60 s");
    r.status = 429;
    r.retry_after = 0;
    check_msg(&r, "api.github.com: secondary rate limit; retry in 0 s");
}

static void test_check_403_message(void **state)
{
    (void)state;
    struct http_resp r = resp(403, "{\"message\":\"Resource not accessible by integration\","
                                   "\"documentation_url\":\"https://docs.github.com/rest\"}");
    check_msg(&r, "api.github.com: 403 Forbidden: Resource not accessible by integration");
    /* not JSON, JSON without a message, a message that is not a string */
    r = resp(403, "<html>Forbidden</html>");
    check_msg(&r, "api.github.com: 403 Forbidden");
    r = resp(403, "{\"error\":\"x\"}");
    check_msg(&r, "api.github.com: 403 Forbidden");
    r = resp(403, "{\"message\":42}");
    check_msg(&r, "api.github.com: 403 Forbidden");
    r = resp(403, "{\"message\":\"\"}");
    check_msg(&r, "api.github.com: 403 Forbidden");
    r = resp(403, "{\"message\":\"trunc");
    check_msg(&r, "api.github.com: 403 Forbidden");
    /* 422 and other 4xx show the message too */
    r = resp(422, "{\"message\":\"Validation Failed\"}");
    check_msg(&r, "api.github.com: HTTP 422 Unprocessable Entity: Validation Failed");
}

static void test_check_message_controls(void **state)
{
    (void)state;
    struct http_resp r = resp(403, "{\"message\":\"bad\\u001b[31m\\nthing\\u007f!\\ttab\\r\"}");
    /* escape sequences go whole, controls go, newlines and tabs become spaces */
    check_msg(&r, "api.github.com: 403 Forbidden: bad thing! tab");
    /* long messages are cut at 120 columns */
    char body[400];
    char m[301];
    memset(m, 'm', 300);
    m[300] = '\0';
    snprintf(body, sizeof(body), "{\"message\":\"%s\"}", m);
    r = resp(403, body);
    struct cu_err e = {{0}};
    assert_int_equal(http_check(&r, &e), -1);
    assert_int_equal(strlen(e.msg), strlen("api.github.com: 403 Forbidden: ") + 120);
}

/* Was a bug: the server's message is made "printable" by replacing bytes below
 * 0x20 and 0x7f only: a C1 control such as U+009B (CSI, "\u009b" in JSON,
 * bytes C2 9B) reaches the terminal when the CLI prints the error, and the
 * cut at 160 bytes can split a UTF-8 sequence.  text_sanitize() does both
 * right. */
static void test_check_message_terminal_safe(void **state)
{
    (void)state;
    struct http_resp r = resp(403, "{\"message\":\"a\\u009b2Jb\"}");
    struct cu_err e = {{0}};
    assert_int_equal(http_check(&r, &e), -1);
    if (strstr(e.msg, "\xc2\x9b"))
        fail_msg("the C1 CSI (bytes C2 9B) reaches the message");
    /* 159 ASCII bytes, then a 2-byte 'é' across the cut */
    char body[300];
    char m[160];
    memset(m, 'm', 159);
    m[159] = '\0';
    snprintf(body, sizeof(body), "{\"message\":\"%s\\u00e9 more\"}", m);
    r = resp(403, body);
    assert_int_equal(http_check(&r, &e), -1);
    size_t n = strlen(e.msg);
    assert_true(n > 0);
    if ((unsigned char)e.msg[n - 1] == 0xc3)
        fail_msg("message ends in half a UTF-8 sequence");
}

static void test_check_404_5xx(void **state)
{
    (void)state;
    struct http_resp r = resp(404, "{\"message\":\"Not Found\"}");
    check_msg(&r, "api.github.com: 404 Not Found: check the configured repository, path and ref");
    r = resp(502, "<html>Bad Gateway</html>");
    check_msg(&r, "api.github.com: server error 502 Bad Gateway; try again later");
    r = resp(503, NULL);
    check_msg(&r, "api.github.com: server error 503 Service Unavailable; try again later");
    r = resp(500, NULL);
    check_msg(&r, "api.github.com: server error 500 Internal Server Error; try again later");
    /* the host comes from the URL; without one, "the server" */
    r = resp(502, NULL);
    r.url = "https://calendar.google.com/calendar/ical/x/public/basic.ics";
    check_msg(&r, "calendar.google.com: server error 502 Bad Gateway; try again later");
    r.url = "not a url";
    check_msg(&r, "the server: server error 502 Bad Gateway; try again later");
}

/* ---- hosts and origins ---------------------------------------------------- */

static struct http *new_http(const char *api)
{
    struct http_opts o = {.api = api};
    struct cu_err e = {{0}};
    struct http *h = http_new(&o, &e);
    if (!h)
        fail_msg("http_new: %s", e.msg);
    return h;
}

static void test_is_api(void **state)
{
    (void)state;
    struct http *h = new_http("http://127.0.0.1:1234");
    assert_true(http_is_api(h, "http://127.0.0.1:1234/repos/cncf/tag-runtime"));
    assert_true(http_is_api(h, "http://127.0.0.1:1234"));
    assert_true(http_is_api(h, "HTTP://127.0.0.1:1234/graphql"));
    assert_false(http_is_api(h, "http://127.0.0.1:1235/repos")); /* other port */
    assert_false(http_is_api(h, "http://127.0.0.1/repos"));      /* port 80 */
    assert_false(http_is_api(h, "http://127.0.0.2:1234/repos")); /* other host */
    assert_false(http_is_api(h, "http://localhost:1234/repos"));
    assert_false(http_is_api(h, "https://127.0.0.1:1234/repos")); /* other scheme */
    assert_false(http_is_api(h, "http://127.0.0.1:1234@evil.example/repos"));
    assert_false(http_is_api(h, "not a url"));
    assert_false(http_is_api(h, ""));
    assert_int_equal(http_pending(h), 0);
    assert_int_equal(http_requests(h), 0);
    http_free(h);

    /* the default port counts; the host is case-insensitive; the path is not
     * part of the origin */
    h = new_http("https://api.github.com");
    assert_true(http_is_api(h, "https://api.github.com/repos/x"));
    assert_true(http_is_api(h, "https://api.github.com:443/repos/x"));
    assert_true(http_is_api(h, "https://API.GitHub.com/repos/x"));
    assert_false(http_is_api(h, "http://api.github.com/repos/x"));
    assert_false(http_is_api(h, "https://api.github.com.evil.example/repos/x"));
    assert_false(http_is_api(h, "https://raw.githubusercontent.com/cncf/x"));
    assert_false(http_is_api(h, "https://github.com/cncf"));
    http_free(h);

    h = new_http("https://ghe.example.com/api/v3");
    assert_true(http_is_api(h, "https://ghe.example.com/api/graphql"));
    assert_false(http_is_api(h, "https://api.github.com/repos/x"));
    http_free(h);

    /* several handles at once share libcurl's global state */
    struct http *a = new_http("http://127.0.0.1:1234");
    struct http *b = new_http("http://127.0.0.1:5678");
    assert_true(http_is_api(b, "http://127.0.0.1:5678/x"));
    http_free(a);
    assert_false(http_is_api(b, "http://127.0.0.1:1234/x"));
    http_free(b);
    http_free(NULL);
}

static void noop_cb(struct http *h, const struct http_resp *r, void *arg)
{
    (void)h;
    (void)r;
    (void)arg;
}

static void test_get_refuses_non_http(void **state)
{
    (void)state;
    struct http *h = new_http("http://127.0.0.1:1234");
    struct cu_err e = {{0}};
    assert_int_equal(http_get(h, "file:///etc/passwd", NULL, HTTP_MAX_JSON, noop_cb, NULL, &e), -1);
    assert_true(strlen(e.msg) > 0);
    assert_int_equal(http_pending(h), 0);
    http_free(h);
}

/* A Link rel="last" is followed only forward in the same list. */
static void test_page_forward(void **state)
{
    (void)state;
    const char *cur = "http://127.0.0.1:8/repos/o/r/commits?path=a/b.md&sha=main&per_page=1";
    assert_true(http_page_forward(
        cur, "http://127.0.0.1:8/repos/o/r/commits?path=a/b.md&sha=main&per_page=1&page=3"));
    assert_true(http_page_forward(
        cur, "HTTP://127.0.0.1:8/repos/o/r/commits?page=2&path=a/b.md&sha=main&per_page=1"));
    const char *p3 = "https://api.github.com/repos/o/r/commits?path=x&per_page=1&page=3";
    assert_true(http_page_forward(
        p3, "https://api.github.com:443/repos/o/r/commits?path=x&per_page=1&page=4"));
    static const char *const not_forward[] = {
        /* back, or the same page */
        "https://api.github.com/repos/o/r/commits?path=x&per_page=1&page=2",
        "https://api.github.com/repos/o/r/commits?path=x&per_page=1&page=3",
        "https://api.github.com/repos/o/r/commits?path=x&per_page=1",
        /* another list: path, query, host, port, scheme */
        "https://api.github.com/repos/o/r/commits?path=y&per_page=1&page=9",
        "https://api.github.com/repos/o/r/commits?path=x&per_page=1&page=9&sha=evil",
        "https://api.github.com/repos/o/r/issues?path=x&per_page=1&page=9",
        "https://evil.example/repos/o/r/commits?path=x&per_page=1&page=9",
        "https://api.github.com:444/repos/o/r/commits?path=x&per_page=1&page=9",
        "http://api.github.com/repos/o/r/commits?path=x&per_page=1&page=9",
        /* a credential, a page that is not a number, not http */
        "https://u:p@api.github.com/repos/o/r/commits?path=x&per_page=1&page=9",
        "https://api.github.com/repos/o/r/commits?path=x&per_page=1&page=9x",
        "https://api.github.com/repos/o/r/commits?path=x&per_page=1&page=-9",
        "ftp://api.github.com/repos/o/r/commits?path=x&per_page=1&page=9",
        "",
    };
    for (size_t i = 0; i < CU_ARRAY_LEN(not_forward); i++)
        if (http_page_forward(p3, not_forward[i]))
            fail_msg("'%s' taken as forward of '%s'", not_forward[i], p3);
    assert_false(http_page_forward(NULL, p3));
    assert_false(http_page_forward(p3, NULL));
}

static void test_plain_remote(void **state)
{
    (void)state;
    assert_true(http_url_plain_remote("http://api.example.com"));
    assert_true(http_url_plain_remote("http://10.0.0.1:8080/api"));
    assert_true(http_url_plain_remote("http://localhost.example.com/"));
    assert_false(http_url_plain_remote("https://api.example.com"));
    assert_false(http_url_plain_remote("http://127.0.0.1:1234"));
    assert_false(http_url_plain_remote("http://127.1.2.3"));
    assert_false(http_url_plain_remote("http://localhost:8/x"));
    assert_false(http_url_plain_remote("http://LOCALHOST/"));
    assert_false(http_url_plain_remote("http://[::1]:8/"));
    assert_true(http_url_plain_remote("http://[2001:db8::1]/"));
}

/* A token goes over plain http only to this machine, unless allowed. */
static void test_token_not_over_plain_http(void **state)
{
    (void)state;
    struct cu_err e = {{0}};
    struct http_opts o = {.api = "http://ghe.example.com/api/v3", .token = "t"};
    assert_null(http_new(&o, &e));
    assert_string_equal(e.msg, "api is plain http to ghe.example.com: the token would travel "
                               "unencrypted; use https, or set allow_insecure = true under "
                               "[github]");
    o.allow_insecure = true;
    struct http *h = http_new(&o, &e);
    assert_non_null(h);
    http_free(h);
    o.allow_insecure = false;
    o.token = NULL;
    h = http_new(&o, &e);
    assert_non_null(h);
    http_free(h);
    o.token = "t";
    o.api = "http://127.0.0.1:9";
    h = http_new(&o, &e);
    assert_non_null(h);
    http_free(h);
}

/* A URL with a user name or password is not fetched, nor repeated. */
static void test_userinfo_not_fetched(void **state)
{
    (void)state;
    struct http *h = new_http("http://127.0.0.1:1234");
    struct cu_err e = {{0}};
    assert_int_equal(
        http_get(h, "http://u:sekrit@127.0.0.1:1234/x", NULL, HTTP_MAX_JSON, noop_cb, NULL, &e),
        -1);
    assert_string_equal(e.msg,
                        "refusing to fetch a URL with a user name or password (on 127.0.0.1)");
    assert_int_equal(http_pending(h), 0);
    http_free(h);
    assert_true(url_has_userinfo("https://u@h/x"));
    assert_true(url_has_userinfo("https://u:p@h"));
    assert_false(url_has_userinfo("https://h/x@y"));
    assert_false(url_has_userinfo("https://h?x=a@b"));
    assert_false(url_has_userinfo("https://h#a@b"));
    assert_false(url_has_userinfo("not a url @"));
    char *esc = url_escape("a b/&=?#%~._-\xc3\xa9", "/");
    assert_string_equal(esc, "a%20b/%26%3D%3F%23%25~._-%C3%A9");
    free(esc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_link_github),
        cmocka_unit_test(test_link_four_rels),
        cmocka_unit_test(test_link_variants),
        cmocka_unit_test(test_link_tabs),
        cmocka_unit_test(test_link_garbage),
        cmocka_unit_test(test_link_random),
        cmocka_unit_test(test_check_ok),
        cmocka_unit_test(test_check_transfer_failed),
        cmocka_unit_test(test_check_401),
        cmocka_unit_test(test_check_rate_limit),
        cmocka_unit_test(test_check_rate_limit_no_reset),
        cmocka_unit_test(test_check_secondary_rate_limit),
        cmocka_unit_test(test_check_403_message),
        cmocka_unit_test(test_check_message_controls),
        cmocka_unit_test(test_check_message_terminal_safe),
        cmocka_unit_test(test_check_404_5xx),
        cmocka_unit_test(test_is_api),
        cmocka_unit_test(test_get_refuses_non_http),
        cmocka_unit_test(test_page_forward),
        cmocka_unit_test(test_plain_remote),
        cmocka_unit_test(test_token_not_over_plain_http),
        cmocka_unit_test(test_userinfo_not_fetched),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
