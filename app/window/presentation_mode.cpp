#include "app/window/presentation_mode.h"

#include "widgets/controls/elided_label.h"

#include <QApplication>
#include <QDockWidget>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMainWindow>
#include <QMenuBar>
#include <QPushButton>
#include <QShortcut>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTextDocument>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>

namespace attnlab::app {

namespace {
constexpr double kCaptionFontFactor = 0.85; // of the application font, already large in presentation mode
constexpr double kCaptionMinFactor = 0.6;   // still readable from the back of a room
constexpr int kCaptionMaxLines = 3;
} // namespace

PresentationMode::PresentationMode(QMainWindow* window, QVBoxLayout* layout, QTabWidget* tabs)
    : QObject(window), m_window(window), m_tabs(tabs)
{
    m_bar = new QWidget(window);
    m_bar->setObjectName(QStringLiteral("presentationBar"));
    auto* row = new QHBoxLayout(m_bar);
    row->setContentsMargins(6, 2, 6, 2);
    m_status = new QLabel(m_bar);
    m_status->setObjectName(QStringLiteral("presentationStatus"));
    QFont bold = m_status->font();
    bold.setBold(true);
    m_status->setFont(bold);
    row->addWidget(m_status);
    row->addSpacing(16);
    // The keys that work here, in a smaller font; elided (whole in its tooltip) where the window is narrow.
    auto* keys = new widgets::ElidedLabel(Qt::ElideRight, m_bar);
    m_keys = keys;
    m_keys->setObjectName(QStringLiteral("presentationKeys"));
    m_keys->setForegroundRole(QPalette::PlaceholderText);
    row->addWidget(m_keys, 1);
    m_leave = new QPushButton(m_bar);
    m_leave->setObjectName(QStringLiteral("leavePresentation"));
    m_leave->setFocusPolicy(Qt::NoFocus); // the keys stay with the figure
    connect(m_leave, &QPushButton::clicked, this, &PresentationMode::leaveRequested);
    row->addWidget(m_leave);
    m_bar->hide();
    layout->insertWidget(0, m_bar);

    m_notes = new QLabel(window);
    m_notes->setObjectName(QStringLiteral("presentationNotes"));
    m_notes->setWordWrap(true);
    m_notes->setTextFormat(Qt::RichText);
    m_notes->setMargin(6);
    m_notes->setAutoFillBackground(true);
    m_notes->setBackgroundRole(QPalette::ToolTipBase);
    m_notes->setForegroundRole(QPalette::ToolTipText);
    m_notes->hide();
    layout->insertWidget(1, m_notes);

    m_caption = new QLabel(window);
    m_caption->setObjectName(QStringLiteral("presentationCaption"));
    m_caption->setWordWrap(true);
    m_caption->setTextFormat(Qt::RichText);
    m_caption->setMargin(4);
    m_caption->hide();
    layout->addWidget(m_caption);

    auto* escape = new QShortcut(QKeySequence(Qt::Key_Escape), window);
    escape->setContext(Qt::WindowShortcut);
    connect(escape, &QShortcut::activated, this, [this] {
        if (m_active)
            emit leaveRequested();
    });
    retranslate();
    m_window->installEventFilter(this);
}

void PresentationMode::retranslate()
{
    m_leave->setText(tr("Leave presentation (Esc)"));
    m_keys->setText(tr("Ctrl+1…9 views · Ctrl+←/→ heads · Ctrl+↑/↓ layers · Alt+←/→ query · ←/→ steps · "
                       "Page Up/Down lesson · Ctrl+T caption · F11 full screen"));
}

void PresentationMode::setActive(bool active)
{
    if (active == m_active)
        return;
    m_active = active;
    if (active) {
        m_savedState = m_window->saveState();
        m_menuBarWasVisible = m_window->menuBar()->isVisible();
        m_statusBarWasVisible = m_window->statusBar()->isVisible();
        // Docks and tool bars that a lesson or the user shows while presenting are hidden again (eventFilter).
        for (QDockWidget* dock : m_window->findChildren<QDockWidget*>(Qt::FindDirectChildrenOnly)) {
            dock->installEventFilter(this);
            dock->hide();
        }
        for (QToolBar* bar : m_window->findChildren<QToolBar*>(Qt::FindDirectChildrenOnly))
            bar->hide();
        m_window->menuBar()->hide();
        m_window->statusBar()->hide();
        m_tabs->tabBar()->hide();
    } else {
        for (QDockWidget* dock : m_window->findChildren<QDockWidget*>(Qt::FindDirectChildrenOnly))
            dock->removeEventFilter(this);
        m_tabs->tabBar()->show();
        m_window->restoreState(m_savedState);
        m_window->menuBar()->setVisible(m_menuBarWasVisible);
        m_window->statusBar()->setVisible(m_statusBarWasVisible);
    }
    updatePanels();
    // The keys go to the figure: the arrows step the step view, and no text field swallows them.
    if (active && m_tabs->currentWidget())
        m_tabs->currentWidget()->setFocus();
}

QByteArray PresentationMode::windowState() const
{
    return m_active ? m_savedState : m_window->saveState();
}

void PresentationMode::setStatus(const QString& text)
{
    m_status->setText(text);
}

void PresentationMode::setCaption(const QString& html)
{
    m_captionHtml = html;
    updateCaption();
}

void PresentationMode::setCaptionShown(bool shown)
{
    m_captionShown = shown;
    updateCaption();
}

void PresentationMode::setLessonPanels(const std::optional<QStringList>& panels)
{
    if (panels == m_lessonPanels)
        return;
    m_lessonPanels = panels;
    updatePanels();
}

void PresentationMode::setNotes(const QString& html)
{
    m_notesHtml = html;
    updatePanels();
}

void PresentationMode::setNotesShown(bool shown)
{
    m_notesShown = shown;
    updatePanels();
}

bool PresentationMode::panelShown(const QString& name) const
{
    if (m_lessonPanels)
        return m_lessonPanels->contains(name);
    return name == QLatin1String("bar") || (name == QLatin1String("caption") && m_captionShown);
}

void PresentationMode::updatePanels()
{
    m_bar->setVisible(m_active && panelShown(QStringLiteral("bar")));
    m_notes->setText(m_notesHtml);
    m_notes->setVisible(m_active && m_notesShown && !m_notesHtml.isEmpty());
    if (m_active)
        if (auto* input = m_window->findChild<QDockWidget*>(QStringLiteral("inputDock"), Qt::FindDirectChildrenOnly))
            input->setVisible(panelShown(QStringLiteral("input")));
    updateCaption();
}

void PresentationMode::updateCaption()
{
    const bool visible = m_active && panelShown(QStringLiteral("caption")) && !m_captionHtml.isEmpty();
    m_caption->setVisible(visible);
    if (!visible)
        return;
    // The largest font, up to kCaptionFontFactor of the application's, at which the paragraph takes at most
    // kCaptionMaxLines lines, so that the figure keeps its room; below kCaptionMinFactor the caption takes
    // the lines it needs rather than cut the text.
    const int width = std::max(100, m_window->width() - 2 * m_caption->margin() - 12);
    QFont font = QApplication::font(); // the window's follows it only later
    const double base = font.pointSizeF();
    for (double factor = kCaptionFontFactor; factor >= kCaptionMinFactor - 1e-9; factor -= 0.05) {
        font.setPointSizeF(base * factor);
        QTextDocument document;
        document.setDefaultFont(font);
        document.setHtml(m_captionHtml);
        document.setTextWidth(width);
        if (document.size().height() <= kCaptionMaxLines * QFontMetricsF(font).lineSpacing() + 2 * document.documentMargin())
            break;
    }
    m_caption->setFont(font);
    m_caption->setText(m_captionHtml);
}

bool PresentationMode::eventFilter(QObject* watched, QEvent* event)
{
    // A dock shown while presenting is hidden again, unless the lesson's step shows it (the input panel).
    if (m_active && event->type() == QEvent::Show)
        if (auto* dock = qobject_cast<QDockWidget*>(watched);
            dock && !(dock->objectName() == QLatin1String("inputDock") && panelShown(QStringLiteral("input"))))
            QMetaObject::invokeMethod(dock, &QWidget::hide, Qt::QueuedConnection);
    if (watched == m_window) {
        if (event->type() == QEvent::Resize && m_active)
            updateCaption();
        else if (event->type() == QEvent::LanguageChange)
            retranslate();
    }
    return QObject::eventFilter(watched, event);
}

} // namespace attnlab::app

#include "moc_presentation_mode.cpp"
