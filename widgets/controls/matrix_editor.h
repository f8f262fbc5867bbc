#pragma once

// An editable grid for one matrix (Q, K, V, X, W_q, …). Cells hold the text the user typed ("1/√2", "3/2");
// the app evaluates them and marks invalid cells with the parser's message. Paste accepts whole matrices
// in every format model::parseMatrix reads (CSV, LaTeX bmatrix, NumPy lists, "1 2; 3 4").

#include "model/core/matrix_types.h"

#include <QStringList>
#include <QWidget>

#include <vector>

class QLabel;
class QSpinBox;
class QTableWidget;

namespace attnlab::widgets {

class MatrixEditor : public QWidget {
    Q_OBJECT
public:
    explicit MatrixEditor(const QString& name, QWidget* parent = nullptr);

    QString name() const { return m_name; }
    // rows × cols of cell texts.
    std::vector<QStringList> cellTexts() const;
    void setCellTexts(const std::vector<QStringList>& cells);
    void setValues(const model::Matrix& values); // formatted exactly ("1/2", "√2/2")
    int rows() const;
    int cols() const;

    // Marks a cell invalid with a message (tooltip and red background); clearErrors() before re-marking.
    void setCellError(int row, int col, const QString& message);
    void clearErrors();

    // Replaces the whole matrix from pasted text; false and a message when it cannot be read.
    bool pasteText(const QString& text, QString* error = nullptr);

    QTableWidget* table() const { return m_table; }

signals:
    // The user changed a cell or the size; `cellTexts()` has the new content.
    void edited();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void resize(int rows, int cols);

    QString m_name;
    QTableWidget* m_table = nullptr;
    QSpinBox* m_rows = nullptr;
    QSpinBox* m_cols = nullptr;
    QLabel* m_status = nullptr;
    bool m_updating = false;
};

} // namespace attnlab::widgets
