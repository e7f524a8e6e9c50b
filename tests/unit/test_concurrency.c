/* test_concurrency.c: what lets several threads and processes share work
 * and the cache: cancelling long work on a worker thread (cu_cancelled, the
 * calendar parser's hook), a second connection's commits seen by polling
 * (store_changed_elsewhere), a write that must not wait (store_begin's
 * busy answer), and two opens racing to migrate a fresh cache. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <pthread.h>
#include <sqlite3.h>
#include <string.h>

#include "catchup/ical.h"
#include "store_fixture.h"

static const char feed[] = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
                           "BEGIN:VEVENT\r\nUID:a@test\r\nDTSTART:20270105T170000Z\r\n"
                           "DTEND:20270105T180000Z\r\nRRULE:FREQ=WEEKLY\r\n"
                           "SUMMARY:AI weekly\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

#define FROM ((time_t)1798761600) /* 2027-01-01 */
#define TO ((time_t)1830297600)   /* 2028-01-01 */

static void test_cancel_is_per_thread(void **state)
{
    (void)state;
    assert_false(cu_cancelled());
    atomic_bool flag;
    atomic_init(&flag, false);
    cu_cancel_watch(&flag);
    assert_false(cu_cancelled());
    atomic_store(&flag, true);
    assert_true(cu_cancelled());
    cu_cancel_watch(NULL);
    assert_false(cu_cancelled());
}

struct probe {
    bool seen;
};

static void *probe_main(void *p)
{
    ((struct probe *)p)->seen = cu_cancelled();
    return NULL;
}

static void test_cancel_other_thread_unaffected(void **state)
{
    (void)state;
    atomic_bool flag;
    atomic_init(&flag, true);
    cu_cancel_watch(&flag);
    struct probe pr = {true};
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, probe_main, &pr), 0);
    pthread_join(t, NULL);
    cu_cancel_watch(NULL);
    assert_false(pr.seen);
}

static void test_ical_cancelled(void **state)
{
    (void)state;
    struct ical_result r;
    struct cu_err e;
    assert_int_equal(ical_expand(feed, strlen(feed), NULL, FROM, TO, &r, &e), 0);
    assert_int_equal(r.n, 52);
    ical_result_free(&r);
    atomic_bool flag;
    atomic_init(&flag, true);
    cu_cancel_watch(&flag);
    int rc = ical_expand(feed, strlen(feed), NULL, FROM, TO, &r, &e);
    cu_cancel_watch(NULL);
    assert_int_equal(rc, -1);
    assert_string_equal(e.msg, "cancelled");
}

/* A second connection, as another catchup process would have. */
static sqlite3 *other(const struct fixture *f)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    return db;
}

static void test_changed_elsewhere(void **state)
{
    struct fixture *f = *state;
    struct cu_err e;
    assert_false(store_changed_elsewhere(f->s));
    /* this connection's own commits do not count */
    assert_int_equal(store_state_set(f->s, "k", "1", &e), 0);
    assert_false(store_changed_elsewhere(f->s));
    sqlite3 *db = other(f);
    assert_int_equal(sqlite3_exec(db, "INSERT INTO state VALUES ('o', 'x')", NULL, NULL, NULL),
                     SQLITE_OK);
    assert_true(store_changed_elsewhere(f->s));
    assert_false(store_changed_elsewhere(f->s));
    sqlite3_close(db);
}

static void test_begin_busy(void **state)
{
    struct fixture *f = *state;
    struct cu_err e;
    sqlite3 *db = other(f);
    assert_int_equal(sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
    store_set_busy_wait(f->s, 0);
    assert_int_equal(store_begin(f->s, &e), -2);
    assert_non_null(strstr(e.msg, "busy"));
    /* reading does not wait for the writer */
    char *v = store_state_get(f->s, "nothing");
    assert_null(v);
    assert_int_equal(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(store_begin(f->s, &e), 0);
    assert_int_equal(store_commit(f->s, &e), 0);
    store_set_busy_wait(f->s, -1);
    sqlite3_close(db);
}

/* Two opens of a fresh cache at once (as two commands started together):
 * both see version 0; the second to take the write lock must find the
 * migration done instead of failing on "table posts already exists". */
struct opener {
    const char *path;
    pthread_barrier_t *go;
    int rc;
    struct cu_err e;
};

static void *open_main(void *p)
{
    struct opener *o = p;
    struct store *s;
    pthread_barrier_wait(o->go);
    o->rc = store_open(o->path, STORE_RW, &s, &o->e);
    if (o->rc == 0)
        store_close(s);
    return NULL;
}

static void test_open_race(void **state)
{
    struct fixture *f = *state;
    for (int run = 0; run < 20; run++) {
        char *path = xasprintf("%s/race-%d.db", f->dir, run);
        pthread_barrier_t go;
        pthread_barrier_init(&go, NULL, 2);
        struct opener o[2] = {{path, &go, 0, {""}}, {path, &go, 0, {""}}};
        pthread_t t[2];
        for (int i = 0; i < 2; i++)
            assert_int_equal(pthread_create(&t[i], NULL, open_main, &o[i]), 0);
        for (int i = 0; i < 2; i++)
            pthread_join(t[i], NULL);
        pthread_barrier_destroy(&go);
        for (int i = 0; i < 2; i++)
            if (o[i].rc != 0)
                fail_msg("run %d: %s", run, o[i].e.msg);
        static const char *const side[] = {"", "-wal", "-shm"};
        for (size_t i = 0; i < 3; i++) {
            char *p = xasprintf("%s%s", path, side[i]);
            unlink(p);
            free(p);
        }
        free(path);
    }
}

int main(void)
{
#define T(fn) cmocka_unit_test(fn)
#define TS(fn) cmocka_unit_test_setup_teardown(fn, store_setup, store_teardown)
    const struct CMUnitTest tests[] = {
        T(test_cancel_is_per_thread), T(test_cancel_other_thread_unaffected),
        T(test_ical_cancelled),       TS(test_changed_elsewhere),
        TS(test_begin_busy),          TS(test_open_race),
    };
#undef T
#undef TS
    return cmocka_run_group_tests(tests, NULL, NULL);
}
