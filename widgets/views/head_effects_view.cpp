#include "widgets/views/head_effects_view.h"

#include "model/analysis/ablation_effects.h"
#include "widgets/drawing/left_to_right.h"
#include "widgets/drawing/visible_token.h"


#include <cmath>

namespace attnlab::widgets {

HeadEffectsView::HeadEffectsView(QWidget* parent) : HeadGridView(parent) {}

int HeadEffectsView::effectsQuery(const model::Trace* trace, const model::TraceSelection& selection)
{
    if (!trace || trace->tokens.isEmpty()) return -1;
    const int tokens = int(trace->tokens.size());
    return selection.query >= 0 && selection.query < tokens ? selection.query : tokens - 1;
}

model::AnalysisRequest HeadEffectsView::analysesNeeded() const
{
    model::AnalysisRequest needed;
    needed.effectsQuery = effectsQuery(trace(), selection());
    return needed;
}

HeadGridData HeadEffectsView::gridData(bool withHints) const
{
    HeadGridData data;
    const model::Trace* t = trace();
    if (!t || t->layers.empty()) {
        data.message = tr("No trace yet: type a sentence and choose a trained model to see which heads its "
                          "prediction needs");
        return data;
    }
    if (t->source != model::TraceSource::Checkpoint) {
        data.message = t->source == model::TraceSource::Toy
                           ? tr("The toy model predicts nothing (it has no output layer): choose a trained model "
                                "to see which heads a prediction needs")
                           : tr("Typed matrices have no prediction to switch heads off for");
        return data;
    }
    if (!t->headEffects && !t->ablation.empty()) {
        // Each head is measured against the whole model: with parts off there is no such model to measure against.
        data.message = tr("Heads or MLPs are switched off: switch them all back on (Ablation ▸ Switch All Back On) to "
                          "see which heads the whole model's prediction needs");
        return data;
    }
    if (!t->headEffects) {
        data.message = t->headEffectsError.isEmpty() || t->headEffectsQuery != effectsQuery(t, selection())
                           ? tr("Switching each head off in turn…")
                           : tr("No effects: %1").arg(t->headEffectsError);
        return data;
    }
    const model::HeadEffects& effects = *t->headEffects;
    data.values = effects.delta;
    data.scale = HeadGridScale::Diverging;
    const double largest = data.values.size() > 0 ? data.values.cwiseAbs().maxCoeff() : 0.0;
    data.hi = std::max(largest, 1e-6);
    data.order = HeadGridOrder::Ascending;
    data.decimals = 2;
    const QString token = visibleToken(t->tokens.value(effects.position));
    const QString predicted = visibleToken(effects.targetText.isEmpty() ? QString::number(effects.target) : effects.targetText);
    data.title = tr("Which heads matter for “%1” (token %2)").arg(token).arg(effects.position + 1);
    data.subtitle << tr("the model predicts “%1” next, p = %2; each cell: the change of log p when that head alone "
                        "is switched off (%3)")
                         .arg(predicted,
                              leftToRight(headGridValueText(std::exp(effects.logProb), 3)),
                              effects.mode == model::AblationMode::Zero ? tr("its output set to 0")
                                                                       : tr("its output replaced by its mean"));
    if (!t->predictsNextToken)
        data.subtitle.back() = tr("the model guesses “%1” here, p = %2; each cell: the change of log p when that head "
                                  "alone is switched off")
                                   .arg(predicted, leftToRight(headGridValueText(std::exp(effects.logProb), 3)));
    data.subtitle << tr("blue: the prediction needs the head · red: it does better without it");
    if (withHints) data.subtitle << tr("click a token to ask about it · click a cell or a row to open its head");
    data.scaleTitle = tr("Δ log p");
    data.listTitle = tr("Most needed");
    const model::TraceSelection s = model::clampSelection(selection(), *t);
    data.currentLayer = s.layer;
    data.currentHead = s.head;
    data.switchedOff = switchedOffHeads(t->ablation);
    return data;
}

QString HeadEffectsView::headToolTip(const GridHead& head) const
{
    const double delta = trace()->headEffects->delta(head.layer, head.head);
    return tr("Layer %1, head %2 switched off: Δ log p = %3 (p × %4)")
        .arg(head.layer + 1)
        .arg(head.head + 1)
        .arg(leftToRight(headGridValueText(delta, 3)), leftToRight(headGridValueText(std::exp(delta), 3)));
}

} // namespace attnlab::widgets

#include "moc_head_effects_view.cpp"
