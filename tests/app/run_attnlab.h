#pragma once

// Runs the attnlab executable the way a user or script does, for the command-line tests.

#include "test_support.h"

#include <QByteArray>
#include <QProcess>
#include <QStringList>

// LLVM 14's ThreadSanitizer runtime (Debian 12's clang) aborts in its clone() interceptor when QProcess starts a
// child ("CHECK failed: tsan_rtl.cpp:234", with any program, even /bin/echo): in that build the tests that run the
// executable skip. Its computations run in the window's tests of that build; every other build runs these tests.
#ifdef ATTNLAB_TEST_THREAD_SANITIZER
#define ATTNLAB_SKIP_CHILD_PROCESS_UNDER_TSAN() \
    QSKIP("ThreadSanitizer (LLVM 14) cannot start a child process: the command line is tested in the other builds")
#else
#define ATTNLAB_SKIP_CHILD_PROCESS_UNDER_TSAN()
#endif

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
