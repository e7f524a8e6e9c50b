/* src_onboarding.c: the group's onboarding page (the Start here pane shows
 * it rendered like a post).
 *
 * GitHub: one conditional request to the contents API for the file; the
 * JSON carries the content in base64 (none of our libraries exports a
 * decoder, hence the small one here), its sha and its web address.  A
 * local file path is read directly. */
#define _GNU_SOURCE
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "catchup/frontmatter.h"
#include "catchup/source.h"
#include "catchup/text.h"
#include "catchup/url.h"

struct onboarding_run {
    struct source_run *run;
    char *url;
    bool not_modified;
    bool have;
    struct page page;
    char *etag;
};

static int b64_value(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

/* Decodes base64 with GitHub's line breaks; -1 on a bad character. */
static int b64_decode(const char *in, struct buf *out)
{
    unsigned acc = 0;
    int bits = 0;
    for (const unsigned char *p = (const unsigned char *)in; *p; p++) {
        if (*p == '\n' || *p == '\r' || *p == ' ' || *p == '=')
            continue;
        int v = b64_value(*p);
        if (v < 0)
            return -1;
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            char c = (char)((acc >> bits) & 0xff);
            if (buf_add(out, &c, 1) < 0)
                return -1;
        }
    }
    return 0;
}

/* Title from the front matter, else the first heading, else "Onboarding". */
static void page_from_text(struct page *pg, const char *raw, size_t len)
{
    char *data = text_sanitize(raw, len, TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS);
    struct frontmatter fm;
    struct cu_err e;
    size_t off = 0;
    if (fm_parse(data, strlen(data), &fm, &e) == 0) {
        off = fm.body_offset;
        if (fm.title && *fm.title)
            pg->title = xstrdup(fm.title);
        fm_free(&fm);
    }
    pg->body = xstrdup(data + off);
    if (!pg->title) {
        const char *h = strstr(pg->body, "# ");
        if (h && (h == pg->body || h[-1] == '\n')) {
            const char *end = strchr(h, '\n');
            pg->title = xstrndup(h + 2, end ? (size_t)(end - h - 2) : strlen(h + 2));
            str_trim(pg->title);
        } else {
            pg->title = xstrdup("Onboarding");
        }
    }
    free(data);
}

/* The page is optional: its absence is a warning that says where it was
 * looked for and how to stop looking, not a failed refresh. */
static void not_found(struct source_run *run, const char *where, const char *why)
{
    source_warn(run, "not found",
                "%s does not exist (%s); Start here goes without it. Set onboarding in [group "
                "\"%s\"] to a page that exists, or to nothing (onboarding =) to stop looking",
                where, why, run->group->key);
}

static void on_page(struct http *h, const struct http_resp *r, void *arg)
{
    (void)h;
    struct onboarding_run *onboarding = arg;
    struct cu_err e;
    if (r->status == 404) {
        const struct posts_src *src = &onboarding->run->group->onboarding;
        char *where = xasprintf("github:%s/%s/%s@%s", src->owner, src->repo, src->path, src->ref);
        char *host = url_host_dup(r->url);
        char *why = xasprintf("404 Not Found from %s", host ? host : "the server");
        not_found(onboarding->run, where, why);
        free(why);
        free(host);
        free(where);
        return;
    }
    if (http_check(r, &e) < 0) {
        source_fail(onboarding->run, "%s", e.msg);
        return;
    }
    if (r->status == 304) {
        onboarding->not_modified = true;
        return;
    }
    json_error_t je;
    json_t *o = json_loadb(r->body, r->len, 0, &je);
    const char *content = json_string_value(json_object_get(o, "content"));
    const char *enc = json_string_value(json_object_get(o, "encoding"));
    if (!json_is_object(o) || !content || !enc || strcmp(enc, "base64")) {
        source_fail(onboarding->run, "%s is not a file's contents as GitHub sends them%s%s",
                    onboarding->url, o ? "" : ": ", o ? "" : je.text);
        json_decref(o);
        return;
    }
    struct buf b;
    buf_init(&b, HTTP_MAX_JSON);
    if (b64_decode(content, &b) < 0) {
        source_fail(onboarding->run, "the onboarding page's content is not valid base64");
        buf_free(&b);
        json_decref(o);
        return;
    }
    page_from_text(&onboarding->page, b.data ? b.data : "", b.len);
    buf_free(&b);
    const char *html = json_string_value(json_object_get(o, "html_url"));
    const char *sha = json_string_value(json_object_get(o, "sha"));
    if (str_is_http_url(html) && !url_has_userinfo(html)) {
        onboarding->page.url = xstrdup(html);
        onboarding->page.base_url = xstrdup(html);
    }
    onboarding->page.sha = sha ? text_sanitize(sha, strlen(sha), 0) : NULL;
    onboarding->etag = xstrdup(r->etag);
    onboarding->have = true;
    json_decref(o);
}

static bool onboarding_wanted(const struct group *g)
{
    return g->onboarding.kind != SRC_NONE;
}

static void *onboarding_start(struct source_run *run)
{
    struct onboarding_run *onboarding = xcalloc(1, sizeof(*onboarding));
    onboarding->run = run;
    const struct posts_src *src = &run->group->onboarding;
    struct cu_err e;
    if (src->kind == SRC_DIR) {
        char *data;
        size_t len;
        struct stat sb;
        if (stat(src->dir, &sb) < 0 && errno == ENOENT) {
            not_found(run, src->dir, "no such file");
            return onboarding;
        }
        if (read_file(src->dir, HTTP_MAX_JSON, &data, &len, &e) < 0) {
            source_fail(run, "%s; check the onboarding key", e.msg);
            return onboarding;
        }
        page_from_text(&onboarding->page, data, len);
        free(data);
        onboarding->have = true;
        return onboarding;
    }
    onboarding->url = posts_src_contents_url(src, run->config->api);
    struct page cached;
    bool have_cached = store_page_get(run->store, run->group->key, SOURCE_ONBOARDING, &cached);
    char *etag = have_cached ? store_etag_get(run->store, onboarding->url) : NULL;
    if (have_cached)
        page_free(&cached);
    if (source_get(run, onboarding->url, etag, HTTP_MAX_JSON, on_page, onboarding, &e) < 0)
        source_fail(run, "%s", e.msg);
    free(etag);
    return onboarding;
}

static int onboarding_commit(void *state, struct source_run *run, struct cu_err *e)
{
    struct onboarding_run *onboarding = state;
    if (onboarding->not_modified) {
        snprintf(run->report.summary, sizeof(run->report.summary), "unchanged");
        return 0;
    }
    if (!onboarding->have)
        return 0;
    onboarding->page.fetched_at = run->now;
    if (store_page_put(run->store, run->group->key, SOURCE_ONBOARDING, &onboarding->page, e) < 0)
        return -1;
    if (onboarding->url && store_etag_put(run->store, onboarding->url, onboarding->etag, e) < 0)
        return -1;
    snprintf(run->report.summary, sizeof(run->report.summary), "updated (%s)",
             onboarding->page.title);
    return 0;
}

static void onboarding_free(void *state)
{
    struct onboarding_run *onboarding = state;
    page_free(&onboarding->page);
    free(onboarding->url);
    free(onboarding->etag);
    free(onboarding);
}

const struct source_ops source_onboarding = {
    .name = SOURCE_ONBOARDING,
    .wanted = onboarding_wanted,
    .start = onboarding_start,
    .commit = onboarding_commit,
    .free_state = onboarding_free,
};
