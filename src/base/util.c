/* util.c: see util.h. */
#define _GNU_SOURCE
#include "catchup/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* UTF-8 continuation bytes are 10xxxxxx. */
static bool utf8_cont(char c)
{
    return ((unsigned char)c & 0xC0) == 0x80;
}

void cu_err_set(struct cu_err *e, const char *msg)
{
    if (!e)
        return;
    size_t n = strlen(msg), room = sizeof(e->msg) - 1;
    if (n <= room) {
        memcpy(e->msg, msg, n + 1);
        return;
    }
    /* Too long: what is cut is the middle (a long path, a long value), so
     * the start (what failed) and the end (why, and what to do) survive. */
    static const char gap[] = "...";
    size_t head = room / 4, tail = room - head - (sizeof(gap) - 1);
    while (head && utf8_cont(msg[head]))
        head--;
    const char *t = msg + n - tail;
    while (*t && utf8_cont(*t))
        t++;
    memcpy(e->msg, msg, head);
    memcpy(e->msg + head, gap, sizeof(gap) - 1);
    memcpy(e->msg + head + sizeof(gap) - 1, t, strlen(t) + 1);
}

int cu_errf(struct cu_err *e, const char *fmt, ...)
{
    if (e) {
        va_list ap;
        va_start(ap, fmt);
        char *s = xvasprintf(fmt, ap);
        va_end(ap);
        cu_err_set(e, s);
        free(s);
    }
    return -1;
}

int cu_err_prefix(struct cu_err *e, const char *fmt, ...)
{
    if (e) {
        va_list ap;
        va_start(ap, fmt);
        char *prefix = xvasprintf(fmt, ap);
        va_end(ap);
        char *joined = xasprintf("%s: %s", prefix, e->msg);
        cu_err_set(e, joined);
        free(joined);
        free(prefix);
    }
    return -1;
}

static void oom(void)
{
    fputs("catchup: out of memory\n", stderr);
    exit(CU_EXIT_FAIL);
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom();
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        oom();
    return p;
}

void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        oom();
    return p;
}

void *xgrow(void *p, size_t len, size_t *cap, size_t elem, size_t first)
{
    if (len < *cap)
        return p;
    size_t n = *cap ? *cap : (first ? first : 1);
    while (n <= len) {
        if (n > SIZE_MAX / 2)
            oom();
        n *= 2;
    }
    if (n > SIZE_MAX / elem)
        oom();
    *cap = n;
    return xrealloc(p, n * elem);
}

char *xstrdup(const char *s)
{
    if (!s)
        return NULL;
    char *d = strdup(s);
    if (!d)
        oom();
    return d;
}

char *xstrndup(const char *s, size_t n)
{
    char *d = strndup(s, n);
    if (!d)
        oom();
    return d;
}

char *xvasprintf(const char *fmt, va_list ap)
{
    char *s;
    if (vasprintf(&s, fmt, ap) < 0)
        oom();
    return s;
}

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    return s;
}

void buf_init(struct buf *b, size_t max)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->max = max ? max : SIZE_MAX - 1;
}

int buf_add(struct buf *b, const void *p, size_t n)
{
    if (n > b->max - b->len)
        return -1;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        b->data = xrealloc(b->data, cap);
        b->cap = cap;
    }
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int buf_adds(struct buf *b, const char *s)
{
    return buf_add(b, s, strlen(s));
}

int buf_addf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    int rc = buf_adds(b, s);
    free(s);
    return rc;
}

char *buf_take(struct buf *b)
{
    /* fitted: a short string kept for long (a title of every week) must
     * not hold the 256 bytes a buffer starts with */
    char *d = !b->data              ? xstrdup("")
              : b->cap > b->len + 1 ? xrealloc(b->data, b->len + 1)
                                    : b->data;
    b->data = NULL;
    b->len = b->cap = 0;
    return d;
}

void buf_reset(struct buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void buf_free(struct buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void strv_push_take(struct strv *s, char *str)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 8;
        s->v = xrealloc(s->v, s->cap * sizeof(*s->v));
    }
    s->v[s->n++] = str;
}

void strv_push(struct strv *s, const char *str)
{
    strv_push_take(s, xstrdup(str));
}

bool strv_contains(const struct strv *s, const char *str)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->v[i], str) == 0)
            return true;
    return false;
}

void strv_free(struct strv *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
    s->v = NULL;
    s->n = s->cap = 0;
}

int read_file(const char *path, size_t max, char **out, size_t *len, struct cu_err *e)
{
    /* O_NONBLOCK: a FIFO must not hang the open; it is refused below. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return cu_errf(e, "cannot open %s: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) < 0) {
        int err = errno;
        close(fd);
        return cu_errf(e, "cannot read %s: %s", path, strerror(err));
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return cu_errf(e, "cannot read %s: it is %s, not a file", path,
                       S_ISDIR(st.st_mode) ? "a directory" : "a device, FIFO or socket");
    }
    struct buf b;
    buf_init(&b, max);
    /* sized once for a file that does not grow while it is read */
    if (st.st_size > 0 && (uint64_t)st.st_size < max) {
        b.cap = (size_t)st.st_size + 1;
        b.data = xmalloc(b.cap);
    }
    char chunk[65536];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof(chunk));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            int err = errno;
            close(fd);
            buf_free(&b);
            return cu_errf(e, "cannot read %s: %s", path, strerror(err));
        }
        if (n == 0)
            break;
        if (buf_add(&b, chunk, (size_t)n) < 0) {
            close(fd);
            buf_free(&b);
            return cu_errf(e, "%s is larger than %zu bytes", path, max);
        }
    }
    close(fd);
    if (len)
        *len = b.len;
    *out = buf_take(&b);
    return 0;
}

int write_file_atomic(const char *path, const void *data, size_t len, struct cu_err *e)
{
    char *tmp = xasprintf("%s.tmpXXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        cu_errf(e, "cannot write %s: %s", path, strerror(errno));
        free(tmp);
        return -1;
    }
    const char *p = data;
    size_t left = len;
    while (left) {
        ssize_t n = write(fd, p, left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            goto fail;
        p += n;
        left -= (size_t)n;
    }
    if (fsync(fd) < 0 || close(fd) < 0) {
        fd = -1;
        goto fail;
    }
    if (rename(tmp, path) < 0) {
        fd = -1;
        goto fail;
    }
    free(tmp);
    return 0;
fail:
    cu_errf(e, "cannot write %s: %s", path, strerror(errno));
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    free(tmp);
    return -1;
}

int mkdir_p(const char *path, struct cu_err *e)
{
    char *p = xstrdup(path);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0700) < 0 && errno != EEXIST) {
            cu_errf(e, "cannot create directory %s: %s", p, strerror(errno));
            free(p);
            return -1;
        }
        *s = '/';
    }
    if (mkdir(p, 0700) < 0 && errno != EEXIST) {
        cu_errf(e, "cannot create directory %s: %s", p, strerror(errno));
        free(p);
        return -1;
    }
    free(p);
    return 0;
}

bool str_starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool str_ends(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && memcmp(s + a - b, suffix, b) == 0;
}

char *str_trim(char *s)
{
    char *start = s;
    while (*start == ' ' || *start == '\t' || *start == '\n' || *start == '\r')
        start++;
    size_t n = strlen(start);
    while (n && (start[n - 1] == ' ' || start[n - 1] == '\t' || start[n - 1] == '\n' ||
                 start[n - 1] == '\r'))
        n--;
    memmove(s, start, n);
    s[n] = '\0';
    return s;
}

int str_casecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = (unsigned char)*a, cb = (unsigned char)*b;
        if (ca >= 'A' && ca <= 'Z')
            ca += 32;
        if (cb >= 'A' && cb <= 'Z')
            cb += 32;
        if (ca != cb || !ca)
            return ca - cb;
    }
}

bool str_is_http_url(const char *url)
{
    if (!url)
        return false;
    const char *rest;
    if (strncasecmp(url, "https://", 8) == 0)
        rest = url + 8;
    else if (strncasecmp(url, "http://", 7) == 0)
        rest = url + 7;
    else
        return false;
    if (!*rest || *rest == '/')
        return false;
    for (const unsigned char *p = (const unsigned char *)url; *p; p++)
        if (*p <= 0x20 || *p == 0x7f)
            return false;
    return true;
}

static _Thread_local const atomic_bool *cancel_flag;

void cu_cancel_watch(const atomic_bool *flag)
{
    cancel_flag = flag;
}

bool cu_cancelled(void)
{
    return cancel_flag && atomic_load_explicit(cancel_flag, memory_order_relaxed);
}

bool url_has_userinfo(const char *url)
{
    const char *p = url ? strstr(url, "://") : NULL;
    if (!p)
        return false;
    p += 3;
    size_t n = strcspn(p, "/?#");
    return memchr(p, '@', n) != NULL;
}

char *url_escape(const char *s, const char *keep)
{
    struct buf b;
    buf_init(&b, 0);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~", *p) || (keep && strchr(keep, *p)))
            buf_add(&b, p, 1);
        else
            buf_addf(&b, "%%%02X", *p);
    }
    return buf_take(&b);
}

const char *cu_github_token(void)
{
    const char *t = getenv("GITHUB_TOKEN");
    if (t && *t)
        return t;
    t = getenv("GH_TOKEN");
    return t && *t ? t : NULL;
}

static int hexval(char c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

char *url_unescape(const char *s, size_t n)
{
    char *out = xmalloc(n + 1), *o = out;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '%') {
            *o++ = s[i];
            continue;
        }
        int hi = i + 1 < n ? hexval(s[i + 1]) : -1;
        int lo = i + 2 < n ? hexval(s[i + 2]) : -1;
        if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
            free(out);
            return NULL;
        }
        *o++ = (char)(hi * 16 + lo);
        i += 2;
    }
    *o = '\0';
    return out;
}

time_t cu_now(void)
{
    const char *s = getenv("CATCHUP_NOW");
    if (s && *s) {
        char *end;
        long long v = strtoll(s, &end, 10);
        if (!*end)
            return (time_t)v;
    }
    return time(NULL);
}

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

time_t iso8601_parse(const char *s)
{
    if (!s)
        return -1;
    while (*s == ' ')
        s++;
    int y = digits(s, 4), mo, d, h = 0, mi = 0, sec = 0;
    if (y < 0 || s[4] != '-')
        return -1;
    mo = digits(s + 5, 2);
    if (mo < 1 || mo > 12 || s[7] != '-')
        return -1;
    d = digits(s + 8, 2);
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d < 1 || d > mdays[mo - 1] || (mo == 2 && d == 29 && !leap))
        return -1;
    const char *p = s + 10;
    long off = 0;
    if (*p == 'T' || *p == 't' || *p == ' ') {
        h = digits(p + 1, 2);
        if (h < 0 || h > 23 || p[3] != ':')
            return -1;
        mi = digits(p + 4, 2);
        if (mi < 0 || mi > 59)
            return -1;
        p += 6;
        if (*p == ':') {
            sec = digits(p + 1, 2);
            if (sec < 0 || sec > 60)
                return -1;
            p += 3;
            if (*p == '.')
                for (p++; *p >= '0' && *p <= '9'; p++)
                    ;
        }
        /* Jekyll writes "2026-08-20 22:00:00 -0000": a blank before the zone */
        if (*p == ' ' && (p[1] == '+' || p[1] == '-' || p[1] == 'Z'))
            p++;
        if (*p == 'Z' || *p == 'z') {
            p++;
        } else if (*p == '+' || *p == '-') {
            int oh = digits(p + 1, 2), om = 0;
            if (oh < 0)
                return -1;
            const char *q = p + 3;
            if (*q == ':')
                q++;
            if (*q >= '0' && *q <= '9') {
                om = digits(q, 2);
                if (om < 0)
                    return -1;
                q += 2;
            }
            off = (oh * 3600L + om * 60L) * (*p == '-' ? -1 : 1);
            p = q;
        }
    }
    while (*p == ' ')
        p++;
    if (*p)
        return -1;
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = sec;
    time_t t = timegm(&tm);
    if (t == (time_t)-1)
        return -1;
    return t - off;
}

void iso8601_utc(time_t t, char out[32])
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void format_age(time_t t, time_t now, char out[32])
{
    long d = (long)(now - t);
    if (d < 0)
        d = 0;
    if (d < 60)
        snprintf(out, 32, "just now");
    else if (d < 3600)
        snprintf(out, 32, "%ld min ago", d / 60);
    else if (d < 86400)
        snprintf(out, 32, "%ld h ago", d / 3600);
    else if (d < 86400L * 60)
        snprintf(out, 32, "%ld d ago", d / 86400);
    else if (d < 86400L * 730)
        snprintf(out, 32, "%ld mo ago", d / (86400L * 30));
    else
        snprintf(out, 32, "%ld y ago", d / (86400L * 365));
}

void format_count(size_t n, char out[32])
{
    char digits[32];
    int len = snprintf(digits, sizeof(digits), "%zu", n);
    int o = 0;
    for (int i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
}

static size_t id_slot(const long long *keys, size_t cap, long long id)
{
    size_t k = (size_t)((unsigned long long)id * 11400714819323198485ull) & (cap - 1);
    while (keys[k] && keys[k] != id)
        k = (k + 1) & (cap - 1);
    return k;
}

size_t id_map_put(struct id_map *m, long long id, size_t val, bool *added)
{
    if (2 * (m->n + 1) > m->cap) {
        size_t cap = m->cap ? 2 * m->cap : 256;
        long long *keys = xcalloc(cap, sizeof(*keys));
        size_t *vals = xcalloc(cap, sizeof(*vals));
        for (size_t i = 0; i < m->cap; i++) {
            if (!m->keys[i])
                continue;
            size_t k = id_slot(keys, cap, m->keys[i]);
            keys[k] = m->keys[i];
            vals[k] = m->vals[i];
        }
        free(m->keys);
        free(m->vals);
        m->keys = keys;
        m->vals = vals;
        m->cap = cap;
    }
    size_t k = id_slot(m->keys, m->cap, id);
    *added = !m->keys[k];
    if (*added) {
        m->keys[k] = id;
        m->vals[k] = val;
        m->n++;
    }
    return m->vals[k];
}

void id_map_free(struct id_map *m)
{
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof(*m));
}

uint64_t cu_fnv1a(const void *p, size_t len, uint64_t h)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < len; i++)
        h = (h ^ b[i]) * 1099511628211ull;
    return h;
}

static size_t str_slot_of(const struct str_slot *v, size_t cap, const char *key, size_t len)
{
    size_t k = (size_t)cu_fnv1a(key, len, CU_FNV_OFFSET) & (cap - 1);
    while (v[k].key && (v[k].len != len || memcmp(v[k].key, key, len)))
        k = (k + 1) & (cap - 1);
    return k;
}

size_t *str_map_at(struct str_map *m, const char *key, size_t len, bool *added)
{
    if (2 * (m->n + 1) > m->cap) {
        size_t cap = m->cap ? 2 * m->cap : 256;
        struct str_slot *v = xcalloc(cap, sizeof(*v));
        for (size_t i = 0; i < m->cap; i++)
            if (m->slots[i].key)
                v[str_slot_of(v, cap, m->slots[i].key, m->slots[i].len)] = m->slots[i];
        free(m->slots);
        m->slots = v;
        m->cap = cap;
    }
    struct str_slot *sl = &m->slots[str_slot_of(m->slots, m->cap, key, len)];
    *added = !sl->key;
    if (*added) {
        sl->key = xmalloc(len + 1);
        memcpy(sl->key, key, len);
        sl->key[len] = '\0';
        sl->len = len;
        sl->val = 0;
        m->n++;
    }
    return &sl->val;
}

void str_map_free(struct str_map *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->slots[i].key);
    free(m->slots);
    memset(m, 0, sizeof(*m));
}
