// Fuzzes the WordPiece loader with a vocab.txt (one token a line, the line number is the id), then encodes.

#include "fuzz_support.h"
#include "model/tokenizers/tokenizer.h"

using namespace attnlab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    const QString path = fuzz::writeFile(QStringLiteral("vocab.txt"), input);
    const auto tokenizer = model::Tokenizer::load(path);
    if (!tokenizer) {
        FUZZ_CHECK(tokenizer.error().contains(path));
        return 0;
    }
    fuzz::exerciseTokenizer(**tokenizer, input);
    return 0;
}
