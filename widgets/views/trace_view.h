#pragma once

// The base of every view: it receives a trace, a selection and a style, draws, and emits what the user wants.
// It never computes attention. Every view can paint itself onto any QPaintDevice (screen, QImage,
// QSvgGenerator, QPdfWriter) at any size, which is how figures are exported.

#include "model/analysis/analysis_request.h"
#include "model/trace/trace.h"
#include "model/trace/trace_selection.h"
#include "widgets/drawing/view_style.h"

#include <QWidget>

#include <memory>
#include <utility>

class QPainter;

namespace attnlab::widgets {

// What a figure draws besides its content. The screen shows everything; an exported figure never carries the
// hints meant for the mouse and keyboard ("click a row …"), and leaves its title out for a slide that has its own.
struct FigureParts {
    bool title = true; // the figure's title line
    bool hints = true; // instructions for interaction
    // The values a lesson's question asks about. false while the question waits for its answer: the figure keeps
    // its layout, tokens and labels so the learner can answer on it, but draws its weights grey and leaves its
    // numbers blank. A deck's question page is painted so, its answer page with them.
    bool answers = true;
};

// What a click on the figure answers while a lesson's question waits (the lesson pane sets it): a key (a column
// of the heatmap, a key token of the arcs) or a head (the head view's swatches, a head grid's cells). None: a
// click does what it always does.
enum class AnswerClicks { None, Key, Head };

class TraceView : public QWidget {
    Q_OBJECT
public:
    explicit TraceView(QWidget* parent = nullptr);

    // A trace shared with the app and the other views (never copied per view).
    void setTrace(std::shared_ptr<const model::Trace> trace);
    void setSelection(const model::TraceSelection& selection);
    void setStyle(const ViewStyle& style);

    const model::Trace* trace() const { return m_trace.get(); }
    const model::TraceSelection& selection() const { return m_selection; }
    const ViewStyle& viewStyle() const { return m_style; }

    // Hides the figure's answers on screen until a lesson's question is answered or revealed
    // (FigureParts::answers); repaints.
    void setAnswersHidden(bool hidden);
    bool answersHidden() const { return !m_parts.answers; }

    // While a key or head question waits, a click on a key or head emits keyClicked / headClicked instead of
    // what it does otherwise (select a query, toggle a head).
    void setAnswerClicks(AnswerClicks clicks) { m_answerClicks = clicks; }
    AnswerClicks answerClicks() const { return m_answerClicks; }

    // True for the views that draw their own figure without its answers (heatmap, arcs, heads, the head grids,
    // steps); the others are veiled as a whole by paintFigureWith and the screen (paintVeiledFigure).
    virtual bool drawsHiddenAnswers() const { return false; }

    // The view's name in files and on the command line: "heatmap", "heads", "arcs", …
    virtual QString viewName() const = 0;

    // Paints the whole figure into a size × size rectangle of painter's device (origin at 0, 0), with
    // the background. Vector devices keep text as text and lines as paths.
    virtual void paintFigure(QPainter& painter, const QSizeF& size) const = 0;

    // paintFigure with these parts (exports: no hints, the title as asked); the view's parts during the call.
    void paintFigureWith(QPainter& painter, const QSizeF& size, const FigureParts& parts) const;

    // The analyses this view draws from besides the forward pass (Trace::headRoles, rollout, flow): the app asks
    // for them in the request of every trace while the view is shown, and the export for the view it draws. May
    // depend on the trace and the selection (the flow of the selected query); nothing by default.
    virtual model::AnalysisRequest analysesNeeded() const { return {}; }

    // The size the figure would like for export when none is given.
    virtual QSize preferredFigureSize() const { return {1200, 800}; }

    // The head a context menu at pos (widget coordinates) is about, {layer, head} 0-based, or {−1, −1} for
    // none (the default: a view of no single head). keyboard: the menu key, not the mouse (pos means nothing).
    virtual std::pair<int, int> headForMenu(const QPoint& pos, bool keyboard) const;

signals:
    void querySelected(int query);
    void headToggled(int head, bool visible);
    void maskCellToggled(int query, int key);
    void layerHeadSelected(int layer, int head);
    // What analysesNeeded returns changed other than by the trace or the selection (a control of the view's own):
    // the app asks for it again.
    void analysesChanged();
    // A right click (or the menu key) on a head (layer, head; 0-based): the app offers to switch it off.
    void headMenuRequested(int layer, int head, const QPoint& globalPos);
    // A click on a key (0-based, a column of the weights) while answerClicks() is Key.
    void keyClicked(int key);
    // A click on a head (0-based) while answerClicks() is Head.
    void headClicked(int layer, int head);

protected:
    // The parts paintFigure draws: all of them (the answers unless hidden), except during paintFigureWith.
    const FigureParts& figureParts() const { return m_parts; }

    // Fills the figure with the background and, when there is nothing to draw (no trace, no layer, no token),
    // says so in its centre and returns false.
    bool paintBackgroundOrEmpty(QPainter& painter, const QSizeF& size) const;

    // paintFigure, then, when the answers are hidden and the view does not draw its own figure without them,
    // the plot area veiled with the neutral colour (ViewStyle::hiddenAnswer) and "Answer hidden" on it.
    void paintVeiledFigure(QPainter& painter, const QSizeF& size) const;

public:
    // The veil itself: the neutral colour over the figure (below its title line when belowTitle) and
    // "Answer hidden"; nothing without a trace.
    void paintVeil(QPainter& painter, const QSizeF& size, bool belowTitle) const;

protected:
    // Called after any of trace, selection or style changed; the default repaints.
    virtual void refresh();
    void paintEvent(QPaintEvent* event) override;
    // Emits headMenuRequested for headForMenu's head.
    void contextMenuEvent(QContextMenuEvent* event) override;
    // The selected head when it is one head of the trace, else {−1, −1}.
    std::pair<int, int> selectedSingleHead() const;

private:
    std::shared_ptr<const model::Trace> m_trace;
    model::TraceSelection m_selection;
    ViewStyle m_style;
    mutable FigureParts m_parts; // the screen's; paintFigureWith's for the duration of the call
    AnswerClicks m_answerClicks = AnswerClicks::None;
    QWidget* m_veil = nullptr; // the on-screen veil (paintVeil), created when first needed
    void updateVeil();
};

} // namespace attnlab::widgets
