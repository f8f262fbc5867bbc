#pragma once

// Layout and painting of the step view's figure, apart from the widget so that the widget only handles
// input: a headline, the five matrices with arrows between them (scaled as a block to fit, on one line or
// wrapped onto two or three when that shows more cells readably or fills the figure better), and the query
// row's arithmetic below. The layout does not depend on the step (the room for the arithmetic is that of the
// longest step), so stepping through a figure, on screen or page after page of a PDF, moves nothing. The same
// layout answers hit tests (which query row is under the mouse).

#include "widgets/drawing/view_style.h"
#include "model/trace/trace.h"

#include <QList>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QStringList>

#include <vector>

class QPainter;
class QTextDocument;

namespace attnlab::widgets {

class StepFigure {
public:
    // head must belong to trace; query is a valid row of it; step in 0 … 4; context is the small line under
    // the headline ("layer 1 · head 2 · …"); the figure is laid out for `size`.
    // showTitle false leaves out the headline and the context line (a figure under a slide's own title).
    // answers false: a lesson's question hides the answer (FigureParts::answers): the cells of every stage (the
    // scores onward and the output) the neutral colour and blank, the arithmetic left out; the layout stays.
    StepFigure(const model::Trace& trace, const model::HeadTrace& head, int query, int step, const ViewStyle& style,
               QString context, const QSizeF& size, bool showTitle = true, bool answers = true);

    void paint(QPainter& painter) const;

    // The query row drawn under point (in figure coordinates), or −1.
    int rowAt(const QPointF& point) const;

    // At most this many rows or columns are drawn; the rest are summarised by "…". Fewer when the figure is
    // too small to show that many readably, but never fewer than kMinCells.
    static constexpr int kMaxCells = 12;
    static constexpr int kMinCells = 5;
    int visibleRowLimit() const { return m_maxRows; }
    int visibleColumnLimit() const { return m_maxColumns; }
    // The key columns of the attention-shaped matrices (QKᵀ … softmax) drawn with their values (not "…"),
    // the query rows drawn likewise, and the lines the five matrices are wrapped onto (1 … 3).
    int shownKeyColumns() const;
    int shownQueryRows() const;
    int panelLines() const { return m_lines; }
    // The pixel size of a matrix cell's text as drawn (its font after the block's scale).
    double cellTextPixels() const;
    // The rectangle the headline, the matrices and the room of the arithmetic cover, in figure coordinates.
    QRectF contentRect() const;

    // n indices, the selected one kept visible -> the indices to draw, −1 marking an ellipsis.
    // maxCells ≥ kMinCells.
    static QList<int> visibleIndices(int count, int selected, int maxCells = kMaxCells);

private:
    struct Panel {
        QString title;
        QString operation;    // on the arrow leading into this panel
        QList<int> columns;   // visible column indices, −1 = ellipsis
        QStringList headers;  // per visible column
        std::vector<QStringList> texts;   // per visible row, per visible column
        std::vector<QList<QColor>> fills; // same shape
        QList<double> columnWidths;
        double width = 0.0;
    };
    struct Layout {
        double scale = 1.0;
        double widthScale = 1.0;  // the scale the width alone allows
        double heightScale = 1.0; // the scale the height alone allows
        QPointF origin;   // top-left of the matrix block in figure coordinates
        QSizeF block;     // natural size of the matrix block
        double headerHeight = 0.0;
        QRectF arithmetic;
    };

    void fit();
    void arrange(); // places the panels on m_lines lines
    void buildPanels();
    Layout layout() const;
    void paintBlock(QPainter& painter) const;
    void paintPanel(QPainter& painter, const Panel& panel, int index, double x) const;
    void paintArrow(QPainter& painter, const QString& label, double x, double width, bool reached) const;
    void paintHeadline(QPainter& painter) const;
    void setUpArithmetic(QTextDocument& doc, double width) const;

    double rowTop(int visibleRow) const; // y of a visible row inside a line of the block
    double rowHeight(int visibleRow) const;
    double lineHeight() const { return rowTop(int(m_rows.size())); }
    double linePitch() const { return lineHeight() + m_lineGap; }
    double headerHeight() const;

    const model::Trace& m_trace;
    const model::HeadTrace& m_head;
    int m_query;
    int m_step;
    const ViewStyle& m_style;
    QString m_context;
    QSizeF m_size;
    bool m_showTitle = true;
    bool m_answers = true;
    double m_arithmeticHeight = 0.0; // the tallest of the five steps' arithmetic at the figure's width
    int m_lines = 1;
    double m_lineGap = 0.0;
    QList<int> m_panelLine;    // per panel, its line
    QList<double> m_panelX;    // per panel, its left edge inside its line
    QList<double> m_lineWidth; // per line
    int m_maxRows = kMaxCells;
    int m_maxColumns = kMaxCells;

    QList<int> m_rows; // visible query rows, −1 = ellipsis
    QStringList m_rowLabels;
    std::vector<Panel> m_panels;
    double m_labelWidth = 0.0;
    double m_cellHeight = 0.0;
    double m_titleHeight = 0.0; // a panel's title, with the scale note under it when there is one
    QString m_scaleNote;        // the weight scale's label when it is not the fixed 0–1, else empty
    double m_scaleNoteHeight = 0.0;
    double m_headerRowHeight = 0.0;
    QList<double> m_arrowWidths; // before panel i (index 0 unused)
};

} // namespace attnlab::widgets
