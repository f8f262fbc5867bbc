#pragma once

// A model folder for the pipeline tests: a tiny random Llama (tests/model/checkpoints/tiny_llama.h: 2 layers,
// d 16, vocabulary 11) saved as config.json + model.safetensors, with a GPT-2-style tokenizer of 11 tokens
// beside it (vocab.json + merges.txt), so that loadModel finds both in the folder.

#include "model/checkpoints/tiny_llama.h"

#include <QDir>
#include <QString>

namespace attnlab::test {

// vocab.json's ids: Ġit 0, Ġanimal 1, a..h 2..9, <|endoftext|> 10 (an added token). Byte-level BPE writes a
// leading space as Ġ.
inline const QByteArray kTinyVocabJson = R"({"Ġit": 0, "Ġanimal": 1, "a": 2, "b": 3, "c": 4, "d": 5, "e": 6,
    "f": 7, "g": 8, "h": 9, "<|endoftext|>": 10})";

// The GPT-2 tokenizer's files alone, in folder.
inline void writeTinyTokenizer(const QString& folder)
{
    QDir().mkpath(folder);
    writeFile(folder + QStringLiteral("/vocab.json"), kTinyVocabJson);
    writeFile(folder + QStringLiteral("/merges.txt"), "#version: 0.2\n");
}

// folder/config.json, folder/model.safetensors of a tiny Llama drawn from seed; with the tokenizer unless
// withTokenizer is false. -> folder
inline QString writeTinyModelFolder(const QString& folder, quint32 seed, bool withTokenizer = true)
{
    writeHfLlama(folder, randomLlama(TinyLlama{}, seed));
    if (withTokenizer) writeTinyTokenizer(folder);
    return folder;
}

} // namespace attnlab::test
