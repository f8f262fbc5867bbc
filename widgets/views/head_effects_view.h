#pragma once

// Which heads matter here: for the selected token, what switching off each head alone does to the model's own
// prediction there (model::HeadEffects, carried by the trace), as a layers × heads grid of Δ log-probability on
// a diverging scale (blue: the prediction loses probability without the head, so the head supports it; red: it
// gains), with the heads sorted by their effect beside the grid, the most needed first. Clicking a cell or a list
// row asks for that head (layerHeadSelected). The view needs the effects (analysesNeeded: effectsQuery follows
// the selected token), which the app computes on its worker; until they arrive, or where they cannot be (the toy
// model and typed matrices predict nothing), it says so.

#include "widgets/views/head_grid_view.h"

namespace attnlab::widgets {

class HeadEffectsView : public HeadGridView {
    Q_OBJECT
public:
    explicit HeadEffectsView(QWidget* parent = nullptr);

    QString viewName() const override { return QStringLiteral("effects"); }
    QSize preferredFigureSize() const override { return {1280, 760}; }
    model::AnalysisRequest analysesNeeded() const override;

    HeadGridData gridData(bool withHints = true) const override;

    // The token the effects are for: the selected one, or the last.
    static int effectsQuery(const model::Trace* trace, const model::TraceSelection& selection);

protected:
    QString headToolTip(const GridHead& head) const override;
};

} // namespace attnlab::widgets
