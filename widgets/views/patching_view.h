#pragma once

// Activation patching, asked for and drawn (model::ActivationPatching, carried by the clean run's trace as
// Trace::patching). A bar above the figure takes the corrupted input, the target token and, optionally, the wrong
// token; Patch (or Enter) asks the app to compute it with the current input as the clean run, at the selected token
// (analysesNeeded), on its worker. The figure: the title says what is measured and its value on the clean and the
// corrupted input; a layers × heads grid of what each head's output restores (with the heads sorted beside it), and
// two layers × tokens grids, the stream entering each layer and each MLP output, with the clean tokens under them
// and, where the corrupted input differs, its token too. Every grid shares one diverging scale (0 white: nothing
// restored; red: restored, 1 the clean value; blue: pushed further away). `attnlab patch --out` exports it.

#include "model/trace/patching_inputs.h"
#include "widgets/views/head_grid_figure.h"
#include "widgets/views/trace_view.h"

class QLabel;
class QLineEdit;
class QPushButton;

namespace attnlab::widgets {

class PatchingView : public TraceView {
    Q_OBJECT
public:
    explicit PatchingView(QWidget* parent = nullptr);

    QString viewName() const override { return QStringLiteral("patching"); }
    QSize preferredFigureSize() const override { return {1600, 900}; }
    void paintFigure(QPainter& painter, const QSizeF& size) const override;
    model::AnalysisRequest analysesNeeded() const override;

    // The inputs as asked (Patch pressed, or set here: a session, a lesson, the command line); empty: not asked.
    const model::PatchingInputs& inputs() const { return m_asked; }
    void setInputs(const model::PatchingInputs& inputs);
    // The token measured: the selected one, or the last.
    int measuredToken() const;

    // What the view says instead of the figure (no trace, the toy model, nothing asked yet, computing, the reason
    // there is none); empty when it draws the figure.
    QString message() const;

    // The tooltip at a point of the widget: what patching that head, stream or MLP output restores; "" elsewhere.
    QString toolTipAt(const QPointF& point) const;
    // The rectangle of the figure inside the widget (under the bar).
    QRectF figureRect() const;

    // The limit of the shared colour scale: the largest |restored| of the three grids, at least 1.
    double scaleLimit() const;

    QLineEdit* corruptedField() const { return m_corrupted; }
    QLineEdit* targetField() const { return m_target; }
    QLineEdit* wrongField() const { return m_wrong; }
    QPushButton* patchButton() const { return m_patch; }

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void ask();
    // The heads' grid data, on the scale the three grids share; needs the trace's patching.
    HeadGridData headGrid() const;

    model::PatchingInputs m_asked;
    QWidget* m_bar = nullptr;
    QLabel* m_corruptedLabel = nullptr;
    QLabel* m_targetLabel = nullptr;
    QLabel* m_wrongLabel = nullptr;
    QLineEdit* m_corrupted = nullptr;
    QLineEdit* m_target = nullptr;
    QLineEdit* m_wrong = nullptr;
    QPushButton* m_patch = nullptr;
};

} // namespace attnlab::widgets
