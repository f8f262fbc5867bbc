#include "app/download/download_dialog.h"

#include "app/download/download_source.h"
#include "app/download/model_catalog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace attnlab::app {

namespace {

// The bar counts thousandths: QProgressBar holds an int, a checkpoint's size does not fit one.
constexpr int kBarSteps = 1000;

QString localizedSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace

DownloadDialog::DownloadDialog(const DownloadOptions& options, QWidget* parent)
    : QDialog(parent), m_options(options), m_downloader(new ModelDownload(this))
{
    setWindowTitle(tr("Download Model"));
    m_choice = new QComboBox;
    m_choice->setEditable(true);
    m_choice->addItems(knownDownloadNames());
    m_choice->lineEdit()->setPlaceholderText(tr("gpt2, or a Hub repository ORG/NAME"));
    m_choice->setToolTip(tr("A teaching model AttnLab knows, or any Hugging Face repository as ORG/NAME "
                            "(it needs config.json and model.safetensors)"));
    m_choice->setMinimumContentsLength(32);

    const QString cacheDir = options.cacheDir.isEmpty() ? huggingFaceCacheDir() : options.cacheDir;
    auto* where = new QLabel(tr("From %1 into %2").arg(hubEndpoint(options.endpoint), cacheDir));
    where->setTextInteractionFlags(Qt::TextSelectableByMouse);
    where->setWordWrap(true);

    m_bar = new QProgressBar;
    m_bar->setRange(0, kBarSteps);
    m_bar->setValue(0);
    m_status = new QLabel(tr("Files already downloaded are kept; an interrupted file resumes."));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* buttons = new QDialogButtonBox;
    m_download = buttons->addButton(tr("&Download"), QDialogButtonBox::AcceptRole);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    connect(m_download, &QPushButton::clicked, this, &DownloadDialog::startDownload);
    connect(m_cancel, &QPushButton::clicked, this, &DownloadDialog::reject);

    auto* form = new QFormLayout;
    form->addRow(tr("&Model:"), m_choice);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(where);
    layout->addWidget(m_bar);
    layout->addWidget(m_status);
    layout->addStretch();
    layout->addWidget(buttons);

    connect(m_downloader, &ModelDownload::progress, this, &DownloadDialog::showProgress);
    connect(m_downloader, &ModelDownload::validating, this, [this] { m_status->setText(tr("Checking the files…")); });
    connect(m_downloader, &ModelDownload::failed, this, &DownloadDialog::showFailure);
    connect(m_downloader, &ModelDownload::cancelled, this, [this] {
        setRunning(false);
        m_status->setText(tr("Cancelled. The partial file is kept: Download resumes it."));
    });
    connect(m_downloader, &ModelDownload::finished, this, [this](const QString& path) {
        setRunning(false);
        m_bar->setValue(kBarSteps);
        m_status->setText(tr("Downloaded to %1").arg(path));
        emit downloaded(path);
        accept();
    });
    setRunning(false);
}

void DownloadDialog::startDownload()
{
    if (m_downloader->isRunning())
        return;
    setRunning(true);
    m_bar->setValue(0);
    m_status->setStyleSheet(QString());
    m_status->setText(tr("Connecting…"));
    m_downloader->start(m_choice->currentText().trimmed(), m_options);
}

void DownloadDialog::reject()
{
    if (m_downloader->isRunning()) {
        m_downloader->cancel();
        return;
    }
    QDialog::reject();
}

void DownloadDialog::showProgress(const QString& file, int index, int count, qint64 done, qint64 total)
{
    if (total > 0) {
        m_bar->setRange(0, kBarSteps);
        m_bar->setValue(int(done * kBarSteps / total));
        m_status->setText(tr("%1 (file %2 of %3): %4 of %5")
                              .arg(file)
                              .arg(index + 1)
                              .arg(count)
                              .arg(localizedSize(done), localizedSize(total)));
    } else {
        m_bar->setRange(0, 0); // size not known yet: a busy bar
        m_status->setText(tr("%1 (file %2 of %3): %4").arg(file).arg(index + 1).arg(count).arg(localizedSize(done)));
    }
}

void DownloadDialog::showFailure(const QString& message)
{
    setRunning(false);
    m_bar->setRange(0, kBarSteps);
    m_status->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_status->setText(message);
}

void DownloadDialog::setRunning(bool running)
{
    m_download->setEnabled(!running);
    m_choice->setEnabled(!running);
    m_cancel->setText(running ? tr("&Cancel") : tr("&Close"));
}

} // namespace attnlab::app

#include "moc_download_dialog.cpp"
