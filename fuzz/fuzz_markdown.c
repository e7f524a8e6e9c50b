/* fuzz_markdown.c: libFuzzer entry for fuzz_markdown (see targets.h). */
#include "targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_markdown(data, size);
    return 0;
}
