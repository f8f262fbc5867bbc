// Fuzzes the pasted-matrix parser (CSV, MATLAB rows, LaTeX environments, NumPy lists): an accepted matrix has
// one cell text per value.

#include "fuzz_support.h"
#include "model/exact/matrix_parser.h"

using namespace attnlab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto parsed = model::parseMatrix(QString::fromUtf8(fuzz::bytes(data, size)));
    if (!parsed) {
        FUZZ_CHECK(!parsed.error().isEmpty());
        return 0;
    }
    FUZZ_CHECK(parsed->values.rows() > 0 && parsed->values.rows() == Eigen::Index(parsed->cellTexts.size()));
    for (const QStringList& row : parsed->cellTexts)
        FUZZ_CHECK(row.size() == parsed->values.cols());
    return 0;
}
