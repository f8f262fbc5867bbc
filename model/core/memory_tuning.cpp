#include "model/core/memory_tuning.h"

#include <cstdlib> // defines __GLIBC__ on glibc systems

#if defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
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
    // More than the machine's memory cannot be served without swapping, so growing the heap for it gains
    // nothing; checking first also keeps us from asking malloc() for such a block at all (the estimate
    // saturates at INT64_MAX for absurd lengths): glibc answers null, but a sanitizer's allocator aborts.
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGESIZE);
    if (bytes <= 0 || pages <= 0 || pageSize <= 0 || bytes / pageSize >= pages) return;
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
