#pragma once

// Downloads a model's files from the Hugging Face Hub into the Hugging Face cache (download_source.h), one
// file at a time, resumable:
//   - each file streams into <file>.part; a .part left by a cut or cancelled download is resumed with
//     "Range: bytes=N-" (a 206 answer is appended, a 200 answer starts the file again);
//   - redirects are followed by hand (the Hub sends LFS files to a CDN), so that the Hub's X-Linked-Size on
//     the redirect gives the expected size; else Content-Range's total, else Content-Length;
//   - a file is renamed from .part only when its size is the expected one, so nothing is half-written;
//     files already complete in the snapshot are kept;
//   - when all files are there the snapshot is validated on a worker thread (config, safetensors,
//     tokenizer), then refs/main is written.
// Everything runs on the caller's event loop; no signal is emitted from inside start().

#include <QFile>
#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace attnlab::app {

struct DownloadOptions {
    QString cacheDir;                        // "" = huggingFaceCacheDir()
    QString endpoint;                        // "" = $HF_ENDPOINT or https://huggingface.co
    QString revision = QStringLiteral("main");
};

class ModelDownload : public QObject {
    Q_OBJECT
public:
    explicit ModelDownload(QObject* parent = nullptr);
    ~ModelDownload() override;

    // name: a known short name (gpt2, distilgpt2, bert-base-uncased) or "ORG/NAME". Bad names and revisions
    // are reported through failed(), like every other problem.
    void start(const QString& name, const DownloadOptions& options = {});
    // Stops at once, keeps the current .part for a later resume, then emits cancelled().
    void cancel();
    bool isRunning() const { return m_running; }
    // The snapshot folder being filled ("" before start() has resolved the name).
    const QString& snapshotPath() const { return m_snapshot; }

signals:
    // done and total are bytes of the current file (total -1 while unknown); index counts from 0.
    void progress(const QString& file, int index, int count, qint64 done, qint64 total);
    void fileFinished(const QString& file, qint64 bytes);
    void validating();
    void finished(const QString& snapshotPath);
    void failed(const QString& message);
    void cancelled();

private:
    void nextFile();
    void request(const QUrl& url);
    bool acceptHeaders();
    void readBody();
    void replyFinished();
    void fileDone();
    void skipOptional();
    void validated();
    void fail(const QString& message);
    void stop();
    QString currentFile() const { return m_files.value(m_index); }
    QString partPath() const;

    QNetworkAccessManager* m_network = nullptr;
    QPointer<QNetworkReply> m_reply;
    QFutureWatcher<QString> m_validation;
    QFile m_part;

    QString m_repo;
    QString m_revision;
    QString m_endpoint;
    QString m_cacheDir;
    QString m_snapshot;
    QStringList m_files;
    QStringList m_optional;
    int m_index = 0;
    bool m_running = false;

    // Per file: the hop count, the expected size, where the answer started, and whether it was checked.
    int m_redirects = 0;
    qint64 m_expected = -1;
    qint64 m_linkedSize = -1;
    qint64 m_requestedFrom = 0;
    bool m_headersChecked = false;
    bool m_restarted = false;
};

} // namespace attnlab::app
