#pragma once

// Runs a function on Qt's global thread pool and hands back its result as a QFuture, for a QFutureWatcher on
// the GUI thread to pick up. QtCore only (QPromise): the model layer does not link Qt Concurrent.

#include "model/core/thread_handoff.h"

#include <QFuture>
#include <QPromise>
#include <QThreadPool>

#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

namespace attnlab::model {

// The channel of every runInBackground hand-over (thread_handoff.h): QThreadPool queues the job under its own
// lock. Only its address is used.
inline char backgroundChannel = 0;

// work: () -> R, run on another thread -> a future that receives R when work returns.
template <typename Work>
auto runInBackground(Work work) -> QFuture<std::invoke_result_t<Work&>>
{
    using R = std::invoke_result_t<Work&>;
    // QPromise is move-only and QThreadPool::start copies nothing but a std::function: share it.
    auto promise = std::make_shared<QPromise<R>>();
    QFuture<R> future = promise->future();
    promise->start();
    std::function<void()> job = [promise, work = std::move(work)]() mutable {
        takeOver(&backgroundChannel); // before the first read of the captures, which the calling thread wrote
        promise->addResult(work());
        promise->finish();
    };
    handOff(&backgroundChannel); // after the last write to the job
    QThreadPool::globalInstance()->start(std::move(job));
    return future;
}

} // namespace attnlab::model
