/* ui.h: the terminal UI's entry points (the only curses user). */
#ifndef CATCHUP_UI_H
#define CATCHUP_UI_H

#include <stdio.h>

#include "catchup/app.h"

/* Runs the TUI until the user quits; returns the exit code. */
int ui_main(struct app *a);
/* Checks the config's [keys] section; -1 with e = "FILE:LINE: ..." when bad. */
int ui_check_keys(const struct config *c, struct cu_err *e);
/* Prints the key table ("roff" for the man page, "text" for users). */
void ui_list_keys(FILE *fp, const char *format);

#endif
