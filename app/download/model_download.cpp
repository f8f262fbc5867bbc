#include "app/download/model_download.h"

#include "app/download/download_source.h"
#include "app/download/model_catalog.h"

#include <QDir>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSaveFile>
#include <QtConcurrent/QtConcurrentRun>

namespace attnlab::app {

namespace {

constexpr int kMaxRedirects = 10;
// A transfer that receives nothing for this long fails (and can be resumed) instead of hanging forever.
constexpr int kStallTimeoutMs = 60'000;

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// "bytes 100-1999/2000" -> {100, 2000}; total -1 for "*"; {-1, -1} when malformed.
std::pair<qint64, qint64> parseContentRange(const QByteArray& header)
{
    static const QRegularExpression pattern(QStringLiteral("^bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)$"));
    const auto match = pattern.match(QString::fromLatin1(header).trimmed());
    if (!match.hasMatch())
        return {-1, -1};
    const qint64 total = match.captured(3) == QLatin1String("*") ? -1 : match.captured(3).toLongLong();
    return {match.captured(1).toLongLong(), total};
}

qint64 headerNumber(const QNetworkReply& reply, const QByteArray& name)
{
    bool ok = false;
    const qint64 value = reply.rawHeader(name).trimmed().toLongLong(&ok);
    return ok && value >= 0 ? value : -1;
}

} // namespace

ModelDownload::ModelDownload(QObject* parent) : QObject(parent), m_network(new QNetworkAccessManager(this))
{
    connect(&m_validation, &QFutureWatcher<QString>::finished, this, &ModelDownload::validated);
}

ModelDownload::~ModelDownload()
{
    stop();
    m_validation.waitForFinished();
}

void ModelDownload::start(const QString& name, const DownloadOptions& options)
{
    if (m_running)
        return;
    m_running = true;
    m_index = 0;
    m_snapshot.clear();
    const auto deferFailure = [this](const QString& message) {
        QMetaObject::invokeMethod(this, [this, message] { fail(message); }, Qt::QueuedConnection);
    };
    const auto source = resolveDownloadSource(name);
    if (!source)
        return deferFailure(source.error());
    const auto revision = checkRevision(options.revision);
    if (!revision)
        return deferFailure(revision.error());
    m_repo = source->repo;
    m_revision = *revision;
    m_endpoint = hubEndpoint(options.endpoint);
    m_cacheDir = options.cacheDir.isEmpty() ? huggingFaceCacheDir() : options.cacheDir;
    m_snapshot = snapshotDir(m_cacheDir, m_repo, m_revision);
    m_files = source->required + source->optional;
    m_optional = source->optional;
    QMetaObject::invokeMethod(this, &ModelDownload::nextFile, Qt::QueuedConnection);
}

void ModelDownload::cancel()
{
    if (!m_running)
        return;
    stop();
    m_running = false;
    emit cancelled();
}

QString ModelDownload::partPath() const
{
    return QDir(m_snapshot).filePath(currentFile() + QStringLiteral(".part"));
}

void ModelDownload::nextFile()
{
    if (!m_running)
        return;
    if (m_index >= m_files.size()) {
        emit validating();
        m_validation.setFuture(QtConcurrent::run(validateSnapshot, m_snapshot));
        return;
    }
    if (!QDir().mkpath(m_snapshot))
        return fail(QStringLiteral("cannot create the folder %1").arg(m_snapshot));
    const QString file = currentFile();
    const QFileInfo complete(QDir(m_snapshot).filePath(file));
    if (complete.exists()) {
        // Renamed from .part only after its size check: a file from an earlier, interrupted run is whole.
        emit progress(file, m_index, int(m_files.size()), complete.size(), complete.size());
        emit fileFinished(file, complete.size());
        ++m_index;
        return nextFile();
    }
    m_part.setFileName(partPath());
    if (!m_part.open(QIODevice::WriteOnly | QIODevice::Append))
        return fail(QStringLiteral("cannot write %1: %2").arg(m_part.fileName(), m_part.errorString()));
    m_redirects = 0;
    m_linkedSize = -1;
    m_expected = -1;
    m_restarted = false;
    request(resolveUrl(m_endpoint, m_repo, m_revision, file));
}

void ModelDownload::request(const QUrl& url)
{
    m_headersChecked = false;
    m_requestedFrom = m_part.size();
    QNetworkRequest request(url);
    // Redirects by hand: the Hub's redirect carries X-Linked-Size, the true size of an LFS file.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    // Qt would otherwise ask for gzip and unpack it, and Content-Length would no longer be the file's size.
    request.setRawHeader("Accept-Encoding", "identity");
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("attnlab/" ATTNLAB_VERSION));
    request.setTransferTimeout(kStallTimeoutMs);
    if (m_requestedFrom > 0)
        request.setRawHeader("Range", "bytes=" + QByteArray::number(m_requestedFrom) + '-');
    m_reply = m_network->get(request);
    connect(m_reply, &QNetworkReply::readyRead, this, &ModelDownload::readBody);
    connect(m_reply, &QNetworkReply::finished, this, &ModelDownload::replyFinished);
    emit progress(currentFile(), m_index, int(m_files.size()), m_requestedFrom, m_expected);
}

// The first bytes of a 200 or 206 answer: decide where they go and how many to expect. False for any other
// status (its body is dropped; replyFinished() reports or follows it) and after a failure.
bool ModelDownload::acceptHeaders()
{
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 200) {
        if (m_part.size() > 0 && !m_part.resize(0)) {
            fail(QStringLiteral("cannot truncate %1: %2").arg(m_part.fileName(), m_part.errorString()));
            return false;
        }
        bool ok = false;
        const qint64 length = m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&ok);
        m_expected = ok ? length : -1;
    } else if (status == 206) {
        const auto [begin, total] = parseContentRange(m_reply->rawHeader("Content-Range"));
        if (begin != m_requestedFrom) {
            // Appending would corrupt the file: drop what there is so the next run starts it over.
            m_part.close();
            m_part.remove();
            fail(QStringLiteral("%1: asked to resume at byte %2, the server answered \"Content-Range: %3\"; "
                                "run the download again to start the file over")
                     .arg(currentFile())
                     .arg(m_requestedFrom)
                     .arg(QString::fromLatin1(m_reply->rawHeader("Content-Range"))));
            return false;
        }
        m_expected = total;
    } else {
        return false;
    }
    const qint64 linked = headerNumber(*m_reply, "X-Linked-Size");
    if (linked >= 0)
        m_linkedSize = linked;
    if (m_linkedSize >= 0)
        m_expected = m_linkedSize;
    m_headersChecked = true;
    return true;
}

void ModelDownload::readBody()
{
    if (!m_reply)
        return;
    if (!m_headersChecked && !acceptHeaders()) {
        if (m_reply)
            m_reply->readAll(); // the body of a redirect or an error page
        return;
    }
    const QByteArray data = m_reply->readAll();
    if (m_part.write(data) != data.size())
        return fail(QStringLiteral("cannot write %1: %2").arg(m_part.fileName(), m_part.errorString()));
    if (m_expected >= 0 && m_part.size() > m_expected) {
        m_part.close();
        m_part.remove();
        return fail(QStringLiteral("%1: the server sent more than the expected %2 bytes").arg(currentFile()).arg(m_expected));
    }
    emit progress(currentFile(), m_index, int(m_files.size()), m_part.size(), m_expected);
}

void ModelDownload::replyFinished()
{
    QNetworkReply* reply = m_reply;
    if (!reply || !m_running)
        return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString file = currentFile();
    const QUrl url = reply->url();
    if (isRedirect(status)) {
        const qint64 linked = headerNumber(*reply, "X-Linked-Size");
        if (linked >= 0)
            m_linkedSize = linked;
        const QUrl target = url.resolved(QUrl(QString::fromUtf8(reply->rawHeader("Location"))));
        m_reply = nullptr;
        reply->deleteLater();
        if (reply->rawHeader("Location").isEmpty())
            return fail(QStringLiteral("HTTP %1 without a Location for %2").arg(status).arg(url.toString()));
        if (++m_redirects > kMaxRedirects)
            return fail(QStringLiteral("%1: more than %2 redirects, the last to %3").arg(file).arg(kMaxRedirects).arg(target.toString()));
        if (url.scheme() == QLatin1String("https") && target.scheme() != QLatin1String("https"))
            return fail(QStringLiteral("%1: refusing the redirect from https to %2").arg(file, target.toString()));
        return request(target);
    }
    if (status == 404 && m_optional.contains(file)) {
        m_reply = nullptr;
        reply->deleteLater();
        return skipOptional();
    }
    if (status == 416 && !m_restarted) {
        // The .part is not a prefix the server recognises (complete, or the file changed): start it over.
        m_reply = nullptr;
        reply->deleteLater();
        m_restarted = true;
        if (!m_part.resize(0))
            return fail(QStringLiteral("cannot truncate %1: %2").arg(m_part.fileName(), m_part.errorString()));
        return request(resolveUrl(m_endpoint, m_repo, m_revision, file));
    }
    if (status >= 400) {
        const QString hint = status == 401 || status == 403
                                 ? QStringLiteral(" (the repository may be private or gated, or the name misspelt)")
                                 : QString();
        return fail(QStringLiteral("HTTP %1 for %2%3").arg(status).arg(url.toString(), hint));
    }
    if (reply->error() != QNetworkReply::NoError) {
        return fail(QStringLiteral("%1: %2 (the %3 bytes received are kept; run the download again to resume)")
                        .arg(file, reply->errorString())
                        .arg(m_part.size()));
    }
    if (!m_headersChecked && !acceptHeaders()) {
        if (m_running)
            fail(QStringLiteral("HTTP %1 for %2: expected 200 or 206").arg(status).arg(url.toString()));
        return;
    }
    readBody();
    if (!m_running)
        return;
    m_reply = nullptr;
    reply->deleteLater();
    if (m_expected >= 0 && m_part.size() != m_expected)
        return fail(QStringLiteral("%1: the server sent %2 bytes, expected %3 (run the download again to resume)")
                        .arg(file)
                        .arg(m_part.size())
                        .arg(m_expected));
    fileDone();
}

void ModelDownload::fileDone()
{
    const QString file = currentFile();
    const qint64 bytes = m_part.size();
    m_part.close();
    const QString target = QDir(m_snapshot).filePath(file);
    QFile::remove(target);
    if (!QFile::rename(partPath(), target))
        return fail(QStringLiteral("cannot rename %1 to %2").arg(partPath(), target));
    emit fileFinished(file, bytes);
    ++m_index;
    nextFile();
}

void ModelDownload::skipOptional()
{
    m_part.close();
    if (m_part.size() == 0)
        m_part.remove();
    ++m_index;
    nextFile();
}

void ModelDownload::validated()
{
    if (!m_running)
        return; // cancelled while validating
    const QString problem = m_validation.result();
    if (!problem.isEmpty())
        return fail(problem);
    // huggingface_hub resolves refs/<branch> to the snapshot folder's name; the catalogue reads refs/main.
    const QString refs = QDir(repoCacheDir(m_cacheDir, m_repo)).filePath(QStringLiteral("refs"));
    QFile mainRef(QDir(refs).filePath(QStringLiteral("main")));
    if (m_revision == QLatin1String("main") || !mainRef.exists()) {
        QSaveFile ref(mainRef.fileName());
        if (!QDir().mkpath(refs) || !ref.open(QIODevice::WriteOnly) || ref.write(m_revision.toUtf8()) < 0 || !ref.commit())
            return fail(QStringLiteral("cannot write %1").arg(mainRef.fileName()));
    }
    m_running = false;
    emit finished(m_snapshot);
}

void ModelDownload::fail(const QString& message)
{
    stop();
    m_running = false;
    emit failed(message);
}

void ModelDownload::stop()
{
    if (m_reply) {
        QNetworkReply* reply = m_reply;
        m_reply = nullptr;
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
        reply->deleteLater();
    }
    if (m_part.isOpen()) {
        m_part.close();
        if (m_part.size() == 0)
            m_part.remove();
    }
}

} // namespace attnlab::app

#include "moc_model_download.cpp"
