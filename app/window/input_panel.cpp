#include "app/window/input_panel.h"

#include "widgets/controls/matrix_editor.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QResizeEvent>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace attnlab::app {

namespace {

// A text box `lines` lines high in its current font, or as high as its placeholder needs at its width:
// presentation mode's larger font and a narrow dock grow it, so that the memory box's placeholder is
// never cut off.
class LinesTextEdit : public QPlainTextEdit {
public:
    LinesTextEdit(int lines, QWidget* parent) : QPlainTextEdit(parent), m_lines(lines) { fitHeight(); }

protected:
    void changeEvent(QEvent* event) override
    {
        QPlainTextEdit::changeEvent(event);
        if (event->type() == QEvent::FontChange) fitHeight();
    }
    void resizeEvent(QResizeEvent* event) override
    {
        QPlainTextEdit::resizeEvent(event);
        fitHeight(); // a new width wraps the placeholder differently; only the height changes here
    }

private:
    void fitHeight()
    {
        const QFontMetrics fm = fontMetrics();
        int lines = m_lines;
        if (!placeholderText().isEmpty()) {
            const int margin = int(document()->documentMargin());
            const int width = std::max(1, viewport()->width() - 2 * margin);
            const QRect needed = fm.boundingRect(QRect(0, 0, width, 100000), Qt::AlignTop | Qt::TextWordWrap,
                                                 placeholderText());
            lines = std::max(lines, (needed.height() + fm.lineSpacing() - 1) / fm.lineSpacing());
        }
        const int height = fm.lineSpacing() * lines + 14; // + the document's margins and the frame
        if (height != this->height()) setFixedHeight(height);
    }

    int m_lines;
};

} // namespace

InputPanel::InputPanel(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(createSentencePage(), tr("&Sentence"));
    m_tabs->addTab(createMatricesPage(), tr("&Matrices"));
    layout->addWidget(m_tabs);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] { emitChanged(false); });
    setState(InputState{});
}

QWidget* InputPanel::createSentencePage()
{
    auto* page = new QWidget(this);
    auto* outer = new QVBoxLayout(page);
    auto* form = new QFormLayout;
    m_sentenceForm = form;
    outer->addLayout(form);
    outer->addStretch(1); // the fields stay together at the top, however tall the dock
    // Several lines high and wrapping: sentences are read whole at a projector, not scrolled sideways.
    const auto textBox = [page](int lines) {
        auto* box = new LinesTextEdit(lines, page);
        box->setTabChangesFocus(true);
        box->setUndoRedoEnabled(false); // Edit ▸ Undo undoes whole edits of the workspace, one history only
        return box;
    };
    m_text = textBox(3);
    m_text->setPlaceholderText(tr("Type a sentence in any language"));
    m_text->setToolTip(tr("The sentence whose attention is shown; words and punctuation become tokens. Return starts "
                          "a new line, which a model reads as a newline token (shown as ↵); Tab leaves the field"));
    m_memory = textBox(2);
    m_memory->setPlaceholderText(tr("Optional: a second sentence to attend to"));
    m_memory->setToolTip(tr("Source–target attention: queries come from the sentence, keys and values from this one"));
    m_model = new QComboBox(page);
    m_model->setToolTip(tr("The built-in toy model has seeded random weights: it shows the mechanism, not meaning"));
    m_layers = new QSpinBox(page);
    m_layers->setRange(1, 12);
    m_toyHeads = new QSpinBox(page);
    m_toyHeads->setRange(1, 16);
    m_width = new QSpinBox(page);
    m_width->setRange(4, 512);
    m_width->setSingleStep(8);
    m_width->setToolTip(tr("d_model: must be a multiple of the number of heads"));
    form->addRow(tr("Sentence"), m_text);
    form->addRow(tr("Memory"), m_memory);
    form->addRow(tr("Model"), m_model);
    form->addRow(tr("Layers"), m_layers);
    form->addRow(tr("Heads"), m_toyHeads);
    form->addRow(tr("Width d_model"), m_width);
    setModelChoices({}); // the toy model and "Open model…"; the window adds recent and cached models

    connect(m_text, &QPlainTextEdit::textChanged, this, [this] { emitChanged(true); });
    connect(m_memory, &QPlainTextEdit::textChanged, this, [this] { emitChanged(true); });
    connect(m_model, &QComboBox::activated, this, &InputPanel::modelChosen);
    for (QSpinBox* spin : {m_layers, m_toyHeads, m_width})
        connect(spin, &QSpinBox::valueChanged, this, [this] { emitChanged(false); });
    return page;
}

QWidget* InputPanel::createMatricesPage()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    auto* form = new QFormLayout;
    m_form = new QComboBox(page);
    m_form->addItem(tr("Q, K, V"), int(MatrixForm::QKV));
    m_form->addItem(tr("X with W_q, W_k, W_v, W_o"), int(MatrixForm::Projected));
    m_form->addItem(tr("X alone (Q = K = V = X)"), int(MatrixForm::XAlone));
    m_form->addItem(tr("X attending to M, with W_q, W_k, W_v"), int(MatrixForm::Cross));
    m_heads = new QSpinBox(page);
    m_heads->setRange(1, 16);
    m_heads->setToolTip(tr("Heads split the columns of Q and K (or W_q, W_k) into equal blocks"));
    m_overrides = new QLineEdit(page);
    m_overrides->setPlaceholderText(tr("e.g. 1/2 = 3/2 (use exp(1/2) ≈ 3/2 as the exam does)"));
    m_overrides->setToolTip(tr("Approximations of exp used by the softmax, separated by semicolons"));
    m_tokens = new QLineEdit(page);
    m_tokens->setPlaceholderText(tr("x1 x2 …"));
    m_tokens->setToolTip(tr("Names of the query rows (of Q or X) for the views, separated by spaces"));
    m_memoryTokens = new QLineEdit(page);
    m_memoryTokens->setToolTip(tr("Names of the key rows (of K or M) for the views, separated by spaces; without "
                                  "them keys that are the tokens take their names, others are numbered"));
    m_matricesForm = form;
    form->addRow(tr("Input"), m_form);
    form->addRow(tr("Heads"), m_heads);
    form->addRow(tr("exp ≈"), m_overrides);
    form->addRow(tr("Tokens"), m_tokens);
    form->addRow(tr("Key tokens"), m_memoryTokens);
    layout->addLayout(form);

    auto* scroll = new QScrollArea(page);
    scroll->setWidgetResizable(true);
    auto* editors = new QWidget(scroll);
    m_editorLayout = new QVBoxLayout(editors);
    for (const char* name : {"Q", "K", "V", "X", "M", "Wq", "Wk", "Wv", "Wo"}) {
        auto* editor = new widgets::MatrixEditor(QLatin1String(name), editors);
        editor->setMinimumHeight(150);
        m_editorLayout->addWidget(editor);
        m_editors[QLatin1String(name)] = editor;
        connect(editor, &widgets::MatrixEditor::edited, this, [this] { emitChanged(false); });
    }
    m_editorLayout->addStretch(1);
    scroll->setWidget(editors);
    layout->addWidget(scroll, 1);

    connect(m_form, &QComboBox::currentIndexChanged, this, [this] {
        showEditorsForForm();
        emitChanged(false);
    });
    connect(m_heads, &QSpinBox::valueChanged, this, [this] { emitChanged(false); });
    connect(m_overrides, &QLineEdit::textChanged, this, [this] { emitChanged(true); });
    const auto names = [](const QString& text) {
        static const QRegularExpression spaces(QStringLiteral("\\s+"));
        return text.split(spaces, Qt::SkipEmptyParts);
    };
    connect(m_tokens, &QLineEdit::textEdited, this, [this, names](const QString& text) {
        m_tokenNames = names(text);
        emitChanged(true);
    });
    connect(m_memoryTokens, &QLineEdit::textEdited, this, [this, names](const QString& text) {
        m_memoryTokenNames = names(text);
        emitChanged(true);
    });
    return page;
}

void InputPanel::showEditorsForForm()
{
    const QStringList names = matrixNames(MatrixForm(m_form->currentData().toInt()));
    for (auto& [name, editor] : m_editors)
        editor->setVisible(names.contains(name));
    // Keys have names of their own only where they are rows of their own; else they are the query rows.
    const bool ownKeys = names.contains(QLatin1String("K")) || names.contains(QLatin1String("M"));
    m_matricesForm->setRowVisible(m_memoryTokens, ownKeys);
}

widgets::MatrixEditor* InputPanel::matrixEditor(const QString& name) const
{
    const auto it = m_editors.find(name);
    return it == m_editors.end() ? nullptr : it->second;
}

InputState InputPanel::state() const
{
    InputState s;
    s.mode = m_tabs->currentIndex() == 1 ? InputMode::Matrices : InputMode::Sentence;
    s.text = m_text->toPlainText();
    s.memory = m_memory->toPlainText();
    s.modelName = m_model->itemData(m_modelIndex).toString();
    s.toyLayers = m_layers->value();
    s.toyHeads = m_toyHeads->value();
    s.toyWidth = m_width->value();
    s.form = MatrixForm(m_form->currentData().toInt());
    s.heads = m_heads->value();
    s.expOverrides = m_overrides->text();
    s.tokens = m_tokenNames;
    s.memoryTokens = m_memoryTokenNames;
    const QStringList names = matrixNames(s.form);
    for (const auto& [name, editor] : m_editors)
        if (names.contains(name))
            s.matrices[name] = editor->cellTexts();
    return s;
}

void InputPanel::setState(const InputState& s)
{
    m_loading = true;
    const QSignalBlocker blockTabs(m_tabs);
    m_tabs->setCurrentIndex(s.mode == InputMode::Matrices ? 1 : 0);
    // setPlainText would reset the cursor and the undo history of the box on every undo step; only replace
    // text that differs.
    if (m_text->toPlainText() != s.text)
        m_text->setPlainText(s.text);
    if (m_memory->toPlainText() != s.memory)
        m_memory->setPlainText(s.memory);
    selectModel(s.modelName);
    m_layers->setValue(s.toyLayers);
    m_toyHeads->setValue(s.toyHeads);
    m_width->setValue(s.toyWidth);
    m_form->setCurrentIndex(std::max(0, m_form->findData(int(s.form))));
    m_heads->setValue(s.heads);
    m_overrides->setText(s.expOverrides);
    m_tokenNames = s.tokens;
    m_memoryTokenNames = s.memoryTokens;
    if (m_tokens->text() != s.tokens.join(QLatin1Char(' ')))
        m_tokens->setText(s.tokens.join(QLatin1Char(' ')));
    if (m_memoryTokens->text() != s.memoryTokens.join(QLatin1Char(' ')))
        m_memoryTokens->setText(s.memoryTokens.join(QLatin1Char(' ')));
    const InputState defaults = examMatrices();
    for (auto& [name, editor] : m_editors) {
        const auto found = s.matrices.find(name);
        if (found != s.matrices.end())
            editor->setCellTexts(found->second);
        else if (editor->cellTexts().size() <= 2 && defaults.matrices.count(name))
            editor->setCellTexts(defaults.matrices.at(name));
    }
    showEditorsForForm();
    m_loading = false;
}

void InputPanel::markErrors(const std::vector<CellError>& errors)
{
    for (auto& [name, editor] : m_editors)
        editor->clearErrors();
    for (const CellError& e : errors)
        if (auto* editor = matrixEditor(e.matrix))
            editor->setCellError(e.row, e.col, e.message);
}

namespace {
const QString kOpenModel = QStringLiteral("open:");
const QString kAddModelFolder = QStringLiteral("folder:");
} // namespace

void InputPanel::setModelChoices(const std::vector<ModelEntry>& entries)
{
    const QSignalBlocker block(m_model);
    const QString current = m_model->count() ? m_model->itemData(m_modelIndex).toString() : model::toyModelName();
    m_model->clear();
    m_model->addItem(tr("Toy model (untrained)"), model::toyModelName());
    m_model->setItemData(0, tr("The built-in toy model has seeded random weights: it shows the mechanism, not meaning"),
                         Qt::ToolTipRole);
    for (const ModelEntry& entry : entries) {
        if (m_model->findData(entry.path) >= 0) continue;
        m_model->addItem(entry.title, entry.path);
        m_model->setItemData(m_model->count() - 1, entry.path, Qt::ToolTipRole);
    }
    m_model->insertSeparator(m_model->count());
    m_model->addItem(tr("Open model…"), kOpenModel);
    m_model->addItem(tr("Add a folder of models…"), kAddModelFolder);
    m_model->setItemData(m_model->count() - 1, tr("List every model in a folder (a course's models folder) here"),
                         Qt::ToolTipRole);
    selectModel(current);
}

void InputPanel::selectModel(const QString& modelName)
{
    int index = m_model->findData(modelName);
    if (index < 0) {
        // A model from a session or the command line that the list does not offer yet.
        index = m_model->count() - 2; // before the separator and "Open model…"
        m_model->insertItem(index, modelTitle(modelName), modelName);
        m_model->setItemData(index, modelName, Qt::ToolTipRole);
    }
    const QSignalBlocker block(m_model);
    m_model->setCurrentIndex(index);
    m_modelIndex = index;
    showToySize();
}

void InputPanel::showToySize()
{
    // The sizes describe the toy model only; a checkpoint brings its own, in the model panel.
    const bool toy = model::isToyModel(m_model->itemData(m_modelIndex).toString());
    for (QSpinBox* spin : {m_layers, m_toyHeads, m_width})
        m_sentenceForm->setRowVisible(spin, toy);
}

void InputPanel::modelChosen()
{
    if (const QString chosen = m_model->currentData().toString(); chosen == kOpenModel || chosen == kAddModelFolder) {
        const QSignalBlocker block(m_model);
        m_model->setCurrentIndex(m_modelIndex);
        if (chosen == kOpenModel)
            emit openModelRequested();
        else
            emit addModelFolderRequested();
        return;
    }
    m_modelIndex = m_model->currentIndex();
    showToySize();
    emitChanged(false);
}

void InputPanel::emitChanged(bool typing)
{
    if (!m_loading)
        emit changed(typing);
}

} // namespace attnlab::app

#include "moc_input_panel.cpp"
