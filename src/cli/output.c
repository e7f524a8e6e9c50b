/* output.c: what the commands print through: a checked standard output,
 * JSON in one layout, laid-out documents, the terminal's width. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "catchup/text.h"
#include "cli_int.h"

int cli_open_store(struct app *a, enum store_mode mode)
{
    struct cu_err e;
    if (app_open_store(a, mode, &e) < 0) {
        fprintf(stderr, "catchup: %s\n", e.msg);
        return -1;
    }
    return 0;
}

/* Prints s (already sanitized at ingest, sanitized again: defence in depth). */
void cli_put_safe(FILE *fp, const char *s)
{
    char *t = text_sanitize(s, strlen(s), 0);
    fputs(t, fp);
    free(t);
}

int cli_columns(void)
{
    const char *c = getenv("COLUMNS");
    int n;
    if (c && cli_parse_int(c, 1, 100000, &n) == 0)
        return n < 20 ? 20 : n;
    struct winsize ws;
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col < 20 ? 20 : ws.ws_col;
    return 80;
}

json_t *cli_jstr_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

void cli_print_doc(const struct doc *d, int width)
{
    struct doc_layout *l = doc_layout(d, width, DOC_LAYOUT_LINKS);
    for (size_t i = 0; i < l->nlines; i++) {
        char *t = doc_line_text(&l->lines[i]);
        /* No trailing blanks: friendlier to diff and grep. */
        size_t n = strlen(t);
        while (n && t[n - 1] == ' ')
            t[--n] = '\0';
        puts(t);
        free(t);
    }
    doc_layout_free(l);
}

json_t *cli_links_json(const struct doc *d)
{
    json_t *links = json_array();
    for (size_t i = 0; i < doc_nlinks(d); i++) {
        const struct doc_link *l = doc_link_at(d, i);
        json_t *lo = json_object();
        json_object_set_new(lo, "n", json_integer(l->n));
        json_object_set_new(lo, "url", json_string(l->url));
        json_object_set_new(lo, "text", json_string(l->text ? l->text : ""));
        json_object_set_new(lo, "kind", json_string(link_kind_name(l->kind)));
        /* an issue's or pull request's state from the cache ("open", ...) */
        if (l->badge)
            json_object_set_new(lo, "state", json_string(l->badge));
        json_array_append_new(links, lo);
    }
    return links;
}

void cli_print_json(json_t *j)
{
    char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    if (s) {
        puts(s);
        free(s);
    }
}

/* ---- checked standard output -------------------------------------------
 *
 * Every byte a command prints goes through out_write(), which checks each
 * write(2) as git's write_or_die() does: a reader that went away (EPIPE)
 * ends the program at once by SIGPIPE, as if the signal had not been
 * ignored for libcurl (the shell reports 141); any other failure (a full
 * disk: ENOSPC, EIO) is a message and exit status 1.  Nothing is cut short
 * silently, and nothing keeps working for a reader that is gone. */

static _Noreturn void out_died(int err)
{
    if (err == EPIPE) {
        signal(SIGPIPE, SIG_DFL);
        raise(SIGPIPE);
        _exit(128 + SIGPIPE); /* SIGPIPE blocked: the status it would give */
    }
    fprintf(stderr, "catchup: cannot write the output: %s\n", strerror(err));
    _exit(CU_EXIT_FAIL);
}

static ssize_t out_write(void *cookie, const char *buf, size_t n)
{
    (void)cookie;
    size_t done = 0;
    while (done < n) {
        ssize_t w = write(STDOUT_FILENO, buf + done, n - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            out_died(w < 0 ? errno : EIO);
        done += (size_t)w;
    }
    return (ssize_t)n;
}

static int out_close(void *cookie)
{
    (void)cookie;
    /* closed before we started (catchup ... >&-) and never written: fine */
    if (close(STDOUT_FILENO) < 0 && errno != EBADF)
        return -1;
    return 0;
}

void cli_out_init(void)
{
    cookie_io_functions_t io = {.write = out_write, .close = out_close};
    FILE *f = fopencookie(NULL, "w", io);
    if (!f)
        return; /* stdio's own stdout, unchecked, rather than none */
    setvbuf(f, NULL, isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF, BUFSIZ);
    stdout = f;
}

int cli_out_close(int rc)
{
    /* the last buffer is written here: out_write dies on a failure */
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout))
        out_died(errno ? errno : EIO);
    if (fclose(stdout) != 0) {
        fprintf(stderr, "catchup: cannot write the output: %s\n", strerror(errno));
        return CU_EXIT_FAIL;
    }
    stdout = NULL;
    return rc;
}

void cli_json_begin(struct cli_json_array *ja)
{
    ja->n = 0;
}

void cli_json_next(struct cli_json_array *ja)
{
    fputs(ja->n++ ? ",\n  " : "[\n  ", stdout);
}

void cli_json_add(struct cli_json_array *ja, json_t *item)
{
    char *s = json_dumps(item, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(item);
    cli_json_next(ja);
    /* indented one level, as inside a whole array: a newline in the dump is
     * always layout (strings have theirs escaped) */
    for (const char *p = s ? s : "null"; *p;) {
        size_t n = strcspn(p, "\n");
        fwrite(p, 1, n, stdout);
        p += n;
        if (*p) {
            fputs("\n  ", stdout);
            p++;
        }
    }
    free(s);
}

void cli_json_end(struct cli_json_array *ja)
{
    fputs(ja->n ? "\n]\n" : "[]\n", stdout);
}
