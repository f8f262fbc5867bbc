#include "app/window/model_file_dialog.h"

#include "app/download/model_catalog.h"

#include <QDir>
#include <QFileInfo>
#include <QMessageBox>

namespace attnlab::app {

ModelFileDialog::ModelFileDialog(QWidget* parent, const QString& folder) : QFileDialog(parent, tr("Open Model"), folder)
{
    setObjectName(QStringLiteral("modelFileDialog"));
    setFileMode(QFileDialog::ExistingFile);
    // The widget dialog: a platform dialog would never call accept() below with a folder selected.
    setOption(QFileDialog::DontUseNativeDialog);
    setNameFilters({tr("Models (config.json model.safetensors model.safetensors.index.json *.bin)"), tr("All files (*)")});
    setLabelText(QFileDialog::FileName, tr("Model folder or file:"));
}

QString ModelFileDialog::modelFor(const QString& selected)
{
    const QFileInfo info(QDir::cleanPath(selected));
    if (info.isDir())
        return isModelPath(info.absoluteFilePath()) ? info.absoluteFilePath() : QString();
    if (!info.isFile())
        return {};
    if (info.suffix().compare(QLatin1String("bin"), Qt::CaseInsensitive) == 0)
        return isModelPath(info.absoluteFilePath()) ? info.absoluteFilePath() : QString();
    return isModelPath(info.absolutePath()) ? info.absolutePath() : QString();
}

void ModelFileDialog::accept()
{
    const QStringList selected = selectedFiles();
    if (selected.size() == 1) {
        if (const QString model = modelFor(selected.front()); !model.isEmpty()) {
            m_chosen = model;
            QDialog::accept();
            return;
        }
        // A file that is no model: say why here, with the dialog still open to choose again.
        if (QFileInfo(selected.front()).isFile()) {
            QMessageBox::warning(this, tr("Not a model"),
                                 tr("%1 is not a model AttnLab can open: choose a folder with config.json and "
                                    "model.safetensors (or a file in it), or a llama2.c .bin.")
                                     .arg(QDir::toNativeSeparators(selected.front())));
            return;
        }
    }
    QFileDialog::accept(); // a folder that is no model: the dialog steps into it
}

} // namespace attnlab::app

#include "moc_model_file_dialog.cpp"
