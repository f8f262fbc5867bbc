#pragma once

// Two traces side by side: any view of input A beside the same view of input B (or of model A and model B on one
// text), each under its label ("A: The animal … tired"), and for the heatmap a third panel, A − B, the difference
// of the selected layer and head's weights on the diverging map (blue negative, white 0, red positive) with a
// symmetric limit of the largest |A − B|. Both weight panels share one colour scale (a "max" scale becomes the
// fixed 0 … 1, which the two maps share). Over the panels: the alignment warning when the inputs have different
// lengths, why there is no difference when the models' shapes differ, and the tokens that differ.
//
// It computes nothing: the app or the command line hands it both traces and their model::TraceComparison
// (model/analysis/trace_comparison.h). The trace (TraceView::trace()) is A's. In a right-to-left figure the panels
// read from the right: A rightmost.

#include "model/analysis/trace_comparison.h"
#include "widgets/views/trace_view.h"

#include <memory>
#include <optional>

namespace attnlab::widgets {

class ComparisonView : public TraceView {
    Q_OBJECT
public:
    // shown: the name of the view compared ("heatmap", "heads", …; view_factory.h); an unknown name shows the
    // heatmap.
    explicit ComparisonView(const QString& shown = QStringLiteral("heatmap"), QWidget* parent = nullptr);
    // The views of A and B made and set up by the caller (the command line's step, score, rollout mode); both
    // views of one kind.
    ComparisonView(std::unique_ptr<TraceView> a, std::unique_ptr<TraceView> b, QWidget* parent = nullptr);
    ~ComparisonView() override;

    QString viewName() const override { return QStringLiteral("comparison"); }
    QString shownViewName() const;
    // Draws another view (view_factory.h's names; an unknown name, or the same one, changes nothing): both
    // panels are made anew with the traces, selection and style they had.
    void setShownView(const QString& shown);
    void paintFigure(QPainter& painter, const QSizeF& size) const override;
    QSize preferredFigureSize() const override;
    model::AnalysisRequest analysesNeeded() const override;

    // a and b, and their comparison for the selection (nullopt with the reason when there is none: the shapes
    // differ). labelA, labelB say what each is: the text, or the model.
    void setTraces(std::shared_ptr<const model::Trace> a, std::shared_ptr<const model::Trace> b,
                   std::optional<model::TraceComparison> comparison, const QString& refusal, const QString& labelA,
                   const QString& labelB);

    // The views drawing A and B (tests, and options such as the step view's step).
    TraceView* viewA() const { return m_a.get(); }
    TraceView* viewB() const { return m_b.get(); }
    const std::optional<model::TraceComparison>& comparison() const { return m_comparison; }
    // The lines drawn over the panels: the alignment warning, the refusal, the differing tokens.
    QStringList notes() const;
    // Whether the figure has the difference panel.
    bool showsDifference() const;

protected:
    void refresh() override;

private:
    std::unique_ptr<TraceView> m_a, m_b;
    std::shared_ptr<const model::Trace> m_traceA, m_traceB;
    std::optional<model::TraceComparison> m_comparison;
    QString m_refusal, m_labelA, m_labelB;
};

} // namespace attnlab::widgets
