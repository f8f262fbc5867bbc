// Tests model/trace/trace_json.cpp against the Trace JSON contract: a trace written out by hand with known
// numbers (two queries over three memory keys, so that every matrix's rows are told apart from its columns),
// the keys and shapes scripts rely on, the scaled scores of a checkpoint's head (not stored: scores · scale),
// the display strings, the predictions, the numbers read back from the serialized text, and the selected layer and
// head that `run --json` writes without --all.

#include "model/trace/trace_json.h"
#include "test_support.h"
#include "test_registry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>
#include <limits>

namespace tst_trace_json {

using namespace attnlab::model;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

Matrix matrix(Eigen::Index rows, Eigen::Index cols, std::initializer_list<double> values)
{
    Matrix m(rows, cols);
    auto it = values.begin();
    for (Eigen::Index r = 0; r < rows; ++r)
        for (Eigen::Index c = 0; c < cols; ++c)
            m(r, c) = *it++;
    return m;
}

// Queries a, b (T = 2) attend memory keys x, y, z (S = 3); d_k = d_v = 2; temperature 2, so scale = 1/2.
// Layer 0, head 0 is a checkpoint's head: scaled scores not stored. q = I, k = [1 2; 3 4; 5 6], so
//   scores = q·kᵀ = [1 3 5; 2 4 6], scaled = scores / 2 = [1/2 3/2 5/2; 1 2 3];
//   b may not attend z; weights = [1/3 1/3 1/3; 1/2 1/2 0];
//   output = weights · v with v = [2 0; 0 4; 6 2]: [(2+6)/3 (4+2)/3; 2/2 4/2] = [8/3 2; 1 2].
// Layer 0, head 1 is head 0 with stored scaled scores that a bias has changed: [1/2 1/2 1/2; 1 1 1].
// Layer 1 has one head whose scores overflowed (±∞) and a residual stream whose rows have norms 5 and 0
// entering, 10 and 1 leaving.
Trace handTrace()
{
    Trace t;
    t.modelName = QStringLiteral("hand");
    t.exact = true;
    t.tokens = {"a", "b"};
    t.memoryTokens = {"x", "y", "z"};
    t.tokenIds = {5, 7};
    t.positions = {0, 1};
    t.scaling = Scaling{ScaleKind::Temperature, 2.0};
    t.scale = 0.5;
    t.expOverrides = {ExpOverride{0.5, 1.5}};

    HeadTrace h;
    h.q = matrix(2, 2, {1, 0, 0, 1});
    h.k = matrix(3, 2, {1, 2, 3, 4, 5, 6});
    h.v = matrix(3, 2, {2, 0, 0, 4, 6, 2});
    h.scores = matrix(2, 3, {1, 3, 5, 2, 4, 6});
    BoolMatrix allowed = BoolMatrix::Constant(2, 3, true);
    allowed(1, 2) = false;
    h.allowed = allowed;
    h.weights = matrix(2, 3, {1.0 / 3, 1.0 / 3, 1.0 / 3, 0.5, 0.5, 0});
    h.output = matrix(2, 2, {8.0 / 3, 2, 1, 2});
    h.contribution = h.output;
    HeadTrace biased = h;
    biased.scaled = matrix(2, 3, {0.5, 0.5, 0.5, 1, 1, 1});
    LayerTrace first;
    first.heads = {h, biased};
    first.attentionOutput = h.output;

    HeadTrace overflowed = h;
    overflowed.scores = matrix(2, 3, {-kInf, 0, 0, 0, 0, kInf});
    overflowed.weights = Matrix::Zero(2, 3);
    LayerTrace second;
    second.heads = {overflowed};
    second.attentionOutput = Matrix::Zero(2, 2);
    second.hasResidual = true;
    second.residual.input = matrix(2, 2, {3, 4, 0, 0});
    second.residual.output = matrix(2, 2, {6, 8, 1, 0});
    t.layers = {first, second};

    // 5/2, 1/√2 = √2/2, 11 and a number with no exact form.
    t.output = matrix(2, 2, {2.5, 1 / std::sqrt(2.0), 11, 0.1234567});
    t.predictions = {Prediction{0, {{7, 0.75}, {5, 0.25}}, {"b", "a"}}, Prediction{1, {{2, 1.0}}, {}}};
    t.warnings = {QStringLiteral("untrained")};
    return t;
}

QJsonArray at(const QJsonValue& v, int i)
{
    return v.toArray()[i].toArray();
}

// A JSON matrix -> its numbers (null -> NaN), to compare with the hand-written ones.
Matrix numbers(const QJsonValue& rows)
{
    const QJsonArray a = rows.toArray();
    Matrix m(a.size(), a.isEmpty() ? 0 : a[0].toArray().size());
    for (Eigen::Index r = 0; r < m.rows(); ++r)
        for (Eigen::Index c = 0; c < m.cols(); ++c)
            m(r, c) = a[r].toArray()[c].toDouble(std::nan(""));
    return m;
}

QStringList strings(const QJsonValue& row)
{
    QStringList out;
    for (const QJsonValue& v : row.toArray())
        out << v.toString();
    return out;
}

QJsonObject head(const QJsonObject& json, int layer, int index)
{
    return json[QStringLiteral("layers")]
        .toArray()[layer]
        .toObject()[QStringLiteral("heads")]
        .toArray()[index]
        .toObject();
}

} // namespace

class TestTraceJson : public QObject {
    Q_OBJECT
private slots:
    void topLevelKeys();
    void headShapesAreQueriesByKeys_data();
    void headShapesAreQueriesByKeys();
    void headNumbers();
    void scaledScoresOfACheckpoint();
    void nonFiniteIsNull();
    void residualNorms();
    void displayStrings();
    void predictions();
    void optionalKeys();
    void parsesBackToTheSameNumbers();
    void numbersOfLayersAndHeads();
    void selectedHeadOnly();
    void selectedLayerOfAModel();
    void selectedAverageHasEveryHead();
    void textHasRowsOnOneLine();
};

void TestTraceJson::topLevelKeys()
{
    const QJsonObject json = traceToJson(handTrace());
    QCOMPARE(strings(json[QStringLiteral("tokens")]), (QStringList{"a", "b"}));
    QCOMPARE(strings(json[QStringLiteral("memory_tokens")]), (QStringList{"x", "y", "z"}));
    QCOMPARE(json[QStringLiteral("token_ids")].toArray(), (QJsonArray{5, 7}));
    QCOMPARE(json[QStringLiteral("positions")].toArray(), (QJsonArray{0, 1}));
    QCOMPARE(json[QStringLiteral("scale")].toDouble(), 0.5);
    QCOMPARE(json[QStringLiteral("scaling")].toString(), QStringLiteral("temperature:2"));
    QCOMPARE(json[QStringLiteral("mask")].toString(), QStringLiteral("none"));
    QCOMPARE(json[QStringLiteral("exp_overrides")].toObject(), (QJsonObject{{"1/2", "3/2"}}));
    QCOMPARE(json[QStringLiteral("model")].toString(), QStringLiteral("hand"));
    QCOMPARE(json[QStringLiteral("exact")].toBool(), true);
    QCOMPARE(json[QStringLiteral("trained")].toBool(), false);
    QCOMPARE(strings(json[QStringLiteral("warnings")]), (QStringList{"untrained"}));
    QCOMPARE(json[QStringLiteral("layers")].toArray().size(), 2);
    QCOMPARE(json[QStringLiteral("layers")].toArray()[0].toObject()[QStringLiteral("heads")].toArray().size(),
             2);
    QCOMPARE(json[QStringLiteral("layers")].toArray()[1].toObject()[QStringLiteral("heads")].toArray().size(),
             1);
    QVERIFY(json[QStringLiteral("display")].isObject());
    QVERIFY(json[QStringLiteral("predictions")].isArray());
}

void TestTraceJson::headShapesAreQueriesByKeys_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("cols");
    // T = 2 queries, S = 3 keys, d_k = d_v = 2.
    QTest::newRow("q") << "q" << 2 << 2;
    QTest::newRow("k") << "k" << 3 << 2;
    QTest::newRow("v") << "v" << 3 << 2;
    QTest::newRow("scores") << "scores" << 2 << 3;
    QTest::newRow("scaled") << "scaled" << 2 << 3;
    QTest::newRow("mask") << "mask" << 2 << 3;
    QTest::newRow("weights") << "weights" << 2 << 3;
    QTest::newRow("output") << "output" << 2 << 2;
}

void TestTraceJson::headShapesAreQueriesByKeys()
{
    QFETCH(QString, key);
    QFETCH(int, rows);
    QFETCH(int, cols);
    const QJsonObject json = traceToJson(handTrace());
    for (const auto& [layer, index] : {std::pair{0, 0}, std::pair{0, 1}, std::pair{1, 0}}) {
        const QJsonArray m = head(json, layer, index)[key].toArray();
        QCOMPARE(m.size(), rows);
        for (const QJsonValue& row : m)
            QCOMPARE(row.toArray().size(), cols);
    }
}

void TestTraceJson::headNumbers()
{
    const QJsonObject h = head(traceToJson(handTrace()), 0, 0);
    ATTNLAB_COMPARE_MATRIX(numbers(h[QStringLiteral("scores")]), matrix(2, 3, {1, 3, 5, 2, 4, 6}), 0);
    ATTNLAB_COMPARE_MATRIX(numbers(h[QStringLiteral("weights")]),
                           matrix(2, 3, {1.0 / 3, 1.0 / 3, 1.0 / 3, 0.5, 0.5, 0}), 0);
    ATTNLAB_COMPARE_MATRIX(numbers(h[QStringLiteral("output")]), matrix(2, 2, {8.0 / 3, 2, 1, 2}), 0);
    // The mask as 0/1: b may not attend z.
    ATTNLAB_COMPARE_MATRIX(numbers(h[QStringLiteral("mask")]), matrix(2, 3, {1, 1, 1, 1, 1, 0}), 0);
    ATTNLAB_COMPARE_MATRIX(numbers(traceToJson(handTrace())[QStringLiteral("output")]),
                           matrix(2, 2, {2.5, 1 / std::sqrt(2.0), 11, 0.1234567}), 0);
}

// Head 0 stores no scaled scores (a checkpoint's): the JSON still has them, scores · 1/2. Head 1 stores its
// own (a bias changed them): those are written, not scores · scale.
void TestTraceJson::scaledScoresOfACheckpoint()
{
    const QJsonObject json = traceToJson(handTrace());
    const Matrix derived = matrix(2, 3, {0.5, 1.5, 2.5, 1, 2, 3});
    ATTNLAB_COMPARE_MATRIX(numbers(head(json, 0, 0)[QStringLiteral("scaled")]), derived, 0);
    ATTNLAB_COMPARE_MATRIX(numbers(head(json, 0, 1)[QStringLiteral("scaled")]),
                           matrix(2, 3, {0.5, 0.5, 0.5, 1, 1, 1}), 0);
    const QJsonObject display = json[QStringLiteral("display")].toObject();
    QCOMPARE(strings(at(display[QStringLiteral("scaled")], 0)), (QStringList{"1/2", "3/2", "5/2"}));
    QCOMPARE(strings(at(display[QStringLiteral("scaled")], 1)), (QStringList{"1", "2", "3"}));
}

// JSON has no infinity: ±∞ is written as null, the other entries as they are.
void TestTraceJson::nonFiniteIsNull()
{
    const QJsonArray scores = head(traceToJson(handTrace()), 1, 0)[QStringLiteral("scores")].toArray();
    QVERIFY(scores[0].toArray()[0].isNull());
    QVERIFY(scores[1].toArray()[2].isNull());
    QCOMPARE(scores[0].toArray()[1].toDouble(-1), 0.0);
    // The scaled scores derived from them: ±∞ · 1/2 is still infinite.
    const QJsonArray scaled = head(traceToJson(handTrace()), 1, 0)[QStringLiteral("scaled")].toArray();
    QVERIFY(scaled[0].toArray()[0].isNull());
}

void TestTraceJson::residualNorms()
{
    const QJsonObject json = traceToJson(handTrace());
    QVERIFY(!json[QStringLiteral("layers")].toArray()[0].toObject().contains(QStringLiteral("residual")));
    const QJsonObject residual =
        json[QStringLiteral("layers")].toArray()[1].toObject()[QStringLiteral("residual")].toObject();
    // ‖(3, 4)‖ = 5, ‖(0, 0)‖ = 0; ‖(6, 8)‖ = 10, ‖(1, 0)‖ = 1.
    QCOMPARE(residual[QStringLiteral("input_norms")].toArray(), (QJsonArray{5.0, 0.0}));
    QCOMPARE(residual[QStringLiteral("output_norms")].toArray(), (QJsonArray{10.0, 1.0}));
}

void TestTraceJson::displayStrings()
{
    Trace trace = handTrace();
    QJsonObject display = traceToJson(trace)[QStringLiteral("display")].toObject();
    // Matrix mode: exact forms of the first layer's first head, and of the output.
    QCOMPARE(strings(at(display[QStringLiteral("weights")], 0)), (QStringList{"1/3", "1/3", "1/3"}));
    QCOMPARE(strings(at(display[QStringLiteral("weights")], 1)), (QStringList{"1/2", "1/2", "0"}));
    QCOMPARE(strings(at(display[QStringLiteral("scores")], 1)), (QStringList{"2", "4", "6"}));
    QCOMPARE(strings(at(display[QStringLiteral("output")], 0)), (QStringList{"5/2", "√2/2"}));
    QCOMPARE(strings(at(display[QStringLiteral("output")], 1)), (QStringList{"11", "0.123457"}));
    const QJsonArray heads = display[QStringLiteral("heads")].toArray();
    QCOMPARE(heads.size(), 2); // the first layer's
    QCOMPARE(strings(at(heads[1].toObject()[QStringLiteral("output")], 0)), (QStringList{"8/3", "2"}));

    // Elsewhere: decimals with six significant digits.
    trace.exact = false;
    display = traceToJson(trace)[QStringLiteral("display")].toObject();
    QCOMPARE(strings(at(display[QStringLiteral("weights")], 0)),
             (QStringList{"0.333333", "0.333333", "0.333333"}));
    QCOMPARE(strings(at(display[QStringLiteral("output")], 0)), (QStringList{"2.5", "0.707107"}));
    QCOMPARE(strings(at(display[QStringLiteral("scaled")], 0)), (QStringList{"0.5", "1.5", "2.5"}));
}

void TestTraceJson::predictions()
{
    Trace trace = handTrace();
    QJsonObject json = traceToJson(trace);
    const QJsonArray predictions = json[QStringLiteral("predictions")].toArray();
    QCOMPARE(predictions.size(), 2);
    const QJsonObject first = predictions[0].toObject();
    QCOMPARE(first[QStringLiteral("position")].toInt(-1), 0);
    QCOMPARE(first[QStringLiteral("top")].toArray(), (QJsonArray{QJsonArray{7, 0.75}, QJsonArray{5, 0.25}}));
    QCOMPARE(strings(first[QStringLiteral("tokens")]), (QStringList{"b", "a"}));
    const QJsonObject second = predictions[1].toObject();
    QCOMPARE(second[QStringLiteral("position")].toInt(-1), 1);
    QCOMPARE(second[QStringLiteral("top")].toArray(), (QJsonArray{QJsonArray{2, 1.0}}));
    QVERIFY(!second.contains(QStringLiteral("tokens"))); // no tokenizer named them
    QCOMPARE(json[QStringLiteral("predictions_kind")].toString(), QStringLiteral("next_token"));

    trace.predictsNextToken = false; // BERT guesses the token at each position
    QCOMPARE(traceToJson(trace)[QStringLiteral("predictions_kind")].toString(),
             QStringLiteral("masked_token"));
    trace.predictions.clear();
    json = traceToJson(trace);
    QVERIFY(!json.contains(QStringLiteral("predictions")));
    QVERIFY(!json.contains(QStringLiteral("predictions_kind")));
}

// Keys that exist only for some traces: memory tokens for cross-attention, embeddings when a model ran, the
// overrides when given; a trace without heads still has a display with its output.
void TestTraceJson::optionalKeys()
{
    Trace trace = handTrace();
    QVERIFY(!traceToJson(trace).contains(QStringLiteral("embeddings")));
    trace.embeddings = matrix(2, 1, {0.25, -1});
    trace.memoryTokens.clear();
    trace.expOverrides.clear();
    const QJsonObject json = traceToJson(trace);
    ATTNLAB_COMPARE_MATRIX(numbers(json[QStringLiteral("embeddings")]), trace.embeddings.toDouble(), 0);
    QVERIFY(!json.contains(QStringLiteral("memory_tokens")));
    QVERIFY(!json.contains(QStringLiteral("exp_overrides")));

    trace.layers.clear();
    const QJsonObject display = traceToJson(trace)[QStringLiteral("display")].toObject();
    QCOMPARE(display.keys(), QStringList{"output"});
}

// The text a script reads gives back every number exactly: thirds, 1/√2 and 0.1234567 included.
void TestTraceJson::parsesBackToTheSameNumbers()
{
    const Trace trace = handTrace();
    const QByteArray text = QJsonDocument(traceToJson(trace)).toJson(QJsonDocument::Compact);
    QJsonParseError error;
    const QJsonObject json = QJsonDocument::fromJson(text, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    const HeadTrace& h = trace.layers[0].heads[0];
    const QJsonObject parsed = head(json, 0, 0);
    ATTNLAB_COMPARE_MATRIX(numbers(parsed[QStringLiteral("weights")]), h.weights.toDouble(), 0);
    ATTNLAB_COMPARE_MATRIX(numbers(parsed[QStringLiteral("output")]), h.output.toDouble(), 0);
    ATTNLAB_COMPARE_MATRIX(numbers(parsed[QStringLiteral("q")]), h.q.toDouble(), 0);
    ATTNLAB_COMPARE_MATRIX(numbers(parsed[QStringLiteral("k")]), h.k.toDouble(), 0);
    ATTNLAB_COMPARE_MATRIX(numbers(parsed[QStringLiteral("v")]), h.v.toDouble(), 0);
    ATTNLAB_COMPARE_MATRIX(numbers(json[QStringLiteral("output")]), trace.output.toDouble(), 0);
    QCOMPARE(json[QStringLiteral("scale")].toDouble(), 0.5);
    QCOMPARE(strings(json[QStringLiteral("tokens")]), trace.tokens);
    QCOMPARE(json[QStringLiteral("predictions")]
                 .toArray()[0]
                 .toObject()[QStringLiteral("top")]
                 .toArray()[0]
                 .toArray(),
             (QJsonArray{7, 0.75}));
}

// The whole trace numbers its layers and heads from 1, as the command line does, and counts them.
void TestTraceJson::numbersOfLayersAndHeads()
{
    const QJsonObject json = traceToJson(handTrace());
    QCOMPARE(json[QStringLiteral("layer_count")].toInt(), 2);
    QCOMPARE(json[QStringLiteral("head_count")].toInt(), 2);
    QCOMPARE(json[QStringLiteral("layers")].toArray()[1].toObject()[QStringLiteral("layer")].toInt(), 2);
    QCOMPARE(head(json, 0, 1)[QStringLiteral("head")].toInt(), 2);
    QVERIFY(!json.contains(QStringLiteral("layer")));
}

// Layer 1, head 2 (0-based 0, 1): exactly that head, with the keys of the whole trace but its (T, d)
// contribution, its stored scaled scores [1/2 1/2 1/2; 1 1 1], its display strings and the predictions; nothing
// of layer 2. The trace's output is written only in matrix mode (no residual stream), where it is the attention
// output.
void TestTraceJson::selectedHeadOnly()
{
    TraceSelection selection;
    selection.layer = 0;
    selection.head = 1;
    Trace trace = handTrace();
    const QJsonObject json = traceToJson(trace, selection);
    QCOMPARE(json[QStringLiteral("layer")].toInt(), 1);
    QCOMPARE(json[QStringLiteral("head")].toInt(), 2);
    QCOMPARE(json[QStringLiteral("layer_count")].toInt(), 2);
    QCOMPARE(json[QStringLiteral("head_count")].toInt(), 2);
    const QJsonArray layers = json[QStringLiteral("layers")].toArray();
    QCOMPARE(layers.size(), 1);
    const QJsonObject layer = layers[0].toObject();
    QCOMPARE(layer.keys(), (QStringList{"heads", "layer"}));
    QCOMPARE(layer[QStringLiteral("layer")].toInt(), 1);
    QCOMPARE(layer[QStringLiteral("heads")].toArray().size(), 1);
    const QJsonObject h = head(json, 0, 0);
    QCOMPARE(h.keys(), (QStringList{"head", "k", "mask", "output", "q", "scaled", "scores", "v", "weights"}));
    QCOMPARE(h[QStringLiteral("head")].toInt(), 2);
    ATTNLAB_COMPARE_MATRIX(numbers(h[QStringLiteral("scaled")]), matrix(2, 3, {0.5, 0.5, 0.5, 1, 1, 1}), 0);
    ATTNLAB_COMPARE_MATRIX(numbers(h[QStringLiteral("weights")]), matrix(2, 3, {1.0 / 3, 1.0 / 3, 1.0 / 3, 0.5, 0.5, 0}), 0);
    QJsonObject display = json[QStringLiteral("display")].toObject();
    QCOMPARE(strings(at(display[QStringLiteral("scaled")], 0)), (QStringList{"1/2", "1/2", "1/2"}));
    QCOMPARE(display[QStringLiteral("heads")].toArray().size(), 1);
    QVERIFY(!display.contains(QStringLiteral("output")));
    QVERIFY(!json.contains(QStringLiteral("output")));
    QCOMPARE(json[QStringLiteral("predictions")].toArray().size(), 2);
    QCOMPARE(strings(json[QStringLiteral("tokens")]), (QStringList{"a", "b"}));
    QCOMPARE(json[QStringLiteral("token_ids")].toArray(), (QJsonArray{5, 7}));
    QVERIFY(!json.contains(QStringLiteral("embeddings")));

    trace.layers.pop_back(); // matrix mode
    const QJsonObject matrices = traceToJson(trace, selection);
    ATTNLAB_COMPARE_MATRIX(numbers(matrices[QStringLiteral("output")]), trace.output.toDouble(), 0);
    display = matrices[QStringLiteral("display")].toObject();
    QCOMPARE(strings(at(display[QStringLiteral("output")], 0)), (QStringList{"5/2", "√2/2"}));
}

// Layer 2 has a residual stream; the selection leaves it to --all and --trace.
void TestTraceJson::selectedLayerOfAModel()
{
    Trace trace = handTrace();
    trace.embeddings = matrix(2, 1, {0.25, -1});
    TraceSelection selection;
    selection.layer = 1;
    const QJsonObject json = traceToJson(trace, selection);
    QCOMPARE(json[QStringLiteral("layer")].toInt(), 2);
    QCOMPARE(json[QStringLiteral("head")].toInt(), 1);
    QCOMPARE(json[QStringLiteral("head_count")].toInt(), 1);
    const QJsonObject layer = json[QStringLiteral("layers")].toArray()[0].toObject();
    QVERIFY(!layer.contains(QStringLiteral("residual")));
    QVERIFY(!layer.contains(QStringLiteral("attention_output")));
    QVERIFY(!json.contains(QStringLiteral("embeddings")));
    QVERIFY(head(json, 0, 0)[QStringLiteral("scores")].toArray()[0].toArray()[0].isNull()); // layer 2's −∞
}

// average and max show every head of the layer, and the combination the views draw.
void TestTraceJson::selectedAverageHasEveryHead()
{
    Trace trace = handTrace();
    trace.layers[0].heads[1].weights = matrix(2, 3, {1, 0, 0, 0.5, 0.5, 0});
    TraceSelection selection;
    selection.head = AverageHeads;
    const QJsonObject average = traceToJson(trace, selection);
    QCOMPARE(average[QStringLiteral("head")].toString(), QStringLiteral("average"));
    QCOMPARE(average[QStringLiteral("layers")].toArray()[0].toObject()[QStringLiteral("heads")].toArray().size(), 2);
    ATTNLAB_COMPARE_MATRIX(numbers(average[QStringLiteral("layers")].toArray()[0].toObject()[QStringLiteral("weights")]),
                           matrix(2, 3, {2.0 / 3, 1.0 / 6, 1.0 / 6, 0.5, 0.5, 0}), 1e-15);
    selection.head = MaxHeads;
    const QJsonObject max = traceToJson(trace, selection);
    QCOMPARE(max[QStringLiteral("head")].toString(), QStringLiteral("max"));
    ATTNLAB_COMPARE_MATRIX(numbers(max[QStringLiteral("layers")].toArray()[0].toObject()[QStringLiteral("weights")]),
                           matrix(2, 3, {1, 1.0 / 3, 1.0 / 3, 0.5, 0.5, 0}), 0);
    selection.head = AllHeads;
    const QJsonObject all = traceToJson(trace, selection);
    QCOMPARE(all[QStringLiteral("head")].toString(), QStringLiteral("all"));
    QVERIFY(!all[QStringLiteral("layers")].toArray()[0].toObject().contains(QStringLiteral("weights")));
}

// Objects and arrays of arrays indented by four spaces, arrays of numbers or strings on one line; the text parses
// back to the same object, the whole trace's too.
void TestTraceJson::textHasRowsOnOneLine()
{
    const QJsonObject json{{"a", QJsonArray{QJsonArray{1, 2.5}, QJsonArray{3, 4}}},
                           {"b", QJsonObject{{"c", "x\"y"}, {"d", QJsonArray{}}, {"e", QJsonObject{}}}},
                           {"f", 0.5},
                           {"g", QJsonArray{QJsonObject{{"h", true}}, QJsonValue()}},
                           {"tokens", QJsonArray{"a", "ß"}}};
    const QByteArray expected = "{\n"
                                "    \"a\": [\n"
                                "        [1,2.5],\n"
                                "        [3,4]\n"
                                "    ],\n"
                                "    \"b\": {\n"
                                "        \"c\": \"x\\\"y\",\n"
                                "        \"d\": [],\n"
                                "        \"e\": {}\n"
                                "    },\n"
                                "    \"f\": 0.5,\n"
                                "    \"g\": [\n"
                                "        {\n"
                                "            \"h\": true\n"
                                "        },\n"
                                "        null\n"
                                "    ],\n"
                                "    \"tokens\": [\"a\",\"ß\"]\n"
                                "}\n";
    QCOMPARE(jsonText(json), expected);
    QCOMPARE(QJsonDocument::fromJson(jsonText(json)).object(), json);
    const QJsonObject whole = traceToJson(handTrace());
    QCOMPARE(QJsonDocument::fromJson(jsonText(whole)).object(), whole);
}

ATTNLAB_TEST_APPLESS_MAIN(TestTraceJson)
} // namespace tst_trace_json
#include "tst_trace_json.moc"
