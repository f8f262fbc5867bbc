// Fuzzes llama2.c's tokenizer.bin reader (max_token_length, then score, length and bytes per token), then
// encodes: run.c's merge loop must stay inside the vocabulary whatever the scores are.

#include "fuzz_support.h"
#include "model/tokenizers/llama2c_tokenizer.h"

using namespace attnlab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    const QString path = fuzz::writeFile(QStringLiteral("tokenizer.bin"), input);
    const auto tokenizer = model::Llama2cTokenizer::load(path);
    if (!tokenizer) {
        FUZZ_CHECK(tokenizer.error().startsWith(path));
        return 0;
    }
    fuzz::exerciseTokenizer(**tokenizer, input);
    return 0;
}
