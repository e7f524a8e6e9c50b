/* text.h: UTF-8 decoding, display widths and terminal safety.
 *
 * Everything catchup shows comes from the network, so every string that may
 * reach the terminal goes through text_sanitize() first; the width helpers
 * then assume sanitized input (valid UTF-8, no controls).
 *
 * None of these functions fail: allocations go through xmalloc (which exits
 * on OOM), and returned strings are owned by the caller.  Nothing here calls
 * setlocale(); text_cp_width() only reads the locale main() has set. */
#ifndef CATCHUP_TEXT_H
#define CATCHUP_TEXT_H

#include <stddef.h>
#include <stdint.h>

enum { TEXT_KEEP_NEWLINES = 1, TEXT_KEEP_TABS = 2 };

/* Returns a new string (caller frees) holding s[0..n) made safe for a terminal:
 * valid UTF-8 only (each invalid byte becomes U+FFFD), ESC-introduced sequences
 * removed whole (CSI `ESC [ ... final 0x40-0x7E`, OSC `ESC ] ... BEL or ESC \`
 * incl. OSC 52, DCS/SOS/PM/APC `ESC P|X|^|_ ... ESC \`, and 2-byte ESC x), the
 * C1 forms of those (U+009B CSI, U+009D OSC, U+0090 DCS ... U+009C ST) removed
 * whole, all other C0 controls (incl. BEL, BS, CR, NUL), DEL and C1 controls
 * U+0080..U+009F removed; '\n' kept only with TEXT_KEEP_NEWLINES (else becomes
 * a space); '\t' kept with TEXT_KEEP_TABS (else becomes a space).  Also
 * removes U+202A..U+202E, U+2066..U+2069 (bidi overrides).  An unterminated
 * OSC/DCS/SOS/PM/APC string is removed up to the end of the input, as a
 * terminal would swallow it.  Never fails; s may be NULL when n is 0. */
char *text_sanitize(const char *s, size_t n, unsigned flags);
/* Makes t one line in place: each run of blanks (space, tab, newline) one
 * space, none at either end.  Returns t, or NULL (t freed) when nothing is
 * left. */
char *text_one_line(char *t);

/* Decodes one UTF-8 code point at s (n bytes available, n >= 1); returns
 * bytes consumed (>= 1); *cp = 0xFFFD for an invalid sequence (overlong,
 * surrogate, > U+10FFFF, truncated, stray continuation), consuming 1 byte. */
size_t text_decode(const char *s, size_t n, uint32_t *cp);
/* Writes the code point cp (at most U+10FFFF) as UTF-8 into out; returns
 * its length, 1 to 4. */
size_t text_encode(uint32_t cp, char out[4]);

/* The length of the HTML character reference at s (n bytes available):
 * '&' up to its ';' within 40 bytes and without a space or '&' between; 0
 * when s starts none. */
size_t text_entity_len(const char *s, size_t n);
/* s[0..n) is a character reference ("&amp;", "&mdash;", "&#8212;",
 * "&#x2014;").  Returns a new, sanitized string: the character, or the
 * reference as written when it names none this knows.  A numeric one to 0,
 * a surrogate or past U+10FFFF is U+FFFD; one to a control or a bidi
 * override vanishes in the sanitizer rather than reaching the terminal. */
char *text_entity_decode(const char *s, size_t n);
/* The code point of the numeric character reference s[0..n) ("&#8212;",
 * "&#x2014;"; U+FFFD for one to 0, a surrogate or past U+10FFFF), or 0 when
 * s[0..n) is not one.  The one reading of them: text_entity_decode uses it. */
uint32_t text_numeric_ref(const char *s, size_t n);

/* Display columns of one code point: 0 for combining marks/zero-width and
 * controls, 2 for wide (CJK, emoji), 1 otherwise.  Uses wcwidth() when the
 * current locale is UTF-8 and a built-in table (generated from glibc 2.36's
 * C.UTF-8 data) otherwise, so the answer does not depend on LANG. */
int text_cp_width(uint32_t cp);

/* Display columns of a (sanitized) UTF-8 string. */
int text_width(const char *s);

/* Longest prefix of s fitting in cols columns, never splitting a code point
 * or a wide char (zero-width marks right after the cut stay with their base);
 * returns its byte length and sets *used (if non-NULL) to its width. */
size_t text_fit(const char *s, int cols, int *used);
/* text_fit() for the n bytes at s, which need not end in a NUL. */
size_t text_fit_n(const char *s, size_t n, int cols, int *used);

/* New string: s cut to at most cols columns with "…" as the last column when
 * cut; caller frees.  cols <= 0 gives "". */
char *text_truncate(const char *s, int cols);

/* The first line of (sanitized) s word-wrapped at cols columns: returns
 * the byte length of all of s when it fits, else of the longest prefix that
 * fits and ends before a space (trailing spaces not counted); a word wider
 * than cols is cut at cols (at least one code point is taken).  *next is
 * where the next line starts (past the spaces at the break), the end of s
 * after the last line. */
size_t text_wrap_line(const char *s, int cols, const char **next);

/* New string: s padded with spaces (or truncated with …) to exactly cols
 * columns (cols <= 0 gives ""); caller frees. */
char *text_pad(const char *s, int cols);

#endif
