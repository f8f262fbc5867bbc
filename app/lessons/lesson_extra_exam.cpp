#include "app/lessons/lesson_extra_exam.h"

#include "model/exact/exact_format.h"
#include "app/lessons/lesson_text.h"
#include "model/exact/matrix_problem.h"

#include <QCheckBox>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace attnlab::app {

namespace {

// The problem's row `row` -> weights then output, as texts: exact forms where they exist (9/26), else
// decimals with 5 significant digits (the exact exp gives no fraction).
QStringList rowOf(const model::MatrixProblem& problem, int row)
{
    const auto trace = model::runMatrixProblem(problem);
    if (!trace || trace->layers.empty() || trace->layers[0].heads.empty())
        return {};
    const model::TraceMatrix& weights = trace->layers[0].heads[0].weights;
    if (row < 0 || row >= weights.rows())
        return {};
    QStringList texts;
    for (Eigen::Index c = 0; c < weights.cols(); ++c)
        texts << model::formatExact(weights(row, c), 5);
    for (Eigen::Index c = 0; c < trace->output.cols(); ++c)
        texts << model::formatExact(trace->output(row, c), 5);
    return texts;
}

} // namespace

ExamSoftmaxExtra::ExamSoftmaxExtra(const model::Lesson& lesson, QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("examSoftmaxExtra"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_toggle = new QCheckBox(isolateLeftToRight(tr("&Exact exp(x) instead of exp(1/2) ≈ 3/2")), this);
    m_toggle->setToolTip(tr("Recompute without the answer key's approximation and compare the two rows"));
    layout->addWidget(m_toggle);
    m_table = new QTableWidget(this);
    m_table->setObjectName(QStringLiteral("examComparison"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    layout->addWidget(m_table, 0, Qt::AlignLeft);
    layout->addStretch(1); // the toggle and its table stay together under the text

    if (lesson.problem) {
        const int row = std::max(0, lesson.query.isEmpty() ? 0 : lesson.query.toInt() - 1);
        model::MatrixProblem exact = *lesson.problem;
        exact.options.expOverrides.clear();
        m_approximate = rowOf(*lesson.problem, row);
        m_exact = rowOf(exact, row);
        const int keys = int(m_approximate.size()) - int(lesson.problem->v ? lesson.problem->v->cols() : 0);
        QStringList headers;
        for (int k = 0; k < keys; ++k)
            headers << tr("a%1,%2").arg(row + 1).arg(k + 1);
        for (int c = keys; c < m_approximate.size(); ++c)
            headers << tr("y%1[%2]").arg(row + 1).arg(c - keys + 1);
        m_table->setRowCount(int(headers.size()));
        m_table->setVerticalHeaderLabels(headers);
    }
    connect(m_toggle, &QCheckBox::toggled, this, [this](bool exact) {
        showColumns(exact);
        emit exactExpToggled(exact);
    });
    showColumns(false);
}

QStringList ExamSoftmaxExtra::rowTexts(bool exact) const
{
    return exact ? m_exact : m_approximate;
}

void ExamSoftmaxExtra::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    // Presentation mode changes the application font; the table's children have theirs by now.
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        fitTable();
}

void ExamSoftmaxExtra::showColumns(bool exact)
{
    // Both columns side by side once the exact exp is on: the point is the comparison.
    const std::vector<std::pair<QString, QStringList>> columns =
        exact ? std::vector<std::pair<QString, QStringList>>{{tr("exp(1/2) ≈ 3/2"), m_approximate}, {tr("exact exp"), m_exact}}
              : std::vector<std::pair<QString, QStringList>>{{tr("exp(1/2) ≈ 3/2"), m_approximate}};
    m_table->setColumnCount(int(columns.size()));
    QStringList labels;
    for (int c = 0; c < int(columns.size()); ++c) {
        labels << isolateLeftToRight(columns[size_t(c)].first);
        const QStringList& texts = columns[size_t(c)].second;
        for (int r = 0; r < texts.size() && r < m_table->rowCount(); ++r) {
            auto* item = new QTableWidgetItem(texts[r]);
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter); // digits under digits
            m_table->setItem(r, c, item);
        }
    }
    m_table->setHorizontalHeaderLabels(labels);
    fitTable();
}

void ExamSoftmaxExtra::fitTable()
{
    if (!m_table)
        return;
    m_table->resizeColumnsToContents();
    m_table->resizeRowsToContents();
    const int frame = 2 * m_table->frameWidth();
    const QHeaderView* columns = m_table->horizontalHeader();
    const QHeaderView* rows = m_table->verticalHeader();
    m_table->setFixedSize(frame + rows->sizeHint().width() + columns->length(),
                          frame + columns->sizeHint().height() + rows->length());
}

} // namespace attnlab::app

#include "moc_lesson_extra_exam.cpp"
