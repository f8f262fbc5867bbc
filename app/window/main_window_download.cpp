// File ▸ Download Model…: the dialog fetches into the Hugging Face cache; the result joins the model list
// and is opened.

#include "app/window/main_window.h"

#include "app/download/download_dialog.h"

namespace attnlab::app {

void MainWindow::downloadModel()
{
    auto* dialog = new DownloadDialog({}, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DownloadDialog::downloaded, this, [this](const QString& snapshotPath) {
        refreshModelChoices();
        openModel(snapshotPath);
    });
    dialog->open();
}

} // namespace attnlab::app
