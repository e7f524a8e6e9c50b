/* fuzz_linkheader.c: libFuzzer entry for fuzz_linkheader (see targets.h). */
#include "targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_linkheader(data, size);
    return 0;
}
