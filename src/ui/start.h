/* start.h: what the Start here pane asks of the board and events: each
 * appends a Markdown section to b, or nothing when it has nothing to say. */
#ifndef CATCHUP_UI_START_H
#define CATCHUP_UI_START_H

#include "ui/uiint.h"

/* "## Next meeting": the next occurrence from the agenda, local time, join link. */
void start_next_meeting(struct ui *ui, struct buf *b);
/* "## Issues that want help": open board items labelled help wanted or good first issue. */
void start_help_wanted(struct ui *ui, struct buf *b);

#endif
