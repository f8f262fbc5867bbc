#pragma once

// What kind of head a head is, read from its attention weights A (T × T, row i the query, column j the key;
// causal and row-stochastic: A(i, j) = 0 for j > i and each row sums to 1). Each score is a mean of attention
// weights, so it lies in [0, 1]; 1 means the head does exactly that at every query, and a uniform causal head
// scores the mean of 1/(i + 1) over the queries counted.
//
// - previous token: the mean over queries i ≥ 1 of A(i, i − 1) (Elhage et al. 2021's previous-token head; the
//   first half of an induction circuit).
// - first token (attention sink): the mean over queries i ≥ 1 of A(i, 0) (query 0 can attend only to
//   itself, so it says nothing and is left out).
// - diagonal (self): the mean over all queries i of A(i, i).
// - duplicate token: for each query i whose token occurred earlier, the weight on ALL earlier positions j < i
//   with the same token, Σ_{j<i, ids[j] = ids[i]} A(i, j); the mean over those queries (Olsson et al. 2022's
//   duplicate-token head). Unlike induction, a repeat just before the query (j = i − 1) counts.
// - entropy: the mean over all queries i of the row's Shannon entropy −Σ_j A(i, j) ln A(i, j) (0 ln 0 = 0), in
//   nats and NOT normalised: it lies in [0, ln T], 0 for a head that puts all its weight on one key at every
//   query, ln(i + 1) at a query i that attends uniformly to its i + 1 causal keys (divide by ln of the number
//   of keys for a fraction of the most a row can have). Low entropy is a sharp head, high a diffuse one.
// - induction: for each query i whose token appeared before, at the latest earlier position j (the occurrence
//   nearest to i, which is the one an induction head copies from in a repeated sequence), the weight on the
//   token that followed it, A(i, j + 1); the mean over those queries. Queries with j = i − 1 (the same token
//   twice in a row, where "the token after it" is the query itself) are left out. On the standard probe
//   (repeatedRandomTokens: n distinct random tokens, then the same n again) the queries counted are exactly
//   the second copy's, j = i − n, and the score is the mean of A(i, i − n + 1) over i in [n, 2n), as Olsson
//   et al. (2022) and TransformerLens measure it.
//
// A score with no query to count (T < 2; no repeated token for induction and duplicate token; no rows for
// entropy) is 0.

#include "model/core/enum_names.h"
#include "model/core/matrix_types.h"
#include "model/core/random.h"

#include <Eigen/Core>

#include <QString>
#include <QStringList>

#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

namespace attnlab::model {

struct Trace;

template <typename Derived> double previousTokenScore(const Eigen::MatrixBase<Derived>& a)
{
    const Eigen::Index t = std::min(a.rows(), a.cols() + 1);
    if (t < 2) return 0.0;
    double sum = 0.0;
    for (Eigen::Index i = 1; i < t; ++i)
        sum += double(a(i, i - 1));
    return sum / double(t - 1);
}

template <typename Derived> double firstTokenScore(const Eigen::MatrixBase<Derived>& a)
{
    if (a.rows() < 2 || a.cols() < 1) return 0.0;
    double sum = 0.0;
    for (Eigen::Index i = 1; i < a.rows(); ++i)
        sum += double(a(i, 0));
    return sum / double(a.rows() - 1);
}

template <typename Derived> double diagonalScore(const Eigen::MatrixBase<Derived>& a)
{
    const Eigen::Index t = std::min(a.rows(), a.cols());
    if (t < 1) return 0.0;
    double sum = 0.0;
    for (Eigen::Index i = 0; i < t; ++i)
        sum += double(a(i, i));
    return sum / double(t);
}

// Entropy of the rows of a, in nats, mean over the rows (see above). Negative or zero entries add nothing.
template <typename Derived> double entropyScore(const Eigen::MatrixBase<Derived>& a)
{
    if (a.rows() < 1) return 0.0;
    double sum = 0.0;
    for (Eigen::Index i = 0; i < a.rows(); ++i)
        for (Eigen::Index j = 0; j < a.cols(); ++j) {
            const double w = double(a(i, j));
            if (w > 0.0) sum -= w * std::log(w);
        }
    return sum / double(a.rows());
}

// a (T × T), ids (T) -> the duplicate-token score above. Queries beyond a's rows, keys beyond its columns are
// not counted.
template <typename Derived>
double duplicateTokenScore(const Eigen::MatrixBase<Derived>& a, const std::vector<int>& ids)
{
    double sum = 0.0;
    int counted = 0;
    const Eigen::Index t = std::min(a.rows(), Eigen::Index(ids.size()));
    for (Eigen::Index i = 1; i < t; ++i) {
        bool repeated = false;
        double weight = 0.0;
        for (Eigen::Index j = 0; j < i; ++j)
            if (ids[std::size_t(j)] == ids[std::size_t(i)]) {
                repeated = true;
                if (j < a.cols()) weight += double(a(i, j));
            }
        if (!repeated) continue;
        sum += weight;
        ++counted;
    }
    return counted > 0 ? sum / counted : 0.0;
}

// For each position i, the latest j < i with ids[j] == ids[i] whose next token j + 1 is not i itself; −1 when
// there is none. The queries inductionScore counts.
std::vector<int> inductionSources(const std::vector<int>& ids);

// a (T × T), ids (T) -> the induction score above. Queries beyond a's rows are not counted.
template <typename Derived>
double inductionScore(const Eigen::MatrixBase<Derived>& a, const std::vector<int>& ids)
{
    const std::vector<int> sources = inductionSources(ids);
    double sum = 0.0;
    int counted = 0;
    for (Eigen::Index i = 0; i < Eigen::Index(sources.size()) && i < a.rows(); ++i) {
        const int j = sources[std::size_t(i)];
        if (j < 0 || j + 1 >= a.cols()) continue;
        sum += double(a(i, j + 1));
        ++counted;
    }
    return counted > 0 ? sum / counted : 0.0;
}

// The standard induction probe: `half` random token ids in [0, vocab), then the same `half` again (2·half
// ids). The first half has no repeated token when vocab ≥ half (drawn without replacement), so that every
// query of the second copy, and only those, has an earlier occurrence, exactly `half` positions back; with a
// smaller vocabulary the tokens are drawn with replacement. vocab ≥ 1, half ≥ 0.
std::vector<int> repeatedRandomTokens(int vocab, int half, SeededRandom& random);

// The six scores of every head of a trace: (layers, heads) matrices, entry (l, h) for head h of layer l (0
// where a layer has fewer heads). induction and duplicate use trace.tokenIds; without ids (or without a
// repeated token) they are all 0 and hasInduction / hasDuplicate false.
struct HeadPatternScores {
    Matrix previousToken, firstToken, diagonal, induction, duplicate, entropy;
    bool hasInduction = false; // some query has an earlier occurrence of its token, not just before it
    bool hasDuplicate = false; // some query has an earlier occurrence of its token
};
HeadPatternScores headPatternScores(const Trace& trace);

// The head roles a trace carries (Trace::headRoles, computed on the worker when a view or the command line asks
// for them): the six scores of every head as (layers, heads) matrices, entry (l, h) for head h of layer l. All
// but induction are measured on the trace itself; induction on the induction probe (computeInductionProbe:
// random tokens, then the same again), whose ids and tokens are kept here. Typed matrices have no model to run
// the probe on, and the probe can fail: then induction is all 0, hasInduction false and inductionNote says why.
// Cross-attention (a memory text) has no roles at all: every matrix is empty and unavailable says why.
struct HeadRoles {
    Matrix previousToken, induction, firstToken, diagonal, duplicate, entropy;
    bool hasInduction = false;     // induction was measured on the probe
    bool hasDuplicate = false;     // some token of the trace occurs twice (else duplicate is all 0)
    QString inductionNote;         // why not, when hasInduction is false
    QString unavailable;           // non-empty: no scores at all, for this reason
    std::vector<int> probeTokenIds; // (2n) the probe's token ids: n random ids, then the same n
    QStringList probeTokens;        // (2n) the probe's tokens as the tokenizer shows them
};

// The six scores by name: the keys of `run --head-scores`'s JSON, `export --view roles --score NAME`, and the
// roles view's selector, in its order.
enum class HeadRole { PreviousToken, Induction, FirstToken, Diagonal, Duplicate, Entropy };
inline constexpr std::array<EnumName<HeadRole>, 6> kHeadRoleNames{{{HeadRole::PreviousToken, "previous_token"},
                                                                   {HeadRole::Induction, "induction"},
                                                                   {HeadRole::FirstToken, "first_token"},
                                                                   {HeadRole::Diagonal, "diagonal"},
                                                                   {HeadRole::Duplicate, "duplicate"},
                                                                   {HeadRole::Entropy, "entropy"}}};

// roles' (layers, heads) matrix of one score.
const Matrix& roleScores(const HeadRoles& roles, HeadRole role);

// trace's pattern scores with induction from probe's (null: none, and why in inductionNote). A probe whose
// heads have another shape than the trace's gives no induction either.
HeadRoles headRolesOf(const Trace& trace, const Trace* probe, const QString& inductionNote = {});

} // namespace attnlab::model
