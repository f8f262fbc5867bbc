// Tests app/session/session_json_reader.cpp: how a value is named in a message, the UTF-8 check (byte offsets
// counted by hand), the nesting limit (five levels: file, input, matrices, Q, a row), and each getter: every
// shape it accepts, and for each wrong shape its whole message with the file, the field's path and, inside
// arrays, the position ([row][column], 0-based as in the file). Only the first error is kept.

#include "app/session/session_json_reader.h"
#include "model/attention/mask.h"
#include "test_registry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace tst_session_json_reader {

using namespace attnlab;
using app::SessionJsonReader;

namespace {

const QString kFile = QStringLiteral("s.attnlab");

QJsonObject object(const QByteArray& json)
{
    return QJsonDocument::fromJson(json).object();
}

QJsonValue value(const QByteArray& json)
{
    return QJsonDocument::fromJson("[" + json + "]").array().at(0);
}

// "s.attnlab: field \"<path>\" must be <expected>, got <got>"
QString typeError(const QString& path, const QString& expected, const QString& got)
{
    return QStringLiteral("s.attnlab: field \"%1\" must be %2, got %3").arg(path, expected, got);
}

} // namespace

class TestSessionJsonReader : public QObject {
    Q_OBJECT
private slots:
    void describeKind_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("described");
        QTest::newRow("integer") << QByteArray("3") << "a number (3)";
        QTest::newRow("fraction") << QByteArray("2.5") << "a number (2.5)";
        QTest::newRow("negative") << QByteArray("-1") << "a number (-1)";
        QTest::newRow("string") << QByteArray("\"x\"") << "a string (\"x\")";
        QTest::newRow("true") << QByteArray("true") << "a boolean (true)";
        QTest::newRow("false") << QByteArray("false") << "a boolean (false)";
        QTest::newRow("null") << QByteArray("null") << "null";
        QTest::newRow("array") << QByteArray("[1]") << "an array";
        QTest::newRow("object") << QByteArray("{}") << "an object";
    }
    void describeKind()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, described);
        QCOMPARE(app::describeKind(value(json)), described);
        QCOMPARE(app::describeKind(QJsonValue(QJsonValue::Undefined)), QStringLiteral("nothing"));
    }

    void utf8_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<qsizetype>("offset");
        QTest::newRow("ASCII") << QByteArray("{\"a\": 1}") << qsizetype(-1);
        QTest::newRow("empty") << QByteArray() << qsizetype(-1);
        QTest::newRow("2, 3 and 4 bytes") << QByteArray("é 日本 😀") << qsizetype(-1);
        QTest::newRow("0xFF") << QByteArray("a\xff") << qsizetype(1);
        QTest::newRow("after two 3-byte characters") << QByteArray("日本\xff") << qsizetype(6);
        QTest::newRow("lone continuation byte") << QByteArray("\x80") << qsizetype(0);
        QTest::newRow("overlong '/'") << QByteArray("x\xc0\xaf") << qsizetype(1); // 0x2F in two bytes
        QTest::newRow("overlong 3 bytes") << QByteArray("\xe0\x80\xaf") << qsizetype(0);
        QTest::newRow("truncated at the end") << QByteArray("ab\xe3\x81") << qsizetype(2);
        QTest::newRow("continuation missing") << QByteArray("\xe3\x41\x81") << qsizetype(0);
        QTest::newRow("surrogate U+D800") << QByteArray("\xed\xa0\x80") << qsizetype(0);
        QTest::newRow("beyond U+10FFFF") << QByteArray("ok\xf4\x90\x80\x80") << qsizetype(2);
        QTest::newRow("U+10FFFF itself") << QByteArray("\xf4\x8f\xbf\xbf") << qsizetype(-1);
        QTest::newRow("5-byte lead") << QByteArray("\xf8\x88\x80\x80\x80") << qsizetype(0);
    }
    void utf8()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(qsizetype, offset);
        QCOMPARE(app::invalidUtf8Offset(bytes), offset);
    }

    void nesting_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("depth");
        QTest::newRow("flat object") << QByteArray("{}") << 1;
        QTest::newRow("scalar") << QByteArray("3") << 0;
        QTest::newRow("three arrays") << QByteArray("[[[]]]") << 3;
        QTest::newRow("siblings do not add up") << QByteArray("[[], [], {}]") << 2;
        // Escaped strings rather than raw ones here: moc reads a raw string's brackets and backslashes as
        // code.
        QTest::newRow("brackets in a string") << QByteArray("{\"a\": \"[[[[{{\"}") << 1;
        QTest::newRow("escaped quote in a string") << QByteArray("{\"a\": \"\\\"[[\", \"b\": [1]}") << 2;
        QTest::newRow("escaped backslash ends the string")
            << QByteArray("{\"a\": \"\\\\\", \"b\": [[1]]}") << 3;
        QTest::newRow("a session's five") << QByteArray(R"({"input": {"matrices": {"Q": [["1"]]}}})") << 5;
    }
    void nesting()
    {
        QFETCH(QByteArray, json);
        QFETCH(int, depth);
        QCOMPARE(app::jsonNestingDepth(json, 100), depth);
        // Counting stops once past the limit: an attacker's 10⁶ brackets are not all read.
        QCOMPARE(app::jsonNestingDepth(QByteArray(1'000'000, '['), 5), 6);
    }

    void document()
    {
        SessionJsonReader ok(kFile);
        const auto five = ok.document(R"({"input": {"matrices": {"Q": [["1"]]}}})");
        QVERIFY(five);
        QVERIFY(!ok.failed());
        QCOMPARE(five->value("input").toObject().value("matrices").toObject().value("Q").toArray().size(), 1);

        const auto refused = [](const QByteArray& json) {
            SessionJsonReader r(kFile);
            const auto o = r.document(json);
            return o ? QStringLiteral("accepted") : r.error();
        };
        QCOMPARE(refused("{\"text\": \"a\xff\"}"),
                 QStringLiteral("s.attnlab: invalid UTF-8 at byte 11 (a session file is UTF-8 text)"));
        QCOMPARE(refused(R"({"input": {"matrices": {"Q": [[["1"]]]}}})"),
                 QStringLiteral("s.attnlab: arrays and objects are nested deeper than a session's 5 levels"));
        QCOMPARE(refused("[1, 2]"),
                 QStringLiteral("s.attnlab: expected a JSON object {\"format\": \"attnlab-session\", …}"));
        // A parse error gives Qt's offset and reason.
        const QByteArray broken = R"({"a": 1,, "b": 2})";
        QJsonParseError parseError;
        QJsonDocument::fromJson(broken, &parseError);
        QVERIFY(parseError.error != QJsonParseError::NoError);
        QCOMPARE(refused(broken), QStringLiteral("s.attnlab: not valid JSON at byte %1: %2")
                                      .arg(parseError.offset)
                                      .arg(parseError.errorString()));
        QVERIFY(!refused(broken).contains(QLatin1Char('\n')));
    }

    void onlyTheFirstErrorIsKept()
    {
        SessionJsonReader r(kFile);
        QVERIFY(!r.failed());
        QVERIFY(!r.fail(QStringLiteral("first")));
        QVERIFY(!r.failField(QStringLiteral("x"), QStringLiteral("a string"), QJsonValue(3)));
        QCOMPARE(r.error(), QStringLiteral("s.attnlab: first"));
        // Once failed, a getter reads nothing, even a good field, and says so.
        QString text = QStringLiteral("unchanged");
        QVERIFY(!r.string(object(R"({"text": "new"})"), {}, "text", 100, &text));
        QCOMPARE(text, QStringLiteral("unchanged"));
        int n = 7;
        QVERIFY(!r.integer(object(R"({"n": 3})"), {}, "n", 0, 9, &n));
        QCOMPARE(n, 7);
        QVERIFY(!r.object(object(R"({"o": {}})"), {}, "o"));
        QVERIFY(!r.onlyKeys(object(R"({"a": 1})"), {}, {"a"}));
        QVERIFY(!r.cellRows(value(R"([["1"]])"), QStringLiteral("Q"), 4));
        QVERIFY(!r.boolRows(value("[[1]]"), QStringLiteral("m"), 4));
        QCOMPARE(r.error(), QStringLiteral("s.attnlab: first"));
    }

    void onlyKeys()
    {
        SessionJsonReader top(kFile);
        QVERIFY(top.onlyKeys(object(R"({"format": 1, "version": 1})"), {}, {"format", "version", "input"}));
        QVERIFY(!top.onlyKeys(object(R"({"format": 1, "colour": 1})"), {}, {"format", "version"}));
        QCOMPARE(top.error(), QStringLiteral("s.attnlab: unknown field \"colour\" (known: format, version)"));
        SessionJsonReader nested(kFile);
        QVERIFY(!nested.onlyKeys(object(R"({"name": "heatmap", "colour": "red"})"), QStringLiteral("view"),
                                 {"name", "layer"}));
        QCOMPARE(nested.error(),
                 QStringLiteral("s.attnlab: unknown field \"view.colour\" (known: name, layer)"));
    }

    void scalars()
    {
        const QJsonObject o = object(R"({"text": "dog bites", "layers": 3, "tau": 0.5, "exact": true,
                                         "half": 2.5, "big": 25, "word": "3", "yes": "yes", "zero": 0})");
        SessionJsonReader r(kFile);
        QString text = QStringLiteral("before");
        int layers = 0;
        double tau = 1.0;
        bool exact = false;
        QVERIFY(r.string(o, QStringLiteral("input"), "text", 100, &text));
        QVERIFY(r.integer(o, QStringLiteral("input.toy"), "layers", 1, 24, &layers));
        QVERIFY(r.number(o, QStringLiteral("compute"), "tau", 0.01, 100, &tau));
        QVERIFY(r.boolean(o, QStringLiteral("view"), "exact", &exact));
        QCOMPARE(text, QStringLiteral("dog bites"));
        QCOMPARE(layers, 3);
        QCOMPARE(tau, 0.5);
        QCOMPARE(exact, true);
        // An absent field is no error and leaves the value as it was.
        QString memory = QStringLiteral("kept");
        int heads = 4;
        QVERIFY(r.string(o, QStringLiteral("input"), "memory", 100, &memory));
        QVERIFY(r.integer(o, QStringLiteral("input"), "heads", 1, 64, &heads));
        QVERIFY(!r.object(o, QStringLiteral("input"), "toy"));
        QCOMPARE(memory, QStringLiteral("kept"));
        QCOMPARE(heads, 4);
        QVERIFY(!r.failed());
        // The ends of a range are in it.
        int one = 0;
        QVERIFY(r.integer(object(R"({"n": 1})"), {}, "n", 1, 24, &one));
        QVERIFY(r.integer(object(R"({"n": 24})"), {}, "n", 1, 24, &one));
        QCOMPARE(one, 24);
    }

    void scalarErrors_data()
    {
        QTest::addColumn<int>("getter"); // 0 string, 1 integer, 2 number, 3 boolean, 4 object
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("string: number")
            << 0 << QByteArray(R"({"text": 3})") << typeError("input.text", "a string", "a number (3)");
        QTest::newRow("string: null")
            << 0 << QByteArray(R"({"text": null})") << typeError("input.text", "a string", "null");
        QTest::newRow("string: too long") << 0 << QByteArray(R"({"text": "abcdef"})")
                                          << "s.attnlab: field \"input.text\" is longer than 5 characters";
        QTest::newRow("integer: fraction")
            << 1 << QByteArray(R"({"text": 2.5})")
            << typeError("input.text", "a whole number from 1 to 24", "a number (2.5)");
        QTest::newRow("integer: above")
            << 1 << QByteArray(R"({"text": 25})")
            << typeError("input.text", "a whole number from 1 to 24", "a number (25)");
        QTest::newRow("integer: below")
            << 1 << QByteArray(R"({"text": 0})")
            << typeError("input.text", "a whole number from 1 to 24", "a number (0)");
        QTest::newRow("integer: string")
            << 1 << QByteArray(R"({"text": "3"})")
            << typeError("input.text", "a whole number from 1 to 24", "a string (\"3\")");
        QTest::newRow("integer: boolean")
            << 1 << QByteArray(R"({"text": true})")
            << typeError("input.text", "a whole number from 1 to 24", "a boolean (true)");
        QTest::newRow("number: zero") << 2 << QByteArray(R"({"text": 0})")
                                      << typeError("input.text", "a number from 0.01 to 100", "a number (0)");
        QTest::newRow("number: array") << 2 << QByteArray(R"({"text": [1]})")
                                       << typeError("input.text", "a number from 0.01 to 100", "an array");
        QTest::newRow("boolean: string") << 3 << QByteArray(R"({"text": "yes"})")
                                         << typeError("input.text", "true or false", "a string (\"yes\")");
        QTest::newRow("boolean: 1") << 3 << QByteArray(R"({"text": 1})")
                                    << typeError("input.text", "true or false", "a number (1)");
        QTest::newRow("object: array")
            << 4 << QByteArray(R"({"text": []})") << typeError("input.text", "an object", "an array");
    }
    void scalarErrors()
    {
        QFETCH(int, getter);
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        const QJsonObject o = object(json);
        const QString at = QStringLiteral("input");
        SessionJsonReader r(kFile);
        QString s = QStringLiteral("before");
        int i = -5;
        double d = -5;
        bool b = false;
        bool ok = true;
        switch (getter) {
        case 0:
            ok = r.string(o, at, "text", 5, &s);
            break;
        case 1:
            ok = r.integer(o, at, "text", 1, 24, &i);
            break;
        case 2:
            ok = r.number(o, at, "text", 0.01, 100, &d);
            break;
        case 3:
            ok = r.boolean(o, at, "text", &b);
            break;
        case 4:
            ok = r.object(o, at, "text").has_value();
            break;
        }
        QVERIFY(!ok);
        QVERIFY(r.failed());
        QCOMPARE(r.error(), message);
        // Nothing half-read.
        QCOMPARE(s, QStringLiteral("before"));
        QCOMPARE(i, -5);
        QCOMPARE(d, -5.0);
        QCOMPARE(b, false);
    }

    void strings()
    {
        SessionJsonReader r(kFile);
        QStringList tokens{"old"};
        QVERIFY(r.strings(object(R"({"tokens": ["x1", "得意", ""]})"), QStringLiteral("input"), "tokens", 3,
                          4, &tokens));
        QCOMPARE(tokens, (QStringList{"x1", "得意", ""}));
        QVERIFY(r.strings(object(R"({"tokens": []})"), QStringLiteral("input"), "tokens", 3, 4, &tokens));
        QCOMPARE(tokens, QStringList());

        const auto refused = [](const QByteArray& json) {
            SessionJsonReader reader(kFile);
            QStringList out{"untouched"};
            const bool read = reader.strings(object(json), QStringLiteral("input"), "tokens", 2, 3, &out);
            return read || out != QStringList{"untouched"} ? QStringLiteral("accepted") : reader.error();
        };
        QCOMPARE(refused(R"({"tokens": "a b"})"),
                 typeError("input.tokens", "an array of strings", "a string (\"a b\")"));
        QCOMPARE(refused(R"({"tokens": ["a", "b", "c"]})"),
                 QStringLiteral("s.attnlab: field \"input.tokens\" has more than 2 entries"));
        QCOMPARE(refused(R"({"tokens": ["a", 5]})"),
                 typeError("input.tokens[1]", "a string", "a number (5)"));
        QCOMPARE(refused(R"({"tokens": ["long"]})"),
                 QStringLiteral("s.attnlab: field \"input.tokens[0]\" is longer than 3 characters"));
    }

    void choice()
    {
        SessionJsonReader r(kFile);
        model::MaskKind kind = model::MaskKind::None;
        QVERIFY(r.choice(object(R"({"mask": "causal"})"), QStringLiteral("compute"), "mask",
                         model::kMaskKindNames, &kind));
        QCOMPARE(kind, model::MaskKind::Causal);
        QVERIFY(r.choice(object("{}"), QStringLiteral("compute"), "mask", model::kMaskKindNames, &kind));
        QCOMPARE(kind, model::MaskKind::Causal);

        const QString expected =
            QStringLiteral("one of \"none\", \"causal\", \"window\", \"padding\", \"custom\"");
        SessionJsonReader unknown(kFile);
        QVERIFY(!unknown.choice(object(R"({"mask": "upper"})"), QStringLiteral("compute"), "mask",
                                model::kMaskKindNames, &kind));
        QCOMPARE(unknown.error(), typeError("compute.mask", expected, "a string (\"upper\")"));
        SessionJsonReader number(kFile);
        QVERIFY(!number.choice(object(R"({"mask": 1})"), QStringLiteral("compute"), "mask",
                               model::kMaskKindNames, &kind));
        QCOMPARE(number.error(), typeError("compute.mask", expected, "a number (1)"));
        QCOMPARE(kind, model::MaskKind::Causal);
    }

    void cellRows()
    {
        SessionJsonReader r(kFile);
        const auto cells =
            r.cellRows(value(R"([["1", "1/√2"], ["0", "-2"]])"), QStringLiteral("input.matrices.K"), 4);
        QVERIFY(cells);
        QCOMPARE(cells->size(), size_t(2));
        QCOMPARE((*cells)[0], (QStringList{"1", "1/√2"}));
        QCOMPARE((*cells)[1], (QStringList{"0", "-2"}));
        // No rows at all is a shape the editor can hold (it is checked when computed).
        const auto none = r.cellRows(value("[]"), QStringLiteral("input.matrices.K"), 4);
        QVERIFY(none && none->empty());
        QVERIFY(!r.failed());
    }

    void cellRowErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        const QString q = QStringLiteral("input.matrices.Q");
        QTest::newRow("a number") << QByteArray("3")
                                  << typeError(q, "an array of rows of strings", "a number (3)");
        QTest::newRow("an object") << QByteArray("{}")
                                   << typeError(q, "an array of rows of strings", "an object");
        QTest::newRow("row 2 a string")
            << QByteArray(R"([["1"], "2"])")
            << typeError(q + "[1]", "a row (an array of strings)", "a string (\"2\")");
        // A cell names its row and column, as the custom mask's entries do.
        QTest::newRow("cell a number")
            << QByteArray(R"([["1", "2"], ["3", 4]])") << typeError(q + "[1][1]", "a string", "a number (4)");
        QTest::newRow("cell null") << QByteArray(R"([[null]])")
                                   << typeError(q + "[0][0]", "a string", "null");
        QTest::newRow("ragged")
            << QByteArray(R"([["1", "2"], ["3"]])")
            << "s.attnlab: field \"input.matrices.Q\": row 2 has 1 entries but row 1 has 2";
        QTest::newRow("too many rows") << QByteArray(R"([["1"], ["2"], ["3"]])")
                                       << "s.attnlab: field \"input.matrices.Q\" is larger than 2 × 2";
        QTest::newRow("too many columns") << QByteArray(R"([["1", "2", "3"]])")
                                          << "s.attnlab: field \"input.matrices.Q\" is larger than 2 × 2";
        QTest::newRow("cell too long")
            << QByteArray("[[\"1\", \"" + QByteArray(257, '9') + "\"]]")
            << "s.attnlab: field \"input.matrices.Q\": row 1, column 2 is longer than 256 "
               "characters";
    }
    void cellRowErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        SessionJsonReader r(kFile);
        QVERIFY(!r.cellRows(value(json), QStringLiteral("input.matrices.Q"), 2));
        QCOMPARE(r.error(), message);
        // 256 characters is the longest cell.
        SessionJsonReader longest(kFile);
        QVERIFY(longest.cellRows(value("[[\"" + QByteArray(256, '9') + "\"]]"), QStringLiteral("Q"), 2));
    }

    void boolRows()
    {
        SessionJsonReader r(kFile);
        const auto mask =
            r.boolRows(value("[[1, 0, true], [false, 1, 0]]"), QStringLiteral("compute.custom_mask"), 4);
        QVERIFY(mask);
        QCOMPARE(mask->rows(), 2);
        QCOMPARE(mask->cols(), 3);
        const bool expected[2][3] = {{true, false, true}, {false, true, false}};
        for (int row = 0; row < 2; ++row)
            for (int col = 0; col < 3; ++col)
                QCOMPARE((*mask)(row, col), expected[row][col]);
        QVERIFY(!r.failed());
    }

    void boolRowErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        const QString m = QStringLiteral("compute.custom_mask");
        const QString shape = QStringLiteral("a non-empty array of rows of 0 and 1");
        QTest::newRow("empty") << QByteArray("[]") << typeError(m, shape, "an array");
        QTest::newRow("empty row") << QByteArray("[[]]") << typeError(m, shape, "an array");
        QTest::newRow("string") << QByteArray("\"causal\"") << typeError(m, shape, "a string (\"causal\")");
        QTest::newRow("flat") << QByteArray("[1, 0]") << typeError(m, shape, "an array");
        QTest::newRow("too large") << QByteArray("[[1, 1, 1]]")
                                   << "s.attnlab: field \"compute.custom_mask\" is larger than 2 × 2";
        QTest::newRow("ragged")
            << QByteArray("[[1, 1], [1]]")
            << "s.attnlab: field \"compute.custom_mask\": row 2 must have 2 entries like row 1";
        QTest::newRow("row a number")
            << QByteArray("[[1, 1], 1]")
            << "s.attnlab: field \"compute.custom_mask\": row 2 must have 2 entries like row 1";
        QTest::newRow("a 2") << QByteArray("[[1, 0], [2, 1]]")
                             << typeError(m + "[1][0]", "0, 1, true or false", "a number (2)");
        QTest::newRow("a half") << QByteArray("[[0.5]]")
                                << typeError(m + "[0][0]", "0, 1, true or false", "a number (0.5)");
        QTest::newRow("a string") << QByteArray(R"([[1, "1"]])")
                                  << typeError(m + "[0][1]", "0, 1, true or false", "a string (\"1\")");
    }
    void boolRowErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        SessionJsonReader r(kFile);
        QVERIFY(!r.boolRows(value(json), QStringLiteral("compute.custom_mask"), 2));
        QCOMPARE(r.error(), message);
    }

    void paths()
    {
        QCOMPARE(SessionJsonReader::path({}, "input"), QStringLiteral("input"));
        QCOMPARE(SessionJsonReader::path(QStringLiteral("input.toy"), "layers"),
                 QStringLiteral("input.toy.layers"));
    }
};

ATTNLAB_TEST_GUILESS_MAIN(TestSessionJsonReader)
} // namespace tst_session_json_reader
#include "tst_session_json_reader.moc"
