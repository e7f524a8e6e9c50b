/* fuzz_listing.c: libFuzzer entry for fuzz_listing (see targets.h). */
#include "targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_listing(data, size);
    return 0;
}
