#include "lesson_extra_exam.h"

#include "exact_format.h"
#include "lesson_text.h"
#include "matrix_problem.h"

#include <QCheckBox>
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
    const model::Matrix& weights = trace->layers[0].heads[0].weights;
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
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    layout->addWidget(m_table);

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
        m_table->setColumnCount(int(headers.size()));
        m_table->setHorizontalHeaderLabels(headers);
    }
    connect(m_toggle, &QCheckBox::toggled, this, [this](bool exact) {
        showRows(exact);
        emit exactExpToggled(exact);
    });
    showRows(false);
}

QStringList ExamSoftmaxExtra::rowTexts(bool exact) const
{
    return exact ? m_exact : m_approximate;
}

void ExamSoftmaxExtra::showRows(bool exact)
{
    // Both rows side by side once the exact exp is on: the point is the comparison.
    const std::vector<std::pair<QString, QStringList>> rows =
        exact ? std::vector<std::pair<QString, QStringList>>{{tr("exp(1/2) ≈ 3/2"), m_approximate}, {tr("exact exp"), m_exact}}
              : std::vector<std::pair<QString, QStringList>>{{tr("exp(1/2) ≈ 3/2"), m_approximate}};
    m_table->setRowCount(int(rows.size()));
    QStringList labels;
    for (int r = 0; r < int(rows.size()); ++r) {
        labels << isolateLeftToRight(rows[size_t(r)].first);
        for (int c = 0; c < rows[size_t(r)].second.size(); ++c)
            m_table->setItem(r, c, new QTableWidgetItem(rows[size_t(r)].second[c]));
    }
    m_table->setVerticalHeaderLabels(labels);
    m_table->setFixedHeight(m_table->horizontalHeader()->sizeHint().height() +
                            int(rows.size()) * m_table->verticalHeader()->defaultSectionSize() + 6);
}

} // namespace attnlab::app
