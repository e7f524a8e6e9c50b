/* targets.h: the fuzz targets' bodies.  Each takes any bytes and must not
 * crash, leak or trip a sanitizer.  libFuzzer drives them (fuzz/fuzz_*.c,
 * make fuzz); tests/unit/test_fuzz_regress.c replays saved inputs
 * (tests/data/fuzz/TARGET/) through them in make check. */
#ifndef CATCHUP_FUZZ_TARGETS_H
#define CATCHUP_FUZZ_TARGETS_H

#include <stddef.h>
#include <stdint.h>

struct fuzz_target {
    const char *name;
    void (*run)(const uint8_t *data, size_t size);
};

/* NULL-terminated list. */
extern const struct fuzz_target fuzz_targets[];

void fuzz_frontmatter(const uint8_t *data, size_t size);
void fuzz_markdown(const uint8_t *data, size_t size);
void fuzz_listing(const uint8_t *data, size_t size);
void fuzz_linkheader(const uint8_t *data, size_t size);
void fuzz_text(const uint8_t *data, size_t size);
void fuzz_ical(const uint8_t *data, size_t size);
void fuzz_postevents(const uint8_t *data, size_t size);
void fuzz_board(const uint8_t *data, size_t size);
void fuzz_feed(const uint8_t *data, size_t size);
void fuzz_issues(const uint8_t *data, size_t size);

#endif
