// Tests widgets/views/head_view.cpp: it renders every script and theme, its swatches toggle heads (signal, local
// selection and pixels), its left tokens select the query, a heavier weight draws a stronger line, and SVG /
// PDF export keep the tokens as text, and the columns use the pane: 11 tokens span most of a 1000-pixel pane,
// 49 keep an 11-pixel font, three do not get giant labels, and longer texts show a window around the query.

#include "widgets/drawing/figure_export.h"
#include "widgets/views/head_view.h"
#include "model/attention/toy_model.h"
#include "test_registry.h"

#include <QApplication>
#include <QFile>
#include <QWheelEvent>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <cmath>
#include <memory>

namespace tst_head_view {

using namespace attnlab;
using widgets::HeadView;

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

// Tokens "a b c d", one layer, two heads; query 2 puts 0.9 on key 1 in head 0 and spreads evenly in head 1.
std::shared_ptr<const model::Trace> handTrace()
{
    model::Trace trace;
    trace.modelName = QStringLiteral("hand");
    trace.trained = true;
    trace.tokens = {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")};
    model::LayerTrace layer;
    model::Matrix weights[2] = {model::Matrix::Constant(4, 4, 0.25), model::Matrix::Constant(4, 4, 0.25)};
    weights[0].row(2) << 0.04, 0.9, 0.01, 0.05;
    for (int h = 0; h < 2; ++h) {
        model::HeadTrace head;
        head.weights = weights[h];
        layer.heads.push_back(head);
    }
    trace.layers.push_back(layer);
    return std::make_shared<const model::Trace>(trace);
}

const QString kAnimal = QStringLiteral("The animal didn't cross the street because it was too tired");

// `count` words: the sentence repeated and cut, one toy token each.
QString words(int count)
{
    const QStringList sentence = kAnimal.split(QLatin1Char(' '));
    QStringList out;
    for (int i = 0; i < count; ++i)
        out << sentence[i % sentence.size()];
    return out.join(QLatin1Char(' '));
}

// A font's size in pixels at 96 dpi (what the figure and the offscreen screen use).
double pixels(const QFont& font)
{
    return font.pointSizeF() * 96.0 / 72.0;
}

// "" when the shown rows of each column are in order, do not overlap and lie inside the figure.
QString rowProblems(const HeadView& view, const QSizeF& figure)
{
    const auto [first, last] = view.shownRows(figure);
    for (bool left : {true, false})
        for (int i = first; i <= last; ++i) {
            const QRectF r = view.tokenRect(i, left, figure);
            if (r.isNull()) return QStringLiteral("row %1 is not shown").arg(i);
            if (!QRectF(QPointF(0, 0), figure).contains(r)) return QStringLiteral("row %1 leaves the figure").arg(i);
            if (i > first && r.top() < view.tokenRect(i - 1, left, figure).bottom() - 0.01)
                return QStringLiteral("row %1 overlaps row %2").arg(i).arg(i - 1);
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

// Pixels whose hue is that of `color` (within 12°) and that are visibly coloured, inside `area`.
int pixelsOfHue(const QImage& image, const QColor& color, const QRect& area)
{
    int count = 0;
    const QRect r = area.intersected(image.rect());
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x) {
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

class TestHeadView : public QObject {
    Q_OBJECT
private slots:
    void rendersNotBlank_data();
    void rendersNotBlank();
    void swatchTogglesHead();
    void clickingTokenSelectsQuery();
    void heavierWeightDrawsStrongerLine();
    void hoveringKeyFadesOtherLines();
    void singleHeadShowsOnlyThatHead();
    void sizeHintGrowsWithTokens();
    void svgKeepsTokensAsText_data();
    void svgKeepsTokensAsText();
    void pdfExport();
    void elevenTokensSpanThePane();
    void fortyNineTokensStayReadable();
    void threeTokensAreNotGiant();
    void longTextShowsWindowAroundQuery();
    void exportPaintsWhereTheLayoutSays();
    void exportSaysTheColourScale_data();
    void exportSaysTheColourScale();
};

void TestHeadView::rendersNotBlank_data()
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

void TestHeadView::rendersNotBlank()
{
    QFETCH(QString, text);
    QFETCH(QString, memory);
    QFETCH(bool, dark);
    QFETCH(bool, presentation);
    HeadView view;
    QCOMPARE(view.viewName(), QStringLiteral("heads"));
    view.setTrace(toyTrace(4, text, memory));
    view.setSelection(allHeads(1));
    widgets::ViewStyle style;
    style.theme = dark ? widgets::Theme::Dark : widgets::Theme::Light;
    style.presentation = presentation;
    view.setStyle(style);
    const QImage image = widgets::renderImage(view, {QSize(700, 500), 96});
    QVERIFY(!image.isNull());
    QVERIFY(nonBackgroundPixels(image, style.background()) > 2000);
    // The lines leave the query token: some head colour appears between the columns.
    const QRectF from = view.tokenRect(1, true, QSizeF(700, 500)),
                 to = view.tokenRect(0, false, QSizeF(700, 500));
    const QRect between(QPoint(int(from.right()) + 4, 0), QPoint(int(to.left()) - 4, 499));
    int coloured = 0;
    for (int h = 0; h < 4; ++h)
        coloured += pixelsOfHue(image, widgets::headColor(h), between);
    QVERIFY(coloured > 100);
}

void TestHeadView::swatchTogglesHead()
{
    HeadView view;
    view.setTrace(toyTrace(2, kEnglish));
    view.setSelection(allHeads(7)); // "it"
    view.resize(700, 560);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QSizeF figure(view.size());
    const QRectF query = view.tokenRect(7, true, figure), key = view.tokenRect(0, false, figure);
    const QRect between(QPoint(int(query.right()) + 4, int(key.top())), QPoint(int(key.left()) - 4, 559));
    const QColor orange = widgets::headColor(1);
    QVERIFY(pixelsOfHue(widgets::renderImage(view, {view.size(), 96}), orange, between) > 50);

    QSignalSpy spy(&view, &widgets::TraceView::headToggled);
    const QRectF swatch = view.swatchRect(1, figure);
    QVERIFY(!swatch.isNull());
    QTest::mouseClick(&view, Qt::LeftButton, {}, swatch.center().toPoint());
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toInt(), 1);
    QCOMPARE(spy.at(0).at(1).toBool(), false);
    QVERIFY(view.selection().hiddenHeads.contains(1));
    QCOMPARE(view.shownHeads(), std::vector<int>{0});
    QCOMPARE(pixelsOfHue(widgets::renderImage(view, {view.size(), 96}), orange, between), 0);
    QVERIFY(pixelsOfHue(widgets::renderImage(view, {view.size(), 96}), widgets::headColor(0), between) > 50);

    QTest::mouseClick(&view, Qt::LeftButton, {}, swatch.center().toPoint());
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.at(1).at(0).toInt(), 1);
    QCOMPARE(spy.at(1).at(1).toBool(), true);
    QVERIFY(view.selection().hiddenHeads.isEmpty());
    QVERIFY(pixelsOfHue(widgets::renderImage(view, {view.size(), 96}), orange, between) > 50);
}

void TestHeadView::clickingTokenSelectsQuery()
{
    HeadView view;
    view.setTrace(toyTrace(2, kEnglish));
    view.setSelection(allHeads(-1));
    view.resize(600, 560);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy spy(&view, &widgets::TraceView::querySelected);
    const QPoint animal = view.tokenRect(1, true, QSizeF(view.size())).center().toPoint();
    QTest::mouseClick(&view, Qt::LeftButton, {}, animal);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toInt(), 1);
    QCOMPARE(view.selection().query, 1);
    QTest::mouseClick(&view, Qt::LeftButton, {}, animal); // again: none
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.at(1).at(0).toInt(), -1);
    QCOMPARE(view.selection().query, -1);
    // A key token is not a query.
    QTest::mouseClick(&view, Qt::LeftButton, {},
                      view.tokenRect(3, false, QSizeF(view.size())).center().toPoint());
    QCOMPARE(spy.count(), 2);
}

void TestHeadView::heavierWeightDrawsStrongerLine()
{
    HeadView view;
    view.setTrace(handTrace());
    model::TraceSelection s = allHeads(2);
    s.head = 0;
    view.setSelection(s);
    const QSize size(600, 400);
    const QImage image = widgets::renderImage(view, {size, 96});
    const QLineF strong = view.headLine(0, 2, 1, QSizeF(size)), weak = view.headLine(0, 2, 3, QSizeF(size));
    QVERIFY(!strong.isNull() && !weak.isNull());
    QCOMPARE(strong.p1(), weak.p1()); // both leave "c"
    QVERIFY(std::abs(strong.p2().y() - view.tokenAnchor(1, false, QSizeF(size)).y()) < 3);
    const QColor bg = view.viewStyle().background();
    const double strongInk = ink(image, strong.pointAt(0.5), bg), weakInk = ink(image, weak.pointAt(0.5), bg);
    QVERIFY2(strongInk > 2 * weakInk, qPrintable(QStringLiteral("%1 vs %2").arg(strongInk).arg(weakInk)));
    QVERIFY(weakInk > 0);                                   // 0.05 is faint, but drawn
    QVERIFY(view.headLine(1, 2, 1, QSizeF(size)).isNull()); // head 1 is not shown
}

void TestHeadView::hoveringKeyFadesOtherLines()
{
    HeadView view;
    view.setTrace(handTrace());
    model::TraceSelection s = allHeads(2);
    s.head = 0;
    view.setSelection(s);
    view.resize(600, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QSizeF figure(view.size());
    const QColor bg = view.viewStyle().background();
    const QPointF strong = view.headLine(0, 2, 1, figure).pointAt(0.5),
                  weak = view.headLine(0, 2, 3, figure).pointAt(0.5);
    const double before = ink(widgets::renderImage(view, {view.size(), 96}), strong, bg);
    QTest::mouseMove(&view, view.tokenRect(3, false, figure).center().toPoint()); // hover key "d"
    QImage hovered = widgets::renderImage(view, {view.size(), 96});
    QVERIFY2(ink(hovered, strong, bg) < before / 2, "the line to another key should fade");
    QVERIFY(ink(hovered, weak, bg) > 0);
    // Hovering another query previews its lines: row 0 is uniform, so its line to "b" appears.
    QTest::mouseMove(&view, view.tokenRect(0, true, figure).center().toPoint());
    hovered = widgets::renderImage(view, {view.size(), 96});
    QVERIFY(ink(hovered, view.headLine(0, 0, 1, figure).pointAt(0.5), bg) > 0);
    QVERIFY(ink(hovered, strong, bg) < before / 2);
}

void TestHeadView::singleHeadShowsOnlyThatHead()
{
    HeadView view;
    view.setTrace(toyTrace(4, kEnglish));
    model::TraceSelection s = allHeads(3);
    s.hiddenHeads = {1};
    view.setSelection(s);
    QCOMPARE(view.shownHeads(), (std::vector<int>{0, 2, 3}));
    s.head = 2;
    view.setSelection(s);
    QCOMPARE(view.shownHeads(), std::vector<int>{2});
    s.head = model::AllHeads;
    s.hiddenHeads = {0, 1, 2, 3};
    view.setSelection(s);
    QVERIFY(view.shownHeads().empty()); // swatches and lines agree: nothing drawn
    QVERIFY(!widgets::renderImage(view, {QSize(500, 500), 96}).isNull());
}

void TestHeadView::sizeHintGrowsWithTokens()
{
    HeadView shortView, longView;
    shortView.setTrace(toyTrace(2, QStringLiteral("a b c")));
    longView.setTrace(toyTrace(2, kEnglish + QLatin1Char(' ') + kEnglish));
    QVERIFY(longView.sizeHint().height() > shortView.sizeHint().height());
    // Every token row fits in the preferred figure.
    const QSize preferred = longView.preferredFigureSize();
    QVERIFY(longView.tokenRect(23, true, QSizeF(preferred)).bottom() <= preferred.height());
}

void TestHeadView::svgKeepsTokensAsText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("memory");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("english") << kEnglish << QString()
                             << QStringList{QStringLiteral("animal"), QStringLiteral("didn't")};
    QTest::newRow("japanese") << QStringLiteral("得意 な スポーツ は ？") << QStringLiteral("野球 が 得意")
                              << QStringList{QStringLiteral("スポーツ"), QStringLiteral("野球")};
    QTest::newRow("persian") << QStringLiteral("سلام دنیا") << QString()
                             << QStringList{QStringLiteral("سلام"), QStringLiteral("دنیا")};
}

void TestHeadView::svgKeepsTokensAsText()
{
    QFETCH(QString, text);
    QFETCH(QString, memory);
    QFETCH(QStringList, expected);
    HeadView view;
    view.setTrace(toyTrace(2, text, memory));
    view.setSelection(allHeads(0));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("heads.svg"));
    const auto result = widgets::exportFigure(view, path);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString content = svgText(file.readAll());
    for (const QString& token : expected)
        QVERIFY2(content.contains(token),
                 qPrintable(token + QStringLiteral(" not in: ") + content.left(300)));
    QVERIFY(content.contains(QStringLiteral("Layer 1")));
    QVERIFY(content.contains(QStringLiteral("untrained weights")));
}

void TestHeadView::pdfExport()
{
    HeadView view;
    view.setTrace(toyTrace(2, kEnglish));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("heads.pdf"));
    QVERIFY(widgets::exportFigure(view, path).ok());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.read(4) == "%PDF");
}

void TestHeadView::elevenTokensSpanThePane()
{
    HeadView view;
    view.setTrace(toyTrace(4, kAnimal));
    QCOMPARE(view.trace()->tokens.size(), 11);
    view.setSelection(allHeads(7));
    for (const QSizeF figure : {QSizeF(900, 1000), QSizeF(1400, 1000)}) {
        const double span = view.tokenRect(10, true, figure).bottom() - view.tokenRect(0, true, figure).top();
        QVERIFY2(span > 0.7 * figure.height(), qPrintable(QString::number(span)));
        QCOMPARE(view.shownRows(figure), (std::pair<int, int>(0, 10)));
        QVERIFY(view.windowNote(figure).isEmpty());
        QCOMPARE(rowProblems(view, figure), QString());
        // The labels grow with the room: well above the old 11 points, within the maximum.
        QVERIFY(view.tokenFont(figure).pointSizeF() >= 14);
        QVERIFY(view.tokenFont(figure).pointSizeF() <= HeadView::kMaxTokenPoints);
        // The lines use the width: the columns stand at least half the figure apart.
        QVERIFY(view.tokenRect(0, false, figure).left() - view.tokenRect(0, true, figure).right() > 0.45 * figure.width());
    }
    // A smaller pane (1280×720 window): still most of its height.
    const QSizeF small(800, 560);
    QVERIFY(view.tokenRect(10, true, small).bottom() - view.tokenRect(0, true, small).top() > 0.6 * small.height());
    QCOMPARE(rowProblems(view, small), QString());
}

void TestHeadView::fortyNineTokensStayReadable()
{
    HeadView view;
    view.setTrace(toyTrace(4, words(49)));
    QCOMPARE(view.trace()->tokens.size(), 49);
    view.setSelection(allHeads(30));
    const QSizeF figure(900, 1000);
    QVERIFY2(pixels(view.tokenFont(figure)) >= 11, qPrintable(QString::number(pixels(view.tokenFont(figure)))));
    QCOMPARE(view.shownRows(figure), (std::pair<int, int>(0, 48))); // every token, no window
    QCOMPARE(rowProblems(view, figure), QString());
    QVERIFY(view.tokenRect(48, true, figure).bottom() - view.tokenRect(0, true, figure).top() > 0.7 * figure.height());
}

void TestHeadView::threeTokensAreNotGiant()
{
    HeadView view;
    view.setTrace(toyTrace(2, QStringLiteral("a b c")));
    const QSizeF figure(1400, 1000);
    QVERIFY(view.tokenFont(figure).pointSizeF() <= HeadView::kMaxTokenPoints);
    QVERIFY(view.tokenRect(0, true, figure).height() < 0.1 * figure.height());
    QCOMPARE(rowProblems(view, figure), QString());
}

void TestHeadView::longTextShowsWindowAroundQuery()
{
    HeadView view;
    view.setTrace(toyTrace(2, words(120)));
    QCOMPARE(view.trace()->tokens.size(), 120);
    view.setSelection(allHeads(60));
    view.resize(900, 1000);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QSizeF figure(view.size());
    QVERIFY(pixels(view.tokenFont(figure)) >= 11);
    const auto [first, last] = view.shownRows(figure);
    QVERIFY2(first > 0 && last < 119 && first <= 60 && 60 <= last, qPrintable(QStringLiteral("%1-%2").arg(first).arg(last)));
    QVERIFY(last - first + 1 >= 40); // the rows at the smallest font fill the pane
    QVERIFY(std::abs((first + last) / 2 - 60) <= 1); // centred on the query
    QVERIFY(view.tokenRect(first - 1, true, figure).isNull());
    QVERIFY(view.headLine(0, 60, first - 1, figure).isNull());
    QVERIFY(!view.headLine(0, 60, first, figure).isNull());
    const QChar lri(0x2066), pdi(0x2069);
    QCOMPARE(view.windowNote(figure), lri + QStringLiteral("%1–%2").arg(first + 1).arg(last + 1) + pdi + QStringLiteral(" / 120 tokens"));
    QCOMPARE(rowProblems(view, figure), QString());
    // The weight on the keys above the window goes along one line to the top of the key column.
    {
        model::TraceSelection one = allHeads(60);
        one.head = 0;
        view.setSelection(one);
        const QImage image = widgets::renderImage(view, {view.size(), 96});
        const QLineF toAbove(view.tokenAnchor(60, true, figure),
                             view.tokenRect(first, false, figure).topLeft() - QPointF(2, 2));
        int inked = 0;
        for (int i = 0; i <= 40; ++i)
            inked += ink(image, toAbove.pointAt(0.5 + 0.01 * i), view.viewStyle().background()) > 60;
        QVERIFY2(inked > 10, qPrintable(QString::number(inked)));
        view.setSelection(allHeads(60));
    }
    // The wheel moves the window: up by three rows a notch.
    const QPointF centre(figure.width() / 2, figure.height() / 2);
    QWheelEvent up(centre, view.mapToGlobal(centre), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                   Qt::NoScrollPhase, false);
    QApplication::sendEvent(&view, &up);
    QCOMPARE(view.shownRows(figure), (std::pair<int, int>(first - 3, last - 3)));
    // Without a query the window starts at the first token.
    view.setSelection(allHeads(-1));
    QCOMPARE(view.shownRows(figure).first, 0);
    QCOMPARE(view.windowNote(figure), lri + QStringLiteral("1–%1").arg(view.shownRows(figure).second + 1) + pdi + QStringLiteral(" / 120 tokens"));
}

// The export paints the tokens where the layout puts them: the last of 11 rows near the bottom of the pane.
void TestHeadView::exportPaintsWhereTheLayoutSays()
{
    HeadView view;
    view.setTrace(toyTrace(2, kAnimal));
    view.setSelection(allHeads(7));
    const QSize size(900, 1000);
    const QImage image = widgets::renderImage(view, {size, 96});
    const QColor bg = view.viewStyle().background();
    for (int row : {0, 10}) {
        const QRectF r = view.tokenRect(row, true, QSizeF(size));
        int inked = 0;
        for (int y = int(r.top()); y < int(r.bottom()); ++y)
            for (int x = int(r.left()); x < int(r.right()); ++x)
                inked += image.pixelColor(x, y) != bg;
        QVERIFY2(inked > 40, qPrintable(QStringLiteral("row %1: %2").arg(row).arg(inked)));
    }
    QVERIFY(view.tokenRect(10, true, QSizeF(size)).bottom() > 0.8 * size.height());
    // The preferred export size shows every token, no window.
    HeadView longView;
    longView.setTrace(toyTrace(2, words(120)));
    const QSize preferred = longView.preferredFigureSize();
    QCOMPARE(longView.shownRows(QSizeF(preferred)), (std::pair<int, int>(0, 119)));
}

// The lines' opacity follows the colour scale, and nothing but a note says which: none for the fixed 0–1, the
// colour bar's title otherwise ("of each head" when several heads each go to their own maximum).
void TestHeadView::exportSaysTheColourScale_data()
{
    QTest::addColumn<int>("scale"); // a ColorScale
    QTest::addColumn<int>("head");
    QTest::addColumn<QString>("note"); // empty: none of the scale's labels
    QTest::newRow("fixed") << int(widgets::ColorScale::Fixed) << int(model::AllHeads) << QString();
    QTest::newRow("max, one head") << int(widgets::ColorScale::Max) << 1 << QStringLiteral("weight (0–max)");
    QTest::newRow("max, all heads") << int(widgets::ColorScale::Max) << int(model::AllHeads)
                                    << QStringLiteral("weight (0–max of each head)");
    QTest::newRow("log") << int(widgets::ColorScale::Log) << int(model::AllHeads) << QStringLiteral("weight (log)");
}

void TestHeadView::exportSaysTheColourScale()
{
    QFETCH(int, scale);
    QFETCH(int, head);
    QFETCH(QString, note);
    HeadView view;
    widgets::ViewStyle style;
    style.weightScale = widgets::ColorScale(scale);
    view.setStyle(style);
    view.setTrace(toyTrace(4, kEnglish));
    model::TraceSelection selection = allHeads(1);
    selection.head = head;
    view.setSelection(selection);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("heads.svg"));
    QVERIFY(widgets::exportFigure(view, path).ok());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString content = svgText(file.readAll());
    if (note.isEmpty()) {
        QVERIFY2(!content.contains(QStringLiteral("weight (")), qPrintable(content.left(300)));
    } else {
        QVERIFY2(content.contains(note), qPrintable(content.left(300)));
        // Exactly the one label: "weight (0–max)" must not be read out of a longer one, or the reverse.
        QCOMPARE(content.count(QStringLiteral("weight (")), 1);
    }
    // The note takes its own room: the swatches and the token columns keep theirs.
    const QSizeF figure(view.preferredFigureSize());
    QVERIFY(view.swatchRect(3, figure).bottom() < view.tokenRect(0, true, figure).top());
}

ATTNLAB_TEST_MAIN(TestHeadView)
} // namespace tst_head_view
#include "tst_head_view.moc"
