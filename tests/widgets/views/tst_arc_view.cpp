// Tests widgets/views/arc_view.cpp: it renders every script and theme, the query defaults to the last token, a
// heavier weight draws a stronger arc and weights under the threshold none, hidden heads vanish, clicking a
// token selects it, cross-attention puts the memory on a second line, tokens keep sequence order left to
// right for Persian, SVG / PDF export keep the tokens as text, and the weight labels never overlap each other, a
// token or the header (toy model and a trained checkpoint from ../shared, several queries, sizes and styles).

#include "widgets/views/arc_view.h"
#include "widgets/drawing/counts.h"
#include "widgets/drawing/figure_export.h"
#include "model/attention/toy_model.h"
#include "model/pipeline/trace_request.h"
#include "test_registry.h"
#include "test_support.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <array>
#include <cmath>
#include <memory>

namespace tst_arc_view {

using namespace attnlab;
using widgets::ArcView;

namespace {

const QString kEnglish = QStringLiteral("The animal didn't cross the street because it was too tired.");

// The toy model (mask none unless given; causal makes the first token attend only to itself, a self-loop in
// every head).
std::shared_ptr<const model::Trace> toyTrace(int heads, const QString& text, const QString& memory = {},
                                             model::MaskKind mask = model::MaskKind::None)
{
    model::ToyConfig config;
    config.heads = heads;
    config.vocabSize = 512;
    if (mask != model::MaskKind::None)
        config.attention.mask.kind = mask;
    auto result = model::ToyModel(config).run(text, memory);
    if (!result) qFatal("%s", qPrintable(result.error()));
    return std::make_shared<const model::Trace>(std::move(result).value());
}

std::shared_ptr<const model::Trace> causalToyTrace(int heads, const QString& text)
{
    return toyTrace(heads, text, {}, model::MaskKind::Causal);
}

// Tokens "a b c d", one layer, two heads, every weight 0.25 but query 2's rows, given per head.
std::shared_ptr<const model::Trace> query2Trace(const std::array<double, 4>& head0, const std::array<double, 4>& head1)
{
    model::Trace trace;
    trace.modelName = QStringLiteral("hand");
    trace.trained = true;
    trace.tokens = {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")};
    model::LayerTrace layer;
    for (const std::array<double, 4>& row : {head0, head1}) {
        model::Matrix weights = model::Matrix::Constant(4, 4, 0.25);
        weights.row(2) << row[0], row[1], row[2], row[3];
        model::HeadTrace head;
        head.weights = weights;
        layer.heads.push_back(head);
    }
    trace.layers.push_back(layer);
    return std::make_shared<const model::Trace>(trace);
}

// Query 2 puts 0.9 on key 1 and 0.01 (under the threshold) on itself in head 0, and 0.7 on key 0 in head 1.
std::shared_ptr<const model::Trace> handTrace()
{
    return query2Trace({0.04, 0.9, 0.01, 0.05}, {0.7, 0.1, 0.1, 0.1});
}

// The sentence of the issue, 11 words: the toy model makes one token of each.
const QString kAnimal = QStringLiteral("The animal didn't cross the street because it was too tired");

// A trained checkpoint from ../shared, or null when it is not there.
std::shared_ptr<const model::Trace> checkpointTrace(const QString& name, const QString& text)
{
    const QString path = QDir(attnlab::test::sharedDir()).filePath(QStringLiteral("models/") + name);
    if (!QFileInfo::exists(path)) return nullptr;
    model::TraceRequest request;
    request.text = text;
    request.modelName = path;
    auto result = model::computeTrace(request);
    if (!result) qFatal("%s", qPrintable(result.error()));
    return std::make_shared<const model::Trace>(std::move(result).value());
}

// Query 2 puts 0.8 on itself in head 0 and 0.6 in head 1.
std::shared_ptr<const model::Trace> selfLoopTrace()
{
    return query2Trace({0.1, 0.1, 0.8, 0.0}, {0.2, 0.2, 0.6, 0.0});
}

// "" when the labels of `view` in `figure` lie inside it, below the header, off every token and off each
// other; else what is wrong.
QString labelProblems(const ArcView& view, const QSizeF& figure)
{
    const std::vector<ArcView::WeightLabel> labels = view.weightLabelLayout(figure);
    const QRectF header = view.headerRect(figure);
    const auto name = [](const ArcView::WeightLabel& l) {
        return QStringLiteral("%1 (head %2, key %3)").arg(l.text).arg(l.head + 1).arg(l.key);
    };
    for (size_t i = 0; i < labels.size(); ++i) {
        const QRectF& r = labels[i].rect;
        if (!QRectF(QPointF(0, 0), figure).contains(r)) return name(labels[i]) + QStringLiteral(" leaves the figure");
        if (r.intersects(header)) return name(labels[i]) + QStringLiteral(" covers the header");
        for (int t = 0; t < view.trace()->tokens.size(); ++t)
            if (r.intersects(view.tokenRect(t, figure)))
                return name(labels[i]) + QStringLiteral(" covers token %1").arg(t);
        for (int t = 0; t < view.trace()->memoryTokens.size(); ++t)
            if (r.intersects(view.tokenRect(t, figure, true)))
                return name(labels[i]) + QStringLiteral(" covers memory token %1").arg(t);
        for (size_t j = 0; j < i; ++j)
            if (r.intersects(labels[j].rect)) return name(labels[i]) + QStringLiteral(" covers ") + name(labels[j]);
    }
    return {};
}

model::TraceSelection allHeads(int query)
{
    model::TraceSelection s;
    s.head = model::AllHeads;
    s.query = query;
    return s;
}

// Pixels whose hue is that of `color` (within 12°) and that are visibly coloured.
int pixelsOfHue(const QImage& image, const QColor& color)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            const int diff = std::abs(c.hsvHue() - color.hsvHue());
            if (c.hsvSaturation() > 40 && c.hsvHue() >= 0 && std::min(diff, 360 - diff) <= 12) ++count;
        }
    return count;
}

// How much a small square around p differs from the background: line strength.
double ink(const QImage& image, QPointF p, const QColor& background)
{
    double sum = 0;
    for (int dy = -2; dy <= 2; ++dy)
        for (int dx = -2; dx <= 2; ++dx) {
            const QColor c = image.pixelColor(int(p.x()) + dx, int(p.y()) + dy);
            sum += std::abs(c.red() - background.red()) + std::abs(c.green() - background.green()) +
                   std::abs(c.blue() - background.blue());
        }
    return sum;
}

int nonBackgroundPixels(const QImage& image, const QColor& background)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            count += image.pixelColor(x, y).rgb() != background.rgb();
    return count;
}

// Every character inside <text> elements of an SVG document.
QString svgText(const QByteArray& svg)
{
    QXmlStreamReader xml(svg);
    QString text;
    int depth = 0;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == QLatin1String("text"))
            ++depth;
        else if (xml.isEndElement() && xml.name() == QLatin1String("text"))
            --depth;
        else if (xml.isCharacters() && depth > 0)
            text += xml.text().toString() + QLatin1Char(' ');
    }
    return text;
}

// `count` tokens of one to eleven letters ("w0", "word1", "wordwordw2", …), one layer, two heads, every query
// putting 0.03 on every key, over ArcView::kMinWeight (so every shown key gets an arc; the rows are not
// distributions for 120 tokens, but the view only compares each weight with the threshold).
std::shared_ptr<const model::Trace> manyTokensTrace(int count)
{
    model::Trace trace;
    trace.modelName = QStringLiteral("hand");
    trace.trained = true;
    for (int i = 0; i < count; ++i)
        trace.tokens << QStringLiteral("word").repeated(3).left(1 + (i * 7) % 11) + QString::number(i);
    model::LayerTrace layer;
    for (int h = 0; h < 2; ++h) {
        model::HeadTrace head;
        head.weights = model::Matrix::Constant(count, count, 0.03);
        layer.heads.push_back(head);
    }
    trace.layers.push_back(layer);
    return std::make_shared<const model::Trace>(trace);
}

// "" when every token drawn lies inside `figure`, in order without overlap, the query among them, and a
// window of tokens says so in its note; else what is wrong.
QString tokenFitProblems(const ArcView& view, const QSizeF& figure)
{
    const QRectF inside(QPointF(0, 0), figure);
    const int q = view.effectiveQuery();
    if (view.tokenRect(q, figure).isNull()) return QStringLiteral("the query %1 is not drawn").arg(q);
    const auto [first, last] = view.shownTokens(figure);
    if (q < first || q > last) return QStringLiteral("the query %1 is outside the window %2–%3").arg(q).arg(first).arg(last);
    QRectF previous;
    for (int i = 0; i < view.trace()->tokens.size(); ++i) {
        const QRectF r = view.tokenRect(i, figure);
        if (r.isNull() != (i < first || i > last)) return QStringLiteral("token %1 drawn outside the window").arg(i);
        if (r.isNull()) continue;
        if (!inside.contains(r)) return QStringLiteral("token %1 leaves the figure").arg(i);
        if (!previous.isNull() && previous.right() > r.left()) return QStringLiteral("token %1 overlaps").arg(i);
        previous = r;
    }
    const bool windowed = first > 0 || last < view.trace()->tokens.size() - 1;
    if (windowed != !view.windowNote(figure).isEmpty()) return QStringLiteral("window note: ") + view.windowNote(figure);
    if (windowed && !view.windowNote(figure).contains(widgets::tokenCount(view.trace()->tokens.size())))
        return QStringLiteral("the note does not count the tokens: ") + view.windowNote(figure);
    if (!inside.contains(view.headerRect(figure))) return QStringLiteral("the header leaves the figure");
    return {};
}

} // namespace

class TestArcView : public QObject {
    Q_OBJECT
private slots:
    void rendersNotBlank_data();
    void rendersNotBlank();
    void queryDefaultsToLastToken();
    void heavierWeightDrawsStrongerArc();
    void hiddenHeadVanishes();
    void clickingTokenSelectsQuery();
    void crossAttentionUsesSecondLine();
    void persianKeepsSequenceOrder();
    void longInputShrinksAndGrowsHint();
    void tokensFitTheFigure_data();
    void tokensFitTheFigure();
    void checkpointTokensFitInPresentation();
    void svgKeepsTokensAsText_data();
    void svgKeepsTokensAsText();
    void pdfExport();
    void labelsCarryTheStrongestWeights();
    void selfLoopLabelsSitAboveTheToken();
    void labelsNeverOverlap_data();
    void labelsNeverOverlap();
    void paintedLabelsAreTheLayoutsLabels();
};

void TestArcView::rendersNotBlank_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("memory");
    QTest::addColumn<bool>("dark");
    QTest::addColumn<bool>("presentation");
    QTest::newRow("english") << kEnglish << QString() << false << false;
    QTest::newRow("english dark") << kEnglish << QString() << true << false;
    QTest::newRow("english presentation") << kEnglish << QString() << false << true;
    QTest::newRow("japanese cross") << QStringLiteral("得意 な スポーツ は ？")
                                    << QStringLiteral("野球 が 得意") << false << false;
    QTest::newRow("persian") << QStringLiteral("سلام دنیا") << QString() << true << true;
}

void TestArcView::rendersNotBlank()
{
    QFETCH(QString, text);
    QFETCH(QString, memory);
    QFETCH(bool, dark);
    QFETCH(bool, presentation);
    ArcView view;
    QCOMPARE(view.viewName(), QStringLiteral("arcs"));
    view.setTrace(toyTrace(4, text, memory));
    view.setSelection(allHeads(-1));
    widgets::ViewStyle style;
    style.theme = dark ? widgets::Theme::Dark : widgets::Theme::Light;
    style.presentation = presentation;
    view.setStyle(style);
    const QImage image = widgets::renderImage(view, {QSize(1000, 500), 96});
    QVERIFY(!image.isNull());
    QVERIFY(nonBackgroundPixels(image, style.background()) > 2000);
    int coloured = 0;
    for (int h = 0; h < 4; ++h)
        coloured += pixelsOfHue(image, widgets::headColor(h));
    QVERIFY(coloured > 200);
    // Every token lies inside the figure.
    const int tokens = int(view.trace()->tokens.size());
    QVERIFY(view.tokenRect(0, QSizeF(1000, 500)).left() >= 0);
    QVERIFY(view.tokenRect(tokens - 1, QSizeF(1000, 500)).right() <= 1000);
}

void TestArcView::queryDefaultsToLastToken()
{
    ArcView view;
    QCOMPARE(view.effectiveQuery(), -1);
    view.setTrace(toyTrace(2, kEnglish));
    view.setSelection(allHeads(-1));
    QCOMPARE(view.effectiveQuery(), 11); // "."
    // The title names the query the arcs start from (isolated, so that any script keeps its direction).
    const QChar open(0x2068), close(0x2069);
    QCOMPARE(view.headerTitle(), QStringLiteral("Layer 1 · from “") + open + QStringLiteral(".") + close + QStringLiteral("”"));
    view.setSelection(allHeads(7));
    QCOMPARE(view.effectiveQuery(), 7); // "it"
    QCOMPARE(view.headerTitle(), QStringLiteral("Layer 1 · from “") + open + QStringLiteral("it") + close + QStringLiteral("”"));
    model::TraceSelection one = allHeads(7);
    one.head = 1;
    view.setSelection(one);
    QCOMPARE(view.headerTitle(),
             QStringLiteral("Layer 1 · head 2 · from “") + open + QStringLiteral("it") + close + QStringLiteral("”"));
}

void TestArcView::heavierWeightDrawsStrongerArc()
{
    ArcView view;
    view.setTrace(handTrace());
    model::TraceSelection s = allHeads(2);
    s.head = 0;
    view.setSelection(s);
    view.setWeightLabels(false); // labels would cover the arcs' tops
    const QSizeF figure(800, 400);
    const QImage image = widgets::renderImage(view, {figure.toSize(), 96});
    const QPainterPath strong = view.arcPath(0, 1, figure), weak = view.arcPath(0, 3, figure);
    QVERIFY(!strong.isEmpty() && !weak.isEmpty());
    QVERIFY(view.arcPath(0, 2, figure).isEmpty()); // 0.01 < kMinWeight
    QVERIFY(view.arcPath(1, 0, figure).isEmpty()); // head 1 is not selected
    // The arc runs from the query to the key's anchor, above the line.
    QVERIFY((strong.currentPosition() - view.tokenAnchor(1, false, figure)).manhattanLength() < 8);
    QVERIFY(strong.pointAtPercent(0.5).y() < view.tokenRect(1, figure).top());
    const QColor bg = view.viewStyle().background();
    const double strongInk = ink(image, strong.pointAtPercent(0.5), bg);
    const double weakInk = ink(image, weak.pointAtPercent(0.5), bg);
    QVERIFY2(strongInk > 2 * weakInk, qPrintable(QStringLiteral("%1 vs %2").arg(strongInk).arg(weakInk)));
    QVERIFY(weakInk > 0);
}

void TestArcView::hiddenHeadVanishes()
{
    ArcView view;
    view.setTrace(handTrace());
    model::TraceSelection s = allHeads(2);
    view.setSelection(s);
    const QColor orange = widgets::headColor(1);
    QVERIFY(pixelsOfHue(widgets::renderImage(view, {QSize(800, 400), 96}), orange) > 50);
    QVERIFY(!view.arcPath(1, 0, QSizeF(800, 400)).isEmpty());
    s.hiddenHeads = {1};
    view.setSelection(s);
    QCOMPARE(view.shownHeads(), std::vector<int>{0});
    QCOMPARE(pixelsOfHue(widgets::renderImage(view, {QSize(800, 400), 96}), orange), 0);
    QVERIFY(pixelsOfHue(widgets::renderImage(view, {QSize(800, 400), 96}), widgets::headColor(0)) > 50);
}

void TestArcView::clickingTokenSelectsQuery()
{
    ArcView view;
    view.setTrace(toyTrace(2, kEnglish));
    view.setSelection(allHeads(-1));
    view.resize(900, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy spy(&view, &widgets::TraceView::querySelected);
    const QPoint it = view.tokenRect(7, QSizeF(view.size())).center().toPoint();
    QTest::mouseClick(&view, Qt::LeftButton, {}, it);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toInt(), 7);
    QCOMPARE(view.effectiveQuery(), 7);
    QTest::mouseClick(&view, Qt::LeftButton, {}, it);
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.at(1).at(0).toInt(), -1);
    QCOMPARE(view.effectiveQuery(), 11);
}

void TestArcView::crossAttentionUsesSecondLine()
{
    ArcView view;
    view.setTrace(toyTrace(2, QStringLiteral("得意 な スポーツ は ？"), QStringLiteral("野球 が 得意")));
    view.setSelection(allHeads(2));
    const QSizeF figure(900, 480);
    const QRectF query = view.tokenRect(2, figure), memory = view.tokenRect(0, figure, true);
    QVERIFY(!memory.isNull());
    QVERIFY(memory.top() > query.bottom() + 50);
    QVERIFY(view.tokenRect(3, figure, true).isNull()); // three memory tokens
    const std::vector<int> heads = view.shownHeads();
    bool found = false;
    for (int h : heads)
        for (int k = 0; k < 3; ++k) {
            const QPainterPath path = view.arcPath(h, k, figure);
            if (path.isEmpty()) continue;
            found = true;
            QVERIFY(path.pointAtPercent(0).y() >= query.bottom());
            QVERIFY(path.currentPosition().y() <= view.tokenRect(k, figure, true).top());
        }
    QVERIFY(found);
}

void TestArcView::persianKeepsSequenceOrder()
{
    ArcView view;
    view.setTrace(toyTrace(2, QStringLiteral("سلام دنیا")));
    const QSizeF figure(600, 300);
    QCOMPARE(view.trace()->tokens.first(), QStringLiteral("سلام"));
    QVERIFY(view.tokenRect(0, figure).right() < view.tokenRect(1, figure).left()); // position 0 on the left
}

void TestArcView::tokensFitTheFigure_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<bool>("presentation");
    for (int count : {34, 120})
        for (bool presentation : {false, true})
            QTest::newRow(qPrintable(QStringLiteral("%1 tokens%2").arg(count).arg(presentation ? " presentation" : "")))
                << count << presentation;
}

// Many tokens in a 960×540 figure (presentation mode: a slide at half HD): the font shrinks to its minimum, then
// a window of tokens around the query is shown, with a note; every token drawn stays inside the figure.
void TestArcView::tokensFitTheFigure()
{
    QFETCH(int, count);
    QFETCH(bool, presentation);
    const QSizeF figure(960, 540);
    for (bool dark : {false, true})
        for (int query : {0, count / 2, count - 1}) {
            ArcView view;
            view.setTrace(manyTokensTrace(count));
            view.setSelection(allHeads(query));
            widgets::ViewStyle style;
            style.presentation = presentation;
            style.theme = dark ? widgets::Theme::Dark : widgets::Theme::Light;
            view.setStyle(style);
            QCOMPARE(view.effectiveQuery(), query);
            const QString problem = tokenFitProblems(view, figure);
            QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("query %1: ").arg(query) + problem));
            // An arc reaches every shown key, and none a key outside the window.
            const auto [first, last] = view.shownTokens(figure);
            for (int k = 0; k < count; ++k)
                QCOMPARE(view.arcPath(0, k, figure).isEmpty(), k < first || k > last);
            QVERIFY(labelProblems(view, figure).isEmpty());
        }
    // 120 tokens never fit 960 pixels: a window, even at the smallest font.
    if (count == 120) {
        ArcView view;
        view.setTrace(manyTokensTrace(count));
        const auto [first, last] = view.shownTokens(figure);
        QVERIFY(first > 0 && last == count - 1);
    }
}

// The checkpoint of the issue: 34 tokens from ../shared in presentation mode at 960×540, the last one the query.
void TestArcView::checkpointTokensFitInPresentation()
{
    const QString text = QStringLiteral("Once upon a time, a little girl named Lily went to the park with her mom. "
                                        "She saw a big red ball and wanted to play.");
    const auto trace = checkpointTrace(QStringLiteral("aidreams260K"), text);
    if (!trace) QSKIP("../shared/models/aidreams260K is not there");
    QVERIFY2(trace->tokens.size() >= 30, qPrintable(QString::number(trace->tokens.size())));
    for (const QSizeF figure : {QSizeF(960, 540), QSizeF(1280, 720), QSizeF(1920, 1080)})
        for (bool presentation : {false, true}) {
            ArcView view;
            view.setTrace(trace);
            view.setSelection(allHeads(-1));
            widgets::ViewStyle style;
            style.presentation = presentation;
            view.setStyle(style);
            const QString problem = tokenFitProblems(view, figure);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            QVERIFY(labelProblems(view, figure).isEmpty());
            QVERIFY(!view.weightLabelLayout(figure).empty()); // the strongest arc carries its weight
        }
}

void TestArcView::longInputShrinksAndGrowsHint()
{
    ArcView shortView, longView;
    shortView.setTrace(toyTrace(2, kEnglish));
    const QString longText = kEnglish + QLatin1Char(' ') + kEnglish + QLatin1Char(' ') + kEnglish;
    longView.setTrace(toyTrace(2, longText));
    QVERIFY(longView.sizeHint().width() > shortView.sizeHint().width());
    // In a narrow figure the tokens shrink but stay in order and do not overlap.
    const QSizeF figure(1100, 400);
    for (int i = 1; i < 36; ++i)
        QVERIFY(longView.tokenRect(i - 1, figure).right() <= longView.tokenRect(i, figure).left());
    QVERIFY(longView.tokenRect(0, figure).width() < shortView.tokenRect(0, figure).width());
    // The preferred export size holds every token.
    const QSize preferred = longView.preferredFigureSize();
    QVERIFY(longView.tokenRect(35, QSizeF(preferred)).right() <= preferred.width());
}

void TestArcView::svgKeepsTokensAsText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("memory");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("english") << kEnglish << QString()
                             << QStringList{QStringLiteral("animal"), QStringLiteral("it")};
    QTest::newRow("japanese") << QStringLiteral("得意 な スポーツ は ？") << QStringLiteral("野球 が 得意")
                              << QStringList{QStringLiteral("スポーツ"), QStringLiteral("野球")};
    QTest::newRow("persian") << QStringLiteral("سلام دنیا") << QString()
                             << QStringList{QStringLiteral("سلام"), QStringLiteral("دنیا")};
}

void TestArcView::svgKeepsTokensAsText()
{
    QFETCH(QString, text);
    QFETCH(QString, memory);
    QFETCH(QStringList, expected);
    ArcView view;
    view.setTrace(toyTrace(2, text, memory));
    view.setSelection(allHeads(0));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("arcs.svg"));
    const auto result = widgets::exportFigure(view, path);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString content = svgText(file.readAll());
    for (const QString& token : expected)
        QVERIFY2(content.contains(token),
                 qPrintable(token + QStringLiteral(" not in: ") + content.left(300)));
    QVERIFY(content.contains(QStringLiteral("%"))); // the strongest arcs' weights
}

void TestArcView::pdfExport()
{
    ArcView view;
    view.setTrace(toyTrace(2, kEnglish));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("arcs.pdf"));
    QVERIFY(widgets::exportFigure(view, path).ok());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.read(4) == "%PDF");
}

// Hand weights: query 2 of head 0 puts 0.9 on key 1, 0.05 on key 3, 0.04 on key 0 and 0.01 on itself. The
// labels are the arcs of at least 5 %: "90%" on key 1 first, then "5%" on key 3; 4 % and 1 % carry none.
void TestArcView::labelsCarryTheStrongestWeights()
{
    ArcView view;
    view.setTrace(handTrace());
    model::TraceSelection s = allHeads(2);
    s.head = 0;
    view.setSelection(s);
    const QSizeF figure(800, 400);
    const std::vector<ArcView::WeightLabel> labels = view.weightLabelLayout(figure);
    QCOMPARE(labels.size(), size_t(2));
    QCOMPARE(labels[0].text, QStringLiteral("90%"));
    QCOMPARE(labels[0].key, 1);
    QCOMPARE(labels[1].text, QStringLiteral("5%"));
    QCOMPARE(labels[1].key, 3);
    QCOMPARE(labelProblems(view, figure), QString());
    view.setWeightLabels(false);
    QVERIFY(view.weightLabelLayout(figure).empty());
}

// Query 2 attends to itself with 0.8 (head 0) and 0.6 (head 1): both loops carry their weight above or
// beside the loop, never on the token.
void TestArcView::selfLoopLabelsSitAboveTheToken()
{
    for (bool presentation : {false, true}) {
        ArcView view;
        view.setTrace(selfLoopTrace());
        view.setSelection(allHeads(2));
        widgets::ViewStyle style;
        style.presentation = presentation;
        view.setStyle(style);
        const QSizeF figure(900, 420);
        const QRectF token = view.tokenRect(2, figure);
        const std::vector<ArcView::WeightLabel> labels = view.weightLabelLayout(figure);
        QStringList loops;
        for (const ArcView::WeightLabel& l : labels) {
            if (l.key != 2) continue;
            loops << l.text;
            QVERIFY2(l.rect.bottom() < token.top(), qPrintable(l.text));
            // Near the loop: within a token's width and a label's width of the token's centre.
            QVERIFY(std::abs(l.rect.center().x() - token.center().x()) < token.width() + l.rect.width());
            QVERIFY(token.top() - l.rect.bottom() < 6 * l.rect.height());
        }
        QCOMPARE(loops, (QStringList{QStringLiteral("80%"), QStringLiteral("60%")}));
        QCOMPARE(labelProblems(view, figure), QString());
    }
}

void TestArcView::labelsNeverOverlap_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<int>("query");
    QTest::addColumn<int>("head");
    // The arc view's pane in a 1920×1080 and a 1280×720 window.
    const QList<std::pair<const char*, QSize>> sizes{{"large", QSize(1500, 820)}, {"small", QSize(960, 500)}};
    for (const auto& [sizeName, size] : sizes)
        for (const char* model : {"toy", "aidreams260K"})
            // First token (only itself under the causal mask: self-loops in every head), "it", the last one.
            for (int query : {0, 7, -1})
                for (int head : std::initializer_list<int>{int(model::AllHeads), 0})
                    QTest::newRow(qPrintable(QStringLiteral("%1 %2 query %3 head %4")
                                                 .arg(QLatin1String(model), QLatin1String(sizeName))
                                                 .arg(query).arg(head)))
                        << QStringLiteral("%1:%2x%3").arg(QLatin1String(model)).arg(size.width()).arg(size.height())
                        << query << head;
}

void TestArcView::labelsNeverOverlap()
{
    QFETCH(QString, model);
    QFETCH(int, query);
    QFETCH(int, head);
    const QStringList parts = model.split(QLatin1Char(':'));
    const QStringList wh = parts[1].split(QLatin1Char('x'));
    const QSizeF figure(wh[0].toDouble(), wh[1].toDouble());
    std::shared_ptr<const model::Trace> trace;
    if (parts[0] == QStringLiteral("toy")) {
        trace = causalToyTrace(4, kAnimal);
        QCOMPARE(trace->tokens.size(), 11);
    } else {
        trace = checkpointTrace(parts[0], kAnimal);
        if (!trace) QSKIP("../shared/models/aidreams260K is not there");
    }
    for (bool presentation : {false, true})
        for (bool dark : {false, true}) {
            ArcView view;
            view.setTrace(trace);
            model::TraceSelection s = allHeads(query);
            s.head = head;
            view.setSelection(s);
            widgets::ViewStyle style;
            style.presentation = presentation;
            style.theme = dark ? widgets::Theme::Dark : widgets::Theme::Light;
            view.setStyle(style);
            const std::vector<ArcView::WeightLabel> labels = view.weightLabelLayout(figure);
            const QString problem = labelProblems(view, figure);
            QVERIFY2(problem.isEmpty(), qPrintable(problem + (presentation ? QStringLiteral(" (presentation)") : QString())));
            QVERIFY(int(labels.size()) <= ArcView::kLabelledArcs);
            const int q = view.effectiveQuery();
            // 34 checkpoint tokens in presentation mode overflow a small figure, the query with them: no room.
            if (!QRectF(QPointF(0, 0), figure).contains(view.tokenRect(q, figure))) continue;
            // The strongest arc always finds room, and carries its weight as the trace has it.
            QVERIFY(!labels.empty());
            double strongest = 0;
            for (int h : view.shownHeads()) {
                const model::TraceMatrix& w = trace->layers[0].heads[size_t(h)].weights;
                for (int k = 0; k < w.cols(); ++k)
                    strongest = std::max(strongest, w(q, k));
            }
            QCOMPARE(labels.front().text, QStringLiteral("%1%").arg(std::lround(strongest * 100)));
            // The first token under the causal mask: all of it on itself, labelled above the token.
            if (query == 0 && parts[0] == QStringLiteral("toy")) {
                QCOMPARE(labels.front().text, QStringLiteral("100%"));
                for (const ArcView::WeightLabel& l : labels)
                    QVERIFY(l.rect.bottom() < view.tokenRect(0, figure).top());
            }
        }
}

// What is painted is the layout's labels: switching the labels off changes pixels only inside their rectangles.
void TestArcView::paintedLabelsAreTheLayoutsLabels()
{
    ArcView view;
    view.setTrace(causalToyTrace(4, kAnimal));
    view.setSelection(allHeads(7));
    const QSize size(1200, 600);
    const std::vector<ArcView::WeightLabel> labels = view.weightLabelLayout(QSizeF(size));
    QVERIFY(!labels.empty());
    const QImage with = widgets::renderImage(view, {size, 96});
    view.setWeightLabels(false);
    const QImage without = widgets::renderImage(view, {size, 96});
    int changed = 0;
    for (int y = 0; y < size.height(); ++y)
        for (int x = 0; x < size.width(); ++x) {
            if (with.pixel(x, y) == without.pixel(x, y)) continue;
            ++changed;
            const bool inside = std::any_of(labels.begin(), labels.end(), [&](const ArcView::WeightLabel& l) {
                return l.rect.adjusted(-2, -2, 2, 2).contains(QPointF(x + 0.5, y + 0.5));
            });
            QVERIFY2(inside, qPrintable(QStringLiteral("pixel (%1, %2) changed outside the labels").arg(x).arg(y)));
        }
    QVERIFY(changed > 50 * int(labels.size()));
}

ATTNLAB_TEST_MAIN(TestArcView)
} // namespace tst_arc_view
#include "tst_arc_view.moc"
