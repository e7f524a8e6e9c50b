/* store.c: see store.h. */
#define _GNU_SOURCE
#include "catchup/store.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "catchup/paths.h"
#include "store_int.h"
#include "store_schema.h"

struct cached_stmt {
    const char *sql; /* identity: a string literal */
    sqlite3_stmt *st;
};

struct store {
    sqlite3 *db;
    char *path;
    bool readonly;
    int depth;         /* nesting of store_begin */
    long data_version; /* PRAGMA data_version when last looked at */
    struct cached_stmt stmts[48];
    size_t nstmts;
};

char *store_default_path(void)
{
    return paths_cache("cache.db");
}

int store_fail(struct store *s, struct cu_err *e, const char *what)
{
    int code = sqlite3_extended_errcode(s->db) & 0xff;
    const char *msg = sqlite3_errmsg(s->db);
    switch (code) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return cu_errf(e,
                       "the cache %s is damaged (%s); run 'catchup --reset-cache' to move it "
                       "aside and start a fresh one",
                       s->path, msg);
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
        return cu_errf(e, "cannot write the cache %s (%s); check its permissions", s->path, msg);
    case SQLITE_FULL: return cu_errf(e, "cannot write the cache %s: the disk is full", s->path);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return cu_errf(e, "the cache %s is busy: another catchup is writing it; try again",
                       s->path);
    default: return cu_errf(e, "cache %s: %s: %s", s->path, what, msg);
    }
}

static sqlite3_stmt *stmt(struct store *s, const char *sql, struct cu_err *e)
{
    for (size_t i = 0; i < s->nstmts; i++)
        if (s->stmts[i].sql == sql) {
            sqlite3_reset(s->stmts[i].st);
            sqlite3_clear_bindings(s->stmts[i].st);
            return s->stmts[i].st;
        }
    sqlite3_stmt *st;
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        store_fail(s, e, "prepare");
        return NULL;
    }
    if (s->nstmts < CU_ARRAY_LEN(s->stmts))
        s->stmts[s->nstmts++] = (struct cached_stmt){sql, st};
    else
        sqlite3_finalize(s->stmts[0].st), s->stmts[0] = (struct cached_stmt){sql, st};
    return st;
}

sqlite3_stmt *store_prepare(struct store *s, const char *sql, const char *what, struct cu_err *e)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        store_fail(s, e, what);
        sqlite3_finalize(st);
        return NULL;
    }
    return st;
}

int store_run(struct store *s, sqlite3_stmt *st, const char *what, struct cu_err *e)
{
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, e, what);
    sqlite3_finalize(st);
    return rc;
}

static int exec(struct store *s, const char *sql, struct cu_err *e)
{
    char *err = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &err) != SQLITE_OK) {
        sqlite3_free(err);
        return store_fail(s, e, "exec");
    }
    return 0;
}

void store_bind_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

char *store_col_text(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? xstrdup((const char *)t) : NULL;
}

static int user_version(struct store *s, int *v, struct cu_err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return store_fail(s, e, "read the schema version");
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(st);
        return store_fail(s, e, "read the schema version");
    }
    *v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return 0;
}

/* Changes whenever another connection commits; -1 when it cannot be read. */
static long data_version(struct store *s)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "PRAGMA data_version", -1, &st, NULL) != SQLITE_OK)
        return -1;
    long v = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return v;
}

static int too_new(struct store *s, int v, struct cu_err *e)
{
    return cu_errf(e,
                   "the cache %s was written by a newer catchup (schema %d; this one knows up to "
                   "%d): upgrade catchup, or run 'catchup --reset-cache' to start a fresh cache",
                   s->path, v, STORE_SCHEMA_VERSION);
}

/* The version is read again inside the write transaction: another catchup
 * started at the same moment may have migrated the cache in between. */
static int migrate(struct store *s, struct cu_err *e)
{
    if (exec(s, "BEGIN IMMEDIATE", e) < 0)
        return -1;
    int from;
    if (user_version(s, &from, e) < 0) {
        exec(s, "ROLLBACK", NULL);
        return -1;
    }
    if (from >= STORE_SCHEMA_VERSION) {
        exec(s, "ROLLBACK", NULL);
        return from > STORE_SCHEMA_VERSION ? too_new(s, from, e) : 0;
    }
    for (int v = from; v < STORE_SCHEMA_VERSION; v++) {
        if (exec(s, store_migrations[v], e) < 0) {
            exec(s, "ROLLBACK", NULL);
            return cu_err_prefix(e, "cannot upgrade the cache to version %d", v + 1);
        }
    }
    char sql[64];
    snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", STORE_SCHEMA_VERSION);
    if (exec(s, sql, e) < 0 || exec(s, "COMMIT", e) < 0) {
        exec(s, "ROLLBACK", NULL);
        return -1;
    }
    return 0;
}

/* "file:PATH?immutable=1": reading a WAL database in a directory where its
 * -shm file cannot be created (read-only media, a directory the user may
 * not write) works only this way. */
static char *immutable_uri(const char *path)
{
    struct buf b;
    buf_init(&b, 0);
    buf_adds(&b, "file:");
    for (const char *p = path; *p; p++) {
        if (*p == '%' || *p == '?' || *p == '#')
            buf_addf(&b, "%%%02X", (unsigned char)*p);
        else
            buf_add(&b, p, 1);
    }
    buf_adds(&b, "?immutable=1");
    return buf_take(&b);
}

static int open_mode(const char *path, int how, struct store **out, struct cu_err *e)
{
    enum { RW, RO, RO_IMMUTABLE };
    bool ro = how != RW;
    struct store *s = xcalloc(1, sizeof(*s));
    s->path = xstrdup(path);
    s->readonly = ro;
    int flags = ro ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    int v = 0;
    char *uri = how == RO_IMMUTABLE ? immutable_uri(path) : NULL;
    int orc = sqlite3_open_v2(uri ? uri : path, &s->db,
                              flags | SQLITE_OPEN_NOMUTEX | (uri ? SQLITE_OPEN_URI : 0), NULL);
    free(uri);
    if (orc != SQLITE_OK) {
        if (ro && access(path, F_OK) < 0)
            cu_errf(e, "no cache yet at %s: run 'catchup refresh' first", path);
        else
            store_fail(s, e, "open");
        goto fail;
    }
    sqlite3_busy_timeout(s->db, STORE_BUSY_WAIT_MS);
    sqlite3_extended_result_codes(s->db, 1);
    /* SQLite opens a write-protected file read-only without saying so. */
    if (!ro && sqlite3_db_readonly(s->db, "main") == 1) {
        cu_errf(e, "cannot write the cache %s (the file is write-protected); check its permissions",
                path);
        store_close(s);
        return -2;
    }
    if (user_version(s, &v, e) < 0)
        goto fail;
    if (v > STORE_SCHEMA_VERSION) {
        too_new(s, v, e);
        goto fail;
    }
    if (ro) {
        if (v < STORE_SCHEMA_VERSION) {
            cu_errf(e, "the cache %s needs an upgrade, which needs write access", path);
            goto fail;
        }
    } else {
        /* WAL: readers never block the refresh, and a kill leaves the last
         * committed state.  NORMAL sync is durable against crashes of the
         * process, which is what a terminal program meets. */
        if (exec(s, "PRAGMA journal_mode=WAL", e) < 0 ||
            exec(s, "PRAGMA synchronous=NORMAL", e) < 0)
            goto fail;
        if (v < STORE_SCHEMA_VERSION && migrate(s, e) < 0)
            goto fail;
    }
    exec(s, "PRAGMA foreign_keys=ON", NULL);
    s->data_version = data_version(s);
    *out = s;
    return 0;
fail:;
    /* -2 tells "not writable" apart, for the read-only fallback */
    int code = s->db ? sqlite3_extended_errcode(s->db) & 0xff : SQLITE_CANTOPEN;
    store_close(s);
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
        return -3;
    return code == SQLITE_READONLY || code == SQLITE_CANTOPEN || code == SQLITE_PERM ? -2 : -1;
}

/* open_mode(), again while the cache is busy.  Two catchups opening a fresh
 * cache at once race to switch it to WAL; SQLite answers the loser BUSY
 * without calling the busy handler, so the wait is here.  Returns what
 * open_mode returns, -3 mapped to -1 once STORE_BUSY_WAIT_MS has passed. */
static int open_waiting(const char *path, int how, struct store **out, struct cu_err *e)
{
    int rc;
    for (int waited = 0;; waited += 20) {
        rc = open_mode(path, how, out, e);
        if (rc != -3 || waited >= STORE_BUSY_WAIT_MS)
            break;
        struct timespec ts = {0, 20 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    return rc == -3 ? -1 : rc;
}

int store_open(const char *path, enum store_mode mode, struct store **out, struct cu_err *e)
{
    if (mode != STORE_RO) {
        char *dir = xstrdup(path);
        char *slash = strrchr(dir, '/');
        struct cu_err e2;
        if (slash && slash != dir) {
            *slash = '\0';
            if (mkdir_p(dir, &e2) < 0 && mode == STORE_RW) {
                cu_errf(e, "%s", e2.msg);
                free(dir);
                return -1;
            }
        }
        free(dir);
        int rc = open_waiting(path, 0, out, e);
        if (rc == 0)
            return 0;
        if (mode == STORE_RW || rc != -2 || access(path, F_OK) < 0)
            return -1;
        /* Not writable: reading may still work. */
        struct cu_err e_ro;
        if (open_waiting(path, 1, out, &e_ro) == 0 || open_waiting(path, 2, out, &e_ro) == 0)
            return 0;
        return -1;
    }
    int rc = open_waiting(path, 1, out, e);
    if (rc == 0)
        return 0;
    struct cu_err e_imm;
    return rc == -2 && access(path, R_OK) == 0 && open_waiting(path, 2, out, &e_imm) == 0 ? 0 : -1;
}

void store_close(struct store *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nstmts; i++)
        sqlite3_finalize(s->stmts[i].st);
    if (s->db)
        sqlite3_close(s->db);
    free(s->path);
    free(s);
}

bool store_readonly(const struct store *s)
{
    return s->readonly;
}

const char *store_path(const struct store *s)
{
    return s->path;
}

void store_set_busy_wait(struct store *s, int ms)
{
    sqlite3_busy_timeout(s->db, ms < 0 ? STORE_BUSY_WAIT_MS : ms);
}

bool store_changed_elsewhere(struct store *s)
{
    long v = data_version(s);
    if (v < 0 || v == s->data_version)
        return false;
    s->data_version = v;
    return true;
}

sqlite3 *store_handle(struct store *s)
{
    return s->db;
}

int store_reset(const char *path, char **moved_to, struct cu_err *e)
{
    char stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
    char *dst = xasprintf("%s.broken-%s", path, stamp);
    /* never replace an earlier broken copy */
    for (int i = 2; access(dst, F_OK) == 0 && i < 1000; i++) {
        free(dst);
        dst = xasprintf("%s.broken-%s-%d", path, stamp, i);
    }
    if (rename(path, dst) < 0) {
        int err = errno;
        free(dst);
        if (err == ENOENT)
            return cu_errf(e, "there is no cache at %s", path);
        return cu_errf(e, "cannot move %s aside: %s", path, strerror(err));
    }
    static const char *const side[] = {"-wal", "-shm"};
    for (size_t i = 0; i < CU_ARRAY_LEN(side); i++) {
        char *a = xasprintf("%s%s", path, side[i]);
        char *b = xasprintf("%s%s", dst, side[i]);
        if (rename(a, b) < 0 && errno != ENOENT)
            unlink(a);
        free(a);
        free(b);
    }
    if (moved_to)
        *moved_to = dst;
    else
        free(dst);
    return 0;
}

int store_begin(struct store *s, struct cu_err *e)
{
    if (s->readonly)
        return cu_errf(e, "the cache %s is read-only here; nothing can be stored", s->path);
    if (s->depth++)
        return 0;
    if (exec(s, "BEGIN IMMEDIATE", e) < 0) {
        s->depth = 0;
        return (sqlite3_extended_errcode(s->db) & 0xff) == SQLITE_BUSY ? -2 : -1;
    }
    return 0;
}

int store_commit(struct store *s, struct cu_err *e)
{
    if (!s->depth || --s->depth)
        return 0;
    if (exec(s, "COMMIT", e) < 0) {
        exec(s, "ROLLBACK", NULL);
        return -1;
    }
    return 0;
}

void store_rollback(struct store *s)
{
    if (!s->depth)
        return;
    s->depth = 0;
    exec(s, "ROLLBACK", NULL);
}

/* ---- posts ----------------------------------------------------------- */

void post_free(struct post *p)
{
    if (!p)
        return;
    free(p->grp);
    free(p->id);
    free(p->path);
    free(p->sha);
    free(p->title);
    free(p->description);
    free(p->type);
    free(p->date);
    free(p->date_source);
    free(p->date_fm);
    free(p->date_name);
    free(p->date_commit);
    free(p->date_note);
    free(p->body);
    free(p->text);
    free(p->url);
    free(p->base_url);
    free(p->fm_error);
    free(p->format);
    free(p->src);
    free(p->badge);
    memset(p, 0, sizeof(*p));
}

void posts_free(struct post *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        post_free(&v[i]);
    free(v);
}

bool store_posts_any(struct store *s, const char *grp)
{
    static const char sql[] = "SELECT 1 FROM posts WHERE grp = ? LIMIT 1";
    sqlite3_stmt *st = stmt(s, sql, NULL);
    if (!st)
        return false;
    store_bind_text(st, 1, grp);
    bool any = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_reset(st);
    return any;
}

int store_posts_count(struct store *s, const char *grp, long *n, struct cu_err *e)
{
    /* kept by triggers (schema_search.h): no walk over the posts */
    static const char sql[] = "SELECT coalesce((SELECT n FROM post_counts WHERE grp = ?), 0)";
    sqlite3_stmt *st = stmt(s, sql, e);
    if (!st)
        return -1;
    store_bind_text(st, 1, grp);
    if (sqlite3_step(st) != SQLITE_ROW)
        return store_fail(s, e, "count posts");
    *n = (long)sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return 0;
}

#define POST_COLS                                                                          \
    "id, path, sha, title, description, type, date, date_source, url, base_url, weight, "  \
    "read_at IS NULL, first_seen, updated_at, fm_error, date_fm, date_name, date_commit, " \
    "date_note, format, src, badge"

static void post_from_row(sqlite3_stmt *st, const char *grp, struct post *p)
{
    memset(p, 0, sizeof(*p));
    p->grp = xstrdup(grp);
    p->id = store_col_text(st, 0);
    p->path = store_col_text(st, 1);
    p->sha = store_col_text(st, 2);
    p->title = store_col_text(st, 3);
    p->description = store_col_text(st, 4);
    p->type = store_col_text(st, 5);
    p->date = store_col_text(st, 6);
    p->date_source = store_col_text(st, 7);
    p->url = store_col_text(st, 8);
    p->base_url = store_col_text(st, 9);
    p->has_weight = sqlite3_column_type(st, 10) != SQLITE_NULL;
    p->weight = (long)sqlite3_column_int64(st, 10);
    p->unread = sqlite3_column_int(st, 11) != 0;
    p->first_seen = (time_t)sqlite3_column_int64(st, 12);
    p->updated_at = (time_t)sqlite3_column_int64(st, 13);
    p->fm_error = store_col_text(st, 14);
    p->date_fm = store_col_text(st, 15);
    p->date_name = store_col_text(st, 16);
    p->date_commit = store_col_text(st, 17);
    p->date_note = store_col_text(st, 18);
    p->format = store_col_text(st, 19);
    p->src = store_col_text(st, 20);
    p->badge = store_col_text(st, 21);
    if (!p->title)
        p->title = xstrdup(p->id ? p->id : "");
}

int store_posts_page(struct store *s, const char *grp, long offset, long limit, struct post **rows,
                     size_t *n, struct cu_err *e)
{
    static const char sql[] = "SELECT " POST_COLS " FROM posts WHERE grp = ? "
                              "ORDER BY sort_day DESC, sort_weight, id LIMIT ? OFFSET ?";
    sqlite3_stmt *st = stmt(s, sql, e);
    if (!st)
        return -1;
    store_bind_text(st, 1, grp);
    sqlite3_bind_int64(st, 2, limit);
    sqlite3_bind_int64(st, 3, offset < 0 ? 0 : offset);
    struct post *v = NULL;
    size_t len = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        v = xgrow(v, len, &cap, sizeof(*v), 32);
        post_from_row(st, grp, &v[len++]);
    }
    if (rc != SQLITE_DONE) {
        posts_free(v, len);
        return store_fail(s, e, "list posts");
    }
    sqlite3_reset(st);
    *rows = v;
    *n = len;
    return 0;
}

int store_posts_changed(struct store *s, const char *grp, time_t since,
                        int (*cb)(const struct post *p, void *arg), void *arg, struct cu_err *e)
{
    /* updated_at >= first_seen, so one indexed range finds both; prepared
     * apart from the cache of statements: cb may use the store */
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT id, title, first_seen, updated_at FROM posts "
                                     "WHERE grp = ? AND updated_at > ? "
                                     "ORDER BY sort_day DESC, sort_weight, id",
                                     "list what changed in the posts", e);
    if (!st)
        return -1;
    store_bind_text(st, 1, grp);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)since);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct post p = {0};
        p.id = (char *)sqlite3_column_text(st, 0);
        p.title = (char *)sqlite3_column_text(st, 1);
        p.first_seen = (time_t)sqlite3_column_int64(st, 2);
        p.updated_at = (time_t)sqlite3_column_int64(st, 3);
        if (cb(&p, arg))
            break;
    }
    int ret = rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : store_fail(s, e, "list posts");
    sqlite3_finalize(st);
    return ret;
}

int store_posts_each(struct store *s, const char *grp, int (*cb)(const struct post *p, void *arg),
                     void *arg, struct cu_err *e)
{
    /* prepared apart from the cache of statements: cb may use the store */
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT " POST_COLS " FROM posts WHERE grp = ? "
                                     "ORDER BY sort_day DESC, sort_weight, id",
                                     "list posts", e);
    if (!st)
        return -1;
    store_bind_text(st, 1, grp);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct post p;
        post_from_row(st, grp, &p);
        int stop = cb(&p, arg);
        post_free(&p);
        if (stop)
            break;
    }
    int ret = rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : store_fail(s, e, "list posts");
    sqlite3_finalize(st);
    return ret;
}

int store_post_get(struct store *s, const char *grp, const char *id, struct post *out,
                   struct cu_err *e)
{
    static const char sql[] = "SELECT " POST_COLS ", body FROM posts WHERE grp = ? AND id = ?";
    sqlite3_stmt *st = stmt(s, sql, e);
    if (!st)
        return -1;
    store_bind_text(st, 1, grp);
    store_bind_text(st, 2, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE)
        return 0;
    if (rc != SQLITE_ROW)
        return store_fail(s, e, "read a post");
    post_from_row(st, grp, out);
    out->body = store_col_text(st, 22);
    if (!out->body)
        out->body = xstrdup("");
    sqlite3_reset(st);
    return 1;
}

int store_post_resolve(struct store *s, const char *grp, const char *prefix, char **id,
                       struct cu_err *e)
{
    static const char exact[] = "SELECT id FROM posts WHERE grp = ? AND id = ?";
    /* substr on a BLOB counts bytes, as strlen does */
    static const char like[] = "SELECT id FROM posts WHERE grp = ? AND "
                               "substr(CAST(id AS BLOB), 1, ?) = CAST(? AS BLOB) "
                               "ORDER BY sort_day DESC, sort_weight, id LIMIT 6";
    sqlite3_stmt *st = stmt(s, exact, e);
    if (!st)
        return -1;
    store_bind_text(st, 1, grp);
    store_bind_text(st, 2, prefix);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *id = store_col_text(st, 0);
        sqlite3_reset(st);
        return 0;
    }
    if (rc != SQLITE_DONE)
        return store_fail(s, e, "find a post");
    if (!(st = stmt(s, like, e)))
        return -1;
    store_bind_text(st, 1, grp);
    sqlite3_bind_int(st, 2, (int)strlen(prefix));
    store_bind_text(st, 3, prefix);
    struct strv found = {0};
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        strv_push_take(&found, store_col_text(st, 0));
    if (rc != SQLITE_DONE) {
        strv_free(&found);
        return store_fail(s, e, "find a post");
    }
    if (found.n == 1) {
        *id = found.v[0];
        found.n = 0;
        strv_free(&found);
        return 0;
    }
    const char *hash = strchr(prefix, '#');
    const char *slash = hash ? memrchr(prefix, '/', (size_t)(hash - prefix)) : NULL;
    if (found.n == 0 && slash) {
        /* OWNER/REPO#N names the post REPO#N */
        strv_free(&found);
        return store_post_resolve(s, grp, slash + 1, id, e);
    }
    if (found.n == 0) {
        cu_errf(e, "no post '%s'; 'catchup posts' lists them", prefix);
    } else {
        struct buf b;
        buf_init(&b, 0);
        for (size_t i = 0; i < found.n && i < 5; i++)
            buf_addf(&b, "%s%s", i ? ", " : "", found.v[i]);
        cu_errf(e, "'%s' matches several posts (%s%s); give more of the name", prefix, b.data,
                found.n > 5 ? ", ..." : "");
        buf_free(&b);
    }
    strv_free(&found);
    return -1;
}

static const char *sort_day(const char *date, char out[11])
{
    if (!date || strlen(date) < 10)
        return "";
    memcpy(out, date, 10);
    out[10] = '\0';
    return out;
}

int store_post_put(struct store *s, const struct post *p, time_t now, struct cu_err *e)
{
    static const char sql[] =
        "INSERT INTO posts (grp, id, path, sha, title, description, type, date, date_source, "
        "url, base_url, weight, sort_day, sort_weight, body, text, first_seen, updated_at, "
        "read_at, fm_error, date_fm, date_name, date_commit, date_note, format, src, badge) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?17, ?16, ?16, "
        "NULL, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25) "
        "ON CONFLICT (grp, id) DO UPDATE SET path = ?3, sha = ?4, title = ?5, "
        "description = ?6, type = ?7, date = ?8, date_source = ?9, url = ?10, base_url = ?11, "
        "weight = ?12, sort_day = ?13, sort_weight = ?14, body = ?15, text = ?17, "
        "updated_at = ?16, fm_error = ?18, date_fm = ?19, date_name = ?20, date_commit = ?21, "
        "date_note = ?22, format = ?23, src = ?24, badge = ?25, "
        "read_at = CASE WHEN ?26 THEN NULL ELSE read_at END "
        "WHERE posts.src IS NULL OR posts.src IS ?24";
    sqlite3_stmt *st = stmt(s, sql, e);
    if (!st)
        return -1;
    char day[11];
    store_bind_text(st, 1, p->grp);
    store_bind_text(st, 2, p->id);
    store_bind_text(st, 3, p->path);
    store_bind_text(st, 4, p->sha);
    store_bind_text(st, 5, p->title);
    store_bind_text(st, 6, p->description);
    store_bind_text(st, 7, p->type);
    store_bind_text(st, 8, p->date);
    store_bind_text(st, 9, p->date_source);
    store_bind_text(st, 10, p->url);
    store_bind_text(st, 11, p->base_url);
    if (p->has_weight)
        sqlite3_bind_int64(st, 12, p->weight);
    else
        sqlite3_bind_null(st, 12);
    store_bind_text(st, 13, sort_day(p->date, day));
    /* Hugo puts pages without a weight after weighted ones. */
    sqlite3_bind_int64(st, 14, p->has_weight ? p->weight : INT64_MAX);
    store_bind_text(st, 15, p->body ? p->body : "");
    sqlite3_bind_int64(st, 16, (sqlite3_int64)now);
    store_bind_text(st, 17, p->text);
    store_bind_text(st, 18, p->fm_error);
    store_bind_text(st, 19, p->date_fm);
    store_bind_text(st, 20, p->date_name);
    store_bind_text(st, 21, p->date_commit);
    store_bind_text(st, 22, p->date_note);
    store_bind_text(st, 23, p->format);
    store_bind_text(st, 24, p->src);
    store_bind_text(st, 25, p->badge);
    sqlite3_bind_int(st, 26, p->unread_again);
    if (sqlite3_step(st) != SQLITE_DONE)
        return store_fail(s, e, "store a post");
    sqlite3_reset(st);
    return sqlite3_changes(s->db) ? 0 : 1;
}

int store_posts_claim(struct store *s, const char *grp, const char *src, struct cu_err *e)
{
    static const char sql[] = "UPDATE posts SET src = ?2 WHERE grp = ?1 AND src IS NULL";
    sqlite3_stmt *st = stmt(s, sql, e);
    if (!st)
        return -1;
    store_bind_text(st, 1, grp);
    store_bind_text(st, 2, src);
    if (sqlite3_step(st) != SQLITE_DONE)
        return store_fail(s, e, "store a post's source");
    sqlite3_reset(st);
    return 0;
}

int store_post_set_commit_date(struct store *s, const char *grp, const char *id, const char *date,
                               struct cu_err *e)
{
    static const char sql[] =
        "UPDATE posts SET date_commit = ?3, date = CASE WHEN date_fm IS NULL AND date_name IS "
        "NULL AND ?3 <> '' THEN ?3 ELSE date END, date_source = CASE WHEN date_fm IS NULL AND "
        "date_name IS NULL AND ?3 <> '' THEN 'commit' ELSE date_source END, sort_day = CASE WHEN "
        "date_fm IS NULL AND date_name IS NULL AND ?3 <> '' THEN substr(?3, 1, 10) ELSE sort_day "
        "END WHERE grp = ?1 AND id = ?2";
    sqlite3_stmt *st = stmt(s, sql, e);
    if (!st)
        return -1;
    store_bind_text(st, 1, grp);
    store_bind_text(st, 2, id);
    store_bind_text(st, 3, date);
    if (sqlite3_step(st) != SQLITE_DONE)
        return store_fail(s, e, "store a post's date");
    sqlite3_reset(st);
    return 0;
}

int store_post_delete(struct store *s, const char *grp, const char *id, struct cu_err *e)
{
    static const char sql[] = "DELETE FROM posts WHERE grp = ? AND id = ?";
    sqlite3_stmt *st = stmt(s, sql, e);
    if (!st)
        return -1;
    store_bind_text(st, 1, grp);
    store_bind_text(st, 2, id);
    if (sqlite3_step(st) != SQLITE_DONE)
        return store_fail(s, e, "delete a post");
    sqlite3_reset(st);
    return 0;
}

int store_post_set_unread(struct store *s, const char *grp, const char *id, bool unread,
                          struct cu_err *e)
{
    static const char sql[] = "UPDATE posts SET read_at = CASE WHEN ?3 THEN NULL ELSE "
                              "coalesce(read_at, ?4) END WHERE grp = ?1 AND id = ?2";
    if (s->readonly)
        return cu_errf(e, "the cache %s is read-only here", s->path);
    sqlite3_stmt *st = stmt(s, sql, e);
    if (!st)
        return -1;
    store_bind_text(st, 1, grp);
    store_bind_text(st, 2, id);
    sqlite3_bind_int(st, 3, unread);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)cu_now());
    if (sqlite3_step(st) != SQLITE_DONE)
        return store_fail(s, e, "mark a post");
    sqlite3_reset(st);
    return 0;
}

long store_post_index(struct store *s, const char *grp, const char *id)
{
    /* Counts the rows that sort before this one, using the order index. */
    static const char sql[] =
        "SELECT count(*) FROM posts a, posts b WHERE b.grp = ?1 AND b.id = ?2 AND a.grp = ?1 "
        "AND (a.sort_day > b.sort_day OR (a.sort_day = b.sort_day AND (a.sort_weight < "
        "b.sort_weight OR (a.sort_weight = b.sort_weight AND a.id < b.id))))";
    static const char exists[] = "SELECT 1 FROM posts WHERE grp = ? AND id = ?";
    sqlite3_stmt *st = stmt(s, exists, NULL);
    if (!st)
        return -1;
    store_bind_text(st, 1, grp);
    store_bind_text(st, 2, id);
    if (sqlite3_step(st) != SQLITE_ROW)
        return -1;
    sqlite3_reset(st);
    if (!(st = stmt(s, sql, NULL)))
        return -1;
    store_bind_text(st, 1, grp);
    store_bind_text(st, 2, id);
    long idx = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : -1;
    sqlite3_reset(st);
    return idx;
}

int store_post_keys(struct store *s, const char *grp, struct post_key **keys, size_t *n,
                    struct cu_err *e)
{
    static const char sql[] =
        "SELECT id, sha, date, date_source, path, date_commit, src FROM posts WHERE grp = ?";
    sqlite3_stmt *st = stmt(s, sql, e);
    if (!st)
        return -1;
    store_bind_text(st, 1, grp);
    /* A refresh holds these for its whole length, next to the file list:
     * the array sized once from the count (no doubling, no shrinking copy),
     * and the walk through every post's page with a small page cache (the
     * pages are not read again soon; 2 MB of them were the refresh's peak). */
    long count = 0;
    struct cu_err ce;
    size_t cap = store_posts_count(s, grp, &count, &ce) == 0 && count > 0 ? (size_t)count : 0;
    struct post_key *v = cap ? xmalloc(cap * sizeof(*v)) : NULL;
    size_t len = 0;
    exec(s, "PRAGMA cache_size = -256", NULL);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        v = xgrow(v, len, &cap, sizeof(*v), 32);
        /* one block for the strings of a key: a refresh holds a key for
         * every week, and malloc's least chunk is 32 bytes */
        enum { NCOL = 7 };
        const char *col[NCOL];
        size_t at[NCOL], total = 0;
        for (int c = 0; c < NCOL; c++) {
            col[c] = (const char *)sqlite3_column_text(st, c);
            at[c] = total;
            total += col[c] ? strlen(col[c]) + 1 : 0;
        }
        char *block = xmalloc(total ? total : 1);
        char **dst[NCOL] = {&v[len].id,   &v[len].sha,         &v[len].date, &v[len].date_source,
                            &v[len].path, &v[len].date_commit, &v[len].src};
        for (int c = 0; c < NCOL; c++) {
            *dst[c] = col[c] ? memcpy(block + at[c], col[c], strlen(col[c]) + 1) : NULL;
        }
        v[len].block_ = block;
        len++;
    }
    if (len && len < cap)
        v = xrealloc(v, len * sizeof(*v));
    if (rc != SQLITE_DONE) {
        post_keys_free(v, len);
        int failed = store_fail(s, e, "read post keys");
        exec(s, "PRAGMA cache_size = -2000", NULL);
        return failed;
    }
    sqlite3_reset(st);
    exec(s, "PRAGMA cache_size = -2000", NULL); /* SQLite's default */
    /* The walk went through the page of every post and filled SQLite's
     * page cache (2 MB) with them; none is read again soon, and the refresh
     * that asked is about to hold a file list as long: give the cache back. */
    sqlite3_db_release_memory(s->db);
    *keys = v;
    *n = len;
    return 0;
}

void post_keys_free(struct post_key *k, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(k[i].block_);
    free(k);
}

/* ---- validators, status, state ---------------------------------------- */

static char *get_one_text(struct store *s, const char *sql, const char *key)
{
    sqlite3_stmt *st = stmt(s, sql, NULL);
    if (!st)
        return NULL;
    store_bind_text(st, 1, key);
    char *v = sqlite3_step(st) == SQLITE_ROW ? store_col_text(st, 0) : NULL;
    sqlite3_reset(st);
    return v;
}

char *store_etag_get(struct store *s, const char *url)
{
    static const char sql[] = "SELECT etag FROM etags WHERE url = ?";
    return get_one_text(s, sql, url);
}

int store_etag_put(struct store *s, const char *url, const char *etag, struct cu_err *e)
{
    static const char sql[] =
        "INSERT OR REPLACE INTO etags (url, etag, stored_at) VALUES (?, ?, ?)";
    if (!etag || !*etag)
        return store_etag_delete(s, url, e);
    sqlite3_stmt *st = stmt(s, sql, e);
    if (!st)
        return -1;
    store_bind_text(st, 1, url);
    store_bind_text(st, 2, etag);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)cu_now());
    if (sqlite3_step(st) != SQLITE_DONE)
        return store_fail(s, e, "store an ETag");
    sqlite3_reset(st);
    return 0;
}

int store_etag_delete(struct store *s, const char *url, struct cu_err *e)
{
    static const char sql[] = "DELETE FROM etags WHERE url = ?";
    sqlite3_stmt *st = stmt(s, sql, e);
    if (!st)
        return -1;
    store_bind_text(st, 1, url);
    if (sqlite3_step(st) != SQLITE_DONE)
        return store_fail(s, e, "delete an ETag");
    sqlite3_reset(st);
    return 0;
}

void store_validators_get(struct store *s, const char *url, char **etag, char **last_modified)
{
    static const char sql[] = "SELECT etag, last_modified FROM etags WHERE url = ?";
    *etag = *last_modified = NULL;
    sqlite3_stmt *st = stmt(s, sql, NULL);
    if (!st)
        return;
    store_bind_text(st, 1, url);
    if (sqlite3_step(st) == SQLITE_ROW) {
        *etag = store_col_text(st, 0);
        *last_modified = store_col_text(st, 1);
        if (*etag && !**etag) {
            free(*etag);
            *etag = NULL;
        }
    }
    sqlite3_reset(st);
}

int store_validators_put(struct store *s, const char *url, const char *etag,
                         const char *last_modified, struct cu_err *e)
{
    static const char sql[] = "INSERT OR REPLACE INTO etags (url, etag, stored_at, "
                              "last_modified) VALUES (?, ?, ?, ?)";
    if ((!etag || !*etag) && (!last_modified || !*last_modified))
        return store_etag_delete(s, url, e);
    sqlite3_stmt *st = stmt(s, sql, e);
    if (!st)
        return -1;
    store_bind_text(st, 1, url);
    store_bind_text(st, 2, etag ? etag : "");
    sqlite3_bind_int64(st, 3, (sqlite3_int64)cu_now());
    store_bind_text(st, 4, last_modified && *last_modified ? last_modified : NULL);
    if (sqlite3_step(st) != SQLITE_DONE)
        return store_fail(s, e, "store a feed's validators");
    sqlite3_reset(st);
    return 0;
}

static const char *const outcome_names[] = {NULL, "failed", "unreachable", "warning"};

int store_source_put(struct store *s, const char *grp, const char *source, time_t now,
                     enum source_outcome outcome, const char *error, struct cu_err *e)
{
    /* ?5: whether the attempt worked */
    static const char sql[] =
        "INSERT INTO sources (grp, source, last_ok, last_try, error, outcome, first_ok) VALUES "
        "(?1, ?2, CASE WHEN ?5 THEN ?3 ELSE 0 END, ?3, ?4, ?6, CASE WHEN ?5 THEN ?3 END) "
        "ON CONFLICT (grp, source) DO UPDATE SET last_try = ?3, error = ?4, outcome = ?6, "
        "last_ok = CASE WHEN ?5 THEN ?3 ELSE last_ok END, "
        "first_ok = CASE WHEN ?5 AND coalesce(first_ok, 0) = 0 THEN ?3 ELSE first_ok END";
    sqlite3_stmt *st = stmt(s, sql, e);
    if (!st)
        return -1;
    bool worked = outcome == SOURCE_OK || outcome == SOURCE_WARNING;
    store_bind_text(st, 1, grp);
    store_bind_text(st, 2, source);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)now);
    store_bind_text(st, 4, outcome == SOURCE_OK ? NULL : error);
    sqlite3_bind_int(st, 5, worked);
    store_bind_text(st, 6, outcome_names[outcome]);
    if (sqlite3_step(st) != SQLITE_DONE)
        return store_fail(s, e, "store the source status");
    sqlite3_reset(st);
    return 0;
}

int store_source_set(struct store *s, const char *grp, const char *source, time_t now,
                     const char *error, struct cu_err *e)
{
    return store_source_put(s, grp, source, now, error ? SOURCE_FAILED : SOURCE_OK, error, e);
}

int store_source_get(struct store *s, const char *grp, const char *source,
                     struct source_status *out)
{
    static const char sql[] = "SELECT last_ok, last_try, error, outcome, first_ok FROM sources "
                              "WHERE grp = ? AND source = ?";
    memset(out, 0, sizeof(*out));
    sqlite3_stmt *st = stmt(s, sql, NULL);
    if (!st)
        return 0;
    store_bind_text(st, 1, grp);
    store_bind_text(st, 2, source);
    int found = 0;
    if (sqlite3_step(st) == SQLITE_ROW) {
        out->last_ok = (time_t)sqlite3_column_int64(st, 0);
        out->last_try = (time_t)sqlite3_column_int64(st, 1);
        out->error = store_col_text(st, 2);
        const char *o = (const char *)sqlite3_column_text(st, 3);
        out->outcome = out->error ? SOURCE_FAILED : SOURCE_OK;
        for (size_t i = 1; o && i < CU_ARRAY_LEN(outcome_names); i++)
            if (!strcmp(o, outcome_names[i]))
                out->outcome = (enum source_outcome)i;
        out->first_ok = (time_t)sqlite3_column_int64(st, 4);
        found = 1;
    }
    sqlite3_reset(st);
    return found;
}

void source_status_free(struct source_status *st)
{
    free(st->error);
    st->error = NULL;
}

int store_ratelimit_put(struct store *s, const char *host, long remaining, time_t reset,
                        struct cu_err *e)
{
    static const char sql[] =
        "INSERT OR REPLACE INTO ratelimit (host, remaining, reset, updated) VALUES (?, ?, ?, ?)";
    sqlite3_stmt *st = stmt(s, sql, e);
    if (!st)
        return -1;
    store_bind_text(st, 1, host);
    sqlite3_bind_int64(st, 2, remaining);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)reset);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)cu_now());
    if (sqlite3_step(st) != SQLITE_DONE)
        return store_fail(s, e, "store the rate limit");
    sqlite3_reset(st);
    return 0;
}

int store_ratelimit_get(struct store *s, const char *host, long *remaining, time_t *reset)
{
    static const char sql[] = "SELECT remaining, reset FROM ratelimit WHERE host = ?";
    sqlite3_stmt *st = stmt(s, sql, NULL);
    if (!st)
        return 0;
    store_bind_text(st, 1, host);
    int found = 0;
    if (sqlite3_step(st) == SQLITE_ROW) {
        *remaining = (long)sqlite3_column_int64(st, 0);
        *reset = (time_t)sqlite3_column_int64(st, 1);
        found = 1;
    }
    sqlite3_reset(st);
    return found;
}

char *store_state_get(struct store *s, const char *key)
{
    static const char sql[] = "SELECT value FROM state WHERE key = ?";
    return get_one_text(s, sql, key);
}

int store_state_set(struct store *s, const char *key, const char *value, struct cu_err *e)
{
    static const char sql[] = "INSERT OR REPLACE INTO state (key, value) VALUES (?, ?)";
    sqlite3_stmt *st = stmt(s, sql, e);
    if (!st)
        return -1;
    store_bind_text(st, 1, key);
    store_bind_text(st, 2, value);
    if (sqlite3_step(st) != SQLITE_DONE)
        return store_fail(s, e, "store state");
    sqlite3_reset(st);
    return 0;
}

/* ---- pages --------------------------------------------------------------- */

void page_free(struct page *p)
{
    free(p->title);
    free(p->body);
    free(p->url);
    free(p->base_url);
    free(p->sha);
    memset(p, 0, sizeof(*p));
}

int store_page_get(struct store *s, const char *grp, const char *name, struct page *out)
{
    static const char sql[] = "SELECT title, body, url, base_url, sha, fetched_at FROM pages "
                              "WHERE grp = ? AND name = ?";
    memset(out, 0, sizeof(*out));
    sqlite3_stmt *st = stmt(s, sql, NULL);
    if (!st)
        return 0;
    store_bind_text(st, 1, grp);
    store_bind_text(st, 2, name);
    int found = 0;
    if (sqlite3_step(st) == SQLITE_ROW) {
        out->title = store_col_text(st, 0);
        out->body = store_col_text(st, 1);
        out->url = store_col_text(st, 2);
        out->base_url = store_col_text(st, 3);
        out->sha = store_col_text(st, 4);
        out->fetched_at = (time_t)sqlite3_column_int64(st, 5);
        found = 1;
    }
    sqlite3_reset(st);
    return found;
}

int store_page_put(struct store *s, const char *grp, const char *name, const struct page *p,
                   struct cu_err *e)
{
    static const char sql[] = "INSERT OR REPLACE INTO pages (grp, name, title, body, url, "
                              "base_url, sha, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    sqlite3_stmt *st = stmt(s, sql, e);
    if (!st)
        return -1;
    store_bind_text(st, 1, grp);
    store_bind_text(st, 2, name);
    store_bind_text(st, 3, p->title);
    store_bind_text(st, 4, p->body);
    store_bind_text(st, 5, p->url);
    store_bind_text(st, 6, p->base_url);
    store_bind_text(st, 7, p->sha);
    sqlite3_bind_int64(st, 8, (sqlite3_int64)p->fetched_at);
    if (sqlite3_step(st) != SQLITE_DONE)
        return store_fail(s, e, "store a page");
    sqlite3_reset(st);
    return 0;
}
