/* postevents.h: the events a weekly post names in its "Events" section.
 *
 * Pure: Markdown text in, entries out; no store, no network.  The section is
 * the one under a heading whose text contains "Event" ("Events and
 * Participation", "Upcoming Events and Participation"), up to the next
 * heading of the same or a higher level.  Inside it:
 *   - each top-level bullet ("- ", "* ", "+ ", "1. ") is an entry; its title
 *     is the bold lead ("**Meta LLaMa Hackathon**: ..."), else the text before
 *     a colon, else its first clause;
 *   - a sub-heading ("### AI_Dev Summit") is an entry with the paragraphs under
 *     it, unless it holds bullets, which are then the entries;
 *   - plain paragraphs directly under the section heading are not entries.
 * The first link of an entry ([text](url), <url> or a bare http(s) URL) is its
 * URL.  A date in its text ("May 11", "August 21st", "28 May 2024",
 * "June 12-13", "2024-06-12") is read, a year-less one in the year of the
 * post's date, or the next year when that would put it more than half a year
 * before the post.  Code blocks are skipped.  Never fails. */
#ifndef CATCHUP_POSTEVENTS_H
#define CATCHUP_POSTEVENTS_H

#include "catchup/util.h"

struct post_event {
    char *title;       /* plain text, terminal-safe, never empty */
    char *url;         /* http(s), or NULL */
    char *text;        /* the entry's Markdown as written (bullet marker removed) */
    char date[11];     /* "YYYY-MM-DD" when a date was read, else "" */
    char end_date[11]; /* last day of a range ("June 12-13"), inclusive, else "" */
};

/* Extracts the entries of md (a post body without front matter; any bytes).
 * post_date ("YYYY-MM-DD...", may be NULL) anchors dates without a year; with
 * none, only dates that carry their year are read.  Returns the number of
 * entries; *out (caller frees with post_events_free) is NULL when there are
 * none. */
size_t post_events_extract(const char *md, const char *post_date, struct post_event **out);
void post_events_free(struct post_event *v, size_t n);

/* The Monday ("YYYY-MM-DD") of the week a post covers: the week of the last
 * day the dated part in parentheses of its title names ("This Week in CN AI
 * (13-17 May 2024)": 17 May, so 13 May), else of its date.  Returns false
 * (out "") when neither gives one. */
bool post_week_start(const char *title, const char *post_date, char out[11]);
/* Which week a post covers, for "mentioned in ...", in one format: "week of
 * 13 May 2024" (the Monday of post_week_start, also put in monday unless it
 * is NULL), else its title, else "an earlier post".  Caller frees. */
char *post_week_label(const char *title, const char *post_date, char monday[11]);

/* Whether an entry is worth listing as an event: it names a date (date is
 * not ""), or its title names a kind of event, as a word or its plural:
 * conference, conf, summit, KubeCon, CloudNativeCon, KCD, meetup, hackathon,
 * community day, workshop, webinar, symposium, forum, expo, keynote, panel,
 * FOSDEM, PyCon, devroom, bootcamp.  "Working Group Meetings" and "Check
 * upcoming events here" are none. */
bool post_event_is_event(const char *title, const char *date);

#endif
