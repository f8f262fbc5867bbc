#pragma once

// A trained checkpoint that turns token ids into a full Trace (GPT-2, GPT-NeoX, the BERT encoders, the Llama
// family), loaded from a Hugging Face folder (config.json + model.safetensors) or a llama2.c .bin file. The app
// holds one of these and runs it off the GUI thread; run() is const and may be called from any thread.

#include "model/core/cancellation.h"
#include "model/checkpoints/checkpoint_reader.h"
#include "model/checkpoints/stored_weight.h"
#include "model/checkpoints/model_config.h"
#include "model/attention/ablation.h"
#include "model/attention/positional_encoding.h"
#include "model/core/result.h"
#include "model/checkpoints/safetensors.h"
#include "model/trace/trace.h"
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
        // What is switched off: after a layer's heads attend, ablateHeadsF; before its MLP output joins the
        // stream, ablateMlpRows.
        const Ablation& ablation;
        // Resuming: layers before firstLayer are not computed; the forward starts from `start` (T, d), the
        // stream entering firstLayer, and trace.layers holds the layers from firstLayer on.
        int firstLayer = 0;
        MatrixF start;
        // The stream entering the first layer computed: the embeddings, or `start` when resuming.
        template <typename Embed>
        MatrixF firstStream(Embed&& embed) const
        {
            return firstLayer > 0 ? start : MatrixF(embed());
        }

        // The head as forward() hands it over: logits (T, vocab) = hidden · weightᵀ + bias. run() computes them a
        // chunk of the vocabulary at a time for the predictions instead of all at once (GPT-2's logits of 1024
        // tokens are 200 MB, more than a layer's attention weights).
        struct Head {
            MatrixF hidden;    // (T, d) the final stream after the final norm (BERT: after its MLM transform)
            StoredWeight weight; // (vocab, d) the unembedding, or the tied token embedding
            RowVectorF bias;   // (vocab) or empty
        };
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
    // stream (T, d), as the last layer (or any layer, for the logit lens) leaves it -> what the language-model
    // head multiplies: the final norm applied (BERT: its MLM transform), the unembedding and its bias; nullopt for
    // an encoder without a head. forward() hands this to setHead.
    virtual std::optional<ForwardPass::Head> outputHead(const MatrixF& stream) const = 0;
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
