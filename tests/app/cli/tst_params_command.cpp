// Tests app/cli/params_command.cpp in process (standard output and error captured in files): the counts it
// prints, worked out by hand from the architecture, the table's lines, --json, and every error's exit status
// and one line.
//
// The counts, for d = d_model, f = d_ff, V = vocab (model/teaching/parameter_count.h's conventions):
//   attention sublayer  W_Q, W_K, W_V, W_O (d, d)            4d²        (+ 4d with biases)
//   feed-forward        W_1 (d, f), W_2 (f, d)               2df        (+ f + d with biases)
//   LayerNorm           γ (d)                                d          (+ d for β, with biases)
//   encoder layer = attention + FFN + 2 LayerNorms; decoder layer = 2 attentions + FFN + 3 LayerNorms;
//   token embedding (V, d) = Vd; output projection (d, V) = dV unless tied.
// A GPT-2 block (biases, f = 4d) is then 4d² + 4d + 8d² + 4d + d + 2·2d = 12d² + 13d.

#include "app/cli/params_command.h"
#include "test_registry.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>

namespace tst_params_command {

namespace {

struct Outcome {
    int exitCode = -1;
    QString out;
    QString err;
};

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// runParams(arguments) with file descriptors 1 and 2 pointed at files; nothing of QTest is logged meanwhile.
Outcome runParams(const QStringList& arguments)
{
    QTemporaryDir dir;
    const QString outPath = dir.filePath(QStringLiteral("out")),
                  errPath = dir.filePath(QStringLiteral("err"));
    std::fflush(stdout);
    std::fflush(stderr);
    const int savedOut = ::dup(1), savedErr = ::dup(2);
    const int out = ::open(QFile::encodeName(outPath).constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = ::open(QFile::encodeName(errPath).constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(out, 1);
    ::dup2(err, 2);
    ::close(out);
    ::close(err);
    Outcome outcome;
    outcome.exitCode = attnlab::app::runParams(arguments);
    std::fflush(stdout);
    std::fflush(stderr);
    ::dup2(savedOut, 1);
    ::dup2(savedErr, 2);
    ::close(savedOut);
    ::close(savedErr);
    outcome.out = QString::fromUtf8(readAll(outPath));
    outcome.err = QString::fromUtf8(readAll(errPath));
    return outcome;
}

QJsonObject component(const QJsonObject& params, const QString& name)
{
    for (const QJsonValue& c : params[QStringLiteral("components")].toArray())
        if (c.toObject()[QStringLiteral("name")].toString() == name) return c.toObject();
    return {};
}

QJsonObject shape(const QJsonObject& params, const QString& name)
{
    for (const QJsonValue& s : params[QStringLiteral("shapes")].toArray())
        if (s.toObject()[QStringLiteral("name")].toString() == name) return s.toObject();
    return {};
}

// The last line of the table that starts with `start` (the totals come after the components), or "".
QString line(const QString& table, const QString& start)
{
    QString found;
    for (const QString& l : table.split(QLatin1Char('\n')))
        if (l.startsWith(start)) found = l;
    return found;
}

} // namespace

class TestParamsCommand : public QObject {
    Q_OBJECT
private slots:
    void gpt2LikeBlocks_data()
    {
        QTest::addColumn<qint64>("d");
        QTest::addColumn<qint64>("heads");
        QTest::addColumn<qint64>("vocab");
        QTest::addColumn<qint64>("layers");
        QTest::addColumn<qint64>("block");     // 12d² + 13d
        QTest::addColumn<qint64>("attention"); // 4d² + 4d
        QTest::addColumn<qint64>("ffn");       // 8d² + 5d
        QTest::addColumn<qint64>("total");     // Vd + layers · block
        // d 64: 12·4096 + 13·64 = 49,152 + 832 = 49,984; 100·64 + 49,984 = 56,384.
        QTest::newRow("d 64") << qint64(64) << qint64(4) << qint64(100) << qint64(1) << qint64(49'984)
                              << qint64(16'640) << qint64(33'088) << qint64(56'384);
        // GPT-2 small: 12·589,824 + 13·768 = 7,087,872 per block; 50,257·768 = 38,597,376; 12 blocks:
        // 85,054,464 + 38,597,376 = 123,651,840, which is GPT-2's published 124,439,808 without its
        // position embeddings (1024·768 = 786,432) and final LayerNorm (1,536).
        QTest::newRow("GPT-2 small") << qint64(768) << qint64(12) << qint64(50'257) << qint64(12)
                                     << qint64(7'087'872) << qint64(2'362'368) << qint64(4'722'432)
                                     << qint64(123'651'840);
    }
    void gpt2LikeBlocks()
    {
        QFETCH(qint64, d);
        QFETCH(qint64, heads);
        QFETCH(qint64, vocab);
        QFETCH(qint64, layers);
        QFETCH(qint64, block);
        QFETCH(qint64, attention);
        QFETCH(qint64, ffn);
        QFETCH(qint64, total);
        const Outcome run = runParams({"--d-model",
                                       QString::number(d),
                                       "--heads",
                                       QString::number(heads),
                                       "--d-ff",
                                       QString::number(4 * d),
                                       "--vocab",
                                       QString::number(vocab),
                                       "--encoder-layers",
                                       QString::number(layers),
                                       "--decoder-layers",
                                       "0",
                                       "--bias",
                                       "--tied",
                                       "--batch",
                                       "1",
                                       "--seq",
                                       "8",
                                       "--json",
                                       "-"});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.err, QString());
        const QJsonObject params = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(params[QStringLiteral("head_dim")].toInteger(), d / heads);
        const QJsonObject a = component(params, QStringLiteral("encoder self-attention"));
        const QJsonObject f = component(params, QStringLiteral("encoder feed-forward"));
        const QJsonObject n = component(params, QStringLiteral("encoder LayerNorm"));
        QCOMPARE(a[QStringLiteral("per_layer")].toInteger(), attention);
        QCOMPARE(f[QStringLiteral("per_layer")].toInteger(), ffn);
        QCOMPARE(n[QStringLiteral("per_layer")].toInteger(), 4 * d); // γ and β of two norms
        QCOMPARE(a[QStringLiteral("per_layer")].toInteger() + f[QStringLiteral("per_layer")].toInteger() +
                     n[QStringLiteral("per_layer")].toInteger(),
                 block);
        QCOMPARE(a[QStringLiteral("layers")].toInteger(), layers);
        QCOMPARE(a[QStringLiteral("total")].toInteger(), layers * attention);
        QCOMPARE(params[QStringLiteral("encoder_total")].toInteger(), total);
        QCOMPARE(params[QStringLiteral("decoder_total")].toInteger(), 0);
        QCOMPARE(params[QStringLiteral("output_total")].toInteger(), 0); // tied
        QCOMPARE(params[QStringLiteral("total")].toInteger(), total);
        // One forward pass of 1 sequence of 8 tokens: attention weights (1, heads, 8, 8).
        const QJsonObject weights = shape(params, QStringLiteral("attention weights"));
        QCOMPARE(weights[QStringLiteral("shape")].toArray(), (QJsonArray{1, heads, 8, 8}));
        QCOMPARE(weights[QStringLiteral("elements")].toInteger(), 64 * heads);
        QVERIFY(shape(params, QStringLiteral("cross-attention weights")).isEmpty()); // no decoder
    }

    void exerciseTable()
    {
        // The defaults are the course's exercise: d 768, 8 heads, d_ff 384, V 30,000, 8 + 12 layers, no
        // biases.
        //   encoder layer 4·768² + 2·768·384 + 2·768 = 2,359,296 + 589,824 + 1,536 = 2,950,656; ×8 =
        //   23,605,248 encoder total 30,000·768 + 23,605,248 = 23,040,000 + 23,605,248 = 46,645,248 decoder
        //   layer 2·2,359,296 + 589,824 + 3·768 = 5,310,720; ×12 = 63,728,640 (the embedding is shared) total
        //   46,645,248 + 63,728,640 + 23,040,000 (output projection) = 133,413,888
        const Outcome run = runParams({});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.err, QString());
        const QString& table = run.out;
        QVERIFY2(table.startsWith(
                     QStringLiteral("d_model 768, 8 heads (d_k 96), d_ff 384, vocab 30,000, 8 encoder + "
                                    "12 decoder layers, no biases\nbatch 32, sequence 2048\n\n")),
                 qPrintable(table));
        QVERIFY2(line(table, QStringLiteral("encoder total")).endsWith(QStringLiteral(" 46,645,248")),
                 qPrintable(table));
        QVERIFY(line(table, QStringLiteral("decoder total")).endsWith(QStringLiteral(" 63,728,640")));
        QVERIFY(line(table, QStringLiteral("output projection")).endsWith(QStringLiteral(" 23,040,000")));
        QVERIFY(line(table, QStringLiteral("total")).endsWith(QStringLiteral(" 133,413,888")));
        // A component's row: per layer, layers, total, tensors (consecutive tensors of one shape share it).
        const QString attention = line(table, QStringLiteral("encoder self-attention"));
        QVERIFY2(attention.contains(
                     QRegularExpression(QStringLiteral("2,359,296 +8 +18,874,368 +W_Q, W_K, W_V, W_O "
                                                       "\\(768, 768\\)$"))),
                 qPrintable(attention));
        QVERIFY(line(table, QStringLiteral("decoder token embedding"))
                    .endsWith(QStringLiteral("shared with the token embedding")));
        // Numbers align right: every row's "total" column ends where the header's does.
        const qsizetype totalEnd =
            line(table, QStringLiteral("component")).indexOf(QStringLiteral("total")) + 5;
        QCOMPARE(attention.indexOf(QStringLiteral("18,874,368")) + 10, totalEnd);
        QCOMPARE(line(table, QStringLiteral("encoder total")).size(), totalEnd);

        // Activations and their float32 size: 32·8·2048·2048 = 2³⁰ elements = 4 GiB; 32·2048·768 = 50,331,648
        // elements = 192 MiB; input ids 32·2048 = 65,536 = 256 KiB; logits 32·2048·30,000 = 1,966,080,000
        // elements = 7,864,320,000 bytes = 7.32421875 GiB, four digits: 7.324 GiB.
        const QString weights = line(table, QStringLiteral("attention weights"));
        QVERIFY2(weights.contains(
                     QRegularExpression(QStringLiteral("\\(32, 8, 2048, 2048\\) +1,073,741,824 +4 GiB$"))),
                 qPrintable(weights));
        QVERIFY(line(table, QStringLiteral("embeddings")).endsWith(QStringLiteral(" 192 MiB")));
        QVERIFY(line(table, QStringLiteral("input ids")).endsWith(QStringLiteral(" 256 KiB")));
        QVERIFY(line(table, QStringLiteral("logits")).endsWith(QStringLiteral(" 7.324 GiB")));
    }

    void flags()
    {
        // A separate decoder embedding adds V·d = 23,040,000 to the decoder.
        const Outcome separate = runParams({"--separate-decoder-embedding", "--json", "-"});
        QCOMPARE(separate.exitCode, 0);
        const QJsonObject s = QJsonDocument::fromJson(separate.out.toUtf8()).object();
        QCOMPARE(s[QStringLiteral("decoder_total")].toInteger(), 63'728'640 + 23'040'000);
        // β without biases: each of the encoder's 2·8 norms holds 2·768 = 1,536.
        const Outcome beta = runParams({"--layer-norm-beta", "--json", "-"});
        QCOMPARE(beta.exitCode, 0);
        const QJsonObject b = QJsonDocument::fromJson(beta.out.toUtf8()).object();
        QCOMPARE(component(b, QStringLiteral("encoder LayerNorm"))[QStringLiteral("total")].toInteger(),
                 16 * 1536);
        QCOMPARE(b[QStringLiteral("config")].toObject()[QStringLiteral("layer_norm_beta")].toBool(), true);
        QCOMPARE(b[QStringLiteral("config")].toObject()[QStringLiteral("biases")].toBool(), false);
        // One norm per encoder layer instead of two: 8·768 fewer parameters than the default's 46,645,248.
        const Outcome norms = runParams({"--encoder-norms", "1", "--json", "-"});
        QCOMPARE(norms.exitCode, 0);
        QCOMPARE(
            QJsonDocument::fromJson(norms.out.toUtf8()).object()[QStringLiteral("encoder_total")].toInteger(),
            46'645'248 - 8 * 768);
    }

    void jsonToAFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("params.json"));
        const Outcome run = runParams({"--json", path});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, QString()); // the file has it all
        QCOMPARE(run.err, QString());
        QCOMPARE(QJsonDocument::fromJson(readAll(path)).object()[QStringLiteral("total")].toInteger(),
                 133'413'888);
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message"); // the first line of standard error, whole
        QTest::newRow("heads")
            << QStringList{"--heads", "7"} << 1
            << "error: d_model 768 is not divisible by heads 7: each head needs d_model / heads columns";
        QTest::newRow("zero vocab") << QStringList{"--vocab", "0"} << 1
                                    << "error: vocab must be at least 1, got 0";
        QTest::newRow("negative layers") << QStringList{"--decoder-layers", "-1"} << 1
                                         << "error: decoder_layers cannot be negative, got -1";
        QTest::newRow("no layer")
            << QStringList{"--encoder-layers", "0", "--decoder-layers", "0"} << 1
            << "error: the model has no layer: give encoder_layers or decoder_layers ≥ 1";
        QTest::newRow("not a number")
            << QStringList{"--d-model", "big"} << 1 << "error: --d-model \"big\": expected a whole number";
        QTest::newRow("both bias flags")
            << QStringList{"--bias", "--no-bias"} << 2 << "error: give --bias or --no-bias, not both";
        QTest::newRow("positional") << QStringList{"extra"} << 2 << "error: unexpected argument \"extra\"";
        QTest::newRow("unknown option")
            << QStringList{"--depth", "3"} << 2 << "error: Unknown option 'depth'.";
        QTest::newRow("missing value")
            << QStringList{"--heads"} << 2 << "error: Missing value after '--heads'.";
    }
    void errors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const Outcome run = runParams(arguments);
        QCOMPARE(run.exitCode, exitCode);
        QCOMPARE(run.out, QString());
        QCOMPARE(run.err.section(QLatin1Char('\n'), 0, 0), message);
        if (exitCode == 1)
            QCOMPARE(run.err.count(QLatin1Char('\n')), 1); // bad input: the one line
        else
            QVERIFY2(run.err.contains(QStringLiteral("\nusage: attnlab params ")), qPrintable(run.err));
    }

    void aFailedWriteIsOneError()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("no such folder/params.json"));
        const Outcome run = runParams({"--json", path});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.startsWith(QStringLiteral("error: cannot write ") + path + QStringLiteral(": ")),
                 qPrintable(run.err));
        QCOMPARE(run.err.count(QLatin1Char('\n')), 1);
    }
};

ATTNLAB_TEST_GUILESS_MAIN(TestParamsCommand)
} // namespace tst_params_command
#include "tst_params_command.moc"
