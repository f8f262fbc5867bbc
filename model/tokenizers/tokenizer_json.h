#pragma once

// Reading tokenizer.json, vocab.json and tokenizer_config.json. Qt's QJsonDocument is not used for them, for
// two reasons:
// - Qt 6.4's UTF-8 decoding (QString::fromUtf8, which QJsonValue::toString uses for its stored strings)
//   drops a U+FEFF at the start of a string as if it were a byte-order mark. Gemma 3's vocabulary has the
//   tokens "\ufeff", "\ufeff\ufeff" and "\ufeff\ufeff\ufeff\ufeff": read through Qt they collide with other
//   tokens, and the merge "\ufeff\ufeff" + "\ufeff\ufeff" then names a token that seems to be missing.
// - Gemma 3's 33 MB file (262,144 vocabulary entries, 514,906 merges) takes Qt 0.9 s to parse alone, before
//   any hash table is built. Here model.vocab and model.merges are read straight into vectors.
// The reader follows RFC 8259 (a UTF-8 byte-order mark before the document is skipped); an error names the
// file and the byte offset, as "file: not valid JSON at offset 17: expected ':'".

#include "model/core/result.h"

#include <QByteArrayView>
#include <QJsonObject>
#include <QString>
#include <QStringView>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace attnlab::model {

// A string inside TokenizerJsonDocument::units.
struct TextSpan {
    std::uint32_t offset = 0, length = 0;
};

struct TokenizerJsonDocument {
    // The document; model.vocab and model.merges are absent from it when they were read into the fields
    // below (an object, an array), and present as they are otherwise (null, or a value of the wrong kind).
    QJsonObject root;
    // The UTF-16 units of every vocabulary token and merge half, one after another: a million small strings
    // without an allocation each.
    std::vector<char16_t> units;
    // (token, id) in the file's order; an id that is not a JSON number is NaN, so that the loader can name
    // the entry in its message.
    std::optional<std::vector<std::pair<TextSpan, double>>> vocab;
    // (left, right) by rank: "a b" (exactly one space, both halves non-empty) or ["a", "b"].
    std::optional<std::vector<std::pair<TextSpan, TextSpan>>> merges;
    // The index of the first merge of neither form, or -1; merges then holds the entries before it.
    qsizetype firstBadMerge = -1;

    QStringView text(TextSpan s) const { return QStringView(units.data() + s.offset, qsizetype(s.length)); }
    // Appends s to units.
    TextSpan addText(QStringView s);
};

// A tokenizer.json's bytes -> its document; file only names it in an error.
Result<TokenizerJsonDocument> parseTokenizerJson(QByteArrayView data, const QString& file);
// The same document from an object already parsed (tests, small files): model.vocab and model.merges are
// moved into the fields when they are an object and an array.
TokenizerJsonDocument tokenizerJsonDocument(const QJsonObject& root);
// file -> its document (the file is mapped, not copied, where the system allows).
Result<TokenizerJsonDocument> readTokenizerJson(const QString& file);
// A vocab.json (one object mapping tokens to ids) -> a document with only vocab.
Result<TokenizerJsonDocument> readVocabJson(const QString& file);
// Any JSON file whose top level is an object -> the object. Values of the members named in skip are left
// out unread (tokenizer_config.json's added_tokens_decoder has thousands of entries no one here needs).
Result<QJsonObject> readJsonObjectFile(const QString& file, const QStringList& skip = {});

// UTF-8 -> UTF-16 keeping every character, a leading U+FEFF included (QString::fromUtf8 drops it); each byte
// of an invalid sequence becomes U+FFFD.
QString utf8ToString(QByteArrayView bytes);

} // namespace attnlab::model
