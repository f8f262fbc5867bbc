#include "model/analysis/activation_patching.h"

#include "model/checkpoints/language_model.h"
#include "model/kernels/float_layers.h"
#include "model/trace/trace.h"

#include <array>
#include <cmath>

namespace attnlab::model {

namespace {

// hidden (k, d) through the head -> the metric of each row, in double.
std::vector<double> patchingMetric(const LanguageModel::OutputHead& head, const MatrixF& hidden, const PatchingQuery& query)
{
    if (query.wrong < 0)
        return logProbabilities(hidden, head.weight, head.bias, std::vector<int>(size_t(hidden.rows()), query.target));
    // logit(target) − logit(wrong) = hidden · (w_target − w_wrong) + (b_target − b_wrong)
    const MatrixF rows = head.weight.gatherRows({query.target, query.wrong});
    const Eigen::VectorXd direction = (rows.row(0).cast<double>() - rows.row(1).cast<double>()).transpose();
    const double offset = head.bias.size() > 0 ? double(head.bias(query.target)) - double(head.bias(query.wrong)) : 0.0;
    std::vector<double> metric(size_t(hidden.rows()));
    for (Eigen::Index r = 0; r < hidden.rows(); ++r)
        metric[size_t(r)] = hidden.row(r).cast<double>().dot(direction.transpose()) + offset;
    return metric;
}

// Whether the first n rows of two stored matrices are equal entry for entry (a patch of them changes nothing).
bool sameRows(const TraceMatrix& a, const TraceMatrix& b, Eigen::Index n)
{
    if (a.rows() < n || b.rows() < n || a.cols() != b.cols()) return false;
    for (Eigen::Index r = 0; r < n; ++r)
        for (Eigen::Index c = 0; c < a.cols(); ++c)
            if (a(r, c) != b(r, c)) return false;
    return true;
}

bool sameRow(const TraceMatrix& a, const TraceMatrix& b, Eigen::Index row)
{
    for (Eigen::Index c = 0; c < a.cols(); ++c)
        if (a(row, c) != b(row, c)) return false;
    return true;
}

MatrixF floatMatrix(const TraceMatrix& m)
{
    if (const MatrixF* f = m.floats()) return *f;
    return m.toDouble().cast<float>();
}

} // namespace

Result<ActivationPatching> activationPatching(const LanguageModel& model, const Trace& clean, const Trace& corrupted,
                                              const PatchingQuery& query, const std::atomic<bool>* cancelled)
{
    using R = Result<ActivationPatching>;
    const ModelConfig& config = model.config();
    const int T = int(corrupted.tokenIds.size());
    if (int(clean.tokenIds.size()) != T)
        return R::failure(QStringLiteral("the clean input has %1 tokens and the corrupted one %2; patching pairs them "
                                         "token by token, so both need the same number")
                              .arg(clean.tokenIds.size())
                              .arg(T));
    if (int(clean.layers.size()) != config.layers || int(corrupted.layers.size()) != config.layers)
        return R::failure(QStringLiteral("patching needs the traces of every layer of the model"));
    if (!clean.ablation.empty() || !corrupted.ablation.empty())
        return R::failure(QStringLiteral("patching compares the model as trained; leave out the ablation"));
    const int position = query.position < 0 ? T - 1 : query.position;
    if (position >= T)
        return R::failure(QStringLiteral("token %1 is outside the text (1 to %2)").arg(position + 1).arg(T));
    if (query.target < 0) return R::failure(QStringLiteral("patching needs a target token"));
    for (const int id : {query.target, query.wrong})
        if (id >= config.vocab || id < -1)
            return R::failure(QStringLiteral("token id %1 is outside the vocabulary (0 to %2)").arg(id).arg(config.vocab - 1));
    if (query.target == query.wrong)
        return R::failure(QStringLiteral("the target and the wrong token are the same token; their difference is always 0"));

    ActivationPatching result;
    result.position = position;
    result.target = query.target;
    result.wrong = query.wrong;
    const MatrixF cleanOutput = floatMatrix(clean.output).middleRows(position, 1);
    const MatrixF corruptedOutput = floatMatrix(corrupted.output).middleRows(position, 1);
    const auto head = model.outputHead(cleanOutput);
    if (!head) return R::failure(QStringLiteral("%1 has no language-model head to predict with").arg(model.name()));
    result.clean = patchingMetric(*head, head->hidden, query).front();
    result.corrupted = patchingMetric(*head, model.outputHead(corruptedOutput)->hidden, query).front();
    const double gap = result.clean - result.corrupted;
    // Below 1e-4 (relative), the difference is the float32 forward's rounding, and fractions of it are noise.
    if (!std::isfinite(gap) || std::abs(gap) < 1e-4 * std::max(1.0, std::abs(result.clean)))
        return R::failure(QStringLiteral("the clean and corrupted inputs give the same %1 (%2): there is no difference "
                                         "to restore")
                              .arg(query.wrong >= 0 ? QStringLiteral("logit difference") : QStringLiteral("log-probability"))
                              .arg(result.clean, 0, 'g', 6));

    // A decoder's token sees only itself and those before it: the runs stop at the position, and the sites after
    // it restore nothing.
    const int n = model.causal() ? position + 1 : T;
    result.heads = Matrix::Zero(config.layers, config.heads);
    result.residual = Matrix::Zero(config.layers, T);
    result.mlp = Matrix::Zero(config.layers, T);
    std::vector<QString> errors(static_cast<size_t>(config.layers));
    // The layers' reruns are independent: each core takes whole layers (Eigen's products single-threaded inside),
    // and each layer writes its own rows of the grids.
#pragma omp parallel for schedule(dynamic, 1)
    for (int l = 0; l < config.layers; ++l) {
        // Every patch of this layer starts its rerun here: heads, the stream entering it, its MLP. Each kind
        // reruns on its own: a head or MLP patch leaves the layer's input as the corrupted trace has it, so its
        // heads need not attend again, and only an MLP patch of the last layer needs every row of that layer
        // (LanguageModel::rerunFrom).
        enum Kind { Head, Residual, Mlp, Kinds };
        std::array<std::vector<LanguageModel::Rerun>, Kinds> reruns;
        std::array<std::vector<int>, Kinds> sites; // head or token of each rerun
        const LayerTrace& cleanLayer = clean.layers[size_t(l)];
        const LayerTrace& corruptedLayer = corrupted.layers[size_t(l)];
        for (int h = 0; h < config.heads; ++h) {
            if (sameRows(cleanLayer.heads[size_t(h)].output, corruptedLayer.heads[size_t(h)].output, n)) continue;
            LanguageModel::Rerun rerun;
            rerun.patch.heads = {{l, h}};
            reruns[Head].push_back(rerun);
            sites[Head].push_back(h);
        }
        for (int t = 0; t < n; ++t) {
            if (!sameRow(cleanLayer.residual.input, corruptedLayer.residual.input, t)) {
                LanguageModel::Rerun rerun;
                rerun.sourceRow = t;
                reruns[Residual].push_back(rerun);
                sites[Residual].push_back(t);
            }
            if (!sameRow(cleanLayer.residual.mlpOutput, corruptedLayer.residual.mlpOutput, t)) {
                LanguageModel::Rerun rerun;
                rerun.patch.mlps = {{l, t}};
                reruns[Mlp].push_back(rerun);
                sites[Mlp].push_back(t);
            }
        }
        for (int kind = 0; kind < Kinds; ++kind) {
            if (reruns[size_t(kind)].empty()) continue;
            const auto out = model.rerunFrom(corrupted, l, n, position, reruns[size_t(kind)], &clean, cancelled);
            if (!out) {
                errors[size_t(l)] = out.error();
                break;
            }
            const std::vector<double> metric = patchingMetric(*out, out->hidden, query);
            Matrix& grid = kind == Head ? result.heads : kind == Residual ? result.residual : result.mlp;
            for (size_t i = 0; i < metric.size(); ++i)
                grid(l, sites[size_t(kind)][i]) = (metric[i] - result.corrupted) / gap;
        }
    }
    for (const QString& error : errors)
        if (!error.isEmpty()) return R::failure(error);
    if (cancelRequested(cancelled)) return R::failure(cancelledMessage());
    return result;
}

} // namespace attnlab::model
