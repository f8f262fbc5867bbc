// Tests widgets/views/step_view.cpp (with step_figure.cpp and step_arithmetic.cpp): stepping with the keys, the
// written-out arithmetic of the exam's answer key, large matrices, and export.

#include "widgets/drawing/figure_export.h"
#include "widgets/views/heatmap_test_traces.h"
#include "model/exact/matrix_problem.h"
#include "widgets/views/step_arithmetic.h"
#include "widgets/views/step_figure.h"
#include "widgets/views/step_view.h"
#include "test_support.h"
#include "model/attention/toy_model.h"
#include "test_registry.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace tst_step_view {

using namespace attnlab;
using namespace attnlab::widgets;

namespace {

// The exam: four queries, keys on the unit circle, exp(1/2) ≈ 3/2 as the answer key says.
std::shared_ptr<const model::Trace> examTrace()
{
    const double r = 1.0 / std::sqrt(2.0);
    model::MatrixProblem problem;
    problem.q = model::Matrix{{1, 0}, {0, 1}, {-1, 0}, {0, -1}};
    problem.k = model::Matrix{{r, r}, {-r, r}, {-r, -r}, {r, -r}};
    problem.v = model::Matrix{{12, -3}, {14, 16}, {7, -10}, {6, -3}};
    problem.tokens = {QStringLiteral("x1"), QStringLiteral("x2"), QStringLiteral("x3"), QStringLiteral("x4")};
    problem.options.expOverrides = {{0.5, 1.5}};
    auto trace = model::runMatrixProblem(problem);
    if (!trace.ok())
        qFatal("%s", qPrintable(trace.error()));
    return std::make_shared<const model::Trace>(std::move(trace).value());
}

ViewStyle exactStyle(Theme theme = Theme::Light, bool presentation = false)
{
    ViewStyle style;
    style.exact = true;
    style.theme = theme;
    style.presentation = presentation;
    return style;
}

// Pixels that differ from the background: a blank figure has none.
int inkPixels(const QImage& image, const QColor& background)
{
    int count = 0;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            count += image.pixelColor(x, y) != background ? 1 : 0;
    return count;
}

std::shared_ptr<const model::Trace> sentenceTrace()
{
    auto trace = model::ToyModel(model::ToyConfig{}).run(QStringLiteral("The animal didn't cross the street because it was too tired"));
    if (!trace.ok())
        qFatal("%s", qPrintable(trace.error()));
    return std::make_shared<const model::Trace>(std::move(trace).value());
}

} // namespace

class TestStepView : public QObject {
    Q_OBJECT
private slots:
    void arrowKeysMoveTheStep()
    {
        StepView view;
        view.setTrace(examTrace());
        QCOMPARE(view.viewName(), QStringLiteral("steps"));
        QCOMPARE(view.focusPolicy(), Qt::StrongFocus);
        QSignalSpy spy(&view, &StepView::stepChanged);
        QCOMPARE(view.step(), 0);
        QTest::keyClick(&view, Qt::Key_Right);
        QCOMPARE(view.step(), 1);
        QTest::keyClick(&view, Qt::Key_Right);
        QTest::keyClick(&view, Qt::Key_Right);
        QCOMPARE(view.step(), 3);
        QTest::keyClick(&view, Qt::Key_Left);
        QCOMPARE(view.step(), 2);
        QCOMPARE(spy.count(), 4);
        QCOMPARE(spy.last().at(0).toInt(), 2);
        // Clamped at both ends, and no signal when nothing changes.
        view.setStep(4);
        QTest::keyClick(&view, Qt::Key_Right);
        QCOMPARE(view.step(), 4);
        view.setStep(-3);
        QCOMPARE(view.step(), 0);
        QCOMPARE(spy.count(), 6);
    }

    void upDownAskForAnotherQuery()
    {
        StepView view;
        view.setTrace(examTrace());
        model::TraceSelection selection;
        selection.query = 1;
        view.setSelection(selection);
        QSignalSpy spy(&view, &TraceView::querySelected);
        QTest::keyClick(&view, Qt::Key_Down);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.last().at(0).toInt(), 2);
    }

    void examArithmetic_data()
    {
        QTest::addColumn<bool>("derived");
        QTest::newRow("scaled scores stored") << false;
        QTest::newRow("scaled scores derived, as in a checkpoint's trace") << true;
    }

    void examArithmetic()
    {
        QFETCH(bool, derived);
        StepView view;
        view.setTrace(derived ? test::withoutScaledScores(examTrace()) : examTrace());
        view.setStyle(exactStyle());
        model::TraceSelection selection;
        selection.query = 1; // the exam's query 2
        view.setSelection(selection);

        const QString scores = view.rowArithmetic(0);
        QVERIFY2(scores.contains(QStringLiteral("√2/2")), qPrintable(scores));
        const QString scaled = view.rowArithmetic(1);
        QVERIFY2(scaled.contains(QStringLiteral("[1/2, 1/2, \u22121/2, \u22121/2]")), qPrintable(scaled));
        const QString softmax = view.rowArithmetic(3);
        for (const char* part : {"9/26", "2/13", "13/3", "3/2", "2/3", "e^{1/2}"})
            QVERIFY2(softmax.contains(QString::fromUtf8(part)), qPrintable(softmax + " lacks " + part));
        QVERIFY2(softmax.endsWith(QStringLiteral("= [9/26, 9/26, 2/13, 2/13]")), qPrintable(softmax));
        const QString output = view.rowArithmetic(4);
        QVERIFY2(output.contains(QStringLiteral("9/26·[12, \u22123]")), qPrintable(output));
        QVERIFY2(output.endsWith(QStringLiteral("= [11, 5/2]")), qPrintable(output));

        // Without a selection the first row is shown.
        view.setSelection({});
        QVERIFY(view.rowArithmetic(4).startsWith(QStringLiteral("y₁ = ")));
    }

    void decimalsWhenExactIsOff()
    {
        StepView view;
        view.setTrace(examTrace());
        model::TraceSelection selection;
        selection.query = 1;
        view.setSelection(selection);
        const QString softmax = view.rowArithmetic(3);
        QVERIFY2(softmax.contains(QStringLiteral("0.346")), qPrintable(softmax));
        QVERIFY2(!softmax.contains(QStringLiteral("9/26")), qPrintable(softmax));
    }

    void maskedCellsAreMinusInfinity()
    {
        model::MatrixProblem problem;
        problem.q = model::Matrix{{1, 0}, {0, 1}, {1, 1}};
        problem.k = problem.q;
        problem.v = problem.q;
        problem.options.mask = model::MaskSpec::causal();
        const auto trace = model::runMatrixProblem(problem);
        QVERIFY2(trace.ok(), qPrintable(trace.error()));
        const QString masked = stepRowArithmetic(*trace, trace->layers[0].heads[0], 0, 2, true);
        QVERIFY2(masked.contains(QStringLiteral("\u2212\u221E")), qPrintable(masked));
        const QString softmax = stepRowArithmetic(*trace, trace->layers[0].heads[0], 0, 3, true);
        QVERIFY2(softmax.endsWith(QStringLiteral("= [1, 0, 0]")), qPrintable(softmax));
    }

    void visibleIndicesKeepTheSelection_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("selected");
        QTest::addColumn<int>("maxCells");
        for (const int maxCells : {StepFigure::kMinCells, 6, StepFigure::kMaxCells}) {
            for (const int selected : {0, 2, 8, 9, 10, 11, 20, 28, 29, 30, 38, 39})
                QTest::addRow("40 rows, %d shown, row %d", maxCells, selected) << 40 << selected << maxCells;
            QTest::addRow("small, %d shown", maxCells) << 5 << 3 << maxCells;
        }
    }

    void visibleIndicesKeepTheSelection()
    {
        QFETCH(int, count);
        QFETCH(int, selected);
        QFETCH(int, maxCells);
        const QList<int> shown = StepFigure::visibleIndices(count, selected, maxCells);
        QVERIFY(shown.size() <= std::max(maxCells, count <= maxCells ? count : 0));
        QVERIFY(shown.contains(selected));
        QVERIFY(shown.contains(count - 1));
        QCOMPARE(shown.first(), 0);
        for (int i = 1; i < shown.size(); ++i)
            QVERIFY(shown[i] == -1 || shown[i - 1] == -1 || shown[i] == shown[i - 1] + 1);
    }

    void smallFiguresShowFewerCellsButTheSelectedRow()
    {
        const auto trace = model::ToyModel(model::ToyConfig{}).run(
            QStringLiteral("the quick brown fox jumps over the lazy dog while the cat sleeps on the warm mat"));
        QVERIFY2(trace.ok(), qPrintable(trace.error()));
        const model::HeadTrace& head = trace->layers[0].heads[0];
        const StepFigure large(*trace, head, 14, 3, ViewStyle{}, QString(), QSizeF(4000, 2000));
        QCOMPARE(large.visibleColumnLimit(), StepFigure::kMaxCells);
        const StepFigure small(*trace, head, 14, 3, ViewStyle{}, QString(), QSizeF(900, 600));
        QVERIFY(small.visibleColumnLimit() < StepFigure::kMaxCells);
        QVERIFY(small.visibleColumnLimit() >= StepFigure::kMinCells);
    }

    // An 11-token sentence through the default toy model: at about 1000 px free (the view in a 1400 × 900
    // window) every key column and every query row is shown, in the figure as laid out for the widget.
    void everyKeyColumnThatFits_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<int>("columns");
        QTest::newRow("1000 x 740") << QSize(1000, 740) << 11;
        QTest::newRow("1000 x 650") << QSize(1000, 650) << 11;
        QTest::newRow("1280 x 720") << QSize(1280, 720) << 11;
        QTest::newRow("1920 x 1080") << QSize(1920, 1080) << 11;
    }
    void everyKeyColumnThatFits()
    {
        QFETCH(QSize, size);
        QFETCH(int, columns);
        StepView view;
        view.setTrace(sentenceTrace());
        view.resize(size);
        const auto figure = view.figure();
        QVERIFY(figure);
        QCOMPARE(figure->shownKeyColumns(), columns);
        QCOMPARE(figure->shownQueryRows(), 11);
        // Readable: the cells' 10-point text (13.3 px) shrinks by at most a third.
        QVERIFY2(figure->cellTextPixels() >= 13.33 * 0.65 - 0.01, qPrintable(QString::number(figure->cellTextPixels())));
        // A figure that cannot hold them all still shows the most it can, the selected row among them.
        view.resize(600, 400);
        QVERIFY(view.figure()->shownKeyColumns() < 11);
        QVERIFY(view.figure()->shownKeyColumns() >= StepFigure::kMinCells - 1);
    }

    // The matrices' text scales with the style's font scale, like every other text: presentation mode keeps
    // its cells at least 1.6 × the smallest ordinary cell text, showing fewer of them where the room is short.
    void presentationEnlargesTheCells_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1280 x 720") << QSize(1280, 720);
        QTest::newRow("1920 x 1080") << QSize(1920, 1080);
        QTest::newRow("1400 x 760") << QSize(1400, 760);
    }
    void presentationEnlargesTheCells()
    {
        QFETCH(QSize, size);
        StepView view;
        view.setTrace(sentenceTrace());
        ViewStyle presentation;
        presentation.presentation = true;
        view.setStyle(presentation);
        const double large = view.figure(QSizeF(size))->cellTextPixels();
        // 10 pt × 1.6 = 21.3 px, shrunk by at most a third.
        QVERIFY2(large >= 13.33 * 1.6 * 0.65 - 0.01, qPrintable(QString::number(large)));
        view.setStyle(ViewStyle{});
        const double ordinary = view.figure(QSizeF(size))->cellTextPixels();
        QVERIFY2(ordinary >= 13.33 * 0.65 - 0.01, qPrintable(QString::number(ordinary)));
        // Where the ordinary figure is near its smallest readable size, presentation is clearly larger.
        if (size.height() <= 760)
            QVERIFY2(large >= 1.3 * ordinary, qPrintable(QStringLiteral("%1 %2").arg(large).arg(ordinary)));
    }

    // Stepping moves nothing: the matrices, their scale and the room of the arithmetic are the same at every
    // step (what makes the pages of an exported sequence line up).
    void everyStepHasTheSameLayout()
    {
        StepView view;
        view.setTrace(sentenceTrace());
        for (const QSizeF size : {QSizeF(1920, 1080), QSizeF(1000, 740)}) {
            const QRectF first = view.figure(size)->contentRect();
            const double scale = view.figure(size)->cellTextPixels();
            for (int step = 1; step < 5; ++step) {
                view.setStep(step);
                QCOMPARE(view.figure(size)->contentRect(), first);
                QCOMPARE(view.figure(size)->cellTextPixels(), scale);
            }
            view.setStep(0);
        }
    }

    // A click on a row of the wrapped second line of matrices chooses that row, as on the first line.
    void clicksOnEveryLineChooseTheRow()
    {
        StepView view;
        view.setTrace(sentenceTrace());
        view.resize(1280, 720);
        const auto figure = view.figure();
        QCOMPARE(figure->panelLines(), 2);
        // Scan a column through the figure: row 3 is hit on both lines, which lie far more than a row apart.
        int top = 720, bottom = -1;
        for (int y = 0; y < 720; ++y)
            if (figure->rowAt(QPointF(640, y)) == 3) {
                top = std::min(top, y);
                bottom = std::max(bottom, y);
            }
        QVERIFY2(bottom - top > 150, qPrintable(QStringLiteral("%1 … %2").arg(top).arg(bottom)));
        QSignalSpy spy(&view, &StepView::querySelected);
        QTest::mouseClick(&view, Qt::LeftButton, {}, QPoint(640, bottom));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.first().first().toInt(), 3);
    }

    void toySentenceRendersEveryStep()
    {
        const auto trace = model::ToyModel(model::ToyConfig{}).run(
            QStringLiteral("the quick brown fox jumps over the lazy dog while the cat sleeps on the warm mat"));
        QVERIFY2(trace.ok(), qPrintable(trace.error()));
        StepView view;
        view.setTrace(std::make_shared<const model::Trace>(*trace));
        model::TraceSelection selection;
        selection.layer = 1;
        selection.head = 1;
        selection.query = 14;
        view.setSelection(selection);
        for (int step = 0; step < 5; ++step) {
            view.setStep(step);
            QVERIFY(!view.rowArithmetic(step).isEmpty());
            const QImage image = renderImage(view, {QSize(1000, 600), 96});
            QVERIFY(inkPixels(image, view.viewStyle().background()) > 1000);
            const QString renderDir = qEnvironmentVariable("ATTNLAB_RENDER_DIR");
            if (!renderDir.isEmpty())
                QVERIFY(exportFigure(view, QStringLiteral("%1/steps-toy-%2.png").arg(renderDir).arg(step)).ok());
        }
    }

    // The softmax panel is coloured on the chosen weight scale and, without a colour bar, says which under its
    // title when it is not the fixed 0–1; the exported SVG carries the note as text, at the steps that show A.
    void exportSaysTheColourScale_data()
    {
        QTest::addColumn<int>("scale"); // a ColorScale
        QTest::addColumn<QString>("note"); // empty: no scale note at all
        QTest::newRow("fixed") << int(ColorScale::Fixed) << QString();
        QTest::newRow("max") << int(ColorScale::Max) << QStringLiteral("weight (0–max)");
        QTest::newRow("log") << int(ColorScale::Log) << QStringLiteral("weight (log)");
    }

    void exportSaysTheColourScale()
    {
        QFETCH(int, scale);
        QFETCH(QString, note);
        StepView view;
        view.setTrace(examTrace());
        ViewStyle style = exactStyle();
        style.weightScale = ColorScale(scale);
        view.setStyle(style);
        QTemporaryDir dir;
        for (const int step : {3, 4}) { // "Step 4 of 5" (softmax) and "Step 5 of 5"
            view.setStep(step);
            const QString path = dir.filePath(QStringLiteral("steps%1.svg").arg(step));
            QVERIFY(exportFigure(view, path).ok());
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QString svg = QString::fromUtf8(file.readAll());
            QVERIFY(svg.contains(QStringLiteral("Step %1 of 5").arg(step + 1)));
            if (note.isEmpty()) {
                QVERIFY(!svg.contains(QStringLiteral("weight (")));
            } else {
                QVERIFY2(svg.contains(QStringLiteral(">") + note + QStringLiteral("<")), qPrintable(note));
                QCOMPARE(svg.count(QStringLiteral("weight (")), 1);
            }
        }
    }

    void exportKeepsTheFractionsAsText()
    {
        StepView view;
        view.setTrace(examTrace());
        view.setStyle(exactStyle());
        model::TraceSelection selection;
        selection.query = 1;
        view.setSelection(selection);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString renderDir = qEnvironmentVariable("ATTNLAB_RENDER_DIR");
        for (int step = 0; step < 5; ++step) {
            view.setStep(step);
            const QString svgPath = dir.filePath(QStringLiteral("steps%1.svg").arg(step));
            const auto svg = exportFigure(view, svgPath);
            QVERIFY2(svg.ok(), qPrintable(svg.error()));
            QFile file(svgPath);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QString text = QString::fromUtf8(file.readAll());
            if (step == 3) {
                for (const char* part : {"9/26", "2/13", "13/3"})
                    QVERIFY2(text.contains(QString::fromUtf8(part)), part);
            }
            if (step == 4)
                QVERIFY(text.contains(QStringLiteral(">11<")) && text.contains(QStringLiteral("5/2")));
            const QImage image = renderImage(view);
            QVERIFY(inkPixels(image, view.viewStyle().background()) > 1000);
            // Looking at the figures: ATTNLAB_RENDER_DIR=/tmp/x keeps every step in three styles.
            if (!renderDir.isEmpty()) {
                for (const auto& [name, style] : {std::pair{QStringLiteral("light"), exactStyle()},
                                                 std::pair{QStringLiteral("dark"), exactStyle(Theme::Dark)},
                                                 std::pair{QStringLiteral("presentation"), exactStyle(Theme::Light, true)}}) {
                    view.setStyle(style);
                    QVERIFY(exportFigure(view, QStringLiteral("%1/steps-%2-%3.png").arg(renderDir, name).arg(step)).ok());
                }
                view.setStyle(exactStyle());
            }
        }
        const auto pdf = exportFigure(view, dir.filePath(QStringLiteral("steps.pdf")));
        QVERIFY2(pdf.ok(), qPrintable(pdf.error()));
        QFile pdfFile(dir.filePath(QStringLiteral("steps.pdf")));
        QVERIFY(pdfFile.open(QIODevice::ReadOnly));
        QVERIFY(pdfFile.readAll().startsWith("%PDF"));
    }

    // A checkpoint's trace stores neither scores nor scaled scores (model/trace/trace.h): the exam's trace with
    // them removed steps through the same five steps with the same arithmetic, derived from q and k.
    void derivedScoresStepTheSame()
    {
        const auto stored = examTrace();
        auto derived = std::make_shared<model::Trace>(*stored);
        for (model::LayerTrace& layer : derived->layers)
            for (model::HeadTrace& head : layer.heads) {
                head.scores = model::TraceMatrix();
                head.scaled = model::TraceMatrix();
            }
        StepView withStored, withDerived;
        withStored.setTrace(stored);
        withDerived.setTrace(derived);
        model::TraceSelection selection;
        selection.query = 1;
        withStored.setSelection(selection);
        withDerived.setSelection(selection);
        for (int step = 0; step < 5; ++step) {
            QVERIFY(!withDerived.rowArithmetic(step).isEmpty());
            QCOMPARE(withDerived.rowArithmetic(step), withStored.rowArithmetic(step));
        }
        withDerived.setStep(0);
        const QImage image = renderImage(withDerived, {QSize(1000, 600), 96});
        QVERIFY(inkPixels(image, withDerived.viewStyle().background()) > 1000);
    }

    void noTraceShowsAMessage()
    {
        StepView view;
        QVERIFY(view.rowArithmetic(3).isEmpty());
        const QImage image = renderImage(view, {QSize(600, 400), 96});
        QVERIFY(inkPixels(image, view.viewStyle().background()) > 50);
    }
};

ATTNLAB_TEST_MAIN(TestStepView)
} // namespace tst_step_view
#include "tst_step_view.moc"
