// Fuzzes SafetensorsFile::open with whole files (8-byte header length, JSON header, data), then reads every
// tensor the header promises, so that an accepted offset outside the data section is caught.

#include "fuzz_support.h"
#include "model/checkpoints/safetensors.h"

using namespace attnlab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString path = fuzz::writeFile(QStringLiteral("model.safetensors"), fuzz::bytes(data, size));
    const auto file = model::SafetensorsFile::open(path);
    if (!file) {
        FUZZ_CHECK(file.error().startsWith(path));
        return 0;
    }
    const model::SafetensorsFile& f = **file;
    for (const QString& name : f.names()) {
        const model::TensorInfo* info = f.info(name);
        FUZZ_CHECK(info && info->begin <= info->end && info->end <= f.dataBytes());
        // The mapping is page-granular, so ASan cannot see a read just past its end: check the bounds above
        // and touch the first and last byte.
        if (info->end > info->begin) {
            volatile std::uint8_t sink = f.data(*info)[0];
            sink = f.data(*info)[info->end - info->begin - 1];
            (void)sink;
        }
        // Reading is what is checked: a refusal (an unsupported dtype) is as good an answer as a matrix.
        if (info->elements() <= (1 << 16)) (void)f.matrix(name);
    }
    return 0;
}
