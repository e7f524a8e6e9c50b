/* view_events.c: the Events pane. */
#define _GNU_SOURCE
#include "ui/uiint.h"

struct view *events_pane_new(struct ui *ui)
{
    const struct group *g = ui->group;
    return soon_new("Upcoming meetings and events, in your time zone, will appear here.",
                    xasprintf("config: calendar = %s", g->calendars.n ? g->calendars.v[0] : "URL"));
}
