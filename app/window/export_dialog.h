#pragma once

// Export of figures (PNG with size and DPI, SVG, PDF) and of matrices (CSV, LaTeX bmatrix with exact values),
// through the same code as `attnlab export`.

#include "model/trace/trace.h"
#include "model/trace/trace_selection.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QSpinBox;

namespace attnlab::widgets {
class TraceView;
}

namespace attnlab::app {

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    ExportDialog(const widgets::TraceView& view, QWidget* parent = nullptr);

    // Writes the figure to path (format from the extension); false with a message box on failure.
    bool exportTo(const QString& path);

    // The figure as an image and as SVG on the clipboard.
    static void copyToClipboard(const widgets::TraceView& view);

    // Asks which matrix (Q, K, V, scores, weights, output) and format, then saves it.
    static void exportMatrices(const model::Trace& trace, const model::TraceSelection& selection, bool exact,
                               QWidget* parent);

private:
    void chooseFile();

    const widgets::TraceView& m_view;
    QComboBox* m_format = nullptr;
    QSpinBox* m_width = nullptr;
    QSpinBox* m_height = nullptr;
    QSpinBox* m_dpi = nullptr;
    QCheckBox* m_title = nullptr; // the figure's title line (off for a figure under a slide's own title)
};

} // namespace attnlab::app
