#pragma once

// "Loading gpt2… [▮▮▮   ] [Cancel]": what the status bar shows while something runs (a model loading, a forward
// pass): an optional text, a bar (indeterminate until told how far it is), and one button that asks to stop.
// The window decides what stopping means.

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace attnlab::widgets {

class BusyIndicator : public QWidget {
    Q_OBJECT
public:
    // buttonName: the button's objectName, for tests and accessibility.
    BusyIndicator(const QString& buttonText, const QString& buttonToolTip, const QString& buttonName,
                  QWidget* parent = nullptr);

    // The text before the bar; none when empty.
    void setText(const QString& text);
    QString text() const;
    // done of total steps on the bar; total 0: indeterminate (the default).
    void setProgress(int done, int total);
    int progressValue() const;
    int progressMaximum() const;

signals:
    void stopRequested();

private:
    QLabel* m_label = nullptr;
    QProgressBar* m_bar = nullptr;
};

} // namespace attnlab::widgets
