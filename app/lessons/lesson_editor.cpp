#include "app/lessons/lesson_editor.h"

#include "app/lessons/lesson_catalog.h"
#include "app/lessons/lesson_controller.h"
#include "app/lessons/lesson_panel.h"
#include "app/lessons/lesson_recording.h"
#include "app/lessons/lesson_text.h"
#include "app/window/language.h"
#include "app/window/main_window.h"
#include "model/core/atomic_file.h"
#include "model/teaching/lesson_validator.h"
#include "widgets/views/step_view.h"
#include "widgets/views/view_factory.h"

#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QToolBar>
#include <QUndoCommand>
#include <QUndoStack>
#include <QVBoxLayout>

namespace attnlab::app {

namespace {

// One change of the lesson: the draft before and after it (a lesson is a few kilobytes), and the step
// selected before and after. Changes with the same merge key in a row (typing in one field) are one command.
class LessonDraftCommand : public QUndoCommand {
public:
    LessonDraftCommand(LessonEditor* editor, model::LessonDraft before, int stepBefore, model::LessonDraft after,
                       int stepAfter, const QString& text, QString mergeKey)
        : QUndoCommand(text), m_editor(editor), m_before(std::move(before)), m_after(std::move(after)),
          m_stepBefore(stepBefore), m_stepAfter(stepAfter), m_mergeKey(std::move(mergeKey))
    {
    }

    void undo() override { m_editor->restore(m_before, m_stepBefore); }
    void redo() override { m_editor->restore(m_after, m_stepAfter); }
    int id() const override { return m_mergeKey.isEmpty() ? -1 : 1; }
    bool mergeWith(const QUndoCommand* other) override
    {
        const auto* next = static_cast<const LessonDraftCommand*>(other);
        if (next->m_mergeKey != m_mergeKey)
            return false;
        m_after = next->m_after;
        m_stepAfter = next->m_stepAfter;
        return true;
    }

private:
    LessonEditor* m_editor;
    model::LessonDraft m_before, m_after;
    int m_stepBefore, m_stepAfter;
    QString m_mergeKey;
};

void setEditorLineText(QLineEdit* edit, const QString& text)
{
    if (edit->text() != text) {
        edit->setText(text);
        edit->setCursorPosition(0); // a long prompt shows its beginning
    }
}

void setEditorPlainText(QPlainTextEdit* edit, const QString& text)
{
    if (edit->toPlainText() != text)
        edit->setPlainText(text);
}

// The question kinds in the order of the kind box; "" is no question.
const QStringList& editorQuestionKinds()
{
    static const QStringList kinds{QString(), QStringLiteral("key"), QStringLiteral("head"), QStringLiteral("number"),
                                   QStringLiteral("choice")};
    return kinds;
}

} // namespace

LessonEditor::LessonEditor(MainWindow* window) : QMainWindow(window), m_window(window), m_undo(new QUndoStack(this))
{
    setObjectName(QStringLiteral("lessonEditor"));
    setAttribute(Qt::WA_DeleteOnClose, false);
    createWidgets();
    createActions();
    connect(m_undo, &QUndoStack::cleanChanged, this, &LessonEditor::setTitleBar);
    resize(1100, 680);
    refresh();
}

void LessonEditor::createWidgets()
{
    // The lesson: id, languages, the language being written, title, summary, input.
    m_lessonBox = new QGroupBox(tr("Lesson"));
    m_lessonForm = new QFormLayout(m_lessonBox);
    m_lessonForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_id = new QLineEdit;
    m_id->setObjectName(QStringLiteral("lessonEditorId"));
    m_id->setToolTip(tr("Lower-case words joined by hyphens, \"cat-on-mat\": the name of the lesson's file and of --lesson ID"));
    m_languages = new QLineEdit;
    m_languages->setObjectName(QStringLiteral("lessonEditorLanguages"));
    m_languages->setToolTip(tr("The languages every text is written in, separated by commas (en, ja, fa); the first is the fallback"));
    m_language = new QComboBox;
    m_language->setObjectName(QStringLiteral("lessonEditorLanguage"));
    m_language->setToolTip(tr("The language whose texts the fields below show and edit"));
    m_title = new QLineEdit;
    m_title->setObjectName(QStringLiteral("lessonEditorTitle"));
    m_summary = new QPlainTextEdit;
    m_summary->setObjectName(QStringLiteral("lessonEditorSummary"));
    m_summary->setTabChangesFocus(true);
    m_summary->setMaximumHeight(fontMetrics().lineSpacing() * 4 + 12);
    m_input = new QLabel;
    m_input->setWordWrap(true);
    m_input->setTextFormat(Qt::PlainText);
    // Two lines at least: a wrapped label squeezed by the problems list below would be cut through its text.
    m_input->setMinimumHeight(fontMetrics().lineSpacing() * 2 + 2);
    m_takeInput = new QPushButton(tr("Use the Window's Input"));
    m_takeInput->setToolTip(tr("The lesson's input and first view become the main window's current ones"));
    auto* inputRow = new QVBoxLayout;
    inputRow->setContentsMargins(0, 0, 0, 0);
    inputRow->addWidget(m_input);
    inputRow->addWidget(m_takeInput, 0, Qt::AlignLeading);
    m_lessonForm->addRow(tr("Id:"), m_id);
    m_lessonForm->addRow(tr("Languages:"), m_languages);
    m_lessonForm->addRow(tr("Writing in:"), m_language);
    m_lessonForm->addRow(tr("Title:"), m_title);
    m_lessonForm->addRow(tr("Summary:"), m_summary);
    m_lessonForm->addRow(tr("Input:"), inputRow);

    // The steps: the list and what changes it.
    m_stepsBox = new QGroupBox(tr("Steps"));
    auto* stepsLayout = new QHBoxLayout(m_stepsBox);
    m_steps = new QListWidget;
    m_steps->setObjectName(QStringLiteral("lessonEditorSteps"));
    m_steps->setWordWrap(true);
    m_steps->setTextElideMode(Qt::ElideNone); // the paragraph is shortened to its first 80 characters already
    m_record = new QPushButton(tr("&Record Step"));
    m_record->setObjectName(QStringLiteral("lessonEditorRecord"));
    m_record->setToolTip(tr("Add a step that shows the main window's view, layer, head, query and stage as they are now"));
    m_up = new QPushButton(tr("Move &Up"));
    m_down = new QPushButton(tr("Move &Down"));
    m_delete = new QPushButton(tr("De&lete"));
    auto* buttons = new QVBoxLayout;
    for (QPushButton* button : {m_record, m_up, m_down, m_delete})
        buttons->addWidget(button);
    buttons->addStretch();
    stepsLayout->addWidget(m_steps, 1);
    stepsLayout->addLayout(buttons);

    // The selected step: its figure, text, notes and question.
    m_stepBox = new QGroupBox;
    m_stepForm = new QFormLayout(m_stepBox);
    m_stepForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_figure = new QLabel;
    m_figure->setWordWrap(true);
    m_text = new QPlainTextEdit;
    m_text->setObjectName(QStringLiteral("lessonEditorText"));
    m_text->setTabChangesFocus(true);
    m_text->setToolTip(tr("The step's paragraph; with a question, the explanation shown once it is answered"));
    m_notes = new QPlainTextEdit;
    m_notes->setObjectName(QStringLiteral("lessonEditorNotes"));
    m_notes->setTabChangesFocus(true);
    m_notes->setMaximumHeight(fontMetrics().lineSpacing() * 4 + 12);
    m_notes->setToolTip(tr("Presenter notes: shown on the lecturer's screen only"));
    m_stepForm->addRow(tr("Figure:"), m_figure);
    m_stepForm->addRow(tr("Text:"), m_text);
    m_stepForm->addRow(tr("Notes:"), m_notes);

    m_questionBox = new QGroupBox(tr("Question"));
    m_questionForm = new QFormLayout(m_questionBox);
    m_questionForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_kind = new QComboBox;
    m_kind->setObjectName(QStringLiteral("lessonEditorQuestionKind"));
    m_kind->addItems({tr("None"), tr("Which key does the query attend to most?"), tr("Which head links the query to a key?"),
                      tr("A number"), tr("One of several options")});
    m_prompt = new QLineEdit;
    m_prompt->setObjectName(QStringLiteral("lessonEditorPrompt"));
    m_key = new QLineEdit;
    m_key->setObjectName(QStringLiteral("lessonEditorKey"));
    m_key->setToolTip(tr("The key token: its position (3) or its text (animal)"));
    m_answer = new QLineEdit;
    m_answer->setObjectName(QStringLiteral("lessonEditorAnswer"));
    m_answer->setToolTip(tr("A number or an expression (9/26, √2/2), or a row separated by commas (11, 5/2)"));
    m_tolerance = new QLineEdit;
    m_tolerance->setObjectName(QStringLiteral("lessonEditorTolerance"));
    m_tolerance->setPlaceholderText(QStringLiteral("0.005"));
    m_tolerance->setToolTip(tr("The largest difference from each entry that is still right; empty for 0.005, 0 for exactly"));
    m_options = new QPlainTextEdit;
    m_options->setObjectName(QStringLiteral("lessonEditorOptions"));
    m_options->setTabChangesFocus(true);
    m_options->setMaximumHeight(fontMetrics().lineSpacing() * 5 + 12);
    m_options->setToolTip(tr("One option per line"));
    m_correct = new QSpinBox;
    m_correct->setObjectName(QStringLiteral("lessonEditorCorrect"));
    m_correct->setRange(1, 20);
    m_questionForm->addRow(tr("Kind:"), m_kind);
    m_questionForm->addRow(tr("Prompt:"), m_prompt);
    m_questionForm->addRow(tr("Key:"), m_key);
    m_questionForm->addRow(tr("Answer:"), m_answer);
    m_questionForm->addRow(tr("Tolerance:"), m_tolerance);
    m_questionForm->addRow(tr("Options:"), m_options);
    m_questionForm->addRow(tr("Right option:"), m_correct);
    m_stepForm->addRow(m_questionBox);

    // What is wrong with the lesson, after Check or a save that found problems.
    m_problemsBox = new QGroupBox(tr("Problems"));
    m_problemsBox->setObjectName(QStringLiteral("lessonEditorProblems"));
    auto* problemsLayout = new QVBoxLayout(m_problemsBox);
    m_problemsNote = new QLabel;
    m_problemsNote->setWordWrap(true);
    m_problems = new QListWidget;
    // The problems are the validator's English lines ("steps[1].text.en: …"), read left to right.
    m_problems->setLayoutDirection(Qt::LeftToRight);
    m_problems->setMaximumHeight(fontMetrics().lineSpacing() * 4 + 12);
    m_saveAnyway = new QPushButton(tr("Save &Anyway"));
    m_saveAnyway->setObjectName(QStringLiteral("lessonEditorSaveAnyway"));
    auto* problemButtons = new QHBoxLayout;
    problemButtons->addWidget(m_problemsNote, 1);
    problemButtons->addWidget(m_saveAnyway);
    problemsLayout->addLayout(problemButtons);
    problemsLayout->addWidget(m_problems);
    m_problemsBox->hide();

    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_lessonBox);
    leftLayout->addWidget(m_stepsBox, 1);
    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(left);
    splitter->addWidget(m_stepBox);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    auto* central = new QWidget;
    auto* centralLayout = new QVBoxLayout(central);
    centralLayout->addWidget(splitter, 1);
    centralLayout->addWidget(m_problemsBox);
    setCentralWidget(central);

    // Every edit is a change of the draft; typing in one field is one undo command.
    connect(m_id, &QLineEdit::textEdited, this, [this](const QString& text) {
        m_source = m_id;
        change(tr("Change the Id"), QStringLiteral("id"), m_step, [&](model::LessonDraft& d) { d.setId(text); });
    });
    connect(m_languages, &QLineEdit::editingFinished, this, [this] {
        QStringList languages;
        for (const QString& piece : m_languages->text().split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts))
            languages << piece;
        if (languages == m_draft.languages() || languages.isEmpty()) {
            refresh();
            return;
        }
        change(tr("Change the Languages"), QString(), m_step, [&](model::LessonDraft& d) { d.setLanguages(languages); });
    });
    connect(m_language, &QComboBox::currentIndexChanged, this, [this] { refresh(); });
    connect(m_title, &QLineEdit::textEdited, this, [this](const QString& text) {
        m_source = m_title;
        change(tr("Change the Title"), QStringLiteral("title/") + editedLanguage(), m_step,
               [&](model::LessonDraft& d) { d.setTitle(editedLanguage(), text); });
    });
    connect(m_summary, &QPlainTextEdit::textChanged, this, [this] {
        if (m_summary->toPlainText() == m_draft.summary(editedLanguage()))
            return;
        m_source = m_summary;
        const QString text = m_summary->toPlainText();
        change(tr("Change the Summary"), QStringLiteral("summary/") + editedLanguage(), m_step,
               [&](model::LessonDraft& d) { d.setSummary(editedLanguage(), text); });
    });
    connect(m_takeInput, &QPushButton::clicked, this, &LessonEditor::takeInput);
    connect(m_steps, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row == m_step)
            return;
        m_step = row;
        refreshStep();
    });
    connect(m_record, &QPushButton::clicked, this, &LessonEditor::recordStep);
    const auto move = [this](int delta) {
        const int step = m_step;
        if (step < 0 || step + delta < 0 || step + delta >= m_draft.stepCount())
            return;
        change(delta < 0 ? tr("Move the Step Up") : tr("Move the Step Down"), QString(), step + delta,
               [&](model::LessonDraft& d) { d.moveStep(step, delta); });
    };
    connect(m_up, &QPushButton::clicked, this, [move] { move(-1); });
    connect(m_down, &QPushButton::clicked, this, [move] { move(1); });
    connect(m_delete, &QPushButton::clicked, this, [this] {
        const int step = m_step;
        if (step < 0)
            return;
        change(tr("Delete the Step"), QString(), std::min(step, m_draft.stepCount() - 2),
               [&](model::LessonDraft& d) { d.removeStep(step); });
    });
    connect(m_text, &QPlainTextEdit::textChanged, this, [this] {
        if (m_step < 0 || m_text->toPlainText() == m_draft.stepText(m_step, editedLanguage()))
            return;
        const QString text = m_text->toPlainText();
        m_source = m_text;
        changeStep(tr("Write the Step's Text"), QStringLiteral("text"),
                   [&](model::LessonDraft& d, int step) { d.setStepText(step, editedLanguage(), text); });
    });
    connect(m_notes, &QPlainTextEdit::textChanged, this, [this] {
        if (m_step < 0 || m_notes->toPlainText() == m_draft.stepNotes(m_step, editedLanguage()))
            return;
        const QString text = m_notes->toPlainText();
        m_source = m_notes;
        changeStep(tr("Write the Presenter Notes"), QStringLiteral("notes"),
                   [&](model::LessonDraft& d, int step) { d.setStepNotes(step, editedLanguage(), text); });
    });
    // The question's fields: each edits the question as the draft holds it.
    const auto editQuestion = [this](QWidget* source, const QString& field,
                                     const std::function<void(model::LessonDraftQuestion&)>& edit) {
        if (m_step < 0)
            return;
        m_source = source;
        changeStep(tr("Change the Question"), QStringLiteral("question/") + field, [&](model::LessonDraft& d, int step) {
            model::LessonDraftQuestion question = d.stepQuestion(step);
            edit(question);
            d.setStepQuestion(step, question);
        });
    };
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this, editQuestion](int index) {
        if (m_step < 0 || index < 0)
            return;
        editQuestion(nullptr, QStringLiteral("kind"), [&](model::LessonDraftQuestion& q) {
            q.kind = editorQuestionKinds().value(index);
            if (q.kind == QLatin1String("choice") && q.options.size() < 2)
                q.options.resize(2);
        });
    });
    connect(m_prompt, &QLineEdit::textEdited, this, [this, editQuestion](const QString& text) {
        editQuestion(m_prompt, QStringLiteral("prompt"), [&](model::LessonDraftQuestion& q) {
            if (text.isEmpty())
                q.prompt.remove(editedLanguage());
            else
                q.prompt.insert(editedLanguage(), text);
        });
    });
    connect(m_key, &QLineEdit::textEdited, this, [this, editQuestion](const QString& text) {
        editQuestion(m_key, QStringLiteral("key"), [&](model::LessonDraftQuestion& q) { q.key = text; });
    });
    connect(m_answer, &QLineEdit::textEdited, this, [this, editQuestion](const QString& text) {
        editQuestion(m_answer, QStringLiteral("answer"), [&](model::LessonDraftQuestion& q) { q.answer = text; });
    });
    connect(m_tolerance, &QLineEdit::textEdited, this, [this, editQuestion](const QString& text) {
        editQuestion(m_tolerance, QStringLiteral("tolerance"), [&](model::LessonDraftQuestion& q) { q.tolerance = text; });
    });
    connect(m_options, &QPlainTextEdit::textChanged, this, [this, editQuestion] {
        if (m_step < 0)
            return;
        const QStringList lines = m_options->toPlainText().split(QLatin1Char('\n'));
        const model::LessonDraftQuestion now = m_draft.stepQuestion(m_step);
        QStringList current;
        for (const QJsonObject& option : now.options)
            current << option.value(editedLanguage()).toString();
        if (lines == current)
            return;
        editQuestion(m_options, QStringLiteral("options"), [&](model::LessonDraftQuestion& q) {
            // One option per line in the language being written; the other languages' texts keep their places.
            q.options.resize(size_t(lines.size()));
            for (qsizetype i = 0; i < lines.size(); ++i) {
                if (lines[i].isEmpty())
                    q.options[size_t(i)].remove(editedLanguage());
                else
                    q.options[size_t(i)].insert(editedLanguage(), lines[i]);
            }
        });
    });
    connect(m_correct, &QSpinBox::valueChanged, this, [this, editQuestion](int value) {
        if (m_step < 0 || m_draft.stepQuestion(m_step).correctOption == value)
            return;
        editQuestion(m_correct, QStringLiteral("correct"), [&](model::LessonDraftQuestion& q) { q.correctOption = value; });
    });
    connect(m_saveAnyway, &QPushButton::clicked, this, &LessonEditor::saveAnyway);
}

void LessonEditor::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&Lesson"));
    m_newAction = file->addAction(tr("&New"), this, &LessonEditor::newLesson);
    m_newAction->setShortcut(QKeySequence::New);
    m_newAction->setToolTip(tr("A new lesson on the main window's input"));
    m_openAction = file->addAction(tr("&Open…"), this, [this] {
        if (!maybeSave())
            return;
        const QString path = QFileDialog::getOpenFileName(this, tr("Open Lesson"), QFileInfo(m_path).absolutePath(),
                                                          tr("Lessons (*.attnlab-lesson *.json);;All files (*)"));
        if (!path.isEmpty())
            openFile(path);
    });
    m_openAction->setShortcut(QKeySequence::Open);
    m_saveAction = file->addAction(tr("&Save"), this, &LessonEditor::save);
    m_saveAction->setShortcut(QKeySequence::Save);
    m_saveAsAction = file->addAction(tr("Save &As…"), this, &LessonEditor::saveAs);
    m_saveAsAction->setShortcut(QKeySequence::SaveAs);
    file->addSeparator();
    m_previewAction = file->addAction(tr("&Preview"), this, &LessonEditor::preview);
    m_previewAction->setObjectName(QStringLiteral("lessonEditorPreview"));
    m_previewAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    m_previewAction->setToolTip(tr("Open this lesson in the main window, as it will be shown"));
    m_checkAction = file->addAction(tr("&Check"), this, [this] { check(); });
    m_checkAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    m_checkAction->setToolTip(tr("List every problem saving would find"));
    file->addSeparator();
    m_closeAction = file->addAction(tr("&Close"), this, &QWidget::close);
    m_closeAction->setShortcut(QKeySequence::Close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_undo->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_undo->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence::Redo});
    edit->addAction(undo);
    edit->addAction(redo);
    // The editor's own undo: the text fields' built-in undo would undo behind the draft's back.
    for (QPlainTextEdit* text : {m_summary, m_text, m_notes, m_options})
        text->setUndoRedoEnabled(false);
    for (QWidget* field : std::initializer_list<QWidget*>{m_id, m_languages, m_title, m_summary, m_text, m_notes, m_prompt,
                                                          m_key, m_answer, m_tolerance, m_options})
        field->installEventFilter(this);
    edit->addSeparator();
    QAction* record = edit->addAction(tr("&Record Step"), this, &LessonEditor::recordStep);
    record->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));

    QToolBar* bar = addToolBar(tr("Lesson"));
    bar->setObjectName(QStringLiteral("lessonEditorToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->setMovable(false);
    for (QAction* action : {m_newAction, m_openAction, m_saveAction, m_saveAsAction})
        bar->addAction(action);
    bar->addSeparator();
    bar->addAction(undo);
    bar->addAction(redo);
    bar->addSeparator();
    bar->addAction(m_previewAction);
    bar->addAction(m_checkAction);
    statusBar();
}

bool LessonEditor::isModified() const
{
    return !m_undo->isClean();
}

int LessonEditor::currentStep() const
{
    return m_step;
}

void LessonEditor::selectStep(int step)
{
    m_steps->setCurrentRow(step);
}

QString LessonEditor::editedLanguage() const
{
    const QString language = m_language->currentText();
    return language.isEmpty() ? QStringLiteral("en") : language;
}

void LessonEditor::setEditedLanguage(const QString& language)
{
    const int index = m_language->findText(language);
    if (index >= 0)
        m_language->setCurrentIndex(index);
}

void LessonEditor::change(const QString& text, const QString& mergeKey, int stepAfter,
                          const std::function<void(model::LessonDraft&)>& edit)
{
    model::LessonDraft after = m_draft;
    edit(after);
    if (after.json() == m_draft.json() && stepAfter == m_step) {
        m_source = nullptr;
        return;
    }
    // A key that names the step too: typing in step 2's text after step 1's is another command.
    m_undo->push(new LessonDraftCommand(this, m_draft, m_step, std::move(after), stepAfter, text,
                                        mergeKey.isEmpty() ? QString() : mergeKey + QLatin1Char('@') + QString::number(m_step)));
    m_source = nullptr;
}

void LessonEditor::changeStep(const QString& text, const QString& field,
                              const std::function<void(model::LessonDraft&, int)>& edit)
{
    const int step = m_step;
    if (step < 0)
        return;
    change(text, field + QLatin1Char('/') + editedLanguage(), step, [&](model::LessonDraft& d) { edit(d, step); });
}

void LessonEditor::restore(const model::LessonDraft& draft, int step)
{
    m_draft = draft;
    m_step = std::min(step, m_draft.stepCount() - 1);
    m_pendingPath.clear(); // what Save Anyway would write has changed: check again
    m_saveAnyway->setEnabled(false);
    refresh();
}

void LessonEditor::refresh()
{
    const QSignalBlocker blockLanguage(m_language);
    const QString language = m_language->currentText();
    QStringList languages = m_draft.languages();
    if (languages.isEmpty())
        languages << QStringLiteral("en");
    if (m_source != m_languages)
        setEditorLineText(m_languages, m_draft.languages().join(QStringLiteral(", ")));
    QStringList items;
    for (int i = 0; i < m_language->count(); ++i)
        items << m_language->itemText(i);
    if (items != languages) {
        m_language->clear();
        m_language->addItems(languages);
    }
    // The language being written stays; else the interface's when the lesson has it, else the first.
    const QString wanted = languages.contains(language) ? language
                           : languages.contains(currentLanguage()) ? currentLanguage()
                                                                   : languages.first();
    m_language->setCurrentIndex(int(languages.indexOf(wanted)));
    const Qt::LayoutDirection direction = isRightToLeftLanguage(editedLanguage()) ? Qt::RightToLeft : Qt::LeftToRight;
    for (QWidget* text : std::initializer_list<QWidget*>{m_title, m_summary, m_text, m_notes, m_prompt, m_options})
        text->setLayoutDirection(direction);

    {
        const QSignalBlocker a(m_id), b(m_title), c(m_summary);
        if (m_source != m_id)
            setEditorLineText(m_id, m_draft.id());
        if (m_source != m_title)
            setEditorLineText(m_title, m_draft.title(editedLanguage()));
        if (m_source != m_summary)
            setEditorPlainText(m_summary, m_draft.summary(editedLanguage()));
    }
    const QJsonObject input = m_draft.input();
    const QString view = widgets::viewTitle(m_draft.view());
    if (input.contains(QStringLiteral("matrices")))
        m_input->setText(tr("Matrices (%1), opening in %2").arg(input.value(QStringLiteral("matrices")).toObject().keys().join(QStringLiteral(", ")), view));
    else
        m_input->setText(tr("“%1” through %2, opening in %3")
                             .arg(input.value(QStringLiteral("text")).toString(),
                                  QFileInfo(input.value(QStringLiteral("model")).toString(model::toyModelName())).fileName(), view));
    refreshStepList();
    refreshStep();
    setTitleBar();
}

QString LessonEditor::stepLabel(int step) const
{
    const model::LessonDraftFigure figure = m_draft.stepFigure(step);
    QStringList parts;
    if (!figure.view.isEmpty())
        parts << widgets::viewTitle(figure.view);
    if (figure.layer)
        parts << tr("layer %1").arg(*figure.layer);
    if (figure.head)
        parts << tr("head %1").arg(*figure.head);
    if (!figure.query.isEmpty())
        parts << tr("query “%1”").arg(figure.query);
    if (figure.stage)
        parts << tr("stage %1").arg(*figure.stage);
    QString text = m_draft.stepText(step, editedLanguage()).section(QLatin1Char('\n'), 0, 0);
    if (text.size() > 80)
        text = text.left(79) + QStringLiteral("…");
    if (text.isEmpty())
        text = tr("(no text yet)");
    if (parts.isEmpty())
        parts << tr("the figure as the step before leaves it");
    if (!m_draft.stepQuestion(step).kind.isEmpty())
        parts << tr("asks a question");
    // The paragraph isolated (U+2068 … U+2069): an English paragraph under a Persian label keeps its own direction.
    return QStringLiteral("%1. %2\n\u2068%3\u2069").arg(step + 1).arg(parts.join(QStringLiteral(" · ")), text);
}

void LessonEditor::refreshStepList()
{
    const QSignalBlocker block(m_steps);
    const int count = m_draft.stepCount();
    while (m_steps->count() > count)
        delete m_steps->takeItem(m_steps->count() - 1);
    while (m_steps->count() < count)
        m_steps->addItem(QString());
    for (int i = 0; i < count; ++i)
        if (m_steps->item(i)->text() != stepLabel(i))
            m_steps->item(i)->setText(stepLabel(i));
    m_step = std::clamp(m_step, count > 0 ? 0 : -1, count - 1);
    m_steps->setCurrentRow(m_step);
    m_up->setEnabled(m_step > 0);
    m_down->setEnabled(m_step >= 0 && m_step + 1 < count);
    m_delete->setEnabled(m_step >= 0);
}

void LessonEditor::refreshStep()
{
    const bool has = m_step >= 0 && m_step < m_draft.stepCount();
    m_stepBox->setEnabled(has);
    m_stepBox->setTitle(has ? tr("Step %1 of %2").arg(m_step + 1).arg(m_draft.stepCount()) : tr("Step"));
    m_up->setEnabled(m_step > 0);
    m_down->setEnabled(has && m_step + 1 < m_draft.stepCount());
    m_delete->setEnabled(has);
    const QSignalBlocker a(m_text), b(m_notes), c(m_kind), d(m_prompt), e(m_key), f(m_answer), g(m_tolerance),
        h(m_options), i(m_correct);
    if (!has) {
        m_figure->setText(tr("Record a step: set up the main window's view and selection, then press Record Step."));
        for (QPlainTextEdit* edit : {m_text, m_notes, m_options})
            edit->clear();
        for (QLineEdit* edit : {m_prompt, m_key, m_answer, m_tolerance})
            edit->clear();
        m_kind->setCurrentIndex(0);
        for (const int row : {1, 2, 3, 4, 5, 6})
            m_questionForm->setRowVisible(row, false);
        return;
    }
    const QString language = editedLanguage();
    m_figure->setText(stepLabel(m_step).section(QLatin1Char('\n'), 0, 0).section(QStringLiteral(". "), 1));
    if (m_source != m_text)
        setEditorPlainText(m_text, m_draft.stepText(m_step, language));
    if (m_source != m_notes)
        setEditorPlainText(m_notes, m_draft.stepNotes(m_step, language));
    const model::LessonDraftQuestion question = m_draft.stepQuestion(m_step);
    m_kind->setCurrentIndex(std::max(0, int(editorQuestionKinds().indexOf(question.kind))));
    if (m_source != m_prompt)
        setEditorLineText(m_prompt, question.prompt.value(language).toString());
    if (m_source != m_key)
        setEditorLineText(m_key, question.key);
    if (m_source != m_answer)
        setEditorLineText(m_answer, question.kind == QLatin1String("choice") ? QString() : question.answer);
    if (m_source != m_tolerance)
        setEditorLineText(m_tolerance, question.tolerance);
    if (m_source != m_options) {
        QStringList options;
        for (const QJsonObject& option : question.options)
            options << option.value(language).toString();
        setEditorPlainText(m_options, options.join(QLatin1Char('\n')));
    }
    m_correct->setMaximum(std::max<int>(2, int(question.options.size())));
    m_correct->setValue(question.correctOption);
    // The rows of the kind chosen: prompt for all, key for head, answer and tolerance for number, options for
    // choice.
    const QString kind = question.kind;
    m_questionForm->setRowVisible(1, !kind.isEmpty());
    m_questionForm->setRowVisible(2, kind == QLatin1String("head"));
    m_questionForm->setRowVisible(3, kind == QLatin1String("number"));
    m_questionForm->setRowVisible(4, kind == QLatin1String("number"));
    m_questionForm->setRowVisible(5, kind == QLatin1String("choice"));
    m_questionForm->setRowVisible(6, kind == QLatin1String("choice"));
}

void LessonEditor::setTitleBar()
{
    const QString name = m_path.isEmpty() ? m_draft.id() + QStringLiteral(".attnlab-lesson") : QFileInfo(m_path).fileName();
    setWindowTitle(tr("%1[*] — Lesson Editor").arg(name));
    setWindowModified(isModified());
}

void LessonEditor::start(const model::LessonDraft& draft, const QString& path)
{
    m_undo->clear();
    m_path = path;
    m_pendingPath.clear();
    m_problemsBox->hide();
    m_step = draft.stepCount() > 0 ? 0 : -1;
    m_draft = draft;
    {
        // A lesson starts in the interface's language when it has it (refresh), not the previous lesson's.
        const QSignalBlocker block(m_language);
        m_language->clear();
    }
    refresh();
    // Up and Down walk the steps straight away.
    m_steps->setFocus();
}

bool LessonEditor::startFromWindow()
{
    if (!maybeSave())
        return false;
    LessonController* lessons = m_window->lessons();
    if (lessons->isOpen()) {
        const QString source = lessons->panel()->lesson().sourcePath;
        QFile file(source);
        if (!source.isEmpty() && file.open(QIODevice::ReadOnly)) {
            const auto draft = model::LessonDraft::fromJson(file.readAll());
            if (draft) {
                // A built-in lesson is saved as a file of one's own.
                start(*draft, source.startsWith(QLatin1Char(':')) ? QString() : source);
                return true;
            }
        }
    }
    return newLesson();
}

bool LessonEditor::newLesson()
{
    if (!maybeSave())
        return false;
    model::LessonDraft draft;
    draft.setInput(lessonInputFromWorkspace(m_window->state()));
    draft.setView(m_window->currentViewName());
    start(draft, QString());
    return true;
}

bool LessonEditor::openFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        QMessageBox::warning(this, tr("Open Lesson"), tr("Cannot read %1: %2").arg(path, file.errorString()));
        return false;
    }
    const auto draft = model::LessonDraft::fromJson(file.read(model::kMaxLessonBytes + 1));
    if (!draft) {
        QMessageBox::warning(this, tr("Open Lesson"), QStringLiteral("%1: %2").arg(QFileInfo(path).fileName(), draft.error()));
        return false;
    }
    start(*draft, path);
    return true;
}

void LessonEditor::takeInput()
{
    const QJsonObject input = lessonInputFromWorkspace(m_window->state());
    const QString view = m_window->currentViewName();
    change(tr("Use the Window's Input"), QString(), m_step, [&](model::LessonDraft& d) {
        d.setInput(input);
        d.setView(view);
    });
}

void LessonEditor::recordStep()
{
    const auto trace = m_window->trace();
    const QStringList tokens = trace ? trace->tokens : QStringList();
    auto* steps = qobject_cast<widgets::StepView*>(m_window->view(QStringLiteral("steps")));
    const model::LessonDraftFigure figure =
        recordedFigure(m_window->currentViewName(), m_window->selection(), tokens, steps ? steps->step() : 0);
    change(tr("Record a Step"), QString(), m_draft.stepCount(), [&](model::LessonDraft& d) { d.addStep(figure); });
    m_text->setFocus();
}

std::vector<model::LessonProblem> LessonEditor::check()
{
    const QString path = m_path.isEmpty() ? QDir::current().filePath(m_draft.id() + QStringLiteral(".attnlab-lesson")) : m_path;
    const auto problems = model::validateLesson(m_draft.toText(), path, resolveLessonModel);
    showProblems(problems, false);
    if (problems.empty())
        statusBar()->showMessage(tr("No problems: the lesson is ready to save."), 5000);
    return problems;
}

void LessonEditor::showProblems(const std::vector<model::LessonProblem>& problems, bool offerSave)
{
    m_problems->clear();
    for (const model::LessonProblem& problem : problems)
        m_problems->addItem(problem.text());
    m_problemsBox->setVisible(!problems.empty());
    m_saveAnyway->setVisible(offerSave);
    m_saveAnyway->setEnabled(offerSave);
    m_problemsNote->setText(offerSave ? tr("The lesson was not saved: correct the problems below, or save it as it is.")
                                      : tr("What saving would find:"));
}

bool LessonEditor::save()
{
    return m_path.isEmpty() ? saveAs() : saveTo(m_path);
}

bool LessonEditor::saveAs()
{
    const QString suggested = m_path.isEmpty() ? m_draft.id() + QStringLiteral(".attnlab-lesson") : m_path;
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Lesson"), suggested,
                                                      tr("Lessons (*.attnlab-lesson);;All files (*)"));
    return !path.isEmpty() && saveTo(path);
}

bool LessonEditor::saveTo(const QString& path)
{
    const auto problems = model::validateLesson(m_draft.toText(), path, resolveLessonModel);
    if (!problems.empty()) {
        // Never silently: the author sees every problem and may then choose to save anyway.
        m_pendingPath = path;
        showProblems(problems, true);
        m_problems->setFocus();
        return false;
    }
    return writeTo(path);
}

bool LessonEditor::saveAnyway()
{
    if (m_pendingPath.isEmpty())
        return false;
    return writeTo(m_pendingPath);
}

bool LessonEditor::writeTo(const QString& path)
{
    const auto written = model::writeFileAtomically(path, m_draft.toText());
    if (!written) {
        QMessageBox::warning(this, tr("Save Lesson"), written.error());
        return false;
    }
    m_path = path;
    m_pendingPath.clear();
    m_problemsBox->hide();
    m_undo->setClean();
    setTitleBar();
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

bool LessonEditor::preview()
{
    model::LessonCheck read = model::checkLesson(m_draft.toText());
    if (!read.lesson) {
        showProblems(read.problems, false);
        return false;
    }
    read.lesson->sourcePath = m_path; // a model path relative to the lesson's file is found from there
    showProblems(read.problems, false);
    if (!m_window->lessons()->openLesson(*read.lesson))
        return false;
    statusBar()->showMessage(tr("The lesson is open in the main window."), 5000);
    return true;
}

bool LessonEditor::maybeSave()
{
    if (!isModified())
        return true;
    const auto answer = QMessageBox::question(this, tr("Lesson Editor"),
                                              tr("The lesson “%1” has changes that are not saved.").arg(m_draft.id()),
                                              QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel,
                                              QMessageBox::Save);
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::Save)
        return save();
    m_undo->setClean();
    return true;
}

bool LessonEditor::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::ShortcutOverride) {
        auto* key = static_cast<QKeyEvent*>(event);
        const QKeySequence pressed(key->keyCombination());
        if (key->matches(QKeySequence::Undo) || key->matches(QKeySequence::Redo)
            || pressed == QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)) {
            // Not overridden: the window's Undo and Redo actions take the key.
            event->ignore();
            return true;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void LessonEditor::closeEvent(QCloseEvent* event)
{
    if (maybeSave())
        event->accept();
    else
        event->ignore();
}

} // namespace attnlab::app
