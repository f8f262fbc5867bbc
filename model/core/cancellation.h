#pragma once

// Stopping a long computation from another thread (the app's Stop button): the computation reads the flag
// between layers and fails with cancelledMessage(), leaving nothing half-built.

#include <QString>

#include <atomic>

namespace attnlab::model {

// True once another thread has set *flag; never for a null flag (nobody can stop the run).
inline bool cancelRequested(const std::atomic<bool>* flag)
{
    return flag && flag->load();
}

inline QString cancelledMessage()
{
    return QStringLiteral("stopped before the end");
}

} // namespace attnlab::model
