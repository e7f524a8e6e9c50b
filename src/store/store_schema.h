/* store_schema.h: the cache's schema as a list of migrations.
 * store_migrations[v] upgrades a cache from version v to v + 1; a released
 * migration is never edited, only followed by a new one. */
#ifndef CATCHUP_STORE_SCHEMA_H
#define CATCHUP_STORE_SCHEMA_H

/* Each feature keeps its tables in its own header. */
#include "schema_board.h"
#include "schema_events.h"
#include "schema_search.h"

static const char *const store_migrations[] = {
    /* 0 -> 1: posts, validators, source status */
    "CREATE TABLE posts ("
    "  grp TEXT NOT NULL, id TEXT NOT NULL, path TEXT, sha TEXT,"
    "  title TEXT NOT NULL, description TEXT, type TEXT,"
    "  date TEXT, date_source TEXT, url TEXT, base_url TEXT, weight INTEGER,"
    "  sort_day TEXT NOT NULL, sort_weight INTEGER NOT NULL, body TEXT NOT NULL, text TEXT,"
    "  first_seen INTEGER NOT NULL, updated_at INTEGER NOT NULL, read_at INTEGER,"
    "  PRIMARY KEY (grp, id));"
    "CREATE INDEX posts_order ON posts (grp, sort_day DESC, sort_weight, id);"
    "CREATE TABLE etags (url TEXT PRIMARY KEY, etag TEXT NOT NULL, stored_at INTEGER);"
    "CREATE TABLE sources (grp TEXT NOT NULL, source TEXT NOT NULL, last_ok INTEGER,"
    "  last_try INTEGER, error TEXT, PRIMARY KEY (grp, source));"
    "CREATE TABLE ratelimit (host TEXT PRIMARY KEY, remaining INTEGER, reset INTEGER,"
    "  updated INTEGER);"
    "CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT);",
    /* 1 -> 2: the board and the issues posts link to */
    SCHEMA_BOARD,
    /* 2 -> 3: events */
    SCHEMA_EVENTS,
    /* 3 -> 4: full-text search, the onboarding page, visits */
    SCHEMA_SEARCH,
    /* 4 -> 5: why a post's front matter could not be read (the post is kept
     * and shown without it) */
    "ALTER TABLE posts ADD COLUMN fm_error TEXT;",
    /* 5 -> 6: events' CONFERENCE links */
    SCHEMA_EVENTS_CONFERENCE,
    /* 6 -> 7: how a source's last attempt ended (failed, unreachable,
     * warning) and when it first worked: what that first refresh stored is
     * the group's baseline, not news.  Caches from before take the oldest
     * first_seen of what the source stored. */
    "ALTER TABLE sources ADD COLUMN outcome TEXT;"
    "ALTER TABLE sources ADD COLUMN first_ok INTEGER;"
    "UPDATE sources SET outcome = 'failed' WHERE error IS NOT NULL;"
    "UPDATE sources SET first_ok = CASE WHEN last_ok > 0 THEN coalesce(CASE source"
    "  WHEN 'posts' THEN (SELECT min(first_seen) FROM posts p WHERE p.grp = sources.grp)"
    "  WHEN 'board' THEN (SELECT min(first_seen) FROM board_items b WHERE b.grp = sources.grp)"
    "  WHEN 'events' THEN (SELECT min(first_seen) FROM occurrences o WHERE o.grp = sources.grp)"
    "  END, last_ok) END;",
    /* 7 -> 8: linked issues that were not found */
    SCHEMA_BOARD_GONE,
    /* 8 -> 9: a post's date by each rule (front matter, file or folder name,
     * first commit: '' when asked and there was none), and why a front
     * matter date was not used */
    "ALTER TABLE posts ADD COLUMN date_fm TEXT;"
    "ALTER TABLE posts ADD COLUMN date_name TEXT;"
    "ALTER TABLE posts ADD COLUMN date_commit TEXT;"
    "ALTER TABLE posts ADD COLUMN date_note TEXT;"
    "UPDATE posts SET date_fm = date WHERE date_source = 'front matter';"
    "UPDATE posts SET date_commit = date WHERE date_source = 'commit';",
    /* 9 -> 10: feeds: a post's body may be HTML; a feed's Last-Modified */
    "ALTER TABLE posts ADD COLUMN format TEXT;"
    "ALTER TABLE etags ADD COLUMN last_modified TEXT;",
    /* 10 -> 11: which of the group's posts sources a post came from (its
     * spec; NULL: from before, claimed by the first file source) and the
     * short badge shown beside it */
    "ALTER TABLE posts ADD COLUMN src TEXT;"
    "ALTER TABLE posts ADD COLUMN badge TEXT;",
};

#define STORE_SCHEMA_VERSION ((int)(sizeof(store_migrations) / sizeof(store_migrations[0])))

#endif
