// Tests app/workspace/workspace_request.cpp (buildRequest, matrixNames): a sentence becomes a request with
// its text, memory and toy configuration; in matrix mode each form's matrices are evaluated cell by cell into
// the MatrixProblem (the expected values written out: 1/√2 is 0.7071…), every invalid cell is reported with
// its matrix, row, column and the expression parser's own message, and the mask, scaling and exp overrides
// arrive in the request.

#include "app/workspace/workspace_request.h"
#include "model/exact/expression.h"
#include "test_support.h"
#include "test_registry.h"

#include <QTest>

#include <cmath>

Q_DECLARE_METATYPE(attnlab::app::MatrixForm)
Q_DECLARE_METATYPE(attnlab::model::MaskSpec)
Q_DECLARE_METATYPE(attnlab::model::Scaling)

namespace tst_workspace_request {

using namespace attnlab;

namespace {

// "" when options hold exactly this mask and scaling, else what differs.
QString differences(const model::AttentionOptions& options, const model::MaskSpec& mask,
                    const model::Scaling& scaling)
{
    QStringList out;
    const model::MaskSpec& m = options.mask;
    if (m.kind != mask.kind)
        out << QStringLiteral("mask kind %1, expected %2").arg(int(m.kind)).arg(int(mask.kind));
    if (mask.kind == model::MaskKind::Window && m.window != mask.window)
        out << QStringLiteral("window %1, expected %2").arg(m.window).arg(mask.window);
    if (mask.kind == model::MaskKind::Padding && m.padding != mask.padding)
        out << QStringLiteral("padding %1, expected %2").arg(m.padding).arg(mask.padding);
    if (mask.kind == model::MaskKind::Custom &&
        (m.custom.rows() != mask.custom.rows() || m.custom.cols() != mask.custom.cols() ||
         m.custom != mask.custom))
        out << QStringLiteral("another custom mask");
    if (options.scaling.kind != scaling.kind)
        out << QStringLiteral("scaling kind %1, expected %2")
                   .arg(int(options.scaling.kind))
                   .arg(int(scaling.kind));
    if (scaling.kind == model::ScaleKind::Temperature && options.scaling.temperature != scaling.temperature)
        out << QStringLiteral("temperature %1, expected %2")
                   .arg(options.scaling.temperature)
                   .arg(scaling.temperature);
    return out.join(QStringLiteral("; "));
}

model::Matrix matrix(Eigen::Index rows, Eigen::Index cols, std::initializer_list<double> values)
{
    model::Matrix m(rows, cols);
    auto it = values.begin();
    for (Eigen::Index r = 0; r < rows; ++r)
        for (Eigen::Index c = 0; c < cols; ++c)
            m(r, c) = *it++;
    return m;
}

app::WorkspaceState matrices(app::MatrixForm form)
{
    app::WorkspaceState state;
    state.input = app::examMatrices();
    state.input.form = form;
    state.input.matrices[QStringLiteral("M")] = {{"2", "0"}, {"0", "1/2"}, {"-1", "sqrt(4)"}};
    return state;
}

// The exam's cells (app::examMatrices) written out as numbers; h = 1/√2.
const double h = 1 / std::sqrt(2.0);
const model::Matrix kQ = matrix(4, 2, {1, 0, 0, 1, -1, 0, 0, -1});
const model::Matrix kK = matrix(4, 2, {h, h, -h, h, -h, -h, h, -h});
const model::Matrix kV = matrix(4, 2, {12, -3, 14, 16, 7, -10, 6, -3});
const model::Matrix kX = matrix(3, 2, {1, 0, 0, 1, 1, 1});
const model::Matrix kI = matrix(2, 2, {1, 0, 0, 1});
const model::Matrix kM = matrix(3, 2, {2, 0, 0, 0.5, -1, 2});

} // namespace

class TestWorkspaceRequest : public QObject {
    Q_OBJECT
private slots:
    void sentence();
    void matrixForms_data();
    void matrixForms();
    void everyInvalidCell();
    void maskAndScaling_data();
    void maskAndScaling();
    void expOverrides_data();
    void expOverrides();
    void rowNames();
    void shapesAreValidated();
};

void TestWorkspaceRequest::sentence()
{
    app::WorkspaceState state;
    state.input.text = QStringLiteral("得意 な スポーツ");
    state.input.memory = QStringLiteral("野球 が 得意");
    state.input.toyLayers = 3;
    state.input.toyHeads = 2;
    state.input.toyWidth = 24;
    state.input.matrices[QStringLiteral("Q")] = {{"not", "read"}}; // matrices belong to the other mode
    state.compute.positional = model::PositionalKind::Rope;
    state.compute.placement = model::NormPlacement::Post;
    state.compute.maxTokens = 7;
    state.compute.maxLayers = 2;
    state.compute.mask = model::MaskSpec::causal();
    state.compute.scaling = model::Scaling{model::ScaleKind::None, 1};
    state.compute.ablation = {{{0, 1}, {2, 0}}, {1}, model::AblationMode::Mean};
    const app::BuiltRequest built = app::buildRequest(state);
    QVERIFY2(built.request, qPrintable(built.error));
    QVERIFY(built.cellErrors.empty());
    const model::TraceRequest& r = *built.request;
    QVERIFY(r.ablation == (model::Ablation{{{0, 1}, {2, 0}}, {1}, model::AblationMode::Mean}));
    QCOMPARE(r.text, state.input.text);
    QCOMPARE(r.memory, state.input.memory);
    QCOMPARE(r.modelName, QStringLiteral("toy"));
    QVERIFY(!r.problem);
    QCOMPARE(r.toy.layers, 3);
    QCOMPARE(r.toy.heads, 2);
    QCOMPARE(r.toy.dModel, 24);
    QCOMPARE(r.toy.dFf, 4 * 24); // the usual feed-forward width, four times d_model
    QCOMPARE(r.toy.positional, model::PositionalKind::Rope);
    QCOMPARE(r.toy.placement, model::NormPlacement::Post);
    QCOMPARE(r.maxTokens, 7);
    QCOMPARE(r.maxLayers, 2);
    const QString diff =
        differences(r.toy.attention, model::MaskSpec::causal(), model::Scaling{model::ScaleKind::None, 1});
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

void TestWorkspaceRequest::matrixForms_data()
{
    QTest::addColumn<app::MatrixForm>("form");
    QTest::addColumn<QStringList>("names"); // matrixNames(form), in display order
    QTest::newRow("QKV") << app::MatrixForm::QKV << QStringList{"Q", "K", "V"};
    QTest::newRow("Projected") << app::MatrixForm::Projected << QStringList{"X", "Wq", "Wk", "Wv", "Wo"};
    QTest::newRow("XAlone") << app::MatrixForm::XAlone << QStringList{"X"};
    QTest::newRow("Cross") << app::MatrixForm::Cross << QStringList{"X", "M", "Wq", "Wk", "Wv"};
}

// Each form reads its own matrices and no other: the state holds all of Q, K, V, X, M and the projections.
// W_o is optional (the exam's state has none).
void TestWorkspaceRequest::matrixForms()
{
    QFETCH(app::MatrixForm, form);
    QFETCH(QStringList, names);
    QCOMPARE(app::matrixNames(form), names);
    const app::BuiltRequest built = app::buildRequest(matrices(form));
    QVERIFY2(built.request, qPrintable(built.error));
    QVERIFY(built.request->problem);
    const model::MatrixProblem& p = *built.request->problem;
    const auto expect = [&](const QString& name, const std::optional<model::Matrix>& actual,
                            const model::Matrix& expected) {
        if (!names.contains(name)) {
            QVERIFY2(!actual, qPrintable(name + QStringLiteral(" is not part of this form")));
            return;
        }
        QVERIFY2(actual, qPrintable(name + QStringLiteral(" is missing")));
        ATTNLAB_COMPARE_MATRIX(*actual, expected, 1e-15);
    };
    expect(QStringLiteral("Q"), p.q, kQ);
    expect(QStringLiteral("K"), p.k, kK);
    expect(QStringLiteral("V"), p.v, kV);
    expect(QStringLiteral("X"), p.x, kX);
    expect(QStringLiteral("M"), p.memory, kM);
    expect(QStringLiteral("Wq"), p.wq, kI);
    expect(QStringLiteral("Wk"), p.wk, kI);
    expect(QStringLiteral("Wv"), p.wv, kI);
    QVERIFY(!p.wo);
    QCOMPARE(p.heads, 1);
}

// Every cell that does not evaluate is listed, in matrix order then row by row, with the parser's message for
// its text; the status line names the first (1-based), and nothing is computed.
void TestWorkspaceRequest::everyInvalidCell()
{
    app::WorkspaceState state = matrices(app::MatrixForm::QKV);
    state.input.matrices[QStringLiteral("Q")][1][0] = QStringLiteral("1/");
    state.input.matrices[QStringLiteral("K")][0][1] = QStringLiteral("abc");
    state.input.matrices[QStringLiteral("K")][2][0] = QString();
    state.input.matrices[QStringLiteral("V")][3][1] = QStringLiteral("(2");
    state.input.matrices[QStringLiteral("X")][0][0] = QStringLiteral("ignored: X is not a QKV matrix)");
    const app::BuiltRequest built = app::buildRequest(state);
    QVERIFY(!built.request);
    const std::vector<std::tuple<QString, int, int, QString>> expected{
        {"Q", 1, 0, "1/"}, {"K", 0, 1, "abc"}, {"K", 2, 0, ""}, {"V", 3, 1, "(2"}};
    QCOMPARE(built.cellErrors.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
        const auto& [name, row, col, text] = expected[i];
        const app::CellError& e = built.cellErrors[i];
        QCOMPARE(e.matrix, name);
        QCOMPARE(e.row, row);
        QCOMPARE(e.col, col);
        const auto parsed = model::evaluateExpression(text);
        QVERIFY(!parsed);
        QCOMPARE(e.message, parsed.error());
    }
    QCOMPARE(built.error, QStringLiteral("Q: row 2, column 1: ") + model::evaluateExpression("1/").error());
}

void TestWorkspaceRequest::maskAndScaling_data()
{
    QTest::addColumn<model::MaskSpec>("mask");
    QTest::addColumn<model::Scaling>("scaling");
    QTest::addColumn<model::MaskSpec>("expectedMask");
    QTest::addColumn<model::Scaling>("expectedScaling");
    const model::Scaling sqrt{model::ScaleKind::InverseSqrtDk, 1};
    const model::Scaling none{model::ScaleKind::None, 1};
    const model::Scaling hot{model::ScaleKind::Temperature, 2.5};
    model::BoolMatrix custom(4, 4); // (queries, keys) of the exam
    custom << 1, 0, 0, 1, 0, 1, 1, 0, 1, 1, 1, 1, 0, 0, 0, 1;
    QTest::newRow("defaults") << model::MaskSpec::none() << sqrt << model::MaskSpec::none() << sqrt;
    QTest::newRow("causal") << model::MaskSpec::causal() << none << model::MaskSpec::causal() << none;
    QTest::newRow("window") << model::MaskSpec::slidingWindow(2) << hot << model::MaskSpec::slidingWindow(2)
                            << hot;
    QTest::newRow("padding") << model::MaskSpec::paddingLast(1) << sqrt << model::MaskSpec::paddingLast(1)
                             << sqrt;
    QTest::newRow("custom") << model::MaskSpec::fromMatrix(custom) << sqrt
                            << model::MaskSpec::fromMatrix(custom) << sqrt;
    // Out-of-range values from a spin box or a session file are clamped: a window of at least 1, a
    // temperature of at least 0.001.
    QTest::newRow("window 0") << model::MaskSpec::slidingWindow(0) << sqrt
                              << model::MaskSpec::slidingWindow(1) << sqrt;
    QTest::newRow("temperature 0") << model::MaskSpec::none()
                                   << model::Scaling{model::ScaleKind::Temperature, 0}
                                   << model::MaskSpec::none()
                                   << model::Scaling{model::ScaleKind::Temperature, 1e-3};
}

void TestWorkspaceRequest::maskAndScaling()
{
    QFETCH(model::MaskSpec, mask);
    QFETCH(model::Scaling, scaling);
    QFETCH(model::MaskSpec, expectedMask);
    QFETCH(model::Scaling, expectedScaling);
    app::WorkspaceState state = matrices(app::MatrixForm::QKV);
    state.compute.mask = mask;
    state.compute.scaling = scaling;
    const app::BuiltRequest matrixMode = app::buildRequest(state);
    QVERIFY2(matrixMode.request && matrixMode.request->problem, qPrintable(matrixMode.error));
    QString diff = differences(matrixMode.request->problem->options, expectedMask, expectedScaling);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));

    state.input.mode = app::InputMode::Sentence;
    const app::BuiltRequest sentenceMode = app::buildRequest(state);
    QVERIFY2(sentenceMode.request, qPrintable(sentenceMode.error));
    diff = differences(sentenceMode.request->toy.attention, expectedMask, expectedScaling);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

void TestWorkspaceRequest::expOverrides_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<double>>("pairs"); // x, exp(x), x, exp(x), …
    QTest::addColumn<QString>("error");       // "" when the text is valid, else a part of the message
    QTest::newRow("the exam's") << "1/2 = 3/2" << QList<double>{0.5, 1.5} << "";
    QTest::newRow("two, spaced") << " 1/2=3/2 ;  1 = 8/3 ; " << QList<double>{0.5, 1.5, 1, 8.0 / 3} << "";
    QTest::newRow("none") << "" << QList<double>{} << "";
    QTest::newRow("no equals sign") << "1/2" << QList<double>{} << "write x = value";
    QTest::newRow("not positive") << "1/2 = -3/2" << QList<double>{} << "must be positive";
    QTest::newRow("bad value") << "1/2 = 3/" << QList<double>{} << "\"1/2 = 3/\"";
}

void TestWorkspaceRequest::expOverrides()
{
    QFETCH(QString, text);
    QFETCH(QList<double>, pairs);
    QFETCH(QString, error);
    app::WorkspaceState state = matrices(app::MatrixForm::QKV);
    state.input.expOverrides = text;
    const app::BuiltRequest built = app::buildRequest(state);
    if (!error.isEmpty()) {
        QVERIFY(!built.request);
        QVERIFY2(built.error.contains(error), qPrintable(built.error));
        return;
    }
    QVERIFY2(built.request && built.request->problem, qPrintable(built.error));
    const model::ExpOverrides& overrides = built.request->problem->options.expOverrides;
    QCOMPARE(qsizetype(overrides.size()) * 2, pairs.size());
    for (size_t i = 0; i < overrides.size(); ++i) {
        QCOMPARE(overrides[i].x, pairs[qsizetype(2 * i)]);
        QCOMPARE(overrides[i].value, pairs[qsizetype(2 * i + 1)]);
    }
}

// Row names go with the problem when there is one per row: the query rows (Q or X) and the key rows (K or M).
void TestWorkspaceRequest::rowNames()
{
    app::WorkspaceState state = matrices(app::MatrixForm::QKV);
    state.input.tokens = QStringList{"q1", "q2", "q3", "q4"};
    state.input.memoryTokens = QStringList{"k1", "k2", "k3", "k4"};
    auto built = app::buildRequest(state);
    QVERIFY2(built.request, qPrintable(built.error));
    QCOMPARE(built.request->problem->tokens, state.input.tokens);
    QCOMPARE(built.request->problem->memoryTokens, state.input.memoryTokens);

    // After a row was added the names would label the wrong rows: numbered instead.
    state.input.tokens << QStringLiteral("q5");
    built = app::buildRequest(state);
    QVERIFY2(built.request, qPrintable(built.error));
    QVERIFY(built.request->problem->tokens.isEmpty());
    QCOMPARE(built.request->problem->memoryTokens.size(), 4);

    // Cross-attention: the keys are M's three rows; self-attention from X has no key names of its own.
    state = matrices(app::MatrixForm::Cross);
    state.input.tokens = QStringList{"x1", "x2", "x3"};
    state.input.memoryTokens = QStringList{"m1", "m2", "m3"};
    built = app::buildRequest(state);
    QVERIFY2(built.request, qPrintable(built.error));
    QCOMPARE(built.request->problem->tokens, state.input.tokens);
    QCOMPARE(built.request->problem->memoryTokens, state.input.memoryTokens);
    state.input.form = app::MatrixForm::Projected;
    built = app::buildRequest(state);
    QVERIFY2(built.request, qPrintable(built.error));
    QVERIFY(built.request->problem->memoryTokens.isEmpty());
}

// Cells that evaluate but do not fit together: the problem's own message, no cell errors, no request.
void TestWorkspaceRequest::shapesAreValidated()
{
    app::WorkspaceState state = matrices(app::MatrixForm::QKV);
    state.input.matrices[QStringLiteral("K")] = {
        {"1", "2", "3"}, {"4", "5", "6"}, {"7", "8", "9"}, {"1", "1", "1"}};
    auto built = app::buildRequest(state);
    QVERIFY(!built.request);
    QVERIFY(built.cellErrors.empty());
    QVERIFY2(built.error.contains(QStringLiteral("K has 3 columns but Q has 2")), qPrintable(built.error));

    // Two heads split the projected widths; zero heads mean one.
    state = matrices(app::MatrixForm::Projected);
    state.input.heads = 2;
    built = app::buildRequest(state);
    QVERIFY2(built.request, qPrintable(built.error));
    QCOMPARE(built.request->problem->heads, 2);
    state.input.heads = 0;
    built = app::buildRequest(state);
    QVERIFY2(built.request, qPrintable(built.error));
    QCOMPARE(built.request->problem->heads, 1);
}

ATTNLAB_TEST_APPLESS_MAIN(TestWorkspaceRequest)
} // namespace tst_workspace_request
#include "tst_workspace_request.moc"
