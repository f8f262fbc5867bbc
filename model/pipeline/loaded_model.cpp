#include "model/pipeline/loaded_model.h"

#include "model/checkpoints/llama2c_checkpoint.h"

#include <QFileInfo>

namespace attnlab::model {

QString tokenizerBeside(const QString& modelPath)
{
    return QFileInfo(modelPath).isDir() ? modelPath : model::llama2cTokenizerBeside(modelPath);
}

model::Result<LoadedModel> loadModel(const QString& modelPath, const QString& tokenizerPath)
{
    using R = model::Result<LoadedModel>;
    LoadedModel loaded;
    // The model first: what is wrong with it (not a checkpoint at all, say) matters more than its tokenizer.
    auto checkpoint = model::LanguageModel::load(modelPath);
    if (!checkpoint) return R::failure(checkpoint.error());
    loaded.tokenizerPath = tokenizerPath.isEmpty() ? tokenizerBeside(modelPath) : tokenizerPath;
    if (loaded.tokenizerPath.isEmpty())
        return R::failure(QStringLiteral("%1: no tokenizer found beside the checkpoint (tokenizer.bin); give one "
                                         "with --tokenizer")
                              .arg(modelPath));
    auto tokenizer = model::Tokenizer::load(loaded.tokenizerPath);
    if (!tokenizer) return R::failure(tokenizer.error());
    loaded.model = std::move(checkpoint).value();
    loaded.tokenizer = std::move(tokenizer).value();
    return loaded;
}

QStringList displayTokens(const model::Tokenizer& tokenizer, const std::vector<int>& ids)
{
    QStringList tokens;
    tokens.reserve(qsizetype(ids.size()));
    for (int id : ids)
        tokens << tokenizer.displayText(id);
    return tokens;
}

} // namespace attnlab::model
