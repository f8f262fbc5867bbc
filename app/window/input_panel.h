#pragma once

// The input panel: a sentence (with an optional memory sentence and the toy model's size) or the matrices of a
// problem (Q, K, V; or X with W_q, W_k, W_v, W_o; or X alone; or X attending to a memory M with W_q, W_k, W_v)
// with the names of their rows. It holds text, never numbers: the app evaluates.

#include "app/download/model_catalog.h"
#include "app/workspace/workspace_request.h"
#include "app/workspace/workspace_state.h"

#include <QWidget>

#include <map>

class QComboBox;
class QFormLayout;
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
    QLineEdit* tokensEdit() const { return m_tokens; }
    QLineEdit* memoryTokensEdit() const { return m_memoryTokens; }
    // The checkpoints offered besides the toy model (recent ones, the Hugging Face cache); the current
    // choice stays selected.
    void setModelChoices(const std::vector<ModelEntry>& entries);
    QComboBox* modelChooser() const { return m_model; }

signals:
    // typing: the change is a keystroke in a text field (undo merges consecutive keystrokes).
    void changed(bool typing);
    // The user picked "Open model…" in the model list (the list keeps its current choice).
    void openModelRequested();
    void addModelFolderRequested();

private:
    QWidget* createSentencePage();
    QWidget* createMatricesPage();
    void showEditorsForForm();
    void emitChanged(bool typing);
    void modelChosen();
    void showToySize();
    // Selects the entry of modelName, adding one for a path not in the list.
    void selectModel(const QString& modelName);

    QTabWidget* m_tabs = nullptr;
    QPlainTextEdit* m_text = nullptr;
    QPlainTextEdit* m_memory = nullptr;
    QComboBox* m_model = nullptr;
    QSpinBox* m_layers = nullptr;
    QSpinBox* m_toyHeads = nullptr;
    QSpinBox* m_width = nullptr;
    QFormLayout* m_sentenceForm = nullptr; // the sentence page: text, memory, model and the toy model's size
    QComboBox* m_form = nullptr;
    QSpinBox* m_heads = nullptr;
    QLineEdit* m_overrides = nullptr;
    QFormLayout* m_matricesForm = nullptr;
    QLineEdit* m_tokens = nullptr;
    QLineEdit* m_memoryTokens = nullptr;
    // The names as set; the fields show them joined by spaces and replace them only when the user edits, so
    // that a name with a space in it (from a file) survives until then.
    QStringList m_tokenNames, m_memoryTokenNames;
    QVBoxLayout* m_editorLayout = nullptr;
    std::map<QString, widgets::MatrixEditor*> m_editors;
    bool m_loading = false;
    int m_modelIndex = 0; // the last real choice, restored when "Open model…" is picked
};

} // namespace attnlab::app
