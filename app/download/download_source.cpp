#include "app/download/download_source.h"

#include "model/checkpoints/model_config.h"
#include "model/checkpoints/safetensors.h"
#include "model/tokenizers/tokenizer.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

namespace attnlab::app {

namespace {

// The tokenizer files a known model may have besides tokenizer.json: the older formats, and the
// tokenizer_config.json that decides BOS (tokenizer.h).
enum class TokenizerFiles { Bpe, WordPiece, Config };

struct KnownModel {
    const char* name;
    const char* repo;
    TokenizerFiles extra;
};

// The Hub moved the legacy un-namespaced repositories under their organisations; the old names redirect.
// Llama 3.2 and Gemma 3 are gated on the Hub: their terms must be accepted there first.
constexpr KnownModel kKnownModels[] = {
    {"gpt2", "openai-community/gpt2", TokenizerFiles::Bpe},
    {"distilgpt2", "distilbert/distilgpt2", TokenizerFiles::Bpe},
    {"bert-base-uncased", "google-bert/bert-base-uncased", TokenizerFiles::WordPiece},
    {"distilbert-base-uncased", "distilbert/distilbert-base-uncased", TokenizerFiles::WordPiece},
    {"roberta-base", "FacebookAI/roberta-base", TokenizerFiles::Bpe},
    {"pythia-70m", "EleutherAI/pythia-70m", TokenizerFiles::Config},
    {"smollm2-135m", "HuggingFaceTB/SmolLM2-135M", TokenizerFiles::Config},
    {"qwen2.5-0.5b", "Qwen/Qwen2.5-0.5B", TokenizerFiles::Config},
    {"llama-3.2-1b", "meta-llama/Llama-3.2-1B", TokenizerFiles::Config},
    {"gemma-3-1b", "google/gemma-3-1b-pt", TokenizerFiles::Config},
};

const QString kConfig = QStringLiteral("config.json");
const QString kWeights = QStringLiteral("model.safetensors");
const QString kTokenizer = QStringLiteral("tokenizer.json");

bool isSafeName(const QString& part)
{
    static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9._-]+$"));
    return allowed.match(part).hasMatch() && part != QLatin1String(".") && part != QLatin1String("..");
}

} // namespace

QStringList knownDownloadNames()
{
    QStringList names;
    for (const KnownModel& known : kKnownModels)
        names << QLatin1String(known.name);
    return names;
}

model::Result<DownloadSource> resolveDownloadSource(const QString& name)
{
    using R = model::Result<DownloadSource>;
    const QString trimmed = name.trimmed();
    for (const KnownModel& known : kKnownModels) {
        if (trimmed == QLatin1String(known.name) || trimmed == QLatin1String(known.repo)) {
            DownloadSource source{QLatin1String(known.repo), {kConfig, kWeights, kTokenizer}, {}};
            switch (known.extra) {
            case TokenizerFiles::Bpe:
                source.optional = {QStringLiteral("vocab.json"), QStringLiteral("merges.txt")};
                break;
            case TokenizerFiles::WordPiece:
                source.optional = {QStringLiteral("vocab.txt")};
                break;
            case TokenizerFiles::Config:
                source.optional = {QStringLiteral("tokenizer_config.json")};
                break;
            }
            return source;
        }
    }
    const QStringList parts = trimmed.split(QLatin1Char('/'));
    if (parts.size() != 2) {
        return R::failure(QStringLiteral("unknown model \"%1\" (known: %2; or give a Hub repository as ORG/NAME)")
                              .arg(trimmed, knownDownloadNames().join(QStringLiteral(", "))));
    }
    if (!isSafeName(parts[0]) || !isSafeName(parts[1]))
        return R::failure(QStringLiteral("repository \"%1\": ORG and NAME may hold only letters, digits, '.', '_' and '-'")
                              .arg(trimmed));
    // An arbitrary repository: the weights and config are needed; any tokenizer format will do.
    return DownloadSource{trimmed,
                          {kConfig, kWeights},
                          {kTokenizer, QStringLiteral("vocab.json"), QStringLiteral("merges.txt"), QStringLiteral("vocab.txt"),
                           QStringLiteral("tokenizer_config.json")}};
}

model::Result<QString> checkRevision(const QString& revision)
{
    if (!isSafeName(revision))
        return model::Result<QString>::failure(
            QStringLiteral("revision \"%1\": expected a branch, tag or commit of letters, digits, '.', '_' and '-'")
                .arg(revision));
    return model::Result<QString>::success(revision);
}

QString hubEndpoint(const QString& endpoint)
{
    QString url = endpoint;
    if (url.isEmpty())
        url = qEnvironmentVariable("HF_ENDPOINT");
    if (url.isEmpty())
        url = QStringLiteral("https://huggingface.co");
    while (url.endsWith(QLatin1Char('/')))
        url.chop(1);
    return url;
}

QUrl resolveUrl(const QString& endpoint, const QString& repo, const QString& revision, const QString& file)
{
    return QUrl(QStringLiteral("%1/%2/resolve/%3/%4").arg(hubEndpoint(endpoint), repo, revision, file));
}

QString repoCacheDir(const QString& cacheDir, const QString& repo)
{
    return QDir(cacheDir).filePath(QStringLiteral("models--") + QString(repo).replace(QLatin1Char('/'), QStringLiteral("--")));
}

QString snapshotDir(const QString& cacheDir, const QString& repo, const QString& revision)
{
    return QDir(repoCacheDir(cacheDir, repo)).filePath(QStringLiteral("snapshots/") + revision);
}

QString validateSnapshot(const QString& snapshotPath)
{
    const QDir dir(snapshotPath);
    const auto reject = [](const QString& file, const QString& message) {
        QFile::remove(file);
        return message;
    };

    const QString configPath = dir.filePath(kConfig);
    QFile config(configPath);
    if (!config.open(QIODevice::ReadOnly))
        return QStringLiteral("%1: cannot read: %2").arg(configPath, config.errorString());
    const auto parsed = model::parseModelConfig(config.readAll(), configPath);
    config.close();
    if (!parsed)
        return reject(configPath, parsed.error());

    const QString weightsPath = dir.filePath(kWeights);
    if (const auto weights = model::SafetensorsFile::open(weightsPath); !weights)
        return reject(weightsPath, weights.error());

    // The tokenizer is validated only when one came with the model: a repository without one can still be
    // opened with --tokenizer.
    for (const QString& name : {kTokenizer, QStringLiteral("vocab.json"), QStringLiteral("vocab.txt")}) {
        if (!dir.exists(name))
            continue;
        if (const auto tokenizer = model::Tokenizer::load(snapshotPath); !tokenizer)
            return reject(dir.filePath(name), tokenizer.error());
        break;
    }
    return {};
}

} // namespace attnlab::app
