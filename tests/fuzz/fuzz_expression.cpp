// Fuzzes the matrix-cell expression evaluator ("-1/√2", "exp(1/2)", "2pi"): any text, never a crash, and an
// error always says what went wrong.

#include "model/exact/expression.h"
#include "fuzz_support.h"

using namespace attnlab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto value = model::evaluateExpression(QString::fromUtf8(fuzz::bytes(data, size)));
    if (!value) FUZZ_CHECK(!value.error().isEmpty());
    return 0;
}
