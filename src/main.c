/* main.c: start-up: locale, options, config, cache, then a command or the
 * TUI.  Exit codes: 0 success, 1 a source or lookup failed, 2 bad usage or
 * bad config. */
#define _GNU_SOURCE
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catchup/app.h"
#include "catchup/cli.h"
#include "catchup/http.h"
#include "catchup/ui.h"
#include "catchup/url.h"

static void setup_locale(void)
{
    setlocale(LC_ALL, "");
    /* Widths and ncursesw need a UTF-8 character type even under LANG=C. */
    if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
        setlocale(LC_CTYPE, "C.UTF-8");
}

static int list_groups(const struct config *c, char *out, size_t n)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < c->ngroups && used < n; i++)
        used += (size_t)snprintf(out + used, n - used, "%s%s", i ? ", " : "", c->groups[i].key);
    return 0;
}

int main(int argc, char **argv)
{
    setup_locale();
    signal(SIGPIPE, SIG_IGN);
    struct cli_opts o;
    struct cu_err e;
    if (cli_parse(argc, argv, &o, &e) < 0) {
        fprintf(stderr, "catchup: %s\n", e.msg);
        fprintf(stderr, "Try 'catchup --help' for more information.\n");
        strv_free(&o.args);
        return CU_EXIT_USAGE;
    }
    /* Everything but the TUI prints through a checked stdout. */
    bool checked_out = o.cmd || o.help || o.version || o.list_keys || o.list_commands ||
                       o.list_config || o.reset_cache;
    if (checked_out)
        cli_out_init();
    if (o.help || o.version || o.list_commands || o.list_config) {
        if (o.list_commands)
            cli_list_commands(stdout, o.list_commands);
        else if (o.list_config)
            config_list_keys(stdout, o.list_config);
        else if (o.help && o.cmd)
            cli_command_usage(stdout, o.cmd);
        else if (o.help)
            cli_usage(stdout);
        else
            printf("catchup %s\n", CATCHUP_VERSION);
        strv_free(&o.args);
        return cli_out_close(CU_EXIT_OK);
    }
    struct app a = {.opts = &o, .token = cu_github_token(), .offline = o.offline};
    int rc = CU_EXIT_OK;
    if (config_load(&a.cfg, o.config_path, &e) < 0) {
        fprintf(stderr, "catchup: %s\n", e.msg);
        strv_free(&o.args);
        return checked_out ? cli_out_close(CU_EXIT_USAGE) : CU_EXIT_USAGE;
    }
    if (ui_check_keys(&a.cfg, &e) < 0) {
        fprintf(stderr, "catchup: %s\n", e.msg);
        rc = CU_EXIT_USAGE;
        goto out;
    }
    if (o.list_keys) {
        ui_list_keys(stdout, o.list_keys);
        goto out;
    }
    a.cache_path = store_default_path();
    if (!a.cache_path) {
        fprintf(stderr,
                "catchup: neither XDG_CACHE_HOME nor HOME is set: cannot place the cache\n");
        rc = CU_EXIT_USAGE;
        goto out;
    }
    if (o.reset_cache) {
        char *moved = NULL;
        if (store_reset(a.cache_path, &moved, &e) < 0) {
            fprintf(stderr, "catchup: %s\n", e.msg);
            rc = CU_EXIT_FAIL;
        } else {
            printf("moved the cache aside to %s; the next refresh starts a fresh one\n", moved);
            free(moved);
        }
        if (!o.cmd)
            goto out;
    }
    a.group = config_group(&a.cfg, o.group);
    if (!a.group) {
        char names[256];
        list_groups(&a.cfg, names, sizeof(names));
        fprintf(stderr, "catchup: no group '%s' in %s (groups: %s)\n", o.group ? o.group : "",
                a.cfg.file ? a.cfg.file : "the built-in config", names);
        rc = CU_EXIT_USAGE;
        goto out;
    }
    /* Where the network is used, a token must not go out unencrypted. */
    if ((!o.cmd || cli_uses_network(&o)) && a.token && *a.token && !a.cfg.allow_insecure &&
        http_url_plain_remote(a.cfg.api)) {
        char *host = url_host_dup(a.cfg.api);
        fprintf(stderr,
                "catchup: %s: api is plain http to %s: the token would travel unencrypted; use "
                "https, or set allow_insecure = true under [github]\n",
                a.cfg.api_where ? a.cfg.api_where : "the config", host ? host : "another host");
        free(host);
        rc = CU_EXIT_USAGE;
        goto out;
    }
    rc = o.cmd ? cli_run(&a) : ui_main(&a);
out:
    if (a.store)
        store_close(a.store);
    free(a.cache_path);
    config_free(&a.cfg);
    strv_free(&o.args);
    return checked_out ? cli_out_close(rc) : rc;
}
