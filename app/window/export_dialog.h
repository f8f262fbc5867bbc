#pragma once

// Export of figures (PNG with size and DPI, SVG, PDF) and of matrices (CSV, LaTeX bmatrix with exact values),
// through the same code as `attnlab export`.

#include "model/trace/trace.h"
#include "model/trace/trace_selection.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;

namespace attnlab::widgets {
class StepView;
class TraceView;
}

namespace attnlab::app {

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    // The view is not changed, except that "All steps" shows the step view's steps one after the other
    // while they are written (its step and signals are back as they were afterwards).
    ExportDialog(widgets::TraceView& view, QWidget* parent = nullptr);

    // Writes the figure to path (format from the extension); false with a message box on failure. With "All
    // steps" (the step view only) every step, as `attnlab export --all-steps`: a .pdf gets a page per step, a
    // .png or .svg one file per step, named by stepFramePattern(path).
    bool exportTo(const QString& path);

    // The name pattern of the numbered files of "All steps": path itself when it holds "%d", else path with
    // "-%d" before its suffix (steps.png -> steps-%d.png, written as steps-1.png … steps-5.png).
    static QString stepFramePattern(const QString& path);

    // The figure as an image and as SVG on the clipboard.
    static void copyToClipboard(const widgets::TraceView& view);

    // Asks which matrix (Q, K, V, scores, weights, output) and format, then saves it.
    static void exportMatrices(const model::Trace& trace, const model::TraceSelection& selection, bool exact,
                               QWidget* parent);

private:
    void chooseFile();
    void updateAllStepsNote();

    const widgets::TraceView& m_view;
    QComboBox* m_format = nullptr;
    QSpinBox* m_width = nullptr;
    QSpinBox* m_height = nullptr;
    QSpinBox* m_dpi = nullptr;
    QCheckBox* m_title = nullptr; // the figure's title line (off for a figure under a slide's own title)
    widgets::StepView* m_steps = nullptr; // the view, when it is the step view
    QCheckBox* m_allSteps = nullptr;      // every step at once (only for the step view)
    QLabel* m_allStepsNote = nullptr;     // which files "All steps" writes
};

} // namespace attnlab::app
