// Tests app/lessons/lesson_text.cpp: the lesson files' plain-text mathematics as rich text, and the left-to-right
// isolates that keep it readable inside Persian sentences.

#include "app/lessons/lesson_text.h"
#include "widgets/drawing/color_map.h"
#include "test_registry.h"

#include <QTest>
#include <QTextLayout>

namespace tst_lesson_text {

using namespace attnlab;

class TestLessonText : public QObject {
    Q_OBJECT
private slots:
    void mathIsSetAsRichText()
    {
        QCOMPARE(app::mathToHtml(QStringLiteral("(9/26, 2/13)")),
                 QStringLiteral("(<sup>9</sup>&frasl;<sub>26</sub>, <sup>2</sup>&frasl;<sub>13</sub>)"));
        QCOMPARE(app::mathToHtml(QStringLiteral("1/√2")), QStringLiteral("1/√2"));
        QCOMPARE(app::mathToHtml(QStringLiteral("√D_k and d_model")), QStringLiteral("√D<sub>k</sub> and d<sub>model</sub>"));
        QCOMPARE(app::mathToHtml(QStringLiteral("without exp_overrides")), QStringLiteral("without exp_overrides"));
        QCOMPARE(app::mathToHtml(QStringLiteral("e^(c²) < QK^T")), QStringLiteral("e<sup>c²</sup> &lt; QK<sup>T</sup>"));
        QCOMPARE(app::mathToHtml(QStringLiteral("Run `attnlab params`")), QStringLiteral("Run <code>attnlab params</code>"));
    }

    // The current paragraph's highlight: readable text on both themes (WCAG 4.5 : 1 and more), and on the dark
    // theme a background that does not glare: no lighter than the dark panels' grey (#3a3c41), where the light
    // theme's pale yellow is almost white.
    void highlightSuitsTheTheme()
    {
        for (const bool dark : {false, true}) {
            const app::LessonHighlight h = app::lessonHighlight(dark);
            const QColor background(QLatin1String(h.background)), text(QLatin1String(h.text));
            QVERIFY2(widgets::contrastRatio(background, text) >= 7.0,
                     qPrintable(QString::number(widgets::contrastRatio(background, text))));
            const QString html = app::lessonStepsHtml({QStringLiteral("one"), QStringLiteral("two")}, 1, false, dark);
            QVERIFY(html.contains(QStringLiteral("background-color:%1").arg(QLatin1String(h.background))));
            QCOMPARE(html.count(QStringLiteral("background-color")), 1);
        }
        const QColor darkBackground(QLatin1String(app::lessonHighlight(true).background));
        QVERIFY(widgets::relativeLuminance(darkBackground) <= widgets::relativeLuminance(QColor(0x3a, 0x3c, 0x41)));
        QVERIFY(widgets::relativeLuminance(QColor(QLatin1String(app::lessonHighlight(false).background))) > 0.8);
        // Distinct from the dark base it sits on.
        QVERIFY(widgets::contrastRatio(darkBackground, QColor(0x1e, 0x1f, 0x22)) >= 1.2);
    }

    void leftToRightMathIsIsolatedInPersian_data()
    {
        // ⟨ and ⟩ stand for U+2066 LEFT-TO-RIGHT ISOLATE and U+2069 POP DIRECTIONAL ISOLATE.
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("isolated");
        QTest::newRow("title") << QStringLiteral("سافت‌مکس مسئلهٔ امتحان: exp(1/2) ≈ 3/2")
                               << QStringLiteral("سافت‌مکس مسئلهٔ امتحان: ⟨exp(1/2) ≈ 3/2⟩");
        QTest::newRow("tuple after a word") << QStringLiteral("وزن‌ها (9/26, 9/26, 2/13, 2/13) می‌شوند")
                                            << QStringLiteral("وزن‌ها ⟨(9/26, 9/26, 2/13, 2/13)⟩ می‌شوند");
        QTest::newRow("signs") << QStringLiteral("امتیازهای (1/2, 1/2, −1/2, −1/2) به دست")
                               << QStringLiteral("امتیازهای ⟨(1/2, 1/2, −1/2, −1/2)⟩ به دست");
        QTest::newRow("full stop outside") << QStringLiteral("خروجی: y₂ = (11, 5/2).")
                                           << QStringLiteral("خروجی: ⟨y₂ = (11, 5/2)⟩.");
        QTest::newRow("persian comma") << QStringLiteral("q₁ = (1, 0)، q₂ = (0, 1) و")
                                       << QStringLiteral("⟨q₁ = (1, 0)⟩، ⟨q₂ = (0, 1)⟩ و");
        QTest::newRow("formula") << QStringLiteral("تقسیم QKᵀ/√D_k بر")
                                 << QStringLiteral("تقسیم ⟨QKᵀ/√D_k⟩ بر");
        QTest::newRow("ellipsis stays") << QStringLiteral("از exp(1/2) = 1.6487… استفاده")
                                        << QStringLiteral("از ⟨exp(1/2) = 1.6487…⟩ استفاده");
        QTest::newRow("quotes outside") << QStringLiteral("حافظهٔ «野球 が 得意» («در بیسبال»)")
                                        << QStringLiteral("حافظهٔ «⟨野球 が 得意⟩» («در بیسبال»)");
        QTest::newRow("bracket of the sentence") << QStringLiteral("به 野球 (بیسبال) و (得意 است)")
                                                 << QStringLiteral("به ⟨野球⟩ (بیسبال) و (⟨得意⟩ است)");
        QTest::newRow("persian digits") << QStringLiteral("کلیدهای ۱ و ۲") << QStringLiteral("کلیدهای ۱ و ۲");
        QTest::newRow("english") << QStringLiteral("The exam's softmax: exp(1/2) ≈ 3/2")
                                 << QStringLiteral("The exam's softmax: exp(1/2) ≈ 3/2");
        QTest::newRow("japanese") << QStringLiteral("試験問題のソフトマックス：exp(1/2) ≈ 3/2")
                                  << QStringLiteral("試験問題のソフトマックス：exp(1/2) ≈ 3/2");
        QTest::newRow("already isolated") << QStringLiteral("امتحان: ⟨exp(1/2)⟩") << QStringLiteral("امتحان: ⟨exp(1/2)⟩");
    }

    void leftToRightMathIsIsolatedInPersian()
    {
        QFETCH(QString, text);
        QFETCH(QString, isolated);
        const auto marks = [](QString s) {
            return s.replace(QStringLiteral("⟨"), QChar(0x2066)).replace(QStringLiteral("⟩"), QChar(0x2069));
        };
        const QString result = app::isolateLeftToRight(marks(text));
        QCOMPARE(result, marks(isolated));
        QCOMPARE(app::isolateLeftToRight(result), result);
    }

    void isolatedTupleReadsLeftToRightInARightToLeftLine()
    {
        // Laid out right to left, the exam's weights after a Persian word come out as (2/13, 2/13, 9/26, 9/26)
        // unless the tuple is isolated: then the first 9/26 stands left of the last 2/13, as written.
        const QString text = QStringLiteral("وزن‌ها (9/26, 9/26, 2/13, 2/13) می‌شوند");
        const auto visualX = [](const QString& shown, qsizetype position) {
            QTextLayout layout(shown, QFont());
            QTextOption option;
            option.setTextDirection(Qt::RightToLeft);
            layout.setTextOption(option);
            layout.beginLayout();
            QTextLine line = layout.createLine();
            line.setLineWidth(100000);
            layout.endLayout();
            return line.cursorToX(int(position));
        };
        const auto firstBeforeLast = [&](const QString& shown) {
            return visualX(shown, shown.indexOf(QStringLiteral("9/26"))) <
                   visualX(shown, shown.lastIndexOf(QStringLiteral("2/13")));
        };
        QVERIFY(!firstBeforeLast(text)); // the defect, as the bidi algorithm lays the raw text out
        QVERIFY(firstBeforeLast(app::isolateLeftToRight(text)));
    }
};

ATTNLAB_TEST_MAIN(TestLessonText)
} // namespace tst_lesson_text
#include "tst_lesson_text.moc"
