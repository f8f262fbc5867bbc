// Fuzzes the BPE loader with vocab.json + merges.txt. The input holds both files separated by the first NUL
// byte (vocab.json first); without a NUL it is merges.txt beside a fixed byte-level vocabulary, so that the
// fuzzer reaches the merges parser even before it has learnt to write JSON.

#include "model/tokenizers/bpe_tokenizer.h"
#include "fuzz_support.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace attnlab;

namespace {

// GPT-2's 256 byte symbols, ids 0…255.
QByteArray byteLevelVocab()
{
    QJsonObject vocab;
    for (int b = 0; b < 256; ++b)
        vocab.insert(model::BpeTokenizer::bytesToUnicode(QByteArray(1, char(b))), b);
    return QJsonDocument(vocab).toJson(QJsonDocument::Compact);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const QByteArray fixedVocab = byteLevelVocab();
    const QByteArray input = fuzz::bytes(data, size);
    const qsizetype nul = input.indexOf('\0');
    const QByteArray vocab = nul < 0 ? fixedVocab : input.left(nul);
    const QByteArray merges = nul < 0 ? input : input.mid(nul + 1);
    fuzz::writeFile(QStringLiteral("vocab.json"), vocab);
    const QString path = fuzz::writeFile(QStringLiteral("merges.txt"), merges);
    const auto tokenizer = model::Tokenizer::load(path);
    if (!tokenizer) {
        FUZZ_CHECK(tokenizer.error().contains(fuzz::scratchDir().path()));
        return 0;
    }
    fuzz::exerciseTokenizer(**tokenizer, input);
    return 0;
}
