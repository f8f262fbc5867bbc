#include "app/cli/train_command.h"

#include "app/cli/command_line.h"
#include "model/core/atomic_file.h"
#include "model/training/tasks/fixed_batch_task.h"
#include "model/training/training_checkpoint.h"
#include "model/training/training_presets.h"
#include "model/training/training_run.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <atomic>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace attnlab::app {

namespace {

const char* const kTrainUsage =
    "usage: attnlab train --task sort|reverse|induction|modadd|brackets|pronoun|text:FILE --out DIR\n"
    "                     [--preset tiny|small] [--layers L --heads H --d-model D --context N --attention-only]\n"
    "                     [--steps S --batch B --lr LR --warmup W --schedule cosine|constant --weight-decay WD\n"
    "                      --clip C --beta1 B1 --beta2 B2 --eps E --seed S] [--eval-every K]\n"
    "                     [--log FILE.jsonl] [--resume DIR] [--init DIR] [--data FILE.json]\n"
    "--preset (default tiny) gives the shape and hyper-parameters; each option given overrides its value.\n"
    "--resume DIR continues a checkpoint (--steps may extend it); --init DIR starts from a GPT-2 folder's weights;\n"
    "--data FILE.json ({\"inputs\": [[…]], \"targets\": [[…]]}) trains on that batch at every step (with --init, no\n"
    "--task is needed). DIR of --out receives config.json, model.safetensors, tokenizer.json and the training state.\n";

// Set by SIGINT and polled between two steps: a signal handler may do nothing else safely.
std::atomic<bool> g_trainInterrupted{false};

extern "C" void onTrainInterrupt(int)
{
    g_trainInterrupted = true;
}

// "1:05" or "12 s"
QString durationText(double seconds)
{
    if (!std::isfinite(seconds) || seconds < 0) return QStringLiteral("?");
    const int s = int(std::lround(seconds));
    if (s < 60) return QStringLiteral("%1 s").arg(s);
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

struct Options {
    QCommandLineParser parser;
    QString value(const char* name) const { return parser.value(QLatin1String(name)); }
    bool isSet(const char* name) const { return parser.isSet(QLatin1String(name)); }
};

// Reads --NAME as an int or a double into field when given. -> an error message, or empty.
QString readInt(const Options& o, const char* name, int& field)
{
    if (!o.isSet(name)) return {};
    bool ok = false;
    const int v = o.value(name).toInt(&ok);
    if (!ok) return QStringLiteral("--%1 \"%2\": expected a whole number").arg(QLatin1String(name), o.value(name));
    field = v;
    return {};
}

QString readDouble(const Options& o, const char* name, double& field)
{
    if (!o.isSet(name)) return {};
    bool ok = false;
    const double v = o.value(name).toDouble(&ok);
    if (!ok) return QStringLiteral("--%1 \"%2\": expected a number").arg(QLatin1String(name), o.value(name));
    field = v;
    return {};
}

// The shape and hyper-parameter options over a starting point (a preset, or a checkpoint's settings).
QString applyOptions(const Options& o, model::GptShape& shape, model::TrainingSettings& s)
{
    QString error;
    for (const auto& [name, field] : {std::pair{"layers", &shape.layers}, {"heads", &shape.heads},
                                      {"d-model", &shape.dModel}, {"context", &shape.context}, {"steps", &s.steps},
                                      {"batch", &s.batch}, {"warmup", &s.warmup}})
        if (error.isEmpty()) error = readInt(o, name, *field);
    for (const auto& [name, field] : {std::pair{"lr", &s.learningRate}, {"weight-decay", &s.weightDecay},
                                      {"clip", &s.clip}, {"beta1", &s.beta1}, {"beta2", &s.beta2}, {"eps", &s.eps}})
        if (error.isEmpty()) error = readDouble(o, name, *field);
    if (!error.isEmpty()) return error;
    if (o.isSet("seed")) {
        bool ok = false;
        s.seed = o.value("seed").toULongLong(&ok);
        if (!ok) return QStringLiteral("--seed \"%1\": expected a whole number ≥ 0").arg(o.value("seed"));
    }
    if (o.isSet("schedule")) {
        const QString v = o.value("schedule");
        if (v == QLatin1String("cosine")) s.schedule = model::LearningRateSchedule::Cosine;
        else if (v == QLatin1String("constant")) s.schedule = model::LearningRateSchedule::Constant;
        else return QStringLiteral("--schedule \"%1\": expected cosine or constant").arg(v);
    }
    if (o.isSet("attention-only")) shape.attentionOnly = true;
    return {};
}

QJsonObject logLine(const model::StepReport& r, const model::Evaluation& e, double tokensPerSecond, double seconds)
{
    return {{QStringLiteral("step"), r.step},
            {QStringLiteral("loss"), r.loss},
            {QStringLiteral("train_accuracy"), r.accuracy},
            {QStringLiteral("held_out_loss"), e.loss},
            {QStringLiteral("held_out_accuracy"), e.accuracy},
            {QStringLiteral("learning_rate"), r.learningRate},
            {QStringLiteral("gradient_norm"), r.gradientNorm},
            {QStringLiteral("tokens_per_second"), std::round(tokensPerSecond)},
            {QStringLiteral("seconds"), seconds}};
}

} // namespace

int runTrain(const QStringList& arguments)
{
    Options o;
    QCommandLineParser& p = o.parser;
    for (const char* name : {"task", "out", "preset", "layers", "heads", "d-model", "context", "steps", "batch", "lr",
                             "warmup", "schedule", "weight-decay", "clip", "beta1", "beta2", "eps", "seed", "log",
                             "resume", "init", "data", "eval-every"})
        p.addOption(QCommandLineOption(QLatin1String(name), QString(), QStringLiteral("value")));
    p.addOption(QCommandLineOption(QStringLiteral("attention-only")));
    p.addOption(QCommandLineOption(QStringList{QStringLiteral("help"), QStringLiteral("h")}));
    if (!p.parse(QStringList{QStringLiteral("attnlab train")} + arguments))
        return fail(kTrainUsage, p.errorText(), ExitUsage);
    if (o.isSet("help")) {
        std::printf("%s", kTrainUsage);
        return ExitOk;
    }
    if (!p.positionalArguments().isEmpty())
        return fail(kTrainUsage, QStringLiteral("unexpected argument \"%1\"").arg(p.positionalArguments().first()), ExitUsage);
    if (!o.isSet("out")) return fail(kTrainUsage, QStringLiteral("--out DIR is required"), ExitUsage);
    if (o.isSet("resume") && (o.isSet("init") || o.isSet("data")))
        return fail(kTrainUsage, QStringLiteral("--resume continues a run: give it without --init or --data"), ExitUsage);
    if (!o.isSet("task") && !o.isSet("resume") && !(o.isSet("data") && o.isSet("init")))
        return fail(kTrainUsage, QStringLiteral("--task is required (or --resume DIR, or --init DIR with --data FILE)"),
                    ExitUsage);

    std::unique_ptr<model::TrainingRun> run;
    if (o.isSet("resume")) {
        auto state = model::loadTrainingCheckpoint(o.value("resume"));
        if (!state) return fail(kTrainUsage, state.error());
        if (o.isSet("task") && o.value("task") != state->task)
            return fail(kTrainUsage, QStringLiteral("--task %1: the checkpoint was trained on \"%2\"").arg(o.value("task"), state->task));
        for (const char* fixed : {"layers", "heads", "d-model", "context", "attention-only", "preset", "batch", "seed"})
            if (o.isSet(fixed))
                return fail(kTrainUsage, QStringLiteral("--%1 cannot change when resuming: the checkpoint fixes it").arg(QLatin1String(fixed)),
                            ExitUsage);
        if (const QString e = applyOptions(o, state->shape, state->settings); !e.isEmpty()) return fail(kTrainUsage, e);
        auto task = model::makeTrainingTask(state->task, state->shape.context);
        if (!task) return fail(kTrainUsage, task.error());
        auto resumed = model::TrainingRun::resume(std::move(*task), std::move(*state));
        if (!resumed) return fail(kTrainUsage, resumed.error());
        run = std::move(*resumed);
    } else {
        // --init: the starting weights fix the shape; a task or a fixed batch gives the data.
        std::optional<model::LoadedGpt> init;
        if (o.isSet("init")) {
            auto loaded = model::loadGpt2Folder(o.value("init"));
            if (!loaded) return fail(kTrainUsage, loaded.error());
            init = std::move(*loaded);
        }
        std::unique_ptr<model::TrainingTask> task;
        int fixedRows = 0;
        if (o.isSet("data")) {
            if (!init && !o.isSet("task"))
                return fail(kTrainUsage, QStringLiteral("--data needs --init DIR (its vocabulary) or --task"), ExitUsage);
            const int vocab = init ? init->shape.vocab : 0;
            if (!init) {
                auto named = model::makeTrainingTask(o.value("task"), 64);
                if (!named) return fail(kTrainUsage, named.error());
                task = std::move(*named);
            }
            auto batch = model::readFixedBatch(o.value("data"), init ? vocab : int(task->vocabulary().size()));
            if (!batch) return fail(kTrainUsage, batch.error());
            fixedRows = batch->batch;
            task = std::make_unique<model::FixedBatchTask>(*batch, init ? vocab : int(task->vocabulary().size()));
        } else {
            int textLength = 64;
            if (o.isSet("context")) textLength = o.value("context").toInt();
            auto named = model::makeTrainingTask(o.value("task"), textLength > 0 ? textLength : 64);
            if (!named) return fail(kTrainUsage, named.error());
            task = std::move(*named);
        }
        const QString presetName = o.isSet("preset") ? o.value("preset") : QStringLiteral("tiny");
        const auto preset = model::trainingPresetNamed(presetName);
        if (!preset) return fail(kTrainUsage, QStringLiteral("--preset \"%1\": expected tiny or small").arg(presetName), ExitUsage);
        model::PresetChoice choice = model::trainingPreset(*preset, task->name(), task->sequenceLength());
        if (init) choice.shape = init->shape;
        // A fixed batch is the batch of every step.
        if (fixedRows > 0) choice.settings.batch = fixedRows;
        if (const QString e = applyOptions(o, choice.shape, choice.settings); !e.isEmpty()) return fail(kTrainUsage, e);
        if (init && !(choice.shape == init->shape))
            return fail(kTrainUsage, QStringLiteral("--init: the shape options must match the starting model's"));
        auto started = model::TrainingRun::start(std::move(task), choice.shape, choice.settings);
        if (!started) return fail(kTrainUsage, started.error());
        run = std::move(*started);
        if (init)
            if (auto set = run->setParameters(init->shape, init->parameters); !set) return fail(kTrainUsage, set.error());
    }

    int evalEvery = std::max(1, run->settings().steps / 20);
    if (o.isSet("eval-every")) {
        bool ok = false;
        evalEvery = o.value("eval-every").toInt(&ok);
        if (!ok || evalEvery < 1) return fail(kTrainUsage, QStringLiteral("--eval-every \"%1\": expected a whole number ≥ 1").arg(o.value("eval-every")));
    }
    QFile log;
    if (o.isSet("log")) {
        log.setFileName(o.value("log"));
        // Appended to when resuming, so that one log follows the whole run.
        if (!log.open(QIODevice::WriteOnly | (o.isSet("resume") ? QIODevice::Append : QIODevice::Truncate)))
            return fail(kTrainUsage, QStringLiteral("cannot write %1: %2").arg(log.fileName(), log.errorString()));
    }

    const model::GptShape& shape = run->shape();
    std::fprintf(stderr, "%s: %d layers × %d heads, width %d%s, context %d, %s parameters; %d steps of %d sequences\n",
                 qPrintable(run->task().name()), shape.layers, shape.heads, shape.dModel,
                 shape.attentionOnly ? " (attention only)" : "", shape.context,
                 qPrintable(QLocale::c().toString(qlonglong(run->layout().parameterCount()))), run->settings().steps,
                 run->settings().batch);

    g_trainInterrupted = false;
    const auto previousHandler = std::signal(SIGINT, onTrainInterrupt);
    const bool terminal = isatty(fileno(stderr));
    QElapsedTimer clock;
    clock.start();
    const int firstStep = run->stepsTaken();
    qint64 tokens = 0;
    QString stopped;
    model::Evaluation lastEval;
    while (!run->finished() && !g_trainInterrupted) {
        const auto report = run->step();
        if (!report) {
            stopped = report.error();
            break;
        }
        tokens += report->tokens;
        const double seconds = clock.nsecsElapsed() * 1e-9;
        const double tokensPerSecond = seconds > 0 ? tokens / seconds : 0.0;
        const bool evaluate = report->step % evalEvery == 0 || run->finished();
        if (evaluate) lastEval = run->evaluate();
        if (evaluate || terminal) {
            const double perStep = seconds / std::max(1, report->step - firstStep);
            const QString line = QStringLiteral("step %1/%2  loss %3  held-out accuracy %4%  %5 tokens/s  %6 left")
                                     .arg(report->step).arg(run->settings().steps)
                                     .arg(report->loss, 0, 'f', 4)
                                     .arg(lastEval.accuracy * 100, 0, 'f', 1)
                                     .arg(QLocale::c().toString(qlonglong(std::llround(tokensPerSecond))))
                                     .arg(durationText(perStep * (run->settings().steps - report->step)));
            // On a terminal one line is rewritten in place; in a file or pipe every evaluation is its own line.
            if (terminal) std::fprintf(stderr, "\r%s\033[K%s", qPrintable(line), evaluate && run->finished() ? "\n" : "");
            else std::fprintf(stderr, "%s\n", qPrintable(line));
        }
        if (evaluate && log.isOpen()) {
            log.write(QJsonDocument(logLine(*report, lastEval, tokensPerSecond, seconds)).toJson(QJsonDocument::Compact) + '\n');
            log.flush();
        }
    }
    std::signal(SIGINT, previousHandler);
    if (terminal && !run->finished()) std::fprintf(stderr, "\n");

    const auto saved = model::saveTrainingCheckpoint(o.value("out"), run->state(), run->task().tokenizerJson());
    if (!saved) return fail(kTrainUsage, saved.error());
    if (!stopped.isEmpty())
        return fail(kTrainUsage, stopped + QStringLiteral(" (saved to %1)").arg(o.value("out")));
    if (g_trainInterrupted)
        std::fprintf(stderr, "stopped at step %d of %d; saved to %s (continue with --resume %s)\n", run->stepsTaken(),
                     run->settings().steps, qPrintable(o.value("out")), qPrintable(o.value("out")));
    else
        std::fprintf(stderr, "held-out accuracy %.1f%%; saved to %s\n", lastEval.accuracy * 100, qPrintable(o.value("out")));
    return ExitOk;
}

} // namespace attnlab::app
