#pragma once

// The exam-softmax lesson's extra: a toggle "Exact exp(x)" that makes the window recompute without the answer
// key's exp overrides, and the lesson's query row both ways side by side: weights 9/26, 9/26, 2/13, 2/13 and
// y = (11, 5/2) with exp(1/2) ≈ 3/2, against 0.3655…, 0.1345… and (11.252, 3.004) with the exact exp.
// The table has one row per number (a2,1 … y2[2]) and one column per way of computing, so that it stays two
// columns wide in a narrow pane; it takes the size of its contents in the current font (presentation mode
// makes it larger) and never scrolls or cuts a number off.

#include "model/teaching/lesson.h"

#include <QWidget>

class QCheckBox;
class QTableWidget;

namespace attnlab::app {

class ExamSoftmaxExtra : public QWidget {
    Q_OBJECT
public:
    // lesson must hold a matrices problem; the row shown is the lesson's query (row 1 when it has none).
    explicit ExamSoftmaxExtra(const model::Lesson& lesson, QWidget* parent = nullptr);

    QCheckBox* toggle() const { return m_toggle; }
    QTableWidget* table() const { return m_table; }
    // The texts of the weights and output of the row, with the overrides (exact = false) or without.
    QStringList rowTexts(bool exact) const;

signals:
    void exactExpToggled(bool exact);

protected:
    void changeEvent(QEvent* event) override;

private:
    void showColumns(bool exact);
    // Fixes the table's size to its headers and cells as the current font lays them out.
    void fitTable();

    QCheckBox* m_toggle = nullptr;
    QTableWidget* m_table = nullptr;
    QStringList m_approximate, m_exact;
};

} // namespace attnlab::app
