#pragma once

// File ▸ Download Model…: pick a known teaching model (or type a Hub repository ORG/NAME), watch each
// file's progress, cancel (the partial file is kept: Download again resumes it). A failure is shown in the
// dialog, which stays open; success emits downloaded(snapshotPath) and closes it.

#include "app/download/model_download.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace attnlab::app {

class DownloadDialog : public QDialog {
    Q_OBJECT
public:
    // options: where to save and which endpoint (tests point it at a local server); defaults are the HF cache
    // and the Hub.
    explicit DownloadDialog(const DownloadOptions& options = {}, QWidget* parent = nullptr);

    QComboBox* modelChoice() const { return m_choice; }
    QPushButton* downloadButton() const { return m_download; }
    QLabel* statusLabel() const { return m_status; }
    ModelDownload* download() const { return m_downloader; }

    // Starts downloading the chosen model.
    void startDownload();

signals:
    void downloaded(const QString& snapshotPath);

public slots:
    void reject() override; // Cancel or Escape: stops a running download first

private:
    void showProgress(const QString& file, int index, int count, qint64 done, qint64 total);
    void showFailure(const QString& message);
    void setRunning(bool running);

    DownloadOptions m_options;
    ModelDownload* m_downloader = nullptr;
    QComboBox* m_choice = nullptr;
    QProgressBar* m_bar = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_download = nullptr;
    QPushButton* m_cancel = nullptr;
};

} // namespace attnlab::app
