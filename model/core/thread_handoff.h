#pragma once

// ThreadSanitizer sees a synchronisation only where the code doing it was built with TSan, and Debian's Qt is
// not. When Qt hands work to another thread (QThreadPool::start, a queued signal), the lock that orders it is
// Qt's, invisible to TSan, which would then report the receiving thread's first reads of what the sending
// thread prepared as races. handOff(channel) just before the hand-over and takeOver(channel) first thing on the
// receiving side tell TSan the order that Qt's lock guarantees, as Qt's own TSan build does for its QMutex
// (QtCore/qtsan_impl.h). They order nothing themselves, and do nothing outside a TSan build.

#if defined(__SANITIZE_THREAD__)
#define ATTNLAB_THREAD_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define ATTNLAB_THREAD_SANITIZER 1
#endif
#endif

#ifdef ATTNLAB_THREAD_SANITIZER
#include <sanitizer/tsan_interface.h>
#endif

namespace attnlab::model {

// channel: any address both sides name without reading what is handed over (a static of the hand-over's code).
inline void handOff([[maybe_unused]] const void* channel)
{
#ifdef ATTNLAB_THREAD_SANITIZER
    __tsan_release(const_cast<void*>(channel));
#endif
}

inline void takeOver([[maybe_unused]] const void* channel)
{
#ifdef ATTNLAB_THREAD_SANITIZER
    __tsan_acquire(const_cast<void*>(channel));
#endif
}

} // namespace attnlab::model
