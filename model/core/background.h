#pragma once

// Runs a function on Qt's global thread pool and hands back its result as a QFuture, for a QFutureWatcher on
// the GUI thread to pick up. QtCore only (QPromise): the model layer does not link Qt Concurrent.

#include <QFuture>
#include <QPromise>
#include <QThreadPool>

#include <memory>
#include <type_traits>
#include <utility>

namespace attnlab::model {

// work: () -> R, run on another thread -> a future that receives R when work returns.
template <typename Work>
auto runInBackground(Work work) -> QFuture<std::invoke_result_t<Work&>>
{
    using R = std::invoke_result_t<Work&>;
    // QPromise is move-only and QThreadPool::start copies nothing but a std::function: share it.
    auto promise = std::make_shared<QPromise<R>>();
    QFuture<R> future = promise->future();
    promise->start();
    QThreadPool::globalInstance()->start([promise, work = std::move(work)]() mutable {
        promise->addResult(work());
        promise->finish();
    });
    return future;
}

} // namespace attnlab::model
