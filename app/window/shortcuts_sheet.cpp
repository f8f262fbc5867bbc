#include "app/window/shortcuts_sheet.h"

#include "model/core/atomic_file.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPageLayout>
#include <QPageSize>
#include <QPrintDialog>
#include <QPrinter>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTextDocument>
#include <QVBoxLayout>

namespace attnlab::app {

namespace {

QString plainTitle(QString title)
{
    // "&File" -> "File", "Fish && Chips" -> "Fish & Chips"; "(&C)" of Japanese menus goes with its letter.
    static const QRegularExpression japaneseAccelerator(QStringLiteral("\\(&.\\)"));
    title.remove(japaneseAccelerator);
    title.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
    title.remove(QLatin1Char('&'));
    title.replace(QStringLiteral("\x01"), QStringLiteral("&"));
    return title.toHtmlEscaped();
}

QString row(const QString& what, const QString& keys)
{
    return QStringLiteral("<tr><td style=\"padding-right:24px\">%1</td><td><b>%2</b></td></tr>").arg(what, keys);
}

// A menu's actions with keys, its submenus' too.
void addMenuRows(const QMenu& menu, QString& rows)
{
    for (const QAction* action : menu.actions()) {
        if (action->menu())
            addMenuRows(*action->menu(), rows);
        else if (!action->shortcuts().isEmpty()) {
            QStringList keys;
            for (const QKeySequence& key : action->shortcuts())
                keys << key.toString(QKeySequence::NativeText).toHtmlEscaped();
            rows += row(plainTitle(action->text()), keys.join(QStringLiteral(", ")));
        }
    }
}

} // namespace

QString shortcutsHtml(const QMenuBar& menus)
{
    QString html = QStringLiteral("<html><body><h2>%1</h2>").arg(ShortcutsDialog::tr("AttnLab keyboard shortcuts"));
    for (const QAction* top : menus.actions()) {
        if (!top->menu())
            continue;
        QString rows;
        addMenuRows(*top->menu(), rows);
        if (!rows.isEmpty())
            html += QStringLiteral("<h3>%1</h3><table>%2</table>").arg(plainTitle(top->text()), rows);
    }
    // Keys that no menu holds: they belong to a view or a field and work where the focus is.
    const auto tr = [](const char* text) { return ShortcutsDialog::tr(text).toHtmlEscaped(); };
    html += QStringLiteral("<h3>%1</h3><table>").arg(tr("In the views and fields"));
    html += row(tr("Step by step: previous / next step"), QStringLiteral("← / →"));
    html += row(tr("Step by step: first / last step"), tr("Home / End"));
    html += row(tr("Step by step: previous / next query row"), QStringLiteral("↑ / ↓"));
    html += row(tr("Heatmap: choose the query"), tr("click a row label"));
    html += row(tr("Heatmap: mask or unmask a cell"), tr("click a cell"));
    html += row(tr("Sentence field: a new line (a newline token, shown as ↵)"), tr("Return"));
    html += row(tr("Sentence field: leave the field"), tr("Tab"));
    html += row(tr("Presentation mode: leave"), tr("Esc"));
    html += QStringLiteral("</table></body></html>");
    return html;
}

model::Result<void> writeShortcutsPdf(const QString& html, const QString& path)
{
    // Drawn into a scratch file first, then written whole or not at all: a failed write leaves the previous
    // file as it was.
    QTemporaryDir scratch;
    if (!scratch.isValid())
        return model::Result<void>::failure(ShortcutsDialog::tr("No scratch folder for the PDF: %1").arg(scratch.errorString()));
    const QString draft = scratch.filePath(QStringLiteral("shortcuts.pdf"));
    {
        QPrinter printer(QPrinter::HighResolution);
        printer.setOutputFormat(QPrinter::PdfFormat);
        printer.setOutputFileName(draft);
        printer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(15, 15, 15, 15),
                                          QPageLayout::Millimeter));
        QTextDocument document;
        document.setHtml(html);
        document.print(&printer);
    }
    QFile file(draft);
    if (!file.open(QIODevice::ReadOnly))
        return model::Result<void>::failure(ShortcutsDialog::tr("The PDF could not be drawn: %1").arg(file.errorString()));
    return model::writeFileAtomically(path, file.readAll());
}

ShortcutsDialog::ShortcutsDialog(const QMenuBar& menus, QWidget* parent) : QDialog(parent), m_html(shortcutsHtml(menus))
{
    setWindowTitle(tr("Keyboard Shortcuts"));
    setObjectName(QStringLiteral("shortcutsDialog"));
    auto* layout = new QVBoxLayout(this);
    m_sheet = new QTextBrowser(this);
    m_sheet->setHtml(m_html);
    layout->addWidget(m_sheet);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons->addButton(tr("Print…"), QDialogButtonBox::ActionRole), &QPushButton::clicked, this,
            &ShortcutsDialog::print);
    connect(buttons->addButton(tr("Save as PDF…"), QDialogButtonBox::ActionRole), &QPushButton::clicked, this,
            &ShortcutsDialog::saveAsPdf);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(560, 640);
}

void ShortcutsDialog::print()
{
    QPrinter printer(QPrinter::HighResolution);
    QPrintDialog dialog(&printer, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QTextDocument document;
    document.setHtml(m_html);
    document.print(&printer);
}

void ShortcutsDialog::saveAsPdf()
{
    QSettings settings;
    const QString folder = settings.value(QStringLiteral("export/lastDir")).toString();
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Shortcuts as PDF"),
                                                      folder + QStringLiteral("/attnlab-shortcuts.pdf"), tr("PDF (*.pdf)"));
    if (path.isEmpty())
        return;
    if (const auto written = writeShortcutsPdf(m_html, path); !written)
        QMessageBox::warning(this, tr("Cannot save the shortcuts"), written.error());
}

} // namespace attnlab::app

#include "moc_shortcuts_sheet.cpp"
