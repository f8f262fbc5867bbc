#include "widgets/drawing/figure_export.h"

#include "widgets/views/trace_view.h"

#include "model/core/atomic_file.h"

#include <QBuffer>
#include <QFileInfo>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>

namespace attnlab::widgets {

namespace {

constexpr int kMaxPixels = 16384;                 // per side: beyond this QImage allocation fails
constexpr qint64 kMaxImagePixels = 64'000'000;    // in all: 256 MB of ARGB, e.g. 8000 × 8000

QSize figureSize(const TraceView& view, const ExportOptions& options)
{
    return options.size.isValid() && !options.size.isEmpty() ? options.size : view.preferredFigureSize();
}

QByteArray renderSvg(const TraceView& view, const QSize& size)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setResolution(96);
    generator.setTitle(QStringLiteral("AttnLab %1").arg(view.viewName()));
    generator.setDescription(QStringLiteral("Exported by AttnLab"));
    QPainter painter(&generator);
    painter.setRenderHint(QPainter::Antialiasing);
    view.paintFigure(painter, QSizeF(size));
    painter.end();
    return buffer.data();
}

QByteArray renderPdf(const TraceView& view, const QSize& size)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setTitle(QStringLiteral("AttnLab %1").arg(view.viewName()));
        writer.setCreator(QStringLiteral("AttnLab"));
        writer.setResolution(96);
        // One page exactly the figure's size (96 px = 72 pt), no margins.
        writer.setPageSize(QPageSize(QSizeF(size) * 72.0 / 96.0, QPageSize::Point, QString(), QPageSize::ExactMatch));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter painter(&writer);
        painter.setRenderHint(QPainter::Antialiasing);
        view.paintFigure(painter, QSizeF(size));
    }
    return buffer.data();
}

} // namespace

QImage renderImage(const TraceView& view, const ExportOptions& options)
{
    const QSize size = figureSize(view, options);
    const double scale = std::max(options.dpi, 1) / 96.0;
    const QSize pixels = (QSizeF(size) * scale).toSize();
    if (pixels.width() > kMaxPixels || pixels.height() > kMaxPixels || pixels.isEmpty() ||
        qint64(pixels.width()) * pixels.height() > kMaxImagePixels)
        return {};
    QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
    if (image.isNull())
        return {};
    image.fill(view.viewStyle().background());
    {
        // Paint at the screen's 96 DPI scaled up; the image's own DPI is set only afterwards, or point-sized
        // fonts would be enlarged twice (once by the DPI, once by the scale).
        QPainter painter(&image);
        painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
        painter.scale(scale, scale);
        view.paintFigure(painter, QSizeF(size));
    }
    image.setDotsPerMeterX(int(options.dpi / 0.0254));
    image.setDotsPerMeterY(int(options.dpi / 0.0254));
    return image;
}

model::Result<void> exportFigure(const TraceView& view, const QString& path, const ExportOptions& options)
{
    const auto fail = [&](const QString& problem) {
        return model::Result<void>::failure(QStringLiteral("cannot export %1: %2").arg(path, problem));
    };
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QSize size = figureSize(view, options);
    if (size.width() < 16 || size.height() < 16 || size.width() > kMaxPixels || size.height() > kMaxPixels)
        return fail(QStringLiteral("the size %1 × %2 is outside 16 … %3").arg(size.width()).arg(size.height()).arg(kMaxPixels));
    if (options.dpi < 24 || options.dpi > 1200)
        return fail(QStringLiteral("the DPI %1 is outside 24 … 1200").arg(options.dpi));

    QByteArray data;
    if (suffix == QLatin1String("png")) {
        const QImage image = renderImage(view, options);
        if (image.isNull())
            return fail(QStringLiteral("the image of %1 × %2 at %3 DPI is too large (at most %4 million pixels)")
                            .arg(size.width()).arg(size.height()).arg(options.dpi).arg(kMaxImagePixels / 1'000'000));
        QBuffer buffer(&data);
        buffer.open(QIODevice::WriteOnly);
        if (!image.save(&buffer, "PNG"))
            return fail(QStringLiteral("PNG encoding failed"));
    } else if (suffix == QLatin1String("svg")) {
        data = renderSvg(view, size);
    } else if (suffix == QLatin1String("pdf")) {
        data = renderPdf(view, size);
    } else {
        return fail(QStringLiteral("unknown format \".%1\" (expected .png, .svg or .pdf)").arg(suffix));
    }
    if (data.isEmpty())
        return fail(QStringLiteral("nothing was rendered"));

    return model::writeFileAtomically(path, data);
}

} // namespace attnlab::widgets
