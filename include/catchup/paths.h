/* paths.h: where catchup's files live, from XDG_CONFIG_HOME,
 * XDG_CACHE_HOME and HOME (the XDG base directory rules), in one place. */
#ifndef CATCHUP_PATHS_H
#define CATCHUP_PATHS_H

/* $XDG_CONFIG_HOME/catchup/REL, else ~/.config/catchup/REL; NULL when
 * neither variable is set.  Caller frees. */
char *paths_config(const char *rel);
/* $XDG_CACHE_HOME/catchup/REL, else ~/.cache/catchup/REL; NULL when neither
 * is set.  Caller frees. */
char *paths_cache(const char *rel);
/* Expands a leading "~/" (or a lone "~") with $HOME; caller frees. */
char *expand_home(const char *path);

#endif
