// Tests model/pipeline/trace_computer.cpp with the toy model, on an event loop without widgets: a request
// gives one traceReady; requests that arrive while a long one runs give exactly one more result, the latest
// request's (the running one and the ones in between are never shown); cancel() gives cancelled() and no
// result; a failure carries its message and TokenLimit; busyChanged says true once when work starts and false
// once when it ends.

#include "model/pipeline/trace_computer.h"
#include "test_registry.h"

#include <QSignalSpy>
#include <QTest>

Q_DECLARE_METATYPE(std::shared_ptr<const attnlab::model::Trace>)
Q_DECLARE_METATYPE(attnlab::model::TokenLimit)

namespace tst_trace_computer {

using namespace attnlab::model;

namespace {

// Generous: the suite also runs under the sanitizers on two shared cores.
constexpr int kTimeoutMs = 60000;

// n words, each its own toy token.
QStringList words(const QString& stem, int n)
{
    QStringList list;
    for (int i = 0; i < n; ++i)
        list << stem + QString::number(i);
    return list;
}

TraceRequest textRequest(const QStringList& tokens, int layers = 2)
{
    TraceRequest request;
    request.text = tokens.join(QLatin1Char(' '));
    request.toy.layers = layers;
    return request;
}

// A request that keeps a worker busy for a while: 400 tokens through 8 layers of the toy model.
TraceRequest longRequest()
{
    return textRequest(words(QStringLiteral("long"), 400), 8);
}

QStringList tokensOf(const QSignalSpy& ready, int i)
{
    return ready.at(i).at(0).value<std::shared_ptr<const Trace>>()->tokens;
}

QList<bool> busyValues(const QSignalSpy& busy)
{
    QList<bool> values;
    for (const QList<QVariant>& args : busy)
        values << args.at(0).toBool();
    return values;
}

// Lets any signal still queued arrive, so that a count checked afterwards is final.
void drain(TraceComputer& computer)
{
    computer.waitForIdle();
    QCoreApplication::processEvents();
    QTest::qWait(20);
}

} // namespace

class TestTraceComputer : public QObject {
    Q_OBJECT
private slots:
    void oneRequestOneResult();
    void burstShowsOnlyTheLatest();
    void cancelGivesNoResult();
    void failureCarriesTheLimit();
    void cancelWhenIdleDoesNothing();
};

void TestTraceComputer::oneRequestOneResult()
{
    TraceComputer computer;
    QSignalSpy ready(&computer, &TraceComputer::traceReady);
    QSignalSpy busy(&computer, &TraceComputer::busyChanged);
    QVERIFY(!computer.isBusy());
    computer.request(textRequest({"one", "request"}));
    QVERIFY(computer.isBusy());
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, kTimeoutMs);
    QVERIFY(!computer.isBusy());
    QCOMPARE(tokensOf(ready, 0), (QStringList{"one", "request"}));
    QCOMPARE(busyValues(busy), (QList<bool>{true, false}));
    drain(computer);
    QCOMPARE(ready.count(), 1);
}

// While the long request runs, three more arrive; each replaces the one waiting before it. When the long run
// ends its result is stale and dropped, and only the last request is computed and shown.
void TestTraceComputer::burstShowsOnlyTheLatest()
{
    TraceComputer computer;
    QSignalSpy ready(&computer, &TraceComputer::traceReady);
    QSignalSpy failed(&computer, &TraceComputer::failed);
    QSignalSpy busy(&computer, &TraceComputer::busyChanged);
    computer.request(textRequest({"first"}));
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, kTimeoutMs);

    computer.request(longRequest());
    computer.request(textRequest(words(QStringLiteral("c"), 1)));
    computer.request(textRequest(words(QStringLiteral("d"), 2)));
    computer.request(textRequest(words(QStringLiteral("e"), 3)));
    QVERIFY(computer.isBusy());
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 2, kTimeoutMs);
    drain(computer);
    QCOMPARE(ready.count(), 2);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(tokensOf(ready, 1), (QStringList{"e0", "e1", "e2"}));
    // One busy period per burst: the waiting request starts as the long one ends, and busyChanged reports
    // no change there.
    QCOMPARE(busyValues(busy), (QList<bool>{true, false, true, false}));
}

// Stop while a long run is in flight and another request waits: one cancelled(), no result, and the
// computer is idle and usable again.
void TestTraceComputer::cancelGivesNoResult()
{
    TraceComputer computer;
    QSignalSpy ready(&computer, &TraceComputer::traceReady);
    QSignalSpy failed(&computer, &TraceComputer::failed);
    QSignalSpy cancelled(&computer, &TraceComputer::cancelled);
    QSignalSpy busy(&computer, &TraceComputer::busyChanged);
    computer.request(longRequest());
    computer.request(textRequest({"waiting"}));
    computer.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(cancelled.count(), 1, kTimeoutMs);
    drain(computer);
    QCOMPARE(cancelled.count(), 1);
    QCOMPARE(ready.count(), 0);
    QCOMPARE(failed.count(), 0);
    QVERIFY(!computer.isBusy());
    QCOMPARE(busyValues(busy), (QList<bool>{true, false}));

    computer.request(textRequest({"after"}));
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, kTimeoutMs);
    QCOMPARE(tokensOf(ready, 0), QStringList{"after"});
    QCOMPARE(cancelled.count(), 1);
}

// 513 words are one more than the toy model's 512 positions.
void TestTraceComputer::failureCarriesTheLimit()
{
    TraceComputer computer;
    QSignalSpy ready(&computer, &TraceComputer::traceReady);
    QSignalSpy failed(&computer, &TraceComputer::failed);
    QSignalSpy busy(&computer, &TraceComputer::busyChanged);
    computer.request(textRequest(words(QStringLiteral("w"), 513)));
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kTimeoutMs);
    QCOMPARE(failed.at(0).at(0).toString(),
             QStringLiteral("the text has 513 tokens, but the toy model takes at most 512"));
    const auto limit = failed.at(0).at(1).value<TokenLimit>();
    QCOMPARE(limit.tokens, 513);
    QCOMPARE(limit.limit, 512);
    QCOMPARE(limit.layers, 0);
    QCOMPARE(limit.totalLayers, 2);
    drain(computer);
    QCOMPARE(ready.count(), 0);
    QCOMPARE(busyValues(busy), (QList<bool>{true, false}));
}

void TestTraceComputer::cancelWhenIdleDoesNothing()
{
    TraceComputer computer;
    QSignalSpy cancelled(&computer, &TraceComputer::cancelled);
    QSignalSpy busy(&computer, &TraceComputer::busyChanged);
    computer.cancel();
    drain(computer);
    QCOMPARE(cancelled.count(), 0);
    QCOMPARE(busy.count(), 0);
}

ATTNLAB_TEST_GUILESS_MAIN(TestTraceComputer)
} // namespace tst_trace_computer
#include "tst_trace_computer.moc"
