/* schema_search.h: full-text search and Start-here state (migration 3 -> 4).
 *
 * posts_fts indexes each post's title, description and plain text (the
 * rendered body without Markdown syntax or URLs) as an external-content
 * FTS5 table over posts, kept in step by triggers: whatever writes posts
 * inside a refresh transaction updates the index in that transaction.
 * board_fts does the same for board items' titles, labels and bodies.
 * posts_updated finds what changed since a visit without a walk over posts.
 * post_counts keeps each group's number of posts (triggers), so the Posts
 * pane's "1/N" costs the same at 10,000 weeks as at 10.
 * pages holds single pages (the group's onboarding page). */
#ifndef CATCHUP_SCHEMA_SEARCH_H
#define CATCHUP_SCHEMA_SEARCH_H

#define SCHEMA_SEARCH                                                                      \
    "CREATE VIRTUAL TABLE posts_fts USING fts5(title, description, text,"                  \
    "  content = 'posts', content_rowid = 'rowid',"                                        \
    "  tokenize = 'unicode61 remove_diacritics 2');"                                       \
    "CREATE TRIGGER posts_fts_ai AFTER INSERT ON posts BEGIN"                              \
    "  INSERT INTO posts_fts (rowid, title, description, text)"                            \
    "  VALUES (new.rowid, new.title, new.description, new.text);"                          \
    "END;"                                                                                 \
    "CREATE TRIGGER posts_fts_ad AFTER DELETE ON posts BEGIN"                              \
    "  INSERT INTO posts_fts (posts_fts, rowid, title, description, text)"                 \
    "  VALUES ('delete', old.rowid, old.title, old.description, old.text);"                \
    "END;"                                                                                 \
    "CREATE TRIGGER posts_fts_au AFTER UPDATE OF title, description, text ON posts BEGIN"  \
    "  INSERT INTO posts_fts (posts_fts, rowid, title, description, text)"                 \
    "  VALUES ('delete', old.rowid, old.title, old.description, old.text);"                \
    "  INSERT INTO posts_fts (rowid, title, description, text)"                            \
    "  VALUES (new.rowid, new.title, new.description, new.text);"                          \
    "END;"                                                                                 \
    "INSERT INTO posts_fts (posts_fts) VALUES ('rebuild');"                                \
    "CREATE VIRTUAL TABLE board_fts USING fts5(title, labels, body,"                       \
    "  content = 'board_items', content_rowid = 'rowid',"                                  \
    "  tokenize = 'unicode61 remove_diacritics 2');"                                       \
    "CREATE TRIGGER board_fts_ai AFTER INSERT ON board_items BEGIN"                        \
    "  INSERT INTO board_fts (rowid, title, labels, body)"                                 \
    "  VALUES (new.rowid, new.title, new.labels, new.body);"                               \
    "END;"                                                                                 \
    "CREATE TRIGGER board_fts_ad AFTER DELETE ON board_items BEGIN"                        \
    "  INSERT INTO board_fts (board_fts, rowid, title, labels, body)"                      \
    "  VALUES ('delete', old.rowid, old.title, old.labels, old.body);"                     \
    "END;"                                                                                 \
    "CREATE TRIGGER board_fts_au AFTER UPDATE OF title, labels, body ON board_items BEGIN" \
    "  INSERT INTO board_fts (board_fts, rowid, title, labels, body)"                      \
    "  VALUES ('delete', old.rowid, old.title, old.labels, old.body);"                     \
    "  INSERT INTO board_fts (rowid, title, labels, body)"                                 \
    "  VALUES (new.rowid, new.title, new.labels, new.body);"                               \
    "END;"                                                                                 \
    "INSERT INTO board_fts (board_fts) VALUES ('rebuild');"                                \
    "CREATE INDEX posts_updated ON posts (grp, updated_at);"                               \
    "CREATE TABLE post_counts (grp TEXT PRIMARY KEY, n INTEGER NOT NULL);"                 \
    "INSERT INTO post_counts (grp, n) SELECT grp, count(*) FROM posts GROUP BY grp;"       \
    "CREATE TRIGGER posts_count_ai AFTER INSERT ON posts BEGIN"                            \
    "  INSERT INTO post_counts (grp, n) VALUES (new.grp, 1)"                               \
    "  ON CONFLICT (grp) DO UPDATE SET n = n + 1;"                                         \
    "END;"                                                                                 \
    "CREATE TRIGGER posts_count_ad AFTER DELETE ON posts BEGIN"                            \
    "  UPDATE post_counts SET n = n - 1 WHERE grp = old.grp;"                              \
    "END;"                                                                                 \
    "CREATE TABLE pages (grp TEXT NOT NULL, name TEXT NOT NULL, title TEXT, body TEXT,"    \
    "  url TEXT, base_url TEXT, sha TEXT, fetched_at INTEGER, PRIMARY KEY (grp, name));"

#endif
