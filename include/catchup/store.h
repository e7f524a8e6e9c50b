/* store.h: the local cache, one SQLite database in WAL mode.
 *
 * Every refresh writes its results between store_begin() and store_commit(),
 * so a crash or kill at any moment leaves the previous state readable.  The
 * schema carries a version (PRAGMA user_version) and is migrated forward on
 * open; a cache from a newer catchup is refused rather than damaged.
 *
 * Strings handed out in structs are owned by the struct (free with the
 * matching _free function).  Every function returns 0 on success and -1 with
 * e set on failure, unless its comment says otherwise. */
#ifndef CATCHUP_STORE_H
#define CATCHUP_STORE_H

#include "catchup/util.h"

struct store;

/* The cache file: $XDG_CACHE_HOME/catchup/cache.db (~/.cache/catchup/...).
 * Caller frees; NULL when neither XDG_CACHE_HOME nor HOME is set. */
char *store_default_path(void);

enum store_mode {
    STORE_RW,      /* create and migrate as needed */
    STORE_RO,      /* read only; a missing or outdated cache is an error */
    STORE_RW_OR_RO /* read-write, else read-only when the cache is not writable */
};
/* Opens the cache at path.  When the file is damaged, newer than this
 * program, or not writable, e says so and names the way out
 * (catchup --reset-cache). */
int store_open(const char *path, enum store_mode mode, struct store **out, struct cu_err *e);
void store_close(struct store *s);
bool store_readonly(const struct store *s);
const char *store_path(const struct store *s); /* borrowed */

/* Moves a damaged cache (and its -wal/-shm files) aside to PATH.broken-TIME;
 * *moved_to (caller frees) says where. */
int store_reset(const char *path, char **moved_to, struct cu_err *e);

/* How long a write waits while another process is writing the cache
 * (SQLite's busy timeout), in milliseconds; -1 restores the default.  With
 * 0 a write fails at once ("the cache is busy") instead of holding the
 * caller: a screen must never freeze behind another catchup's refresh.
 * Reading never waits for a writer (WAL). */
#define STORE_BUSY_WAIT_MS 5000
void store_set_busy_wait(struct store *s, int ms);
/* True when another process committed to the cache since it was opened or
 * since the last call (PRAGMA data_version; cheap enough to poll every
 * second).  This connection's own commits do not count. */
bool store_changed_elsewhere(struct store *s);

/* Returns -2 (e set) when another process kept writing the cache for longer
 * than the busy wait: nothing began, try again later. */
int store_begin(struct store *s, struct cu_err *e);
int store_commit(struct store *s, struct cu_err *e);
void store_rollback(struct store *s);

/* ---- posts ----------------------------------------------------------- */

struct post {
    char *grp, *id;
    char *path, *sha; /* where it came from; sha detects changes */
    char *title, *description, *type;
    char *date;        /* ISO 8601 or NULL */
    char *date_source; /* "front matter", "file name", "commit" or NULL */
    /* the date by each rule, whichever won: front matter, file or folder
     * name, first commit ("" when asked and there was none; NULL when not
     * asked), and why a front matter date was not used */
    char *date_fm, *date_name, *date_commit, *date_note;
    char *body;     /* Markdown; NULL in listings */
    char *text;     /* plain text for search (put only; NULL when read) */
    char *url;      /* the post on the web, or NULL */
    char *base_url; /* for relative links in the body, or NULL */
    char *fm_error; /* why its front matter could not be read, or NULL */
    char *format;   /* "html" (a feed's entry); NULL: Markdown */
    char *src;      /* the posts source's spec, or NULL (from before) */
    char *badge;    /* that source's short name, or NULL */
    long weight;
    bool has_weight;
    bool unread;
    bool unread_again; /* put only: a changed post is unread again */
    time_t first_seen, updated_at;
};
void post_free(struct post *p);
void posts_free(struct post *v, size_t n);

/* Whether the group has any cached post (cheaper than counting). */
bool store_posts_any(struct store *s, const char *grp);
/* Number of cached posts of a group. */
int store_posts_count(struct store *s, const char *grp, long *n, struct cu_err *e);
/* Posts in display order (newest day first, then Hugo weight, then id),
 * without bodies: rows offset..offset+limit-1 (limit < 0: all).  Caller frees
 * with posts_free. */
int store_posts_page(struct store *s, const char *grp, long offset, long limit, struct post **rows,
                     size_t *n, struct cu_err *e);
/* Calls cb for every post of grp stored or changed after since (updated_at;
 * a new post's is its first_seen), in display order, with only id, title,
 * first_seen and updated_at set (borrowed until cb returns), one row in
 * memory at a time ("what's new").  A non-zero return from cb stops the
 * walk (still 0).  Returns -1 with e set on a cache error. */
int store_posts_changed(struct store *s, const char *grp, time_t since,
                        int (*cb)(const struct post *p, void *arg), void *arg, struct cu_err *e);
/* Calls cb for every post of grp in display order, without bodies, one row
 * in memory at a time; p is freed after cb returns.  A non-zero return from
 * cb stops the walk (still 0).  Returns -1 with e set on a cache error. */
int store_posts_each(struct store *s, const char *grp, int (*cb)(const struct post *p, void *arg),
                     void *arg, struct cu_err *e);
/* One post with its body.  Returns 1 when found, 0 when not, -1 on error. */
int store_post_get(struct store *s, const char *grp, const char *id, struct post *out,
                   struct cu_err *e);
/* Resolves an exact id or a unique prefix to the full id (caller frees).
 * Not found or ambiguous is an error naming the candidates. */
int store_post_resolve(struct store *s, const char *grp, const char *prefix, char **id,
                       struct cu_err *e);
/* Inserts or updates a post; keeps first_seen and the read state of an
 * existing row (unless p->unread_again).  A new post is unread.  Returns 1
 * (nothing written) when the id belongs to another of the group's sources. */
int store_post_put(struct store *s, const struct post *p, time_t now, struct cu_err *e);
/* Gives the posts of grp that name no source (cached before sources were
 * recorded) to src. */
int store_posts_claim(struct store *s, const char *grp, const char *src, struct cu_err *e);
int store_post_delete(struct store *s, const char *grp, const char *id, struct cu_err *e);
int store_post_set_unread(struct store *s, const char *grp, const char *id, bool unread,
                          struct cu_err *e);
/* Position (0-based) of a post in display order, or -1 when absent. */
long store_post_index(struct store *s, const char *grp, const char *id);

/* What refresh needs to decide what to fetch: id, sha, date, date_source,
 * path, date_commit, src (NULL when not set; all in one allocation, freed
 * by post_keys_free). */
struct post_key {
    char *id, *sha, *date, *date_source, *path, *date_commit, *src; /* point into block_ */
    char *block_;                                                   /* owns them */
};
int store_post_keys(struct store *s, const char *grp, struct post_key **keys, size_t *n,
                    struct cu_err *e);
void post_keys_free(struct post_key *k, size_t n);
/* Sets the first-commit date of a cached post ("" when it has none) and,
 * when no other rule dated it, its date. */
int store_post_set_commit_date(struct store *s, const char *grp, const char *id, const char *date,
                               struct cu_err *e);

/* ---- HTTP validators and source status -------------------------------- */

/* The stored ETag for url (caller frees), or NULL. */
char *store_etag_get(struct store *s, const char *url);
int store_etag_put(struct store *s, const char *url, const char *etag, struct cu_err *e);
int store_etag_delete(struct store *s, const char *url, struct cu_err *e);
/* Both validators of url (each NULL when absent; caller frees): for a
 * conditional GET with If-None-Match and If-Modified-Since.  Storing none
 * deletes them. */
void store_validators_get(struct store *s, const char *url, char **etag, char **last_modified);
int store_validators_put(struct store *s, const char *url, const char *etag,
                         const char *last_modified, struct cu_err *e);

/* The sources a refresh runs, by the name each one's status (and the
 * onboarding page) is stored under: the refresh line's first word, and
 * what panes and commands ask store_source_get() about. */
#define SOURCE_POSTS "posts"
#define SOURCE_BOARD "board"
#define SOURCE_EVENTS "events"
#define SOURCE_ONBOARDING "onboarding"

/* How a source's last attempt ended. */
enum source_outcome {
    SOURCE_OK,
    SOURCE_FAILED,      /* error says why; what was stored before stays */
    SOURCE_UNREACHABLE, /* failed: no connection could be made (offline) */
    SOURCE_WARNING      /* it worked, with something to say (error says what) */
};

struct source_status {
    time_t last_ok;  /* 0 = never (a warning counts as working) */
    time_t last_try; /* 0 = never */
    time_t first_ok; /* the first attempt that worked: the baseline; 0 = never */
    enum source_outcome outcome;
    char *error; /* the last attempt's error or warning, or NULL */
};
/* Records an attempt at now: SOURCE_OK or SOURCE_WARNING count as working. */
int store_source_put(struct store *s, const char *grp, const char *source, time_t now,
                     enum source_outcome outcome, const char *error, struct cu_err *e);
/* store_source_put with SOURCE_FAILED when error is set, else SOURCE_OK. */
int store_source_set(struct store *s, const char *grp, const char *source, time_t now,
                     const char *error, struct cu_err *e);
/* Returns 1 when known, 0 when never refreshed. */
int store_source_get(struct store *s, const char *grp, const char *source,
                     struct source_status *out);
void source_status_free(struct source_status *st);

/* Rate-limit state per host, as the last response reported it. */
int store_ratelimit_put(struct store *s, const char *host, long remaining, time_t reset,
                        struct cu_err *e);
/* Returns 1 when known (fills out), 0 otherwise. */
int store_ratelimit_get(struct store *s, const char *host, long *remaining, time_t *reset);

/* Small key/value state ("last_visit:cnai"). Caller frees the value. */
char *store_state_get(struct store *s, const char *key);
int store_state_set(struct store *s, const char *key, const char *value, struct cu_err *e);

/* ---- single pages (the group's onboarding page) ------------------------- */

struct page {
    char *title, *body, *url, *base_url, *sha;
    time_t fetched_at;
};
void page_free(struct page *p);
/* Returns 1 and fills out when cached, 0 when not (or on error). */
int store_page_get(struct store *s, const char *grp, const char *name, struct page *out);
int store_page_put(struct store *s, const char *grp, const char *name, const struct page *p,
                   struct cu_err *e);

#endif
