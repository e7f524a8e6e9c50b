/* git_dates.h: first-commit dates from a local clone's history (libgit2).
 *
 * The posts of a local folder that name no date get the date of the
 * commit that added them, as GitHub's commits API gives for a repository
 * there.  One walk of the history, oldest first, looking only at commits
 * that changed the folder; it stops once every file is dated, and soon
 * after cu_cancelled(). */
#ifndef CATCHUP_GIT_DATES_H
#define CATCHUP_GIT_DATES_H

#include "catchup/util.h"

/* For each of the n paths rels (relative to dir, '/'-separated), dates[i]
 * becomes the committer date of the first commit that added it
 * ("2026-06-02T09:00:00Z"), or "" when no commit has it (caller frees
 * each).  Returns 1 when dir is in a git work tree and its history was
 * read, 0 when it is not a clone (dates untouched), -1 with e set when the
 * repository could not be read. */
int git_first_dates(const char *dir, char *const *rels, size_t n, char **dates, struct cu_err *e);

#endif
