#pragma once

// Activation patching, drawn (model::ActivationPatching, carried by the clean run's trace as Trace::patching):
// the title says what is measured (the target against the wrong token at one token) and its value on the clean
// and the corrupted input; a layers × heads grid of what each head's output restores (with the heads sorted beside
// it), and two layers × tokens grids, the stream entering each layer and each MLP output, with the clean tokens
// under them and, where the corrupted input differs, its token too. Every grid shares one diverging scale
// (0 white: nothing restored; red: restored, 1 the clean value; blue: pushed further away). `attnlab patch --out`
// exports it.

#include "widgets/views/trace_view.h"

namespace attnlab::widgets {

class PatchingView : public TraceView {
    Q_OBJECT
public:
    explicit PatchingView(QWidget* parent = nullptr);

    QString viewName() const override { return QStringLiteral("patching"); }
    QSize preferredFigureSize() const override { return {1600, 900}; }
    void paintFigure(QPainter& painter, const QSizeF& size) const override;

    // The limit of the shared colour scale: the largest |restored| of the three grids, at least 1.
    double scaleLimit() const;
};

} // namespace attnlab::widgets
