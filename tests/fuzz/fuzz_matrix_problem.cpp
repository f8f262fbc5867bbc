// Fuzzes the matrices JSON: parse, validate, and for a small valid problem run it and write the trace's JSON
// (which formats every weight exactly), the path `attnlab run --matrices FILE` takes.

#include "fuzz_support.h"
#include "model/exact/matrix_problem.h"
#include "model/trace/trace_json.h"

using namespace attnlab;

namespace {

// Small enough that a run costs microseconds, so the fuzzer spends its time on the parser.
bool small(const std::optional<model::Matrix>& m)
{
    return !m || (m->rows() <= 16 && m->cols() <= 16);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto problem = model::parseMatrixProblem(fuzz::bytes(data, size), QStringLiteral("m.json"));
    if (!problem) {
        FUZZ_CHECK(problem.error().contains(QLatin1String("m.json")));
        return 0;
    }
    const model::MatrixProblem& p = *problem;
    if (!model::validateMatrixProblem(p)) return 0;
    if (p.heads > 16 || !small(p.q) || !small(p.k) || !small(p.v) || !small(p.x) || !small(p.memory) ||
        !small(p.wq) || !small(p.wk) || !small(p.wv) || !small(p.wo))
        return 0;
    const auto trace = model::runMatrixProblem(p);
    FUZZ_CHECK_OK(trace);
    (void)model::traceToJson(*trace);
    return 0;
}
