/* http.c: see http.h. */
#define _GNU_SOURCE
#include "catchup/http.h"

#include "catchup/text.h"
#include "catchup/url.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

struct xfer {
    struct http *h;
    CURL *easy;
    struct curl_slist *hdrs;
    char *url;
    char *post;
    size_t max;
    struct buf body;
    char *etag, *link, *content_type, *last_modified;
    long rl_remaining, retry_after;
    time_t rl_reset;
    bool too_big, token_sent;
    bool https;              /* so are its redirects */
    struct timespec started; /* the first progress call: out of the queue */
    bool overdue;            /* aborted at transfer_timeout */
    http_cb cb;
    void *arg;
    char errbuf[CURL_ERROR_SIZE];
    struct xfer *next;
};

struct http {
    CURLM *multi;
    struct http_opts opts;
    char *api, *token;
    char *api_scheme, *api_host, *api_port;
    char *auth_header;
    struct xfer *xfers; /* running */
    size_t nxfers;
    unsigned long requests;
    bool curl_started; /* this client holds a curl_global_init */
    int wake[2];       /* http_wakeup() writes a byte; http_wait() watches it */
};

static int curl_users;

/* libcurl's global set-up (and so OpenSSL's: 1.7 MB of its pages touched)
 * waits for the first transfer: a refresh of a local folder, or the TUI
 * reading its cache, never needs it. */
static int curl_start(struct http *h, struct cu_err *e)
{
    if (h->multi)
        return 0;
    if (!h->curl_started) {
        if (curl_users == 0 && curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
            return cu_errf(e, "cannot initialise libcurl");
        curl_users++;
        h->curl_started = true;
    }
    h->multi = curl_multi_init();
    if (!h->multi)
        return cu_errf(e, "cannot initialise libcurl");
    curl_multi_setopt(h->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)h->opts.parallel);
    curl_multi_setopt(h->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)h->opts.parallel);
    curl_multi_setopt(h->multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
    return 0;
}

static int url_origin(const char *url, char **scheme, char **host, char **port)
{
    CURLU *u = curl_url();
    if (!u)
        return -1;
    int rc = -1;
    if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_SCHEME, scheme, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_HOST, host, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_PORT, port, CURLU_DEFAULT_PORT) == CURLUE_OK)
        rc = 0;
    curl_url_cleanup(u);
    return rc;
}

static bool host_is_loopback(const char *host)
{
    char buf[64];
    size_t n = strlen(host);
    if (n >= 2 && host[0] == '[' && host[n - 1] == ']' && n - 2 < sizeof(buf)) {
        memcpy(buf, host + 1, n - 2);
        buf[n - 2] = '\0';
        host = buf;
    }
    struct in_addr a4;
    struct in6_addr a6;
    if (inet_pton(AF_INET, host, &a4) == 1)
        return (ntohl(a4.s_addr) >> 24) == 127;
    if (inet_pton(AF_INET6, host, &a6) == 1)
        return IN6_IS_ADDR_LOOPBACK(&a6);
    return !strcasecmp(host, "localhost");
}

bool http_url_plain_remote(const char *url)
{
    char *scheme = NULL, *host = NULL, *port = NULL;
    bool plain = url_origin(url, &scheme, &host, &port) == 0 && !strcasecmp(scheme, "http") &&
                 !host_is_loopback(host);
    curl_free(scheme);
    curl_free(host);
    curl_free(port);
    return plain;
}

struct http *http_new(const struct http_opts *opts, struct cu_err *e)
{
    const char *api = opts->api ? opts->api : "https://api.github.com";
    if (opts->token && *opts->token && !opts->allow_insecure && http_url_plain_remote(api)) {
        char *host = url_host_dup(api);
        cu_errf(e,
                "api is plain http to %s: the token would travel unencrypted; use https, or set "
                "allow_insecure = true under [github]",
                host ? host : "another host");
        free(host);
        return NULL;
    }
    if (url_has_userinfo(api)) {
        cu_errf(e, "api must not hold a user name or password");
        return NULL;
    }
    struct http *h = xcalloc(1, sizeof(*h));
    h->wake[0] = h->wake[1] = -1;
    h->opts = *opts;
    if (h->opts.parallel <= 0)
        h->opts.parallel = 8;
    if (h->opts.connect_timeout <= 0)
        h->opts.connect_timeout = 10;
    if (h->opts.stall_timeout <= 0)
        h->opts.stall_timeout = 30;
    if (h->opts.transfer_timeout <= 0)
        h->opts.transfer_timeout = 120;
    h->api = xstrdup(opts->api ? opts->api : "https://api.github.com");
    h->token = opts->token && *opts->token ? xstrdup(opts->token) : NULL;
    if (h->token)
        h->auth_header = xasprintf("Authorization: Bearer %s", h->token);
    char *s = NULL, *ho = NULL, *p = NULL;
    if (url_origin(h->api, &s, &ho, &p) == 0) {
        h->api_scheme = xstrdup(s);
        h->api_host = xstrdup(ho);
        h->api_port = xstrdup(p);
    }
    curl_free(s);
    curl_free(ho);
    curl_free(p);
    if (pipe2(h->wake, O_NONBLOCK | O_CLOEXEC) < 0) {
        h->wake[0] = h->wake[1] = -1;
        cu_errf(e, "cannot make a pipe: %s", strerror(errno));
        http_free(h);
        return NULL;
    }
    return h;
}

static void xfer_free(struct xfer *x)
{
    if (x->easy) {
        curl_multi_remove_handle(x->h->multi, x->easy);
        curl_easy_cleanup(x->easy);
    }
    curl_slist_free_all(x->hdrs);
    free(x->url);
    free(x->post);
    buf_free(&x->body);
    free(x->etag);
    free(x->last_modified);
    free(x->link);
    free(x->content_type);
    free(x);
}

void http_free(struct http *h)
{
    if (!h)
        return;
    while (h->xfers) {
        struct xfer *x = h->xfers;
        h->xfers = x->next;
        xfer_free(x);
    }
    if (h->multi)
        curl_multi_cleanup(h->multi);
    free(h->api);
    if (h->token) {
        memset(h->token, 0, strlen(h->token));
        free(h->token);
    }
    if (h->auth_header) {
        memset(h->auth_header, 0, strlen(h->auth_header));
        free(h->auth_header);
    }
    free(h->api_scheme);
    free(h->api_host);
    free(h->api_port);
    for (int i = 0; i < 2; i++)
        if (h->wake[i] >= 0)
            close(h->wake[i]);
    bool started = h->curl_started;
    free(h);
    if (started && --curl_users == 0)
        curl_global_cleanup();
}

bool http_has_token(const struct http *h)
{
    return h->token != NULL;
}

bool http_is_api(const struct http *h, const char *url)
{
    if (!h->api_host)
        return false;
    char *s = NULL, *ho = NULL, *p = NULL;
    bool same = url_origin(url, &s, &ho, &p) == 0 && !strcasecmp(s, h->api_scheme) &&
                !strcasecmp(ho, h->api_host) && !strcmp(p, h->api_port);
    curl_free(s);
    curl_free(ho);
    curl_free(p);
    return same;
}

size_t http_pending(const struct http *h)
{
    return h->nxfers;
}

unsigned long http_requests(const struct http *h)
{
    return h->requests;
}

static size_t on_body(char *ptr, size_t size, size_t n, void *arg)
{
    struct xfer *x = arg;
    if (buf_add(&x->body, ptr, size * n) < 0) {
        x->too_big = true;
        return 0;
    }
    return size * n;
}

/* Called at least once a second while a transfer runs (never while it
 * waits for a connection). */
static int on_progress(void *arg, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                       curl_off_t ulnow)
{
    (void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
    struct xfer *x = arg;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (!x->started.tv_sec && !x->started.tv_nsec) {
        x->started = now;
        return 0;
    }
    double spent =
        (double)(now.tv_sec - x->started.tv_sec) + (now.tv_nsec - x->started.tv_nsec) / 1e9;
    if (spent < (double)x->h->opts.transfer_timeout)
        return 0;
    x->overdue = true;
    return 1;
}

static char *header_value(const char *line, size_t n, const char *name)
{
    size_t k = strlen(name);
    if (n <= k || strncasecmp(line, name, k) || line[k] != ':')
        return NULL;
    const char *v = line + k + 1;
    const char *end = line + n;
    while (v < end && (*v == ' ' || *v == '\t'))
        v++;
    while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' '))
        end--;
    return xstrndup(v, (size_t)(end - v));
}

static void take_header(char **dst, char *v)
{
    if (!v)
        return;
    free(*dst);
    *dst = v;
}

static size_t on_header(char *line, size_t size, size_t n, void *arg)
{
    struct xfer *x = arg;
    size_t len = size * n;
    if (len >= 5 && !strncmp(line, "HTTP/", 5)) {
        /* A new response (after a redirect or 100): forget the last one's. */
        free(x->etag), x->etag = NULL;
        free(x->last_modified), x->last_modified = NULL;
        free(x->link), x->link = NULL;
        free(x->content_type), x->content_type = NULL;
        x->rl_remaining = -1;
        x->rl_reset = 0;
        x->retry_after = -1;
        return len;
    }
    char *v;
    take_header(&x->etag, header_value(line, len, "etag"));
    take_header(&x->last_modified, header_value(line, len, "last-modified"));
    take_header(&x->link, header_value(line, len, "link"));
    take_header(&x->content_type, header_value(line, len, "content-type"));
    if ((v = header_value(line, len, "x-ratelimit-remaining"))) {
        x->rl_remaining = strtol(v, NULL, 10);
        free(v);
    }
    if ((v = header_value(line, len, "x-ratelimit-reset"))) {
        x->rl_reset = (time_t)strtoll(v, NULL, 10);
        free(v);
    }
    if ((v = header_value(line, len, "retry-after"))) {
        char *end;
        long s = strtol(v, &end, 10);
        x->retry_after = (end != v && s >= 0) ? s : -1;
        free(v);
    }
    return len;
}

static int start(struct http *h, const char *url, const char *etag, const char *lm,
                 const char *post, size_t max, http_cb cb, void *arg, struct cu_err *e)
{
    if (url_has_userinfo(url)) {
        /* The credential is neither sent nor printed. */
        char *host = url_host_dup(url);
        cu_errf(e, "refusing to fetch a URL with a user name or password (on %s)",
                host ? host : "an unknown host");
        free(host);
        return -1;
    }
    if (!str_is_http_url(url))
        return cu_errf(e, "refusing to fetch '%.200s': only http and https URLs are fetched", url);
    struct xfer *x = xcalloc(1, sizeof(*x));
    x->h = h;
    x->url = xstrdup(url);
    x->max = max;
    x->cb = cb;
    x->arg = arg;
    x->rl_remaining = -1;
    x->retry_after = -1;
    buf_init(&x->body, max);
    if (curl_start(h, e) < 0) {
        xfer_free(x);
        return -1;
    }
    CURL *c = x->easy = curl_easy_init();
    if (!c) {
        xfer_free(x);
        return cu_errf(e, "cannot create a transfer for %s", url);
    }
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_PRIVATE, x);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, x->errbuf);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "catchup/" CATCHUP_VERSION);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    /* https never redirects to plain http: what comes back could then be
     * anyone's, and a cookie or credential would travel in clear. */
    x->https = !strncasecmp(url, "https:", 6);
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, x->https ? "https" : "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
    /* Credentials never follow a redirect to another origin. */
    curl_easy_setopt(c, CURLOPT_UNRESTRICTED_AUTH, 0L);
    /* ... nor does a user name or password in a redirect's Location. */
    curl_easy_setopt(c, CURLOPT_HTTPAUTH, (long)CURLAUTH_NONE);
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, h->opts.connect_timeout);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, h->opts.stall_timeout);
    /* A server trickling a byte a second never stalls: a deadline for all,
     * counted from when the transfer leaves the queue (CURLOPT_TIMEOUT
     * would count the wait for a free connection too). */
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, x);
    curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)max);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, x);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, x);
    if (http_is_api(h, url)) {
        x->hdrs = curl_slist_append(x->hdrs, "Accept: application/vnd.github+json");
        x->hdrs = curl_slist_append(x->hdrs, "X-GitHub-Api-Version: 2022-11-28");
        if (h->auth_header) {
            x->hdrs = curl_slist_append(x->hdrs, h->auth_header);
            x->token_sent = true;
        }
    }
    if (etag && *etag) {
        char *hdr = xasprintf("If-None-Match: %s", etag);
        x->hdrs = curl_slist_append(x->hdrs, hdr);
        free(hdr);
    }
    if (lm && *lm) {
        char *hdr = xasprintf("If-Modified-Since: %s", lm);
        x->hdrs = curl_slist_append(x->hdrs, hdr);
        free(hdr);
    }
    if (post) {
        x->post = xstrdup(post);
        x->hdrs = curl_slist_append(x->hdrs, "Content-Type: application/json");
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, x->post);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(x->post));
    }
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, x->hdrs);
    if (curl_multi_add_handle(h->multi, c) != CURLM_OK) {
        xfer_free(x);
        return cu_errf(e, "cannot start the transfer of %s", url);
    }
    x->next = h->xfers;
    h->xfers = x;
    h->nxfers++;
    h->requests++;
    return 0;
}

int http_get(struct http *h, const char *url, const char *etag, size_t max, http_cb cb, void *arg,
             struct cu_err *e)
{
    return start(h, url, etag, NULL, NULL, max, cb, arg, e);
}

int http_get_cond(struct http *h, const char *url, const char *etag, const char *last_modified,
                  size_t max, http_cb cb, void *arg, struct cu_err *e)
{
    return start(h, url, etag, last_modified, NULL, max, cb, arg, e);
}

int http_post_json(struct http *h, const char *url, const char *json, size_t max, http_cb cb,
                   void *arg, struct cu_err *e)
{
    return start(h, url, NULL, NULL, json, max, cb, arg, e);
}

static void describe_failure(struct xfer *x, CURLcode rc, char *out, size_t n)
{
    char *host = url_host_dup(x->url);
    const char *h = host ? host : x->url;
    if (x->overdue)
        rc = CURLE_ABORTED_BY_CALLBACK;
    switch (rc) {
    case CURLE_ABORTED_BY_CALLBACK:
        snprintf(out, n,
                 "%s took longer than %ld s (transfer_timeout): the server is too slow; try again "
                 "later",
                 h, x->h->opts.transfer_timeout);
        break;
    case CURLE_OPERATION_TIMEDOUT:
        if (x->body.len == 0 && strstr(x->errbuf, "onnect"))
            snprintf(out, n,
                     "cannot connect to %s: no answer within %ld s; check the network or the "
                     "URL, or try again later",
                     h, x->h->opts.connect_timeout);
        else
            snprintf(out, n, "%s stopped sending: no data for %ld s", h, x->h->opts.stall_timeout);
        break;
    case CURLE_COULDNT_CONNECT:
        snprintf(out, n,
                 "cannot connect to %s (%s): check the network or the URL, or try again later", h,
                 x->errbuf[0] ? x->errbuf : "refused");
        break;
    case CURLE_COULDNT_RESOLVE_HOST:
        snprintf(out, n, "cannot find the host %s: check the network or the URL", h);
        break;
    case CURLE_FILESIZE_EXCEEDED:
    case CURLE_WRITE_ERROR:
        snprintf(out, n, "the response from %s is larger than the %zu MiB limit", h, x->max >> 20);
        break;
    case CURLE_PARTIAL_FILE: snprintf(out, n, "the response from %s was cut short", h); break;
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
        snprintf(out, n, "the connection to %s broke (%s)", h,
                 x->errbuf[0] ? x->errbuf : curl_easy_strerror(rc));
        break;
    case CURLE_TOO_MANY_REDIRECTS: snprintf(out, n, "%s redirected too many times", h); break;
    case CURLE_UNSUPPORTED_PROTOCOL:
        if (x->https)
            snprintf(out, n,
                     "%s redirected from https to a URL that is not https; refused (plain http "
                     "would drop the encryption: configure the http URL if you accept that)",
                     h);
        else
            snprintf(out, n, "%s redirected to a URL that is not http(s)", h);
        break;
    default:
        snprintf(out, n, "%s: %s", h, x->errbuf[0] ? x->errbuf : curl_easy_strerror(rc));
        break;
    }
    free(host);
}

static void finish(struct http *h, CURL *c, CURLcode rc)
{
    struct xfer *x = NULL;
    curl_easy_getinfo(c, CURLINFO_PRIVATE, (char **)&x);
    /* unlink */
    for (struct xfer **pp = &h->xfers; *pp; pp = &(*pp)->next)
        if (*pp == x) {
            *pp = x->next;
            break;
        }
    h->nxfers--;
    struct http_resp r = {0};
    r.url = x->url;
    r.rl_remaining = x->rl_remaining;
    r.rl_reset = x->rl_reset;
    r.retry_after = x->retry_after;
    r.etag = x->etag;
    r.last_modified = x->last_modified;
    r.link = x->link;
    r.content_type = x->content_type;
    r.token_sent = x->token_sent;
    r.too_big = x->too_big || rc == CURLE_FILESIZE_EXCEEDED;
    if (rc == CURLE_OK) {
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
    } else {
        r.status = 0;
        r.unreachable =
            rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST ||
            rc == CURLE_COULDNT_RESOLVE_PROXY ||
            (rc == CURLE_OPERATION_TIMEDOUT && x->body.len == 0 && strstr(x->errbuf, "onnect"));
        describe_failure(x, r.too_big ? CURLE_FILESIZE_EXCEEDED : rc, r.error, sizeof(r.error));
    }
    if (!x->body.data)
        buf_add(&x->body, "", 0);
    r.body = x->body.data;
    r.len = x->body.len;
    if (x->cb)
        x->cb(h, &r, x->arg);
    xfer_free(x);
}

static int perform(struct http *h, struct cu_err *e)
{
    if (!h->multi)
        return 0; /* no transfer was ever started */
    int running;
    CURLMcode mc = curl_multi_perform(h->multi, &running);
    if (mc != CURLM_OK)
        return cu_errf(e, "libcurl: %s", curl_multi_strerror(mc));
    CURLMsg *m;
    int left;
    while ((m = curl_multi_info_read(h->multi, &left))) {
        if (m->msg == CURLMSG_DONE)
            finish(h, m->easy_handle, m->data.result);
    }
    return 0;
}

int http_wait(struct http *h, struct http_fd *fds, size_t nfds, int timeout_ms, struct cu_err *e)
{
    /* the caller's descriptors, then the wake-up pipe */
    struct curl_waitfd w[9];
    if (nfds > CU_ARRAY_LEN(w) - 1)
        nfds = CU_ARRAY_LEN(w) - 1;
    for (size_t i = 0; i < nfds; i++) {
        fds[i].ready = false;
        w[i] = (struct curl_waitfd){.fd = fds[i].fd, .events = CURL_WAIT_POLLIN, .revents = 0};
    }
    w[nfds] = (struct curl_waitfd){.fd = h->wake[0], .events = CURL_WAIT_POLLIN, .revents = 0};
    if (perform(h, e) < 0)
        return -1;
    /* With nothing to watch this still waits: a worker may wake us. */
    if (h->multi) {
        int n = 0;
        CURLMcode mc = curl_multi_poll(h->multi, w, (unsigned)nfds + 1, timeout_ms, &n);
        if (mc != CURLM_OK)
            return cu_errf(e, "libcurl: %s", curl_multi_strerror(mc));
    } else {
        /* no transfer yet, so no libcurl: the same wait with poll(2) */
        struct pollfd p[CU_ARRAY_LEN(w)];
        for (size_t i = 0; i <= nfds; i++)
            p[i] = (struct pollfd){.fd = w[i].fd, .events = POLLIN};
        if (poll(p, nfds + 1, timeout_ms) < 0 && errno != EINTR)
            return cu_errf(e, "cannot wait: %s", strerror(errno));
        for (size_t i = 0; i <= nfds; i++)
            w[i].revents = p[i].revents & (POLLIN | POLLHUP | POLLERR) ? CURL_WAIT_POLLIN : 0;
    }
    if (w[nfds].revents) {
        char drain[64];
        while (read(h->wake[0], drain, sizeof(drain)) > 0)
            ;
    }
    for (size_t i = 0; i < nfds; i++)
        fds[i].ready = (w[i].revents & (CURL_WAIT_POLLIN | CURL_WAIT_POLLPRI)) != 0;
    return perform(h, e);
}

void http_wakeup(struct http *h)
{
    /* a pipe, not curl_multi_wakeup(): the multi handle may not exist yet,
     * and the thread that makes it is not this one */
    ssize_t n = write(h->wake[1], "", 1);
    (void)n; /* full: a wake-up is already pending */
}

/* ---- responses ---------------------------------------------------------- */

static char *json_message(const struct http_resp *r)
{
    if (!r->body || !r->len || r->body[0] != '{')
        return NULL;
    json_t *j = json_loadb(r->body, r->len, 0, NULL);
    if (!j)
        return NULL;
    const char *m = json_string_value(json_object_get(j, "message"));
    char *out = NULL;
    if (m && *m) {
        /* The message is the server's text: terminal-safe and short. */
        char *safe = text_sanitize(m, strlen(m), 0);
        size_t cut = text_fit(safe, 120, NULL);
        out = xstrndup(safe, cut);
        free(safe);
    }
    json_decref(j);
    return out;
}

static const char *reason(long status)
{
    switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "";
    }
}

int http_check(const struct http_resp *r, struct cu_err *e)
{
    if (r->status == 0)
        return cu_errf(e, "%s", r->error[0] ? r->error : "the transfer failed");
    if ((r->status >= 200 && r->status < 300) || r->status == 304)
        return 0;
    char *msg = json_message(r);
    char *host = url_host_dup(r->url);
    const char *h = host ? host : "the server";
    if ((r->status == 403 || r->status == 429) && r->rl_remaining == 0) {
        char when[24] = "later";
        if (r->rl_reset > 0) {
            struct tm tm;
            time_t t = r->rl_reset;
            localtime_r(&t, &tm);
            strftime(when, sizeof(when), "at %H:%M", &tm);
        }
        cu_errf(e, "%s: rate limit exceeded; resets %s%s", h, when,
                r->token_sent ? "" : " (set GITHUB_TOKEN for a higher limit)");
    } else if ((r->status == 403 || r->status == 429) && r->retry_after >= 0) {
        cu_errf(e, "%s: secondary rate limit; retry in %ld s", h, r->retry_after);
    } else if (r->status == 401) {
        if (r->token_sent)
            cu_errf(
                e,
                "%s: 401 Unauthorized%s%s: the token was refused; check GITHUB_TOKEN or GH_TOKEN",
                h, msg ? ": " : "", msg ? msg : "");
        else
            cu_errf(e, "%s: 401 Unauthorized: this needs a token; set GITHUB_TOKEN", h);
    } else if (r->status == 403) {
        cu_errf(e, "%s: 403 Forbidden%s%s", h, msg ? ": " : "", msg ? msg : "");
    } else if (r->status == 404) {
        cu_errf(e, "%s: 404 Not Found: check the configured repository, path and ref", h);
    } else if (r->status >= 500) {
        const char *why = reason(r->status);
        cu_errf(e, "%s: server error %ld%s%s; try again later", h, r->status, *why ? " " : "", why);
    } else {
        const char *why = reason(r->status);
        cu_errf(e, "%s: HTTP %ld%s%s%s%s", h, r->status, *why ? " " : "", why, msg ? ": " : "",
                msg ? msg : "");
    }
    free(msg);
    free(host);
    return -1;
}

/* The page parameter of a query (1 when absent, -1 when unreadable), and
 * the query without it in out. */
static long query_page(const char *query, struct buf *out)
{
    long page = 1;
    const char *p = query ? query : "";
    while (*p) {
        size_t n = strcspn(p, "&");
        if (n > 5 && !strncmp(p, "page=", 5)) {
            char *end;
            page = strtol(p + 5, &end, 10);
            if (end != p + n || page < 1)
                page = -1;
        } else if (n) {
            buf_add(out, p, n);
            buf_add(out, "&", 1);
        }
        p += n;
        if (*p == '&')
            p++;
    }
    return page;
}

bool http_page_forward(const char *cur, const char *next)
{
    if (!cur || !next || url_has_userinfo(next) || !str_is_http_url(next))
        return false;
    static const CURLUPart parts[] = {CURLUPART_SCHEME, CURLUPART_HOST, CURLUPART_PORT,
                                      CURLUPART_PATH, CURLUPART_QUERY};
    char *a[5] = {0}, *b[5] = {0};
    CURLU *ua = curl_url(), *ub = curl_url();
    bool ok = ua && ub && curl_url_set(ua, CURLUPART_URL, cur, 0) == CURLUE_OK &&
              curl_url_set(ub, CURLUPART_URL, next, 0) == CURLUE_OK;
    for (size_t i = 0; ok && i < CU_ARRAY_LEN(parts); i++) {
        unsigned flags = parts[i] == CURLUPART_PORT ? CURLU_DEFAULT_PORT : 0;
        CURLUcode ra = curl_url_get(ua, parts[i], &a[i], flags);
        CURLUcode rb = curl_url_get(ub, parts[i], &b[i], flags);
        if (parts[i] == CURLUPART_QUERY)
            continue; /* compared below; may be missing */
        ok = ra == CURLUE_OK && rb == CURLUE_OK && !strcasecmp(a[i], b[i]);
        if (ok && parts[i] == CURLUPART_PATH)
            ok = !strcmp(a[i], b[i]);
    }
    if (ok) {
        struct buf qa, qb;
        buf_init(&qa, 0);
        buf_init(&qb, 0);
        long pa = query_page(a[4], &qa), pb = query_page(b[4], &qb);
        ok =
            pa > 0 && pb > pa && qa.len == qb.len && (!qa.len || !memcmp(qa.data, qb.data, qa.len));
        buf_free(&qa);
        buf_free(&qb);
    }
    for (size_t i = 0; i < CU_ARRAY_LEN(parts); i++) {
        curl_free(a[i]);
        curl_free(b[i]);
    }
    curl_url_cleanup(ua);
    curl_url_cleanup(ub);
    return ok;
}

char *http_link_rel(const char *link, const char *rel)
{
    if (!link || !rel)
        return NULL;
    const char *p = link;
    size_t rel_len = strlen(rel);
    while (*p) {
        while (*p == ' ' || *p == ',' || *p == '\t')
            p++;
        if (*p != '<')
            return NULL;
        const char *u = p + 1;
        const char *ue = strchr(u, '>');
        if (!ue)
            return NULL;
        /* params until the next link (a ',' outside quotes) */
        const char *q = ue + 1;
        bool match = false;
        while (*q && *q != ',') {
            while (*q == ';' || *q == ' ' || *q == '\t')
                q++;
            const char *name = q;
            while (*q && *q != '=' && *q != ';' && *q != ',')
                q++;
            size_t name_len = (size_t)(q - name);
            while (name_len && (name[name_len - 1] == ' ' || name[name_len - 1] == '\t'))
                name_len--;
            if (*q != '=')
                continue;
            q++;
            while (*q == ' ' || *q == '\t')
                q++;
            const char *val;
            size_t val_len;
            if (*q == '"') {
                val = ++q;
                while (*q && *q != '"')
                    q++;
                val_len = (size_t)(q - val);
                if (*q)
                    q++;
            } else {
                val = q;
                while (*q && *q != ';' && *q != ',' && *q != ' ' && *q != '\t')
                    q++;
                val_len = (size_t)(q - val);
            }
            if (name_len == 3 && !strncasecmp(name, "rel", 3)) {
                /* rel may hold several space-separated types */
                const char *t = val, *end = val + val_len;
                while (t < end) {
                    while (t < end && (*t == ' ' || *t == '\t'))
                        t++;
                    const char *te = t;
                    while (te < end && *te != ' ' && *te != '\t')
                        te++;
                    if ((size_t)(te - t) == rel_len && !strncasecmp(t, rel, rel_len))
                        match = true;
                    t = te;
                }
            }
        }
        if (match && ue > u)
            return xstrndup(u, (size_t)(ue - u));
        p = q;
    }
    return NULL;
}
