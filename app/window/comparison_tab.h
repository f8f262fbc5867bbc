#pragma once

// The Compare tab: the input's trace (A) beside a second trace (B) of a text typed here, or of A's text through
// another model, or both, drawn by the comparison view (widgets/views/comparison_view.h) with any view the tab's
// picker names: A | B, and for the heatmap A | B | A − B. B runs A's settings (mask, scaling, toy size); another
// model starts with everything switched on, as the workspace does. B's model loads on its own ModelLoader and B
// is computed on its own worker (model::TraceComputer) whenever A's trace, the text B, the model B or what the
// view needs changes, while the tab is shown (hidden, it waits until it is shown); nothing is computed on the GUI thread but the difference of the two weight maps already
// computed, per selection, as the heatmap takes its weights. A sentence input only: typed matrices have no text.

#include "app/download/model_catalog.h"
#include "model/analysis/analysis_request.h"
#include "model/trace/trace.h"
#include "model/trace/trace_selection.h"
#include "widgets/drawing/view_style.h"

#include <QPointer>
#include <QWidget>

#include <memory>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QTimer;

namespace attnlab::model {
class ModelLoader;
class TraceComputer;
} // namespace attnlab::model

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

    // The models the picker of model B offers besides "the same model as A" and the toy model (the window's
    // model list: recent models, folders of models, the Hugging Face cache).
    void setModelChoices(const std::vector<ModelEntry>& entries);
    // The model B runs: "" for A's own (the default), model::toyModelName(), or a checkpoint's path (added to the
    // picker when it is not there). Recomputes B.
    void setModelB(const QString& model);
    QString modelB() const;
    // The view compared (view_factory.h's names; not "patching", which compares two inputs itself). Recomputes
    // B when the view needs other analyses.
    void setShownView(const QString& name);
    QString shownView() const;

    // What A's panel needs besides the forward pass (the window asks for it with A's trace while the tab shows).
    model::AnalysisRequest analysesNeeded() const;

    QLineEdit* textB() const { return m_text; }
    QComboBox* viewChooser() const { return m_viewChoice; }
    QComboBox* modelChooser() const { return m_modelChoice; }
    widgets::ComparisonView* view() const { return m_view; }
    model::TraceComputer* computer() const { return m_computer; }
    model::ModelLoader* loaderB() const { return m_loaderB; }
    // What the line under the pickers says: computing, loading, why B cannot run, why there is no A − B.
    QString status() const;

signals:
    // What analysesNeeded returns may have changed (another view, A's panel got its trace).
    void analysesChanged();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void requestB();
    void traceBReady(std::shared_ptr<const model::Trace> trace);
    void updateView();
    // Asks for B again when its panel needs an analysis its trace lacks and was not asked for.
    void requestBIfItLacks();
    void modelBChosen();
    void selectModelB(const QString& model);
    // Text B as B runs it: A's text when text B is empty (another model on the same text).
    QString textOfB() const;

    // The window deletes its workspace before its tabs: a QPointer, so that nothing reaches a deleted one.
    QPointer<Workspace> m_workspace;
    QLineEdit* m_text;
    QComboBox* m_viewChoice;
    QComboBox* m_modelChoice;
    QLabel* m_status;
    widgets::ComparisonView* m_view;
    model::TraceComputer* m_computer;
    model::ModelLoader* m_loaderB; // another model than A's, loaded on Qt's thread pool
    QTimer* m_typing;
    std::shared_ptr<const model::Trace> m_a, m_b;
    model::TraceSelection m_selection;
    model::AnalysisRequest m_askedB; // what B's run in flight or in hand was asked to carry
    int m_modelIndex = 0;            // the picker's model (the item "Choose folder…" leaves it as it was)
    QString m_labelA, m_labelB;      // what A and B were computed from, as their panels say
    QString m_pendingLabelA, m_pendingLabelB; // the same for B's run in flight
    bool m_showsRefusal = false;     // the status line says why there is no A − B
    bool m_waitsForShow = false;     // B was asked for while the tab was hidden
};

} // namespace attnlab::app
