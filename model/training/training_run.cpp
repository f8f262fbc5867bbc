#include "model/training/training_run.h"

#include "model/trace/head_scores.h"

#include <algorithm>
#include <cmath>

namespace attnlab::model {

namespace {

// Independent streams of one seed (random.h): the batches, the held-out set, the induction probe.
constexpr std::uint64_t kTrainingStream = 1, kHeldOutStream = 2, kInductionStream = 3;

} // namespace

TrainingRun::TrainingRun(std::unique_ptr<TrainingTask> task, const GptShape& shape, const TrainingSettings& settings)
    : m_task(std::move(task)), m_settings(settings), m_data(settings.seed, kTrainingStream)
{
    m_trainer = std::make_unique<GptTrainer>(shape, settings.batch, m_task->sequenceLength());
}

Result<std::unique_ptr<TrainingRun>> TrainingRun::start(std::unique_ptr<TrainingTask> task, GptShape shape,
                                                        const TrainingSettings& settings)
{
    using R = Result<std::unique_ptr<TrainingRun>>;
    shape.vocab = int(task->vocabulary().size());
    if (auto ok = checkShape(shape); !ok) return R::failure(ok.error());
    if (auto ok = checkSettings(settings); !ok) return R::failure(ok.error());
    if (shape.context < task->sequenceLength())
        return R::failure(QStringLiteral("context: %1 is shorter than the task's sequences of %2 tokens")
                              .arg(shape.context)
                              .arg(task->sequenceLength()));
    std::unique_ptr<TrainingRun> run(new TrainingRun(std::move(task), shape, settings));
    initializeParameters(run->m_trainer->layout(), settings.seed, run->m_trainer->parameters());
    return run;
}

Result<std::unique_ptr<TrainingRun>> TrainingRun::resume(std::unique_ptr<TrainingTask> task, TrainingState state)
{
    using R = Result<std::unique_ptr<TrainingRun>>;
    if (int(task->vocabulary().size()) != state.shape.vocab)
        return R::failure(QStringLiteral("the checkpoint's vocabulary has %1 tokens, the task \"%2\" %3")
                              .arg(state.shape.vocab)
                              .arg(task->name())
                              .arg(task->vocabulary().size()));
    if (auto ok = checkShape(state.shape); !ok) return R::failure(ok.error());
    if (auto ok = checkSettings(state.settings); !ok) return R::failure(ok.error());
    if (state.shape.context < task->sequenceLength())
        return R::failure(QStringLiteral("context: %1 is shorter than the task's sequences of %2 tokens")
                              .arg(state.shape.context)
                              .arg(task->sequenceLength()));
    const ParameterLayout layout(state.shape);
    if (state.parameters.size() != layout.bufferSize())
        return R::failure(QStringLiteral("the checkpoint's weights do not fit its shape"));
    std::unique_ptr<TrainingRun> run(new TrainingRun(std::move(task), state.shape, state.settings));
    run->m_trainer->parameters() = std::move(state.parameters);
    // Moments of another size (none yet: a checkpoint saved before the first step) start at zero.
    if (state.firstMoment.size() == layout.bufferSize() && state.secondMoment.size() == layout.bufferSize()) {
        run->m_moments.first = std::move(state.firstMoment);
        run->m_moments.second = std::move(state.secondMoment);
    }
    run->m_step = state.step;
    run->m_data.restore(state.dataRandom);
    return run;
}

Result<void> TrainingRun::setParameters(const GptShape& shape, const ParameterBuffer<float>& parameters)
{
    GptShape expected = m_trainer->shape();
    if (!(shape == expected))
        return Result<void>::failure(
            QStringLiteral("the starting weights have %1 layers × %2 heads, width %3, vocabulary %4, context %5; "
                           "the run %6 × %7, %8, %9, %10")
                .arg(shape.layers).arg(shape.heads).arg(shape.dModel).arg(shape.vocab).arg(shape.context)
                .arg(expected.layers).arg(expected.heads).arg(expected.dModel).arg(expected.vocab).arg(expected.context));
    if (parameters.size() != m_trainer->layout().bufferSize())
        return Result<void>::failure(QStringLiteral("the starting weights do not fit the model's shape"));
    m_trainer->parameters() = parameters;
    return Result<void>::success();
}

Result<StepReport> TrainingRun::step()
{
    const SeededRandom::State before = m_data.state();
    const TrainingBatch batch = m_task->batch(DataSplit::Train, m_data, m_settings.batch);
    StepReport report;
    report.step = m_step + 1;
    report.tokens = batch.batch * batch.length;
    const BatchResult result = m_trainer->trainStep(batch);
    report.loss = result.loss;
    report.accuracy = result.graded > 0 ? double(result.correct) / result.graded : 0.0;
    report.gradientNorm = clipGradientNorm(m_trainer->gradients(), m_settings.clip);
    report.learningRate = learningRateAt(m_settings, m_step);
    if (!std::isfinite(report.loss) || !std::isfinite(report.gradientNorm)) {
        // Nothing was updated: the weights and moments are the last good step's; the next call draws the same
        // batch again.
        m_data.restore(before);
        return Result<StepReport>::failure(
            QStringLiteral("step %1: the loss is %2 (learning rate %3 may be too high); the weights of step %4 are kept")
                .arg(report.step)
                .arg(std::isnan(report.loss)    ? QStringLiteral("NaN")
                     : std::isinf(report.loss) ? QStringLiteral("infinite")
                                               : QStringLiteral("finite but its gradient is not"))
                .arg(report.learningRate, 0, 'g', 3)
                .arg(m_step));
    }
    ++m_step;
    adamWStep(m_trainer->layout(), m_trainer->parameters(), m_trainer->gradients(), m_moments, m_step,
              report.learningRate, m_settings);
    return report;
}

Evaluation TrainingRun::evaluate(int batches)
{
    SeededRandom heldOut(m_settings.seed, kHeldOutStream);
    double lossSum = 0;
    int graded = 0, correct = 0;
    for (int i = 0; i < batches; ++i) {
        const TrainingBatch batch = m_task->batch(DataSplit::HeldOut, heldOut, m_settings.batch);
        const BatchResult result = m_trainer->evaluate(batch);
        lossSum += result.loss * result.graded;
        graded += result.graded;
        correct += result.correct;
    }
    Evaluation e;
    e.graded = graded;
    e.loss = graded > 0 ? lossSum / graded : 0.0;
    e.accuracy = graded > 0 ? double(correct) / graded : 0.0;
    return e;
}

AttentionSnapshot TrainingRun::snapshot(const std::vector<int>& tokens)
{
    const GptShape& s = m_trainer->shape();
    AttentionSnapshot snap;
    snap.step = m_step;
    snap.layers = s.layers;
    snap.heads = s.heads;
    snap.length = std::min(int(tokens.size()), m_trainer->maxLength());
    snap.tokens.assign(tokens.begin(), tokens.begin() + snap.length);
    if (snap.length == 0) return snap;
    const TrainableGpt<float>& model = m_trainer->runOne(snap.tokens);
    const std::size_t T = std::size_t(snap.length);
    snap.weights.resize(std::size_t(s.layers) * s.heads * T * T);
    for (int l = 0; l < s.layers; ++l)
        for (int h = 0; h < s.heads; ++h)
            std::copy_n(model.attention(l, 0, h), T * T,
                        snap.weights.begin() + std::ptrdiff_t((std::size_t(l) * s.heads + h) * T * T));
    snap.probabilities.resize(T * std::size_t(s.vocab));
    for (int t = 0; t < snap.length; ++t)
        std::copy_n(model.probabilities(0, t), s.vocab, snap.probabilities.begin() + std::ptrdiff_t(t) * s.vocab);
    return snap;
}

std::vector<int> TrainingRun::inductionProbe() const
{
    SeededRandom random(m_settings.seed, kInductionStream);
    return repeatedRandomTokens(m_trainer->shape().vocab, std::min(16, m_trainer->maxLength() / 2), random);
}

TrainingState TrainingRun::state() const
{
    TrainingState s;
    s.shape = m_trainer->shape();
    s.settings = m_settings;
    s.task = m_task->name();
    s.step = m_step;
    s.parameters = m_trainer->parameters();
    s.firstMoment = m_moments.first;
    s.secondMoment = m_moments.second;
    // Before the first step AdamW has allocated no moments yet; they are zero (adamw.h). A state asked for then
    // (the Train window's Save right after Start) still carries them at the parameters' size, which every
    // reader of a state expects: the checkpoint writer copies that many floats from each.
    if (s.firstMoment.size() != s.parameters.size()) s.firstMoment.assign(s.parameters.size(), 0.0f);
    if (s.secondMoment.size() != s.parameters.size()) s.secondMoment.assign(s.parameters.size(), 0.0f);
    s.dataRandom = m_data.state();
    return s;
}

} // namespace attnlab::model
