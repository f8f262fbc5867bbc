// Tests widgets/drawing/figure_export.cpp with the heatmap and model views: SVG keeps tokens and exact numbers as
// <text> and cells as vectors, PDF is a PDF whose text pdftotext finds, PNG has the requested pixels and DPI
// and the same proportions at any DPI, and bad requests (unwritable path, unknown format, an image too large)
// fail with a message and leave no file behind.

#include "widgets/drawing/figure_export.h"
#include "file_size_limit.h"
#include "widgets/views/heatmap_test_traces.h"
#include "widgets/views/heatmap_view.h"
#include "widgets/views/model_view.h"
#include "widgets/views/step_arithmetic.h"
#include "widgets/views/step_view.h"
#include "widgets/views/view_factory.h"
#include "model/analysis/trace_analyses.h"
#include "model/attention/toy_model.h"
#include "model/exact/matrix_problem.h"
#include "test_registry.h"

#include <QBuffer>
#include <QPainter>
#include <QSvgGenerator>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

#include <unistd.h>

Q_DECLARE_METATYPE(std::shared_ptr<const attnlab::model::Trace>)

namespace tst_figure_export {

using namespace attnlab;
using namespace attnlab::test;
using widgets::HeatmapView;
using widgets::ModelView;

namespace {

widgets::ExportOptions options(QSize size, int dpi = 96)
{
    widgets::ExportOptions o;
    o.size = size;
    o.dpi = dpi;
    return o;
}

// The contents of every <text> element (QSvgGenerator writes one per drawText), unescaped.
QStringList svgTexts(const QByteArray& svg)
{
    QStringList texts;
    static const QRegularExpression element(QStringLiteral("<text[^>]*>(.*?)</text>"),
                                            QRegularExpression::DotMatchesEverythingOption);
    auto it = element.globalMatch(QString::fromUtf8(svg));
    while (it.hasNext()) {
        QString t = it.next().captured(1);
        t.replace(QStringLiteral("&lt;"), QStringLiteral("<"))
            .replace(QStringLiteral("&gt;"), QStringLiteral(">"));
        t.replace(QStringLiteral("&quot;"), QStringLiteral("\""))
            .replace(QStringLiteral("&amp;"), QStringLiteral("&"));
        texts << t;
    }
    return texts;
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

HeatmapView* heatmapOf(std::shared_ptr<const model::Trace> trace, bool exact)
{
    auto* view = new HeatmapView;
    widgets::ViewStyle style;
    style.exact = exact;
    view->setStyle(style);
    view->setTrace(std::move(trace));
    return view;
}

// With the analyses a view needs (the rollout view's), as computeTrace adds them.
std::shared_ptr<const model::Trace> sentenceTrace(const model::AnalysisRequest& analyses = {})
{
    auto trace = model::ToyModel(model::ToyConfig{}).run(QStringLiteral("The animal didn't cross the street because it was too tired"));
    if (!trace.ok())
        qFatal("%s", qPrintable(trace.error()));
    if (!model::addTraceAnalyses(*trace, analyses).ok())
        qFatal("analyses failed");
    return std::make_shared<const model::Trace>(std::move(trace).value());
}

// The exam's four queries and keys (tests/widgets/views/tst_step_view.cpp has the same).
std::shared_ptr<const model::Trace> examTrace()
{
    const double r = 1.0 / std::sqrt(2.0);
    model::MatrixProblem problem;
    problem.q = model::Matrix{{1, 0}, {0, 1}, {-1, 0}, {0, -1}};
    problem.k = model::Matrix{{r, r}, {-r, r}, {-r, -r}, {r, -r}};
    problem.v = model::Matrix{{12, -3}, {14, 16}, {7, -10}, {6, -3}};
    problem.options.expOverrides = {{0.5, 1.5}};
    auto trace = model::runMatrixProblem(problem);
    if (!trace.ok())
        qFatal("%s", qPrintable(trace.error()));
    return std::make_shared<const model::Trace>(std::move(trace).value());
}

// The figure as the screen paints it (every part, hints included), as SVG text elements.
QStringList screenTexts(const widgets::TraceView& view, QSize size)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(size);
    {
        QPainter painter(&generator);
        view.paintFigureWith(painter, QSizeF(size), widgets::FigureParts{});
    }
    return svgTexts(buffer.data());
}

// Texts meant for the mouse and keyboard, in the views' own words.
bool isHint(const QString& text)
{
    return text.contains(QStringLiteral("click")) || text.contains(QStringLiteral("\u2190")) ||
           text.contains(QStringLiteral("move between steps"));
}

// The largest number of consecutive pixel rows that hold nothing but the background.
int longestBlankBand(const QImage& image, const QColor& background)
{
    int longest = 0, run = 0;
    const QRgb bg = background.rgb();
    for (int y = 0; y < image.height(); ++y) {
        bool blank = true;
        for (int x = 0; x < image.width() && blank; ++x)
            blank = (image.pixel(x, y) & 0xffffff) == (bg & 0xffffff);
        run = blank ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return longest;
}

} // namespace

class TestFigureExport : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // Every view: an exported figure carries no hint for the mouse or keyboard, and its title only when asked.
    // The titles are the views' own (English) words, read back from the SVG's text.
    void exportsHaveNoHintsAndAnOptionalTitle_data()
    {
        QTest::addColumn<QString>("view");
        QTest::addColumn<QString>("title");
        QTest::addColumn<bool>("screenHint"); // the view shows a hint on screen (so the test can fail)
        QTest::newRow("heatmap") << "heatmap" << "Layer 1 · Head 1" << false;
        QTest::newRow("heads") << "heads" << "Layer 1" << false;
        QTest::newRow("arcs") << "arcs" << "Layer 1 · head 1 · from" << false;
        QTest::newRow("model") << "model" << "All heads" << false;
        QTest::newRow("steps") << "steps" << "Step 5 of 5" << true;
        QTest::newRow("pe") << "pe" << "Positional encodings · d = 32" << false;
        QTest::newRow("residual") << "residual" << "Residual stream of" << true;
        QTest::newRow("rollout") << "rollout" << "Attention rollout of" << true;
    }
    void exportsHaveNoHintsAndAnOptionalTitle()
    {
        QFETCH(QString, view);
        QFETCH(QString, title);
        QFETCH(bool, screenHint);
        auto figure = widgets::createView(view);
        QVERIFY(figure);
        figure->setTrace(sentenceTrace(figure->analysesNeeded()));
        if (auto* steps = dynamic_cast<widgets::StepView*>(figure.get()))
            steps->setStep(widgets::kAttentionStepCount - 1);
        const auto hasTitle = [&title](const QStringList& texts) {
            return std::any_of(texts.begin(), texts.end(), [&title](const QString& t) { return t.startsWith(title); });
        };
        const QStringList onScreen = screenTexts(*figure, QSize(1400, 800));
        QVERIFY2(hasTitle(onScreen), qPrintable(onScreen.join(QLatin1Char('|'))));
        QCOMPARE(std::any_of(onScreen.begin(), onScreen.end(), isHint), screenHint);
        for (const bool withTitle : {true, false}) {
            widgets::ExportOptions o = options(QSize(1400, 800));
            o.title = withTitle;
            const QString path = m_dir.filePath(QStringLiteral("%1-%2.svg").arg(view).arg(withTitle));
            QVERIFY(widgets::exportFigure(*figure, path, o).ok());
            const QStringList texts = svgTexts(readAll(path));
            QVERIFY(!texts.isEmpty());
            for (const QString& text : texts)
                QVERIFY2(!isHint(text), qPrintable(text));
            QVERIFY2(hasTitle(texts) == withTitle, qPrintable(texts.join(QLatin1Char('|'))));
        }
    }

    // The step figure at a slide's sizes: no wide empty band (it used to keep ~200 px blank above and below).
    void stepFigureHasNoBlankBands_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<bool>("dark");
        QTest::addColumn<bool>("title");
        QTest::addColumn<bool>("exam"); // the exam's 4 × 4 matrices instead of the 11-token sentence
        QTest::newRow("1920x1080") << QSize(1920, 1080) << false << true << false;
        QTest::newRow("1280x720 dark") << QSize(1280, 720) << true << true << false;
        QTest::newRow("1920x1080 no title") << QSize(1920, 1080) << false << false << false;
        QTest::newRow("1400x760") << QSize(1400, 760) << false << true << false;
        QTest::newRow("exam 1280x720") << QSize(1280, 720) << false << true << true;
        QTest::newRow("exam 1920x1080 dark") << QSize(1920, 1080) << true << true << true;
    }
    void stepFigureHasNoBlankBands()
    {
        QFETCH(QSize, size);
        QFETCH(bool, dark);
        QFETCH(bool, title);
        QFETCH(bool, exam);
        widgets::StepView view;
        widgets::ViewStyle style;
        style.theme = dark ? widgets::Theme::Dark : widgets::Theme::Light;
        style.exact = exam;
        view.setStyle(style);
        view.setTrace(exam ? examTrace() : sentenceTrace());
        for (int step = 0; step < widgets::kAttentionStepCount; ++step) {
            view.setStep(step);
            widgets::ExportOptions o = options(size);
            o.title = title;
            const QImage image = widgets::renderImage(view, o);
            QVERIFY(!image.isNull());
            // A band is a run of rows with nothing drawn. The largest left is around a short step's arithmetic, in
            // the room kept for the longest step's (so that the matrices never move): under 9 % of the height, where
            // the figure used to leave about 200 px of 1080 (18 %) blank above and below the matrices.
            const int band = longestBlankBand(image, style.background());
            QVERIFY2(band < size.height() * 9 / 100, qPrintable(QStringLiteral("step %1: %2 blank rows").arg(step + 1).arg(band)));
        }
    }

    // Every step at once: one PDF page per step, all of the figure's size; numbered PNG frames from 1, all
    // different; a frame name without %d is refused before anything is written.
    void framesExportEveryStep()
    {
        widgets::StepView view;
        view.setTrace(sentenceTrace());
        const widgets::FigureFrames frames{widgets::kAttentionStepCount, [&view](int step) { view.setStep(step); }};
        QTemporaryDir dir;
        const QString pdf = dir.filePath(QStringLiteral("steps.pdf"));
        QVERIFY(widgets::exportFrames(view, pdf, options(QSize(1280, 720)), frames).ok());
        const QByteArray bytes = readAll(pdf);
        // Pages are the objects "/Type /Page" (the page tree is "/Type /Pages"); each has its MediaBox.
        static const QRegularExpression page(QStringLiteral("/Type\\s*/Page[^s]"));
        QCOMPARE(QString::fromLatin1(bytes).count(page), 5);
        static const QRegularExpression box(QStringLiteral("/MediaBox\\s*\\[([^\\]]*)\\]"));
        QSet<QString> boxes;
        for (auto it = box.globalMatch(QString::fromLatin1(bytes)); it.hasNext();)
            boxes.insert(it.next().captured(1).simplified());
        QCOMPARE(boxes.size(), 1); // every page of one size: 1280 × 720 px = 960 × 540 pt
        const QStringList corners = boxes.values().first().split(QLatin1Char(' '));
        QCOMPARE(corners.size(), 4);
        QCOMPARE(corners[2].toDouble(), 960.0);
        QCOMPARE(corners[3].toDouble(), 540.0);

        const QString png = dir.filePath(QStringLiteral("frame-%d.png"));
        QVERIFY(widgets::exportFrames(view, png, options(QSize(640, 360)), frames).ok());
        QList<QImage> images;
        for (int n = 1; n <= 5; ++n) {
            images << QImage(dir.filePath(QStringLiteral("frame-%1.png").arg(n)));
            QCOMPARE(images.last().size(), QSize(640, 360));
        }
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("frame-0.png"))));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("frame-6.png"))));
        for (int a = 0; a < 5; ++a)
            for (int b = a + 1; b < 5; ++b)
                QVERIFY2(images[a] != images[b], qPrintable(QStringLiteral("frames %1 and %2").arg(a + 1).arg(b + 1)));

        const auto unnumbered = widgets::exportFrames(view, dir.filePath(QStringLiteral("steps.svg")), options(QSize(640, 360)), frames);
        QVERIFY(!unnumbered.ok());
        QVERIFY2(unnumbered.error().contains(QStringLiteral("%d")), qPrintable(unnumbered.error()));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("steps.svg"))));
    }

    void svgKeepsTokensAndNumbersAsText_data()
    {
        QTest::addColumn<std::shared_ptr<const model::Trace>>("trace");
        QTest::addColumn<bool>("exact");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("exam exact") << examTrace() << true
                                    << QStringList{QStringLiteral("9/26"), QStringLiteral("2/13"),
                                                   QStringLiteral("x3"), QStringLiteral("Layer 1 · Head 1")};
        QTest::newRow("japanese") << toyTrace(kJapanese) << false
                                  << QStringList{QStringLiteral("スポーツ"), QStringLiteral("得意"),
                                                 QStringLiteral("untrained weights")};
        QTest::newRow("persian") << toyTrace(kPersian) << false
                                 << QStringList{QStringLiteral("سلام"), QStringLiteral("دنیا")};
        QTest::newRow("english") << toyTrace(kEnglish, true) << false
                                 << QStringList{QStringLiteral("animal"), QStringLiteral("tired"),
                                                QStringLiteral("didn't")};
    }
    void svgKeepsTokensAndNumbersAsText()
    {
        QFETCH(std::shared_ptr<const model::Trace>, trace);
        QFETCH(bool, exact);
        QFETCH(QStringList, expected);
        std::unique_ptr<HeatmapView> view(heatmapOf(trace, exact));
        const QString path =
            m_dir.filePath(QStringLiteral("%1.svg").arg(QTest::currentDataTag()).replace(u' ', u'-'));
        const auto result = widgets::exportFigure(*view, path, options(QSize(1000, 700)));
        QVERIFY2(result.ok(), qPrintable(result.error()));
        const QByteArray svg = readAll(path);
        const QStringList texts = svgTexts(svg);
        for (const QString& e : expected)
            QVERIFY2(texts.contains(e), qPrintable(e + QStringLiteral(" not among ") + texts.join(u'|')));
        // Cells are vector shapes, not an embedded picture.
        QVERIFY(!svg.contains("<image"));
    }

    void pdfIsAPdfWithTheTokens_data()
    {
        QTest::addColumn<std::shared_ptr<const model::Trace>>("trace");
        QTest::addColumn<QString>("token");
        QTest::newRow("english") << toyTrace(kEnglish, true) << QStringLiteral("animal");
        QTest::newRow("japanese") << toyTrace(kJapanese) << QStringLiteral("スポーツ");
        QTest::newRow("exam") << examTrace() << QStringLiteral("9/26");
    }
    void pdfIsAPdfWithTheTokens()
    {
        QFETCH(std::shared_ptr<const model::Trace>, trace);
        QFETCH(QString, token);
        std::unique_ptr<HeatmapView> view(heatmapOf(trace, true));
        const QString path = m_dir.filePath(QStringLiteral("%1.pdf").arg(QTest::currentDataTag()));
        const auto result = widgets::exportFigure(*view, path, options(QSize(1000, 700)));
        QVERIFY2(result.ok(), qPrintable(result.error()));
        QVERIFY(readAll(path).startsWith("%PDF"));
        const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
        if (pdftotext.isEmpty()) QSKIP("pdftotext is not installed");
        QProcess process;
        process.start(pdftotext, {path, QStringLiteral("-")});
        QVERIFY(process.waitForFinished(30000));
        const QString text = QString::fromUtf8(process.readAllStandardOutput());
        QVERIFY2(text.contains(token), qPrintable(text));
    }

    void pngHasTheRequestedPixels_data()
    {
        QTest::addColumn<int>("dpi");
        QTest::addColumn<QSize>("pixels");
        QTest::newRow("96 dpi") << 96 << QSize(600, 400);
        QTest::newRow("192 dpi") << 192 << QSize(1200, 800);
        QTest::newRow("300 dpi") << 300 << QSize(1875, 1250);
    }
    void pngHasTheRequestedPixels()
    {
        QFETCH(int, dpi);
        QFETCH(QSize, pixels);
        std::unique_ptr<HeatmapView> view(heatmapOf(toyTrace(kEnglish, true), false));
        const QString path = m_dir.filePath(QStringLiteral("dpi-%1.png").arg(dpi));
        QVERIFY(widgets::exportFigure(*view, path, options(QSize(600, 400), dpi)).ok());
        const QImage image(path);
        QCOMPARE(image.size(), pixels);
        QCOMPARE(qRound(image.dotsPerMeterX() * 0.0254), dpi);
    }

    void higherDpiKeepsTheProportions_data()
    {
        QTest::addColumn<bool>("model");
        QTest::newRow("heatmap") << false;
        QTest::newRow("model") << true;
    }
    void higherDpiKeepsTheProportions()
    {
        // A 192-DPI image scaled down to 96 DPI looks like the 96-DPI image: text does not grow with the DPI.
        QFETCH(bool, model);
        std::unique_ptr<widgets::TraceView> view;
        if (model)
            view = std::make_unique<ModelView>();
        else
            view.reset(heatmapOf(toyTrace(kEnglish, true), false));
        view->setTrace(toyTrace(kEnglish, true, 2, 2));
        const QImage low =
            widgets::renderImage(*view, options(QSize(800, 600), 96)).convertToFormat(QImage::Format_RGB32);
        const QImage high = widgets::renderImage(*view, options(QSize(800, 600), 192))
                                .scaled(800, 600, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
                                .convertToFormat(QImage::Format_RGB32);
        QCOMPARE(high.size(), low.size());
        double difference = 0;
        for (int y = 0; y < low.height(); ++y)
            for (int x = 0; x < low.width(); ++x)
                difference += colorDistance(low.pixelColor(x, y), high.pixelColor(x, y));
        const double mean = difference / (low.width() * low.height());
        QVERIFY2(mean < 6, qPrintable(QString::number(mean)));
    }

    void modelViewExportsEveryFormat_data()
    {
        QTest::addColumn<QString>("suffix");
        QTest::newRow("png") << QStringLiteral("png");
        QTest::newRow("svg") << QStringLiteral("svg");
        QTest::newRow("pdf") << QStringLiteral("pdf");
    }
    void modelViewExportsEveryFormat()
    {
        QFETCH(QString, suffix);
        ModelView view;
        view.setTrace(toyTrace(kEnglish, true, 3, 4));
        const QString path = m_dir.filePath(QStringLiteral("model.") + suffix);
        const auto result = widgets::exportFigure(view, path, options(QSize(900, 600)));
        QVERIFY2(result.ok(), qPrintable(result.error()));
        QVERIFY(QFileInfo(path).size() > 1000);
        if (suffix == QLatin1String("svg")) {
            const QByteArray svg = readAll(path);
            QVERIFY(svgTexts(svg).contains(QStringLiteral("H4")));
            // Small maps are vector rectangles: viewers would blur an embedded 12 × 12 pixel image.
            QVERIFY(!svg.contains("<image"));
        }
    }

    void badRequestsFailCleanly_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QSize>("size");
        QTest::addColumn<int>("dpi");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing directory") << QStringLiteral("/nonexistent-attnlab-dir/figure.png")
                                           << QSize(800, 600) << 96 << QStringLiteral("figure.png");
        QTest::newRow("gif") << m_dir.filePath(QStringLiteral("figure.gif")) << QSize(800, 600) << 96
                             << QStringLiteral("gif");
        QTest::newRow("no suffix") << m_dir.filePath(QStringLiteral("figure")) << QSize(800, 600) << 96
                                   << QStringLiteral("expected .png, .svg or .pdf");
        QTest::newRow("too large at 300 dpi") << m_dir.filePath(QStringLiteral("huge.png"))
                                              << QSize(4000, 3000) << 300 << QStringLiteral("too large");
        QTest::newRow("too wide") << m_dir.filePath(QStringLiteral("wide.svg")) << QSize(40000, 300) << 96
                                  << QStringLiteral("outside");
        QTest::newRow("dpi") << m_dir.filePath(QStringLiteral("dpi.png")) << QSize(800, 600) << 5000
                             << QStringLiteral("DPI");
    }
    void badRequestsFailCleanly()
    {
        QFETCH(QString, path);
        QFETCH(QSize, size);
        QFETCH(int, dpi);
        QFETCH(QString, message);
        std::unique_ptr<HeatmapView> view(heatmapOf(toyTrace(kEnglish, true), false));
        const auto result = widgets::exportFigure(*view, path, options(size, dpi));
        QVERIFY(!result.ok());
        QVERIFY2(result.error().contains(message), qPrintable(result.error()));
        QVERIFY(!QFileInfo::exists(path));
        // Nothing half-written beside it either.
        const QFileInfo info(path);
        if (info.dir().exists())
            QCOMPARE(info.dir().entryList({info.fileName() + QStringLiteral("*")}, QDir::Files).size(), 0);
    }

    // A full disk during the export: the figure that was there stays, nothing half-written appears, and the
    // message says why.
    void fullDiskKeepsThePreviousFigure_data()
    {
        QTest::addColumn<QString>("suffix");
        QTest::newRow("png") << QStringLiteral("png");
        QTest::newRow("svg") << QStringLiteral("svg");
        QTest::newRow("pdf") << QStringLiteral("pdf");
    }
    void fullDiskKeepsThePreviousFigure()
    {
        QFETCH(QString, suffix);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("figure.") + suffix);
        std::unique_ptr<HeatmapView> view(heatmapOf(examTrace(), true));
        QVERIFY(widgets::exportFigure(*view, path, options(QSize(800, 600))).ok());
        QFile before(path);
        QVERIFY(before.open(QIODevice::ReadOnly));
        const QByteArray previous = before.readAll();
        before.close();
        QVERIFY(previous.size() > 2048);

        view.reset(heatmapOf(toyTrace(kEnglish, true), false));
        attnlab::model::Result<void> exported = attnlab::model::Result<void>::success();
        {
            attnlab::test::FileSizeLimit limit(2048);
            QVERIFY(limit.active());
            exported = widgets::exportFigure(*view, path, options(QSize(800, 600)));
        }
        QVERIFY(!exported.ok());
        QVERIFY2(exported.error().startsWith(QStringLiteral("cannot write ") + path + QStringLiteral(": File too large")),
                 qPrintable(exported.error()));
        QFile after(path);
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), previous);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QFileInfo(path).fileName()});
    }

    void readOnlyDirectoryFailsCleanly()
    {
        if (::geteuid() == 0) QSKIP("root writes into read-only directories");
        const QString dir = m_dir.filePath(QStringLiteral("read-only"));
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
        std::unique_ptr<HeatmapView> view(heatmapOf(examTrace(), true));
        const QString path = dir + QStringLiteral("/figure.svg");
        const auto result = widgets::exportFigure(*view, path, options(QSize(800, 600)));
        QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QVERIFY(!result.ok());
        QVERIFY(!QFileInfo::exists(path));
    }

private:
    QTemporaryDir m_dir;
};

ATTNLAB_TEST_MAIN(TestFigureExport)
} // namespace tst_figure_export
#include "tst_figure_export.moc"
