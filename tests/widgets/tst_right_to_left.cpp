// Tests widgets/drawing/left_to_right.cpp and its use by the views: in a right-to-left interface (Persian) numbers
// and formulas keep their left-to-right order ("−0.35", not "0.35−"; "÷ √2", not "2√ ÷"), on screen, in SVG and
// in pixels, while the interface mirrors (the model view's subtitle moves to the left of its title). The views
// are rendered as the screen paints them, with a painter in the right-to-left widget's direction, and read back: the SVG's text elements with their x positions, and the ink of a PNG.

#include "model/exact/matrix_problem.h"
#include "widgets/drawing/left_to_right.h"
#include "widgets/views/head_view.h"
#include "widgets/views/model_view.h"
#include "widgets/views/positional_view.h"
#include "widgets/views/step_view.h"
#include "test_registry.h"

#include <QBuffer>
#include <QFontMetrics>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QRegularExpression>
#include <QSvgGenerator>
#include <QTest>

#include <algorithm>
#include <cmath>

namespace tst_right_to_left {

using namespace attnlab;
using namespace attnlab::widgets;

namespace {

// Q = rows of ±1, K on the unit circle: the scores q·k are ±0.71 and 0, so the step view shows negative numbers;
// V has negative entries too. d_k = 2, so the scaling step is "÷ √2".
std::shared_ptr<const model::Trace> signedTrace()
{
    const double r = 1.0 / std::sqrt(2.0);
    model::MatrixProblem problem;
    problem.q = model::Matrix{{1, 0}, {0, 1}, {-1, 0}, {0, -1}};
    problem.k = model::Matrix{{r, r}, {-r, r}, {-r, -r}, {r, -r}};
    problem.v = model::Matrix{{12, -3}, {14, 16}, {7, -10}, {6, -3}};
    problem.tokens = {QStringLiteral("x1"), QStringLiteral("x2"), QStringLiteral("x3"), QStringLiteral("x4")};
    auto trace = model::runMatrixProblem(problem);
    if (!trace.ok()) qFatal("%s", qPrintable(trace.error()));
    return std::make_shared<const model::Trace>(std::move(trace).value());
}

struct SvgText {
    double x = 0, y = 0;
    QString text;
};

// What the screen paints, as SVG: on screen the view's paint event paints with a QPainter on the widget, which
// takes the widget's right-to-left direction (QWidget::render and a QSvgGenerator's painter would not).
QList<SvgText> renderedTexts(const TraceView& view)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(view.size());
    generator.setViewBox(QRect(QPoint(0, 0), view.size()));
    generator.setResolution(96);
    {
        QPainter painter(&generator);
        painter.setLayoutDirection(view.layoutDirection());
        view.paintFigure(painter, QSizeF(view.size()));
    }
    buffer.close();
    const QString svg = QString::fromUtf8(buffer.data());
    // <text … x="87.3" y="33.5" …>−</text>; a group's transform is not applied (the texts compared here share it).
    static const QRegularExpression element(
        QStringLiteral(R"re(<text[^>]*\bx="([-0-9.e]+)"[^>]*\by="([-0-9.e]+)"[^>]*>([^<]*)</text>)re"));
    QList<SvgText> texts;
    for (auto it = element.globalMatch(svg); it.hasNext();) {
        const auto m = it.next();
        texts << SvgText{m.captured(1).toDouble(), m.captured(2).toDouble(), m.captured(3)};
    }
    return texts;
}

bool hasDigit(const QString& text)
{
    return std::any_of(text.begin(), text.end(), [](QChar c) { return c.isDigit(); });
}

// For every drawn sign ("−" or "√") that has digits on its line: is the nearest digit run on its right? (Text
// elements of one drawText share a baseline.) Returns how many were checked, −1 when one is on the wrong side.
int signsBeforeDigits(const QList<SvgText>& texts, const QString& sign)
{
    int checked = 0;
    for (const SvgText& s : texts) {
        if (s.text.trimmed() != sign) continue;
        const SvgText* nearest = nullptr;
        for (const SvgText& d : texts)
            if (&d != &s && std::abs(d.y - s.y) < 0.01 && hasDigit(d.text) &&
                (!nearest || std::abs(d.x - s.x) < std::abs(nearest->x - s.x)))
                nearest = &d;
        if (!nearest) continue;
        if (nearest->x < s.x) return -1;
        ++checked;
    }
    return checked;
}

// Ink columns of an image on white, as runs [first, last]; light grey (the muted subtitle) counts as ink.
QList<std::pair<int, int>> inkRuns(const QImage& image, int top = 0, int bottom = -1)
{
    if (bottom < 0) bottom = image.height() - 1;
    QList<std::pair<int, int>> runs;
    int start = -1;
    for (int x = 0; x <= image.width(); ++x) {
        bool ink = false;
        for (int y = top; x < image.width() && y <= bottom && !ink; ++y)
            ink = qGray(image.pixel(x, y)) < 220;
        if (ink && start < 0) start = x;
        if (!ink && start >= 0) {
            runs << std::pair{start, x - 1};
            start = -1;
        }
    }
    return runs;
}

// The rows a run of columns has ink in: a minus sign is a flat bar, a digit is tall.
int inkHeight(const QImage& image, std::pair<int, int> run)
{
    int top = image.height(), bottom = -1;
    for (int x = run.first; x <= run.second; ++x)
        for (int y = 0; y < image.height(); ++y)
            if (qGray(image.pixel(x, y)) < 128) {
                top = std::min(top, y);
                bottom = std::max(bottom, y);
            }
    return bottom - top + 1;
}

QImage drawnRightToLeft(const QString& text)
{
    QImage image(240, 60, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setLayoutDirection(Qt::RightToLeft);
    QFont font = painter.font();
    font.setPixelSize(32);
    painter.setFont(font);
    painter.setPen(Qt::black);
    painter.drawText(QRectF(0, 0, 240, 60), Qt::AlignCenter, text);
    return image;
}

} // namespace

class TestRightToLeft : public QObject {
    Q_OBJECT
private slots:
    void init() { QGuiApplication::setLayoutDirection(Qt::RightToLeft); }
    void cleanup() { QGuiApplication::setLayoutDirection(Qt::LeftToRight); }

    void isolatesWrapTheText()
    {
        QCOMPARE(leftToRight(QStringLiteral("\u22120.35")), QStringLiteral("\u2066\u22120.35\u2069"));
        QCOMPARE(leftToRight(QString()), QString());
        QCOMPARE(withoutIsolates(leftToRight(QStringLiteral("÷ √8"))), QStringLiteral("÷ √8"));
        // Mirrored inside [10, 110]: [20, 50] becomes [70, 100]; left to right it stays.
        const QRectF bounds(10, 0, 100, 20), rect(20, 5, 30, 10);
        QCOMPARE(visualRect(Qt::RightToLeft, bounds, rect), QRectF(70, 5, 30, 10));
        QCOMPARE(visualRect(Qt::LeftToRight, bounds, rect), rect);
    }

    // In pixels: the minus, a flat bar, is the leftmost glyph of "−0.35" in a right-to-left painter once
    // isolated; without the isolates the bidi algorithm puts it rightmost (which proves the test can fail).
    void minusGlyphIsLeftOfTheDigits()
    {
        const QString minus = QStringLiteral("\u22120.35");
        const QImage bare = drawnRightToLeft(minus);
        const QImage isolated = drawnRightToLeft(leftToRight(minus));
        const auto bareRuns = inkRuns(bare), isolatedRuns = inkRuns(isolated);
        QCOMPARE(int(isolatedRuns.size()), 5); // − 0 . 3 5
        QCOMPARE(int(bareRuns.size()), 5);
        const int digit = inkHeight(isolated, isolatedRuns[1]);
        QVERIFY2(inkHeight(isolated, isolatedRuns.first()) * 3 < digit, "the leftmost glyph is not the minus");
        QVERIFY(inkHeight(bare, bareRuns.last()) * 3 < digit); // the bug this guards against
    }

    // The step view as the Persian screen shows it: every matrix cell's minus, the headline's and the arrow's
    // "÷ √2" read left to right in the SVG's positions, and in logical order in its text.
    void stepViewKeepsNumbersLeftToRight()
    {
        StepView view;
        view.setLayoutDirection(Qt::RightToLeft);
        // Wide and low, so that the five matrices stand on one line: texts are compared by their positions
        // inside their group, and a second line's panels sit in groups of their own.
        view.resize(2200, 520);
        view.setTrace(signedTrace());
        view.setStep(4); // every panel filled
        QVERIFY(view.figure() && view.figure()->panelLines() == 1);
        const QList<SvgText> texts = renderedTexts(view);
        QVERIFY(!texts.isEmpty());
        const int minuses = signsBeforeDigits(texts, QStringLiteral("\u2212"));
        QVERIFY2(minuses >= 8, qPrintable(QString::number(minuses)));
        const int roots = signsBeforeDigits(texts, QStringLiteral("√"));
        QVERIFY2(roots >= 1, qPrintable(QString::number(roots)));
        // "÷" before "√2": the division sign's element is left of the root's on the same line.
        bool divisionChecked = false;
        for (const SvgText& d : texts) {
            if (d.text.trimmed() != QStringLiteral("÷")) continue;
            for (const SvgText& r : texts)
                if (std::abs(r.y - d.y) < 0.01 && r.text.trimmed() == QStringLiteral("√")) {
                    QVERIFY2(d.x < r.x, qPrintable(QStringLiteral("÷ at %1, √ at %2").arg(d.x).arg(r.x)));
                    divisionChecked = true;
                }
        }
        QVERIFY(divisionChecked);
    }

    // Axis ticks of a plot (the positional view's y axis: −1, −0.5, 0, 0.5, 1).
    void plotTicksKeepTheirMinus()
    {
        PositionalView view;
        view.setLayoutDirection(Qt::RightToLeft);
        view.resize(1200, 800);
        view.setTrace(signedTrace());
        const int minuses = signsBeforeDigits(renderedTexts(view), QStringLiteral("\u2212"));
        QVERIFY2(minuses >= 2, qPrintable(QString::number(minuses)));
    }

    // The model view's title sits at the right, its subtitle after it in reading order, on its left, with a gap:
    // before, both were right-aligned into the same corner.
    // The head view's columns stay queries left, keys right in every language: the query tokens hug the lines
    // from the left, the keys from the right. A right-to-left painter mirrored their alignment, so that the
    // queries stood at the far left of their column and the keys at the far right, away from the lines.
    void headViewTokensHugTheLines()
    {
        HeadView view;
        view.setLayoutDirection(Qt::RightToLeft);
        view.resize(900, 600);
        // A long second token makes the columns wider than the first token "x1".
        model::MatrixProblem problem;
        problem.q = model::Matrix{{1, 0}, {0, 1}, {-1, 0}};
        problem.k = problem.q;
        problem.v = problem.q;
        problem.tokens = {QStringLiteral("x1"), QStringLiteral("wwwwwwwwwwww"), QStringLiteral("x3")};
        auto trace = model::runMatrixProblem(problem);
        QVERIFY2(trace.ok(), qPrintable(trace.error()));
        view.setTrace(std::make_shared<const model::Trace>(std::move(trace).value()));
        QImage image(view.size(), QImage::Format_RGB32);
        image.fill(Qt::white);
        {
            QPainter painter(&image);
            painter.setLayoutDirection(view.layoutDirection());
            view.paintFigure(painter, QSizeF(view.size()));
        }
        for (const bool left : {true, false}) {
            const QRectF cell = view.tokenRect(0, left, QSizeF(view.size()));
            QVERIFY(!cell.isNull());
            const QList<std::pair<int, int>> runs = inkRuns(image.copy(cell.toAlignedRect()));
            QVERIFY(!runs.isEmpty());
            // Ink nearer the lines' side of the cell than the other side.
            const double inkLeft = runs.first().first, inkRight = cell.width() - 1 - runs.last().second;
            QVERIFY2(left ? inkRight < inkLeft : inkLeft < inkRight,
                     qPrintable(QStringLiteral("%1 column: %2 px free left of the ink, %3 px right")
                                    .arg(left ? "query" : "key")
                                    .arg(inkLeft)
                                    .arg(inkRight)));
        }
    }

    void modelViewSubtitleIsLeftOfTheTitle()
    {
        ModelView view;
        view.setLayoutDirection(Qt::RightToLeft);
        view.resize(900, 500);
        view.setTrace(signedTrace());
        QImage image(view.size(), QImage::Format_RGB32);
        image.fill(Qt::white);
        {
            QPainter painter(&image); // as the widget's own painter on screen: right to left
            painter.setLayoutDirection(view.layoutDirection());
            view.paintFigure(painter, QSizeF(view.size()));
        }
        // The title line: the band from the top to the first map's labels; 12 px of padding, a 12-pt title.
        const QList<std::pair<int, int>> runs = inkRuns(image, 12, 12 + QFontMetrics(view.font()).height());
        QVERIFY(runs.size() >= 2);
        // The widest gap between ink runs separates subtitle (left) and title (right): at least 8 px, and the
        // title, right of it, ends at the right padding.
        int widest = 0;
        int at = -1;
        for (int i = 1; i < runs.size(); ++i)
            if (runs[i].first - runs[i - 1].second > widest) {
                widest = runs[i].first - runs[i - 1].second;
                at = i;
            }
        QVERIFY2(widest >= 8, qPrintable(QString::number(widest)));
        QVERIFY(runs.last().second > image.width() - 30);
        // "matrices · 1 layer × 1 head · 4 tokens" is far wider than "All heads": its ink starts well left of the
        // title's.
        QVERIFY2(runs.first().first < runs[at].first - 150,
                 qPrintable(QStringLiteral("subtitle from %1, title from %2").arg(runs.first().first).arg(runs[at].first)));
    }
};

ATTNLAB_TEST_MAIN(TestRightToLeft)
} // namespace tst_right_to_left
#include "tst_right_to_left.moc"
