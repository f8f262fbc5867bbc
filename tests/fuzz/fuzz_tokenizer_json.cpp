// Fuzzes Tokenizer::load with a tokenizer.json (BPE, byte-level BPE, WordPiece, WordLevel, with added tokens,
// normalizers, pre-tokenizers and post-processors), then encodes a fixed text and one taken from the input.

#include "fuzz_support.h"
#include "model/tokenizers/tokenizer.h"

using namespace attnlab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    const QString path = fuzz::writeFile(QStringLiteral("tokenizer.json"), input);
    const auto tokenizer = model::Tokenizer::load(path);
    if (!tokenizer) {
        FUZZ_CHECK(tokenizer.error().startsWith(path));
        return 0;
    }
    fuzz::exerciseTokenizer(**tokenizer, input);
    return 0;
}
