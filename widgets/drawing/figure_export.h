#pragma once

// Figure export: any TraceView to PNG (size, DPI), SVG (text as <text>, lines as paths) or PDF (vector,
// fonts embedded), chosen by the file's extension. An exported figure carries no hints for the mouse or the
// keyboard (FigureParts::hints), and its title only when asked (ExportOptions::title). Written to a temporary file beside the target and
// renamed on success, so a failed export never leaves a half-written file.

#include "model/core/result.h"

#include <QImage>
#include <QSize>
#include <QString>

#include <functional>

namespace attnlab::widgets {

class TraceView;

struct ExportOptions {
    QSize size;      // in pixels (PNG) or points at 96 DPI (SVG, PDF); empty = the view's preferred size
    int dpi = 96;    // PNG resolution: the image is size × dpi/96 pixels, so text stays the same relative size
    bool title = true; // the figure's title line; false for a figure placed under a slide's own title
    // The answers of a lesson's question (FigureParts::answers): false for a question's figure. A view whose
    // answers are hidden on screen exports them hidden too, whatever this says.
    bool answers = true;
};

// path ending in .png, .svg or .pdf -> the file, or an error naming the file and the problem.
model::Result<void> exportFigure(const TraceView& view, const QString& path, const ExportOptions& options = {});

// A figure in several frames (the step view's five steps, for slides that build up): show(i) makes the view
// draw frame i, 0-based.
struct FigureFrames {
    int count = 1;
    std::function<void(int frame)> show;
};

// Every frame at once, whole or nothing: a .pdf gets one page per frame, every page of the same size; a .png
// or .svg path must hold "%d", replaced by the frame's number from 1 (steps-%d.svg -> steps-1.svg …).
model::Result<void> exportFrames(const TraceView& view, const QString& path, const ExportOptions& options,
                                 const FigureFrames& frames);

// The file a frame goes to: "%d" in path replaced by number.
QString framePath(const QString& path, int number);

// The figure as an image (for the clipboard and tests).
QImage renderImage(const TraceView& view, const ExportOptions& options = {});

} // namespace attnlab::widgets
