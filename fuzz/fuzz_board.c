/* fuzz_board.c: libFuzzer entry for fuzz_board (see targets.h). */
#include "targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_board(data, size);
    return 0;
}
