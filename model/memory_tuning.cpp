#include "memory_tuning.h"

#include <cstdlib> // defines __GLIBC__ on glibc systems

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace attnlab::model {

void keepFreedMemoryForReuse()
{
#if defined(__GLIBC__)
    // Serve blocks up to 32 MiB (glibc's maximum for this setting) from the heap instead of fresh mmap()s, and
    // never trim the heap's top: the next trace reuses pages that are already mapped.
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, -1);
#endif
}

} // namespace attnlab::model
