// Tests app/download/download_source.cpp without a network: the known names and any ORG/NAME -> repository
// and file lists, the refused names and revisions with their messages, the endpoint, the resolve URL, the
// Hugging Face cache layout (models--ORG--NAME/snapshots/REV), and validateSnapshot on folders written here
// (a tiny config.json and safetensors file), deleting the file that fails.

#include "app/download/download_source.h"
#include "model/checkpoints/tiny_checkpoint.h"
#include "test_registry.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace tst_download_source {

using namespace attnlab::app;

namespace {

// The smallest GPT-2 config.json that parses: 1 layer, 1 head of width 4, 3 tokens.
const QByteArray kConfig = R"({"model_type": "gpt2", "n_embd": 4, "n_layer": 1, "n_head": 1, "n_positions": 8,
    "vocab_size": 3})";

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// folder/config.json and a model.safetensors of one (3, 4) tensor: what validateSnapshot opens.
bool writeSnapshot(const QString& folder)
{
    attnlab::test::TensorMap tensors;
    tensors[QStringLiteral("wte.weight")] = {{3, 4}, std::vector<float>(12, 0.5f)};
    return attnlab::test::writeCheckpoint(folder, kConfig, tensors);
}

} // namespace

class TestDownloadSource : public QObject {
    Q_OBJECT
private slots:
    void knownNames()
    {
        QCOMPARE(knownDownloadNames(),
                 (QStringList{"gpt2", "distilgpt2", "bert-base-uncased", "distilbert-base-uncased", "roberta-base",
                              "pythia-70m", "smollm2-135m", "qwen2.5-0.5b", "llama-3.2-1b", "gemma-3-1b"}));
    }

    void resolve_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("repo");
        QTest::addColumn<QStringList>("required");
        QTest::addColumn<QStringList>("optional");
        const QStringList required{"config.json", "model.safetensors", "tokenizer.json"};
        const QStringList bpe{"vocab.json", "merges.txt"};
        // The Hub moved the un-namespaced names under their organisations.
        QTest::newRow("gpt2") << "gpt2"
                              << "openai-community/gpt2" << required << bpe;
        QTest::newRow("gpt2 by its repository") << "openai-community/gpt2"
                                                << "openai-community/gpt2" << required << bpe;
        QTest::newRow("spaces around") << "  distilgpt2 "
                                       << "distilbert/distilgpt2" << required << bpe;
        QTest::newRow("bert") << "bert-base-uncased"
                              << "google-bert/bert-base-uncased" << required << QStringList{"vocab.txt"};
        // The families of today, with the tokenizer_config.json that decides BOS.
        const QStringList config{"tokenizer_config.json"};
        QTest::newRow("pythia") << "pythia-70m" << "EleutherAI/pythia-70m" << required << config;
        QTest::newRow("smollm2") << "smollm2-135m" << "HuggingFaceTB/SmolLM2-135M" << required << config;
        QTest::newRow("qwen2.5") << "qwen2.5-0.5b" << "Qwen/Qwen2.5-0.5B" << required << config;
        QTest::newRow("llama 3.2") << "llama-3.2-1b" << "meta-llama/Llama-3.2-1B" << required << config;
        QTest::newRow("gemma 3") << "gemma-3-1b" << "google/gemma-3-1b-pt" << required << config;
        QTest::newRow("distilbert") << "distilbert-base-uncased"
                                    << "distilbert/distilbert-base-uncased" << required << QStringList{"vocab.txt"};
        QTest::newRow("roberta") << "roberta-base" << "FacebookAI/roberta-base" << required << bpe;
        QTest::newRow("smollm2 by its repository") << "HuggingFaceTB/SmolLM2-135M" << "HuggingFaceTB/SmolLM2-135M"
                                                   << required << config;
        // Any repository: weights and config required, every tokenizer format optional.
        QTest::newRow("any repository")
            << "EleutherAI/pythia-160m"
            << "EleutherAI/pythia-160m" << QStringList{"config.json", "model.safetensors"}
            << QStringList{"tokenizer.json", "vocab.json", "merges.txt", "vocab.txt", "tokenizer_config.json"};
        QTest::newRow("dots and underscores")
            << "my_org/model.v2-final"
            << "my_org/model.v2-final" << QStringList{"config.json", "model.safetensors"}
            << QStringList{"tokenizer.json", "vocab.json", "merges.txt", "vocab.txt", "tokenizer_config.json"};
    }
    void resolve()
    {
        QFETCH(QString, name);
        QFETCH(QString, repo);
        QFETCH(QStringList, required);
        QFETCH(QStringList, optional);
        const auto source = resolveDownloadSource(name);
        QVERIFY2(source.ok(), qPrintable(source.ok() ? QString() : source.error()));
        QCOMPARE(source->repo, repo);
        QCOMPARE(source->required, required);
        QCOMPARE(source->optional, optional);
    }

    void refusedNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("message");
        const QString unknown = QStringLiteral("unknown model \"%1\" (known: gpt2, distilgpt2, bert-base-uncased, "
                                               "distilbert-base-uncased, roberta-base, pythia-70m, smollm2-135m, "
                                               "qwen2.5-0.5b, llama-3.2-1b, gemma-3-1b; or give a Hub repository as "
                                               "ORG/NAME)");
        const QString unsafe =
            QStringLiteral("repository \"%1\": ORG and NAME may hold only letters, digits, '.', '_' and '-'");
        QTest::newRow("unknown short name") << "gpt3" << unknown.arg(QStringLiteral("gpt3"));
        QTest::newRow("empty") << "" << unknown.arg(QString());
        QTest::newRow("three parts") << "a/b/c" << unknown.arg(QStringLiteral("a/b/c"));
        QTest::newRow("parent folder") << "../etc" << unsafe.arg(QStringLiteral("../etc"));
        QTest::newRow("dot") << "org/." << unsafe.arg(QStringLiteral("org/."));
        QTest::newRow("empty org") << "/gpt2" << unsafe.arg(QStringLiteral("/gpt2"));
        QTest::newRow("space inside") << "my org/x" << unsafe.arg(QStringLiteral("my org/x"));
        QTest::newRow("query") << "org/x?raw=1" << unsafe.arg(QStringLiteral("org/x?raw=1"));
    }
    void refusedNames()
    {
        QFETCH(QString, name);
        QFETCH(QString, message);
        const auto source = resolveDownloadSource(name);
        QVERIFY(!source.ok());
        QCOMPARE(source.error(), message);
    }

    void revisions()
    {
        for (const char* good : {"main", "v1.0", "a1b2c3d4e5f6", "release_2-rc"}) {
            const auto r = checkRevision(QLatin1String(good));
            QVERIFY2(r.ok(), good);
            QCOMPARE(*r, QLatin1String(good));
        }
        for (const char* bad : {"refs/pr/1", "..", ".", "", "a b", "main\\x"}) {
            const auto r = checkRevision(QLatin1String(bad));
            QVERIFY2(!r.ok(), bad);
            QCOMPARE(r.error(),
                     QStringLiteral("revision \"%1\": expected a branch, tag or commit of letters, digits, "
                                    "'.', '_' and '-'")
                         .arg(QLatin1String(bad)));
        }
    }

    void endpointAndUrl()
    {
        qunsetenv("HF_ENDPOINT");
        QCOMPARE(hubEndpoint(), QStringLiteral("https://huggingface.co"));
        QCOMPARE(hubEndpoint(QStringLiteral("http://127.0.0.1:8080///")),
                 QStringLiteral("http://127.0.0.1:8080"));
        qputenv("HF_ENDPOINT", "https://hf-mirror.example/");
        QCOMPARE(hubEndpoint(), QStringLiteral("https://hf-mirror.example"));
        QCOMPARE(hubEndpoint(QStringLiteral("http://given")),
                 QStringLiteral("http://given")); // the option wins
        QCOMPARE(resolveUrl({}, QStringLiteral("openai-community/gpt2"), QStringLiteral("main"),
                            QStringLiteral("model.safetensors")),
                 QUrl(QStringLiteral(
                     "https://hf-mirror.example/openai-community/gpt2/resolve/main/model.safetensors")));
        qunsetenv("HF_ENDPOINT");
        QCOMPARE(resolveUrl(QStringLiteral("http://h:1/"), QStringLiteral("google-bert/bert-base-uncased"),
                            QStringLiteral("a1b2"), QStringLiteral("vocab.txt"))
                     .toString(),
                 QStringLiteral("http://h:1/google-bert/bert-base-uncased/resolve/a1b2/vocab.txt"));
    }

    void cacheLayout()
    {
        // huggingface_hub's layout: "/" in the repository becomes "--".
        QCOMPARE(repoCacheDir(QStringLiteral("/c/hub"), QStringLiteral("openai-community/gpt2")),
                 QStringLiteral("/c/hub/models--openai-community--gpt2"));
        QCOMPARE(snapshotDir(QStringLiteral("/c/hub"), QStringLiteral("openai-community/gpt2"),
                             QStringLiteral("main")),
                 QStringLiteral("/c/hub/models--openai-community--gpt2/snapshots/main"));
        QCOMPARE(snapshotDir(QStringLiteral("/c/hub/"), QStringLiteral("a/b"), QStringLiteral("0123abcd")),
                 QStringLiteral("/c/hub/models--a--b/snapshots/0123abcd"));
    }

    void validSnapshots()
    {
        QTemporaryDir dir;
        const QString snapshot = dir.filePath(QStringLiteral("models--org--tiny/snapshots/main"));
        QVERIFY(writeSnapshot(snapshot));
        // Without a tokenizer it is valid: one can be given with --tokenizer.
        QCOMPARE(validateSnapshot(snapshot), QString());
        // With a WordPiece vocabulary that loads.
        QVERIFY(writeFile(snapshot + QStringLiteral("/vocab.txt"),
                          "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nhello\nworld\n"));
        QCOMPARE(validateSnapshot(snapshot), QString());
        QVERIFY(QFile::exists(snapshot + QStringLiteral("/vocab.txt")));
    }

    void invalidSnapshotsLoseTheFileThatFails()
    {
        QTemporaryDir dir;
        const QString snapshot = dir.filePath(QStringLiteral("s"));
        QVERIFY(writeSnapshot(snapshot));

        // No config.json: nothing to delete, and the message names the file.
        QVERIFY(QFile::remove(snapshot + QStringLiteral("/config.json")));
        QString message = validateSnapshot(snapshot);
        QVERIFY2(message.startsWith(QDir(snapshot).filePath(QStringLiteral("config.json")) +
                                    QStringLiteral(": cannot read: ")),
                 qPrintable(message));

        // A config.json that does not parse is deleted.
        QVERIFY(writeFile(snapshot + QStringLiteral("/config.json"), R"({"model_type": "gpt2"})"));
        message = validateSnapshot(snapshot);
        QVERIFY2(message.contains(QStringLiteral("config.json")), qPrintable(message));
        QVERIFY(!QFile::exists(snapshot + QStringLiteral("/config.json")));

        // Weights that are not a safetensors file are deleted; the config stays.
        QVERIFY(writeFile(snapshot + QStringLiteral("/config.json"), kConfig));
        QVERIFY(writeFile(snapshot + QStringLiteral("/model.safetensors"), QByteArray(4000, '\x7f')));
        message = validateSnapshot(snapshot);
        QVERIFY2(message.contains(QStringLiteral("model.safetensors")), qPrintable(message));
        QVERIFY(!QFile::exists(snapshot + QStringLiteral("/model.safetensors")));
        QVERIFY(QFile::exists(snapshot + QStringLiteral("/config.json")));

        // A tokenizer.json that does not load is deleted; the model stays.
        QVERIFY(writeSnapshot(snapshot));
        QVERIFY(writeFile(snapshot + QStringLiteral("/tokenizer.json"), "{ not json"));
        message = validateSnapshot(snapshot);
        QVERIFY2(!message.isEmpty(), "a broken tokenizer.json passed");
        QVERIFY(!QFile::exists(snapshot + QStringLiteral("/tokenizer.json")));
        QVERIFY(QFile::exists(snapshot + QStringLiteral("/model.safetensors")));
        QCOMPARE(validateSnapshot(snapshot), QString()); // without it the model is valid again
    }
};

ATTNLAB_TEST_GUILESS_MAIN(TestDownloadSource)
} // namespace tst_download_source
#include "tst_download_source.moc"
