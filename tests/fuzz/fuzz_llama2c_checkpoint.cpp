// Fuzzes llama2.c's .bin checkpoint reader (7 int32 header fields, then float32 weights whose count the header
// implies); a small accepted model also runs a forward pass, which trusts the shapes the loader checked.

#include "fuzz_support.h"
#include "model/checkpoints/llama2c_checkpoint.h"

using namespace attnlab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString path = fuzz::writeFile(QStringLiteral("model.bin"), fuzz::bytes(data, size));
    const auto llama = model::loadLlama2cCheckpoint(path);
    if (!llama) {
        FUZZ_CHECK(llama.error().startsWith(path));
        return 0;
    }
    const model::ModelConfig& config = (*llama)->config();
    FUZZ_CHECK(config.vocab > 0 && config.maxPositions > 0);
    if ((*llama)->parameterCount() <= 100000) {
        std::vector<int> ids{0};
        if (config.maxPositions > 1) ids.push_back(config.vocab - 1);
        const auto trace = (*llama)->run(ids, {});
        FUZZ_CHECK_OK(trace);
        // An id outside the vocabulary is refused, not read.
        FUZZ_CHECK(!(*llama)->run({config.vocab}, {}).ok());
    }
    return 0;
}
