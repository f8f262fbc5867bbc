#pragma once

// Figure export: any TraceView to PNG (size, DPI), SVG (text as <text>, lines as paths) or PDF (vector,
// fonts embedded), chosen by the file's extension. Written to a temporary file beside the target and
// renamed on success, so a failed export never leaves a half-written file.

#include "model/core/result.h"

#include <QImage>
#include <QSize>
#include <QString>

namespace attnlab::widgets {

class TraceView;

struct ExportOptions {
    QSize size;      // in pixels (PNG) or points at 96 DPI (SVG, PDF); empty = the view's preferred size
    int dpi = 96;    // PNG resolution: the image is size × dpi/96 pixels, so text stays the same relative size
};

// path ending in .png, .svg or .pdf -> the file, or an error naming the file and the problem.
model::Result<void> exportFigure(const TraceView& view, const QString& path, const ExportOptions& options = {});

// The figure as an image (for the clipboard and tests).
QImage renderImage(const TraceView& view, const ExportOptions& options = {});

} // namespace attnlab::widgets
