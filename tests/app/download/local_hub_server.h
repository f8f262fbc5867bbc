#pragma once

// A tiny HTTP/1.1 server on 127.0.0.1 that plays the Hugging Face Hub for the download tests, so that no
// test touches the internet. Each path answers with a file (honouring "Range: bytes=N-" with 206 and
// Content-Range, 416 past the end), a 302 redirect (as the Hub sends LFS files to its CDN, with
// X-Linked-Size), a 404, or misbehaves on request: cut the body after N bytes and close, stall after N bytes,
// or announce a wrong size. One request per connection ("Connection: close").

#include <QHash>
#include <QList>
#include <QTcpServer>
#include <QTcpSocket>

namespace attnlab::test {

struct HubRoute {
    QByteArray body;
    int status = 200;          // 200 serves body; anything else answers with that status and no file
    QByteArray redirectTo;     // non-empty: 302 to this path
    QByteArray linkedSize;     // non-empty: sent as X-Linked-Size
    qint64 cutAfter = -1;      // >= 0: send this many body bytes of the next answer, then close the connection
    qint64 stallAfter = -1;    // >= 0: send this many body bytes, then keep the connection open and silent
    bool ignoreRange = false;  // answer a Range request with 200 and the whole file, as some servers do
};

struct SeenRequest {
    QByteArray path;
    QByteArray range; // the Range header, "" when absent
};

class LocalHubServer {
public:
    LocalHubServer()
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                socket->setParent(&m_server);
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { onData(socket); });
            }
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost); }
    QString endpoint() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()); }

    HubRoute& route(const QByteArray& path) { return m_routes[path]; }
    const QList<SeenRequest>& requests() const { return m_requests; }

    // The files of a model under /<repo>/resolve/main/; model.safetensors redirects to /cdn/<repo>/… with
    // X-Linked-Size, as on the Hub.
    void serveModel(const QByteArray& repo, const QHash<QByteArray, QByteArray>& files)
    {
        for (auto it = files.cbegin(); it != files.cend(); ++it) {
            const QByteArray path = "/" + repo + "/resolve/main/" + it.key();
            if (it.key() == "model.safetensors") {
                const QByteArray cdn = "/cdn/" + repo + "/" + it.key();
                route(path).redirectTo = cdn;
                route(path).linkedSize = QByteArray::number(it.value().size());
                route(cdn).body = it.value();
            } else {
                route(path).body = it.value();
            }
        }
    }

private:
    void onData(QTcpSocket* socket)
    {
        QByteArray& buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        SeenRequest seen{requestLine.value(1), {}};
        for (const QByteArray& line : lines.mid(1)) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().toLower() == "range")
                seen.range = line.mid(colon + 1).trimmed();
        }
        m_requests << seen;
        m_buffers.remove(socket);
        respond(socket, seen);
    }

    void respond(QTcpSocket* socket, const SeenRequest& seen)
    {
        auto found = m_routes.find(seen.path);
        if (found == m_routes.end())
            return send(socket, "404 Not Found", {}, "Entry not found");
        HubRoute& r = *found;
        QList<QByteArray> headers;
        if (!r.linkedSize.isEmpty())
            headers << "X-Linked-Size: " + r.linkedSize;
        if (!r.redirectTo.isEmpty())
            return send(socket, "302 Found", headers << "Location: " + r.redirectTo, {});
        if (r.status != 200)
            return send(socket, QByteArray::number(r.status) + " Error", headers, "error page");

        qint64 from = 0;
        QByteArray status = "200 OK";
        if (!r.ignoreRange && seen.range.startsWith("bytes=") && seen.range.endsWith('-')) {
            from = seen.range.mid(6, seen.range.size() - 7).toLongLong();
            if (from >= r.body.size())
                return send(socket, "416 Range Not Satisfiable", headers << "Content-Range: bytes */" + QByteArray::number(r.body.size()), {});
            status = "206 Partial Content";
            headers << "Content-Range: bytes " + QByteArray::number(from) + "-" + QByteArray::number(r.body.size() - 1) +
                           "/" + QByteArray::number(r.body.size());
        }
        const QByteArray body = r.body.mid(from);
        if (r.stallAfter >= 0) {
            writeHead(socket, status, headers, body.size());
            socket->write(body.left(r.stallAfter));
            return; // and never another byte
        }
        if (r.cutAfter >= 0) {
            writeHead(socket, status, headers, body.size());
            socket->write(body.left(r.cutAfter));
            r.cutAfter = -1; // the next request gets the whole answer
            socket->disconnectFromHost();
            return;
        }
        send(socket, status, headers, body);
    }

    static void writeHead(QTcpSocket* socket, const QByteArray& status, const QList<QByteArray>& headers, qint64 length)
    {
        QByteArray head = "HTTP/1.1 " + status + "\r\nContent-Length: " + QByteArray::number(length) + "\r\nConnection: close\r\n";
        for (const QByteArray& header : headers)
            head += header + "\r\n";
        socket->write(head + "\r\n");
    }

    static void send(QTcpSocket* socket, const QByteArray& status, const QList<QByteArray>& headers, const QByteArray& body)
    {
        writeHead(socket, status, headers, body.size());
        socket->write(body);
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    QHash<QByteArray, HubRoute> m_routes;
    QHash<QTcpSocket*, QByteArray> m_buffers;
    QList<SeenRequest> m_requests;
};

} // namespace attnlab::test
