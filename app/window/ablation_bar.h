#pragma once

// The strip above the token strip while parts of the model are switched off: what is off, in words ("Switched
// off: heads 1.3, 2.1 and the MLP of layer 1"), how (zero or the mean over the input's positions), and a button
// that switches everything back on. Hidden while nothing is off. It shows WorkspaceState::compute.ablation and
// asks for changes; MainWindow makes them (one undo step each).

#include "model/attention/ablation.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;

namespace attnlab::app {

// The ablation as the user reads it, translated: "heads 1.3, 2.1 and the MLP of layer 1" (1-based; numbers kept
// left to right in a right-to-left language), without the mode; "" when nothing is off.
QString ablationText(const model::Ablation& ablation);

class AblationBar : public QWidget {
    Q_OBJECT
public:
    explicit AblationBar(QWidget* parent = nullptr);

    // Shows ablation (hidden when it is empty). Does not emit.
    void setAblation(const model::Ablation& ablation);
    QLabel* label() const { return m_label; }
    QComboBox* modeBox() const { return m_mode; }
    QPushButton* clearButton() const { return m_clear; }

signals:
    void modeChosen(model::AblationMode mode);
    void clearRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    model::Ablation m_ablation;
    QLabel* m_label = nullptr;
    QComboBox* m_mode = nullptr;
    QPushButton* m_clear = nullptr;
};

} // namespace attnlab::app
