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

// What an export draws: never the hints for the mouse and keyboard, the title as asked.
FigureParts exportParts(const TraceView& view, const ExportOptions& options)
{
    return FigureParts{options.title, false, options.answers && !view.answersHidden()};
}

QByteArray renderSvg(const TraceView& view, const QSize& size, const ExportOptions& options)
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
    view.paintFigureWith(painter, QSizeF(size), exportParts(view, options));
    painter.end();
    return buffer.data();
}

// One page per frame (frames.count ≥ 1; without frames.show the view as it is), each exactly the figure's size.
QByteArray renderPdf(const TraceView& view, const QSize& size, const ExportOptions& options,
                     const FigureFrames& frames = {})
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
        for (int frame = 0; frame < std::max(frames.count, 1); ++frame) {
            if (frame > 0 && !writer.newPage())
                return {};
            if (frames.show)
                frames.show(frame);
            view.paintFigureWith(painter, QSizeF(size), exportParts(view, options));
        }
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
        view.paintFigureWith(painter, QSizeF(size), exportParts(view, options));
    }
    image.setDotsPerMeterX(int(options.dpi / 0.0254));
    image.setDotsPerMeterY(int(options.dpi / 0.0254));
    return image;
}

namespace {

// The checks every export makes before drawing: an empty string when the options are fine.
QString optionsProblem(const QString& suffix, const QSize& size, const ExportOptions& options)
{
    if (suffix != QLatin1String("png") && suffix != QLatin1String("svg") && suffix != QLatin1String("pdf"))
        return QStringLiteral("unknown format \".%1\" (expected .png, .svg or .pdf)").arg(suffix);
    if (size.width() < 16 || size.height() < 16 || size.width() > kMaxPixels || size.height() > kMaxPixels)
        return QStringLiteral("the size %1 × %2 is outside 16 … %3").arg(size.width()).arg(size.height()).arg(kMaxPixels);
    if (options.dpi < 24 || options.dpi > 1200)
        return QStringLiteral("the DPI %1 is outside 24 … 1200").arg(options.dpi);
    return {};
}

// One frame (the view as it is) as the bytes of a PNG or SVG file, or an error.
model::Result<QByteArray> renderFile(const TraceView& view, const QString& suffix, const ExportOptions& options)
{
    const QSize size = figureSize(view, options);
    QByteArray data;
    if (suffix == QLatin1String("png")) {
        const QImage image = renderImage(view, options);
        if (image.isNull())
            return model::Result<QByteArray>::failure(
                QStringLiteral("the image of %1 × %2 at %3 DPI is too large (at most %4 million pixels)")
                    .arg(size.width()).arg(size.height()).arg(options.dpi).arg(kMaxImagePixels / 1'000'000));
        QBuffer buffer(&data);
        buffer.open(QIODevice::WriteOnly);
        if (!image.save(&buffer, "PNG"))
            return model::Result<QByteArray>::failure(QStringLiteral("PNG encoding failed"));
    } else {
        data = renderSvg(view, size, options);
    }
    if (data.isEmpty())
        return model::Result<QByteArray>::failure(QStringLiteral("nothing was rendered"));
    return model::Result<QByteArray>::success(data);
}

} // namespace

QString framePath(const QString& path, int number)
{
    QString result = path;
    return result.replace(QLatin1String("%d"), QString::number(number));
}

model::Result<void> exportFrames(const TraceView& view, const QString& path, const ExportOptions& options,
                                 const FigureFrames& frames)
{
    const auto fail = [&](const QString& problem) {
        return model::Result<void>::failure(QStringLiteral("cannot export %1: %2").arg(path, problem));
    };
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (const QString problem = optionsProblem(suffix, figureSize(view, options), options); !problem.isEmpty())
        return fail(problem);
    if (frames.count < 1 || !frames.show)
        return fail(QStringLiteral("there are no frames to export"));
    if (suffix == QLatin1String("pdf")) {
        const QByteArray data = renderPdf(view, figureSize(view, options), options, frames);
        if (data.isEmpty())
            return fail(QStringLiteral("nothing was rendered"));
        return model::writeFileAtomically(path, data);
    }
    if (!path.contains(QLatin1String("%d")))
        return fail(QStringLiteral("%1 frames need %2 in the file name for the frame's number (e.g. steps-%d.%3), "
                                   "or a .pdf with one page per frame")
                        .arg(frames.count)
                        .arg(QStringLiteral("%d"), suffix));
    QList<QPair<QString, QByteArray>> files;
    for (int frame = 0; frame < frames.count; ++frame) {
        frames.show(frame);
        const auto data = renderFile(view, suffix, options);
        if (!data)
            return fail(data.error());
        files.append({framePath(path, frame + 1), *data});
    }
    return model::writeFilesAtomically(files);
}

model::Result<void> exportFigure(const TraceView& view, const QString& path, const ExportOptions& options)
{
    const auto fail = [&](const QString& problem) {
        return model::Result<void>::failure(QStringLiteral("cannot export %1: %2").arg(path, problem));
    };
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QSize size = figureSize(view, options);
    if (const QString problem = optionsProblem(suffix, size, options); !problem.isEmpty())
        return fail(problem);

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
        data = renderSvg(view, size, options);
    } else {
        data = renderPdf(view, size, options);
    }
    if (data.isEmpty())
        return fail(QStringLiteral("nothing was rendered"));

    return model::writeFileAtomically(path, data);
}

} // namespace attnlab::widgets
