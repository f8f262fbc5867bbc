#include "app/training/train_window.h"

#include "model/training/snapshot_trace.h"
#include "model/training/training_checkpoint.h"
#include "model/training/training_presets.h"
#include "widgets/training/training_chart.h"
#include "widgets/views/model_view.h"

#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

namespace attnlab::app {

namespace {

// The timeline keeps snapshots up to this many bytes; beyond it every other one is dropped (the first and the
// newest stay), so that a long run keeps an even sample of its whole history.
constexpr std::size_t kTimelineBudget = 48u << 20;

// The Train window's task list: the built-in tasks, then a text file of one's own.
QStringList builtInTasks()
{
    QStringList names = model::trainingTaskNames();
    names.removeIf([](const QString& n) { return n.startsWith(QLatin1String("text")); });
    return names;
}

const std::vector<double> model::HeadScoreSample::*scoreField(int index)
{
    switch (index) {
    case 0: return &model::HeadScoreSample::previousToken;
    case 1: return &model::HeadScoreSample::induction;
    case 2: return &model::HeadScoreSample::firstToken;
    default: return &model::HeadScoreSample::diagonal;
    }
}

} // namespace

TrainWindow::TrainWindow(QWidget* parent) : QWidget(parent, Qt::Window), m_session(new TrainingSession(this))
{
    setWindowTitle(tr("Train a Model — AttnLab"));
    setObjectName(QStringLiteral("trainWindow"));
    buildControls();
    connect(m_session, &TrainingSession::updated, this, &TrainWindow::applyUpdate);
    connect(m_session, &TrainingSession::stateReady, this, &TrainWindow::stateArrived);
    taskChosen();
    refreshButtons();
    resize(1200, 720);
}

TrainWindow::~TrainWindow() = default;

QString TrainWindow::taskTitle(const QString& key)
{
    if (key == QLatin1String("sort")) return tr("Sort");
    if (key == QLatin1String("reverse")) return tr("Reverse");
    if (key == QLatin1String("induction")) return tr("Induction");
    if (key == QLatin1String("modadd")) return tr("Modular addition");
    if (key == QLatin1String("brackets")) return tr("Brackets");
    if (key == QLatin1String("pronoun")) return tr("Pronoun");
    return key;
}

QString TrainWindow::taskDescription(const QString& key, const QString& modelDescription)
{
    // The English of each is the model's own description (model/training/tasks/*_task.cpp), word for word.
    if (key == QLatin1String("sort"))
        return tr("Sort: 6 letters of A, B, C, then the same letters sorted (no separator, as gpt-nano-sort); graded "
                  "on the sorted 6.");
    if (key == QLatin1String("reverse"))
        return tr("Reverse: 8 digits, \"|\", the same digits in reverse order; graded on the reversed 8.");
    if (key == QLatin1String("induction"))
        return tr("Induction: a pattern of 8 to 24 distinct symbols repeated to 48 tokens; graded on the repeats "
                  "(from the second symbol of the second copy), which only looking back to the symbol's previous "
                  "occurrence predicts.");
    if (key == QLatin1String("modadd"))
        return tr("Modular addition: \"a + b =\" then (a + b) mod 59; graded on the answer. 20% of the pairs (a, b) "
                  "are held out and never trained on.");
    if (key == QLatin1String("brackets"))
        return tr("Brackets: 12 of ( and ), \"=\", then the depth after each prefix, or x once more have closed than "
                  "opened; balanced when the last answer is 0. Graded on the 12 answers.");
    if (key == QLatin1String("pronoun"))
        return tr("Pronoun: \"The ANIMAL didn't cross the OBSTACLE because it was too ADJECTIVE . it =\" then the "
                  "noun \"it\" is, which the adjective decides (tired: the animal; wide: the obstacle); graded on "
                  "that noun. 20% of the sentences are held out.");
    return modelDescription;
}

void TrainWindow::buildControls()
{
    // Left: what to train and the buttons; right: the curves above the model grid and its timeline.
    auto* controls = new QWidget;
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_task = new QComboBox;
    m_task->setObjectName(QStringLiteral("trainTask"));
    for (const QString& name : builtInTasks())
        m_task->addItem(taskTitle(name), name);
    m_task->addItem(tr("Text file…"), QStringLiteral("text"));
    form->addRow(tr("Task"), m_task);
    m_taskDescription = new QLabel;
    m_taskDescription->setWordWrap(true);
    m_taskDescription->setObjectName(QStringLiteral("taskDescription"));
    form->addRow(m_taskDescription);
    m_preset = new QComboBox;
    m_preset->addItem(tr("Tiny, about 10 s"));
    m_preset->addItem(tr("Small, about 1 min"));
    form->addRow(tr("Size"), m_preset);

    auto spin = [](int lo, int hi, int step = 1) {
        auto* s = new QSpinBox;
        s->setRange(lo, hi);
        s->setSingleStep(step);
        return s;
    };
    m_layers = spin(1, model::kMaxTrainingLayers);
    m_heads = spin(1, model::kMaxTrainingHeads);
    m_width = spin(8, model::kMaxTrainingDModel, 8);
    m_attentionOnly = new QCheckBox(tr("Attention only (no MLP)"));
    m_steps = spin(1, 1'000'000, 100);
    m_batch = spin(1, 512, 8);
    m_seed = spin(0, 1'000'000);
    m_learningRate = new QDoubleSpinBox;
    m_learningRate->setDecimals(5);
    m_learningRate->setRange(0.00001, 1.0);
    m_learningRate->setSingleStep(0.0005);
    m_learningRate->setToolTip(tr("The peak learning rate. It can change while training runs."));
    m_layers->setObjectName(QStringLiteral("trainLayers"));
    m_width->setObjectName(QStringLiteral("trainWidth"));
    m_steps->setObjectName(QStringLiteral("trainSteps"));
    form->addRow(tr("Layers"), m_layers);
    form->addRow(tr("Heads"), m_heads);
    form->addRow(tr("Width (d_model)"), m_width);
    form->addRow(m_attentionOnly);
    form->addRow(tr("Steps"), m_steps);
    form->addRow(tr("Batch"), m_batch);
    form->addRow(tr("Learning rate"), m_learningRate);
    form->addRow(tr("Seed"), m_seed);

    m_start = new QPushButton(tr("Start"));
    m_start->setObjectName(QStringLiteral("trainStart"));
    m_pause = new QPushButton(tr("Pause"));
    m_pause->setObjectName(QStringLiteral("trainPause"));
    m_stop = new QPushButton(tr("Stop"));
    m_stop->setObjectName(QStringLiteral("trainStop"));
    m_reset = new QPushButton(tr("Reset"));
    m_reset->setObjectName(QStringLiteral("trainReset"));
    auto* buttons = new QGridLayout;
    buttons->addWidget(m_start, 0, 0);
    buttons->addWidget(m_pause, 0, 1);
    buttons->addWidget(m_stop, 1, 0);
    buttons->addWidget(m_reset, 1, 1);

    m_progress = new QLabel;
    m_progress->setObjectName(QStringLiteral("trainProgress"));
    m_progress->setWordWrap(true);
    m_metrics = new QLabel;
    m_metrics->setObjectName(QStringLiteral("trainMetrics"));
    m_metrics->setWordWrap(true);
    m_error = new QLabel;
    m_error->setWordWrap(true);
    m_error->setObjectName(QStringLiteral("trainError"));
    m_error->hide();
    m_openInWorkspace = new QPushButton(tr("Open in Workspace"));
    m_openInWorkspace->setObjectName(QStringLiteral("trainOpenInWorkspace"));
    m_openInWorkspace->setToolTip(tr("Open the current weights in the main window: every view, the predictions, the lessons"));
    m_save = new QPushButton(tr("Save Model…"));
    m_save->setObjectName(QStringLiteral("trainSave"));
    m_save->setToolTip(tr("Save as a Hugging Face GPT-2 folder, which also resumes training"));

    auto* left = new QVBoxLayout(controls);
    left->addLayout(form);
    left->addLayout(buttons);
    left->addWidget(m_progress);
    left->addWidget(m_metrics);
    left->addWidget(m_error);
    left->addStretch(1);
    left->addWidget(m_openInWorkspace);
    left->addWidget(m_save);
    auto* scroll = new QScrollArea;
    scroll->setWidget(controls);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setMinimumWidth(250);
    scroll->setMaximumWidth(340);

    m_lossChart = new widgets::TrainingChart(tr("Loss"), tr("cross-entropy"));
    m_lossChart->setObjectName(QStringLiteral("lossChart"));
    m_lossChart->setLogValues(true);
    m_lossChart->setLegendCorner(Qt::AlignBottom | Qt::AlignLeft);
    m_accuracyChart = new widgets::TrainingChart(tr("Accuracy on the answers"), tr("accuracy"));
    m_accuracyChart->setObjectName(QStringLiteral("accuracyChart"));
    m_accuracyChart->setValueRange(0, 1.02);
    m_accuracyChart->setLegendCorner(Qt::AlignBottom | Qt::AlignRight);
    m_scoreChart = new widgets::TrainingChart(tr("Head scores"), tr("score"));
    m_scoreChart->setObjectName(QStringLiteral("scoreChart"));
    m_scoreChart->setValueRange(0, 1.02);
    m_score = new QComboBox;
    m_score->setObjectName(QStringLiteral("headScoreChoice"));
    m_score->addItems({tr("Previous token"), tr("Induction"), tr("First token"), tr("Diagonal (self)")});
    m_score->setToolTip(tr("Previous token: weight on the token just before. Induction: on a random sequence repeated, "
                           "weight on the token after the earlier copy of the current one. First token: weight on "
                           "the first position. Diagonal: weight on the token itself."));
    auto* scoreBox = new QWidget;
    auto* scoreLayout = new QVBoxLayout(scoreBox);
    scoreLayout->setContentsMargins(0, 0, 0, 0);
    scoreLayout->addWidget(m_score);
    scoreLayout->addWidget(m_scoreChart, 1);
    auto* charts = new QSplitter(Qt::Horizontal);
    charts->addWidget(m_lossChart);
    charts->addWidget(m_accuracyChart);
    charts->addWidget(scoreBox);

    m_grid = new widgets::ModelView;
    m_grid->setObjectName(QStringLiteral("trainGrid"));
    m_gridHint = new QLabel(tr("Press Start: the attention of every layer and head on the task's example appears "
                               "here, and the timeline below replays how it changed."));
    m_gridHint->setWordWrap(true);
    m_gridHint->setAlignment(Qt::AlignCenter);
    m_gridHint->setObjectName(QStringLiteral("trainGridHint"));
    m_timeline = new QSlider(Qt::Horizontal);
    m_timeline->setObjectName(QStringLiteral("trainTimeline"));
    m_timeline->setRange(0, 0);
    m_timeline->setToolTip(tr("Replay how the attention maps changed during training"));
    m_timelineLabel = new QLabel;
    m_timelineLabel->setObjectName(QStringLiteral("timelineLabel"));
    auto* timelineRow = new QHBoxLayout;
    timelineRow->addWidget(new QLabel(tr("Timeline")));
    timelineRow->addWidget(m_timeline, 1);
    timelineRow->addWidget(m_timelineLabel);
    auto* gridBox = new QWidget;
    auto* gridLayout = new QVBoxLayout(gridBox);
    gridLayout->setContentsMargins(0, 0, 0, 0);
    gridLayout->addWidget(m_grid, 1);
    gridLayout->addWidget(m_gridHint, 1);
    m_grid->hide();
    gridLayout->addLayout(timelineRow);

    auto* right = new QSplitter(Qt::Vertical);
    right->addWidget(charts);
    right->addWidget(gridBox);
    right->setStretchFactor(0, 2);
    right->setStretchFactor(1, 3);
    // The grid gets the larger share: the curves read at 200 px, the maps need the room.
    right->setSizes({280, 460});
    m_lossChart->setMinimumHeight(170);

    auto* layout = new QHBoxLayout(this);
    layout->addWidget(scroll);
    layout->addWidget(right, 1);

    connect(m_task, &QComboBox::activated, this, [this] {
        if (m_task->currentData().toString() == QLatin1String("text")) {
            const QString file = QFileDialog::getOpenFileName(this, tr("Train on a Text File"), QString(),
                                                              tr("Text files (*.txt *.md);;All files (*)"));
            if (file.isEmpty()) {
                m_task->setCurrentIndex(0);
            } else {
                m_textFile = file;
            }
        }
        taskChosen();
    });
    connect(m_preset, &QComboBox::activated, this, &TrainWindow::presetChosen);
    connect(m_start, &QPushButton::clicked, this, &TrainWindow::start);
    // Keys for the buttons a lecturer presses most, shown in their tooltips.
    m_start->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_start->setToolTip(tr("Train a new model with these settings (Ctrl+Return)"));
    m_pause->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Space));
    m_pause->setToolTip(tr("Pause or resume training (Ctrl+Space)"));
    connect(m_pause, &QPushButton::clicked, this, &TrainWindow::pauseOrResume);
    connect(m_stop, &QPushButton::clicked, this, &TrainWindow::stop);
    connect(m_reset, &QPushButton::clicked, this, &TrainWindow::reset);
    connect(m_learningRate, &QDoubleSpinBox::valueChanged, this, [this](double lr) {
        if (m_session->hasRun()) m_session->setLearningRate(lr);
    });
    connect(m_score, &QComboBox::currentIndexChanged, this, &TrainWindow::rebuildScoreChart);
    connect(m_timeline, &QSlider::valueChanged, this, [this](int index) {
        m_followRun = index == m_timeline->maximum();
        showFrame(index);
    });
    connect(m_openInWorkspace, &QPushButton::clicked, this, [this] { saveFor(SaveTarget::Workspace); });
    connect(m_save, &QPushButton::clicked, this, [this] { saveFor(SaveTarget::Folder); });
    connect(m_grid, &widgets::TraceView::layerHeadSelected, this, [this](int layer, int head) {
        model::TraceSelection s;
        s.layer = layer;
        s.head = head;
        m_grid->setSelection(s);
    });
}

QString TrainWindow::taskSpec() const
{
    const QString name = m_task->currentData().toString();
    return name == QLatin1String("text") ? QStringLiteral("text:") + m_textFile : name;
}

void TrainWindow::chooseTask(const QString& spec)
{
    if (spec.startsWith(QLatin1String("text:"))) {
        m_textFile = spec.mid(5);
        m_task->setCurrentIndex(m_task->findData(QStringLiteral("text")));
    } else {
        m_task->setCurrentIndex(std::max(0, m_task->findData(spec)));
    }
    taskChosen();
}

void TrainWindow::choosePreset(int index)
{
    m_preset->setCurrentIndex(index);
    presetChosen();
}

void TrainWindow::taskChosen()
{
    auto task = model::makeTrainingTask(taskSpec(), 64);
    m_taskDescription->setText(task ? taskDescription((*task)->name(), (*task)->description()) : task.error());
    presetChosen();
}

void TrainWindow::presetChosen()
{
    auto task = model::makeTrainingTask(taskSpec(), 64);
    const int length = task ? (*task)->sequenceLength() : 64;
    const model::PresetChoice c =
        model::trainingPreset(model::TrainingPreset(m_preset->currentIndex()), m_task->currentData().toString(), length);
    m_layers->setValue(c.shape.layers);
    m_heads->setValue(c.shape.heads);
    m_width->setValue(c.shape.dModel);
    m_attentionOnly->setChecked(c.shape.attentionOnly);
    m_steps->setValue(c.settings.steps);
    m_batch->setValue(c.settings.batch);
    m_learningRate->setValue(c.settings.learningRate);
}

void TrainWindow::start()
{
    auto task = model::makeTrainingTask(taskSpec(), 64);
    if (!task) {
        m_error->setText(task.error());
        m_error->show();
        return;
    }
    model::PresetChoice c = model::trainingPreset(model::TrainingPreset(m_preset->currentIndex()),
                                                  (*task)->name(), (*task)->sequenceLength());
    c.shape.layers = m_layers->value();
    c.shape.heads = m_heads->value();
    c.shape.dModel = m_width->value();
    c.shape.attentionOnly = m_attentionOnly->isChecked();
    c.settings.steps = m_steps->value();
    c.settings.batch = m_batch->value();
    c.settings.learningRate = m_learningRate->value();
    c.settings.seed = std::uint64_t(m_seed->value());
    m_vocabulary = (*task)->vocabulary();
    m_runTask = (*task)->name();
    m_runHeads = c.shape.heads;
    auto run = model::TrainingRun::start(std::move(*task), c.shape, c.settings);
    if (!run) {
        m_error->setText(run.error());
        m_error->show();
        return;
    }
    reset();
    m_error->hide();
    m_totalSteps = c.settings.steps;
    for (widgets::TrainingChart* chart : {m_lossChart, m_accuracyChart, m_scoreChart})
        chart->setStepRange(m_totalSteps);
    m_lossSeries = m_lossChart->addSeries(tr("training batch"), widgets::seriesColor(0, m_style.theme));
    m_heldOutLossSeries = m_lossChart->addSeries(tr("held out"), widgets::seriesColor(1, m_style.theme), true);
    m_accuracySeries = m_accuracyChart->addSeries(tr("training batch"), widgets::seriesColor(0, m_style.theme));
    m_heldOutAccuracySeries = m_accuracyChart->addSeries(tr("held out"), widgets::seriesColor(1, m_style.theme), true);
    // Evaluations (held-out set, probe, head scores) about 60 times over the run, and never more often than every
    // 5 steps, so that they cost a small share of the time.
    const int evalEvery = std::max(5, c.settings.steps / 60);
    m_running = true;
    m_session->start(std::move(*run), evalEvery);
    refreshButtons();
}

void TrainWindow::pauseOrResume()
{
    if (!m_session->hasRun() || m_finished) return;
    m_paused = !m_paused;
    if (m_paused) m_session->pause();
    else {
        m_error->hide();
        m_session->resume();
    }
    refreshButtons();
}

void TrainWindow::stop()
{
    if (!m_session->hasRun()) return;
    m_session->stop();
    m_running = false;
    m_finished = true;
    refreshButtons();
}

void TrainWindow::reset()
{
    if (m_session->hasRun()) m_session->stop();
    m_running = m_paused = m_finished = false;
    m_lastStep = 0;
    m_lossSeries = m_heldOutLossSeries = m_accuracySeries = m_heldOutAccuracySeries = -1;
    m_frames.clear();
    m_scores.clear();
    m_followRun = true;
    m_lossChart->clearSeries();
    m_accuracyChart->clearSeries();
    m_scoreChart->clearSeries();
    for (widgets::TrainingChart* chart : {m_lossChart, m_accuracyChart, m_scoreChart}) {
        chart->setMarker(std::nullopt);
        chart->refresh();
    }
    m_grid->setTrace(nullptr);
    m_grid->hide();
    m_gridHint->show();
    m_timeline->setRange(0, 0);
    m_progress->clear();
    m_metrics->clear();
    refreshTimelineLabel();
    refreshButtons();
}

void TrainWindow::refreshButtons()
{
    const bool has = m_session->hasRun();
    m_start->setEnabled(!m_running || m_finished);
    m_pause->setEnabled(has && m_running && !m_finished);
    m_pause->setText(m_paused ? tr("Resume") : tr("Pause"));
    m_pause->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Space)); // setText clears a mnemonic's shortcut
    m_stop->setEnabled(has && m_running && !m_finished);
    m_reset->setEnabled(has);
    m_openInWorkspace->setEnabled(has);
    m_save->setEnabled(has);
    for (QWidget* w : std::initializer_list<QWidget*>{m_task, m_preset, m_layers, m_heads, m_width, m_attentionOnly,
                                                      m_steps, m_batch, m_seed})
        w->setEnabled(!m_running || m_finished);
}

QString TrainWindow::titleFor(int step) const
{
    return tr("%1 · step %2").arg(m_runTask).arg(step);
}

void TrainWindow::applyUpdate(const TrainingUpdate& update)
{
    for (const model::StepReport& r : update.steps) {
        m_lossChart->addPoint(m_lossSeries, r.step, r.loss);
        m_accuracyChart->addPoint(m_accuracySeries, r.step, r.accuracy);
    }
    if (update.evaluation) {
        m_lossChart->addPoint(m_heldOutLossSeries, update.evaluation->first, update.evaluation->second.loss);
        m_accuracyChart->addPoint(m_heldOutAccuracySeries, update.evaluation->first, update.evaluation->second.accuracy);
        m_metrics->setText(tr("Held-out loss %1 · accuracy %2%")
                               .arg(update.evaluation->second.loss, 0, 'f', 3)
                               .arg(update.evaluation->second.accuracy * 100, 0, 'f', 1));
    }
    if (update.scores) {
        m_scores.push_back(*update.scores);
        rebuildScoreChart();
    }
    if (update.probe) addFrame(update.probe);
    m_lastStep = update.step;
    const double rate = update.tokensPerSecond;
    QString progress = tr("Step %1 of %2").arg(update.step).arg(update.totalSteps);
    if (rate > 0) {
        const QLocale locale;
        if (!update.steps.empty() && update.steps.back().tokens > 0)
            progress += QStringLiteral(" · ") +
                        tr("%1 steps/s").arg(locale.toString(rate / update.steps.back().tokens, 'f', 1));
        progress += QStringLiteral(" · ") + tr("%1 tokens/s").arg(locale.toString(qlonglong(std::llround(rate))));
        if (!update.steps.empty() && update.running) {
            const double secondsLeft =
                double(update.totalSteps - update.step) * update.steps.back().tokens / rate;
            progress += QStringLiteral(" · ") + tr("%1 s left").arg(qlonglong(std::llround(secondsLeft)));
        }
    }
    if (update.finished) progress += QStringLiteral(" · ") + tr("finished");
    else if (!update.running && m_paused) progress += QStringLiteral(" · ") + tr("paused");
    m_progress->setText(progress);
    if (!update.error.isEmpty()) {
        m_error->setText(update.error);
        m_error->show();
        m_paused = true;
    }
    if (update.finished) m_finished = true;
    for (widgets::TrainingChart* chart : {m_lossChart, m_accuracyChart, m_scoreChart})
        chart->refresh();
    refreshButtons();
    emit updateShown(update.step);
}

void TrainWindow::addFrame(std::shared_ptr<const model::AttentionSnapshot> probe)
{
    m_frames.push_back({probe->step, std::move(probe)});
    if (timelineBytes() > kTimelineBudget && m_frames.size() > 3) {
        std::vector<Frame> kept;
        for (std::size_t i = 0; i < m_frames.size(); ++i)
            if (i % 2 == 0 || i + 1 == m_frames.size()) kept.push_back(m_frames[i]);
        m_frames = std::move(kept);
    }
    const QSignalBlocker block(m_timeline);
    m_timeline->setRange(0, int(m_frames.size()) - 1);
    if (m_followRun) m_timeline->setValue(m_timeline->maximum());
    showFrame(m_timeline->value());
}

std::size_t TrainWindow::timelineBytes() const
{
    std::size_t bytes = 0;
    for (const Frame& f : m_frames)
        bytes += f.probe->bytes();
    return bytes;
}

void TrainWindow::showFrame(int index)
{
    if (index < 0 || index >= int(m_frames.size())) return;
    const Frame& frame = m_frames[std::size_t(index)];
    auto trace = std::make_shared<model::Trace>(model::snapshotTrace(*frame.probe, m_vocabulary, titleFor(frame.step)));
    m_grid->setTrace(std::move(trace));
    m_gridHint->hide();
    m_grid->show();
    const std::optional<double> marker = m_followRun ? std::nullopt : std::optional<double>(frame.step);
    for (widgets::TrainingChart* chart : {m_lossChart, m_accuracyChart, m_scoreChart}) {
        chart->setMarker(marker);
        chart->refresh();
    }
    refreshTimelineLabel();
}

void TrainWindow::refreshTimelineLabel()
{
    if (m_frames.empty()) {
        m_timelineLabel->clear();
        return;
    }
    const int index = std::clamp(m_timeline->value(), 0, int(m_frames.size()) - 1);
    m_timelineLabel->setText(tr("step %1 · %2 snapshots, %3")
                                 .arg(m_frames[std::size_t(index)].step)
                                 .arg(m_frames.size())
                                 .arg(QLocale().formattedDataSize(qint64(timelineBytes()), 1)));
}

void TrainWindow::rebuildScoreChart()
{
    m_scoreChart->clearSeries();
    if (m_scores.empty()) {
        m_scoreChart->refresh();
        return;
    }
    const auto field = scoreField(m_score->currentIndex());
    const std::size_t heads = (m_scores.front().*field).size();
    const int perLayer = std::max(1, m_runHeads);
    int best = -1;
    double bestValue = -1;
    for (std::size_t h = 0; h < heads; ++h) {
        const int series = m_scoreChart->addSeries(tr("L%1 H%2").arg(int(h) / perLayer + 1).arg(int(h) % perLayer + 1),
                                                   widgets::seriesColor(int(h), m_style.theme), false, false);
        for (const model::HeadScoreSample& s : m_scores)
            m_scoreChart->addPoint(series, s.step, (s.*field)[h]);
        const double last = (m_scores.back().*field)[h];
        if (last > bestValue) {
            bestValue = last;
            best = int(h);
        }
    }
    if (best >= 0) {
        m_scoreChart->setHighlighted(best, true);
        m_scoreChart->setTitle(tr("%1: highest L%2 H%3, %4")
                                   .arg(m_score->currentText())
                                   .arg(best / perLayer + 1)
                                   .arg(best % perLayer + 1)
                                   .arg(bestValue, 0, 'f', 2));
    }
    m_scoreChart->refresh();
}

void TrainWindow::saveFor(SaveTarget target)
{
    if (!m_session->hasRun()) return;
    m_saveWanted = target;
    m_session->requestState();
}

void TrainWindow::stateArrived(const model::TrainingState& state, const QByteArray& tokenizerJson)
{
    if (!m_saveWanted) return;
    const SaveTarget target = *std::exchange(m_saveWanted, std::nullopt);
    QString folder;
    if (target == SaveTarget::Folder) {
        folder = QFileDialog::getExistingDirectory(this, tr("Save the Trained Model in a Folder"));
        if (folder.isEmpty()) return;
    } else {
        // A new folder each time: the workspace opens a model by its path, and this one is new weights.
        folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                 QStringLiteral("/trained/%1-step%2-%3")
                     .arg(QString(state.task).replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_-]")), QStringLiteral("_")).left(40))
                     .arg(state.step)
                     .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    }
    // Written on a worker thread: a larger model is tens of megabytes.
    auto* watcher = new QFutureWatcher<model::Result<void>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, folder, target] {
        watcher->deleteLater();
        const model::Result<void> saved = watcher->result();
        if (!saved) {
            // Not modal: the run's charts stay usable; the message names the file and the system's reason, and
            // the previous files are as they were (saveTrainingCheckpoint writes all or none).
            auto* box = new QMessageBox(QMessageBox::Warning, tr("Cannot save the model"), saved.error(),
                                        QMessageBox::Ok, this);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->setObjectName(QStringLiteral("trainSaveError"));
            box->open();
            return;
        }
        if (target == SaveTarget::Workspace) emit openModelRequested(folder);
        else m_progress->setText(m_progress->text() + QStringLiteral("\n") + tr("Saved to %1").arg(QDir::toNativeSeparators(folder)));
    });
    watcher->setFuture(QtConcurrent::run([folder, state, tokenizerJson] {
        QDir().mkpath(folder);
        return model::saveTrainingCheckpoint(folder, state, tokenizerJson);
    }));
}

void TrainWindow::setStyle(const widgets::ViewStyle& style)
{
    m_style = style;
    for (widgets::TrainingChart* chart : {m_lossChart, m_accuracyChart, m_scoreChart})
        chart->setStyle(style);
    m_grid->setStyle(style);
    m_error->setStyleSheet(QStringLiteral("color: %1").arg(style.theme == widgets::Theme::Dark ? "#ff8a80" : "#c62828"));
}

void TrainWindow::closeEvent(QCloseEvent* event)
{
    // Closing pauses: the run and its curves are there when the window comes back.
    if (m_running && !m_paused && !m_finished) pauseOrResume();
    event->accept();
}

} // namespace attnlab::app
