#pragma once

// The input panel: a sentence (with an optional memory sentence and the toy model's size) or the matrices of a
// problem (Q, K, V; or X with W_q, W_k, W_v, W_o; or X alone). It holds text, never numbers: the app evaluates.

#include "workspace_request.h"
#include "workspace_state.h"

#include <QWidget>

#include <map>

class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QTabWidget;
class QVBoxLayout;

namespace attnlab::widgets {
class MatrixEditor;
}

namespace attnlab::app {

class InputPanel : public QWidget {
    Q_OBJECT
public:
    explicit InputPanel(QWidget* parent = nullptr);

    InputState state() const;
    void setState(const InputState& state); // does not emit changed()
    void markErrors(const std::vector<CellError>& errors);

    QPlainTextEdit* sentenceEdit() const { return m_text; }
    QPlainTextEdit* memoryEdit() const { return m_memory; }
    widgets::MatrixEditor* matrixEditor(const QString& name) const;

signals:
    // typing: the change is a keystroke in a text field (undo merges consecutive keystrokes).
    void changed(bool typing);

private:
    QWidget* createSentencePage();
    QWidget* createMatricesPage();
    void showEditorsForForm();
    void emitChanged(bool typing);

    QTabWidget* m_tabs = nullptr;
    QPlainTextEdit* m_text = nullptr;
    QPlainTextEdit* m_memory = nullptr;
    QComboBox* m_model = nullptr;
    QSpinBox* m_layers = nullptr;
    QSpinBox* m_toyHeads = nullptr;
    QSpinBox* m_width = nullptr;
    QComboBox* m_form = nullptr;
    QSpinBox* m_heads = nullptr;
    QLineEdit* m_overrides = nullptr;
    QVBoxLayout* m_editorLayout = nullptr;
    std::map<QString, widgets::MatrixEditor*> m_editors;
    bool m_loading = false;
};

} // namespace attnlab::app
