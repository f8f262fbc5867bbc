#pragma once

// Shared by the libFuzzer targets. Loaders that take a path get the fuzzer's bytes through a file in a private
// temporary directory (in /dev/shm when it exists, so an input costs no disk write), and every target checks
// the promises of the header it fuzzes with FUZZ_CHECK, so a broken promise is a finding like a crash.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QString>
#include <QTemporaryDir>

#include "model/tokenizers/tokenizer.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

// Aborts (a libFuzzer crash, saved with its input) when an invariant of the parser's contract fails.
#define FUZZ_CHECK(condition)                                                                                \
    do {                                                                                                     \
        if (!(condition)) {                                                                                  \
            std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #condition);           \
            std::abort();                                                                                    \
        }                                                                                                    \
    } while (false)

// As FUZZ_CHECK for a model::Result that must hold a value; prints its error.
#define FUZZ_CHECK_OK(result)                                                                                \
    do {                                                                                                     \
        const auto& fuzzResult = (result);                                                                   \
        if (!fuzzResult.ok()) {                                                                              \
            std::fprintf(stderr, "%s:%d: %s failed: %s\n", __FILE__, __LINE__, #result,                      \
                         fuzzResult.error().toLocal8Bit().constData());                                      \
            std::abort();                                                                                    \
        }                                                                                                    \
    } while (false)

namespace attnlab::fuzz {

inline QByteArray bytes(const std::uint8_t* data, std::size_t size)
{
    return QByteArray(reinterpret_cast<const char*>(data), qsizetype(size));
}

// The directory every input file of this process is written to; removed at exit.
inline QDir scratchDir()
{
    static QTemporaryDir dir(
        (QFileInfo(QStringLiteral("/dev/shm")).isWritable() ? QStringLiteral("/dev/shm") : QDir::tempPath()) +
        QStringLiteral("/attnlab-fuzz-XXXXXX"));
    FUZZ_CHECK(dir.isValid());
    return QDir(dir.path());
}

// bytes -> scratchDir()/name (replacing the previous input's file) -> its path.
inline QString writeFile(const QString& name, const QByteArray& content)
{
    const QString path = scratchDir().filePath(name);
    QFile file(path);
    FUZZ_CHECK(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    FUZZ_CHECK(file.write(content) == content.size());
    return path;
}

// A short text taken from the end of the input, so that tokenizers also encode text the fuzzer chooses.
inline QString tailText(const QByteArray& input, qsizetype maxBytes = 64)
{
    return QString::fromUtf8(input.right(maxBytes));
}

// Every script and special-token spelling the tokenizers treat specially.
inline QString fixedText()
{
    return QStringLiteral("Hello world! The animal didn't cross the street. 得意 な スポーツ は ？ سلام دنیا "
                          "<s> </s> [CLS] [UNK] <|endoftext|> \t\n  café naïve 123 ##ing ▁x");
}

// Encodes text and checks Encoding's promise: one token per id, every id inside the vocabulary.
inline void encodeAndCheck(const model::Tokenizer& tokenizer, const QString& text)
{
    const model::Encoding encoding = tokenizer.encode(text);
    FUZZ_CHECK(encoding.ids.size() == std::size_t(encoding.tokens.size()));
    for (int id : encoding.ids) {
        FUZZ_CHECK(id >= 0 && id < tokenizer.vocabSize());
        (void)tokenizer.displayText(id);
    }
}

// A loaded tokenizer encodes the fixed text and the input's tail.
inline void exerciseTokenizer(const model::Tokenizer& tokenizer, const QByteArray& input)
{
    encodeAndCheck(tokenizer, fixedText());
    encodeAndCheck(tokenizer, tailText(input));
    encodeAndCheck(tokenizer, QString());
}

} // namespace attnlab::fuzz
