#pragma once

// One head's queries and keys in one picture (AttentionViz: Yeh et al. 2023, "AttentionViz: A Global View of
// Transformer Attention", IEEE VIS, §5.1.1 "Vector normalization"): the queries and the keys are drawn as points of
// one shared space, so that a query lies near the keys it attends to. Before projecting, the paper uses the two
// freedoms the attention weights leave:
//
//   key translation  k_j ← k_j + t for every key: q · (k_j + t) = q · k_j + q · t adds the same number to every
//                    score of a query's row, which the row's softmax removes, so no weight changes. AttentionViz
//                    chooses t = mean(q) − mean(k): the keys' centroid moves onto the queries' centroid, and the
//                    two clouds overlap instead of sitting apart.
//   scaling          q_i ← c · q_i, k_j ← k_j / c leaves every q · k unchanged. AttentionViz chooses c so that the
//                    queries and the keys have the same mean norm (distance to the origin): c = √(mean‖k‖ / mean‖q‖)
//                    of the translated keys, so that neither cloud is a dot in the middle of the other.
//
// Translation first, then scaling, as the paper lists them; after scaling the centroids are c · mean(q) and
// mean(q) / c, which coincide when the queries' centroid is the origin or c = 1. Then, where the paper runs t-SNE
// or UMAP over many sentences, AttentionViz's PCA option (deterministic, and exact for a single sentence) is used:
// the stacked T + S points are centred on their mean and projected on the top two principal components, the
// eigenvectors of their covariance (d_k, d_k) of largest eigenvalue. Distances between projected points are the
// distances of the normalised points up to the variance the other components hold (exactly, when d_k ≤ 2).
//
// Each component's sign is fixed, so that a figure does not flip between runs or platforms: the component's entry
// of largest magnitude (the first of equal ones) is positive.

#include "model/core/matrix_types.h"

#include <vector>

namespace attnlab::model {

struct HeadTrace;

struct QkProjection {
    Matrix queries;            // (T, 2) each query's coordinates on the two components
    Matrix keys;               // (S, 2) each key's coordinates, in the same space
    double explained[2] = {0, 0}; // the fraction of the total variance along each component (0 when there is none)
    RowVector keyShift;        // (d_k) t = mean(q) − mean(k), added to every key before scaling
    double queryScale = 1.0;   // c: queries × c, keys ÷ c (1 when either mean norm is 0)
    Matrix components;         // (d_k, 2) the principal directions (unit columns; a zero column where there is none)
    RowVector mean;            // (d_k) the mean of the normalised points, the origin of the picture
};

// q: (T, d_k), k: (S, d_k) -> the normalised points projected on their top two principal components. Degenerate
// input gives zeros, never NaN: no points (T + S = 0), fewer than three points (two points lie on one line:
// the second component is 0), d_k = 1 (the second coordinate is 0), all points equal (everything 0). q and k must
// have the same number of columns; when they do not, or either is empty, the result is empty.
QkProjection projectQueriesAndKeys(const Matrix& q, const Matrix& k);

// The same for a head of a trace: its q (T, d_k) and k (S, d_k) as stored (after RoPE where the model has it).
QkProjection projectHeadQueriesAndKeys(const HeadTrace& head);

// The keys a query attends to most: the indices of the `count` largest entries of weights (S), largest first, ties
// by the lower index; keys of weight at most floor (0: masked, or nothing left) are never among them.
std::vector<int> strongestKeys(const RowVector& weights, int count, double floor = 0.0);

} // namespace attnlab::model
