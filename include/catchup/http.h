/* http.h: parallel HTTP transfers on one libcurl multi handle, made (with
 * libcurl's global set-up) at the first request: a client that never
 * transfers never starts libcurl or its TLS library.
 *
 * Nothing here blocks: requests are queued with http_get()/http_post() and
 * run while the caller's event loop calls http_wait(), which also watches one
 * extra file descriptor (the terminal) so keys are handled while transfers
 * run.  When a transfer ends, its callback runs from inside http_wait(); a
 * callback may queue further requests.
 *
 * Every request sends User-Agent: catchup/VERSION.  Requests to the
 * configured API origin (scheme, host and port of opts.api) also send
 * GitHub's Accept and X-GitHub-Api-Version headers and, when a token is
 * set, Authorization: Bearer TOKEN; the token goes to no other origin, also
 * not through redirects, and never over plain http to a host that is not
 * this machine unless allow_insecure.  A URL with a user name or password
 * is not fetched.  Bodies are capped; a transfer that makes no progress for
 * stall_timeout seconds, or is not done after transfer_timeout, is aborted. */
#ifndef CATCHUP_HTTP_H
#define CATCHUP_HTTP_H

#include "catchup/util.h"

#define HTTP_MAX_JSON (8u << 20)      /* 8 MiB: JSON and Markdown */
#define HTTP_MAX_CALENDAR (16u << 20) /* 16 MiB: iCalendar */

struct http_opts {
    const char *api;       /* API base URL, e.g. https://api.github.com */
    const char *token;     /* GitHub token or NULL; never logged */
    int parallel;          /* transfers at once (default 8) */
    long connect_timeout;  /* seconds (default 10) */
    long stall_timeout;    /* seconds without progress (default 30) */
    long transfer_timeout; /* seconds for a whole transfer (default 120) */
    bool allow_insecure;   /* the token may go to a plain http api */
};

struct http_resp {
    const char *url; /* the URL requested (borrowed) */
    long status;     /* HTTP status; 0 when the transfer failed */
    char *body;      /* NUL-terminated (also when empty) */
    size_t len;
    char *etag;          /* or NULL */
    char *last_modified; /* the Last-Modified header, or NULL */
    char *link;          /* the Link header, or NULL */
    char *content_type;
    long rl_remaining; /* X-RateLimit-Remaining, -1 when absent */
    time_t rl_reset;   /* X-RateLimit-Reset, 0 when absent */
    long retry_after;  /* Retry-After seconds, -1 when absent */
    bool too_big;      /* aborted at the size cap */
    bool unreachable;  /* no connection was made: no network, no such host, host down */
    bool token_sent;   /* the request carried the token */
    char error[512];   /* why the transfer failed, when status == 0 */
};

struct http;
typedef void (*http_cb)(struct http *h, const struct http_resp *r, void *arg);

/* Returns NULL (with e set) when libcurl cannot be set up, or when a token
 * would go to a plain http api elsewhere than this machine. */
struct http *http_new(const struct http_opts *opts, struct cu_err *e);
/* Aborts running transfers without calling their callbacks. */
void http_free(struct http *h);

/* Queues a GET.  etag (may be NULL) is sent as If-None-Match.  max caps the
 * body.  Returns -1 (with e set) for a URL that is not http(s). */
int http_get(struct http *h, const char *url, const char *etag, size_t max, http_cb cb, void *arg,
             struct cu_err *e);
/* The same, also sending last_modified (may be NULL) as If-Modified-Since:
 * a feed's conditional GET. */
int http_get_cond(struct http *h, const char *url, const char *etag, const char *last_modified,
                  size_t max, http_cb cb, void *arg, struct cu_err *e);
/* Queues a POST of a JSON body (copied). */
int http_post_json(struct http *h, const char *url, const char *json, size_t max, http_cb cb,
                   void *arg, struct cu_err *e);

/* Transfers queued or running. */
size_t http_pending(const struct http *h);
/* Requests started since http_new (each retry or redirect hop not counted). */
unsigned long http_requests(const struct http *h);

/* A descriptor http_wait() watches besides the network (the terminal, a
 * signal pipe); ready is set when it is readable. */
struct http_fd {
    int fd;
    bool ready;
};

/* Waits up to timeout_ms for network activity or for one of fds to become
 * readable, moves transfers along and runs the callbacks of those that
 * ended (before the first request, a plain poll(2) on fds).  Returns -1
 * only when libcurl itself, or poll(2), fails. */
int http_wait(struct http *h, struct http_fd *fds, size_t nfds, int timeout_ms, struct cu_err *e);
/* Wakes a http_wait() blocked in another thread (a refresh's job that
 * ended).  Safe from any thread while h exists: whatever may call it must
 * be gone before http_free (free a refresh before its handle). */
void http_wakeup(struct http *h);

/* True when url has the API's origin (where the token may go). */
bool http_is_api(const struct http *h, const char *url);
/* Whether requests to the API carry a token (GitHub then allows 5,000 an
 * hour instead of 60). */
bool http_has_token(const struct http *h);

/* Checks a finished response: 0 for 2xx and 304, else -1 with a message a
 * user can act on (transfer errors, 401/403 with the reason, rate limits with
 * the local time they reset, 404, 5xx, the server's "message" when the body
 * is GitHub's JSON error). */
int http_check(const struct http_resp *r, struct cu_err *e);

/* Finds the URL for rel (e.g. "last") in an RFC 8288 Link header.  Returns
 * a new string (caller frees) or NULL. */
char *http_link_rel(const char *link, const char *rel);

/* True when url is plain http to a host other than this machine
 * (localhost, 127.0.0.0/8, ::1): what travels there can be read. */
bool http_url_plain_remote(const char *url);

/* Whether next (a Link rel="last" or "next" of the page cur) goes forward
 * in the same list: the same origin and path, the same query but for a
 * greater page number, and no user name or password. */
bool http_page_forward(const char *cur, const char *next);

#endif
