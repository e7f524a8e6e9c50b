/* browser.c: see browser.h. */
#define _GNU_SOURCE
#include "catchup/browser.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

static void split(const char *cmd, const char *url, struct strv *argv)
{
    bool substituted = false;
    const char *p = cmd;
    while (*p) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        const char *s = p;
        while (*p && *p != ' ' && *p != '\t')
            p++;
        char *arg = xstrndup(s, (size_t)(p - s));
        char *pct = strstr(arg, "%s");
        if (pct) {
            char *with = xasprintf("%.*s%s%s", (int)(pct - arg), arg, url, pct + 2);
            free(arg);
            arg = with;
            substituted = true;
        }
        strv_push_take(argv, arg);
    }
    if (argv->n && !substituted)
        strv_push(argv, url);
}

int browser_open(const char *configured, const char *url, struct cu_err *e)
{
    if (!str_is_http_url(url)) {
        bool web = !strncasecmp(url, "http://", 7) || !strncasecmp(url, "https://", 8);
        char shown[128];
        size_t k = 0;
        for (const unsigned char *p = (const unsigned char *)url; *p && k < sizeof(shown) - 4; p++)
            shown[k++] = (*p < 0x20 || *p == 0x7f) ? '?' : (char)*p;
        shown[k] = '\0';
        return cu_errf(e,
                       web ? "not opening '%s': a link with spaces or control characters is "
                             "not well-formed"
                           : "not opening '%s': only http and https links are opened",
                       shown);
    }
    char *cmd = NULL;
    if (configured && *configured) {
        cmd = xstrdup(configured);
    } else if (getenv("BROWSER") && *getenv("BROWSER")) {
        cmd = xstrdup(getenv("BROWSER"));
        char *colon = strchr(cmd, ':');
        if (colon)
            *colon = '\0';
    } else {
        cmd = xstrdup("xdg-open");
    }
    struct strv argv = {0};
    split(cmd, url, &argv);
    if (!argv.n) {
        free(cmd);
        return cu_errf(e, "no browser command: set [ui] browser or BROWSER");
    }
    strv_push_take(&argv, NULL);
    argv.n--;

    /* The grandchild reports a failed exec through this pipe; a successful
     * exec closes it (O_CLOEXEC), so the parent reads EOF. */
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) < 0) {
        strv_free(&argv);
        free(cmd);
        return cu_errf(e, "cannot start the browser: %s", strerror(errno));
    }
    pid_t pid = fork();
    if (pid < 0) {
        int err = errno;
        close(fds[0]);
        close(fds[1]);
        strv_free(&argv);
        free(cmd);
        return cu_errf(e, "cannot start the browser: %s", strerror(err));
    }
    if (pid == 0) {
        close(fds[0]);
        setsid();
        if (fork() != 0)
            _exit(0);
        int devnull = open("/dev/null", O_RDWR);
        if (devnull >= 0) {
            dup2(devnull, 0);
            dup2(devnull, 1);
            dup2(devnull, 2);
            if (devnull > 2)
                close(devnull);
        }
        signal(SIGPIPE, SIG_DFL);
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        execvp(argv.v[0], argv.v);
        int err = errno;
        ssize_t w = write(fds[1], &err, sizeof(err));
        (void)w;
        _exit(127);
    }
    close(fds[1]);
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    int child_err = 0;
    ssize_t n;
    while ((n = read(fds[0], &child_err, sizeof(child_err))) < 0 && errno == EINTR)
        ;
    close(fds[0]);
    int rc = 0;
    if (n == (ssize_t)sizeof(child_err)) {
        if (child_err == ENOENT)
            rc = cu_errf(e, "no browser found ('%s' is not installed): set [ui] browser or BROWSER",
                         argv.v[0]);
        else
            rc = cu_errf(e, "cannot run the browser '%s': %s", argv.v[0], strerror(child_err));
    }
    strv_free(&argv);
    free(cmd);
    return rc;
}
