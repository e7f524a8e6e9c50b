/* links.h: what a URL in a post points at (a recording, an issue, ...).
 *
 * Classification looks only at the scheme, the host (case-insensitive, with
 * any userinfo and port removed, so "https://youtube.com@evil.com/watch" is
 * evil.com) and the path.  Only http and https URLs classify as anything but
 * LINK_OTHER.  Nothing here allocates or fails. */
#ifndef CATCHUP_LINKS_H
#define CATCHUP_LINKS_H

#include <stdbool.h>
#include <stddef.h>

enum link_kind {
    LINK_RECORDING,
    LINK_ISSUE,
    LINK_PR,
    LINK_SLACK,
    LINK_BOARD,
    LINK_DOC,
    LINK_OTHER
};

/* "recording", "issue", "pr", "slack", "board", "doc", "other" (static
 * strings; "other" for an out-of-range value). */
const char *link_kind_name(enum link_kind k);

/* recording: youtube.com (www., m.) /watch, /live/, /shorts/, /embed/;
 *            youtu.be/X; vimeo.com/N; zoom.us/rec/ and *.zoom.us/rec/
 * issue:     github.com/O/R/issues/N      pr: github.com/O/R/pull/N
 * slack:     slack.com, *.slack.com
 * board:     github.com/orgs/O/projects/N, github.com/users/U/projects/N
 * doc:       docs.google.com/(document|presentation|spreadsheets|forms)/...,
 *            drive.google.com
 * other:     everything else, including NULL. */
enum link_kind link_classify(const char *url);

/* For https://github.com/OWNER/REPO/issues/N or /pull/N (optionally with
 * #fragment, ?query, trailing slash): returns true and fills owner_repo
 * ("cncf/tag-runtime", NUL-terminated) and number.  Returns false and leaves
 * the outputs untouched for anything else, or when "OWNER/REPO" does not fit
 * in cap bytes. */
bool link_github_issue(const char *url, char *owner_repo, size_t cap, int *number);

/* The video-call service a join link url is on, or NULL when it is none:
 *   "Zoom":        zoom.us and *.zoom.us /j/, /my/, /s/, /w/, /wc/, /meeting/...
 *                  (not /rec/: a recording); LFX's Zoom,
 *                  zoom-lfx.platform.linuxfoundation.org/meeting/ID (not its
 *                  .../summaries or .../recordings pages)
 *   "Google Meet": meet.google.com/CODE
 *   "Teams":       teams.microsoft.com/l/meetup-join/..., .../meet/...,
 *                  teams.live.com/meet/...
 *   "Jitsi":       meet.jit.si/ROOM, 8x8.vc/.../ROOM
 *   "Webex":       *.webex.com/meet/..., /join/..., .../j.php
 * A service's front page is no join link.  Static strings. */
const char *link_video_call(const char *url);

#endif
