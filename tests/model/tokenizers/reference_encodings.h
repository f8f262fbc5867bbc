#pragma once

// The reference encodings of ../shared/tokenizers: reference_texts.json holds 12 texts and
// reference_ids.json, for each tokenizer folder, the ids Hugging Face's tokenizers.js gives for each of them.
// Read here with QJsonDocument only, so that the expected ids never pass through the code under test.

#include "model/tokenizers/tokenizer.h"
#include "test_support.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <memory>

namespace attnlab::test {

inline QString sharedTokenizersDir()
{
    return sharedDir() + QStringLiteral("/tokenizers");
}

inline QJsonDocument readSharedJson(const QString& name)
{
    QFile f(sharedTokenizersDir() + QLatin1Char('/') + name);
    return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()) : QJsonDocument();
}

// One QTest row per reference text of the tokenizer `name` ("gpt2", "bert-base-uncased", …) for the columns
// "path" (QString, given), "text" (QString) and "ids" (QList<int>), named after path. When the shared
// folder is absent there is one row, which skips when it loads path.
inline void addReferenceRows(const QString& name, const QString& path)
{
    const QJsonArray texts = readSharedJson(QStringLiteral("reference_texts.json")).array();
    const QJsonArray idLists =
        readSharedJson(QStringLiteral("reference_ids.json")).object().value(name).toArray();
    if (texts.isEmpty() || texts.size() != idLists.size()) {
        QTest::newRow(qPrintable(path + QStringLiteral(": no reference")))
            << path << QString() << QList<int>{-1};
        return;
    }
    const QFileInfo file(path);
    const QString label = file.dir().dirName() + QLatin1Char('/') + file.fileName(); // "gpt2/vocab.json"
    for (qsizetype i = 0; i < texts.size(); ++i) {
        QList<int> ids;
        for (const QJsonValue& id : idLists[i].toArray())
            ids.append(id.toInt());
        const QString excerpt = texts[i].toString().simplified().left(24);
        QTest::newRow(qPrintable(QStringLiteral("%1 %2: %3").arg(label).arg(i).arg(excerpt)))
            << path << texts[i].toString() << ids;
    }
}

// Loading a real vocabulary takes a moment (Llama 3 has 280,000 merges): one tokenizer per path per run.
inline model::Result<std::shared_ptr<model::Tokenizer>> loadCachedTokenizer(const QString& path)
{
    static QHash<QString, std::shared_ptr<model::Tokenizer>> cache;
    if (cache.contains(path)) return cache.value(path);
    auto r = model::Tokenizer::load(path);
    if (r.ok()) cache.insert(path, r.value());
    return r;
}

inline QList<int> idList(const std::vector<int>& ids)
{
    return QList<int>(ids.begin(), ids.end());
}

} // namespace attnlab::test

// Skips the current test when path is absent, else loads it (once) into `var` or fails with its error.
#define ATTNLAB_LOAD_TOKENIZER_OR_SKIP(var, path)                                                            \
    if (!QFileInfo::exists(path))                                                                            \
        QSKIP(                                                                                               \
            qPrintable(QStringLiteral("%1 is absent (set ATTNLAB_SHARED to the shared folder)").arg(path))); \
    const auto var##Result = attnlab::test::loadCachedTokenizer(path);                                       \
    QVERIFY2(var##Result.ok(), qPrintable(var##Result.error()));                                             \
    const std::shared_ptr<attnlab::model::Tokenizer> var = var##Result.value();
