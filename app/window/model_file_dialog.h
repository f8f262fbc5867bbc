#pragma once

// File ▸ Open Model…'s dialog. A Hugging Face model is a folder, and a file dialog picks files: this one also
// accepts a model folder itself (selected, or typed, then Open) instead of stepping into it, and a file of
// one (config.json, model.safetensors) stands for its folder. A llama2.c .bin is the model itself.

#include <QFileDialog>

namespace attnlab::app {

class ModelFileDialog : public QFileDialog {
    Q_OBJECT
public:
    ModelFileDialog(QWidget* parent, const QString& folder);

    // The model to open once accepted: a folder, or a .bin.
    QString chosenModel() const { return m_chosen; }

    // A selected path -> the model it stands for: a model folder as it is, a file inside one -> the folder,
    // a .bin as it is; empty for anything else.
    static QString modelFor(const QString& selected);

public slots:
    void accept() override;

private:
    QString m_chosen;
};

} // namespace attnlab::app
