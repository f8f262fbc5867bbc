#include "widgets/controls/matrix_editor.h"

#include "model/exact/exact_format.h"
#include "model/exact/matrix_parser.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace attnlab::widgets {

namespace {
constexpr int kMaxSide = 64; // typed matrices; larger inputs come from files
}

MatrixEditor::MatrixEditor(const QString& name, QWidget* parent) : QWidget(parent), m_name(name)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* header = new QHBoxLayout;
    auto* title = new QLabel(QStringLiteral("<b>%1</b>").arg(name.toHtmlEscaped()), this);
    m_rows = new QSpinBox(this);
    m_cols = new QSpinBox(this);
    for (QSpinBox* spin : {m_rows, m_cols}) {
        spin->setRange(1, kMaxSide);
        spin->setValue(2);
    }
    m_rows->setToolTip(tr("Rows of %1 (tokens)").arg(name));
    m_cols->setToolTip(tr("Columns of %1 (features)").arg(name));
    header->addWidget(title);
    header->addStretch(1);
    header->addWidget(m_rows);
    header->addWidget(new QLabel(QStringLiteral("×"), this));
    header->addWidget(m_cols);
    layout->addLayout(header);

    m_table = new QTableWidget(2, 2, this);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setToolTip(tr("Type numbers or expressions (3/2, -1/√2, sqrt(2), exp(1/2)); paste a whole matrix "
                           "as CSV, LaTeX or a NumPy list with Ctrl+V"));
    m_table->installEventFilter(this);
    layout->addWidget(m_table, 1);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_status->hide();
    layout->addWidget(m_status);

    connect(m_table, &QTableWidget::cellChanged, this, [this] {
        if (!m_updating)
            emit edited();
    });
    connect(m_rows, &QSpinBox::valueChanged, this, [this](int r) { resize(r, m_cols->value()); });
    connect(m_cols, &QSpinBox::valueChanged, this, [this](int c) { resize(m_rows->value(), c); });
}

int MatrixEditor::rows() const
{
    return m_table->rowCount();
}

int MatrixEditor::cols() const
{
    return m_table->columnCount();
}

std::vector<QStringList> MatrixEditor::cellTexts() const
{
    std::vector<QStringList> cells;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        QStringList row;
        for (int c = 0; c < m_table->columnCount(); ++c) {
            const QTableWidgetItem* item = m_table->item(r, c);
            row << (item ? item->text().trimmed() : QString());
        }
        cells.push_back(row);
    }
    return cells;
}

void MatrixEditor::setCellTexts(const std::vector<QStringList>& cells)
{
    m_updating = true;
    const int rows = std::clamp(int(cells.size()), 1, kMaxSide);
    const int cols = std::clamp(cells.empty() ? 1 : int(cells.front().size()), 1, kMaxSide);
    m_rows->setValue(rows);
    m_cols->setValue(cols);
    m_table->setRowCount(rows);
    m_table->setColumnCount(cols);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            m_table->setItem(r, c, new QTableWidgetItem(size_t(r) < cells.size() ? cells[size_t(r)].value(c) : QString()));
    m_updating = false;
    clearErrors();
}

void MatrixEditor::setValues(const model::Matrix& values)
{
    std::vector<QStringList> cells;
    for (Eigen::Index r = 0; r < values.rows(); ++r) {
        QStringList row;
        for (Eigen::Index c = 0; c < values.cols(); ++c)
            row << model::formatExact(values(r, c));
        cells.push_back(row);
    }
    setCellTexts(cells);
}

void MatrixEditor::setCellError(int row, int col, const QString& message)
{
    if (QTableWidgetItem* item = m_table->item(row, col)) {
        m_updating = true;
        item->setBackground(QColor(0xf5, 0xb7, 0xb1));
        item->setForeground(QColor(0x20, 0x20, 0x20));
        item->setToolTip(message);
        m_updating = false;
    }
    m_status->setText(message);
    m_status->show();
}

void MatrixEditor::clearErrors()
{
    m_updating = true;
    for (int r = 0; r < m_table->rowCount(); ++r)
        for (int c = 0; c < m_table->columnCount(); ++c)
            if (QTableWidgetItem* item = m_table->item(r, c)) {
                item->setData(Qt::BackgroundRole, QVariant());
                item->setData(Qt::ForegroundRole, QVariant());
                item->setToolTip(QString());
            }
    m_updating = false;
    m_status->hide();
}

bool MatrixEditor::pasteText(const QString& text, QString* error)
{
    const auto parsed = model::parseMatrix(text);
    if (!parsed) {
        if (error)
            *error = parsed.error();
        m_status->setText(tr("Cannot paste: %1").arg(parsed.error()));
        m_status->show();
        return false;
    }
    if (parsed->values.rows() > kMaxSide || parsed->values.cols() > kMaxSide) {
        const QString message = tr("Cannot paste a %1 × %2 matrix: the editor holds at most %3 × %3")
                                    .arg(parsed->values.rows()).arg(parsed->values.cols()).arg(kMaxSide);
        if (error)
            *error = message;
        m_status->setText(message);
        m_status->show();
        return false;
    }
    setCellTexts(parsed->cellTexts);
    emit edited();
    return true;
}

bool MatrixEditor::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (key->matches(QKeySequence::Paste)) {
            const QString text = QApplication::clipboard()->text();
            // A single value pastes into the current cell as usual; anything with rows or columns replaces
            // the matrix.
            if (text.contains(QLatin1Char('\n')) || text.contains(QLatin1Char(',')) || text.contains(QLatin1Char(';')) ||
                text.contains(QLatin1Char('&')) || text.contains(QLatin1Char('['))) {
                pasteText(text);
                return true;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

void MatrixEditor::resize(int rows, int cols)
{
    if (m_updating || (rows == m_table->rowCount() && cols == m_table->columnCount()))
        return;
    m_updating = true;
    m_table->setRowCount(rows);
    m_table->setColumnCount(cols);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            if (!m_table->item(r, c))
                m_table->setItem(r, c, new QTableWidgetItem(QStringLiteral("0")));
    m_updating = false;
    emit edited();
}

} // namespace attnlab::widgets

#include "moc_matrix_editor.cpp"
