#pragma once

// The Compare tab: the input's trace (A) beside the trace of a second text (B) typed here, through the same model
// and settings, as the comparison view draws them (A | B | A − B of the heatmap, widgets/views/comparison_view.h).
// B is computed on its own worker (model::TraceComputer) whenever A's trace or the text B changes; nothing is
// computed on the GUI thread but the difference of the two weight maps already computed, per selection, as the
// heatmap takes its weights. A sentence input only: typed matrices have no text to compare.

#include "model/trace/trace.h"
#include "model/trace/trace_selection.h"
#include "widgets/drawing/view_style.h"

#include <QPointer>
#include <QWidget>

#include <memory>

class QLabel;
class QLineEdit;
class QTimer;

namespace attnlab::model {
class TraceComputer;
}

namespace attnlab::widgets {
class ComparisonView;
}

namespace attnlab::app {

class Workspace;

class ComparisonTab : public QWidget {
    Q_OBJECT
public:
    explicit ComparisonTab(Workspace* workspace, QWidget* parent = nullptr);
    ~ComparisonTab() override;

    // A's trace (the workspace's): B is computed again for it.
    void setTraceA(std::shared_ptr<const model::Trace> trace);
    void setSelection(const model::TraceSelection& selection);
    void setStyle(const widgets::ViewStyle& style);

    QLineEdit* textB() const { return m_text; }
    widgets::ComparisonView* view() const { return m_view; }
    model::TraceComputer* computer() const { return m_computer; }
    // What the line under the text says: computing, why B cannot run, or nothing.
    QString status() const;

private:
    void requestB();
    void traceBReady(std::shared_ptr<const model::Trace> trace);
    void updateView();

    // The window deletes its workspace before its tabs: a QPointer, so that nothing reaches a deleted one.
    QPointer<Workspace> m_workspace;
    QLineEdit* m_text;
    QLabel* m_status;
    widgets::ComparisonView* m_view;
    model::TraceComputer* m_computer;
    QTimer* m_typing;
    std::shared_ptr<const model::Trace> m_a, m_b;
    model::TraceSelection m_selection;
    QString m_labelA; // the text A was computed from
};

} // namespace attnlab::app
