#include "model/training/gpt_trainer.h"

#include <algorithm>
#include <cassert>
#include <numeric>

namespace attnlab::model {

namespace {

// Four shares: on two cores each takes two, and when one core is busy the other takes three or four. More
// shares would mean smaller products (less efficient) and more gradient buffers to add.
constexpr int kShares = 4;

} // namespace

GptTrainer::GptTrainer(const GptShape& shape, int maxBatch, int maxLength)
    : m_layout(shape), m_maxLength(maxLength)
{
    m_parameters.assign(m_layout.bufferSize(), 0.0f);
    m_gradients.assign(m_layout.bufferSize(), 0.0f);
    const int shares = std::clamp(maxBatch, 1, kShares);
    for (int i = 0; i < shares; ++i) {
        // The first maxBatch mod shares shares hold one sequence more.
        const int rows = maxBatch / shares + (i < maxBatch % shares ? 1 : 0);
        m_rowsPerShare.push_back(rows);
        m_replicas.push_back(std::make_unique<TrainableGpt<float>>(shape, rows, maxLength));
        m_replicas.back()->shareParameters(m_parameters);
    }
}

BatchResult GptTrainer::run(const TrainingBatch& batch, bool backward)
{
    assert(batch.length <= m_maxLength);
    const int T = batch.length;
    // Whole sequences per share, in order; a smaller batch than the largest leaves the last shares empty.
    std::vector<int> first(m_replicas.size() + 1, 0), rows(m_replicas.size(), 0);
    int left = batch.batch;
    for (std::size_t i = 0; i < m_replicas.size(); ++i) {
        rows[i] = std::min(left, m_rowsPerShare[i]);
        left -= rows[i];
        first[i + 1] = first[i] + rows[i];
    }
    assert(left == 0);
    int graded = 0;
    for (int target : batch.targets)
        graded += target >= 0;
    const int shares = int(m_replicas.size());
#pragma omp parallel for schedule(dynamic, 1)
    for (int i = 0; i < shares; ++i) {
        if (rows[std::size_t(i)] == 0) continue;
        TrainableGpt<float>& replica = *m_replicas[std::size_t(i)];
        const std::size_t offset = std::size_t(first[std::size_t(i)]) * std::size_t(T);
        replica.forward(batch.inputs.data() + offset, batch.targets.data() + offset, rows[std::size_t(i)], T);
        if (backward) replica.backward(std::max(graded, 1));
    }
    BatchResult result;
    double lossSum = 0;
    for (int i = 0; i < shares; ++i) {
        if (rows[std::size_t(i)] == 0) continue;
        lossSum += m_replicas[std::size_t(i)]->lossSum();
        result.graded += m_replicas[std::size_t(i)]->graded();
        result.correct += m_replicas[std::size_t(i)]->correct();
    }
    result.loss = result.graded > 0 ? lossSum / result.graded : 0.0;
    if (backward) {
        // g = g₀ + g₁ + … in share order, element by element: the same bits however the elements are split.
        const std::ptrdiff_t n = std::ptrdiff_t(m_gradients.size());
        float* out = m_gradients.data();
#pragma omp parallel for schedule(static)
        for (std::ptrdiff_t j = 0; j < n; ++j) {
            float sum = 0.0f;
            for (int i = 0; i < shares; ++i)
                if (rows[std::size_t(i)] > 0) sum += m_replicas[std::size_t(i)]->gradients()[std::size_t(j)];
            out[j] = sum;
        }
    }
    return result;
}

BatchResult GptTrainer::trainStep(const TrainingBatch& batch)
{
    return run(batch, true);
}

BatchResult GptTrainer::evaluate(const TrainingBatch& batch)
{
    return run(batch, false);
}

const TrainableGpt<float>& GptTrainer::runOne(const std::vector<int>& tokens)
{
    TrainableGpt<float>& replica = *m_replicas.front();
    const std::vector<int> ungraded(tokens.size(), kIgnoredTarget);
    replica.forward(tokens.data(), ungraded.data(), 1, int(tokens.size()));
    return replica;
}

} // namespace attnlab::model
