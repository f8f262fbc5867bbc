// Tests model/teaching/lesson.cpp and the lessons in resources/lessons: every lesson parses, and the numbers each lesson
// states are recomputed here from its own input with the model's functions and, independently, by hand.

#include "model/teaching/dot_product_statistics.h"
#include "model/exact/exact_format.h"
#include "model/teaching/lesson.h"
#include "model/teaching/parameter_count.h"
#include "model/attention/positional_encoding.h"
#include "test_support.h"
#include "model/attention/toy_model.h"
#include "model/training/tasks/induction_task.h"
#include "model/training/tasks/pronoun_task.h"
#include "model/training/tasks/sort_task.h"
#include "model/training/training_presets.h"
#include "model/training/training_run.h"
#include "test_registry.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <set>

namespace tst_lesson {

using namespace attnlab::model;

namespace {

QString lessonDir()
{
    return QFINDTESTDATA("../../resources/lessons");
}

Lesson lesson(const QString& id)
{
    auto l = loadLesson(lessonDir(), id);
    if (!l)
        qFatal("%s", qPrintable(l.error()));
    return std::move(l).value();
}

// The lesson's fact `name` as numbers; fails the test when it is missing.
std::vector<double> fact(const Lesson& l, const char* name)
{
    const LessonFact* f = l.fact(QLatin1String(name));
    if (!f)
        qFatal("lesson %s has no fact %s", qPrintable(l.id), name);
    return f->values;
}

Matrix rowOf(const std::vector<double>& values)
{
    Matrix m(1, Eigen::Index(values.size()));
    for (size_t i = 0; i < values.size(); ++i)
        m(0, Eigen::Index(i)) = values[i];
    return m;
}

Matrix row(const Matrix& m, Eigen::Index r) { return m.row(r); }

// Row-wise softmax written out, independent of model/kernels/softmax.cpp.
Matrix softmaxRows(const Matrix& scores)
{
    Matrix out(scores.rows(), scores.cols());
    for (Eigen::Index r = 0; r < scores.rows(); ++r) {
        double sum = 0.0;
        for (Eigen::Index c = 0; c < scores.cols(); ++c)
            sum += std::exp(scores(r, c));
        for (Eigen::Index c = 0; c < scores.cols(); ++c)
            out(r, c) = std::exp(scores(r, c)) / sum;
    }
    return out;
}

Trace run(const Lesson& l)
{
    auto trace = l.problem ? runMatrixProblem(*l.problem) : ToyModel(ToyConfig{}).run(l.text, l.memory);
    if (!trace)
        qFatal("%s: %s", qPrintable(l.id), qPrintable(trace.error()));
    return std::move(trace).value();
}

qint64 componentPerLayer(const ParameterCount& count, const char* name)
{
    for (const ParameterComponent& c : count.components)
        if (c.name == QLatin1String(name))
            return c.perLayer;
    qFatal("no component %s", name);
}

const double e = std::exp(1.0);

} // namespace

class TestLesson : public QObject {
    Q_OBJECT
private slots:
    void everyLessonParses()
    {
        const auto catalogue = lessonCatalogue(lessonDir());
        QVERIFY2(catalogue.ok(), qPrintable(catalogue.error()));
        QStringList ids;
        for (const LessonEntry& entry : *catalogue)
            ids << entry.id;
        QCOMPARE(ids, (QStringList{"exam-softmax", "orthogonal-inputs", "dot-product-variance", "attention-as-fcn",
                                   "causal-mask", "input-memory", "multihead-split", "multihead-sum", "animal-it",
                                   "embeddings", "residual-stream", "transformer-block", "shape-calculator",
                                   "sorting-head", "induction-head", "resolving-it", "which-head-resolves-it"}));
        for (const QString& id : ids) {
            const Lesson l = lesson(id);
            QVERIFY2(l.problem || !l.text.isEmpty(), qPrintable(id));
            QVERIFY2(l.steps.size() >= 3, qPrintable(id));
            QVERIFY2(l.version == 1 || l.version == 2, qPrintable(id));
            // A lesson declares version 2 exactly when it uses a version-2 field (a question or presenter notes).
            const bool usesVersion2 = std::any_of(l.steps.begin(), l.steps.end(), [](const LessonStep& s) {
                return s.question.has_value() || !s.notes.texts.empty() || s.presentation.zoom || s.presentation.panels;
            });
            QCOMPARE(l.version, usesVersion2 ? 2 : 1);
            QCOMPARE(l.languages, (QStringList{"en", "ja", "fa"}));
            std::vector<LocalizedText> texts;
            for (const LessonStep& step : l.steps)
                texts.push_back(step.text);
            texts.push_back(l.title);
            texts.push_back(l.summary);
            for (const LocalizedText& t : texts)
                QVERIFY2(!t.get("en").isEmpty() && !t.get("ja").isEmpty() && !t.get("fa").isEmpty(), qPrintable(id + ": " + t.get("en")));
            // Another language falls back to the first declared one, English here.
            QCOMPARE(l.title.text(QStringLiteral("xx")), l.title.get("en"));
            QCOMPARE(l.language(QStringLiteral("de")), QStringLiteral("en"));
            LocalizedText untranslated;
            untranslated.set(QStringLiteral("en"), l.title.get("en"));
            untranslated.set(QStringLiteral("ja"), l.title.get("ja"));
            QCOMPARE(untranslated.text(QStringLiteral("fa")), l.title.get("en"));
            // Every lesson's input runs.
            QVERIFY(!run(l).layers.empty());
            // A lesson about training names a built-in task, and its sentence is that task's example (the probe
            // the Train window's grid shows), so that the trained model opens in the workspace on the same tokens.
            if (l.training) {
                QVERIFY2(trainingTaskNames().contains(l.training->task), qPrintable(id));
                QVERIFY2(trainingPresetNamed(l.training->preset), qPrintable(id));
                const auto task = makeTrainingTask(l.training->task);
                QVERIFY2(task, qPrintable(task.error()));
                QStringList probe;
                for (int token : (*task)->probe())
                    probe << (*task)->vocabulary()[token];
                QCOMPARE(l.text, probe.join(QLatin1Char(' ')));
            }
        }
    }

    void examSoftmax()
    {
        const Lesson l = lesson("exam-softmax");
        QCOMPARE(l.view, QStringLiteral("steps"));
        QCOMPARE(l.query, QStringLiteral("2"));
        const Trace trace = run(l);
        const HeadTrace& h = trace.layers[0].heads[0];
        // (1/2, 1/2, −1/2, −1/2) -> (3/2, 3/2, 2/3, 2/3) / (13/3)
        const Matrix approx = (Matrix(1, 4) << 9.0 / 26, 9.0 / 26, 2.0 / 13, 2.0 / 13).finished();
        ATTNLAB_COMPARE_MATRIX(row(h.scaled.toDouble(), 1), (Matrix(1, 4) << 0.5, 0.5, -0.5, -0.5).finished(), 1e-12);
        ATTNLAB_COMPARE_MATRIX(row(h.scaled.toDouble(), 1), rowOf(fact(l, "scaled_scores_row_2")), 1e-12);
        ATTNLAB_COMPARE_MATRIX(row(h.weights.toDouble(), 1), approx, 1e-12);
        ATTNLAB_COMPARE_MATRIX(row(h.weights.toDouble(), 1), rowOf(fact(l, "weights_row_2")), 1e-12);
        QCOMPARE(formatExact(h.weights(1, 0)), QStringLiteral("9/26"));
        ATTNLAB_COMPARE_MATRIX(row(trace.output.toDouble(), 1), (Matrix(1, 2) << 11, 2.5).finished(), 1e-12);
        ATTNLAB_COMPARE_MATRIX(row(trace.output.toDouble(), 1), rowOf(fact(l, "output_row_2")), 1e-12);

        // The exact values the lesson states: the same problem without the override.
        MatrixProblem exact = *l.problem;
        exact.options.expOverrides.clear();
        const Trace exactTrace = runMatrixProblem(exact).value();
        const double a = e / (2 * (e + 1)), b = 1 / (2 * (e + 1));
        ATTNLAB_COMPARE_MATRIX(row(exactTrace.layers[0].heads[0].weights.toDouble(), 1), (Matrix(1, 4) << a, a, b, b).finished(), 1e-12);
        ATTNLAB_COMPARE_MATRIX(row(exactTrace.layers[0].heads[0].weights.toDouble(), 1), rowOf(fact(l, "exact_weights_row_2")), 1e-12);
        const Matrix y = (Matrix(1, 2) << 26 * a + 13 * b, 13 * a - 13 * b).finished();
        ATTNLAB_COMPARE_MATRIX(row(exactTrace.output.toDouble(), 1), y, 1e-12);
        ATTNLAB_COMPARE_MATRIX(row(exactTrace.output.toDouble(), 1), rowOf(fact(l, "exact_output_row_2")), 1e-12);
        QVERIFY(std::abs(y(0, 0) - 11.252) < 5e-4 && std::abs(y(0, 1) - 3.004) < 5e-4); // as the text rounds them

        // Its two questions ask for what the trace computes: query 2's weight on key 1, then y₂.
        QVERIFY(l.steps[2].question && l.steps[3].question);
        const LessonQuestion& weight = *l.steps[2].question;
        QCOMPARE(weight.kind, LessonQuestion::Kind::Number);
        QCOMPARE(weight.answerWritten, QStringList{"9/26"});
        ATTNLAB_COMPARE_MATRIX(rowOf(weight.answer), (Matrix(1, 1) << h.weights.toDouble()(1, 0)).finished(), 1e-15);
        const LessonQuestion& output = *l.steps[3].question;
        QCOMPARE(output.answerWritten, (QStringList{"11", "5/2"}));
        ATTNLAB_COMPARE_MATRIX(rowOf(output.answer), row(trace.output.toDouble(), 1), 1e-12);
        // The tolerances let a rounded decimal through but not the exact softmax's values (0.3655; 11.252, 3.004).
        QVERIFY(weight.tolerance < std::abs(a - 9.0 / 26) && output.tolerance < std::abs(y(0, 1) - 2.5));
    }

    void orthogonalInputs()
    {
        const Lesson l = lesson("orthogonal-inputs");
        const Trace trace = run(l);
        const double self = std::exp(9.0) / (std::exp(9.0) + 2), other = 1 / (std::exp(9.0) + 2);
        const Matrix& w = trace.layers[0].heads[0].weights.toDouble();
        QVERIFY(std::abs(w(0, 0) - self) < 1e-12 && std::abs(w(0, 1) - other) < 1e-12);
        QVERIFY(std::abs(self - fact(l, "self_weight")[0]) < 1e-12 && std::abs(other - fact(l, "other_weight")[0]) < 1e-12);
        ATTNLAB_COMPARE_MATRIX(row(trace.output.toDouble(), 0), rowOf(fact(l, "output_row_1")), 1e-12);
        QVERIFY((trace.output.toDouble() - *l.problem->x).cwiseAbs().maxCoeff() / 3 < 3e-4); // "less than 0.03 %"

        // c = 1: e/(e + 2); c = 6: y_n = x_n to double precision.
        MatrixProblem p = *l.problem;
        p.x = Matrix::Identity(3, 3);
        QVERIFY(std::abs(runMatrixProblem(p)->layers[0].heads[0].weights(1, 1) - e / (e + 2)) < 1e-12);
        QVERIFY(std::abs(e / (e + 2) - fact(l, "self_weight_norm_1")[0]) < 1e-12);
        p.x = 6 * Matrix::Identity(3, 3);
        ATTNLAB_COMPARE_MATRIX(runMatrixProblem(p)->output.toDouble(), *p.x, 1e-12);
    }

    void dotProductVariance()
    {
        const Lesson l = lesson("dot-product-variance");
        const Matrix& q = *l.problem->q;
        const Matrix& k = *l.problem->k;
        QCOMPARE(q.cols(), Eigen::Index(fact(l, "d")[0]));
        const Matrix raw = q * k.transpose();
        ATTNLAB_COMPARE_MATRIX(row(raw, 0), rowOf(fact(l, "scores_row_1")), 0.0);
        QCOMPARE(raw.array().square().mean(), fact(l, "mean_square_score")[0]);

        const Trace scaled = run(l);
        ATTNLAB_COMPARE_MATRIX(scaled.layers[0].heads[0].scores.toDouble(), raw, 1e-12);
        ATTNLAB_COMPARE_MATRIX(scaled.layers[0].heads[0].weights.toDouble(), softmaxRows(raw / std::sqrt(8.0)), 1e-12);
        QVERIFY(std::abs(scaled.layers[0].heads[0].weights(0, 0) - fact(l, "max_weight_scaled")[0]) < 1e-12);
        MatrixProblem unscaled = *l.problem;
        unscaled.options.scaling = Scaling{ScaleKind::None, 1.0};
        const double top = runMatrixProblem(unscaled)->layers[0].heads[0].weights(0, 0);
        QVERIFY(std::abs(top - softmaxRows(raw)(0, 0)) < 1e-12);
        QVERIFY(std::abs(top - fact(l, "max_weight_unscaled")[0]) < 1e-12);
        QVERIFY(std::abs(top - 0.98) < 0.005); // as the text rounds it

        // E[(aᵀb)²] = d for independent standard-normal components; after ÷√d the variance is 1.
        for (int d : {8, 64}) {
            const SampleMoments m = moments(sampleDotProducts(d, 100000, 7));
            QVERIFY2(std::abs(m.meanSquare / d - fact(l, "scaled_variance")[0]) < 0.03, qPrintable(QString::number(m.meanSquare)));
            QVERIFY(std::abs(m.mean) < 0.1 * std::sqrt(double(d)));
        }
    }

    void attentionAsFcn()
    {
        const Lesson l = lesson("attention-as-fcn");
        const Trace trace = run(l);
        const Matrix& x = *l.problem->x;
        const Eigen::Index n = x.rows(), d = x.cols();
        QCOMPARE(double(n), fact(l, "N")[0]);
        QCOMPARE(double(d), fact(l, "D")[0]);
        const Matrix& w = trace.layers[0].heads[0].weights.toDouble();
        QCOMPARE(double(w.size()), fact(l, "attention_weights")[0]);
        QCOMPARE(double(d * d), fact(l, "feature_matrix_params")[0]);
        QCOMPARE(double(3 * d * d), fact(l, "projection_params")[0]);
        // W_Q = W_K = W_V = I: y = softmax(XXᵀ/√D)·X.
        ATTNLAB_COMPARE_MATRIX(trace.output.toDouble(), softmaxRows(x * x.transpose() / std::sqrt(double(d))) * x, 1e-12);
    }

    void causalMask()
    {
        const Lesson l = lesson("causal-mask");
        const Trace trace = run(l);
        const HeadTrace& h = trace.layers[0].heads[0];
        ATTNLAB_COMPARE_MATRIX(row(h.weights.toDouble(), 2), (Matrix(1, 4) << 1 / 3.0, 1 / 3.0, 1 / 3.0, 0).finished(), 1e-12);
        ATTNLAB_COMPARE_MATRIX(row(h.weights.toDouble(), 2), rowOf(fact(l, "weights_row_3")), 1e-12);
        // Running means of the values.
        const Matrix& v = *l.problem->v;
        for (Eigen::Index t = 0; t < 4; ++t)
            ATTNLAB_COMPARE_MATRIX(row(trace.output.toDouble(), t), Matrix(v.topRows(t + 1).colwise().mean()), 1e-12);
        ATTNLAB_COMPARE_MATRIX(row(trace.output.toDouble(), 3), rowOf(fact(l, "output_row_4")), 1e-12);
        QCOMPARE(double((!h.allowed.array()).count()), fact(l, "masked_cells")[0]);
        // Its question: how many cells the mask hides, N(N − 1)/2 for N = 4, with no tolerance.
        QVERIFY(l.steps[2].question);
        QCOMPARE(l.steps[2].question->answer, std::vector<double>{4.0 * 3 / 2});
        QCOMPARE(l.steps[2].question->tolerance, 0.0);
        const qint64 bytes = qint64(1024) * 1024 * 12 * 4;
        QCOMPARE(double(bytes), fact(l, "attention_bytes")[0]);
        QCOMPARE(double(bytes) / (1 << 20), fact(l, "attention_mib")[0]);
    }

    void inputMemory()
    {
        const Lesson l = lesson("input-memory");
        const Trace trace = run(l);
        QCOMPARE(trace.tokens, (QStringList{"得意", "な", "スポーツ", "は", "？"}));
        QCOMPARE(trace.keyTokens(), (QStringList{"野球", "が", "得意"}));
        QCOMPARE(l.query, QStringLiteral("3"));
        const Matrix& w = trace.layers[0].heads[0].weights.toDouble();
        ATTNLAB_COMPARE_MATRIX(row(w, 2), (Matrix(1, 3) << 0.6, 0.02, 0.38).finished(), 1e-12);
        ATTNLAB_COMPARE_MATRIX(row(w, 2), rowOf(fact(l, "weights_sports")), 1e-12);
        QCOMPARE(formatExact(w(2, 2)), QStringLiteral("19/50"));
        // 0.6·(10, 0) + 0.02·(0, 10) + 0.38·(5, 5)
        const Matrix y = 0.6 * (Matrix(1, 2) << 10, 0).finished() + 0.02 * (Matrix(1, 2) << 0, 10).finished() +
                         0.38 * (Matrix(1, 2) << 5, 5).finished();
        ATTNLAB_COMPARE_MATRIX(row(trace.output.toDouble(), 2), y, 1e-12);
        ATTNLAB_COMPARE_MATRIX(row(trace.output.toDouble(), 2), rowOf(fact(l, "output_sports")), 1e-12);
        ATTNLAB_COMPARE_MATRIX(row(w, 0), rowOf(fact(l, "weights_tokui")), 1e-12);
        ATTNLAB_COMPARE_MATRIX(row(w, 1), Matrix::Constant(1, 3, 1 / 3.0), 1e-12);
    }

    void multiheadSplit()
    {
        const Lesson l = lesson("multihead-split");
        QVERIFY(l.params);
        const auto b = attentionBreakdown(l.params->dModel, l.params->heads, l.params->biases);
        QVERIFY(b.ok());
        QCOMPARE(double(b->headDim), fact(l, "head_dim")[0]);
        QCOMPARE(std::vector<double>(b->headProjection.dims.begin(), b->headProjection.dims.end()),
                 fact(l, "head_projection_shape"));
        QCOMPARE(double(b->perHeadQkv), fact(l, "per_head_params")[0]);
        QCOMPARE(double(b->perHeadQkv), 3.0 * 512 * 64);
        QCOMPARE(double(8 * b->perHeadQkv), fact(l, "qkv_params")[0]);
        QCOMPARE(double(b->outputProjection), fact(l, "output_projection_params")[0]);
        QCOMPARE(double(b->total), fact(l, "attention_params")[0]);
        QCOMPARE(b->total, qint64(4) * 512 * 512);
        QCOMPARE(componentPerLayer(countParameters(*l.params).value(), "encoder self-attention"), b->total);
    }

    void multiheadSum()
    {
        const Lesson l = lesson("multihead-sum");
        const MatrixProblem& p = *l.problem;
        QCOMPARE(p.heads, int(fact(l, "heads")[0]));
        const Eigen::Index dk = Eigen::Index(fact(l, "d_k")[0]);
        const Trace trace = run(l);
        const Matrix& x = *p.x;
        Matrix concat(x.rows(), p.wv->cols());
        Matrix sum = Matrix::Zero(x.rows(), p.wo->cols());
        for (int h = 0; h < p.heads; ++h) {
            const Matrix qh = x * p.wq->middleCols(h * dk, dk), kh = x * p.wk->middleCols(h * dk, dk);
            const Matrix a = softmaxRows(qh * kh.transpose() / std::sqrt(double(dk)));
            const Matrix hh = a * x * p.wv->middleCols(h * dk, dk);
            concat.middleCols(h * dk, dk) = hh;
            const Matrix contribution = hh * p.wo->middleRows(h * dk, dk); // H_h · W_O^h
            sum += contribution;
            ATTNLAB_COMPARE_MATRIX(trace.layers[0].heads[size_t(h)].weights.toDouble(), a, 1e-12);
            ATTNLAB_COMPARE_MATRIX(trace.layers[0].heads[size_t(h)].contribution.toDouble(), contribution, 1e-12);
        }
        ATTNLAB_COMPARE_MATRIX(Matrix(concat * *p.wo), sum, 1e-12);
        ATTNLAB_COMPARE_MATRIX(trace.output.toDouble(), sum, 1e-12);
    }

    void animalIt()
    {
        const Lesson l = lesson("animal-it");
        QCOMPARE(l.view, QStringLiteral("arcs"));
        QCOMPARE(l.query, QStringLiteral("it"));
        const Trace trace = run(l);
        QCOMPARE(double(trace.tokens.size()), fact(l, "tokens")[0]);
        QCOMPARE(trace.tokens.indexOf(QStringLiteral("it")) + 1.0, fact(l, "it_position")[0]);
        QVERIFY(!trace.trained);
        QVERIFY(trace.warnings.join(' ').contains(QStringLiteral("untrained")));
        QVERIFY(l.steps[1].text.get("en").contains(QStringLiteral("chance")));
        QVERIFY(l.steps[3].text.get("en").contains(QStringLiteral("too wide")));
    }

    // The training lessons' numbers, against the tasks and presets the Train window uses.
    void sortingHead()
    {
        const Lesson l = lesson(QStringLiteral("sorting-head"));
        QCOMPARE(l.training->task, QStringLiteral("sort"));
        const auto task = makeTrainingTask(QStringLiteral("sort")).value();
        QCOMPARE(double(task->vocabulary().size()), fact(l, "letters")[0]);
        QCOMPARE(double(SortTask::kCount), fact(l, "input_letters")[0]);
        QCOMPARE(double(task->probe().size()), fact(l, "example_tokens")[0]);
        QCOMPARE(double(task->sequenceLength()), fact(l, "example_tokens")[0]); // the model sees 11 of 12
        QCOMPARE(std::pow(fact(l, "letters")[0], fact(l, "input_letters")[0]), fact(l, "possible_inputs")[0]);
        // One sequence by hand: 6 letters, then the same sorted; graded on the 6 sorted ones only.
        SeededRandom random(1, 0);
        const TrainingBatch b = task->batch(DataSplit::Train, random, 1);
        std::vector<int> sorted(b.inputs.begin(), b.inputs.begin() + 6);
        std::sort(sorted.begin(), sorted.end());
        int graded = 0;
        for (int t = 0; t < b.length; ++t) {
            if (b.targets[size_t(t)] == kIgnoredTarget) continue;
            ++graded;
            QVERIFY(t >= 5);
            QCOMPARE(b.targets[size_t(t)], sorted[size_t(t - 5)]);
        }
        QCOMPARE(graded, 6);
        const PresetChoice c =
            trainingPreset(*trainingPresetNamed(l.training->preset), task->name(), task->sequenceLength());
        QCOMPARE(double(c.shape.layers), fact(l, "layers")[0]);
        QCOMPARE(double(c.shape.heads), fact(l, "heads")[0]);
        QCOMPARE(double(c.shape.dModel), fact(l, "width")[0]);
        QCOMPARE(double(c.settings.steps), fact(l, "steps")[0]);
        QCOMPARE(double(c.settings.batch), fact(l, "batch")[0]);
        QVERIFY(!c.shape.attentionOnly);
    }

    void inductionHead()
    {
        const Lesson l = lesson(QStringLiteral("induction-head"));
        QCOMPARE(l.training->task, QStringLiteral("induction"));
        const auto task = makeTrainingTask(QStringLiteral("induction")).value();
        QCOMPARE(double(task->vocabulary().size()), fact(l, "symbols")[0]);
        QCOMPARE(double(InductionTask::kMinPeriod), fact(l, "period")[0]);
        QCOMPARE(double(InductionTask::kMaxPeriod), fact(l, "period")[1]);
        QCOMPARE(double(task->sequenceLength()), fact(l, "sequence_tokens")[0]);
        // The example: its first half repeated, each symbol once per half.
        const std::vector<int> probe = task->probe();
        const auto half = qsizetype(fact(l, "example_period")[0]);
        QCOMPARE(qsizetype(probe.size()), 2 * half);
        QVERIFY(std::equal(probe.begin(), probe.begin() + half, probe.begin() + half));
        QCOMPARE(qsizetype(std::set<int>(probe.begin(), probe.end()).size()), half);
        QVERIFY(l.steps[6].text.get("en").contains(QStringLiteral("23 positions")) && half - 1 == 23);
        // The head score's probe: min(16, context / 2) distinct symbols, twice (TrainingRun::inductionProbe).
        const PresetChoice c =
            trainingPreset(*trainingPresetNamed(l.training->preset), task->name(), task->sequenceLength());
        auto run = TrainingRun::start(makeTrainingTask(QStringLiteral("induction")).value(), c.shape, c.settings);
        QVERIFY2(run, qPrintable(run.error()));
        QCOMPARE(double((*run)->inductionProbe().size()), 2 * fact(l, "probe_symbols")[0]);
        QCOMPARE(double(c.shape.layers), fact(l, "layers")[0]);
        QCOMPARE(double(c.shape.heads), fact(l, "heads")[0]);
        QCOMPARE(double(c.shape.dModel), fact(l, "width")[0]);
        QCOMPARE(double(c.settings.steps), fact(l, "steps")[0]);
        QVERIFY(c.shape.attentionOnly);
    }

    // The patching lesson's corrupted input differs from its input in the adjective alone, one of each class, and
    // its target and wrong answer are the task's nouns of the two sentences.
    void whichHeadResolvesIt()
    {
        const Lesson l = lesson(QStringLiteral("which-head-resolves-it"));
        QCOMPARE(l.training->task, QStringLiteral("pronoun"));
        QCOMPARE(l.query, QStringLiteral("="));
        QVERIFY(l.patching);
        const QStringList clean = l.text.split(QLatin1Char(' ')), corrupted = l.patching->corrupted.split(QLatin1Char(' '));
        QCOMPARE(corrupted.size(), clean.size());
        int differing = 0;
        for (int i = 0; i < clean.size(); ++i)
            if (clean[i] != corrupted[i]) {
                ++differing;
                QVERIFY(PronounTask::animalAdjectives().contains(clean[i]));
                QVERIFY(PronounTask::obstacleAdjectives().contains(corrupted[i]));
            }
        QCOMPARE(differing, 1);
        QVERIFY(PronounTask::animals().contains(l.patching->target) && clean.contains(l.patching->target));
        QVERIFY(PronounTask::obstacles().contains(l.patching->wrong) && clean.contains(l.patching->wrong));
    }

    void resolvingIt()
    {
        const Lesson l = lesson(QStringLiteral("resolving-it"));
        QCOMPARE(l.training->task, QStringLiteral("pronoun"));
        QCOMPARE(l.query, QStringLiteral("="));
        const auto task = makeTrainingTask(QStringLiteral("pronoun")).value();
        QCOMPARE(double(PronounTask::animals().size()), fact(l, "animals")[0]);
        QCOMPARE(double(PronounTask::obstacles().size()), fact(l, "obstacles")[0]);
        QCOMPARE(double(PronounTask::animalAdjectives().size() + PronounTask::obstacleAdjectives().size()),
                 fact(l, "adjectives")[0]);
        QCOMPARE(fact(l, "animals")[0] * fact(l, "obstacles")[0] * fact(l, "adjectives")[0], fact(l, "sentences")[0]);
        QCOMPARE(double(task->vocabulary().size()), fact(l, "vocabulary")[0]);
        // The adjectives the lesson names for each class are the task's.
        for (const QString& a : PronounTask::animalAdjectives())
            QVERIFY2(l.steps[1].text.get("en").contains(a), qPrintable(a));
        for (const QString& a : PronounTask::obstacleAdjectives())
            QVERIFY2(l.steps[1].text.get("en").contains(a), qPrintable(a));
        const QStringList words = l.text.split(QLatin1Char(' '));
        QCOMPARE(double(words.size()), fact(l, "example_tokens")[0]);
        QCOMPARE(words.indexOf(QStringLiteral("it")) + 1.0, fact(l, "first_it_position")[0]);
        QCOMPARE(words.indexOf(QStringLiteral("tired")) + 1.0, fact(l, "adjective_position")[0]);
        QCOMPARE(words.indexOf(QStringLiteral("=")) + 1.0, fact(l, "answer_position")[0]);
        // Graded on the noun only, predicted at "=" (input position 14), after the adjective.
        SeededRandom random(3, 0);
        const TrainingBatch b = task->batch(DataSplit::Train, random, 8);
        for (int s = 0; s < b.batch; ++s)
            for (int t = 0; t < b.length; ++t) {
                const int target = b.targets[size_t(s * b.length + t)];
                QCOMPARE(target != kIgnoredTarget, t + 1.0 == fact(l, "answer_position")[0]);
            }
    }

    void embeddings()
    {
        const Lesson l = lesson("embeddings");
        const ToyModel toy{ToyConfig{}};
        QCOMPARE(double(toy.embedding().size()), fact(l, "toy_embedding_params")[0]);
        QCOMPARE(double(toy.embedding().size()), 4096.0 * 32); // vocabulary 4096, d = 32
        QCOMPARE(double(countParameters(TransformerShapeConfig{})->components[0].total), fact(l, "exercise_embedding_params")[0]);
        // PE[p][0] = sin(p): the first pair's wavelength is 2π.
        const Matrix pe = sinusoidalEncoding(20, 16);
        const double wavelength = fact(l, "first_wavelength")[0];
        QVERIFY(std::abs(wavelength - 2 * M_PI) < 1e-12);
        for (int p = 0; p < 20; ++p)
            QVERIFY(std::abs(pe(p, 0) - std::sin(p)) < 1e-12 && std::abs(pe(p, 1) - std::cos(p)) < 1e-12);
    }

    void residualStream()
    {
        const Trace trace = run(lesson("residual-stream"));
        // Pre-norm: every layer's output is its input plus what attention and the MLP add.
        for (const LayerTrace& layer : trace.layers) {
            const ResidualTrace& r = layer.residual;
            ATTNLAB_COMPARE_MATRIX(r.output.toDouble(), Matrix(r.input.toDouble() + r.attentionOutput.toDouble() + r.mlpOutput.toDouble()), 1e-9);
        }
    }

    void transformerBlock()
    {
        const Lesson l = lesson("transformer-block");
        const ParameterCount count = countParameters(*l.params).value();
        const qint64 ffn = qint64(2) * 512 * 2048 + 2048 + 512, attention = qint64(4) * 512 * 512 + 4 * 512, norms = 2 * (512 + 512);
        QCOMPARE(componentPerLayer(count, "encoder feed-forward"), ffn);
        QCOMPARE(double(ffn), fact(l, "ffn_params")[0]);
        QCOMPARE(componentPerLayer(count, "encoder self-attention"), attention);
        QCOMPARE(double(attention), fact(l, "attention_params")[0]);
        QCOMPARE(componentPerLayer(count, "encoder LayerNorm"), qint64(norms));
        QCOMPARE(double(norms), fact(l, "layer_norm_params")[0]);
        QCOMPARE(double(ffn + attention + norms), fact(l, "block_params")[0]);
    }

    void shapeCalculator()
    {
        const Lesson l = lesson("shape-calculator");
        const ParameterCount count = countParameters(*l.params).value();
        QCOMPARE(double(count.components[0].total), fact(l, "token_embedding")[0]);
        QCOMPARE(double(componentPerLayer(count, "encoder self-attention")), fact(l, "self_attention_per_layer")[0]);
        QCOMPARE(double(count.components[1].total), fact(l, "encoder_self_attention")[0]);
        QCOMPARE(double(componentPerLayer(count, "encoder feed-forward")), fact(l, "ffn_per_layer")[0]);
        QCOMPARE(double(count.components[2].total), fact(l, "encoder_ffn")[0]);
        QCOMPARE(double(count.components[3].total), fact(l, "encoder_layer_norm")[0]);
        QCOMPARE(double(count.encoderTotal), fact(l, "encoder_total")[0]);
        QCOMPARE(double(count.decoderTotal) / 12, fact(l, "decoder_layer")[0]);
        QCOMPARE(double(count.decoderTotal), fact(l, "decoder_total")[0]);
        QCOMPARE(double(count.outputTotal), fact(l, "output_projection")[0]);
        QCOMPARE(double(count.activations[3].elements), fact(l, "attention_weights_elements")[0]);
        QCOMPARE(double(count.activations.back().elements), fact(l, "logits_elements")[0]);
        // The same numbers by hand.
        QCOMPARE(fact(l, "encoder_total")[0], 30000.0 * 768 + 8 * (4.0 * 768 * 768 + 2.0 * 768 * 384 + 2 * 768));
    }

    void questionsAndNotes()
    {
        const QByteArray json = R"({"format": "attnlab-lesson", "version": 2, "id": "q", "languages": ["en", "fa"],
            "title": {"en": "Q", "fa": "پ"}, "view": "heatmap", "input": {"text": "The cat sat"}, "query": "sat",
            "steps": [
              {"text": {"en": "a", "fa": "ا"}, "question": {"kind": "key", "prompt": {"en": "Which key?", "fa": "کدام کلید؟"}},
               "notes": {"en": "Wait for three guesses.", "fa": "سه حدس"},
               "presentation": {"zoom": 1.5, "panels": ["caption", "input", "caption"]}},
              {"text": {"en": "b", "fa": "ب"}, "view": "heads",
               "question": {"kind": "head", "prompt": {"en": "Which head?", "fa": "کدام سر؟"}, "key": "cat"}},
              {"text": {"en": "c", "fa": "پ"}, "question": {"kind": "number", "prompt": {"en": "y?", "fa": "y?"},
               "answer": [11, "5/2"], "tolerance": 0.5}},
              {"text": {"en": "d", "fa": "د"}, "question": {"kind": "choice", "prompt": {"en": "Which?", "fa": "کدام؟"},
               "options": [{"en": "one", "fa": "یک"}, {"en": "two", "fa": "دو"}, {"en": "three", "fa": "سه"}], "answer": 3}}]})";
        const LessonCheck check = checkLesson(json);
        QVERIFY2(check.problems.empty(), qPrintable(check.problems.empty() ? QString() : check.problems.front().text()));
        const Lesson& l = *check.lesson;
        QCOMPARE(l.version, 2);
        QCOMPARE(l.steps[0].question->kind, LessonQuestion::Kind::Key);
        QCOMPARE(l.steps[0].question->prompt.text("fa"), QStringLiteral("کدام کلید؟"));
        QCOMPARE(l.steps[0].notes.text("en"), QStringLiteral("Wait for three guesses."));
        QCOMPARE(l.steps[0].presentation.zoom, std::optional<double>(1.5));
        QCOMPARE(l.steps[0].presentation.panels, std::optional<QStringList>(QStringList{"caption", "input"}));
        QVERIFY(!l.steps[1].presentation.zoom && !l.steps[1].presentation.panels);
        QCOMPARE(l.steps[1].question->kind, LessonQuestion::Kind::Head);
        QCOMPARE(l.steps[1].question->key, QStringLiteral("cat"));
        QVERIFY(l.steps[1].notes.texts.empty());
        QCOMPARE(l.steps[2].question->answer, (std::vector<double>{11, 2.5}));
        QCOMPARE(l.steps[2].question->answerWritten, (QStringList{"11", "5/2"}));
        QCOMPARE(l.steps[2].question->tolerance, 0.5);
        QCOMPARE(l.steps[3].question->options.size(), size_t(3));
        QCOMPARE(l.steps[3].question->options[2].text("en"), QStringLiteral("three"));
        QCOMPARE(l.steps[3].question->correctOption, 2); // "answer": 3 is the third option
        QVERIFY(!l.steps[2].question->options.size());
    }

    void presentationCarriedForward()
    {
        const QByteArray json = R"({"format": "attnlab-lesson", "version": 2, "id": "p", "title": {"en": "P"}, "view": "heatmap",
            "input": {"text": "a b"}, "steps": [{"en": "one"}, {"text": {"en": "two"}, "presentation": {"zoom": 2}},
            {"text": {"en": "three"}, "presentation": {"panels": ["bar"]}}, {"text": {"en": "four"}, "presentation": {"zoom": 0.75, "panels": []}}]})";
        const Lesson l = parseLesson(json, QStringLiteral("p.json")).value();
        // Before any step gives them: unset. Then each field as the last step that gave it.
        QVERIFY(!presentationAt(l, 0).zoom && !presentationAt(l, 0).panels);
        QCOMPARE(presentationAt(l, 1).zoom, std::optional<double>(2));
        QVERIFY(!presentationAt(l, 1).panels);
        QCOMPARE(presentationAt(l, 2).zoom, std::optional<double>(2));
        QCOMPARE(presentationAt(l, 2).panels, std::optional<QStringList>(QStringList{"bar"}));
        QCOMPARE(presentationAt(l, 3).zoom, std::optional<double>(0.75));
        QCOMPARE(presentationAt(l, 3).panels, std::optional<QStringList>(QStringList{}));
    }

    void questionErrors_data()
    {
        QTest::addColumn<QByteArray>("step");
        QTest::addColumn<QString>("problem");
        QTest::newRow("kind") << QByteArray(R"({"text": {"en": "a"}, "question": {"kind": "guess", "prompt": {"en": "?"}}})")
                              << "steps[0].question.kind: expected one of key, head, number, choice, got \"guess\"";
        QTest::newRow("prompt") << QByteArray(R"({"text": {"en": "a"}, "question": {"kind": "key"}})")
                                << "steps[0].question.prompt: missing (required)";
        QTest::newRow("number answer") << QByteArray(R"({"text": {"en": "a"}, "question": {"kind": "number", "prompt": {"en": "?"}}})")
                                       << "steps[0].question.answer: missing (a \"number\" question needs it)";
        QTest::newRow("bad answer") << QByteArray(R"({"text": {"en": "a"}, "question": {"kind": "number", "prompt": {"en": "?"}, "answer": "9/"}})")
                                    << "steps[0].question.answer: ";
        QTest::newRow("tolerance") << QByteArray(R"({"text": {"en": "a"}, "question": {"kind": "number", "prompt": {"en": "?"}, "answer": 1, "tolerance": -1}})")
                                   << "steps[0].question.tolerance: expected a number ≥ 0, got -1";
        QTest::newRow("foreign field") << QByteArray(R"({"text": {"en": "a"}, "question": {"kind": "key", "prompt": {"en": "?"}, "answer": 2}})")
                                       << "steps[0].question.answer: a \"key\" question takes no \"answer\"";
        QTest::newRow("typo") << QByteArray(R"({"text": {"en": "a"}, "question": {"kind": "key", "promt": {"en": "?"}, "prompt": {"en": "?"}}})")
                              << "steps[0].question.promt: unknown field (did you mean \"prompt\"?)";
        QTest::newRow("one option") << QByteArray(R"({"text": {"en": "a"}, "question": {"kind": "choice", "prompt": {"en": "?"}, "options": [{"en": "x"}], "answer": 1}})")
                                    << "steps[0].question.options: expected at least two options";
        QTest::newRow("choice range") << QByteArray(R"({"text": {"en": "a"}, "question": {"kind": "choice", "prompt": {"en": "?"}, "options": [{"en": "x"}, {"en": "y"}], "answer": 3}})")
                                      << "steps[0].question.answer: expected a whole number from 1 to 2, got 3";
        QTest::newRow("option language") << QByteArray(R"({"text": {"en": "a"}, "question": {"kind": "choice", "prompt": {"en": "?"}, "options": [{"en": "x"}, {"de": "y"}], "answer": 1}})")
                                         << "steps[0].question.options[1].de: language \"de\" is not declared";
        QTest::newRow("notes type") << QByteArray(R"({"text": {"en": "a"}, "notes": "say this"})")
                                    << "steps[0].notes: expected an object of texts by language";
        QTest::newRow("zoom") << QByteArray(R"({"text": {"en": "a"}, "presentation": {"zoom": 5}})")
                              << "steps[0].presentation.zoom: expected a number from 0.5 to 2, got 5";
        QTest::newRow("panel") << QByteArray(R"({"text": {"en": "a"}, "presentation": {"panels": ["caption", "toolbar"]}})")
                               << "steps[0].presentation.panels[1]: unknown panel \"toolbar\" (expected one of bar, caption, input)";
        QTest::newRow("presentation field") << QByteArray(R"({"text": {"en": "a"}, "presentation": {"zom": 2}})")
                                            << "steps[0].presentation.zom: unknown field (did you mean \"zoom\"?)";
    }

    void questionErrors()
    {
        QFETCH(QByteArray, step);
        QFETCH(QString, problem);
        const QByteArray json = R"({"format": "attnlab-lesson", "version": 2, "id": "x", "title": {"en": "X"}, "view": "heatmap",
                                    "input": {"text": "a b"}, "steps": [)" + step + "]}";
        const LessonCheck check = checkLesson(json);
        QVERIFY(!check.problems.empty());
        QVERIFY2(check.problems.front().text().startsWith(problem), qPrintable(check.problems.front().text()));
    }

    void questionsNeedVersion2()
    {
        // A version-1 file is told which version its question and notes need, once each.
        const QByteArray json = R"({"format": "attnlab-lesson", "version": 1, "id": "x", "title": {"en": "X"}, "view": "heatmap",
            "input": {"text": "a b"}, "steps": [{"text": {"en": "a"}, "question": {"kind": "key", "prompt": {"en": "?"}},
            "notes": {"en": "n"}}]})";
        const LessonCheck check = checkLesson(json);
        QStringList texts;
        for (const LessonProblem& p : check.problems)
            texts << p.text();
        QCOMPARE(texts, (QStringList{"steps[0].notes: questions, notes and presentation need \"version\": 2 (this file declares version 1)",
                                     "steps[0].question: questions, notes and presentation need \"version\": 2 (this file declares version 1)"}));
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("fragment");
        const QByteArray ok = R"({"format": "attnlab-lesson", "version": 1, "id": "x", "title": {"en": "X"}, "view": "heatmap", "input": {"text": "a b"}})";
        QTest::newRow("not json") << QByteArray("{") << "l.json: not valid JSON";
        QTest::newRow("missing") << QByteArray(R"({"format": "attnlab-lesson", "version": 1, "id": "x"})") << "l.json: title: missing (required)";
        QTest::newRow("no format") << QByteArray(ok).replace(R"("format": "attnlab-lesson", )", "")
                                   << "l.json: format: missing: a lesson file starts with \"format\": \"attnlab-lesson\", \"version\": 1";
        QTest::newRow("other format") << QByteArray(ok).replace("\"attnlab-lesson\"", "\"attnlab-session\"")
                                      << "format: expected \"attnlab-lesson\", got \"attnlab-session\"";
        QTest::newRow("newer") << QByteArray(ok).replace("\"version\": 1", "\"version\": 3")
                               << "l.json: version: version 3 is newer than this AttnLab reads (2): update AttnLab";
        QTest::newRow("bad id") << QByteArray(ok).replace("\"x\"", "\"Bad Id\"") << "l.json: id: expected lower-case";
        QTest::newRow("view") << QByteArray(ok).replace("heatmap", "pie") << "view: unknown view \"pie\" (expected one of heatmap";
        QTest::newRow("unknown key") << QByteArray(ok).replace("{\"format\"", "{\"colour\": 1, \"format\"") << "colour: unknown field (expected format, version";
        QTest::newRow("typo") << QByteArray(ok).replace("{\"format\"", "{\"sumary\": {\"en\": \"S\"}, \"format\"")
                              << "l.json: sumary: unknown field (did you mean \"summary\"?)";
        QTest::newRow("not declared") << QByteArray(ok).replace("{\"en\": \"X\"}", "{\"ja\": \"X\"}").replace("{\"format\"", "{\"languages\": [\"en\"], \"format\"")
                                      << "title.ja: language \"ja\" is not declared (languages: en)";
        QTest::newRow("language") << QByteArray(ok).replace("{\"format\"", "{\"summary\": {\"en\": \"S\", \"de\": \"S\"}, \"format\"")
                                  << "summary.de: language \"de\" is not declared (the title's languages: en)";
        QTest::newRow("language code") << QByteArray(ok).replace("{\"en\": \"X\"}", "{\"en\": \"X\", \"English\": \"X\"}")
                                       << "title.English: \"English\" is not a language code";
        QTest::newRow("languages") << QByteArray(ok).replace("{\"format\"", "{\"languages\": [\"en\", \"en\"], \"format\"")
                                   << "languages[1]: \"en\" is declared twice";
        QTest::newRow("two inputs") << QByteArray(ok).replace("{\"text\": \"a b\"}", "{\"text\": \"a\", \"matrices\": {}}")
                                    << "input: give exactly one";
        QTest::newRow("matrices") << QByteArray(ok).replace("{\"text\": \"a b\"}", R"({"matrices": {"Q": [[1,2]], "K": [[1]], "V": [[1]]}})")
                                  << "l.json: input.matrices: K has 1 columns but Q has 2";
        QTest::newRow("mask") << QByteArray(ok).replace("\"a b\"", "\"a b\", \"mask\": \"upper\"") << "input.mask:";
        QTest::newRow("input key") << QByteArray(ok).replace("\"a b\"", "\"a b\", \"modle\": \"toy\"") << "input.modle: unknown field (did you mean \"model\"?)";
        QTest::newRow("step") << QByteArray(ok).replace("{\"format\"", "{\"step\": 9, \"format\"") << "step: expected a whole number from 1 to 5";
        // Found by fuzz_lesson: a number beyond int's range was converted to int before the range check.
        QTest::newRow("huge order") << QByteArray(ok).replace("{\"format\"", "{\"order\": 9007199254740993, \"format\"")
                                    << "order: expected a whole number from 0 to 100000";
        QTest::newRow("huge step") << QByteArray(ok).replace("{\"format\"", "{\"step\": -1e300, \"format\"")
                                   << "step: expected a whole number from 1 to 5";
        QTest::newRow("steps") << QByteArray(ok).replace("{\"format\"", R"({"steps": [{"en": "a"}, {"en": "b", "ja": 3}], "format")")
                               << "steps[1].ja: expected a string";
        QTest::newRow("step view") << QByteArray(ok).replace("{\"format\"", R"({"steps": [{"text": {"en": "a"}, "view": "pie"}], "format")")
                                   << "steps[0].view: unknown view \"pie\"";
        QTest::newRow("step key") << QByteArray(ok).replace("{\"format\"", R"({"steps": [{"text": {"en": "a"}, "heads": 2}], "format")")
                                  << "steps[0].heads: unknown field (did you mean \"head\"?)";
        QTest::newRow("fact") << QByteArray(ok).replace("{\"format\"", R"({"facts": {"w": [1, "2/"]}, "format")") << "facts.w[1]:";
        QTest::newRow("params") << QByteArray(ok).replace("{\"format\"", R"({"params": {"heads": 7}, "format")")
                                << "params: d_model 768 is not divisible by heads 7";
        QTest::newRow("training") << QByteArray(ok).replace("{\"format\"", R"({"training": {"task": 3}, "format")")
                                  << "training.task: expected a built-in task";
        QTest::newRow("training preset") << QByteArray(ok).replace("{\"format\"", R"({"training": {"task": "sort", "preset": "huge"}, "format")")
                                         << "training.preset: expected \"tiny\" or \"small\", got \"huge\"";
        QTest::newRow("training key") << QByteArray(ok).replace("{\"format\"", R"({"training": {"task": "sort", "steps": 9}, "format")")
                                      << "training.steps: unknown field";
        QTest::newRow("patching") << QByteArray(ok).replace("{\"format\"", R"({"patching": {"corrupted": "a c"}, "format")")
                                  << "patching.target: missing (required)";
        QTest::newRow("patching key") << QByteArray(ok).replace("{\"format\"", R"({"patching": {"corrupted": "a c", "target": "b", "query": 1}, "format")")
                                      << "patching.query: unknown field";
        QTest::newRow("patching empty") << QByteArray(ok).replace("{\"format\"", R"({"patching": {"corrupted": "", "target": "b"}, "format")")
                                        << "patching.corrupted: must not be empty";
    }

    void stepsAndLanguages()
    {
        // Any language code; the order of "languages" is the fallback order; a step may move the figure.
        const QByteArray json = R"({"format": "attnlab-lesson", "version": 1, "id": "x", "languages": ["de", "pt-BR", "en"],
            "title": {"en": "Title", "de": "Titel", "pt-BR": "Título"}, "view": "heatmap", "input": {"text": "a b c"},
            "steps": [{"de": "eins", "pt-BR": "um", "en": "one"},
                      {"text": {"de": "zwei", "pt-BR": "dois", "en": "two"}, "view": "arcs", "layer": 2, "head": 3, "query": "b", "step": 4},
                      {"text": {"de": "drei", "pt-BR": "três", "en": "three"}, "query": 2}]})";
        const auto l = parseLesson(json, QStringLiteral("l.json"));
        QVERIFY2(l.ok(), qPrintable(l.error()));
        QCOMPARE(l->languages, (QStringList{"de", "pt-BR", "en"}));
        QCOMPARE(l->title.languages(), (QStringList{"de", "pt-BR", "en"}));
        QCOMPARE(l->title.text(QStringLiteral("en")), QStringLiteral("Title"));
        QCOMPARE(l->title.text(QStringLiteral("pt-BR")), QStringLiteral("Título"));
        QCOMPARE(l->title.text(QStringLiteral("ja")), QStringLiteral("Titel")); // the first declared language
        QCOMPARE(l->language(QStringLiteral("ja")), QStringLiteral("de"));
        QCOMPARE(l->language(QStringLiteral("en")), QStringLiteral("en"));
        QCOMPARE(l->steps.size(), size_t(3));
        QCOMPARE(l->steps[0].text.text(QStringLiteral("en")), QStringLiteral("one"));
        QVERIFY(!l->steps[0].movesFigure());
        const LessonStep& second = l->steps[1];
        QCOMPARE(second.text.text(QStringLiteral("pt-BR")), QStringLiteral("dois"));
        QCOMPARE(second.view, QStringLiteral("arcs"));
        QCOMPARE(second.layer, std::optional<int>(2));
        QCOMPARE(second.head, std::optional<int>(3));
        QCOMPARE(second.query, QStringLiteral("b"));
        QCOMPARE(second.step, std::optional<int>(4));
        QVERIFY(second.movesFigure());
        QCOMPARE(l->steps[2].query, QStringLiteral("2"));
        QVERIFY(l->steps[2].view.isEmpty() && !l->steps[2].layer);
        // A region's text falls back to its language's ("pt" for "pt-PT").
        LocalizedText text;
        text.set(QStringLiteral("en"), QStringLiteral("one"));
        text.set(QStringLiteral("pt"), QStringLiteral("um"));
        QCOMPARE(text.text(QStringLiteral("pt-PT")), QStringLiteral("um"));
    }

    void everyProblemIsListed()
    {
        // Four problems in four places: all of them, in the order of the format's fields, each with its path.
        const QByteArray json = R"({"format": "attnlab-lesson", "version": 1, "id": "x", "languages": ["en", "ja"],
            "title": {"en": "X", "ja": "エックス"}, "view": "pie", "input": {"text": "a b"},
            "steps": [{"en": "a"}, {"text": {"en": "b", "ja": "ビー"}, "layr": 1}], "facts": {"w": "1/"}})";
        const LessonCheck check = checkLesson(json);
        QVERIFY(check.lesson.has_value());
        QStringList paths;
        for (const LessonProblem& p : check.problems)
            paths << p.path;
        QCOMPARE(paths, (QStringList{"view", "steps[0].ja", "steps[1].layr", "facts.w"}));
        QCOMPARE(check.problems[1].text(), QStringLiteral("steps[0].ja: the text for declared language \"ja\" is missing"));
        QCOMPARE(check.problems[2].text(), QStringLiteral("steps[1].layr: unknown field (did you mean \"layer\"?)"));
        // parseLesson reports the first.
        QCOMPARE(parseLesson(json, QStringLiteral("l.json")).error(),
                 QStringLiteral("l.json: view: unknown view \"pie\" (expected one of heatmap, heads, arcs, model, steps, pe, "
                                "residual, roles, rollout, effects, lens, qk, patching)"));
    }

    void trainingLesson()
    {
        const QByteArray json = R"({"format": "attnlab-lesson", "version": 1, "id": "x", "title": {"en": "X"}, "view": "model", "input": {"text": "a b"},
                                    "training": {"task": "induction", "preset": "small"}})";
        const auto l = parseLesson(json, QStringLiteral("l.json"));
        QVERIFY2(l.ok(), qPrintable(l.error()));
        QCOMPARE(l->training->task, QStringLiteral("induction"));
        QCOMPARE(l->training->preset, QStringLiteral("small"));
        const auto plain = parseLesson(QByteArray(json).replace(R"(, "preset": "small")", ""), QStringLiteral("l.json"));
        QCOMPARE(plain->training->preset, QStringLiteral("tiny"));
    }
    void errors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, fragment);
        const auto l = parseLesson(json, QStringLiteral("l.json"));
        QVERIFY(!l.ok());
        QVERIFY2(l.error().startsWith(QStringLiteral("l.json: ")), qPrintable(l.error()));
        QVERIFY2(l.error().contains(fragment), qPrintable(l.error()));
    }

    void unknownLessonAndMismatchedId()
    {
        const auto unknown = loadLesson(lessonDir(), QStringLiteral("nope"));
        QVERIFY(unknown.error().startsWith(QStringLiteral("unknown lesson \"nope\" (known: exam-softmax, orthogonal-inputs")));
        QVERIFY(loadLesson(lessonDir(), QStringLiteral("../exam-softmax")).error().startsWith(QStringLiteral("unknown lesson")));
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("a.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"format": "attnlab-lesson", "version": 1, "id": "b", "title": {"en": "B"}, "view": "arcs", "input": {"text": "x"}})");
        file.close();
        // A lesson file on its own may have any name; in a catalogue its id is its file name.
        QVERIFY(readLesson(file.fileName()).ok());
        QVERIFY(loadLesson(dir.path(), QStringLiteral("a")).error().contains(QStringLiteral("id \"b\" does not match the file name")));
        QVERIFY(lessonCatalogue(dir.path()).error().contains(QStringLiteral("a.json")));
        QVERIFY(lessonCatalogue(dir.filePath(QStringLiteral("missing"))).error().contains(QStringLiteral("no lesson directory")));
    }
};

ATTNLAB_TEST_GUILESS_MAIN(TestLesson)
} // namespace tst_lesson
#include "tst_lesson.moc"
