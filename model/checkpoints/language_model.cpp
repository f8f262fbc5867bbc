#include "model/checkpoints/language_model.h"

#include "model/checkpoints/bert_model.h"
#include "model/checkpoints/checkpoint_reader.h"
#include "model/checkpoints/checkpoint_tensors.h"
#include "model/checkpoints/gpt2_model.h"
#include "model/checkpoints/llama2c_checkpoint.h"
#include "model/checkpoints/llama_model.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace attnlab::model {


LanguageModel::~LanguageModel() = default;

void LanguageModel::setIdentity(const QString& path, const ModelConfig& config)
{
    m_path = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    m_name = QFileInfo(m_path).isDir() ? QFileInfo(m_path).fileName() : QFileInfo(m_path).completeBaseName();
    m_config = config;
}

int LanguageModel::layersToRun(int requested) const
{
    return requested > 0 ? std::min(requested, m_config.layers) : m_config.layers;
}

void LanguageModel::endAfterLayers(Trace& trace, int ran) const
{
    trace.warnings << QStringLiteral("Showing the first %1 of %2 layers; the predictions need every layer.")
                          .arg(ran)
                          .arg(m_config.layers);
}

Result<std::shared_ptr<LanguageModel>> LanguageModel::load(const QString& path)
{
    using R = Result<std::shared_ptr<LanguageModel>>;
    const QFileInfo info(path);
    if (!info.exists()) return R::failure(QStringLiteral("%1: no such file or folder").arg(path));
    if (!info.isDir()) {
        const QString pickle = pickleRefusal(path);
        if (!pickle.isEmpty()) return R::failure(QStringLiteral("%1: %2").arg(path, pickle));
        if (info.suffix().compare(QLatin1String("bin"), Qt::CaseInsensitive) == 0) {
            auto model = loadLlama2cCheckpoint(path);
            if (!model) return R::failure(model.error());
            return std::shared_ptr<LanguageModel>(std::move(model).value());
        }
        return R::failure(QStringLiteral("%1: expected a model folder with config.json and model.safetensors, "
                                         "or a llama2.c .bin checkpoint")
                              .arg(path));
    }
    Result<ModelConfig> config = readModelConfig(path);
    if (!config) return R::failure(config.error());
    const QString configPath = QDir(path).filePath(QStringLiteral("config.json"));
    if (config->architecture == QLatin1String("gpt2")) {
        auto model = Gpt2Model::load(path);
        if (!model) return R::failure(model.error());
        return std::shared_ptr<LanguageModel>(std::move(model).value());
    }
    if (config->architecture == QLatin1String("bert")) {
        auto model = BertModel::load(path);
        if (!model) return R::failure(model.error());
        return std::shared_ptr<LanguageModel>(std::move(model).value());
    }
    if (config->architecture == QLatin1String("llama")) {
        auto model = LlamaModel::load(path);
        if (!model) return R::failure(model.error());
        return std::shared_ptr<LanguageModel>(std::move(model).value());
    }
    return R::failure(QStringLiteral("%1: the %2 architecture is not supported (GPT-2, BERT and Llama are)")
                          .arg(configPath, config->architecture));
}

} // namespace attnlab::model
