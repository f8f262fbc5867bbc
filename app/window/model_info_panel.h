#pragma once

// The model-info panel: what the loaded checkpoint is (architecture, sizes, parameter count, memory, where it
// and its tokenizer come from), so that a lecturer can say "GPT-2 small: 12 layers of 12 heads, 124 M
// weights" with the numbers in front of them.

#include "model/pipeline/loaded_model.h"

#include <QWidget>

class QFormLayout;
class QLabel;

namespace attnlab::app {

class ModelInfoPanel : public QWidget {
    Q_OBJECT
public:
    explicit ModelInfoPanel(QWidget* parent = nullptr);

    // A checkpoint (nullptr model: the toy model, described by its size).
    void showCheckpoint(const model::LoadedModel& loaded);
    void showToy(int layers, int heads, int width);
    void showMatrices(int heads); // matrix mode: no model, one attention layer of typed values

    // The text of the row called label ("Parameters"), for tests.
    QString value(const QString& label) const;

private:
    struct Row {
        QString label;
        QString text;
        Qt::TextElideMode elide = Qt::ElideRight; // ElideMiddle for paths, whose last part names the model
    };
    void setRows(const QList<Row>& rows);

    QFormLayout* m_form = nullptr;
};

// 124439808 -> "124.4 M"; 1234 -> "1,234" (exact below a million).
QString countText(qint64 count);
// 497759232 -> "474.7 MiB".
QString bytesText(qint64 bytes);

} // namespace attnlab::app
