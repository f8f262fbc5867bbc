#pragma once

// Writes a lesson file into a temporary folder for the tests of lessons read from files (the lesson browser's
// Add Lesson…, `--lesson FILE`, the presenter's lesson).

#include <QByteArray>
#include <QFile>
#include <QString>
#include <QTemporaryDir>

#include <cstdlib>

namespace attnlab::test {

// dir/name holding json -> its path; a file that cannot be written stops the test run (nothing could be checked).
inline QString writeLessonFile(const QTemporaryDir& dir, const QString& name, const QByteArray& json)
{
    QFile file(dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size())
        qFatal("cannot write %s", qPrintable(file.fileName()));
    return file.fileName();
}

} // namespace attnlab::test
