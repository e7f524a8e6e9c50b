/* browser.h: opening a URL in the user's browser without blocking and
 * without a shell.
 *
 * Only http and https URLs without spaces or control characters are opened.
 * The browser command comes from [ui] browser, else $BROWSER (the first
 * entry of a ':' list), else xdg-open.  It is split on white space (no shell
 * quoting, no expansion); an argument "%s" is replaced by the URL, otherwise
 * the URL is appended as one argument.  The browser runs detached (its own
 * session, stdio on /dev/null), so a slow browser never holds the UI. */
#ifndef CATCHUP_BROWSER_H
#define CATCHUP_BROWSER_H

#include "catchup/util.h"

/* Returns 0 once the browser has been started, -1 with e set when the URL
 * is refused or the command cannot be run ("no browser: set BROWSER ..."). */
int browser_open(const char *configured, const char *url, struct cu_err *e);

#endif
