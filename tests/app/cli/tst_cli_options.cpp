// Tests app/cli/cli_options.cpp in process: argv -> TraceRequest for each input (matrices, text, lesson,
// session, exactly one of them), the mask, scaling, toy-model and limit options, and argv + a trace ->
// TraceSelection. Expected values are the options as typed (a 1-based --layer 2 is layer index 1), the
// defaults written in model/attention/toy_model.h, and the exam's matrices as the course states them; every
// bad value is checked for its whole one-line message and for being bad input (exit 1), not bad usage (exit
// 2).

#include "app/cli/cli_options.h"
#include "app/session/session_file.h"
#include "test_support.h"
#include "test_registry.h"

#include <QCommandLineParser>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace tst_cli_options {

using namespace attnlab;

namespace {

struct Parsed {
    std::optional<model::TraceRequest> request;
    QString error;
    bool usage = false;
};

// argv after the command -> what requestFromOptions makes of it.
Parsed parse(const QStringList& arguments)
{
    QCommandLineParser parser;
    app::addCommonOptions(parser);
    Parsed parsed;
    if (!parser.parse(QStringList{QStringLiteral("attnlab")} + arguments)) {
        parsed.error = QStringLiteral("QCommandLineParser: ") + parser.errorText();
        return parsed;
    }
    parsed.request = app::requestFromOptions(parser, &parsed.error, &parsed.usage);
    return parsed;
}

// A trace with the given number of heads in each layer and these tokens; selectionFromOptions reads only the
// shape of the trace.
model::Trace traceWithHeads(const std::vector<int>& headsPerLayer, const QStringList& tokens)
{
    model::Trace trace;
    trace.tokens = tokens;
    for (int heads : headsPerLayer) {
        model::LayerTrace layer;
        layer.heads.resize(size_t(heads));
        trace.layers.push_back(layer);
    }
    return trace;
}

struct Selected {
    std::optional<model::TraceSelection> selection;
    QString error;
};

Selected selectFrom(const QStringList& arguments, const model::Trace& trace, const model::TraceSelection& defaults = {})
{
    QCommandLineParser parser;
    app::addCommonOptions(parser);
    Selected out;
    if (!parser.parse(QStringList{QStringLiteral("attnlab"), QStringLiteral("--text"), QStringLiteral("a")} +
                      arguments)) {
        out.error = parser.errorText();
        return out;
    }
    out.selection = app::selectionFromOptions(parser, trace, &out.error, defaults);
    return out;
}

} // namespace

class TestCliOptions : public QObject {
    Q_OBJECT
private slots:
    void matricesFile()
    {
        const Parsed p = parse({"--matrices", "exam.json"});
        QVERIFY2(p.request, qPrintable(p.error));
        QCOMPARE(p.request->matricesFile, QStringLiteral("exam.json"));
        QVERIFY(p.request->text.isEmpty());
        QVERIFY(!p.request->problem); // the file is read by computeTrace, not here
        QVERIFY(p.request->lesson.isEmpty());
        QCOMPARE(p.request->modelName, QStringLiteral("toy"));
        QVERIFY(!p.request->mask);
        QVERIFY(!p.request->scaling);
        QCOMPARE(p.request->maxTokens, 0);
        QCOMPARE(p.request->maxLayers, 0);
    }

    void textWithMemoryModelAndTokenizer()
    {
        const Parsed p = parse({"--text", "得意 な スポーツ", "--memory", "野球 が 得意", "--model",
                                "/models/gpt2", "--tokenizer", "/models/tok.json"});
        QVERIFY2(p.request, qPrintable(p.error));
        QCOMPARE(p.request->text, QStringLiteral("得意 な スポーツ"));
        QCOMPARE(p.request->memory, QStringLiteral("野球 が 得意"));
        QCOMPARE(p.request->modelName, QStringLiteral("/models/gpt2"));
        QCOMPARE(p.request->tokenizerPath, QStringLiteral("/models/tok.json"));
        QVERIFY(p.request->matricesFile.isEmpty());
        // The toy model's defaults (model/attention/toy_model.h), the window's too: 2 layers of 4 heads, d 32,
        // d_ff 4 × 32 = 128, seed 42.
        QCOMPARE(p.request->toy.layers, 2);
        QCOMPARE(p.request->toy.heads, 4);
        QCOMPARE(p.request->toy.dModel, 32);
        QCOMPARE(p.request->toy.dFf, 128);
        QCOMPARE(p.request->toy.seed, quint32(42));
    }

    void exactlyOneInput_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("none") << QStringList{};
        QTest::newRow("only options") << QStringList{"--mask", "causal", "--layers", "3"};
        QTest::newRow("matrices and text") << QStringList{"--matrices", "a.json", "--text", "a b"};
        QTest::newRow("text and lesson") << QStringList{"--text", "a b", "--lesson", "exam-softmax"};
        QTest::newRow("lesson and session")
            << QStringList{"--lesson", "exam-softmax", "--session", "s.attnlab"};
        QTest::newRow("all four") << QStringList{"--matrices", "a.json", "--text",    "a",
                                                 "--lesson",   "x",      "--session", "s.attnlab"};
    }
    void exactlyOneInput()
    {
        QFETCH(QStringList, arguments);
        const Parsed p = parse(arguments);
        QVERIFY(!p.request);
        QVERIFY(p.usage); // exit 2, with the usage after the message
        QCOMPARE(
            p.error,
            QStringLiteral(
                "give exactly one input: --matrices FILE.json, --text \"…\", --lesson ID|FILE or --session FILE"));
    }

    void maskAndScaling_data()
    {
        QTest::addColumn<QString>("mask");
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("size"); // window or padding
        QTest::newRow("none") << "none" << int(model::MaskKind::None) << 0;
        QTest::newRow("causal") << "causal" << int(model::MaskKind::Causal) << 0;
        QTest::newRow("upper case") << "CAUSAL" << int(model::MaskKind::Causal) << 0;
        QTest::newRow("window") << "window:3" << int(model::MaskKind::Window) << 3;
        QTest::newRow("padding") << "padding:2" << int(model::MaskKind::Padding) << 2;
    }
    void maskAndScaling()
    {
        QFETCH(QString, mask);
        QFETCH(int, kind);
        QFETCH(int, size);
        const Parsed p = parse({"--text", "a b c", "--mask", mask});
        QVERIFY2(p.request && p.request->mask, qPrintable(p.error));
        QCOMPARE(int(p.request->mask->kind), kind);
        if (kind == int(model::MaskKind::Window)) QCOMPARE(p.request->mask->window, size);
        if (kind == int(model::MaskKind::Padding)) QCOMPARE(p.request->mask->padding, size);
        QVERIFY(!p.request->scaling); // not given: the input's own scaling stays

        const Parsed none = parse({"--text", "a", "--scaling", "none"});
        QVERIFY(none.request && none.request->scaling);
        QCOMPARE(none.request->scaling->kind, model::ScaleKind::None);
        const Parsed sqrt = parse({"--text", "a", "--scaling", "sqrt"});
        QVERIFY(sqrt.request && sqrt.request->scaling);
        QCOMPARE(sqrt.request->scaling->kind, model::ScaleKind::InverseSqrtDk);
        const Parsed hot = parse({"--text", "a", "--scaling", "temperature:2.5"});
        QVERIFY(hot.request && hot.request->scaling);
        QCOMPARE(hot.request->scaling->kind, model::ScaleKind::Temperature);
        QCOMPARE(hot.request->scaling->temperature, 2.5);
    }

    void toyModelOptions()
    {
        const Parsed p =
            parse({"--text", "a b", "--layers", "3", "--heads", "4", "--d-model", "32", "--d-ff", "128",
                   "--seed", "7", "--pe", "rope", "--norm", "post", "--activation", "silu"});
        QVERIFY2(p.request, qPrintable(p.error));
        const model::ToyConfig& toy = p.request->toy;
        QCOMPARE(toy.layers, 3);
        QCOMPARE(toy.heads, 4);
        QCOMPARE(toy.dModel, 32);
        QCOMPARE(toy.dFf, 128);
        QCOMPARE(toy.seed, quint32(7));
        QCOMPARE(toy.positional, model::PositionalKind::Rope);
        QCOMPARE(toy.placement, model::NormPlacement::Post);
        QCOMPARE(toy.activation, model::Activation::Silu);

        // The ends of each range are accepted: 1 and 24 layers, 64 heads, d 1024, d_ff 8192, seed 2³² − 1.
        const Parsed edges = parse({"--text", "a", "--layers", "24", "--heads", "64", "--d-model", "1024",
                                    "--d-ff", "8192", "--seed", "4294967295"});
        QVERIFY2(edges.request, qPrintable(edges.error));
        QCOMPARE(edges.request->toy.layers, 24);
        QCOMPARE(edges.request->toy.heads, 64);
        QCOMPARE(edges.request->toy.dModel, 1024);
        QCOMPARE(edges.request->toy.dFf, 8192);
        QCOMPARE(edges.request->toy.seed, quint32(4294967295u));
        const Parsed one = parse({"--text", "a", "--layers", "1", "--seed", "0"});
        QVERIFY2(one.request, qPrintable(one.error));
        QCOMPARE(one.request->toy.layers, 1);
        QCOMPARE(one.request->toy.seed, quint32(0));
    }

    void limits()
    {
        const Parsed p = parse({"--text", "a b", "--max-tokens", "5", "--max-layers", "2"});
        QVERIFY2(p.request, qPrintable(p.error));
        QCOMPARE(p.request->maxTokens, 5);
        QCOMPARE(p.request->maxLayers, 2);
        // 2²⁴ tokens and 2¹⁶ layers are the largest accepted.
        const Parsed high = parse({"--text", "a", "--max-tokens", "16777216", "--max-layers", "65536"});
        QVERIFY2(high.request, qPrintable(high.error));
        QCOMPARE(high.request->maxTokens, 1 << 24);
        QCOMPARE(high.request->maxLayers, 1 << 16);
    }

    void badValues_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown mask")
            << QStringList{"--mask", "upper"}
            << "unknown mask \"upper\" (expected none, causal, window:K or padding:N)";
        QTest::newRow("window 0") << QStringList{"--mask", "window:0"}
                                  << "mask \"window:0\": the window must be a whole number ≥ 1";
        QTest::newRow("window without size")
            << QStringList{"--mask", "window"}
            << "unknown mask \"window\" (expected none, causal, window:K or padding:N)";
        QTest::newRow("padding -1") << QStringList{"--mask", "padding:-1"}
                                    << "mask \"padding:-1\": the padding must be a whole number ≥ 0";
        QTest::newRow("unknown scaling") << QStringList{"--scaling", "log"}
                                         << "unknown scaling \"log\" (expected sqrt, none or temperature:T)";
        QTest::newRow("temperature 0")
            << QStringList{"--scaling", "temperature:0"}
            << "scaling \"temperature:0\": the temperature must be a positive number";
        QTest::newRow("layers 0") << QStringList{"--layers", "0"}
                                  << "--layers \"0\": expected a whole number from 1 to 24";
        QTest::newRow("layers 25") << QStringList{"--layers", "25"}
                                   << "--layers \"25\": expected a whole number from 1 to 24";
        QTest::newRow("heads text") << QStringList{"--heads", "four"}
                                    << "--heads \"four\": expected a whole number from 1 to 64";
        QTest::newRow("heads fraction")
            << QStringList{"--heads", "2.5"} << "--heads \"2.5\": expected a whole number from 1 to 64";
        QTest::newRow("d-model") << QStringList{"--d-model", "1025"}
                                 << "--d-model \"1025\": expected a whole number from 1 to 1024";
        QTest::newRow("d-ff") << QStringList{"--d-ff", "8193"}
                              << "--d-ff \"8193\": expected a whole number from 1 to 8192";
        QTest::newRow("seed negative")
            << QStringList{"--seed", "-1"} << "--seed \"-1\": expected a whole number ≥ 0";
        QTest::newRow("seed 2^32") << QStringList{"--seed", "4294967296"}
                                   << "--seed \"4294967296\": expected a whole number ≥ 0";
        QTest::newRow("max-tokens 0") << QStringList{"--max-tokens", "0"}
                                      << "--max-tokens \"0\": expected a whole number from 1 to 16777216";
        QTest::newRow("max-layers") << QStringList{"--max-layers", "65537"}
                                    << "--max-layers \"65537\": expected a whole number from 1 to 65536";
        QTest::newRow("pe") << QStringList{"--pe", "cosine"}
                            << "unknown positional encoding \"cosine\" (expected ";
        QTest::newRow("norm") << QStringList{"--norm", "middle"}
                              << "unknown LayerNorm placement \"middle\" (expected ";
        QTest::newRow("activation") << QStringList{"--activation", "tanh"}
                                    << "unknown activation \"tanh\" (expected ";
        QTest::newRow("unknown lesson") << QStringList{} << "unknown lesson \"nope\" (known: exam-softmax, ";
    }
    void badValues()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        // The lesson row has its own input; the others a sentence.
        const QStringList input =
            arguments.isEmpty() ? QStringList{"--lesson", "nope"} : QStringList{"--text", "a b"};
        const Parsed p = parse(input + arguments);
        QVERIFY(!p.request);
        QVERIFY(!p.usage); // a malformed value: exit 1, one line
        // A message ending in "(expected " lists the names; the rest is compared whole.
        if (message.endsWith(QLatin1String("(expected ")) || message.endsWith(QLatin1String(", ")))
            QVERIFY2(p.error.startsWith(message), qPrintable(p.error));
        else
            QCOMPARE(p.error, message);
        QVERIFY(!p.error.contains(QLatin1Char('\n')));
    }

    void examLesson()
    {
        const Parsed p = parse({"--lesson", "exam-softmax"});
        QVERIFY2(p.request, qPrintable(p.error));
        QCOMPARE(p.request->lesson, QStringLiteral("exam-softmax"));
        QVERIFY(p.request->problem);
        const model::MatrixProblem& problem = *p.request->problem;
        // The exam: Q = [[1,0],[0,1],[−1,0],[0,−1]], K on the unit circle at 45°, 135°, 225°, 315°
        // (±1/√2 = ±0.70710678…), V as printed, and the answer key's exp(1/2) ≈ 3/2.
        QVERIFY(problem.q && problem.k && problem.v);
        ATTNLAB_COMPARE_MATRIX(*problem.q, (model::Matrix{{1, 0}, {0, 1}, {-1, 0}, {0, -1}}), 0.0);
        const double r = 0.70710678118654752;
        QVERIFY(std::abs((*problem.k)(1, 0) + r) < 1e-12 && std::abs((*problem.k)(1, 1) - r) < 1e-12);
        ATTNLAB_COMPARE_MATRIX(*problem.v, (model::Matrix{{12, -3}, {14, 16}, {7, -10}, {6, -3}}), 0.0);
        QCOMPARE(problem.tokens, (QStringList{"x1", "x2", "x3", "x4"}));
        QCOMPARE(problem.options.expOverrides.size(), size_t(1));
        QCOMPARE(problem.options.expOverrides.front().x, 0.5);
        QCOMPARE(problem.options.expOverrides.front().value, 1.5);
        QCOMPARE(problem.options.mask.kind, model::MaskKind::None);
        QCOMPARE(problem.options.scaling.kind, model::ScaleKind::InverseSqrtDk);
        QVERIFY(p.request->text.isEmpty());
    }

    void explicitOptionsReplaceTheLessons()
    {
        // causal-mask's matrices carry "mask": "causal"; --mask and --scaling replace the lesson's own.
        const Parsed lesson = parse({"--lesson", "causal-mask"});
        QVERIFY2(lesson.request && lesson.request->problem, qPrintable(lesson.error));
        QCOMPARE(lesson.request->problem->options.mask.kind, model::MaskKind::Causal);
        const Parsed replaced =
            parse({"--lesson", "causal-mask", "--mask", "window:2", "--scaling", "temperature:4"});
        QVERIFY2(replaced.request && replaced.request->problem, qPrintable(replaced.error));
        QCOMPARE(replaced.request->problem->options.mask.kind, model::MaskKind::Window);
        QCOMPARE(replaced.request->problem->options.mask.window, 2);
        QCOMPARE(replaced.request->problem->options.scaling.kind, model::ScaleKind::Temperature);
        QCOMPARE(replaced.request->problem->options.scaling.temperature, 4.0);

        // animal-it is a sentence for the toy model; --memory and --model given replace the lesson's.
        const Parsed sentence = parse({"--lesson", "animal-it"});
        QVERIFY2(sentence.request, qPrintable(sentence.error));
        QVERIFY(!sentence.request->problem);
        QCOMPARE(sentence.request->text,
                 QStringLiteral("The animal didn't cross the street because it was too tired."));
        QCOMPARE(sentence.request->modelName, QStringLiteral("toy"));
        QVERIFY(sentence.request->memory.isEmpty());
        const Parsed overridden =
            parse({"--lesson", "animal-it", "--memory", "the road", "--model", "/m/gpt2", "--layers", "3"});
        QVERIFY2(overridden.request, qPrintable(overridden.error));
        QCOMPARE(overridden.request->text,
                 QStringLiteral("The animal didn't cross the street because it was too tired."));
        QCOMPARE(overridden.request->memory, QStringLiteral("the road"));
        QCOMPARE(overridden.request->modelName, QStringLiteral("/m/gpt2"));
        QCOMPARE(overridden.request->toy.layers, 3);
    }

    void session()
    {
        QTemporaryDir dir;
        app::Session saved;
        saved.workspace.input.text = QStringLiteral("one two three");
        saved.workspace.input.memory = QStringLiteral("four five");
        saved.workspace.input.toyLayers = 3;
        saved.workspace.input.toyHeads = 2;
        saved.workspace.input.toyWidth = 8;
        saved.workspace.compute.mask.kind = model::MaskKind::Causal;
        const QString path = dir.filePath(QStringLiteral("s.attnlab"));
        QVERIFY(app::writeSessionFile(path, saved).ok());

        const Parsed p = parse({"--session", path});
        QVERIFY2(p.request, qPrintable(p.error));
        QCOMPARE(p.request->text, QStringLiteral("one two three"));
        QCOMPARE(p.request->memory, QStringLiteral("four five"));
        QCOMPARE(p.request->modelName, QStringLiteral("toy"));
        QCOMPARE(p.request->toy.layers, 3);
        QCOMPARE(p.request->toy.heads, 2);
        QCOMPARE(p.request->toy.dModel, 8);
        QCOMPARE(p.request->toy.dFf, 32); // the workspace's d_ff is 4·d
        QCOMPARE(p.request->toy.attention.mask.kind, model::MaskKind::Causal);
        QVERIFY(!p.request->mask); // the session's mask travels in the toy configuration

        // Explicit options replace the session's settings; the rest stays.
        const Parsed o = parse({"--session", path, "--memory", "six", "--model", "/m/bert", "--tokenizer",
                                "/t.json", "--mask", "none", "--layers", "1"});
        QVERIFY2(o.request, qPrintable(o.error));
        QCOMPARE(o.request->text, QStringLiteral("one two three"));
        QCOMPARE(o.request->memory, QStringLiteral("six"));
        QCOMPARE(o.request->modelName, QStringLiteral("/m/bert"));
        QCOMPARE(o.request->tokenizerPath, QStringLiteral("/t.json"));
        QVERIFY(o.request->mask);
        QCOMPARE(o.request->mask->kind, model::MaskKind::None);
        QCOMPARE(o.request->toy.layers, 1);
        QCOMPARE(o.request->toy.heads, 2);

        // A session of the exam's matrices: --mask lands in its problem.
        app::Session exam;
        exam.workspace.input = app::examMatrices();
        const QString examPath = dir.filePath(QStringLiteral("exam.attnlab"));
        QVERIFY(app::writeSessionFile(examPath, exam).ok());
        const Parsed m = parse({"--session", examPath, "--mask", "causal"});
        QVERIFY2(m.request && m.request->problem, qPrintable(m.error));
        QCOMPARE(m.request->problem->options.mask.kind, model::MaskKind::Causal);
        QCOMPARE(m.request->problem->q->rows(), 4);

        // A missing file is bad input naming the file.
        const QString missing = dir.filePath(QStringLiteral("missing.attnlab"));
        const Parsed gone = parse({"--session", missing});
        QVERIFY(!gone.request);
        QVERIFY(!gone.usage);
        QVERIFY2(gone.error.contains(missing), qPrintable(gone.error));
    }

    void selection()
    {
        // Layer 1 has one head, layer 2 three: --head is checked against the layer chosen.
        const model::Trace trace = traceWithHeads({1, 3}, {"The", "cat", "it"});
        const Selected none = selectFrom({}, trace);
        QVERIFY(none.selection);
        QCOMPARE(none.selection->layer, 0);
        QCOMPARE(none.selection->head, 0);
        QCOMPARE(none.selection->query, -1);

        const Selected s = selectFrom({"--layer", "2", "--head", "3", "--query", "2"}, trace);
        QVERIFY2(s.selection, qPrintable(s.error));
        QCOMPARE(s.selection->layer, 1);
        QCOMPARE(s.selection->head, 2);
        QCOMPARE(s.selection->query, 1);

        for (const auto& [text, choice] :
             {std::pair{"all", model::AllHeads}, std::pair{"AVERAGE", model::AverageHeads},
              std::pair{"max", model::MaxHeads}}) {
            const Selected h = selectFrom({"--head", QLatin1String(text)}, trace);
            QVERIFY2(h.selection, qPrintable(h.error));
            QCOMPARE(h.selection->head, int(choice));
        }
        // A token, in any case; the first of equal tokens.
        const Selected it = selectFrom({"--query", "IT"}, trace);
        QVERIFY2(it.selection, qPrintable(it.error));
        QCOMPARE(it.selection->query, 2);
        const Selected the = selectFrom({"--query", "the"}, traceWithHeads({1}, {"the", "cat", "the"}));
        QVERIFY(the.selection);
        QCOMPARE(the.selection->query, 0);
        // A number that is not a position may still be a token.
        const Selected year = selectFrom({"--query", "1984"}, traceWithHeads({1}, {"in", "1984"}));
        QVERIFY2(year.selection, qPrintable(year.error));
        QCOMPARE(year.selection->query, 1);
    }

    void selectionDefaults()
    {
        // run's default is the last layer (here layer 2 of 2, with 3 heads), so --head is checked against it.
        const model::Trace trace = traceWithHeads({1, 3}, {"The", "cat", "it"});
        model::TraceSelection last;
        last.layer = 1;
        const Selected none = selectFrom({}, trace, last);
        QVERIFY2(none.selection, qPrintable(none.error));
        QCOMPARE(none.selection->layer, 1);
        QCOMPARE(none.selection->head, 0);
        const Selected third = selectFrom({"--head", "3"}, trace, last);
        QVERIFY2(third.selection, qPrintable(third.error));
        QCOMPARE(third.selection->head, 2);
        const Selected first = selectFrom({"--layer", "1"}, trace, last);
        QVERIFY2(first.selection, qPrintable(first.error));
        QCOMPARE(first.selection->layer, 0);
    }

    void selectionOutOfRange_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("layer 0") << QStringList{"--layer", "0"}
                                 << "--layer 0 is out of range: expected 1 to 2 (the trace has 2 layers)";
        QTest::newRow("layer 3") << QStringList{"--layer", "3"}
                                 << "--layer 3 is out of range: expected 1 to 2 (the trace has 2 layers)";
        QTest::newRow("layer word") << QStringList{"--layer", "last"}
                                    << "--layer last is out of range: expected 1 to 2 (the trace has 2 layers)";
        QTest::newRow("head of layer 1")
            << QStringList{"--head", "2"}
            << "--head 2 is out of range: expected 1, all, average or max (layer 1 has 1 head)";
        QTest::newRow("head of layer 2")
            << QStringList{"--layer", "2", "--head", "4"}
            << "--head 4 is out of range: expected 1 to 3, all, average or max (layer 2 has 3 heads)";
        QTest::newRow("head word")
            << QStringList{"--head", "mean"}
            << "--head mean is out of range: expected 1, all, average or max (layer 1 has 1 head)";
        QTest::newRow("query 0") << QStringList{"--query", "0"}
                                 << "--query \"0\" is neither a position from 1 to 3 nor one of the tokens";
        QTest::newRow("query 4") << QStringList{"--query", "4"}
                                 << "--query \"4\" is neither a position from 1 to 3 nor one of the tokens";
        QTest::newRow("query token")
            << QStringList{"--query", "dog"}
            << "--query \"dog\" is neither a position from 1 to 3 nor one of the tokens";
    }
    void selectionOutOfRange()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Selected s = selectFrom(arguments, traceWithHeads({1, 3}, {"The", "cat", "it"}));
        QVERIFY(!s.selection);
        QCOMPARE(s.error, message);
    }
};

ATTNLAB_TEST_MAIN(TestCliOptions)
} // namespace tst_cli_options
#include "tst_cli_options.moc"
