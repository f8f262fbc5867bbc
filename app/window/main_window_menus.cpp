// MainWindow's menus, their actions (export, copy, stepping through heads and layers) and keyboard shortcuts.

#include "app/window/main_window.h"

#include "app/lessons/lesson_controller.h"
#include "app/lessons/lesson_editor.h"
#include "app/window/control_bar.h"
#include "app/window/export_dialog.h"
#include "app/workspace/workspace.h"
#include "app/window/input_panel.h"
#include "app/session/session_controller.h"
#include "app/window/language.h"
#include "app/window/presentation_mode.h"
#include "app/window/shortcuts_sheet.h"
#include "app/lessons/lesson_panel.h"
#include "widgets/views/step_view.h"
#include "widgets/views/trace_view.h"
#include "widgets/views/view_factory.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QFileDialog>
#include <QPlainTextEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QUndoStack>

namespace attnlab::app {

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    m_sessions->addFileActions(file);
    file->addAction(tr("Open &Lesson…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open Lesson"), QString(),
                                                          tr("Lessons (*.attnlab-lesson *.json);;All files (*)"));
        if (!path.isEmpty())
            openLessonFile(path);
    })->setToolTip(tr("Open a lesson file (.attnlab-lesson) and start it; docs/LESSONS.md describes the format"));
    file->addSeparator();
    QAction* openModelAction = file->addAction(tr("Open &Model…"), this, &MainWindow::chooseModelFile);
    openModelAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    openModelAction->setToolTip(tr("Load a Hugging Face model folder (config.json + model.safetensors) or a llama2.c .bin"));
    file->addAction(tr("Add a &Folder of Models…"), this, &MainWindow::chooseModelFolder)
        ->setToolTip(tr("List every model in a folder (a course's models folder) in the model list"));
    file->addAction(tr("&Download Model…"), this, &MainWindow::downloadModel)
        ->setToolTip(tr("Fetch a known model (GPT-2, BERT, DistilBERT, RoBERTa, Pythia, SmolLM2, Qwen2.5, Llama 3.2, Gemma 3) or a Hub repository into the Hugging Face cache"));
    file->addSeparator();
    QAction* exportAction = file->addAction(tr("&Export Figure…"), this, &MainWindow::exportFigure);
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    exportAction->setToolTip(tr("Save the current view (or the comparison) as PNG, SVG or PDF"));
    QAction* matrices = file->addAction(tr("Export &Matrices…"), this, &MainWindow::exportMatrices);
    matrices->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    file->addSeparator();
    file->addAction(tr("Load the &Exam Problem"), this, [this] {
        WorkspaceState exam = state();
        exam.input = examMatrices();
        SelectionRequest selection;
        selection.exact = true;
        m_workspace->selectOnNextTrace(selection);
        setWorkspace(exam);
        showView(QStringLiteral("steps"));
    });
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    QAction* copy = edit->addAction(tr("&Copy Figure"), this, &MainWindow::copyFigure);
    copy->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    QAction* focusSentence = edit->addAction(tr("Edit the &Sentence"), this, [this] {
        m_input->sentenceEdit()->setFocus();
        m_input->sentenceEdit()->selectAll();
    });
    focusSentence->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    edit->addSeparator();
    QAction* lessonEditorAction = edit->addAction(tr("Lesson &Editor…"), this, &MainWindow::showLessonEditor);
    lessonEditorAction->setObjectName(QStringLiteral("lessonEditorAction"));
    lessonEditorAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    lessonEditorAction->setToolTip(tr("Write a lesson: record the window's input, view and selection as steps, write their texts and questions, save a .attnlab-lesson file"));

    QMenu* viewMenu = menuBar()->addMenu(tr("&View"));
    const QStringList names = widgets::viewNames();
    for (int i = 0; i < names.size(); ++i) {
        QAction* action = viewMenu->addAction(widgets::viewTitle(names[i]).replace(QLatin1Char('&'), QStringLiteral("&&")), this,
                                              [this, name = names[i]] { showView(name); });
        if (i < 9)
            action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
    }
    viewMenu->addSeparator();
    viewMenu->addAction(m_controls->exactAction());
    QAction* dark = viewMenu->addAction(tr("&Dark Theme"));
    dark->setObjectName(QStringLiteral("darkThemeAction"));
    dark->setCheckable(true);
    dark->setChecked(m_style.theme == widgets::Theme::Dark);
    dark->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    connect(dark, &QAction::toggled, this, &MainWindow::setDarkTheme);
    QAction* presentation = viewMenu->addAction(tr("&Presentation Mode"));
    presentation->setObjectName(QStringLiteral("presentationAction"));
    presentation->setCheckable(true);
    presentation->setChecked(m_style.presentation);
    presentation->setShortcut(QKeySequence(Qt::Key_F5));
    presentation->setToolTip(tr("The figure fills the window with large fonts and thick lines, for a projector (F5; Esc leaves)"));
    connect(presentation, &QAction::toggled, this, &MainWindow::setPresentationMode);
    connect(m_presentation, &PresentationMode::leaveRequested, presentation, [presentation] { presentation->setChecked(false); });
    QAction* caption = viewMenu->addAction(tr("Lesson &Caption in Presentation"));
    caption->setObjectName(QStringLiteral("captionAction"));
    caption->setCheckable(true);
    caption->setChecked(m_presentation->captionShown());
    caption->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    caption->setToolTip(tr("Show the lesson's current paragraph under the figure in presentation mode"));
    connect(caption, &QAction::toggled, m_presentation, &PresentationMode::setCaptionShown);
    createPresenterActions(viewMenu); // main_window_presenter.cpp
    QMenu* colours = viewMenu->addMenu(tr("&Colour Map"));
    auto* colourGroup = new QActionGroup(colours);
    for (const widgets::ColorMapKind kind :
         {widgets::ColorMapKind::Viridis, widgets::ColorMapKind::Magma, widgets::ColorMapKind::Cividis}) {
        QAction* action = colours->addAction(widgets::colorMapName(kind), this, [this, kind] {
            m_style.weightMap = kind;
            applyStyle();
        });
        action->setCheckable(true);
        action->setChecked(m_style.weightMap == kind);
        colourGroup->addAction(action);
    }
    // How weights find their colour: 0–1, 0–the shown matrix's maximum, or log10 from 0.001 to 1; the colour
    // bar's title says which.
    QMenu* scales = viewMenu->addMenu(tr("Colour &Scale"));
    auto* scaleGroup = new QActionGroup(scales);
    const std::pair<widgets::ColorScale, QString> scaleItems[] = {
        {widgets::ColorScale::Fixed, tr("&Fixed (0–1)")},
        {widgets::ColorScale::Max, tr("To the Matrix &Maximum")},
        {widgets::ColorScale::Log, tr("&Logarithmic (0.001–1)")}};
    for (const auto& [scale, title] : scaleItems) {
        QAction* action = scales->addAction(title, this, [this, scale = scale] {
            m_style.weightScale = scale;
            applyStyle();
        });
        action->setObjectName(QStringLiteral("colorScaleAction_") + model::enumName(widgets::kColorScaleNames, scale));
        action->setCheckable(true);
        action->setChecked(m_style.weightScale == scale);
        scaleGroup->addAction(action);
    }
    QAction* fullScreen = viewMenu->addAction(tr("&Full Screen"));
    fullScreen->setCheckable(true);
    fullScreen->setShortcut(QKeySequence::FullScreen);
    connect(fullScreen, &QAction::toggled, this, [this](bool on) { on ? showFullScreen() : showNormal(); });
    viewMenu->addMenu(createLanguageMenu(this));

    QMenu* navigate = menuBar()->addMenu(tr("&Navigate"));
    const struct {
        QString title;
        QKeySequence key;
        std::function<void()> run;
    } moves[] = {{tr("Next Head"), QKeySequence(Qt::CTRL | Qt::Key_Right), [this] { stepHead(1); }},
                 {tr("Previous Head"), QKeySequence(Qt::CTRL | Qt::Key_Left), [this] { stepHead(-1); }},
                 {tr("Next Layer"), QKeySequence(Qt::CTRL | Qt::Key_Down), [this] { stepLayer(1); }},
                 {tr("Previous Layer"), QKeySequence(Qt::CTRL | Qt::Key_Up), [this] { stepLayer(-1); }},
                 {tr("Next Query Token"), QKeySequence(Qt::ALT | Qt::Key_Right),
                  [this] {
                      if (m_trace && !m_trace->tokens.isEmpty())
                          selectQuery((m_selection.query + 1) % int(m_trace->tokens.size()));
                  }},
                 {tr("Previous Query Token"), QKeySequence(Qt::ALT | Qt::Key_Left),
                  [this] {
                      if (m_trace && !m_trace->tokens.isEmpty())
                          selectQuery(m_selection.query <= 0 ? int(m_trace->tokens.size()) - 1 : m_selection.query - 1);
                  }},
                 // What a presenter's clicker sends.
                 {tr("Next Lesson Paragraph"), QKeySequence(Qt::Key_PageDown), [this] { stepLesson(1); }},
                 {tr("Previous Lesson Paragraph"), QKeySequence(Qt::Key_PageUp), [this] { stepLesson(-1); }}};
    for (const auto& move : moves) {
        QAction* action = navigate->addAction(move.title, this, move.run);
        action->setShortcut(move.key);
    }

    createAblationMenu();
    createTrainingMenu();

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    m_lessons->addActions(help);
    QAction* shortcuts = help->addAction(tr("&Keyboard Shortcuts"), this, [this] {
        auto* dialog = new ShortcutsDialog(*menuBar(), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    shortcuts->setObjectName(QStringLiteral("shortcutsAction"));
    shortcuts->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
    shortcuts->setToolTip(tr("Every key of the window on one sheet, to print or save as PDF"));
    help->addAction(tr("&About AttnLab"), this, [this] {
        QMessageBox::about(this, tr("About AttnLab"),
                           tr("<b>AttnLab</b> %1<p>See how transformer attention works: QKᵀ → ÷√d_k → mask → softmax → ×V, "
                              "exactly, per head and per layer.</p>").arg(QApplication::applicationVersion()));
    });

    // A hidden menu bar (presentation mode) takes its actions' shortcuts with it: the window holds them too.
    for (QMenu* menu : menuBar()->findChildren<QMenu*>())
        for (QAction* action : menu->actions())
            if (!action->shortcut().isEmpty())
                addAction(action);
}

LessonEditor* MainWindow::lessonEditor()
{
    if (!m_lessonEditor)
        m_lessonEditor = new LessonEditor(this);
    return m_lessonEditor;
}

void MainWindow::showLessonEditor()
{
    LessonEditor* editor = lessonEditor();
    if (!editor->isVisible())
        editor->startFromWindow();
    editor->show();
    editor->raise();
    editor->activateWindow();
}

void MainWindow::stepLesson(int delta)
{
    if (m_lessons->isOpen()) {
        lessonPanel()->setParagraph(lessonPanel()->paragraph() + delta);
        return;
    }
    if (auto* steps = qobject_cast<widgets::StepView*>(m_tabs->currentWidget()))
        steps->setStep(steps->step() + delta);
}

void MainWindow::stepHead(int delta)
{
    if (!m_trace || m_trace->layers.empty())
        return;
    const int heads = int(m_trace->layers[size_t(m_selection.layer)].heads.size());
    const int head = m_selection.head < 0 ? 0 : (m_selection.head + delta + heads) % heads;
    m_controls->setLayerHead(m_selection.layer, head);
}

void MainWindow::stepLayer(int delta)
{
    if (!m_trace || m_trace->layers.empty())
        return;
    const int layers = int(m_trace->layers.size());
    m_controls->setLayerHead(std::clamp(m_selection.layer + delta, 0, layers - 1), m_selection.head);
}

void MainWindow::exportFigure()
{
    // The Compare tab exports its comparison: the figure `attnlab export --compare-text` writes.
    widgets::TraceView* current = shownFigure();
    if (!current || !m_trace)
        return;
    ExportDialog dialog(*current, this);
    dialog.exec();
}

void MainWindow::copyFigure()
{
    if (widgets::TraceView* current = shownFigure())
        ExportDialog::copyToClipboard(*current);
    statusBar()->showMessage(tr("Figure copied to the clipboard"), 3000);
}

void MainWindow::exportMatrices()
{
    if (!m_trace)
        return;
    ExportDialog::exportMatrices(*m_trace, m_selection, m_style.exact, this);
}

} // namespace attnlab::app
