/* fuzz_frontmatter.c: libFuzzer entry for fuzz_frontmatter (see targets.h). */
#include "targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_frontmatter(data, size);
    return 0;
}
