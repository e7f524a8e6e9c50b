/* cmd_open.c: catchup open ID [--recording|--issue|--slack|--link N]: the
 * post or one of its links in the browser. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catchup/browser.h"
#include "catchup/postview.h"
#include "cli_int.h"

static const char *kind_word(enum open_kind k)
{
    switch (k) {
    case OPEN_RECORDING: return "recording";
    case OPEN_ISSUE: return "issue";
    case OPEN_SLACK: return "Slack";
    default: return "link";
    }
}

int cli_open(struct app *a)
{
    if (cli_open_store(a, STORE_RW_OR_RO) < 0)
        return CU_EXIT_FAIL;
    struct post p;
    struct doc *d;
    if (cli_load_post(a, &p, &d) < 0)
        return CU_EXIT_FAIL;
    const char *url = NULL;
    enum open_kind k = a->opts->open_kind;
    int n = 0;
    switch (k) {
    case OPEN_POST:
        url = p.url;
        if (!url)
            fprintf(stderr, "catchup: %s has no web address (a local post); try --link N\n", p.id);
        break;
    case OPEN_RECORDING: n = postview_first_link(d, LINK_RECORDING); break;
    case OPEN_ISSUE:
        n = postview_first_link(d, LINK_ISSUE);
        if (!n)
            n = postview_first_link(d, LINK_PR);
        break;
    case OPEN_SLACK:
        n = postview_first_link(d, LINK_SLACK);
        if (!n && a->group->slack.n)
            url = a->group->slack.v[0];
        break;
    case OPEN_LINK:
        n = a->opts->link_n;
        if ((size_t)n > doc_nlinks(d)) {
            fprintf(stderr, "catchup: %s has %zu links; 'catchup show %s' numbers them\n", p.id,
                    doc_nlinks(d), p.id);
            n = 0;
            k = OPEN_POST; /* already reported */
        }
        break;
    }
    if (n)
        url = doc_link_at(d, (size_t)n - 1)->url;
    int rc = CU_EXIT_FAIL;
    if (!url && k != OPEN_POST && k != OPEN_LINK) {
        fprintf(stderr, "catchup: %s mentions no %s; 'catchup show %s' lists its links\n", p.id,
                kind_word(k), p.id);
    } else if (url) {
        struct cu_err e;
        if (browser_open(a->cfg.browser, url, &e) < 0) {
            fprintf(stderr, "catchup: %s\n", e.msg);
        } else {
            fprintf(stderr, "Opening ");
            cli_put_safe(stderr, url);
            fprintf(stderr, " in your browser.\n");
            rc = CU_EXIT_OK;
        }
    }
    doc_free(d);
    post_free(&p);
    return rc;
}
