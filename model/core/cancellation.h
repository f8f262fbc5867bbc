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

// How far a long computation is, written by the computation and read by another thread (the status bar's
// "layer 5 of 16"): layer is the 1-based layer being computed, 0 before the first; layers how many will run.
struct RunProgress {
    std::atomic<int> layer{0};
    std::atomic<int> layers{0};
};

inline QString cancelledMessage()
{
    return QStringLiteral("stopped before the end");
}

} // namespace attnlab::model
