#include "model/training/training_head_scores.h"

#include "model/trace/head_scores.h"

namespace attnlab::model {

HeadScoreSample scoreSnapshotHeads(const AttentionSnapshot& probe, const AttentionSnapshot& repeated)
{
    HeadScoreSample s;
    s.step = probe.step;
    const std::size_t heads = std::size_t(probe.layers) * std::size_t(probe.heads);
    s.previousToken.reserve(heads);
    s.firstToken.reserve(heads);
    s.diagonal.reserve(heads);
    s.induction.reserve(heads);
    for (int l = 0; l < probe.layers; ++l)
        for (int h = 0; h < probe.heads; ++h) {
            const Eigen::Map<const MatrixF> a(probe.map(l, h), probe.length, probe.length);
            s.previousToken.push_back(previousTokenScore(a));
            s.firstToken.push_back(firstTokenScore(a));
            s.diagonal.push_back(diagonalScore(a));
            const bool same = repeated.layers == probe.layers && repeated.heads == probe.heads;
            s.induction.push_back(same ? inductionScore(Eigen::Map<const MatrixF>(repeated.map(l, h), repeated.length,
                                                                                  repeated.length),
                                                        repeated.tokens)
                                       : 0.0);
        }
    return s;
}

} // namespace attnlab::model
