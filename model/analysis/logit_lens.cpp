#include "model/analysis/logit_lens.h"

#include "model/checkpoints/language_model.h"
#include "model/tokenizers/tokenizer.h"

#include <cmath>

namespace attnlab::model {

Result<LogitLens> logitLens(const LanguageModel& model, const Trace& trace, const Tokenizer* tokenizer,
                            const std::atomic<bool>* cancelled)
{
    using R = Result<LogitLens>;
    const ModelConfig& c = model.config();
    const int T = int(trace.tokens.size());
    if (int(trace.layers.size()) != c.layers)
        return R::failure(QStringLiteral("the logit lens reads the stream after every layer; this trace has %1 of %2 "
                                         "layers")
                              .arg(trace.layers.size())
                              .arg(c.layers));
    const double perToken = double(c.layers) * double(c.vocab) * double(c.dModel);
    if (double(T) * perToken > kLogitLensWorkLimit)
        return R::failure(QStringLiteral("the logit lens of %1 tokens through %2 layers would take too long: at most %3 "
                                         "tokens of this model")
                              .arg(T)
                              .arg(c.layers)
                              .arg(int(std::floor(kLogitLensWorkLimit / perToken))));
    LogitLens lens;
    for (const LayerTrace& layer : trace.layers) {
        if (cancelRequested(cancelled)) return R::failure(cancelledMessage());
        const TraceMatrix& stream = layer.residual.output;
        const MatrixF floats = stream.floats() ? *stream.floats() : MatrixF(stream.toDouble().cast<float>());
        std::vector<Prediction> predictions = model.lensPredictions(floats);
        if (predictions.empty())
            return R::failure(QStringLiteral("%1 has no language-model head to read the layers with").arg(model.name()));
        if (tokenizer)
            for (Prediction& p : predictions)
                for (const auto& [id, probability] : p.top)
                    p.texts << tokenizer->displayText(id);
        lens.layers.push_back(std::move(predictions));
    }
    return lens;
}

} // namespace attnlab::model
