#pragma once

// A trained checkpoint that turns token ids into a full Trace (GPT-2, GPT-NeoX, the BERT encoders, the Llama
// family), loaded from a Hugging Face folder (config.json + model.safetensors) or a llama2.c .bin file. The app
// holds one of these and runs it off the GUI thread; run() is const and may be called from any thread.

#include "model/core/cancellation.h"
#include "model/checkpoints/checkpoint_reader.h"
#include "model/checkpoints/stored_weight.h"
#include "model/checkpoints/model_config.h"
#include "model/attention/ablation.h"
#include "model/attention/activation_patch.h"
#include "model/attention/positional_encoding.h"
#include "model/core/result.h"
#include "model/checkpoints/safetensors.h"
#include "model/trace/trace.h"
#include "model/kernels/float_layers.h"
#include "model/attention/transformer_block.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace attnlab::model {

class LanguageModel {
public:
    // path: a model folder or a llama2.c .bin -> the model, or one error naming the file and the problem
    // (unsupported architecture, missing or malformed tensor, …).
    static Result<std::shared_ptr<LanguageModel>> load(const QString& path);

    virtual ~LanguageModel();
    LanguageModel(const LanguageModel&) = delete;
    LanguageModel& operator=(const LanguageModel&) = delete;

    // ids (T), tokens (T, or empty: the ids are shown) -> the full trace of one forward pass. Causal models
    // add the top-5 next-token predictions at every position. logits, when given, receives the raw logits
    // (T, vocab) (or, for an encoder without an LM head, stays empty). When *cancelled becomes true (another
    // thread), the run stops after the layer it is in and fails with cancelledMessage(). layers > 0 runs
    // only the first `layers` layers (a long text whose full trace would not fit in memory): the trace says
    // so in its warnings and has no predictions and no logits, which need every layer. *progress, when given,
    // says which layer runs (RunProgress).
    // Fails, naming the model, for no tokens, more tokens than the model's positions, an id outside the
    // vocabulary, or a number of token texts other than of ids. Every architecture shares these checks and
    // the trace's bookkeeping; forward() computes.
    Result<Trace> run(const std::vector<int>& ids, const QStringList& tokens, MatrixF* logits = nullptr,
                      const std::atomic<bool>* cancelled = nullptr, int layers = 0,
                      RunProgress* progress = nullptr) const;

    // The same with every option by name, and an ablation: heads and MLPs switched off (ablation.h), which
    // also fails, naming it, for a head or layer the model does not have. The trace records the ablation.
    struct RunOptions {
        MatrixF* logits = nullptr;
        const std::atomic<bool>* cancelled = nullptr;
        int layers = 0;
        RunProgress* progress = nullptr;
        Ablation ablation;
        // Activation patching (activation_patch.h): what the run takes from patchSource, this model's trace of
        // another input of at least as many tokens, instead of computing it. Both or neither.
        ActivationPatch patch;
        const Trace* patchSource = nullptr;
    };
    Result<Trace> run(const std::vector<int>& ids, const QStringList& tokens, const RunOptions& options) const;

    // What each head contributes to the prediction at `position` (Δ log p when it alone is switched off): for every
    // head of every layer, in turn, the forward is rerun from that head's layer on, the layers below reused from
    // `trace` (this model's trace of these ids, all layers run), and only `position`'s logits computed.
    // target: the token whose log-probability is measured (usually the prediction at `position` as trained).
    // -> (layers, heads) log p(target | head off) − log p(target) at `position`. Fails when stopped, for a
    // position outside the trace, or a trace of fewer layers or with an ablation. Mean ablation replaces a head's
    // output by its mean over every position of the trace's input, as run() does.
    Result<Matrix> headAblationEffects(const Trace& trace, int position, int target, AblationMode mode,
                                       const std::atomic<bool>* cancelled = nullptr) const;

    // What the output reads: logits (T, vocab) = hidden · weightᵀ + bias.
    struct OutputHead {
        MatrixF hidden;      // (T, d) the final stream after the final norm (BERT: after its MLM transform)
        StoredWeight weight; // (vocab, d) the unembedding, or the tied token embedding
        RowVectorF bias;     // (vocab) or empty
    };
    // stream (T, d), as the last layer (or any layer, for the logit lens) leaves it -> what the language-model
    // head multiplies: the final norm applied (BERT: its MLM transform), the unembedding and its bias; nullopt for
    // an encoder without a head. forward() hands this to setHead.
    virtual std::optional<OutputHead> outputHead(const MatrixF& stream) const = 0;

    // One of several reruns of the model from a layer on (rerunFrom): what it changes.
    struct Rerun {
        Ablation ablation;     // switched off (ablation.h), in its own mode
        ActivationPatch patch; // taken from the source trace (activation_patch.h)
        int sourceRow = -1;    // ≥ 0: the stream entering the first layer takes this row from the source trace
    };
    // Many reruns at once, each the forward of the first n tokens of `trace` (this model's trace of every layer,
    // nothing switched off) from layer firstLayer on, starting from the stream the trace keeps entering it, with
    // its own changes; source: the trace the patches read (this model, at least n tokens; nullptr when no rerun
    // patches). The reruns go through the model as blocks of one pass that a block-diagonal mask keeps apart,
    // at most 1024 rows a pass; the first layer's heads are the trace's own unless a rerun patches the stream
    // entering it, and the last layer computes `position` alone unless a rerun changes the last MLP. -> the output head of every rerun's final stream at `position` (< n): hidden
    // (reruns, d). Fails when stopped, for a trace of fewer layers, or a model without a language-model head.
    Result<OutputHead> rerunFrom(const Trace& trace, int firstLayer, int n, int position, const std::vector<Rerun>& reruns,
                                 const Trace* source = nullptr, const std::atomic<bool>* cancelled = nullptr) const;

    // The logit lens: the stream a layer leaves, (T, d), as the model's output would read it had it stopped
    // there (its final norm and unembedding; BERT: its MLM head) -> the top predictions at every position; empty
    // for an encoder without an LM head.
    std::vector<Prediction> lensPredictions(const MatrixF& stream) const;

    const ModelConfig& config() const { return m_config; }
    // The folder's (or file's) base name: what the status bar and the trace call it.
    const QString& name() const { return m_name; }
    // Where it was loaded from.
    const QString& path() const { return m_path; }
    // Number of weights (tied matrices counted once).
    std::int64_t parameterCount() const { return m_parameters; }
    // The weights' memory as the model holds them: 4 bytes a float32 parameter, 2 an F16/BF16 one kept as stored.
    std::int64_t weightBytes() const { return m_weightBytes; }
    // Some weights are kept as F16/BF16 and converted to float32 a layer at a time as the forward runs.
    bool convertsPerLayer() const { return m_weightBytes < m_parameters * std::int64_t(sizeof(float)); }
    // True for decoders (GPT-2, Llama): attention is causal and the trace has predictions.
    virtual bool causal() const { return true; }
    // How it places positions and norms, fixed by its training (the toy model lets the user choose both).
    virtual PositionalKind positionalKind() const = 0;
    virtual NormPlacement normPlacement() const { return NormPlacement::Pre; }

protected:
    // What run() hands forward() once the tokens are checked and the trace is started.
    class ForwardPass {
    public:
        ForwardPass(const std::vector<int>& ids, int layers, Trace& trace, bool wantsHead,
                    const std::atomic<bool>* cancelled, RunProgress* progress = nullptr,
                    const Ablation& ablation = {})
            : ids(ids), layers(layers), trace(trace), wantsHead(wantsHead), ablation(ablation),
              m_cancelled(cancelled), m_progress(progress)
        {
        }

        const std::vector<int>& ids; // (T), each in [0, vocab), T ≤ the model's positions
        const int layers;            // how many layers to compute, 1 .. config().layers
        // Started: model name, ids, positions 0..T-1, tokens, scale (1/√dh), scaling, mask (causal for
        // decoders, none for encoders). forward() adds the embeddings, the layers and the output.
        Trace& trace;
        BoolMatrix allowed; // (T, T), trace.mask built
        // Whether forward() hands over its language-model head with setHead: false when fewer than all layers
        // run, so there is no head to compute. An encoder without a head does not set one.
        const bool wantsHead;
        // What is switched off: forward() calls ablateHeads after a layer's heads attend, and ablateMlp before
        // its MLP output joins the stream.
        const Ablation ablation;
        // Several inputs in one pass (rerunFrom): the stream is blocks of blockRows rows, one per input, that the
        // mask keeps apart, and block b switches off blockAblations[b] instead of `ablation` and takes
        // blockPatches[b] from patchSource (each empty or one per block).
        int blockRows = 0;
        std::vector<Ablation> blockAblations;
        std::vector<ActivationPatch> blockPatches;
        // The whole pass's patch (no blocks), from patchSource.
        ActivationPatch patch;
        // Reuse (rerunFrom): the first layer's heads need not attend again when every block enters that layer
        // with the stream of this trace (of every layer, heads kept): their outputs are the trace's, tiled
        // per block, before the blocks' ablations and patches change them.
        const Trace* reuseHeadsOf = nullptr;
        bool reusesHeads(int l) const { return reuseHeadsOf && l == firstLayer; }
        // -> concat (blocks · blockRows, heads · dh): head h's first blockRows rows of output in every block.
        void reuseHeads(int l, MatrixF& concat) const;
        // Narrowing (rerunFrom): when not empty, the last layer's attention output, its MLP and the output stream
        // are computed for these rows of the stream alone (each block's measured position), the other rows'
        // queries and keys still attended to. A pass that reads one row a block saves most of its last layer.
        // Never together with a change to the last layer's MLP (ablateMlp could not tell the blocks apart).
        std::vector<int> outputRows;
        bool narrowsAt(int l) const { return !outputRows.empty() && l == layers - 1; }
        // After layer l's heads attend: concat (rows, heads·dh) and the stream x (rows, d) -> their outputRows,
        // (outputRows, ·), when l is the last layer of a narrowed pass; otherwise unchanged.
        void narrow(int l, MatrixF& concat, MatrixF& x) const
        {
            if (!narrowsAt(l)) return;
            concat = MatrixF(concat(outputRows, Eigen::all));
            x = MatrixF(x(outputRows, Eigen::all));
        }
        const Trace* patchSource = nullptr;
        // Lean: a layer's heads are not kept in the trace (only its residual stream), for passes that need the
        // output alone.
        bool lean = false;

        // concat (rows, heads·dh) of layer l -> the switched-off heads' outputs replaced (ablation.h), in concat
        // and in layer's heads.
        // (Patched heads too, from patchSource: forward() calls this once per layer for both.)
        void ablateHeads(int l, int dh, MatrixF& concat, LayerTrace& layer) const
        {
            if (blockRows == 0) {
                ablateHeadsF(ablation, l, dh, concat, layer);
                if (patchSource && !patch.empty()) {
                    patchHeadColumns(patch, *patchSource, l, dh, concat);
                    for (const HeadRef& h : patch.heads)
                        if (h.layer == l) layer.heads[size_t(h.head)].output = MatrixF(concat.middleCols(Eigen::Index(h.head) * dh, dh));
                }
                return;
            }
            for (size_t b = 0; b < blockAblations.size(); ++b)
                for (int h : blockAblations[b].headsOf(l))
                    ablateRows(concat.block(Eigen::Index(b) * blockRows, Eigen::Index(h) * dh, blockRows, dh),
                               blockAblations[b].mode);
            if (patchSource)
                for (size_t b = 0; b < blockPatches.size(); ++b)
                    patchHeadColumns(blockPatches[b], *patchSource, l, dh, concat.middleRows(Eigen::Index(b) * blockRows, blockRows));
        }
        // mlp (rows, d): what layer l's MLP adds -> replaced when switched off or patched.
        void ablateMlp(int l, MatrixF& mlp) const
        {
            if (narrowsAt(l)) return; // nothing changes a narrowed layer's MLP (outputRows)
            if (blockRows == 0) {
                ablateMlpRows(ablation, l, mlp);
                if (patchSource && !patch.empty()) patchMlpRows(patch, *patchSource, l, mlp);
                return;
            }
            for (size_t b = 0; b < blockAblations.size(); ++b)
                if (blockAblations[b].ablatesMlp(l))
                    ablateRows(mlp.middleRows(Eigen::Index(b) * blockRows, blockRows), blockAblations[b].mode);
            if (patchSource)
                for (size_t b = 0; b < blockPatches.size(); ++b)
                    patchMlpRows(blockPatches[b], *patchSource, l, mlp.middleRows(Eigen::Index(b) * blockRows, blockRows));
        }
        // Adds a computed layer to the trace (lean: without its heads).
        void keepLayer(LayerTrace&& layer)
        {
            if (lean) {
                layer.heads.clear();
                layer.outputProjection = TraceMatrix();
            }
            trace.layers.push_back(std::move(layer));
        }
        // Resuming: when `start` is given, the forward starts from it, (T, d), the stream entering firstLayer
        // (layers before it are not computed, the embeddings not looked up), and trace.layers holds the layers from
        // firstLayer on.
        int firstLayer = 0;
        MatrixF start;
        // The stream entering the first layer computed: the embeddings, or `start` when given.
        template <typename Embed>
        MatrixF firstStream(Embed&& embed) const
        {
            return start.size() > 0 ? start : MatrixF(embed());
        }

        // The head as forward() hands it over: logits (T, vocab) = hidden · weightᵀ + bias. run() computes them a
        // chunk of the vocabulary at a time for the predictions instead of all at once (GPT-2's logits of 1024
        // tokens are 200 MB, more than a layer's attention weights).
        using Head = OutputHead;
        void setHead(MatrixF hidden, const StoredWeight& weight, RowVectorF bias = {})
        {
            head = Head{std::move(hidden), weight, std::move(bias)};
        }
        void setHead(std::optional<Head> h) { head = std::move(h); }
        std::optional<Head> head;

        // Asked before each layer, once: true once Stop was pressed. forward() then returns at once, and run()
        // fails with cancelledMessage(). Otherwise the next layer starts, and the progress says so.
        bool stopRequested()
        {
            m_stopped = m_stopped || cancelRequested(m_cancelled);
            if (!m_stopped && m_progress) m_progress->layer.fetch_add(1);
            return m_stopped;
        }
        bool stopped() const { return m_stopped; }

    private:
        const std::atomic<bool>* m_cancelled;
        RunProgress* m_progress;
        bool m_stopped = false;
    };

    LanguageModel() = default;
    // The architecture's forward pass: embeddings, pass.layers layers (each traced), the output stream and,
    // when pass.wantsHead, the head (setHead). Fills pass.trace's embeddings, layers and output.
    virtual void forward(ForwardPass& pass) const = 0;
    void setIdentity(const QString& path, const ModelConfig& config);
    // Adds a loaded tensor's elements to the parameter count, and its bytes as it is held.
    void count(const StoredWeight& m)
    {
        m_parameters += std::int64_t(m.size());
        m_weightBytes += std::int64_t(m.size()) * (m.isFloat() ? 4 : 2);
    }
    template <typename M>
    void count(const M& m)
    {
        m_parameters += std::int64_t(m.size());
        m_weightBytes += std::int64_t(m.size()) * std::int64_t(sizeof(float));
    }
    template <typename V>
    void countVector(const V& v)
    {
        m_parameters += std::int64_t(v.size());
        m_weightBytes += std::int64_t(v.size()) * std::int64_t(sizeof(float));
    }

    ModelConfig m_config;
    QString m_name;
    QString m_path;
    std::int64_t m_parameters = 0;
    std::int64_t m_weightBytes = 0;
    WeightStore m_weights; // what the models' WeightViews point into
};

} // namespace attnlab::model
