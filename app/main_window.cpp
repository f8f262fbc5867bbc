#include "main_window.h"

#include "exact_format.h"
#include "trace_request.h"

#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QStatusBar>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace attnlab::app {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle(QStringLiteral("AttnLab"));
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    m_sentence = new QLineEdit(QStringLiteral("The animal didn't cross the street because it was too tired."), central);
    m_tokens = new QLabel(central);
    m_weights = new QPlainTextEdit(central);
    m_weights->setReadOnly(true);
    m_weights->setFont(QFont(QStringLiteral("monospace")));
    layout->addWidget(m_sentence);
    layout->addWidget(m_tokens);
    layout->addWidget(m_weights, 1);
    setCentralWidget(central);
    resize(1000, 700);

    connect(m_sentence, &QLineEdit::textChanged, this, &MainWindow::recompute);
    connect(&m_watcher, &QFutureWatcher<model::Result<model::Trace>>::finished, this, &MainWindow::showResult);
    recompute();
}

void MainWindow::recompute()
{
    TraceRequest request;
    request.text = m_sentence->text();
    const int generation = ++m_generation;
    m_watcher.setFuture(QtConcurrent::run([request, generation]() {
        Q_UNUSED(generation);
        return computeTrace(request);
    }));
}

void MainWindow::showResult()
{
    const auto result = m_watcher.result();
    if (!result) {
        statusBar()->showMessage(result.error());
        return;
    }
    const model::Trace& trace = *result;
    m_tokens->setText(trace.tokens.join(QStringLiteral("  |  ")));
    QString text;
    const model::Matrix& w = trace.layers.front().heads.front().weights;
    for (Eigen::Index r = 0; r < w.rows(); ++r) {
        QStringList cells;
        for (Eigen::Index c = 0; c < w.cols(); ++c)
            cells << model::formatDecimal(w(r, c), 3).leftJustified(6);
        text += trace.tokens.value(int(r)).leftJustified(10) + cells.join(QLatin1Char(' ')) + QLatin1Char('\n');
    }
    m_weights->setPlainText(text);
    statusBar()->showMessage(trace.warnings.join(QLatin1Char(' ')));
}

} // namespace attnlab::app
