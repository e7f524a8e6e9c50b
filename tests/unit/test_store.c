/* test_store.c: the SQLite cache (store.c) on temporary files: schema and
 * migrations, post order and paging, read state, validators, source status,
 * transactions, and every way a cache file can be unusable.
 * */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catchup/store.h"
#include "store_int.h"
#include "store_schema.h"
#include "catchup/util.h"

#define G "cnai"
#define RESET_T ((time_t)1716814074)

struct fixture {
    char dir[256];
    char *path; /* dir/cache.db */
    struct store *s;
};

static void rm_rf(const char *path)
{
    struct stat st;
    if (lstat(path, &st) < 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        chmod(path, 0700);
        DIR *d = opendir(path);
        struct dirent *de;
        while (d && (de = readdir(d))) {
            if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
                continue;
            char *sub = xasprintf("%s/%s", path, de->d_name);
            rm_rf(sub);
            free(sub);
        }
        if (d)
            closedir(d);
        rmdir(path);
    } else {
        unlink(path);
    }
}

static int setup(void **state)
{
    struct fixture *f = xcalloc(1, sizeof(*f));
    const char *tmp = getenv("TMPDIR");
    snprintf(f->dir, sizeof(f->dir), "%s/catchup-store-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(f->dir)) {
        free(f);
        return -1;
    }
    f->path = xasprintf("%s/cache.db", f->dir);
    unsetenv("CATCHUP_NOW");
    *state = f;
    return 0;
}

/* The fixture with its cache opened read-write. */
static int setup_open(void **state)
{
    if (setup(state) < 0)
        return -1;
    struct fixture *f = *state;
    struct cu_err e = {{0}};
    if (store_open(f->path, STORE_RW, &f->s, &e) < 0) {
        fprintf(stderr, "store_open: %s\n", e.msg);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    store_close(f->s);
    rm_rf(f->dir);
    free(f->path);
    free(f);
    return 0;
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* An integer from SQL run on a separate connection to path. */
static long long sql_int(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long long v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

static void sql_exec(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
        fail_msg("%s: %s", sql, err);
    sqlite3_close(db);
}

/* A post with borrowed strings, for store_post_put. */
static struct post mkpost(const char *grp, const char *id, const char *date, bool has_weight,
                          long weight)
{
    struct post p;
    memset(&p, 0, sizeof(p));
    p.grp = (char *)grp;
    p.id = (char *)id;
    p.title = (char *)id;
    p.date = (char *)date;
    p.has_weight = has_weight;
    p.weight = weight;
    return p;
}

static void put(struct store *s, const struct post *p, time_t now)
{
    struct cu_err e = {{0}};
    if (store_post_put(s, p, now, &e) < 0)
        fail_msg("store_post_put %s: %s", p->id, e.msg);
}

static void put_simple(struct store *s, const char *grp, const char *id, const char *date,
                       bool has_weight, long weight)
{
    struct post p = mkpost(grp, id, date, has_weight, weight);
    put(s, &p, 1000);
}

static long count(struct store *s, const char *grp)
{
    long n = -1;
    struct cu_err e = {{0}};
    if (store_posts_count(s, grp, &n, &e) < 0)
        fail_msg("store_posts_count: %s", e.msg);
    return n;
}

/* The ids of page (offset, limit) joined by spaces. */
static char *page_ids(struct store *s, const char *grp, long offset, long limit)
{
    struct post *rows = NULL;
    size_t n = 99;
    struct cu_err e = {{0}};
    if (store_posts_page(s, grp, offset, limit, &rows, &n, &e) < 0)
        fail_msg("store_posts_page: %s", e.msg);
    struct buf b;
    buf_init(&b, 0);
    buf_adds(&b, "");
    for (size_t i = 0; i < n; i++) {
        buf_addf(&b, "%s%s", i ? " " : "", rows[i].id);
        assert_string_equal(rows[i].grp, grp);
        assert_null(rows[i].body); /* listings carry no bodies */
    }
    posts_free(rows, n);
    return buf_take(&b);
}

static void assert_page(struct store *s, const char *grp, long offset, long limit, const char *want)
{
    char *got = page_ids(s, grp, offset, limit);
    if (strcmp(got, want))
        fail_msg("page(%ld, %ld): got '%s', want '%s'", offset, limit, got, want);
    free(got);
}

/* ---- open and migrate ----------------------------------------------------- */

static void test_open_creates_and_migrates(void **state)
{
    struct fixture *f = *state;
    char *path = xasprintf("%s/a/b/cache.db", f->dir);
    struct store *s = NULL;
    struct cu_err e = {{0}};
    assert_int_equal(store_open(path, STORE_RW, &s, &e), 0);
    assert_non_null(s);
    assert_false(store_readonly(s));
    assert_string_equal(store_path(s), path);
    assert_non_null(store_handle(s));
    assert_true(exists(path));
    /* created directories are private */
    char *dir = xasprintf("%s/a/b", f->dir);
    struct stat st;
    assert_int_equal(stat(dir, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    free(dir);
    /* the schema is at the newest version */
    assert_true(STORE_SCHEMA_VERSION >= 1);
    assert_int_equal(sql_int(path, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    assert_int_equal(sql_int(path, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
                                   "name IN ('posts', 'etags', 'sources', 'ratelimit', 'state')"),
                     5);
    assert_int_equal(count(s, G), 0);
    put_simple(s, G, "p1", "2024-05-27", true, 1);
    store_close(s);
    /* WAL mode persists in the file */
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(q, 0), "wal");
    sqlite3_finalize(q);
    sqlite3_close(db);
    /* opening again migrates nothing and keeps the data */
    assert_int_equal(store_open(path, STORE_RW, &s, &e), 0);
    assert_int_equal(sql_int(path, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    assert_int_equal(count(s, G), 1);
    store_close(s);
    store_close(NULL);
    free(path);
}

static void test_default_path(void **state)
{
    (void)state;
    setenv("XDG_CACHE_HOME", "/x/cache", 1);
    setenv("HOME", "/home/t", 1);
    char *p = store_default_path();
    assert_string_equal(p, "/x/cache/catchup/cache.db");
    free(p);
    unsetenv("XDG_CACHE_HOME");
    p = store_default_path();
    assert_string_equal(p, "/home/t/.cache/catchup/cache.db");
    free(p);
    unsetenv("HOME");
    assert_null(store_default_path());
}

/* ---- posts ------------------------------------------------------------------ */

/* Inserted out of order; the display order is
 * day desc, weight asc (none last), id. */
static void put_order_fixture(struct store *s)
{
    put_simple(s, G, "nd-y", NULL, false, 0);
    put_simple(s, G, "old", "2024-05-20", true, 1);
    put_simple(s, G, "p-0", "2024-05-27", false, 0);
    put_simple(s, G, "p-c", "2024-05-27", true, 5);
    put_simple(s, G, "nd-w", NULL, true, 1);
    put_simple(s, G, "p-a", "2024-05-27T23:10:00Z", true, 5);
    put_simple(s, G, "nd-x", NULL, false, 0);
    put_simple(s, G, "p-b", "2024-05-27", true, 3);
    put_simple(s, G, "neg", "2024-05-20T08:00:00Z", true, -4);
    put_simple(s, G, "new", "2024-06-01", true, 10000);
    /* another group's posts never show */
    put_simple(s, "k8s", "a-k8s-post", "2030-01-01", true, 0);
}

#define ORDER "new p-b p-a p-c p-0 neg old nd-w nd-x nd-y"

static void test_posts_order(void **state)
{
    struct fixture *f = *state;
    put_order_fixture(f->s);
    assert_int_equal(count(f->s, G), 10);
    assert_int_equal(count(f->s, "k8s"), 1);
    assert_int_equal(count(f->s, "none"), 0);
    assert_page(f->s, G, 0, -1, ORDER);
    assert_page(f->s, "k8s", 0, -1, "a-k8s-post");
    assert_page(f->s, "none", 0, -1, "");
}

static void test_posts_page_offsets(void **state)
{
    struct fixture *f = *state;
    put_order_fixture(f->s);
    assert_page(f->s, G, 0, 3, "new p-b p-a");
    assert_page(f->s, G, 3, 3, "p-c p-0 neg");
    assert_page(f->s, G, 6, 3, "old nd-w nd-x");
    assert_page(f->s, G, 9, 3, "nd-y");
    assert_page(f->s, G, 10, 3, "");
    assert_page(f->s, G, 100, 5, "");
    assert_page(f->s, G, 2, 1, "p-a");
    assert_page(f->s, G, 0, 0, "");
    assert_page(f->s, G, 7, -1, "nd-w nd-x nd-y");
    assert_page(f->s, G, -5, 2, "new p-b"); /* a negative offset is 0 */
}

static void test_post_index(void **state)
{
    struct fixture *f = *state;
    put_order_fixture(f->s);
    struct post *rows = NULL;
    size_t n = 0;
    struct cu_err e = {{0}};
    assert_int_equal(store_posts_page(f->s, G, 0, -1, &rows, &n, &e), 0);
    assert_int_equal(n, 10);
    for (size_t i = 0; i < n; i++) {
        long idx = store_post_index(f->s, G, rows[i].id);
        if (idx != (long)i)
            fail_msg("%s: index %ld, position %zu", rows[i].id, idx, i);
    }
    posts_free(rows, n);
    assert_int_equal(store_post_index(f->s, G, "missing"), -1);
    assert_int_equal(store_post_index(f->s, G, "a-k8s-post"), -1);
    assert_int_equal(store_post_index(f->s, "k8s", "a-k8s-post"), 0);
}

static void test_post_roundtrip(void **state)
{
    struct fixture *f = *state;
    struct post p = mkpost(G, "20_25_May_2024", "2024-05-27T10:47:54Z", true, 9996);
    p.path = "wgs/cnai/news/20_25_May_2024.md";
    p.sha = "0123456789abcdef0123456789abcdef01234567";
    p.title = "This Week in CN AI (20-25 May 2024)";
    p.description = "This week...\nsecond line";
    p.type = "news";
    p.date_source = "front matter";
    p.body = "\n\n## Key Developments\n";
    p.url = "https://tag-runtime.cncf.io/wgs/cnai/news/20_25_may_2024/";
    p.base_url = "https://github.com/cncf/tag-runtime/blob/main/wgs/cnai/news/";
    put(f->s, &p, 1716800000);
    struct post got;
    struct cu_err e = {{0}};
    assert_int_equal(store_post_get(f->s, G, "20_25_May_2024", &got, &e), 1);
    assert_string_equal(got.grp, G);
    assert_string_equal(got.id, p.id);
    assert_string_equal(got.path, p.path);
    assert_string_equal(got.sha, p.sha);
    assert_string_equal(got.title, p.title);
    assert_string_equal(got.description, p.description);
    assert_string_equal(got.type, p.type);
    assert_string_equal(got.date, p.date);
    assert_string_equal(got.date_source, p.date_source);
    assert_string_equal(got.body, p.body);
    assert_string_equal(got.url, p.url);
    assert_string_equal(got.base_url, p.base_url);
    assert_true(got.has_weight);
    assert_int_equal(got.weight, 9996);
    assert_true(got.unread); /* a new post is unread */
    assert_int_equal(got.first_seen, 1716800000);
    assert_int_equal(got.updated_at, 1716800000);
    post_free(&got);
    assert_null(got.id);
    post_free(NULL);
    /* NULL fields stay NULL; no body reads as "" */
    put_simple(f->s, G, "bare", NULL, false, 0);
    assert_int_equal(store_post_get(f->s, G, "bare", &got, &e), 1);
    assert_null(got.path);
    assert_null(got.date);
    assert_null(got.url);
    assert_false(got.has_weight);
    assert_string_equal(got.body, "");
    post_free(&got);
    /* not found */
    memset(&got, 0, sizeof(got));
    assert_int_equal(store_post_get(f->s, G, "nope", &got, &e), 0);
    assert_int_equal(store_post_get(f->s, "k8s", "bare", &got, &e), 0);
    assert_null(got.id);
}

/* A post whose front matter could not be read keeps the reason, in the
 * listing too; a fixed file clears it. */
static void test_post_fm_error(void **state)
{
    struct fixture *f = *state;
    struct post p = mkpost(G, "broken", NULL, false, 0);
    p.title = "First heading";
    p.body = "# First heading\n";
    p.fm_error = "front matter line 2: did not find expected key";
    put(f->s, &p, 1000);
    struct post got;
    struct cu_err e = {{0}};
    assert_int_equal(store_post_get(f->s, G, "broken", &got, &e), 1);
    assert_string_equal(got.fm_error, p.fm_error);
    assert_string_equal(got.body, p.body);
    post_free(&got);
    struct post *rows;
    size_t n;
    assert_int_equal(store_posts_page(f->s, G, 0, -1, &rows, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_string_equal(rows[0].fm_error, p.fm_error);
    posts_free(rows, n);
    p.fm_error = NULL;
    put(f->s, &p, 2000);
    assert_int_equal(store_post_get(f->s, G, "broken", &got, &e), 1);
    assert_null(got.fm_error);
    post_free(&got);
}

static void test_put_keeps_first_seen_and_read(void **state)
{
    struct fixture *f = *state;
    struct cu_err e = {{0}};
    struct post p = mkpost(G, "p", "2024-05-27", true, 3);
    p.sha = "aaa";
    put(f->s, &p, 1000);
    assert_int_equal(store_post_set_unread(f->s, G, "p", false, &e), 0);
    p.sha = "bbb";
    p.title = "New title";
    p.date = "2024-05-20";
    p.weight = 1;
    put(f->s, &p, 2000);
    struct post got;
    assert_int_equal(store_post_get(f->s, G, "p", &got, &e), 1);
    assert_int_equal(got.first_seen, 1000);
    assert_int_equal(got.updated_at, 2000);
    assert_false(got.unread);
    assert_string_equal(got.sha, "bbb");
    assert_string_equal(got.title, "New title");
    assert_string_equal(got.date, "2024-05-20");
    assert_int_equal(got.weight, 1);
    post_free(&got);
    assert_int_equal(count(f->s, G), 1);
    /* an unread post stays unread through an update */
    put_simple(f->s, G, "q", NULL, false, 0);
    put_simple(f->s, G, "q", NULL, true, 2);
    assert_int_equal(store_post_get(f->s, G, "q", &got, &e), 1);
    assert_true(got.unread);
    post_free(&got);
}

static void test_set_unread(void **state)
{
    struct fixture *f = *state;
    struct cu_err e = {{0}};
    put_simple(f->s, G, "p", NULL, false, 0);
    put_simple(f->s, G, "other", NULL, false, 0);
    struct post got;
    assert_int_equal(store_post_set_unread(f->s, G, "p", false, &e), 0);
    assert_int_equal(store_post_get(f->s, G, "p", &got, &e), 1);
    assert_false(got.unread);
    post_free(&got);
    assert_int_equal(store_post_set_unread(f->s, G, "p", false, &e), 0); /* twice */
    assert_int_equal(store_post_get(f->s, G, "p", &got, &e), 1);
    assert_false(got.unread);
    post_free(&got);
    assert_int_equal(store_post_get(f->s, G, "other", &got, &e), 1);
    assert_true(got.unread); /* only the one post */
    post_free(&got);
    assert_int_equal(store_post_set_unread(f->s, G, "p", true, &e), 0);
    assert_int_equal(store_post_get(f->s, G, "p", &got, &e), 1);
    assert_true(got.unread);
    post_free(&got);
    /* the listing shows the same state */
    assert_int_equal(store_post_set_unread(f->s, G, "other", false, &e), 0);
    struct post *rows;
    size_t n;
    assert_int_equal(store_posts_page(f->s, G, 0, -1, &rows, &n, &e), 0);
    assert_int_equal(n, 2);
    assert_string_equal(rows[0].id, "other");
    assert_false(rows[0].unread);
    assert_string_equal(rows[1].id, "p");
    assert_true(rows[1].unread);
    posts_free(rows, n);
}

static void check_resolve(struct store *s, const char *prefix, const char *want_id,
                          const char *want_err)
{
    char *id = NULL;
    struct cu_err e = {{0}};
    int rc = store_post_resolve(s, G, prefix, &id, &e);
    if (want_id) {
        if (rc != 0)
            fail_msg("resolve '%s': %s", prefix, e.msg);
        assert_string_equal(id, want_id);
        free(id);
    } else {
        assert_int_equal(rc, -1);
        assert_null(id);
        assert_string_equal(e.msg, want_err);
    }
}

static void test_resolve(void **state)
{
    struct fixture *f = *state;
    put_simple(f->s, G, "20_25_May_2024", "2024-05-25", true, 9996);
    put_simple(f->s, G, "20_26_May_2024", "2024-05-26", true, 9996);
    put_simple(f->s, G, "12_19_April_2024", "2024-04-19", true, 10000);
    put_simple(f->s, G, "a", NULL, false, 0);
    put_simple(f->s, G, "ab", NULL, false, 0);
    put_simple(f->s, "k8s", "12_k8s", NULL, false, 0);
    check_resolve(f->s, "12_19_April_2024", "12_19_April_2024", NULL);
    check_resolve(f->s, "12", "12_19_April_2024", NULL); /* the k8s one does not count */
    check_resolve(f->s, "20_25", "20_25_May_2024", NULL);
    check_resolve(f->s, "a", "a", NULL); /* exact beats prefix */
    check_resolve(f->s, "ab", "ab", NULL);
    check_resolve(f->s, "20_2", NULL,
                  "'20_2' matches several posts (20_26_May_2024, 20_25_May_2024); give more of "
                  "the name");
    check_resolve(f->s, "zz", NULL, "no post 'zz'; 'catchup posts' lists them");
    check_resolve(f->s, "%", NULL, "no post '%'; 'catchup posts' lists them");
    check_resolve(f->s, "12_19_April_2024x", NULL,
                  "no post '12_19_April_2024x'; 'catchup posts' lists them");
    /* more than five candidates: five and "..." */
    static const char *const many[] = {"m1", "m2", "m3", "m4", "m5", "m6", "m7"};
    for (size_t i = 0; i < CU_ARRAY_LEN(many); i++)
        put_simple(f->s, G, many[i], NULL, false, 0);
    check_resolve(f->s, "m", NULL,
                  "'m' matches several posts (m1, m2, m3, m4, m5, ...); give more of the name");
}

/* Was a bug: store_post_resolve() compares substr(id, 1, strlen(prefix)), but
 * SQLite's substr() counts characters, not bytes: a prefix holding a
 * multi-byte character never matches ("Übe" against "Übersicht"). */
static void test_resolve_utf8_prefix(void **state)
{
    struct fixture *f = *state;
    put_simple(f->s, G,
               "\xc3\x9c"
               "bersicht_2024",
               NULL, false, 0);
    check_resolve(f->s,
                  "\xc3\x9c"
                  "be",
                  "\xc3\x9c"
                  "bersicht_2024",
                  NULL);
}

static void test_delete(void **state)
{
    struct fixture *f = *state;
    put_order_fixture(f->s);
    struct cu_err e = {{0}};
    assert_int_equal(store_post_delete(f->s, G, "p-a", &e), 0);
    assert_int_equal(count(f->s, G), 9);
    assert_page(f->s, G, 0, -1, "new p-b p-c p-0 neg old nd-w nd-x nd-y");
    assert_int_equal(store_post_index(f->s, G, "p-a"), -1);
    assert_int_equal(store_post_index(f->s, G, "p-c"), 2);
    struct post got;
    assert_int_equal(store_post_get(f->s, G, "p-a", &got, &e), 0);
    /* deleting what is not there is fine; other groups are untouched */
    assert_int_equal(store_post_delete(f->s, G, "p-a", &e), 0);
    assert_int_equal(store_post_delete(f->s, G, "a-k8s-post", &e), 0);
    assert_int_equal(count(f->s, "k8s"), 1);
}

static void test_post_keys(void **state)
{
    struct fixture *f = *state;
    struct post p = mkpost(G, "x", "2024-05-27T10:00:00Z", false, 0);
    p.sha = "s1";
    p.date_source = "commit";
    put(f->s, &p, 1);
    put_simple(f->s, G, "y", NULL, false, 0);
    put_simple(f->s, "k8s", "z", NULL, false, 0);
    struct post_key *k = NULL;
    size_t n = 0;
    struct cu_err e = {{0}};
    assert_int_equal(store_post_keys(f->s, G, &k, &n, &e), 0);
    assert_int_equal(n, 2);
    size_t ix = strcmp(k[0].id, "x") == 0 ? 0 : 1;
    assert_string_equal(k[ix].id, "x");
    assert_string_equal(k[ix].sha, "s1");
    assert_string_equal(k[ix].date, "2024-05-27T10:00:00Z");
    assert_string_equal(k[ix].date_source, "commit");
    assert_string_equal(k[1 - ix].id, "y");
    assert_null(k[1 - ix].sha);
    assert_null(k[1 - ix].date);
    post_keys_free(k, n);
}

/* ---- validators, status, state ------------------------------------------------ */

static void test_etags(void **state)
{
    struct fixture *f = *state;
    struct cu_err e = {{0}};
    const char *url = "https://api.github.com/repos/cncf/tag-runtime/contents/wgs/cnai/news";
    assert_null(store_etag_get(f->s, url));
    assert_int_equal(store_etag_put(f->s, url, "W/\"abc\"", &e), 0);
    char *t = store_etag_get(f->s, url);
    assert_string_equal(t, "W/\"abc\"");
    free(t);
    assert_int_equal(store_etag_put(f->s, url, "\"def\"", &e), 0);
    t = store_etag_get(f->s, url);
    assert_string_equal(t, "\"def\"");
    free(t);
    assert_null(store_etag_get(f->s, "https://api.github.com/other"));
    assert_int_equal(store_etag_delete(f->s, url, &e), 0);
    assert_null(store_etag_get(f->s, url));
    assert_int_equal(store_etag_delete(f->s, url, &e), 0); /* twice */
    /* an empty or missing ETag removes the stored one */
    assert_int_equal(store_etag_put(f->s, url, "\"x\"", &e), 0);
    assert_int_equal(store_etag_put(f->s, url, "", &e), 0);
    assert_null(store_etag_get(f->s, url));
    assert_int_equal(store_etag_put(f->s, url, "\"x\"", &e), 0);
    assert_int_equal(store_etag_put(f->s, url, NULL, &e), 0);
    assert_null(store_etag_get(f->s, url));
}

static void check_source(struct store *s, const char *src, time_t ok, time_t try, const char *err)
{
    struct source_status st;
    assert_int_equal(store_source_get(s, G, src, &st), 1);
    assert_int_equal(st.last_ok, ok);
    assert_int_equal(st.last_try, try);
    if (err)
        assert_string_equal(st.error, err);
    else
        assert_null(st.error);
    source_status_free(&st);
    assert_null(st.error);
}

static void test_source_status(void **state)
{
    struct fixture *f = *state;
    struct cu_err e = {{0}};
    struct source_status st;
    assert_int_equal(store_source_get(f->s, G, "posts", &st), 0);
    assert_int_equal(st.last_ok, 0);
    assert_int_equal(st.last_try, 0);
    assert_null(st.error);
    /* first an error: never worked */
    assert_int_equal(store_source_set(f->s, G, "posts", 100, "api.github.com: 502", &e), 0);
    check_source(f->s, "posts", 0, 100, "api.github.com: 502");
    /* then it works */
    assert_int_equal(store_source_set(f->s, G, "posts", 200, NULL, &e), 0);
    check_source(f->s, "posts", 200, 200, NULL);
    /* an error keeps the time of the last success */
    assert_int_equal(store_source_set(f->s, G, "posts", 300, "timeout", &e), 0);
    check_source(f->s, "posts", 200, 300, "timeout");
    assert_int_equal(store_source_set(f->s, G, "posts", 400, "timeout again", &e), 0);
    check_source(f->s, "posts", 200, 400, "timeout again");
    assert_int_equal(store_source_set(f->s, G, "posts", 500, NULL, &e), 0);
    check_source(f->s, "posts", 500, 500, NULL);
    /* first a success */
    assert_int_equal(store_source_set(f->s, G, "board", 50, NULL, &e), 0);
    check_source(f->s, "board", 50, 50, NULL);
    /* sources are per group */
    assert_int_equal(store_source_get(f->s, "k8s", "posts", &st), 0);
}

/* How an attempt ended, and when the source first worked (its baseline). */
static void test_source_outcome(void **state)
{
    struct fixture *f = *state;
    struct cu_err e = {{0}};
    struct source_status st;
    /* unreachable first: never worked, no baseline */
    assert_int_equal(
        store_source_put(f->s, G, "events", 100, SOURCE_UNREACHABLE, "cannot connect to x", &e), 0);
    assert_int_equal(store_source_get(f->s, G, "events", &st), 1);
    assert_int_equal(st.outcome, SOURCE_UNREACHABLE);
    assert_int_equal(st.last_ok, 0);
    assert_int_equal(st.first_ok, 0);
    source_status_free(&st);
    /* a warning counts as working: the baseline is set, the text kept */
    assert_int_equal(store_source_put(f->s, G, "events", 200, SOURCE_WARNING, "not found", &e), 0);
    assert_int_equal(store_source_get(f->s, G, "events", &st), 1);
    assert_int_equal(st.outcome, SOURCE_WARNING);
    assert_int_equal(st.last_ok, 200);
    assert_int_equal(st.first_ok, 200);
    assert_string_equal(st.error, "not found");
    source_status_free(&st);
    /* later attempts move last_ok, never the baseline; OK drops the text */
    assert_int_equal(store_source_put(f->s, G, "events", 300, SOURCE_OK, "ignored", &e), 0);
    assert_int_equal(store_source_put(f->s, G, "events", 400, SOURCE_FAILED, "502", &e), 0);
    assert_int_equal(store_source_get(f->s, G, "events", &st), 1);
    assert_int_equal(st.outcome, SOURCE_FAILED);
    assert_int_equal(st.last_ok, 300);
    assert_int_equal(st.first_ok, 200);
    assert_string_equal(st.error, "502");
    source_status_free(&st);
    assert_int_equal(store_source_put(f->s, G, "events", 500, SOURCE_OK, NULL, &e), 0);
    assert_int_equal(store_source_get(f->s, G, "events", &st), 1);
    assert_int_equal(st.outcome, SOURCE_OK);
    assert_null(st.error);
    assert_int_equal(st.first_ok, 200);
    source_status_free(&st);
}

/* A cache from before the dates by rule (version 8) gets them from its
 * date_source; a first-commit date found later dates only a post that no
 * other rule dated. */
static void test_migrate_post_dates(void **state)
{
    struct fixture *f = *state;
    struct cu_err e = {{0}};
    struct store *s = NULL;
    assert_int_equal(store_open(f->path, STORE_RW, &s, &e), 0);
    struct post a = mkpost(G, "a", "2024-05-27T13:32:41Z", false, 0);
    a.date_source = "commit";
    put(s, &a, 1000);
    struct post b = mkpost(G, "b", "2024-06-01", false, 0);
    b.date_source = "front matter";
    put(s, &b, 1000);
    put_simple(s, G, "c", NULL, false, 0);
    store_close(s);
    sql_exec(f->path, "ALTER TABLE posts DROP COLUMN date_fm; ALTER TABLE posts DROP COLUMN "
                      "date_name; ALTER TABLE posts DROP COLUMN date_commit; ALTER TABLE posts "
                      "DROP COLUMN date_note; ALTER TABLE posts DROP COLUMN format; ALTER TABLE "
                      "etags DROP COLUMN last_modified; ALTER TABLE posts DROP COLUMN src; "
                      "ALTER TABLE posts DROP COLUMN badge; PRAGMA user_version = 8");
    assert_int_equal(store_open(f->path, STORE_RW, &s, &e), 0);
    struct post p;
    assert_int_equal(store_post_get(s, G, "a", &p, &e), 1);
    assert_string_equal(p.date_commit, "2024-05-27T13:32:41Z");
    assert_null(p.date_fm);
    post_free(&p);
    assert_int_equal(store_post_get(s, G, "b", &p, &e), 1);
    assert_string_equal(p.date_fm, "2024-06-01");
    assert_null(p.date_commit);
    post_free(&p);
    /* c had no date: its first commit dates it; b keeps its front matter's */
    assert_int_equal(store_post_set_commit_date(s, G, "c", "2023-01-02T00:00:00Z", &e), 0);
    assert_int_equal(store_post_set_commit_date(s, G, "b", "2020-01-01T00:00:00Z", &e), 0);
    assert_int_equal(store_post_get(s, G, "c", &p, &e), 1);
    assert_string_equal(p.date, "2023-01-02T00:00:00Z");
    assert_string_equal(p.date_source, "commit");
    post_free(&p);
    assert_int_equal(store_post_get(s, G, "b", &p, &e), 1);
    assert_string_equal(p.date, "2024-06-01");
    assert_string_equal(p.date_commit, "2020-01-01T00:00:00Z");
    post_free(&p);
    char *ids = page_ids(s, G, 0, -1);
    assert_string_equal(ids, "b a c");
    free(ids);
    store_close(s);
}

/* A cache from before posts sources were recorded (version 9): its posts
 * name none until a source claims them; a post of one source is not
 * overwritten by another source's post of the same id. */
static void test_migrate_posts_src(void **state)
{
    struct fixture *f = *state;
    struct cu_err e = {{0}};
    struct store *s = NULL;
    assert_int_equal(store_open(f->path, STORE_RW, &s, &e), 0);
    put_simple(s, G, "p1", "2024-05-27", true, 1);
    store_close(s);
    sql_exec(f->path, "ALTER TABLE posts DROP COLUMN src; ALTER TABLE posts DROP COLUMN badge; "
                      "PRAGMA user_version = 10");
    assert_int_equal(store_open(f->path, STORE_RW, &s, &e), 0);
    struct post_key *k;
    size_t n;
    assert_int_equal(store_post_keys(s, G, &k, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_null(k[0].src);
    post_keys_free(k, n);
    assert_int_equal(store_posts_claim(s, G, "github:a/b", &e), 0);
    assert_int_equal(store_post_keys(s, G, &k, &n, &e), 0);
    assert_string_equal(k[0].src, "github:a/b");
    post_keys_free(k, n);
    struct post p = mkpost(G, "p1", "2024-06-01", false, 0);
    p.src = "github-issues:c/d";
    assert_int_equal(store_post_put(s, &p, 2000, &e), 1);
    struct post got;
    assert_int_equal(store_post_get(s, G, "p1", &got, &e), 1);
    assert_string_equal(got.date, "2024-05-27");
    assert_string_equal(got.src, "github:a/b");
    post_free(&got);
    p.src = "github:a/b";
    p.badge = "b";
    assert_int_equal(store_post_put(s, &p, 2000, &e), 0);
    assert_int_equal(store_post_get(s, G, "p1", &got, &e), 1);
    assert_string_equal(got.date, "2024-06-01");
    assert_string_equal(got.badge, "b");
    post_free(&got);
    store_close(s);
}

/* A cache from before source outcomes gets them: a failed source reads as
 * failed, and one that worked takes the oldest first_seen of what it stored
 * as its baseline (the version before the newest stands for it here). */
static void test_migrate_source_outcome(void **state)
{
    struct fixture *f = *state;
    struct cu_err e = {{0}};
    struct store *s = NULL;
    assert_int_equal(store_open(f->path, STORE_RW, &s, &e), 0);
    put_simple(s, G, "p1", "2024-05-27", true, 1);
    assert_int_equal(store_source_set(s, G, "posts", 5000, NULL, &e), 0);
    assert_int_equal(store_source_set(s, G, "board", 6000, "502", &e), 0);
    store_close(s);
    /* the cache as version 6 left it: before the source outcomes (6 -> 7)
     * and what later migrations added (7 -> 8: board_gone; 8 -> 9: the
     * posts' dates by rule; 9 -> 10: feeds; 10 -> 11: the posts' sources) */
    sql_exec(f->path, "ALTER TABLE sources DROP COLUMN outcome; ALTER TABLE sources DROP "
                      "COLUMN first_ok; DROP TABLE board_gone; ALTER TABLE posts DROP COLUMN "
                      "date_fm; ALTER TABLE posts DROP COLUMN date_name; ALTER TABLE posts "
                      "DROP COLUMN date_commit; ALTER TABLE posts DROP COLUMN date_note; "
                      "ALTER TABLE posts DROP COLUMN format; ALTER TABLE etags DROP COLUMN "
                      "last_modified; ALTER TABLE posts DROP COLUMN src; ALTER TABLE posts DROP "
                      "COLUMN badge; PRAGMA user_version = 6");
    assert_int_equal(store_open(f->path, STORE_RW, &s, &e), 0);
    struct source_status st;
    assert_int_equal(store_source_get(s, G, "posts", &st), 1);
    assert_int_equal(st.outcome, SOURCE_OK);
    assert_int_equal(st.first_ok, 1000); /* the post's first_seen */
    source_status_free(&st);
    assert_int_equal(store_source_get(s, G, "board", &st), 1);
    assert_int_equal(st.outcome, SOURCE_FAILED);
    assert_int_equal(st.first_ok, 0);
    source_status_free(&st);
    store_close(s);
}

static void test_ratelimit(void **state)
{
    struct fixture *f = *state;
    struct cu_err e = {{0}};
    long rem = 77;
    time_t reset = 88;
    assert_int_equal(store_ratelimit_get(f->s, "api.github.com", &rem, &reset), 0);
    assert_int_equal(rem, 77); /* untouched */
    assert_int_equal(reset, 88);
    assert_int_equal(store_ratelimit_put(f->s, "api.github.com", 0, RESET_T, &e), 0);
    assert_int_equal(store_ratelimit_get(f->s, "api.github.com", &rem, &reset), 1);
    assert_int_equal(rem, 0);
    assert_int_equal(reset, RESET_T);
    assert_int_equal(store_ratelimit_put(f->s, "api.github.com", 4999, RESET_T + 3600, &e), 0);
    assert_int_equal(store_ratelimit_get(f->s, "api.github.com", &rem, &reset), 1);
    assert_int_equal(rem, 4999);
    assert_int_equal(reset, RESET_T + 3600);
    assert_int_equal(store_ratelimit_get(f->s, "raw.githubusercontent.com", &rem, &reset), 0);
}

static void test_state(void **state)
{
    struct fixture *f = *state;
    struct cu_err e = {{0}};
    assert_null(store_state_get(f->s, "last_visit:cnai"));
    assert_int_equal(store_state_set(f->s, "last_visit:cnai", "1716814074", &e), 0);
    char *v = store_state_get(f->s, "last_visit:cnai");
    assert_string_equal(v, "1716814074");
    free(v);
    assert_int_equal(store_state_set(f->s, "last_visit:cnai", "1716900000", &e), 0);
    v = store_state_get(f->s, "last_visit:cnai");
    assert_string_equal(v, "1716900000");
    free(v);
    assert_null(store_state_get(f->s, "last_visit:k8s"));
    assert_int_equal(store_state_set(f->s, "empty", "", &e), 0);
    v = store_state_get(f->s, "empty");
    assert_string_equal(v, "");
    free(v);
}

/* ---- transactions ------------------------------------------------------------- */

static void test_transactions(void **state)
{
    struct fixture *f = *state;
    struct cu_err e = {{0}};
    put_simple(f->s, G, "kept", NULL, false, 0);
    /* rolled back: not visible */
    assert_int_equal(store_begin(f->s, &e), 0);
    put_simple(f->s, G, "gone", NULL, false, 0);
    assert_int_equal(store_etag_put(f->s, "https://x.example/", "\"e\"", &e), 0);
    assert_int_equal(store_post_delete(f->s, G, "kept", &e), 0);
    assert_int_equal(count(f->s, G), 1); /* inside: its own writes */
    store_rollback(f->s);
    assert_int_equal(count(f->s, G), 1);
    struct post got;
    assert_int_equal(store_post_get(f->s, G, "gone", &got, &e), 0);
    assert_int_equal(store_post_get(f->s, G, "kept", &got, &e), 1);
    post_free(&got);
    assert_null(store_etag_get(f->s, "https://x.example/"));
    assert_int_equal(sql_int(f->path, "SELECT count(*) FROM posts"), 1);
    /* committed: visible, also to another connection; not before the commit */
    assert_int_equal(store_begin(f->s, &e), 0);
    put_simple(f->s, G, "new", NULL, false, 0);
    assert_int_equal(sql_int(f->path, "SELECT count(*) FROM posts"), 1);
    assert_int_equal(store_commit(f->s, &e), 0);
    assert_int_equal(sql_int(f->path, "SELECT count(*) FROM posts"), 2);
    assert_int_equal(count(f->s, G), 2);
    /* nested: only the outermost commit commits */
    assert_int_equal(store_begin(f->s, &e), 0);
    assert_int_equal(store_begin(f->s, &e), 0);
    put_simple(f->s, G, "nested", NULL, false, 0);
    assert_int_equal(store_commit(f->s, &e), 0);
    assert_int_equal(sql_int(f->path, "SELECT count(*) FROM posts"), 2);
    assert_int_equal(store_commit(f->s, &e), 0);
    assert_int_equal(sql_int(f->path, "SELECT count(*) FROM posts"), 3);
    /* a rollback inside nesting drops everything since the outer begin */
    assert_int_equal(store_begin(f->s, &e), 0);
    put_simple(f->s, G, "outer", NULL, false, 0);
    assert_int_equal(store_begin(f->s, &e), 0);
    put_simple(f->s, G, "inner", NULL, false, 0);
    store_rollback(f->s);
    assert_int_equal(count(f->s, G), 3);
    /* unbalanced calls are harmless */
    store_rollback(f->s);
    assert_int_equal(store_commit(f->s, &e), 0);
    put_simple(f->s, G, "after", NULL, false, 0); /* autocommit again */
    assert_int_equal(sql_int(f->path, "SELECT count(*) FROM posts"), 4);
}

/* ---- unusable caches ------------------------------------------------------------ */

static void write_random(const char *path, size_t n)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    uint64_t x = 0x853c49e6748fea9bULL;
    for (size_t i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        fputc((int)(x & 0xff), fp);
    }
    fclose(fp);
}

static void test_garbage_file(void **state)
{
    struct fixture *f = *state;
    write_random(f->path, 4096);
    char *want = xasprintf("the cache %s is damaged (file is not a database); run 'catchup "
                           "--reset-cache' to move it aside and start a fresh one",
                           f->path);
    static const enum store_mode modes[] = {STORE_RW, STORE_RO, STORE_RW_OR_RO};
    for (size_t i = 0; i < CU_ARRAY_LEN(modes); i++) {
        struct store *s = NULL;
        struct cu_err e = {{0}};
        assert_int_equal(store_open(f->path, modes[i], &s, &e), -1);
        assert_null(s);
        assert_non_null(strstr(e.msg, "damaged"));
        assert_non_null(strstr(e.msg, "--reset-cache"));
        assert_string_equal(e.msg, want);
    }
    free(want);
    /* the file is left as it was */
    struct stat st;
    assert_int_equal(stat(f->path, &st), 0);
    assert_int_equal(st.st_size, 4096);
}

static void test_newer_schema(void **state)
{
    struct fixture *f = *state;
    sql_exec(f->path, "CREATE TABLE future (x); PRAGMA user_version = 999");
    char *want = xasprintf("the cache %s was written by a newer catchup (schema 999; this one "
                           "knows up to %d): upgrade catchup, or run 'catchup --reset-cache' to "
                           "start a fresh cache",
                           f->path, STORE_SCHEMA_VERSION);
    static const enum store_mode modes[] = {STORE_RW, STORE_RO, STORE_RW_OR_RO};
    for (size_t i = 0; i < CU_ARRAY_LEN(modes); i++) {
        struct store *s = NULL;
        struct cu_err e = {{0}};
        assert_int_equal(store_open(f->path, modes[i], &s, &e), -1);
        assert_null(s);
        assert_string_equal(e.msg, want);
    }
    free(want);
    /* refused, not touched */
    assert_int_equal(sql_int(f->path, "PRAGMA user_version"), 999);
    assert_int_equal(sql_int(f->path, "SELECT count(*) FROM sqlite_master WHERE name = 'posts'"),
                     0);
}

static void test_reset(void **state)
{
    struct fixture *f = *state;
    write_random(f->path, 4096);
    char *wal = xasprintf("%s-wal", f->path);
    char *shm = xasprintf("%s-shm", f->path);
    FILE *fp = fopen(wal, "w");
    fputs("wal", fp);
    fclose(fp);
    fp = fopen(shm, "w");
    fputs("shm", fp);
    fclose(fp);
    char *moved = NULL;
    struct cu_err e = {{0}};
    assert_int_equal(store_reset(f->path, &moved, &e), 0);
    assert_non_null(moved);
    /* PATH.broken-YYYYmmdd-HHMMSS */
    char *prefix = xasprintf("%s.broken-", f->path);
    assert_true(str_starts(moved, prefix));
    const char *stamp = moved + strlen(prefix);
    assert_int_equal(strlen(stamp), 15);
    for (int i = 0; i < 15; i++)
        assert_true(i == 8 ? stamp[i] == '-' : (stamp[i] >= '0' && stamp[i] <= '9'));
    free(prefix);
    assert_false(exists(f->path));
    assert_false(exists(wal));
    assert_false(exists(shm));
    struct stat st;
    assert_int_equal(stat(moved, &st), 0);
    assert_int_equal(st.st_size, 4096);
    char *moved_wal = xasprintf("%s-wal", moved);
    char *moved_shm = xasprintf("%s-shm", moved);
    assert_true(exists(moved_wal));
    assert_true(exists(moved_shm));
    /* a fresh cache opens at the old place */
    struct store *s = NULL;
    assert_int_equal(store_open(f->path, STORE_RW, &s, &e), 0);
    assert_int_equal(count(s, G), 0);
    store_close(s);
    /* nothing to reset */
    rm_rf(f->path);
    unlink(wal);
    unlink(shm);
    char *m2 = NULL;
    assert_int_equal(store_reset(f->path, &m2, &e), -1);
    assert_null(m2);
    char *want = xasprintf("there is no cache at %s", f->path);
    assert_string_equal(e.msg, want);
    free(want);
    free(moved_wal);
    free(moved_shm);
    free(moved);
    free(wal);
    free(shm);
}

/* Was a bug: store_reset() names the copy PATH.broken-YYYYmmdd-HHMMSS and
 * rename()s over whatever has that name, so a second reset within the same
 * second silently destroys the first broken copy. */
static void test_reset_twice_same_second(void **state)
{
    struct fixture *f = *state;
    char *m1 = NULL, *m2 = NULL;
    struct cu_err e = {{0}};
    for (int attempt = 0; attempt < 3; attempt++) {
        free(m1);
        free(m2);
        m1 = m2 = NULL;
        time_t before = time(NULL);
        write_random(f->path, 4096);
        assert_int_equal(store_reset(f->path, &m1, &e), 0);
        write_random(f->path, 1000);
        assert_int_equal(store_reset(f->path, &m2, &e), 0);
        if (time(NULL) == before)
            break; /* both in one second: the case under test */
    }
    bool distinct = strcmp(m1, m2) != 0;
    struct stat st;
    bool first_kept = stat(m1, &st) == 0 && st.st_size == 4096;
    free(m1);
    free(m2);
    assert_true(distinct);
    assert_true(first_kept);
}

static void test_ro_missing(void **state)
{
    struct fixture *f = *state;
    char *path = xasprintf("%s/sub/cache.db", f->dir);
    struct store *s = NULL;
    struct cu_err e = {{0}};
    assert_int_equal(store_open(path, STORE_RO, &s, &e), -1);
    assert_null(s);
    char *want = xasprintf("no cache yet at %s: run 'catchup refresh' first", path);
    assert_string_equal(e.msg, want);
    free(want);
    assert_false(exists(path)); /* nothing created */
    char *sub = xasprintf("%s/sub", f->dir);
    assert_false(exists(sub));
    free(sub);
    free(path);
}

static void test_ro_existing(void **state)
{
    struct fixture *f = *state;
    struct store *s = NULL;
    struct cu_err e = {{0}};
    assert_int_equal(store_open(f->path, STORE_RW, &s, &e), 0);
    put_simple(s, G, "p", "2024-05-27", true, 1);
    store_close(s);
    assert_int_equal(store_open(f->path, STORE_RO, &s, &e), 0);
    assert_true(store_readonly(s));
    assert_int_equal(count(s, G), 1);
    assert_page(s, G, 0, -1, "p");
    /* writing is refused with a message, not attempted */
    char *want = xasprintf("the cache %s is read-only here; nothing can be stored", f->path);
    assert_int_equal(store_begin(s, &e), -1);
    assert_string_equal(e.msg, want);
    free(want);
    want = xasprintf("the cache %s is read-only here", f->path);
    assert_int_equal(store_post_set_unread(s, G, "p", false, &e), -1);
    assert_string_equal(e.msg, want);
    free(want);
    store_close(s);
    /* an empty file is a database of version 0: it needs a migration */
    char *empty = xasprintf("%s/empty.db", f->dir);
    FILE *fp = fopen(empty, "w");
    fclose(fp);
    assert_int_equal(store_open(empty, STORE_RO, &s, &e), -1);
    want = xasprintf("the cache %s needs an upgrade, which needs write access", empty);
    assert_string_equal(e.msg, want);
    free(want);
    assert_int_equal(store_open(empty, STORE_RW, &s, &e), 0); /* migrates */
    assert_int_equal(sql_int(empty, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    store_close(s);
    free(empty);
}

static void test_rw_or_ro_readonly_dir(void **state)
{
    struct fixture *f = *state;
    char *dir = xasprintf("%s/ro", f->dir);
    char *path = xasprintf("%s/cache.db", dir);
    struct store *s = NULL;
    struct cu_err e = {{0}};
    assert_int_equal(store_open(path, STORE_RW, &s, &e), 0);
    put_simple(s, G, "p", "2024-05-27", true, 1);
    store_close(s);
    assert_int_equal(chmod(dir, 0500), 0);
    /* root ignores permissions: nothing to test then */
    char *probe = xasprintf("%s/probe", dir);
    int fd = open(probe, O_CREAT | O_WRONLY, 0600);
    if (fd >= 0) {
        close(fd);
        unlink(probe);
        chmod(dir, 0700);
        free(probe);
        free(path);
        free(dir);
        /* cmocka's TAP output for skip() is "not ok N # SKIP", which
         * tests/run.sh counts as a failure: say so and pass instead. */
        print_message("# SKIP not tested: this user can write a 0500 directory (root?)\n");
        return;
    }
    free(probe);
    s = NULL;
    int rc = store_open(path, STORE_RW_OR_RO, &s, &e);
    if (rc != 0) {
        chmod(dir, 0700);
        fail_msg("STORE_RW_OR_RO in a read-only directory: %s", e.msg);
    }
    assert_true(store_readonly(s));
    assert_int_equal(count(s, G), 1);
    assert_page(s, G, 0, -1, "p");
    assert_int_equal(store_begin(s, &e), -1);
    store_close(s);
    /* STORE_RO works there too; STORE_RW says it cannot write */
    assert_int_equal(store_open(path, STORE_RO, &s, &e), 0);
    assert_true(store_readonly(s));
    assert_int_equal(count(s, G), 1);
    store_close(s);
    s = NULL;
    assert_int_equal(store_open(path, STORE_RW, &s, &e), -1);
    assert_null(s);
    char *want = xasprintf("cannot write the cache %s", path);
    if (!str_starts(e.msg, want))
        fail_msg("'%s' does not start with '%s'", e.msg, want);
    free(want);
    chmod(dir, 0700);
    free(path);
    free(dir);
}

/* Was a bug: a cache file the user may not write (0400) in a writable directory:
 * SQLite's READWRITE open silently falls back to read-only, so store_open()
 * succeeds in STORE_RW and STORE_RW_OR_RO with store_readonly() false, and
 * every later write fails ("attempt to write a readonly database").  Want:
 * STORE_RW fails at open ("cannot write the cache ..."), STORE_RW_OR_RO
 * gives a store that says it is read-only (sqlite3_db_readonly() tells).
 * Skipped when running as root, which may write any file. */
static void test_rw_or_ro_readonly_file(void **state)
{
    struct fixture *f = *state;
    struct store *s = NULL;
    struct cu_err e = {{0}};
    assert_int_equal(store_open(f->path, STORE_RW, &s, &e), 0);
    put_simple(s, G, "p", "2024-05-27", true, 1);
    store_close(s);
    assert_int_equal(chmod(f->path, 0400), 0);
    int fd = open(f->path, O_WRONLY);
    if (fd >= 0) {
        close(fd);
        print_message("# SKIP not tested: this user can write a 0400 file (root?)\n");
        return;
    }
    s = NULL;
    assert_int_equal(store_open(f->path, STORE_RW_OR_RO, &s, &e), 0);
    bool ro = store_readonly(s);
    store_close(s);
    assert_true(ro);
    s = NULL;
    assert_int_equal(store_open(f->path, STORE_RW, &s, &e), -1);
    assert_null(s);
    char *want = xasprintf("cannot write the cache %s", f->path);
    if (!str_starts(e.msg, want))
        fail_msg("'%s' does not start with '%s'", e.msg, want);
    free(want);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
#define TO(name) cmocka_unit_test_setup_teardown(name, setup_open, teardown)
    const struct CMUnitTest tests[] = {
        T(test_open_creates_and_migrates),
        T(test_default_path),
        TO(test_posts_order),
        TO(test_posts_page_offsets),
        TO(test_post_index),
        TO(test_post_roundtrip),
        TO(test_post_fm_error),
        TO(test_put_keeps_first_seen_and_read),
        TO(test_set_unread),
        TO(test_resolve),
        TO(test_resolve_utf8_prefix),
        TO(test_delete),
        TO(test_post_keys),
        TO(test_etags),
        TO(test_source_status),
        TO(test_source_outcome),
        T(test_migrate_posts_src),
        T(test_migrate_source_outcome),
        T(test_migrate_post_dates),
        TO(test_ratelimit),
        TO(test_state),
        TO(test_transactions),
        T(test_garbage_file),
        T(test_newer_schema),
        T(test_reset),
        T(test_reset_twice_same_second),
        T(test_ro_missing),
        T(test_ro_existing),
        T(test_rw_or_ro_readonly_dir),
        T(test_rw_or_ro_readonly_file),
    };
#undef T
#undef TO
    return cmocka_run_group_tests(tests, NULL, NULL);
}
