// Tests widgets/drawing/color_map.cpp against matplotlib's published colours and the property that makes a map
// sequential: its lightness rises monotonically.

#include "widgets/drawing/color_map.h"
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
};

ATTNLAB_TEST_APPLESS_MAIN(TestColorMap)
} // namespace tst_color_map
#include "tst_color_map.moc"
