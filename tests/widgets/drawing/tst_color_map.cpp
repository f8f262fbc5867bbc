// Tests widgets/drawing/color_map.cpp against matplotlib's published colours and the property that makes a map
// sequential: its lightness rises monotonically; the weight scales (fixed, max, log) by hand-worked values,
// their colour bar's ticks and titles; and the dark theme's part of each map against its background.

#include "widgets/drawing/color_map.h"
#include "widgets/drawing/view_style.h"
#include "test_registry.h"

#include <QTest>

namespace tst_color_map {

using namespace attnlab::widgets;

namespace {

// Relative luminance (WCAG) of an sRGB colour.
double luminance(const QColor& c)
{
    const auto linear = [](double v) {
        return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF());
}

} // namespace

class TestColorMap : public QObject {
    Q_OBJECT
private slots:
    void publishedColours_data()
    {
        QTest::addColumn<int>("map");
        QTest::addColumn<double>("t");
        QTest::addColumn<QString>("hex");
        // matplotlib's _viridis_data / _magma_data / _cividis_data at 0, 0.5 and 1.
        QTest::newRow("viridis 0") << int(ColorMapKind::Viridis) << 0.0 << "#440154";
        QTest::newRow("viridis 0.5") << int(ColorMapKind::Viridis) << 0.5 << "#21918c";
        QTest::newRow("viridis 1") << int(ColorMapKind::Viridis) << 1.0 << "#fde725";
        QTest::newRow("magma 0") << int(ColorMapKind::Magma) << 0.0 << "#000004";
        QTest::newRow("magma 1") << int(ColorMapKind::Magma) << 1.0 << "#fcfdbf";
        QTest::newRow("cividis 0") << int(ColorMapKind::Cividis) << 0.0 << "#00224e";
        QTest::newRow("cividis 1") << int(ColorMapKind::Cividis) << 1.0 << "#fee838";
        QTest::newRow("diverging centre is white-ish") << int(ColorMapKind::Diverging) << 0.5 << "#f7f7f7";
        QTest::newRow("clamped below") << int(ColorMapKind::Viridis) << -3.0 << "#440154";
        QTest::newRow("clamped above") << int(ColorMapKind::Viridis) << 7.0 << "#fde725";
    }
    void publishedColours()
    {
        QFETCH(int, map);
        QFETCH(double, t);
        QFETCH(QString, hex);
        QCOMPARE(colorAt(ColorMapKind(map), t).name(), hex);
    }

    void sequentialMapsBrightenMonotonically_data()
    {
        QTest::addColumn<int>("map");
        QTest::newRow("viridis") << int(ColorMapKind::Viridis);
        QTest::newRow("magma") << int(ColorMapKind::Magma);
        QTest::newRow("cividis") << int(ColorMapKind::Cividis);
    }
    void sequentialMapsBrightenMonotonically()
    {
        QFETCH(int, map);
        double previous = -1;
        for (int i = 0; i <= 100; ++i) {
            const double l = luminance(colorAt(ColorMapKind(map), i / 100.0));
            QVERIFY2(l > previous, qPrintable(QStringLiteral("luminance falls at t = %1").arg(i / 100.0)));
            previous = l;
        }
    }

    void divergingIsSymmetricInLightness()
    {
        // Equal distances from zero must look equally strong, whatever their sign.
        for (int i = 0; i <= 50; ++i) {
            const double below = luminance(colorAt(ColorMapKind::Diverging, 0.5 - i / 100.0));
            const double above = luminance(colorAt(ColorMapKind::Diverging, 0.5 + i / 100.0));
            QVERIFY2(std::abs(below - above) < 0.12,
                     qPrintable(QStringLiteral("at ±%1: %2 vs %3").arg(i / 100.0).arg(below).arg(above)));
        }
    }
    // The dark theme's diverging map: 0 sits near the dark background (contrast under 1.1, as white's 1.07 on the
    // light theme's white) while ±1 stand out from it; the lightness grows with |value| on either side, equally,
    // and the sign keeps its hue (blue below 0, red above). The light theme keeps the white centre.
    void darkDivergingCentreIsNearTheBackground()
    {
        ViewStyle dark;
        dark.theme = Theme::Dark;
        QCOMPARE(dark.signedMapShown(), ColorMapKind::DivergingDark);
        QCOMPARE(ViewStyle{}.signedMapShown(), ColorMapKind::Diverging);
        QCOMPARE(ViewStyle{}.signedColorAt(0.5).name(), QStringLiteral("#f7f7f7"));
        QVERIFY(contrastRatio(dark.signedColorAt(0.5), dark.background()) < 1.1);
        QVERIFY(contrastRatio(colorAt(ColorMapKind::Diverging, 0.5), ViewStyle{}.background()) < 1.1);
        QVERIFY(contrastRatio(dark.signedColorAt(0.0), dark.background()) > 7.0);
        QVERIFY(contrastRatio(dark.signedColorAt(1.0), dark.background()) > 7.0);
        double previousBelow = luminance(dark.signedColorAt(0.5)), previousAbove = previousBelow;
        for (int i = 1; i <= 50; ++i) {
            const QColor below = dark.signedColorAt(0.5 - i / 100.0);
            const QColor above = dark.signedColorAt(0.5 + i / 100.0);
            QVERIFY2(luminance(below) > previousBelow && luminance(above) > previousAbove,
                     qPrintable(QStringLiteral("lightness falls at ±%1").arg(i / 100.0)));
            QVERIFY2(std::abs(luminance(below) - luminance(above)) < 0.06,
                     qPrintable(QStringLiteral("at ±%1: %2 vs %3").arg(i / 100.0).arg(luminance(below)).arg(luminance(above))));
            QVERIFY2(below.blue() > below.red() && above.red() > above.blue(),
                     qPrintable(QStringLiteral("at ±%1: %2, %3").arg(i / 100.0).arg(below.name(), above.name())));
            previousBelow = luminance(below);
            previousAbove = luminance(above);
        }
    }

    // Fixed: the weight is the position. Max: weight / max, so the maximum gets the top colour and half of it
    // the middle one. Log: (log10 w + 3) / 3, so 0.001 → 0, 0.01 → 1/3, 0.1 → 2/3, 1 → 1, below 0.001 → 0.
    void weightScalePositions()
    {
        const WeightScale fixed = weightScaleWithMax(ColorScale::Fixed, 0.4);
        QCOMPARE(fixed.position(0.4), 0.4);
        QCOMPARE(fixed.position(1.0), 1.0);
        QCOMPARE(fixed.position(0.0), 0.0);

        const attnlab::model::Matrix w{{0.1, 0.4}, {0.2, 0.3}};
        const WeightScale max = weightScale(ColorScale::Max, w);
        QCOMPARE(max.top, 0.4);
        QCOMPARE(max.position(0.4), 1.0);
        QCOMPARE(max.position(0.2), 0.5);
        QCOMPARE(max.position(0.1), 0.25);
        QCOMPARE(colorAt(ColorMapKind::Viridis, max.position(0.4)).name(), QStringLiteral("#fde725")); // top
        QCOMPARE(colorAt(ColorMapKind::Viridis, max.position(0.2)).name(), QStringLiteral("#21918c")); // middle
        // Masked cells do not count towards the maximum.
        attnlab::model::BoolMatrix allowed(2, 2);
        allowed << true, false, true, true;
        QCOMPARE(weightScale(ColorScale::Max, w, allowed).top, 0.3);
        // A row with one allowed key (a causal model's first token) holds a forced 1: it does not set the maximum
        // (else every decoder's Max scale would be the fixed one), unless no row has a choice.
        const attnlab::model::Matrix causal{{1.0, 0.0, 0.0}, {0.35, 0.65, 0.0}, {0.2, 0.5, 0.3}};
        attnlab::model::BoolMatrix lower(3, 3);
        lower << true, false, false, true, true, false, true, true, true;
        QCOMPARE(weightScale(ColorScale::Max, causal, lower).top, 0.65);
        QCOMPARE(weightScale(ColorScale::Max, causal, lower).position(1.0), 1.0);
        QCOMPARE(weightScale(ColorScale::Max, attnlab::model::Matrix{{1.0}}).top, 1.0);
        // Nothing above zero: the fixed range, not a division by zero.
        QCOMPARE(weightScale(ColorScale::Max, attnlab::model::Matrix::Zero(2, 2)).top, 1.0);

        const WeightScale log = weightScaleWithMax(ColorScale::Log, 0.4);
        QVERIFY(std::abs(log.position(0.001) - 0.0) < 1e-12);
        QVERIFY(std::abs(log.position(0.01) - 1.0 / 3) < 1e-12);
        QVERIFY(std::abs(log.position(0.1) - 2.0 / 3) < 1e-12);
        QVERIFY(std::abs(log.position(1.0) - 1.0) < 1e-12);
        QVERIFY(std::abs(log.position(std::sqrt(0.1)) - 5.0 / 6) < 1e-12);
        QCOMPARE(log.position(1e-5), 0.0);
        QCOMPARE(log.position(0.0), 0.0);
        QCOMPARE(log.position(std::nan("")), 0.0);
    }

    // Every tick sits where the scale puts the weight its label names, and the title says the scale.
    void colorBarTicksMatchTheMapping()
    {
        const WeightScale max = weightScaleWithMax(ColorScale::Max, 0.4);
        QList<QPair<double, QString>> ticks;
        for (const WeightScale::Tick& tick : max.ticks(true))
            ticks.append({tick.position, tick.text});
        // A step of 0.1 up to 0.4: 0, 0.1, 0.2, 0.3 (0.4 · 0.8 = 0.32 keeps 0.3), then the maximum at the top.
        const QList<QPair<double, QString>> expected{
            {0.0, "0"}, {0.25, "0.1"}, {0.5, "0.2"}, {0.75, "0.3"}, {1.0, "0.4"}};
        QCOMPARE(ticks.size(), expected.size());
        for (int i = 0; i < ticks.size(); ++i) {
            QVERIFY(std::abs(ticks[i].first - expected[i].first) < 1e-12);
            QCOMPARE(ticks[i].second, expected[i].second);
        }
        QCOMPARE(max.label(), QStringLiteral("weight (0–max)"));

        const WeightScale log = weightScaleWithMax(ColorScale::Log, 1.0);
        const QList<WeightScale::Tick> logTicks = log.ticks(true);
        QCOMPARE(logTicks.size(), 4);
        for (const WeightScale::Tick& tick : logTicks)
            QVERIFY(std::abs(tick.position - (std::log10(tick.text.toDouble()) + 3) / 3) < 1e-12);
        QCOMPARE(logTicks.front().text, QStringLiteral("0.001"));
        QCOMPARE(log.label(), QStringLiteral("weight (log)"));

        const WeightScale fixed;
        for (const WeightScale::Tick& tick : fixed.ticks(true))
            QCOMPARE(tick.position, tick.text.toDouble());
        QCOMPARE(fixed.label(), QStringLiteral("weight (0–1)"));
        QCOMPARE(fixed.ticks(false).size(), 2);

        WeightScale each = weightScaleWithMax(ColorScale::Max, 1.0);
        each.eachOwnMax = true;
        QCOMPARE(each.ticks(true).last().text, QStringLiteral("max"));
        QCOMPARE(each.label(), QStringLiteral("weight (0–max of each head)"));
    }

    // One name table, in both directions, for the command line, sessions and settings.
    void scaleNames()
    {
        QCOMPARE(attnlab::model::enumNames(kColorScaleNames), (QStringList{"fixed", "max", "log"}));
        QCOMPARE(attnlab::model::enumValue(kColorScaleNames, u"log"), std::optional(ColorScale::Log));
        QCOMPARE(attnlab::model::enumValue(kColorScaleNames, u"Max"), std::nullopt);
    }

    // The dark theme uses each map from where its colour keeps 1.5 : 1 with the background, so that a zero weight
    // is not a hole; the light theme uses the whole map; the part in use still runs to the map's top colour.
    void darkThemeKeepsZeroWeightsVisible()
    {
        for (const ColorMapKind kind : {ColorMapKind::Viridis, ColorMapKind::Magma, ColorMapKind::Cividis}) {
            ViewStyle dark;
            dark.theme = Theme::Dark;
            dark.weightMap = kind;
            QVERIFY2(contrastRatio(colorAt(kind, 0.0), dark.background()) < 1.5, "the maps do start too dark");
            const QColor zero = dark.weightColorAt(0.0);
            QVERIFY2(contrastRatio(zero, dark.background()) >= kDarkMapContrast, qPrintable(zero.name()));
            QVERIFY(dark.weightMapStart() < 0.35); // most of the map stays in use
            QCOMPARE(dark.weightColorAt(1.0).name(), colorAt(kind, 1.0).name());
            QCOMPARE(dark.weightMapStops().first().second.name(), zero.name());
            QCOMPARE(dark.weightMapStops().last().second.name(), colorAt(kind, 1.0).name());
            ViewStyle light;
            light.weightMap = kind;
            QCOMPARE(light.weightMapStart(), 0.0);
            QCOMPARE(light.weightColorAt(0.3).name(), colorAt(kind, 0.3).name());
        }
        // WCAG's own example values: black on white is 21 : 1.
        QCOMPARE(contrastRatio(Qt::black, Qt::white), 21.0);
    }
};

ATTNLAB_TEST_APPLESS_MAIN(TestColorMap)
} // namespace tst_color_map
#include "tst_color_map.moc"
