#include "model/trace/head_scores.h"

#include "model/trace/trace.h"

#include <algorithm>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

namespace attnlab::model {

std::vector<int> inductionSources(const std::vector<int>& ids)
{
    std::vector<int> sources(ids.size(), -1);
    std::unordered_map<int, int> latest; // token id -> its latest position so far
    for (int i = 0; i < int(ids.size()); ++i) {
        const auto found = latest.find(ids[std::size_t(i)]);
        if (found != latest.end() && found->second + 1 < i) sources[std::size_t(i)] = found->second;
        latest[ids[std::size_t(i)]] = i;
    }
    return sources;
}

std::vector<int> repeatedRandomTokens(int vocab, int half, SeededRandom& random)
{
    std::vector<int> ids;
    ids.reserve(std::size_t(std::max(0, 2 * half)));
    if (vocab >= half) {
        // A partial Fisher–Yates shuffle of 0..vocab−1: the first `half` entries, each drawn from those left.
        std::vector<int> pool(static_cast<std::size_t>(vocab));
        std::iota(pool.begin(), pool.end(), 0);
        for (int i = 0; i < half; ++i) {
            const int pick = i + int(random.below(std::uint32_t(vocab - i)));
            std::swap(pool[std::size_t(i)], pool[std::size_t(pick)]);
            ids.push_back(pool[std::size_t(i)]);
        }
    } else {
        for (int i = 0; i < half; ++i)
            ids.push_back(int(random.below(std::uint32_t(vocab))));
    }
    const std::size_t n = ids.size();
    for (std::size_t i = 0; i < n; ++i)
        ids.push_back(ids[i]);
    return ids;
}

HeadPatternScores headPatternScores(const Trace& trace)
{
    HeadPatternScores s;
    const Eigen::Index layers = Eigen::Index(trace.layers.size());
    Eigen::Index heads = 0;
    for (const LayerTrace& layer : trace.layers)
        heads = std::max(heads, Eigen::Index(layer.heads.size()));
    for (Matrix* m : {&s.previousToken, &s.firstToken, &s.diagonal, &s.induction, &s.duplicate, &s.entropy})
        m->setZero(layers, heads);
    const std::vector<int> sources = inductionSources(trace.tokenIds);
    s.hasInduction = std::any_of(sources.begin(), sources.end(), [](int j) { return j >= 0; });
    std::unordered_set<int> seen;
    for (int id : trace.tokenIds)
        if (!seen.insert(id).second) s.hasDuplicate = true;
    for (Eigen::Index l = 0; l < layers; ++l) {
        const LayerTrace& layer = trace.layers[std::size_t(l)];
        for (Eigen::Index h = 0; h < Eigen::Index(layer.heads.size()); ++h) {
            const TraceMatrix& weights = layer.heads[std::size_t(h)].weights;
            if (weights.size() == 0) continue;
            weights.visit([&](const auto& a) {
                s.previousToken(l, h) = previousTokenScore(a);
                s.firstToken(l, h) = firstTokenScore(a);
                s.diagonal(l, h) = diagonalScore(a);
                if (s.hasInduction) s.induction(l, h) = inductionScore(a, trace.tokenIds);
                if (s.hasDuplicate) s.duplicate(l, h) = duplicateTokenScore(a, trace.tokenIds);
                s.entropy(l, h) = entropyScore(a);
            });
        }
    }
    return s;
}

const Matrix& roleScores(const HeadRoles& roles, HeadRole role)
{
    switch (role) {
    case HeadRole::PreviousToken: return roles.previousToken;
    case HeadRole::Induction: return roles.induction;
    case HeadRole::FirstToken: return roles.firstToken;
    case HeadRole::Diagonal: return roles.diagonal;
    case HeadRole::Duplicate: return roles.duplicate;
    case HeadRole::Entropy: return roles.entropy;
    }
    return roles.previousToken;
}

HeadRoles headRolesOf(const Trace& trace, const Trace* probe, const QString& inductionNote)
{
    HeadPatternScores own = headPatternScores(trace);
    HeadRoles roles;
    roles.previousToken = std::move(own.previousToken);
    roles.firstToken = std::move(own.firstToken);
    roles.diagonal = std::move(own.diagonal);
    roles.duplicate = std::move(own.duplicate);
    roles.entropy = std::move(own.entropy);
    roles.hasDuplicate = own.hasDuplicate;
    roles.induction = Matrix::Zero(roles.previousToken.rows(), roles.previousToken.cols());
    roles.inductionNote = inductionNote;
    if (!probe) return roles;
    HeadPatternScores probed = headPatternScores(*probe);
    if (probed.induction.rows() != roles.induction.rows() || probed.induction.cols() != roles.induction.cols()) {
        roles.inductionNote = QStringLiteral("the induction probe's trace has another shape of heads");
        return roles;
    }
    roles.induction = std::move(probed.induction);
    roles.hasInduction = true;
    roles.inductionNote.clear();
    roles.probeTokenIds = probe->tokenIds;
    roles.probeTokens = probe->tokens;
    return roles;
}

} // namespace attnlab::model
