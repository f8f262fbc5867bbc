#include "memory_tuning.h"

#include <cstdlib> // defines __GLIBC__ on glibc systems

#if defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#endif

namespace attnlab::model {

void keepFreedMemoryForReuse()
{
#if defined(__GLIBC__)
    // Every block from the heap (no mmap() per large block, which free() would unmap at once), one heap for
    // all threads (the parallel heads allocate too), and never trim the heap's top: the next trace reuses
    // pages that are already mapped, and prepareHeap's huge pages serve all of it.
    mallopt(M_MMAP_MAX, 0);
    mallopt(M_ARENA_MAX, 1);
    mallopt(M_TRIM_THRESHOLD, -1);
#endif
}

void prepareHeap(std::int64_t bytes)
{
#if defined(__GLIBC__) && defined(MADV_HUGEPAGE)
    if (bytes <= 0 || std::uint64_t(bytes) > std::uint64_t(SIZE_MAX) / 2) return;
    // Allocating the block moves the heap's top past it; freeing it leaves those pages in the heap (never
    // trimmed) for the trace's matrices. Advising the 2 MiB-aligned part in between makes the kernel fault it
    // in as huge pages, which it does on first touch.
    void* block = std::malloc(std::size_t(bytes));
    if (!block) return;
    constexpr std::uintptr_t huge = std::uintptr_t(2) << 20;
    const std::uintptr_t begin = (reinterpret_cast<std::uintptr_t>(block) + huge - 1) & ~(huge - 1);
    const std::uintptr_t end = (reinterpret_cast<std::uintptr_t>(block) + std::uintptr_t(bytes)) & ~(huge - 1);
    if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
    std::free(block);
#else
    (void)bytes;
#endif
}

} // namespace attnlab::model
