#pragma once

// Presentation mode gives the figure the window. Entering hides what surrounds the views (the docks, the tool
// bar, the menu bar, the status bar, the view tabs) and shows two slim strips instead: a bar on top that says
// what is shown and how to leave (Esc, or its button), and the open lesson's current paragraph as a caption
// under the figure (Ctrl+T shows and hides it). Leaving puts the window back as it was (QMainWindow's saved
// state). The fonts and lines of the views grow through ViewStyle::presentation, which MainWindow sets.
//
// The keyboard keeps working without the menu bar: the menus' actions are the window's too (a hidden menu bar
// takes its actions' shortcuts with it), so views (Ctrl+1…9), heads, layers, queries, the step view's steps and
// the lesson's paragraphs (Page Up / Page Down, what a presenter's clicker sends) answer as before.

#include <QByteArray>
#include <QObject>
#include <QStringList>

#include <optional>

class QLabel;
class QMainWindow;
class QPushButton;
class QTabWidget;
class QVBoxLayout;
class QWidget;

namespace attnlab::app {

class PresentationMode : public QObject {
    Q_OBJECT
public:
    // layout is the central widget's column holding tabs (the views); the bar goes above everything in it and
    // the caption under the tabs.
    PresentationMode(QMainWindow* window, QVBoxLayout* layout, QTabWidget* tabs);

    bool isActive() const { return m_active; }
    void setActive(bool active);

    // The top bar's account of what is on screen ("Heatmap · layer 2 · head 3").
    void setStatus(const QString& text);
    // The caption: rich text, or empty for none (no lesson open).
    void setCaption(const QString& html);
    bool captionShown() const { return m_captionShown; }
    void setCaptionShown(bool shown);

    // A lesson step's panels (model/teaching/lesson.h LessonPresentation::panels): which of "bar", "caption" and
    // "input" (the input dock) show while presenting. nullopt: the window's own, the bar and the caption as Ctrl+T
    // left it, no dock.
    void setLessonPanels(const std::optional<QStringList>& panels);

    // The current step's presenter notes as rich text ("" for none), in a strip over the figure that shows only
    // while presenting and only once toggled (a lecturer with one screen reads them; the room does not by default).
    void setNotes(const QString& html);
    bool notesShown() const { return m_notesShown; }
    void setNotesShown(bool shown);
    QLabel* notes() const { return m_notes; }

    // QMainWindow::saveState() of the window as it is outside presentation mode (what settings keep: a window
    // closed while presenting comes back with its panels).
    QByteArray windowState() const;

    QWidget* bar() const { return m_bar; }
    QLabel* caption() const { return m_caption; }

signals:
    // Esc or the bar's button: MainWindow unchecks View ▸ Presentation Mode, which calls setActive(false).
    void leaveRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void updateCaption();
    void updatePanels();
    void retranslate();
    bool panelShown(const QString& name) const;

    QMainWindow* m_window;
    QTabWidget* m_tabs;
    QWidget* m_bar = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_keys = nullptr;
    QPushButton* m_leave = nullptr;
    QLabel* m_caption = nullptr;
    QString m_captionHtml;
    bool m_captionShown = true;
    std::optional<QStringList> m_lessonPanels;
    QLabel* m_notes = nullptr;
    QString m_notesHtml;
    bool m_notesShown = false;
    bool m_active = false;
    QByteArray m_savedState; // QMainWindow::saveState() at entering: docks and tool bars as they were
    bool m_menuBarWasVisible = true;
    bool m_statusBarWasVisible = true;
};

} // namespace attnlab::app
