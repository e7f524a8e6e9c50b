/* test_store_errors.c: a database error in the middle of a read is
 * reported, never taken for the end of the rows: "what's new" and search
 * on a cache whose statements fail while they step (SQLite's progress
 * handler interrupts the one statement a test names). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <sqlite3.h>
#include <string.h>

#include "catchup/search.h"
#include "catchup/whatsnew.h"
#include "store_fixture.h"
#include "store_int.h"

#define G "cnai"
#define T0 ((time_t)1700000000)

/* The statement to interrupt: any running statement whose SQL contains it. */
static const char *fail_sql;

static int interrupt_named(void *arg)
{
    sqlite3 *db = arg;
    for (sqlite3_stmt *st = sqlite3_next_stmt(db, NULL); st; st = sqlite3_next_stmt(db, st)) {
        const char *sql = sqlite3_sql(st); /* NULL for SQLite's own */
        if (sqlite3_stmt_busy(st) && sql && fail_sql && strstr(sql, fail_sql))
            return 1;
    }
    return 0;
}

/* From now on, stepping a statement whose SQL holds sql fails
 * (SQLITE_INTERRUPT), after the rows it gave before the handler looked. */
static void fail_statements(struct store *s, const char *sql)
{
    fail_sql = sql;
    sqlite3 *db = store_handle(s);
    sqlite3_progress_handler(db, 1, interrupt_named, db);
}

static void exec_sql(struct store *s, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(store_handle(s), sql, NULL, NULL, &err) != SQLITE_OK)
        fail_msg("%s: %s", sql, err);
}

/* Weeks, board items and an event, all stored after T0. */
static void fill(struct store *s)
{
    for (int i = 0; i < 20; i++) {
        char *sql = xasprintf(
            "INSERT INTO posts (grp, id, title, text, sort_day, sort_weight, body, first_seen, "
            "updated_at) VALUES ('" G "', 'week-%02d', 'Week %d agenda', 'the agenda of week "
            "%d', '2024-01-%02d', 0, '', %lld, %lld)",
            i, i, i, i + 1, (long long)T0 + 10, (long long)T0 + 10);
        exec_sql(s, sql);
        free(sql);
        sql = xasprintf("INSERT INTO board_items (grp, key, kind, repo, number, title, state, "
                        "status, source, first_seen, changed_at) VALUES ('" G
                        "', 'o/r#%d', 'issue', 'o/r', %d, 'agenda item %d', 'open', 'In Progress', "
                        "'graphql', %lld, %lld)",
                        i, i, i, (long long)T0 + 10, (long long)T0 + 10);
        exec_sql(s, sql);
        free(sql);
    }
    exec_sql(s, "INSERT INTO occurrences (grp, calendar, uid, rid, variant, summary, start, end, "
                "all_day, rule_start, first_seen) VALUES ('" G "', 'cal', 'u1', '', '', 'Call', "
                "1800000000, 1800003600, 0, 1800000000, 1700000010)");
}

static void test_whatsnew_reads_everything(void **state)
{
    struct fixture *f = *state;
    fill(f->s);
    struct wn_item *v = NULL;
    size_t n = 0;
    struct cu_err e = {{0}};
    assert_int_equal(whatsnew_collect(f->s, G, T0, T0 + 100, &v, &n, &e), 0);
    assert_int_equal(n, 41);
    whatsnew_free(v, n);
}

/* A failing statement of each of the four parts fails the whole list. */
static void test_whatsnew_reports_a_failed_step(void **state)
{
    static const char *const parts[] = {"FROM posts", "FROM board_items", "count(*)", "moved_at >"};
    struct fixture *f = *state;
    fill(f->s);
    for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
        fail_statements(f->s, parts[i]);
        struct wn_item *v = NULL;
        size_t n = 0;
        struct cu_err e = {{0}};
        int rc = whatsnew_collect(f->s, G, T0, T0 + 100, &v, &n, &e);
        if (rc != -1)
            fail_msg("'%s' failing: rc %d with %zu items, no error", parts[i], rc, n);
        assert_non_null(strstr(e.msg, "interrupt"));
        assert_null(v);
        assert_int_equal(n, 0);
    }
}

static void test_search_reads_everything(void **state)
{
    struct fixture *f = *state;
    fill(f->s);
    struct search_hit *hits = NULL;
    size_t n = 0, total = 0;
    struct cu_err e = {{0}};
    assert_int_equal(search_run(f->s, G, "agenda", 0, 0, &hits, &n, &total, NULL, &e), 0);
    assert_int_equal(total, 40);
    assert_int_equal(n, 40);
    search_hits_free(hits, n);
}

/* Each statement search steps, failing, fails the search. */
static void test_search_reports_a_failed_step(void **state)
{
    static const char *const parts[] = {"posts_fts MATCH ?1", "bm25(posts_fts", "bm25(board_fts",
                                        "FROM posts WHERE rowid", "FROM board_items WHERE rowid"};
    struct fixture *f = *state;
    fill(f->s);
    for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
        fail_statements(f->s, parts[i]);
        struct search_hit *hits = NULL;
        size_t n = 0, total = 0;
        bool bad = false;
        struct cu_err e = {{0}};
        int rc = search_run(f->s, G, "agenda", 0, 0, &hits, &n, &total, &bad, &e);
        if (rc != -1)
            fail_msg("'%s' failing: rc %d with %zu hits of %zu, no error", parts[i], rc, n, total);
        assert_false(bad);
        assert_non_null(strstr(e.msg, "interrupt"));
        assert_int_equal(n, 0);
    }
}

/* The newest-first listing (more matches than are ranked) too. */
static void test_search_newest_reports_a_failed_step(void **state)
{
    struct fixture *f = *state;
    exec_sql(f->s, "BEGIN");
    for (int i = 0; i < 1100; i++) {
        char *sql = xasprintf("INSERT INTO posts (grp, id, title, sort_day, sort_weight, body, "
                              "first_seen, updated_at) VALUES ('" G "', 'w%04d', 'agenda %d', "
                              "'2024-01-01', %d, '', 1, 1)",
                              i, i, i);
        exec_sql(f->s, sql);
        free(sql);
    }
    exec_sql(f->s, "COMMIT");
    struct search_hit *hits = NULL;
    size_t n = 0, total = 0;
    struct cu_err e = {{0}};
    assert_int_equal(search_run(f->s, G, "agenda", 0, 5, &hits, &n, &total, NULL, &e), 0);
    assert_int_equal(n, 5);
    assert_int_equal(total, 1100);
    search_hits_free(hits, n);
    fail_statements(f->s, "ORDER BY sort_day DESC");
    hits = NULL;
    n = total = 0;
    int rc = search_run(f->s, G, "agenda", 0, 5, &hits, &n, &total, NULL, &e);
    if (rc != -1)
        fail_msg("rc %d with %zu hits of %zu, no error", rc, n, total);
    assert_non_null(strstr(e.msg, "interrupt"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_whatsnew_reads_everything, store_setup,
                                        store_teardown),
        cmocka_unit_test_setup_teardown(test_whatsnew_reports_a_failed_step, store_setup,
                                        store_teardown),
        cmocka_unit_test_setup_teardown(test_search_reads_everything, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_search_reports_a_failed_step, store_setup,
                                        store_teardown),
        cmocka_unit_test_setup_teardown(test_search_newest_reports_a_failed_step, store_setup,
                                        store_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
