#pragma once

// The Train window (Tools ▸ Train a Model…): choose a task and a model size, train it off the GUI thread, and
// watch it learn: the loss and accuracy curves, the heads' scores over time (the moment an induction head
// appears), and the probe's attention in every layer × head, with a timeline that replays how the maps changed.
// The trained weights open in the workspace, where every view and lesson uses them, or are saved as a Hugging
// Face GPT-2 folder that is also a resumable checkpoint.

#include "app/training/training_session.h"
#include "widgets/drawing/view_style.h"

#include <QWidget>

#include <memory>
#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;

namespace attnlab::widgets {
class ModelView;
class TrainingChart;
} // namespace attnlab::widgets

namespace attnlab::app {

class TrainWindow : public QWidget {
    Q_OBJECT
public:
    explicit TrainWindow(QWidget* parent = nullptr);
    ~TrainWindow() override;

    void setStyle(const widgets::ViewStyle& style);

    // A built-in task's name and one-line description in the interface's language, by its key ("sort"). The
    // model's tasks describe themselves in English; a key without a translation here (a task added later, a
    // text file) shows the key and the model's description.
    static QString taskTitle(const QString& key);
    static QString taskDescription(const QString& key, const QString& modelDescription);

    // For tests and the command line of the window: the task by name ("sort", "text:/path"), the preset.
    void chooseTask(const QString& spec);
    void choosePreset(int index);
    void start();
    void pauseOrResume();
    void stop();
    void reset();
    int stepsShown() const { return m_lastStep; }
    int timelineFrames() const { return int(m_frames.size()); }
    std::size_t timelineBytes() const;
    // The frame the timeline shows (the newest while it follows the run).
    void showFrame(int index);

    widgets::TrainingChart* lossChart() const { return m_lossChart; }
    widgets::TrainingChart* accuracyChart() const { return m_accuracyChart; }
    widgets::TrainingChart* scoreChart() const { return m_scoreChart; }
    widgets::ModelView* modelGrid() const { return m_grid; }

signals:
    // A trained model saved to folder, to open in the workspace.
    void openModelRequested(const QString& folder);
    // Every update applied (tests wait for it).
    void updateShown(int step);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    struct Frame {
        int step = 0;
        std::shared_ptr<const model::AttentionSnapshot> probe;
    };
    enum class SaveTarget { Workspace, Folder };

    void buildControls();
    void taskChosen();
    void presetChosen();
    void applyUpdate(const TrainingUpdate& update);
    void addFrame(std::shared_ptr<const model::AttentionSnapshot> probe);
    void rebuildScoreChart();
    void refreshButtons();
    void refreshTimelineLabel();
    void saveFor(SaveTarget target);
    void stateArrived(const model::TrainingState& state, const QByteArray& tokenizerJson);
    QString taskSpec() const;
    QString titleFor(int step) const;

    TrainingSession* m_session;
    widgets::ViewStyle m_style;

    QComboBox* m_task = nullptr;
    QLabel* m_taskDescription = nullptr;
    QComboBox* m_preset = nullptr;
    QSpinBox *m_layers = nullptr, *m_heads = nullptr, *m_width = nullptr, *m_steps = nullptr, *m_batch = nullptr,
             *m_seed = nullptr;
    QCheckBox* m_attentionOnly = nullptr;
    QDoubleSpinBox* m_learningRate = nullptr;
    QPushButton *m_start = nullptr, *m_pause = nullptr, *m_stop = nullptr, *m_reset = nullptr;
    QPushButton *m_openInWorkspace = nullptr, *m_save = nullptr;
    QLabel *m_progress = nullptr, *m_metrics = nullptr, *m_error = nullptr;
    QComboBox* m_score = nullptr;
    widgets::TrainingChart *m_lossChart = nullptr, *m_accuracyChart = nullptr, *m_scoreChart = nullptr;
    widgets::ModelView* m_grid = nullptr;
    QLabel* m_gridHint = nullptr; // in the grid's place until the first snapshot
    QSlider* m_timeline = nullptr;
    QLabel* m_timelineLabel = nullptr;

    QString m_textFile;              // the file of the "text" task
    QStringList m_vocabulary;        // the run's tokens by id
    QString m_runTask;               // the run's task name
    int m_runHeads = 1;              // heads per layer of the run's model
    bool m_running = false, m_paused = false, m_finished = false;
    int m_lastStep = 0, m_totalSteps = 0;
    std::vector<Frame> m_frames;
    bool m_followRun = true;
    std::vector<model::HeadScoreSample> m_scores;
    int m_lossSeries = -1, m_heldOutLossSeries = -1, m_accuracySeries = -1, m_heldOutAccuracySeries = -1;
    std::optional<SaveTarget> m_saveWanted;
};

} // namespace attnlab::app
