// Tests app/cli/train_command.cpp by running `attnlab train` as a user does: three steps from the shared training
// reference's weights on its batch reproduce PyTorch's weights after three AdamW steps; a run stopped and resumed
// ends with the same bytes as one run straight through; Ctrl+C saves a checkpoint that resumes; bad values and
// a loss that is not finite stop with one error line naming them.

#include "model/checkpoints/safetensors.h"
#include "model/training/training_checkpoint.h"
#include "app/run_attnlab.h"
#include "test_support.h"
#include "test_registry.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <cmath>
#include <cstring>

namespace tst_train_command {

using namespace attnlab;
using attnlab::test::runAttnlab;

namespace {

QString referenceDir()
{
    return attnlab::test::sharedDir() + QStringLiteral("/training-reference/tiny-gpt2-step");
}

QByteArray fileBytes(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Every F32 tensor of a safetensors file, by name.
std::map<QString, std::vector<float>> tensors(const QString& path)
{
    std::map<QString, std::vector<float>> out;
    auto file = model::SafetensorsFile::open(path);
    if (!file) return out;
    for (const QString& name : (*file)->names()) {
        const model::TensorInfo* info = (*file)->info(name);
        std::vector<float> v(std::size_t(info->elements()));
        std::memcpy(v.data(), (*file)->data(*info), v.size() * sizeof(float));
        out[name] = std::move(v);
    }
    return out;
}

} // namespace

class TestTrainCommand : public QObject {
    Q_OBJECT

private slots:
    void threeStepsReproducePyTorch()
    {
        if (!QFile::exists(referenceDir() + QStringLiteral("/reference.json")))
            QSKIP("../shared/training-reference is absent");
        QTemporaryDir out;
        const auto run = runAttnlab({QStringLiteral("train"), QStringLiteral("--init"), referenceDir(), QStringLiteral("--data"),
                                     referenceDir() + QStringLiteral("/reference.json"), QStringLiteral("--steps"), QStringLiteral("3"),
                                     QStringLiteral("--lr"), QStringLiteral("0.01"), QStringLiteral("--beta2"), QStringLiteral("0.95"),
                                     QStringLiteral("--weight-decay"), QStringLiteral("0.1"), QStringLiteral("--clip"), QStringLiteral("1"),
                                     QStringLiteral("--schedule"), QStringLiteral("constant"), QStringLiteral("--warmup"), QStringLiteral("0"),
                                     QStringLiteral("--out"), out.path()});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        // PyTorch's losses before each step (reference.json), as the progress lines print them.
        QVERIFY2(run.err.contains("step 1/3  loss 2.3914") && run.err.contains("step 3/3  loss 2.2192"), run.err.constData());
        const auto expected = tensors(referenceDir() + QStringLiteral("/after_3_steps.safetensors"));
        const auto got = tensors(out.filePath(QStringLiteral("model.safetensors")));
        QCOMPARE(expected.size(), std::size_t(28));
        for (const auto& [name, values] : expected) {
            QVERIFY2(got.count(name), qPrintable(name));
            double worst = 0, scale = 0;
            for (std::size_t i = 0; i < values.size(); ++i) {
                worst = std::max(worst, double(std::abs(got.at(name)[i] - values[i])));
                scale = std::max(scale, double(std::abs(values[i])));
            }
            QVERIFY2(worst <= 1e-4 * scale, qPrintable(QStringLiteral("%1: %2").arg(name).arg(worst / scale)));
        }
        // The folder is a model AttnLab and transformers open, and a checkpoint that resumes.
        QVERIFY(model::isTrainingCheckpoint(out.path()));
        QVERIFY(fileBytes(out.filePath(QStringLiteral("config.json"))).contains("\"model_type\": \"gpt2\""));
    }

    void stoppedAndResumedEqualsStraight()
    {
        QTemporaryDir dir;
        const QStringList common{QStringLiteral("train"), QStringLiteral("--task"), QStringLiteral("reverse"),
                                 QStringLiteral("--schedule"), QStringLiteral("constant"), QStringLiteral("--warmup"),
                                 QStringLiteral("0"), QStringLiteral("--d-model"), QStringLiteral("32"),
                                 QStringLiteral("--batch"), QStringLiteral("8"), QStringLiteral("--seed"), QStringLiteral("7")};
        const QString straight = dir.filePath(QStringLiteral("straight")), part = dir.filePath(QStringLiteral("part")),
                      resumed = dir.filePath(QStringLiteral("resumed"));
        QCOMPARE(runAttnlab(common + QStringList{QStringLiteral("--steps"), QStringLiteral("20"), QStringLiteral("--out"), straight}).exitCode, 0);
        QCOMPARE(runAttnlab(common + QStringList{QStringLiteral("--steps"), QStringLiteral("9"), QStringLiteral("--out"), part}).exitCode, 0);
        const auto run = runAttnlab({QStringLiteral("train"), QStringLiteral("--resume"), part, QStringLiteral("--steps"),
                                     QStringLiteral("20"), QStringLiteral("--out"), resumed});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QByteArray a = fileBytes(straight + QStringLiteral("/model.safetensors"));
        QVERIFY(!a.isEmpty());
        QVERIFY(a == fileBytes(resumed + QStringLiteral("/model.safetensors")));
        QVERIFY(fileBytes(straight + QStringLiteral("/training_state.safetensors")) ==
                fileBytes(resumed + QStringLiteral("/training_state.safetensors")));
        // What a checkpoint fixes cannot change.
        const auto changed = runAttnlab({QStringLiteral("train"), QStringLiteral("--resume"), part, QStringLiteral("--heads"),
                                         QStringLiteral("2"), QStringLiteral("--out"), resumed});
        QCOMPARE(changed.exitCode, 2);
        QVERIFY(changed.err.startsWith("error: --heads cannot change when resuming"));
    }

    void ctrlCSavesACheckpointThatResumes()
    {
        QTemporaryDir dir;
        QProcess process;
        process.start(QStringLiteral(ATTNLAB_EXECUTABLE),
                      {QStringLiteral("train"), QStringLiteral("--task"), QStringLiteral("sort"), QStringLiteral("--steps"),
                       QStringLiteral("1000000"), QStringLiteral("--eval-every"), QStringLiteral("5"), QStringLiteral("--out"),
                       dir.path()});
        QByteArray err;
        // Wait for training to be under way: a progress line after the first evaluation.
        QTRY_VERIFY_WITH_TIMEOUT((err += process.readAllStandardError()).contains("step 5/1000000"), 30000);
        ::kill(pid_t(process.processId()), SIGINT);
        QVERIFY(process.waitForFinished(30000));
        err += process.readAllStandardError();
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QVERIFY2(process.exitCode() == 0, err.constData());
        QVERIFY2(err.contains("stopped at step") && err.contains("continue with --resume"), err.constData());
        const auto state = model::loadTrainingCheckpoint(dir.path());
        QVERIFY2(state.ok(), qPrintable(state.error()));
        QVERIFY(state->step >= 5 && state->step < 1000000);
        QCOMPARE(state->task, QStringLiteral("sort"));
    }

    void badValuesNameThemselves_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("error");
        const QStringList sort{QStringLiteral("train"), QStringLiteral("--task"), QStringLiteral("sort"), QStringLiteral("--out"),
                               QStringLiteral("/tmp/attnlab-train-never-written")};
        QTest::newRow("heads 0") << (sort + QStringList{QStringLiteral("--heads"), QStringLiteral("0")}) << 1
                                 << QStringLiteral("error: heads: 0 is not between 1 and 8");
        QTest::newRow("not divisible") << (sort + QStringList{QStringLiteral("--d-model"), QStringLiteral("100"), QStringLiteral("--heads"), QStringLiteral("8")})
                                       << 1 << QStringLiteral("error: d_model: 100 is not divisible by heads 8");
        QTest::newRow("lr 0") << (sort + QStringList{QStringLiteral("--lr"), QStringLiteral("0")}) << 1
                              << QStringLiteral("error: learning rate: 0 must be greater than 0");
        QTest::newRow("context") << (sort + QStringList{QStringLiteral("--context"), QStringLiteral("300")}) << 1
                                 << QStringLiteral("error: context: 300 is not between 2 and 256");
        QTest::newRow("short context") << (sort + QStringList{QStringLiteral("--context"), QStringLiteral("4")}) << 1
                                       << QStringLiteral("error: context: 4 is shorter than the task's sequences of 11 tokens");
        QTest::newRow("unknown task") << QStringList{QStringLiteral("train"), QStringLiteral("--task"), QStringLiteral("sorting"),
                                                     QStringLiteral("--out"), QStringLiteral("/tmp/x")}
                                      << 1 << QStringLiteral("error: unknown task");
        QTest::newRow("no out") << QStringList{QStringLiteral("train"), QStringLiteral("--task"), QStringLiteral("sort")} << 2
                                << QStringLiteral("error: --out DIR is required");
        QTest::newRow("unknown option") << (sort + QStringList{QStringLiteral("--colour")}) << 2
                                        << QStringLiteral("error: Unknown option 'colour'.");
        QTest::newRow("schedule") << (sort + QStringList{QStringLiteral("--schedule"), QStringLiteral("linear")}) << 1
                                  << QStringLiteral("error: --schedule \"linear\": expected cosine or constant");
    }
    void badValuesNameThemselves()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, error);
        const auto run = runAttnlab(arguments);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(QString::fromUtf8(run.err).startsWith(error), run.err.constData());
        QVERIFY(!QFile::exists(QStringLiteral("/tmp/attnlab-train-never-written")));
    }

    void aLossThatIsNotFiniteKeepsTheLastGoodWeights()
    {
        QTemporaryDir dir;
        const auto run = runAttnlab({QStringLiteral("train"), QStringLiteral("--task"), QStringLiteral("sort"), QStringLiteral("--lr"),
                                     QStringLiteral("1e30"), QStringLiteral("--schedule"), QStringLiteral("constant"),
                                     QStringLiteral("--warmup"), QStringLiteral("0"), QStringLiteral("--clip"), QStringLiteral("0"),
                                     QStringLiteral("--out"), dir.path()});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("error: step ") && run.err.contains("the loss is ") && run.err.contains("are kept (saved to"),
                 run.err.constData());
        const auto saved = model::loadGpt2Folder(dir.path());
        QVERIFY2(saved.ok(), qPrintable(saved.error())); // the loader refuses NaN and infinity
    }
};

ATTNLAB_TEST_GUILESS_MAIN(TestTrainCommand)
} // namespace tst_train_command
#include "tst_train_command.moc"
