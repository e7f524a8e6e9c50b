/* util.h: errors, allocation and size-capped buffers shared by every module.
 *
 * Error convention (curl's shape): a function that can fail takes a
 * `struct cu_err *` last, returns 0 on success and -1 on failure, and on
 * failure fills the error with a message a user can act on ("what failed:
 * why; what to do").  On failure it leaves its outputs untouched unless the
 * header says otherwise.
 *
 * Allocation: xmalloc() and friends never return NULL; they print a message
 * and exit(1) when memory runs out (the UI restores the terminal in an
 * atexit handler).  Everything else returns ownership explicitly: a function
 * whose name ends in _take or whose comment says "caller frees" hands the
 * result over; "(borrowed)" means the pointer stays owned by its source. */
#ifndef CATCHUP_UTIL_H
#define CATCHUP_UTIL_H

#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#ifndef CATCHUP_VERSION
#define CATCHUP_VERSION "0.1.0"
#endif

#define CU_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define CU_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Exit codes of the command line (SPEC). */
enum { CU_EXIT_OK = 0, CU_EXIT_FAIL = 1, CU_EXIT_USAGE = 2 };

struct cu_err {
    char msg[512];
};

/* Sets e->msg (when e is not NULL) and returns -1.  A message too long for
 * e->msg loses its middle, marked "...", never its end: the reason and what
 * to do come last, a long path or value sits in between. */
int cu_errf(struct cu_err *e, const char *fmt, ...) CU_PRINTF(2, 3);
/* Sets e->msg to msg the same way (when e is not NULL). */
void cu_err_set(struct cu_err *e, const char *msg);
/* Prefixes e->msg with "prefix: " (when e is not NULL); returns -1. */
int cu_err_prefix(struct cu_err *e, const char *fmt, ...) CU_PRINTF(2, 3);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Room for element len of a growable array: when len has reached *cap,
 * doubles *cap (starting at first) and reallocates.  Returns the array. */
void *xgrow(void *p, size_t len, size_t *cap, size_t elem, size_t first);
char *xstrdup(const char *s); /* NULL stays NULL */
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) CU_PRINTF(1, 2);
char *xvasprintf(const char *fmt, va_list ap);

/* A growable byte buffer with a hard size cap (curl's dynbuf).  The data is
 * always NUL-terminated when non-NULL. */
struct buf {
    char *data;
    size_t len;
    size_t cap;
    size_t max; /* buf_add fails once len would exceed max */
};

/* max 0: no cap, and then an append never fails (running out of memory
 * ends the program in xrealloc), so its result needs no check.  With a cap,
 * every append's result is checked. */
void buf_init(struct buf *b, size_t max);
/* Appends n bytes; returns -1 (and leaves b unchanged) past the cap. */
int buf_add(struct buf *b, const void *p, size_t n);
int buf_adds(struct buf *b, const char *s);
int buf_addf(struct buf *b, const char *fmt, ...) CU_PRINTF(2, 3);
/* Hands the contents to the caller (caller frees; never NULL) and empties b. */
char *buf_take(struct buf *b);
void buf_reset(struct buf *b);
void buf_free(struct buf *b);

/* A growable array of owned strings. */
struct strv {
    char **v;
    size_t n;
    size_t cap;
};
void strv_push(struct strv *s, const char *str); /* copies str */
void strv_push_take(struct strv *s, char *str);  /* takes str */
bool strv_contains(const struct strv *s, const char *str);
void strv_free(struct strv *s);

/* Reads a whole regular file (a directory, FIFO or device is refused without
 * blocking), refusing files over max bytes.  *out is NUL-terminated; caller
 * frees. */
int read_file(const char *path, size_t max, char **out, size_t *len, struct cu_err *e);
/* Writes data to path atomically: a temporary file in the same directory,
 * fsync, rename over path. */
int write_file_atomic(const char *path, const void *data, size_t len, struct cu_err *e);
/* mkdir -p with mode 0700 for created directories. */
int mkdir_p(const char *path, struct cu_err *e);

bool str_starts(const char *s, const char *prefix);
bool str_ends(const char *s, const char *suffix);
/* Trims ASCII white space at both ends, in place; returns s. */
char *str_trim(char *s);
/* ASCII case-insensitive comparison. */
int str_casecmp(const char *a, const char *b);
bool str_is_http_url(const char *url);
/* Whether an http(s) URL names a user or password ("http://u:p@host/"):
 * such a credential would be stored with the URL and printed in errors. */
bool url_has_userinfo(const char *url);
/* s percent-encoded for a URL: every byte but ASCII letters, digits and
 * "-._~" and the bytes in keep (e.g. "/" for a path).  Caller frees. */
char *url_escape(const char *s, const char *keep);
/* s with %XX decoded (and '+' kept as it is); NULL when a '%' is not
 * followed by two hex digits or a %00 would cut the string.  Caller frees. */
char *url_unescape(const char *s, size_t n);

/* Cancelling long work on a worker thread: the thread names a flag another
 * thread may set (NULL: none), and the work asks cu_cancelled() between
 * steps and gives up when it says true.  Per thread: work on a thread that
 * watches no flag is never cancelled. */
void cu_cancel_watch(const atomic_bool *flag);
bool cu_cancelled(void);

/* The GitHub token the environment gives: GITHUB_TOKEN, else GH_TOKEN;
 * NULL when neither is set to something.  Borrowed from the environment.
 * The app hands it to http_new(); sources ask http_has_token(), and only
 * http.c ever sends it. */
const char *cu_github_token(void);

/* Wall-clock now, overridable for tests with CATCHUP_NOW=<unix seconds>. */
time_t cu_now(void);
/* Parses ISO 8601 / RFC 3339 ("2024-05-27", "2024-05-27T12:47:54Z",
 * "2024-05-27T12:47:54+02:00") into a UTC time_t; -1 when unreadable. */
time_t iso8601_parse(const char *s);
/* Formats t as "2024-05-27T12:47:54Z" into out (at least 21 bytes). */
void iso8601_utc(time_t t, char out[32]);
/* "3 h ago", "2 d ago", "just now" for t relative to now. */
void format_age(time_t t, time_t now, char out[32]);
/* A count with thousands separated by commas: 1429 -> "1,429". */
void format_count(size_t n, char out[32]);

/* Non-zero 64-bit ids (SQLite rowids) to indexes, by open addressing. */
struct id_map {
    long long *keys; /* 0: a free slot */
    size_t *vals;
    size_t n, cap;
};
/* The index id has; when it has none, it gets val (*added set). */
size_t id_map_put(struct id_map *m, long long id, size_t val, bool *added);
void id_map_free(struct id_map *m);

/* FNV-1a of len bytes at p, continuing from h (start with CU_FNV_OFFSET). */
#define CU_FNV_OFFSET 14695981039346656037ull
uint64_t cu_fnv1a(const void *p, size_t len, uint64_t h);

/* Byte strings (copied) to values, by open addressing. */
struct str_slot {
    char *key; /* NULL: a free slot */
    size_t len, val;
};
struct str_map {
    struct str_slot *slots;
    size_t n, cap;
};
/* Where the value of key (len bytes) is, valid until the next call; a new
 * key's value is 0 (*added set). */
size_t *str_map_at(struct str_map *m, const char *key, size_t len, bool *added);
void str_map_free(struct str_map *m);

#endif
