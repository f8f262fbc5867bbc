#pragma once

// Head roles: one score of every head on the current input (model::HeadRoles, carried by the trace), as a
// layers × heads grid coloured by the score, with the heads sorted by it beside the grid. A selector above the
// figure chooses the score (previous token, induction, first token, self, duplicate token, entropy); clicking
// a cell or a list row asks for that head (layerHeadSelected). The view needs the trace's head roles
// (analysesNeeded), which the app computes on its worker when the view is shown; until they arrive, or where
// they cannot be (typed matrices have no induction score, cross-attention no roles), the view says so.

#include "model/trace/head_scores.h"
#include "widgets/views/head_grid_view.h"

class QComboBox;
class QLabel;

namespace attnlab::widgets {

class HeadRolesView : public HeadGridView {
    Q_OBJECT
public:
    explicit HeadRolesView(QWidget* parent = nullptr);

    QString viewName() const override { return QStringLiteral("roles"); }
    QSize preferredFigureSize() const override { return {1280, 760}; }
    model::AnalysisRequest analysesNeeded() const override;

    model::HeadRole score() const { return m_score; }
    void setScore(model::HeadRole score);
    QComboBox* scoreSelector() const { return m_selector; }

    HeadGridData gridData(bool withHints = true) const override;
    // The rectangle of the figure inside the widget (under the selector).
    QRectF figureRect() const override;

    // The score's name as the selector shows it ("previous token").
    static QString scoreTitle(model::HeadRole score);

signals:
    void scoreChanged(model::HeadRole score);

protected:
    QString headToolTip(const GridHead& head) const override;
    void changeEvent(QEvent* event) override;

private:
    void fillSelector();

    model::HeadRole m_score = model::HeadRole::PreviousToken;
    QWidget* m_bar = nullptr;
    QLabel* m_label = nullptr;
    QComboBox* m_selector = nullptr;
};

} // namespace attnlab::widgets
