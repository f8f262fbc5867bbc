#pragma once

// "Loading gpt2… [▮▮▮   ] [Cancel]": what the status bar shows while something runs that cannot say how far
// it is (a model loading, a forward pass): an optional text, an indeterminate bar, and one button that asks
// to stop. The window decides what stopping means.

#include <QWidget>

class QLabel;
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

signals:
    void stopRequested();

private:
    QLabel* m_label = nullptr;
};

} // namespace attnlab::widgets
