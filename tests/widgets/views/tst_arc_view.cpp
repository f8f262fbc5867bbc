// Tests widgets/views/arc_view.cpp: it renders every script and theme, the query defaults to the last token, a
// heavier weight draws a stronger arc and weights under the threshold none, hidden heads vanish, clicking a
// token selects it, cross-attention puts the memory on a second line, tokens keep sequence order left to
// right for Persian, and SVG / PDF export keep the tokens as text.

#include "widgets/views/arc_view.h"
#include "widgets/drawing/figure_export.h"
#include "model/attention/toy_model.h"
#include "test_registry.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <cmath>
#include <memory>

namespace tst_arc_view {

using namespace attnlab;
using widgets::ArcView;

namespace {

const QString kEnglish = QStringLiteral("The animal didn't cross the street because it was too tired.");

std::shared_ptr<const model::Trace> toyTrace(int heads, const QString& text, const QString& memory = {})
{
    model::ToyConfig config;
    config.heads = heads;
    config.vocabSize = 512;
    auto result = model::ToyModel(config).run(text, memory);
    if (!result) qFatal("%s", qPrintable(result.error()));
    return std::make_shared<const model::Trace>(std::move(result).value());
}

// Tokens "a b c d", one layer, two heads; query 2 puts 0.9 on key 1 and 0.01 (under the threshold) on
// itself in head 0, and 0.7 on key 0 in head 1.
std::shared_ptr<const model::Trace> handTrace()
{
    model::Trace trace;
    trace.modelName = QStringLiteral("hand");
    trace.trained = true;
    trace.tokens = {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")};
    model::LayerTrace layer;
    model::Matrix weights[2] = {model::Matrix::Constant(4, 4, 0.25), model::Matrix::Constant(4, 4, 0.25)};
    weights[0].row(2) << 0.04, 0.9, 0.01, 0.05;
    weights[1].row(2) << 0.7, 0.1, 0.1, 0.1;
    for (int h = 0; h < 2; ++h) {
        model::HeadTrace head;
        head.weights = weights[h];
        layer.heads.push_back(head);
    }
    trace.layers.push_back(layer);
    return std::make_shared<const model::Trace>(trace);
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
    void svgKeepsTokensAsText_data();
    void svgKeepsTokensAsText();
    void pdfExport();
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

ATTNLAB_TEST_MAIN(TestArcView)
} // namespace tst_arc_view
#include "tst_arc_view.moc"
