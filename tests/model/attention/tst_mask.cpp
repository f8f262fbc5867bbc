// Tests model/attention/mask.cpp: every mask kind written out as its 0/1 grid (1 = the query may attend the
// key), the spellings parseMaskSpec accepts and rejects, and the shapes and sizes buildMask refuses.

#include "model/attention/mask.h"
#include "test_support.h"
#include "test_registry.h"

#include <QTest>

#include <initializer_list>

Q_DECLARE_METATYPE(attnlab::model::BoolMatrix)

namespace tst_mask {

using namespace attnlab::model;

namespace {

// Rows of 0/1 -> (T, S) booleans.
BoolMatrix grid(std::initializer_list<std::initializer_list<int>> rows)
{
    BoolMatrix m(Eigen::Index(rows.size()), rows.size() ? Eigen::Index(rows.begin()->size()) : 0);
    Eigen::Index r = 0;
    for (const auto& row : rows) {
        Eigen::Index c = 0;
        for (int v : row)
            m(r, c++) = v != 0;
        ++r;
    }
    return m;
}

QString gridText(const BoolMatrix& m)
{
    QString text;
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        for (Eigen::Index c = 0; c < m.cols(); ++c)
            text += m(r, c) ? QLatin1Char('1') : QLatin1Char('0');
        text += QLatin1Char(r + 1 < m.rows() ? '/' : ' ');
    }
    return text.trimmed();
}

} // namespace

class TestMask : public QObject {
    Q_OBJECT

private slots:
    void build_data();
    void build();
    void customOfTheWrongShape();
    void invalidSizes_data();
    void invalidSizes();
    void parse_data();
    void parse();
    void parseRejects_data();
    void parseRejects();
};

void TestMask::build_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<int>("queries");
    QTest::addColumn<int>("keys");
    QTest::addColumn<BoolMatrix>("expected");
    QTest::newRow("none") << "none" << 2 << 3 << grid({{1, 1, 1}, {1, 1, 1}});
    // Query t sees keys s ≤ t.
    QTest::newRow("causal") << "causal" << 4 << 4
                            << grid({{1, 0, 0, 0}, {1, 1, 0, 0}, {1, 1, 1, 0}, {1, 1, 1, 1}});
    // The same index rule for 2 queries over 4 keys.
    QTest::newRow("causal 2x4") << "causal" << 2 << 4 << grid({{1, 0, 0, 0}, {1, 1, 0, 0}});
    // Query t sees the K most recent keys t − K < s ≤ t.
    QTest::newRow("window:2") << "window:2" << 4 << 4
                              << grid({{1, 0, 0, 0}, {1, 1, 0, 0}, {0, 1, 1, 0}, {0, 0, 1, 1}});
    QTest::newRow("window:1") << "window:1" << 3 << 3 << grid({{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
    // A window at least as long as the text is the causal mask.
    QTest::newRow("window:9") << "window:9" << 3 << 3 << grid({{1, 0, 0}, {1, 1, 0}, {1, 1, 1}});
    // The last N keys are hidden from every query.
    QTest::newRow("padding:1") << "padding:1" << 2 << 4 << grid({{1, 1, 1, 0}, {1, 1, 1, 0}});
    QTest::newRow("padding:0") << "padding:0" << 2 << 2 << grid({{1, 1}, {1, 1}});
    QTest::newRow("padding:5 of 3 keys") << "padding:5" << 2 << 3 << grid({{0, 0, 0}, {0, 0, 0}});
}

void TestMask::build()
{
    QFETCH(QString, spec);
    QFETCH(int, queries);
    QFETCH(int, keys);
    QFETCH(BoolMatrix, expected);
    const Result<MaskSpec> parsed = parseMaskSpec(spec);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
    const Result<BoolMatrix> allowed = buildMask(*parsed, queries, keys);
    QVERIFY2(allowed.ok(), qPrintable(allowed.error()));
    QCOMPARE(gridText(*allowed), gridText(expected));
}

// A custom matrix is used as it is when its shape is (queries, keys), and refused, naming both shapes,
// otherwise.
void TestMask::customOfTheWrongShape()
{
    const BoolMatrix custom = grid({{0, 1, 1}, {1, 0, 1}});
    const Result<BoolMatrix> fits = buildMask(MaskSpec::fromMatrix(custom), 2, 3);
    QVERIFY2(fits.ok(), qPrintable(fits.error()));
    QCOMPARE(gridText(*fits), QStringLiteral("011/101"));
    const Result<BoolMatrix> transposed = buildMask(MaskSpec::fromMatrix(custom), 3, 2);
    QVERIFY(!transposed.ok());
    QCOMPARE(transposed.error(),
             QStringLiteral("the custom mask is 2 × 3 but the scores are 3 × 2 (queries × keys)"));
    QVERIFY(!buildMask(MaskSpec::fromMatrix(custom), 2, 4).ok());
    QCOMPARE(maskSpecName(MaskSpec::fromMatrix(custom)), QStringLiteral("custom"));
}

// A spec built in code (not parsed) with a window below 1 or a negative padding is refused by buildMask.
void TestMask::invalidSizes_data()
{
    QTest::addColumn<bool>("window");
    QTest::addColumn<int>("size");
    QTest::addColumn<QString>("message");
    QTest::newRow("window 0") << true << 0 << "the sliding window must be at least 1 (got 0)";
    QTest::newRow("window -3") << true << -3 << "the sliding window must be at least 1 (got -3)";
    QTest::newRow("padding -1") << false << -1 << "the padding must be at least 0 (got -1)";
}

void TestMask::invalidSizes()
{
    QFETCH(bool, window);
    QFETCH(int, size);
    QFETCH(QString, message);
    const MaskSpec spec = window ? MaskSpec::slidingWindow(size) : MaskSpec::paddingLast(size);
    const Result<BoolMatrix> refused = buildMask(spec, 3, 3);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error(), message);
}

void TestMask::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("name");
    QTest::newRow("none") << "none"
                          << "none";
    QTest::newRow("causal, case and spaces") << "  Causal "
                                             << "causal";
    QTest::newRow("window:3") << "window:3"
                              << "window:3";
    QTest::newRow("window: 3") << "WINDOW: 3"
                               << "window:3";
    QTest::newRow("padding:0") << "padding:0"
                               << "padding:0";
    QTest::newRow("padding:2") << "padding:2"
                               << "padding:2";
}

// Each accepted spelling parses to the spec whose name is the canonical spelling.
void TestMask::parse()
{
    QFETCH(QString, text);
    QFETCH(QString, name);
    const Result<MaskSpec> parsed = parseMaskSpec(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
    QCOMPARE(maskSpecName(*parsed), name);
}

void TestMask::parseRejects_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("window:0") << "window:0"
                              << "the window must be a whole number ≥ 1";
    QTest::newRow("window:-2") << "window:-2"
                               << "the window must be a whole number ≥ 1";
    QTest::newRow("window:x") << "window:x"
                              << "the window must be a whole number ≥ 1";
    QTest::newRow("window:1.5") << "window:1.5"
                                << "the window must be a whole number ≥ 1";
    QTest::newRow("padding:-1") << "padding:-1"
                                << "the padding must be a whole number ≥ 0";
    QTest::newRow("bidirectional")
        << "bidirectional"
        << "unknown mask \"bidirectional\" (expected none, causal, window:K or padding:N)";
}

void TestMask::parseRejects()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    const Result<MaskSpec> parsed = parseMaskSpec(text);
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.error().contains(message), qPrintable(parsed.error()));
}

ATTNLAB_TEST_APPLESS_MAIN(TestMask)
} // namespace tst_mask
#include "tst_mask.moc"
