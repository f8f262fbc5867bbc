#pragma once

// Help ▸ Keyboard Shortcuts: every key of the window on one sheet, to read on screen, print, or save as PDF
// for a lectern. The menus' part is read from the menu bar itself (so the sheet cannot fall behind a new
// action or a changed key); the keys that belong to a view or a field, which no menu holds, are listed here.

#include "model/core/result.h"

#include <QDialog>

class QMenuBar;
class QTextBrowser;

namespace attnlab::app {

// The sheet as HTML: one table per menu (action, key), then the views' and fields' own keys. Accelerator
// ampersands are removed; keys in the platform's native text ("Ctrl+Shift+S").
QString shortcutsHtml(const QMenuBar& menus);

// The sheet written as a PDF (A4, text as text), whole or not at all; the error names the file and why.
model::Result<void> writeShortcutsPdf(const QString& html, const QString& path);

class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    ShortcutsDialog(const QMenuBar& menus, QWidget* parent = nullptr);
    QTextBrowser* sheet() const { return m_sheet; }

private:
    void print();
    void saveAsPdf();

    QString m_html;
    QTextBrowser* m_sheet = nullptr;
};

} // namespace attnlab::app
