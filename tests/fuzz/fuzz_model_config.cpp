// Fuzzes parseModelConfig with config.json bytes; an accepted config must have the sizes a model needs.

#include "fuzz_support.h"
#include "model/checkpoints/model_config.h"

using namespace attnlab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto config = model::parseModelConfig(fuzz::bytes(data, size), QStringLiteral("config.json"));
    if (!config) {
        FUZZ_CHECK(config.error().startsWith(QLatin1String("config.json")));
        return 0;
    }
    FUZZ_CHECK(config->layers > 0 && config->heads > 0 && config->dModel > 0 && config->vocab > 0);
    (void)config->headDim();
    return 0;
}
