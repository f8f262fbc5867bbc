#pragma once

// The status bar's account of the workspace's computation: what the shown trace is ("toy · 12 tokens · 2
// layers × 4 heads"), the busy indicator with Stop while one runs, the message when the input cannot run, and
// the offers to run the first tokens of a text that has more than can run, or all of it through the first
// layers when memory is what limits it (each one undo step).

#include "model/pipeline/trace_request.h"

#include <QObject>
#include <QString>

class QPushButton;
class QStatusBar;

namespace attnlab::widgets {
class BusyIndicator;
class ElidedLabel;
} // namespace attnlab::widgets

namespace attnlab::model {
struct Trace;
}

namespace attnlab::app {

class Workspace;

class ComputeStatus : public QObject {
    Q_OBJECT
public:
    // Adds its widgets to bar; workspace and bar outlive it.
    ComputeStatus(Workspace* workspace, QStatusBar* bar, QObject* parent);

    void showTrace(const model::Trace& trace);
    // "Layer 5 of 16" beside the Stop button while a checkpoint runs.
    void showProgress(int layer, int layers);
    QString progressText() const;
    // A problem that is not the computation's (a lesson that cannot open), with the same "⚠".
    void showError(const QString& message, const model::TokenLimit& limit = {});
    QString text() const;

    static QString firstTokensText(int count);            // "Run the first 512 tokens"
    static QString firstLayersText(int count, int total); // "Run only the first 4 of 12 layers"

private:
    void runFirstTokens();
    void runFirstLayers();

    Workspace* m_workspace;
    widgets::ElidedLabel* m_status = nullptr;
    widgets::BusyIndicator* m_busy = nullptr; // "[busy] [Stop]" while a trace is computed
    QPushButton* m_firstTokens = nullptr;     // "Run the first N tokens" after a token limit
    QPushButton* m_firstLayers = nullptr;     // "Run only the first L of M layers" after a memory limit
    model::TokenLimit m_limit;                // the last limit met
};

} // namespace attnlab::app
