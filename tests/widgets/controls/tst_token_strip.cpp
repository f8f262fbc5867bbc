// Tests widgets/controls/token_strip.cpp: chips per token, selection by click, clearing by a second click, a long
// input scrolling sideways, predictions whose probabilities are never cut.

#include "widgets/controls/token_strip.h"
#include "widgets/controls/elided_label.h"
#include "widgets/drawing/left_to_right.h"
#include "widgets/drawing/application_palette.h"
#include "widgets/controls/chip_contrast.h"
#include "test_registry.h"

#include <QApplication>
#include <QStyle>

#include <QImage>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QVBoxLayout>

#include <algorithm>
#include <map>

namespace tst_token_strip {

using namespace attnlab;

class TestTokenStrip : public QObject {
    Q_OBJECT
private slots:
    // Chips made under the dark theme must take the light theme's dark text when the theme changes back:
    // light text on a light chip vanishes.
    void chipTextFollowsTheTheme()
    {
        const QPalette standard = QApplication::style()->standardPalette();
        widgets::ViewStyle dark;
        dark.theme = widgets::Theme::Dark;
        QApplication::setPalette(widgets::applicationPalette(dark, standard));
        widgets::TokenStrip strip;
        strip.setTokens({QStringLiteral("WWWW"), QStringLiteral("MMMM")});
        strip.resize(400, 80);
        strip.show();
        QVERIFY(QTest::qWaitForWindowExposed(&strip));
        QApplication::setPalette(widgets::applicationPalette(widgets::ViewStyle{}, standard));
        QCoreApplication::processEvents();
        QTRY_VERIFY2(test::labelContrast(&strip, strip.chip(0)) > 100,
                     qPrintable(QStringLiteral("label contrast: %1").arg(test::labelContrast(&strip, strip.chip(0)))));
        QApplication::setPalette(standard);
    }

    // "didn't" through a character model without an apostrophe: d i d n t, and a red marker between n and t
    // whose tooltip names the character; one more dropped at the end sits after the last chip.
    void droppedCharactersAreMarkedWhereTheyWere()
    {
        widgets::TokenStrip strip;
        strip.setTokens({"d", "i", "d", "n", "t"});
        strip.setUnknownCharacters({{QStringLiteral("'"), 4, true}, {QStringLiteral("!"), 5, true}});
        strip.resize(600, 80);
        strip.show();
        QVERIFY(QTest::qWaitForWindowExposed(&strip));
        QLabel* marker = strip.droppedMarker(4);
        QVERIFY(marker);
        QCOMPARE(marker->text(), QStringLiteral("'"));
        QVERIFY2(marker->toolTip().contains(QStringLiteral("«'»")) && marker->toolTip().contains(QStringLiteral("5")),
                 qPrintable(marker->toolTip()));
        const auto left = [&](QWidget* w) { return w->mapTo(&strip, QPoint(0, 0)).x(); };
        QVERIFY(left(strip.chip(3)) < left(marker));
        QVERIFY(left(marker) < left(strip.chip(4)));
        QLabel* end = strip.droppedMarker(5);
        QVERIFY(end);
        QVERIFY(left(end) > left(strip.chip(4)));
        QVERIFY(strip.droppedMarker(3) == nullptr);
        QVERIFY(!strip.isUnknownChip(4));
        // New tokens clear the marks.
        strip.setTokens({"a"});
        QVERIFY(strip.droppedMarker(4) == nullptr);
    }

    // A character that became the unknown token: its chip has a red frame and says why; the others have none.
    void unknownTokenChipIsFramedInRed()
    {
        widgets::TokenStrip strip;
        strip.setTokens({"a", "[UNK]", "b"});
        strip.setUnknownCharacters({{QStringLiteral("€"), 1, false}});
        strip.resize(400, 80);
        strip.show();
        QVERIFY(QTest::qWaitForWindowExposed(&strip));
        QVERIFY(strip.isUnknownChip(1));
        QVERIFY(!strip.isUnknownChip(0));
        QVERIFY2(strip.chip(1)->toolTip().contains(QStringLiteral("«€»")), qPrintable(strip.chip(1)->toolTip()));
        const auto redPixels = [&](int index) {
            const QImage image = strip.chip(index)->grab().toImage();
            int red = 0;
            for (int y = 0; y < image.height(); ++y)
                for (int x = 0; x < image.width(); ++x) {
                    const QColor c = image.pixelColor(x, y);
                    red += c.red() > 180 && c.green() < 110 && c.blue() < 110;
                }
            return red;
        };
        QVERIFY2(redPixels(1) > 10, qPrintable(QString::number(redPixels(1))));
        QCOMPARE(redPixels(0), 0);
        strip.setUnknownCharacters({});
        QVERIFY(!strip.isUnknownChip(1));
    }

    void chipsFollowTokens()
    {
        widgets::TokenStrip strip;
        strip.setTokens({QStringLiteral("سلام"), QStringLiteral("دنیا")});
        QCOMPARE(strip.chip(0)->text(), QStringLiteral("سلام"));
        QVERIFY(strip.chip(2) == nullptr);
        strip.setTokens({QStringLiteral("得意"), QStringLiteral("な"), QStringLiteral("スポーツ")});
        QCOMPARE(strip.chip(2)->text(), QStringLiteral("スポーツ"));
    }

    void clickSelectsAndClears()
    {
        widgets::TokenStrip strip;
        strip.setTokens({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
        strip.show();
        QSignalSpy selected(&strip, &widgets::TokenStrip::querySelected);
        QTest::mouseClick(strip.chip(1), Qt::LeftButton);
        QCOMPARE(selected.takeFirst().at(0).toInt(), 1);
        QVERIFY(strip.chip(1)->isChecked());
        QTest::mouseClick(strip.chip(1), Qt::LeftButton);
        QCOMPARE(selected.takeFirst().at(0).toInt(), -1);
        QVERIFY(!strip.chip(1)->isChecked());
    }

    void selectionSurvivesShorterInputOnlyWhenValid()
    {
        widgets::TokenStrip strip;
        strip.setTokens({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
        strip.setSelected(2);
        strip.setTokens({QStringLiteral("a"), QStringLiteral("b")});
        QCOMPARE(strip.selected(), -1);
    }

    void aLongInputScrollsInsteadOfWideningTheWindow()
    {
        QWidget window;
        auto* layout = new QVBoxLayout(&window);
        auto* strip = new widgets::TokenStrip(&window);
        layout->addWidget(strip);
        layout->addStretch(1);
        QStringList tokens;
        for (int i = 0; i < 300; ++i)
            tokens << QStringLiteral("token%1").arg(i);
        strip->setTokens(tokens);
        QVERIFY(window.minimumSizeHint().width() < 200);
        window.resize(600, 300);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCoreApplication::processEvents();
        QCOMPARE(window.width(), 600);
        auto* scroll = strip->findChild<QScrollArea*>();
        QVERIFY(scroll->horizontalScrollBar()->isVisible());
        QCOMPARE(scroll->horizontalScrollBar()->value(), 0);
        // The strip is tall enough for its chips and the scroll bar, with nothing cut.
        QVERIFY(strip->height() >= strip->chip(0)->height() + scroll->horizontalScrollBar()->height());

        // Selecting a token out of sight (a click in the heatmap) scrolls it into view.
        strip->setSelected(299);
        QCoreApplication::processEvents();
        const QPoint chip = strip->chip(299)->mapTo(scroll->viewport(), QPoint(0, 0));
        QVERIFY2(chip.x() >= 0 && chip.x() + strip->chip(299)->width() <= scroll->viewport()->width(),
                 qPrintable(QString::number(chip.x())));
    }

    // The prediction line under the chips, as drawn, reaches WCAG's 4.5 : 1 against what is behind it on both
    // themes, and follows a change of theme (the placeholder grey it had was 4.4 : 1 on the dark theme).
    void predictionsAreReadableOnBothThemes()
    {
        const QPalette standard = QApplication::style()->standardPalette();
        widgets::ViewStyle dark;
        dark.theme = widgets::Theme::Dark;
        QApplication::setPalette(widgets::applicationPalette(dark, standard));
        widgets::TokenStrip strip;
        strip.setTokens({QStringLiteral("cat"), QStringLiteral("sat")});
        model::Prediction p;
        p.top = {{7, 0.48}};
        p.texts = {QStringLiteral("HIM")};
        strip.setPredictions({p, p});
        strip.resize(300, 90);
        strip.show();
        QVERIFY(QTest::qWaitForWindowExposed(&strip));
        // The most contrasting pixel of the label against its commonest colour (the background behind it).
        const auto drawnContrast = [&strip] {
            QLabel* label = strip.predictionLabel(0);
            const QImage image = strip.grab(QRect(label->mapTo(&strip, QPoint(0, 0)), label->size())).toImage();
            std::map<QRgb, int> counts;
            for (int y = 0; y < image.height(); ++y)
                for (int x = 0; x < image.width(); ++x)
                    ++counts[image.pixel(x, y)];
            const QColor background(
                std::max_element(counts.begin(), counts.end(), [](auto& a, auto& b) { return a.second < b.second; })->first);
            double best = 1.0;
            for (const auto& [rgb, count] : counts)
                best = std::max(best, widgets::contrastRatio(QColor(rgb), background));
            return best;
        };
        QVERIFY2(drawnContrast() >= 4.5, qPrintable(QStringLiteral("dark: %1").arg(drawnContrast())));
        QApplication::setPalette(widgets::applicationPalette(widgets::ViewStyle{}, standard));
        QCoreApplication::processEvents();
        QTRY_VERIFY2(drawnContrast() >= 4.5, qPrintable(QStringLiteral("light: %1").arg(drawnContrast())));
        // Dimmer than the chips' text, so the line stays secondary.
        QLabel* label = strip.predictionLabel(0);
        QVERIFY(label->palette().color(QPalette::WindowText) != strip.palette().color(QPalette::WindowText));
        QApplication::setPalette(standard);
    }

    void probabilitiesAreNeverCut()
    {
        widgets::TokenStrip strip;
        strip.setTokens({QStringLiteral("a"), QStringLiteral("b")});
        model::Prediction p;
        p.position = 0;
        p.top = {{7, 0.96}};
        p.texts = {QStringLiteral("extraordinarily")};
        strip.setPredictions({p, p});
        strip.resize(300, 80);
        strip.show();
        QVERIFY(QTest::qWaitForWindowExposed(&strip));
        QLabel* label = strip.predictionLabel(0);
        QVERIFY(label);
        QCOMPARE(label->text(), QStringLiteral("→ extraordinarily\n96%"));
        // The column is as narrow as the chip "a" allows, but wide enough for "100%".
        QVERIFY(label->width() >= label->fontMetrics().horizontalAdvance(QStringLiteral("100%")));
    }

    // What switching parts off did, under each chip: Δ log p of the token predicted before, the change of
    // prediction where there is one, and both log-probabilities in the tooltip; blue for a drop, red for a rise
    // (the head-effects view's colours); no line where there is no effect.
    void ablationEffectsUnderTheChips()
    {
        widgets::TokenStrip strip;
        strip.setTokens({"t", "c", "a", "m"}); // one character each: the narrowest chips
        model::AblationEffect same{0, 5, -0.21, -1.44, 5, -0.21, -1.44, QStringLiteral("the"), QStringLiteral("the")};
        model::AblationEffect changed{1, 7, -0.50, -2.75, 9, -1.60, -0.40, QStringLiteral("cat"), QStringLiteral("dog")};
        model::AblationEffect rises{2, 1, -1.00, -0.60, 1, -1.00, -0.60, QStringLiteral("a"), QStringLiteral("a")};
        strip.setAblationEffects({same, changed, rises});
        strip.resize(600, 120);
        strip.show();
        QVERIFY(QTest::qWaitForWindowExposed(&strip));

        const auto text = [&](int i) { return widgets::withoutIsolates(strip.effectLabel(i)->text()); };
        const auto tip = [&](int i) { return widgets::withoutIsolates(strip.effectLabel(i)->toolTip()); };
        QVERIFY(strip.effectLabel(0) && strip.effectLabel(1) && strip.effectLabel(2));
        QVERIFY(!strip.effectLabel(3));
        QCOMPARE(text(0), QStringLiteral("\u22121.23"));
        QCOMPARE(tip(0), QStringLiteral("Token 1 with the parts switched off:\n"
                                        "before, the model predicted “the”: log p \u22120.21 → \u22121.44 (Δ \u22121.23)\n"
                                        "it still predicts “the”"));
        QCOMPARE(text(1), QStringLiteral("\u22122.25\ncat → dog"));
        QCOMPARE(tip(1), QStringLiteral("Token 2 with the parts switched off:\n"
                                        "before, the model predicted “cat”: log p \u22120.50 → \u22122.75 (Δ \u22122.25)\n"
                                        "now it predicts “dog”: log p \u22121.60 → \u22120.40"));
        QCOMPARE(text(2), QStringLiteral("+0.40"));
        const QColor drop = strip.effectLabel(0)->palette().color(QPalette::WindowText);
        const QColor rise = strip.effectLabel(2)->palette().color(QPalette::WindowText);
        QVERIFY2(drop.blue() > drop.red() + 60, qPrintable(drop.name()));
        QVERIFY2(rise.red() > rise.blue() + 60, qPrintable(rise.name()));
        // The Δ is never cut, however narrow the chip of a one-character token.
        QCOMPARE(widgets::withoutIsolates(static_cast<widgets::ElidedLabel*>(strip.effectLabel(0))->shownLines().front()),
                 QStringLiteral("\u22121.23"));

        // A trace without an ablation: no lines.
        strip.setAblationEffects({});
        QVERIFY(!strip.effectLabel(0) && !strip.effectLabel(1));
    }
};

ATTNLAB_TEST_MAIN(TestTokenStrip)
} // namespace tst_token_strip
#include "tst_token_strip.moc"
