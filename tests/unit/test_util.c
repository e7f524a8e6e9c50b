/* test_util.c: messages that outgrow their buffer (util.c), files that are
 * not regular files (read_file), listings that name a file twice
 * (listing.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "catchup/listing.h"
#include "catchup/text.h"
#include "catchup/util.h"

/* A path of n 'p's under /tmp/long/. */
static char *long_path(size_t n)
{
    char *p = xmalloc(n + 11);
    memcpy(p, "/tmp/long/", 10);
    memset(p + 10, 'p', n);
    p[n + 10] = '\0';
    return p;
}

static void test_short_message_whole(void **state)
{
    (void)state;
    struct cu_err e;
    assert_int_equal(cu_errf(&e, "cannot open %s: %s", "/x", "No such file"), -1);
    assert_string_equal(e.msg, "cannot open /x: No such file");
    /* exactly as long as the buffer holds: whole */
    char *fill = xmalloc(sizeof(e.msg));
    memset(fill, 'a', sizeof(e.msg) - 1);
    fill[sizeof(e.msg) - 1] = '\0';
    cu_errf(&e, "%s", fill);
    assert_string_equal(e.msg, fill);
    free(fill);
    assert_int_equal(cu_errf(NULL, "no buffer"), -1);
}

/* A 525-character path used to cut the message at 512 bytes, reason and
 * advice gone; the path is what gets shortened now. */
static void test_long_path_keeps_reason(void **state)
{
    (void)state;
    char *path = long_path(515);
    struct cu_err e;
    cu_errf(&e, "cannot write the cache %s: the disk is full; free some space", path);
    size_t n = strlen(e.msg);
    assert_true(n < sizeof(e.msg));
    assert_true(n > sizeof(e.msg) - 8); /* the room is used */
    assert_true(str_starts(e.msg, "cannot write the cache /tmp/long/ppp"));
    assert_true(str_ends(e.msg, "ppp: the disk is full; free some space"));
    assert_non_null(strstr(e.msg, "ppp...ppp"));
    free(path);
}

static void test_prefix_keeps_reason(void **state)
{
    (void)state;
    char *path = long_path(600);
    struct cu_err e;
    cu_errf(&e, "cannot read %s: Permission denied", path);
    cu_err_prefix(&e, "posts");
    assert_true(str_starts(e.msg, "posts: cannot read /tmp/long/"));
    assert_true(str_ends(e.msg, ": Permission denied"));
    free(path);
}

/* The cut never splits a UTF-8 character. */
static void test_cut_keeps_utf8(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b, 0);
    for (int i = 0; i < 400; i++)
        buf_adds(&b, "é€"); /* 2 and 3 bytes */
    for (int shift = 0; shift < 5; shift++) {
        struct cu_err e;
        cu_errf(&e, "%.*s%s: why", shift, "xxxx", b.data);
        char *clean = text_sanitize(e.msg, strlen(e.msg), 0);
        assert_string_equal(clean, e.msg);
        free(clean);
        assert_true(str_ends(e.msg, "€: why"));
    }
    buf_free(&b);
}

static void test_read_file_not_regular(void **state)
{
    (void)state;
    char dir[] = "/tmp/catchup-util-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *fifo = xasprintf("%s/x.md", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    char *data = NULL;
    size_t len;
    struct cu_err e;
    /* no writer: an open without O_NONBLOCK would wait forever; the alarm
     * ends the suite then (a failure, not a hang) */
    alarm(10);
    time_t t0 = time(NULL);
    assert_int_equal(read_file(fifo, 1024, &data, &len, &e), -1);
    assert_true(time(NULL) - t0 < 3);
    alarm(0);
    assert_null(data);
    assert_true(str_ends(e.msg, "it is a device, FIFO or socket, not a file"));
    assert_int_equal(read_file(dir, 1024, &data, &len, &e), -1);
    assert_true(str_ends(e.msg, "it is a directory, not a file"));
    /* a regular file is read whole, its size known from the start */
    char *file = xasprintf("%s/ok.md", dir);
    FILE *f = fopen(file, "w");
    assert_non_null(f);
    for (int i = 0; i < 1000; i++)
        fputs("0123456789", f);
    fclose(f);
    assert_int_equal(read_file(file, 1 << 20, &data, &len, &e), 0);
    assert_int_equal(len, 10000);
    assert_int_equal(strlen(data), 10000);
    free(data);
    assert_int_equal(read_file(file, 9999, &data, &len, &e), -1);
    assert_true(str_ends(e.msg, "is larger than 9999 bytes"));
    unlink(file);
    unlink(fifo);
    rmdir(dir);
    free(file);
    free(fifo);
}

static void test_listing_duplicates(void **state)
{
    (void)state;
    static const char *const ids[] = {"b", "a", "b", "c", "a", "b"};
    static const char *const shas[] = {"1", "2", "1", "3", "9", "8"};
    size_t n = sizeof(ids) / sizeof(ids[0]);
    struct listing_entry *v = xcalloc(n, sizeof(*v));
    for (size_t i = 0; i < n; i++) {
        v[i].id = xstrdup(ids[i]);
        v[i].sha = xstrdup(shas[i]);
    }
    n = listing_dedup(v, n);
    /* each id once, the first of its entries, in listing order */
    assert_int_equal(n, 3);
    assert_string_equal(v[0].id, "b");
    assert_string_equal(v[0].sha, "1");
    assert_string_equal(v[1].id, "a");
    assert_string_equal(v[1].sha, "2");
    assert_string_equal(v[2].id, "c");
    listing_free(v, n);
}

static void test_buf_take_fits(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b, 0);
    buf_adds(&b, "short");
    char *s = buf_take(&b);
    assert_string_equal(s, "short");
    assert_null(b.data);
    free(s);
    s = buf_take(&b);
    assert_string_equal(s, "");
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_short_message_whole),   cmocka_unit_test(test_long_path_keeps_reason),
        cmocka_unit_test(test_prefix_keeps_reason),   cmocka_unit_test(test_cut_keeps_utf8),
        cmocka_unit_test(test_read_file_not_regular), cmocka_unit_test(test_listing_duplicates),
        cmocka_unit_test(test_buf_take_fits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
