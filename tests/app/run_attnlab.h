#pragma once

// Runs the attnlab executable the way a user or script does, for the command-line tests.

#include <QByteArray>
#include <QProcess>
#include <QStringList>

namespace attnlab::test {

struct Run {
    int exitCode = -1; // -1: did not finish within a minute; -2: killed by a signal
    QByteArray out;
    QByteArray err;
};

inline Run runAttnlab(const QStringList& arguments)
{
    QProcess process;
    process.start(QStringLiteral(ATTNLAB_EXECUTABLE), arguments);
    process.closeWriteChannel();
    if (!process.waitForFinished(60000)) {
        process.kill();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2, process.readAllStandardOutput(),
            process.readAllStandardError()};
}

} // namespace attnlab::test
