// Tests model/training/trainable_gpt.cpp, training_kernels.cpp and adamw.cpp against PyTorch: the shared
// training reference (../shared/training-reference/tiny-gpt2-step, made by make_reference.py with autograd in
// float64) gives the loss, every parameter's gradient, the gradient norms and the weights after three AdamW steps
// with clipping. The float32 model must match within 1e-4 relative, the double one within 1e-9. Finite
// differences in double check every kind of parameter of a tiny model, with and without the MLP.

#include "model/checkpoints/safetensors.h"
#include "model/training/adamw.h"
#include "model/training/tasks/training_task.h"
#include "model/training/gpt_trainer.h"
#include "model/training/trainable_gpt.h"
#include "test_support.h"
#include "test_registry.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#ifdef _OPENMP
#include <omp.h>
#endif

#include <cmath>
#include <cstring>

namespace tst_trainable_gpt {

using namespace attnlab::model;
using attnlab::test::sharedDir;

namespace {

QString referenceDir()
{
    return sharedDir() + QStringLiteral("/training-reference/tiny-gpt2-step");
}

// The reference's tiny GPT-2 (config.json of the reference folder, written out: 2 layers, 2 heads, d 16,
// vocabulary 11, 32 positions).
GptShape referenceShape()
{
    GptShape s;
    s.layers = 2;
    s.heads = 2;
    s.dModel = 16;
    s.context = 32;
    s.vocab = 11;
    return s;
}

// The safetensors file's F32 tensors, by name, into a buffer of the layout (the file's names are the layout's).
template <typename Scalar>
QString readTensors(const QString& path, const ParameterLayout& layout, ParameterBuffer<Scalar>& out)
{
    auto file = SafetensorsFile::open(path);
    if (!file) return file.error();
    out.assign(layout.bufferSize(), Scalar(0));
    for (const ParameterTensor& t : layout.tensors()) {
        const TensorInfo* info = (*file)->info(t.name);
        if (!info) return QStringLiteral("%1 missing").arg(t.name);
        if (info->shape != t.shape || info->dtype != DType::F32) return QStringLiteral("%1: shape").arg(t.name);
        const auto* bytes = (*file)->data(*info);
        for (std::size_t i = 0; i < t.size(); ++i) {
            float v;
            std::memcpy(&v, bytes + 4 * i, 4);
            out[t.offset + i] = Scalar(v);
        }
    }
    return {};
}

struct ReferenceBatch {
    std::vector<int> inputs, targets;
    int batch = 0, length = 0;
    QJsonObject json;
};

ReferenceBatch readReferenceBatch()
{
    ReferenceBatch r;
    QFile f(referenceDir() + QStringLiteral("/reference.json"));
    if (!f.open(QIODevice::ReadOnly)) return r;
    r.json = QJsonDocument::fromJson(f.readAll()).object();
    const QJsonArray inputs = r.json[QStringLiteral("inputs")].toArray();
    const QJsonArray targets = r.json[QStringLiteral("targets")].toArray();
    r.batch = int(inputs.size());
    r.length = int(inputs[0].toArray().size());
    for (int b = 0; b < r.batch; ++b)
        for (int t = 0; t < r.length; ++t) {
            r.inputs.push_back(inputs[b].toArray()[t].toInt());
            r.targets.push_back(targets[b].toArray()[t].toInt());
        }
    return r;
}

// The largest |a − b| over a tensor relative to the largest |b|: how far a computed tensor is from the reference
// at the scale of the reference.
template <typename Scalar>
double relativeError(const ParameterTensor& t, const ParameterBuffer<Scalar>& computed,
                     const ParameterBuffer<double>& reference)
{
    double worst = 0, scale = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
        worst = std::max(worst, std::abs(double(computed[t.offset + i]) - reference[t.offset + i]));
        scale = std::max(scale, std::abs(reference[t.offset + i]));
    }
    return scale > 0 ? worst / scale : worst;
}

TrainingSettings referenceSettings(const QJsonObject& json)
{
    const QJsonObject o = json[QStringLiteral("optimizer")].toObject();
    TrainingSettings s;
    s.learningRate = o[QStringLiteral("lr")].toDouble();
    s.beta1 = o[QStringLiteral("betas")].toArray()[0].toDouble();
    s.beta2 = o[QStringLiteral("betas")].toArray()[1].toDouble();
    s.eps = o[QStringLiteral("eps")].toDouble();
    s.weightDecay = o[QStringLiteral("weight_decay")].toDouble();
    s.clip = o[QStringLiteral("clip_global_norm")].toDouble();
    s.schedule = LearningRateSchedule::Constant;
    s.warmup = 0;
    return s;
}

} // namespace

class TestTrainableGpt : public QObject {
    Q_OBJECT

    // tolerance: for the loss and the gradient norms (JSON, float64) and for every tensor; the tensors are stored
    // in float32, so a tensor is compared at 1e-6 at best.
    template <typename Scalar> void matchReference(double tolerance)
    {
        const double tensorTolerance = std::max(tolerance, 1e-6);
        if (!QFile::exists(referenceDir() + QStringLiteral("/reference.json")))
            QSKIP("../shared/training-reference is absent");
        const ReferenceBatch batch = readReferenceBatch();
        QCOMPARE(batch.batch, 3);
        TrainableGpt<Scalar> model(referenceShape(), batch.batch, batch.length);
        QCOMPARE(readTensors(referenceDir() + QStringLiteral("/model.safetensors"), model.layout(), model.parameters()),
                 QString());
        ParameterBuffer<double> gradients, after;
        QCOMPARE(readTensors(referenceDir() + QStringLiteral("/gradients_step0.safetensors"), model.layout(), gradients),
                 QString());
        QCOMPARE(readTensors(referenceDir() + QStringLiteral("/after_3_steps.safetensors"), model.layout(), after),
                 QString());
        const QJsonArray losses = batch.json[QStringLiteral("losses_before_each_step_and_after_last")].toArray();
        const QJsonArray norms = batch.json[QStringLiteral("gradient_global_norm_before_clipping")].toArray();
        const TrainingSettings settings = referenceSettings(batch.json);
        AdamWMoments<Scalar> moments;
        for (int step = 0; step < 3; ++step) {
            const double loss = double(model.forward(batch.inputs.data(), batch.targets.data(), batch.batch, batch.length));
            QVERIFY2(std::abs(loss - losses[step].toDouble()) <= tolerance * losses[step].toDouble(),
                     qPrintable(QStringLiteral("step %1: loss %2, PyTorch %3").arg(step).arg(loss, 0, 'g', 12)
                                    .arg(losses[step].toDouble(), 0, 'g', 12)));
            QCOMPARE(model.graded(), batch.batch * batch.length);
            model.backward();
            if (step == 0) {
                // Every gradient, tensor by tensor.
                for (const ParameterTensor& t : model.layout().tensors()) {
                    const double e = relativeError(t, model.gradients(), gradients);
                    QVERIFY2(e <= tensorTolerance, qPrintable(QStringLiteral("gradient of %1: relative error %2")
                                                            .arg(t.name).arg(e, 0, 'g', 3)));
                }
            }
            const double norm = clipGradientNorm(model.gradients(), settings.clip);
            QVERIFY2(std::abs(norm - norms[step].toDouble()) <= tolerance * norms[step].toDouble(),
                     qPrintable(QStringLiteral("step %1: gradient norm %2, PyTorch %3").arg(step).arg(norm, 0, 'g', 12)
                                    .arg(norms[step].toDouble(), 0, 'g', 12)));
            adamWStep(model.layout(), model.parameters(), model.gradients(), moments, step + 1,
                      learningRateAt(settings, step), settings);
        }
        for (const ParameterTensor& t : model.layout().tensors()) {
            const double e = relativeError(t, model.parameters(), after);
            QVERIFY2(e <= tensorTolerance,
                     qPrintable(QStringLiteral("%1 after 3 steps: relative error %2").arg(t.name).arg(e, 0, 'g', 3)));
        }
        const double last = double(model.forward(batch.inputs.data(), batch.targets.data(), batch.batch, batch.length));
        QVERIFY(std::abs(last - losses[3].toDouble()) <= tolerance * losses[3].toDouble());
    }

    // The loss of a double model at its current parameters.
    static double lossAt(TrainableGpt<double>& model, const std::vector<int>& inputs, const std::vector<int>& targets,
                         int B, int T)
    {
        return model.forward(inputs.data(), targets.data(), B, T);
    }

    void finiteDifferences(bool attentionOnly)
    {
        GptShape s;
        s.layers = 2;
        s.heads = 2;
        s.dModel = 8;
        s.context = 6;
        s.vocab = 7;
        s.attentionOnly = attentionOnly;
        const int B = 2, T = 5;
        TrainableGpt<double> model(s, B, T);
        initializeParameters(model.layout(), 7, model.parameters());
        // Larger weights than GPT-2's 0.02, so that every path carries a gradient well above rounding; LayerNorm's
        // γ and β moved off 1 and 0.
        SeededRandom random(11);
        for (const ParameterTensor& t : model.layout().tensors())
            for (std::size_t i = 0; i < t.size(); ++i)
                model.parameters()[t.offset + i] += 0.3 * random.normal();
        const std::vector<int> inputs{1, 4, 4, 0, 6, 2, 3, 5, 1, 1};
        // Two ignored targets: they must contribute nothing.
        const std::vector<int> targets{4, 4, kIgnoredTarget, 6, 2, 3, 5, 1, kIgnoredTarget, 0};
        lossAt(model, inputs, targets, B, T);
        QCOMPARE(model.graded(), 8);
        model.backward();
        const ParameterBuffer<double> analytic = model.gradients();
        const double h = 1e-5;
        for (const ParameterTensor& t : model.layout().tensors()) {
            // Three entries of every tensor, and for the token embedding also a row no input uses (its gradient
            // comes from the tied output alone).
            std::vector<std::size_t> entries{0, t.size() / 2, t.size() - 1};
            if (t.kind == ParameterKind::TokenEmbedding) entries.push_back(std::size_t(3 * s.dModel + 2));
            // Position embeddings: the rows the T positions use (row T of the 6 is never read).
            if (t.kind == ParameterKind::PositionEmbedding) entries.back() = std::size_t(T * s.dModel - 1);
            // The key bias's gradient is exactly 0 (softmax ignores a constant added to a row), so its entries are
            // checked for that below instead.
            if (t.kind == ParameterKind::AttnBias) entries = {0, std::size_t(2 * s.dModel), t.size() - 1};
            for (std::size_t i : entries) {
                double& p = model.parameters()[t.offset + i];
                const double saved = p;
                p = saved + h;
                const double up = lossAt(model, inputs, targets, B, T);
                p = saved - h;
                const double down = lossAt(model, inputs, targets, B, T);
                p = saved;
                const double numeric = (up - down) / (2 * h);
                const double a = analytic[t.offset + i];
                QVERIFY2(std::abs(numeric - a) <= 1e-6 * std::max(1.0, std::abs(numeric)) && std::abs(a) > 1e-8,
                         qPrintable(QStringLiteral("%1[%2]: analytic %3, finite difference %4")
                                        .arg(t.name).arg(i).arg(a, 0, 'g', 10).arg(numeric, 0, 'g', 10)));
            }
        }
        // The key bias: the finite difference vanishes too.
        const ParameterTensor& bias = model.layout().tensor(ParameterKind::AttnBias, 1);
        const std::size_t key = bias.offset + std::size_t(s.dModel + 3);
        QCOMPARE(analytic[key], 0.0);
        const double saved = model.parameters()[key];
        model.parameters()[key] = saved + h;
        const double up = lossAt(model, inputs, targets, B, T);
        model.parameters()[key] = saved - h;
        const double down = lossAt(model, inputs, targets, B, T);
        QVERIFY(std::abs(up - down) / (2 * h) < 1e-9);
    }

private slots:
    void float32MatchesPyTorch() { matchReference<float>(1e-4); }
    void float64MatchesPyTorch() { matchReference<double>(1e-9); }
    void finiteDifferencesWithMlp() { finiteDifferences(false); }
    void finiteDifferencesAttentionOnly() { finiteDifferences(true); }

    void attentionRowsAreCausalDistributions()
    {
        GptShape s;
        s.layers = 1;
        s.heads = 2;
        s.dModel = 8;
        s.context = 8;
        s.vocab = 5;
        TrainableGpt<float> model(s, 1, 4);
        initializeParameters(model.layout(), 3, model.parameters());
        const std::vector<int> inputs{0, 1, 2, 3}, targets{1, 2, 3, 4};
        model.forward(inputs.data(), targets.data(), 1, 4);
        const float* a = model.attention(0, 0, 1);
        QCOMPARE(a[0], 1.0f); // the first query sees only itself
        for (int t = 0; t < 4; ++t) {
            float sum = 0;
            for (int u = 0; u < 4; ++u) {
                if (u > t) QCOMPARE(a[t * 4 + u], 0.0f);
                sum += a[t * 4 + u];
            }
            QVERIFY(std::abs(sum - 1.0f) < 1e-6f);
        }
    }

    void untrainedModelPredictsUniformly()
    {
        // All weights zero: every logit is 0 (ln_f's γ = 0), so the loss is ln V and every probability 1/V.
        GptShape s;
        s.layers = 1;
        s.heads = 1;
        s.dModel = 4;
        s.context = 4;
        s.vocab = 6;
        TrainableGpt<double> model(s, 1, 3);
        const std::vector<int> inputs{0, 1, 2}, targets{1, kIgnoredTarget, 3};
        QCOMPARE(model.forward(inputs.data(), targets.data(), 1, 3), std::log(6.0));
        QCOMPARE(model.graded(), 2);
        QCOMPARE(model.probabilities(0, 2)[5], 1.0 / 6);
    }

    void sameSeedSameRunBitForBit()
    {
        GptShape s;
        s.layers = 2;
        s.heads = 4;
        s.dModel = 32;
        s.context = 16;
        s.vocab = 13;
        TrainingSettings settings;
        auto run = [&] {
            TrainableGpt<float> model(s, 4, 16);
            initializeParameters(model.layout(), 5, model.parameters());
            AdamWMoments<float> moments;
            SeededRandom data(9);
            std::vector<int> inputs(64), targets(64);
            for (int step = 0; step < 5; ++step) {
                for (int i = 0; i < 64; ++i) {
                    inputs[std::size_t(i)] = int(data.below(13));
                    targets[std::size_t(i)] = int(data.below(13));
                }
                model.forward(inputs.data(), targets.data(), 4, 16);
                model.backward();
                clipGradientNorm(model.gradients(), 1.0);
                adamWStep(model.layout(), model.parameters(), model.gradients(), moments, step + 1, 1e-2, settings);
            }
            return model.parameters();
        };
        const ParameterBuffer<float> a = run(), b = run();
        QVERIFY(std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0);
    }

    void dataParallelStepMatchesPyTorch()
    {
        // The reference batch's three sequences run as three shares, each on its own replica: the summed
        // gradients are PyTorch's.
        if (!QFile::exists(referenceDir() + QStringLiteral("/reference.json")))
            QSKIP("../shared/training-reference is absent");
        const ReferenceBatch ref = readReferenceBatch();
        GptTrainer trainer(referenceShape(), ref.batch, ref.length);
        QCOMPARE(trainer.shares(), 3);
        QCOMPARE(readTensors(referenceDir() + QStringLiteral("/model.safetensors"), trainer.layout(), trainer.parameters()),
                 QString());
        ParameterBuffer<double> gradients;
        QCOMPARE(readTensors(referenceDir() + QStringLiteral("/gradients_step0.safetensors"), trainer.layout(), gradients),
                 QString());
        TrainingBatch batch;
        batch.batch = ref.batch;
        batch.length = ref.length;
        batch.inputs = ref.inputs;
        batch.targets = ref.targets;
        const BatchResult result = trainer.trainStep(batch);
        const double pytorch = ref.json[QStringLiteral("losses_before_each_step_and_after_last")].toArray()[0].toDouble();
        QVERIFY(std::abs(result.loss - pytorch) <= 1e-6 * pytorch);
        QCOMPARE(result.graded, 36);
        for (const ParameterTensor& t : trainer.layout().tensors())
            QVERIFY2(relativeError(t, trainer.gradients(), gradients) <= 1e-4, qPrintable(t.name));
    }

    void dataParallelStepIsTheSameOnAnyNumberOfThreads()
    {
        GptShape s;
        s.layers = 2;
        s.heads = 2;
        s.dModel = 32;
        s.context = 12;
        s.vocab = 9;
        TrainingBatch batch;
        batch.batch = 7; // uneven shares: 2, 2, 2, 1
        batch.length = 12;
        SeededRandom random(4);
        for (int i = 0; i < 7 * 12; ++i) {
            batch.inputs.push_back(int(random.below(9)));
            batch.targets.push_back(i % 5 == 0 ? kIgnoredTarget : int(random.below(9)));
        }
#ifndef _OPENMP
        QSKIP("built without OpenMP: one thread only");
#else
        auto gradientsOn = [&](int threads) {
            const int before = omp_get_max_threads();
            omp_set_num_threads(threads);
            GptTrainer trainer(s, 7, 12);
            initializeParameters(trainer.layout(), 2, trainer.parameters());
            trainer.trainStep(batch);
            omp_set_num_threads(before);
            return trainer.gradients();
        };
        const ParameterBuffer<float> one = gradientsOn(1), two = gradientsOn(2), three = gradientsOn(3);
        QVERIFY(std::memcmp(one.data(), two.data(), one.size() * sizeof(float)) == 0);
        QVERIFY(std::memcmp(one.data(), three.data(), one.size() * sizeof(float)) == 0);
#endif
    }

    void clippingScalesToTheLimit()
    {
        // Gradients (3, 4): norm 5, clipped to 1 → (0.6, 0.8) up to PyTorch's 1e-6 in the denominator.
        ParameterBuffer<double> g{3.0, 4.0};
        QCOMPARE(clipGradientNorm(g, 1.0), 5.0);
        QVERIFY(std::abs(g[0] - 3.0 / (5.0 + 1e-6)) < 1e-15);
        ParameterBuffer<double> small{0.3, 0.4};
        QCOMPARE(clipGradientNorm(small, 1.0), 0.5);
        QCOMPARE(small[0], 0.3); // under the limit: unchanged
    }

    void adamWFirstStepMovesByTheLearningRate()
    {
        // At t = 1, m̂ = g and v̂ = g², so each weight moves by lr·g/(|g| + ε) ≈ lr·sign(g), after the decay.
        GptShape s;
        s.layers = 1;
        s.heads = 1;
        s.dModel = 2;
        s.context = 2;
        s.vocab = 2;
        const ParameterLayout layout(s);
        ParameterBuffer<double> params(layout.bufferSize(), 1.0), grads(layout.bufferSize(), -0.5);
        AdamWMoments<double> moments;
        TrainingSettings settings;
        settings.weightDecay = 0.1;
        settings.eps = 0;
        adamWStep(layout, params, grads, moments, 1, 0.01, settings);
        const ParameterTensor& wte = layout.tensor(ParameterKind::TokenEmbedding);
        const ParameterTensor& bias = layout.tensor(ParameterKind::AttnBias, 0);
        QVERIFY(std::abs(params[wte.offset] - (1.0 * (1 - 0.01 * 0.1) + 0.01)) < 1e-12);
        QVERIFY(std::abs(params[bias.offset] - (1.0 + 0.01)) < 1e-12); // biases do not decay
    }

    void learningRateSchedule()
    {
        TrainingSettings s;
        s.learningRate = 1.0;
        s.warmup = 10;
        s.steps = 110;
        s.minLearningRateFraction = 0.1;
        QCOMPARE(learningRateAt(s, 0), 0.1);
        QCOMPARE(learningRateAt(s, 9), 1.0);
        QCOMPARE(learningRateAt(s, 10), 1.0);
        QVERIFY(std::abs(learningRateAt(s, 60) - 0.55) < 1e-12); // half-way down the cosine: (1 + 0.1)/2
        QVERIFY(std::abs(learningRateAt(s, 110) - 0.1) < 1e-12);
        s.schedule = LearningRateSchedule::Constant;
        QCOMPARE(learningRateAt(s, 100), 1.0);
    }

    void badShapesAndSettingsNameTheValue()
    {
        GptShape s;
        s.vocab = 10;
        QVERIFY(checkShape(s).ok());
        s.heads = 0;
        QCOMPARE(checkShape(s).error(), QStringLiteral("heads: 0 is not between 1 and 8"));
        s.heads = 3;
        QCOMPARE(checkShape(s).error(), QStringLiteral("d_model: 64 is not divisible by heads 3"));
        s.heads = 4;
        s.context = 300;
        QCOMPARE(checkShape(s).error(), QStringLiteral("context: 300 is not between 2 and 256"));
        TrainingSettings t;
        t.learningRate = 0;
        QCOMPARE(checkSettings(t).error(), QStringLiteral("learning rate: 0 must be greater than 0"));
        t.learningRate = std::nan("");
        QVERIFY(checkSettings(t).error().startsWith(QStringLiteral("learning rate: nan")));
    }
};

ATTNLAB_TEST_APPLESS_MAIN(TestTrainableGpt)
} // namespace tst_trainable_gpt
#include "tst_trainable_gpt.moc"
