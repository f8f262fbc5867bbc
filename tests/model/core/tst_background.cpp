// Tests model/core/background.h: the work runs on another thread and its result reaches the caller's future; and,
// in the ThreadSanitizer build (ctest label "threads"), that handing a job to Qt's thread pool is seen as ordered:
// each job reads what the caller wrote just before starting it, on a pool thread that is already running and
// waits for work in Qt's lock (thread_handoff.h), which without handOff/takeOver TSan reported as a race.

#include "model/core/background.h"
#include "test_registry.h"

#include <QFuture>
#include <QTest>
#include <QThread>

#include <numeric>
#include <vector>

namespace tst_background {

using namespace attnlab::model;

class TestBackground : public QObject {
    Q_OBJECT
private slots:
    void runsOnAnotherThreadAndHandsBackTheResult()
    {
        QThread* const caller = QThread::currentThread();
        QFuture<QThread*> where = runInBackground([] { return QThread::currentThread(); });
        where.waitForFinished();
        QVERIFY(where.result() != nullptr);
        QVERIFY(where.result() != caller);
    }

    void eachJobReadsWhatTheCallerWroteBeforeIt()
    {
        // One buffer, rewritten by the caller between jobs: job k must see k + 1 .. k + 100, whose sum is
        // 100·k + 5050. The jobs run one after the other, mostly on the same pool thread, reused while it waits.
        std::vector<int> values(100);
        for (int k = 0; k < 50; ++k) {
            std::iota(values.begin(), values.end(), k + 1);
            QFuture<long> sum = runInBackground([&values] { return std::accumulate(values.begin(), values.end(), 0L); });
            sum.waitForFinished();
            QCOMPARE(sum.result(), 100L * k + 5050);
        }
    }
};

ATTNLAB_TEST_GUILESS_MAIN(TestBackground)
} // namespace tst_background
#include "tst_background.moc"
