#pragma once

// The main window: wires the input panel, the views and the computation together. It owns no arithmetic:
// traces are computed on a worker thread and handed to the views.

#include "trace.h"

#include <QFutureWatcher>
#include <QMainWindow>

class QLineEdit;
class QLabel;
class QPlainTextEdit;

namespace attnlab::app {

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

private:
    void recompute();
    void showResult();

    QLineEdit* m_sentence = nullptr;
    QLabel* m_tokens = nullptr;
    QPlainTextEdit* m_weights = nullptr;
    QFutureWatcher<model::Result<model::Trace>> m_watcher;
    int m_generation = 0;
    int m_shownGeneration = 0;
};

} // namespace attnlab::app
