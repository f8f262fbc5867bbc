// Tests widgets/drawing/application_palette.cpp: the light theme keeps the platform's palette; the dark
// theme's roles are ViewStyle's panel, control, background, foreground, muted and accent colours (written out
// below as the hex values view_style.h gives them), and every text role is readable on its background by WCAG
// 2's contrast ratio, computed here from its formula: 4.5 : 1 for text, 3 : 1 for disabled controls (which
// WCAG exempts; 3 : 1 is its floor for user-interface components) while staying dimmer than enabled text.

#include "widgets/drawing/application_palette.h"
#include "test_registry.h"

#include <QApplication>
#include <QStyle>
#include <QTest>

#include <cmath>

namespace tst_application_palette {

using namespace attnlab::widgets;

namespace {

// WCAG 2 relative luminance: each sRGB channel linearised (c/12.92 up to 0.04045, else ((c +
// 0.055)/1.055)^2.4), then 0.2126 R + 0.7152 G + 0.0722 B.
double luminance(const QColor& color)
{
    const auto linear = [](int channel) {
        const double c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * linear(color.red()) + 0.7152 * linear(color.green()) + 0.0722 * linear(color.blue());
}

// (lighter + 0.05) / (darker + 0.05): 1 for equal colours, 21 for black on white.
double contrast(const QColor& a, const QColor& b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

ViewStyle dark()
{
    ViewStyle style;
    style.theme = Theme::Dark;
    return style;
}

QPalette darkPalette()
{
    return applicationPalette(dark(), QApplication::style()->standardPalette());
}

} // namespace

class TestApplicationPalette : public QObject {
    Q_OBJECT
private slots:
    void formulaSanity()
    {
        // The formula's known ends and a known middle: black on white 21, equal colours 1, #777 on
        // white 4.48.
        QCOMPARE(contrast(Qt::black, Qt::white), 21.0);
        QCOMPARE(contrast(QColor(0x55, 0x55, 0x55), QColor(0x55, 0x55, 0x55)), 1.0);
        QVERIFY(std::abs(contrast(QColor(0x77, 0x77, 0x77), Qt::white) - 4.48) < 0.01);
    }

    void lightIsThePlatformsPalette()
    {
        ViewStyle light;
        const QPalette custom(QColor(0x12, 0x34, 0x56));
        QVERIFY(applicationPalette(light, custom) == custom);
        const QPalette standard = QApplication::style()->standardPalette();
        QVERIFY(applicationPalette(light, standard) == standard);
    }

    void darkRolesComeFromTheStyle()
    {
        const ViewStyle style = dark();
        const QPalette p = darkPalette();
        for (QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive}) {
            QCOMPARE(p.color(group, QPalette::Window), QColor(0x2b, 0x2d, 0x31)); // panel()
            QCOMPARE(p.color(group, QPalette::Window), style.panel());
            QCOMPARE(p.color(group, QPalette::AlternateBase), style.panel());
            QCOMPARE(p.color(group, QPalette::Base), QColor(0x1e, 0x1f, 0x22));   // background()
            QCOMPARE(p.color(group, QPalette::Button), QColor(0x3a, 0x3c, 0x41)); // control()
            QCOMPARE(p.color(group, QPalette::Button), style.control());
            QCOMPARE(p.color(group, QPalette::ToolTipBase), style.control());
            for (QPalette::ColorRole text :
                 {QPalette::WindowText, QPalette::Text, QPalette::ButtonText, QPalette::ToolTipText})
                QCOMPARE(p.color(group, text), QColor(0xe8, 0xe8, 0xe8)); // foreground()
            // The selection is the accent's blue (#3584e4's hue), darkened only as far as white text needs.
            const QColor highlight = p.color(group, QPalette::Highlight);
            QVERIFY(std::abs(highlight.hue() - style.accent().hue()) <=
                    2); // RGB rounding moves the hue a little
            QVERIFY(highlight.value() <= style.accent().value());
            QVERIFY(highlight.value() >= style.accent().value() * 3 / 4);
            QCOMPARE(p.color(group, QPalette::HighlightedText), QColor(Qt::white));
        }
        // Disabled text is the muted grey (#808088).
        for (QPalette::ColorRole text : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
            QCOMPARE(p.color(QPalette::Disabled, text), QColor(0x80, 0x80, 0x88));
    }

    void textIsReadable_data()
    {
        QTest::addColumn<int>("text");
        QTest::addColumn<int>("background");
        QTest::newRow("window text") << int(QPalette::WindowText) << int(QPalette::Window);
        QTest::newRow("text on base") << int(QPalette::Text) << int(QPalette::Base);
        QTest::newRow("text on alternate rows") << int(QPalette::Text) << int(QPalette::AlternateBase);
        QTest::newRow("button text") << int(QPalette::ButtonText) << int(QPalette::Button);
        QTest::newRow("selected text") << int(QPalette::HighlightedText) << int(QPalette::Highlight);
        QTest::newRow("tool tips") << int(QPalette::ToolTipText) << int(QPalette::ToolTipBase);
        QTest::newRow("placeholder") << int(QPalette::PlaceholderText) << int(QPalette::Base);
        QTest::newRow("links") << int(QPalette::Link) << int(QPalette::Base);
        QTest::newRow("visited links") << int(QPalette::LinkVisited) << int(QPalette::Base);
    }
    void textIsReadable()
    {
        QFETCH(int, text);
        QFETCH(int, background);
        const QPalette p = darkPalette();
        for (QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive}) {
            const QColor fg = p.color(group, QPalette::ColorRole(text));
            const QColor bg = p.color(group, QPalette::ColorRole(background));
            const double ratio = contrast(fg, bg);
            QVERIFY2(ratio >= 4.5,
                     qPrintable(QStringLiteral("%1 on %2: %3 : 1").arg(fg.name(), bg.name()).arg(ratio)));
        }
    }

    void disabledLooksDisabledYetLegible()
    {
        const QPalette p = darkPalette();
        const struct {
            QPalette::ColorRole text, background;
        } pairs[] = {{QPalette::WindowText, QPalette::Window},
                     {QPalette::Text, QPalette::Base},
                     {QPalette::ButtonText, QPalette::Button}};
        for (const auto& pair : pairs) {
            const double disabled = contrast(p.color(QPalette::Disabled, pair.text),
                                             p.color(QPalette::Disabled, pair.background));
            const double enabled =
                contrast(p.color(QPalette::Active, pair.text), p.color(QPalette::Active, pair.background));
            QVERIFY2(disabled >= 3.0,
                     qPrintable(QStringLiteral("role %1: %2 : 1").arg(int(pair.text)).arg(disabled)));
            QVERIFY2(disabled < enabled / 2,
                     qPrintable(
                         QStringLiteral("role %1: %2 vs %3").arg(int(pair.text)).arg(disabled).arg(enabled)));
        }
        // A placeholder reads as a hint: dimmer than typed text.
        QVERIFY(contrast(p.color(QPalette::PlaceholderText), p.color(QPalette::Base)) <
                contrast(p.color(QPalette::Text), p.color(QPalette::Base)) / 2);
        // A disabled button is a shade lighter than the panel, not the enabled control colour.
        QVERIFY(p.color(QPalette::Disabled, QPalette::Button) != p.color(QPalette::Active, QPalette::Button));
        QVERIFY(luminance(p.color(QPalette::Disabled, QPalette::Button)) > luminance(dark().panel()));
    }
};

ATTNLAB_TEST_MAIN(TestApplicationPalette)
} // namespace tst_application_palette
#include "tst_application_palette.moc"
