// Tests app/training/train_window.cpp and training_session.cpp with the real window: a run trains off the GUI
// thread and fills the curves, the model grid and the timeline; Pause holds the step count; Open in Workspace
// saves a GPT-2 folder that loads; the GUI thread stays responsive while training runs. With
// ATTNLAB_TRAIN_SHOTS=DIR the window is also saved as PNGs (during and after training) for a person to look at.

#include "app/training/train_window.h"
#include "app/window/main_window.h"
#include "model/training/tasks/training_task.h"
#include "model/training/training_checkpoint.h"
#include "widgets/training/training_chart.h"
#include "widgets/views/model_view.h"
#include "test_registry.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QElapsedTimer>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QStandardPaths>
#include <QRegularExpression>
#include <QTest>
#include <QTimer>

namespace tst_train_window {

using namespace attnlab;

namespace {

void shoot(QWidget& w, const QString& name)
{
    const QString dir = qEnvironmentVariable("ATTNLAB_TRAIN_SHOTS");
    if (!dir.isEmpty()) w.grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

} // namespace

class TestTrainWindow : public QObject {
    Q_OBJECT

private slots:
    // Saved models go to the test's own application data folder, never the user's.
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void trainsAndShowsItsProgress()
    {
        app::TrainWindow window;
        window.resize(1280, 720);
        window.show();
        window.chooseTask(QStringLiteral("sort"));
        window.choosePreset(0);
        // Smaller than the preset, so that the run stays short in the sanitizer build too; sort still learns.
        window.findChild<QSpinBox*>(QStringLiteral("trainWidth"))->setValue(64);
        window.findChild<QSpinBox*>(QStringLiteral("trainSteps"))->setValue(400);
        QSignalSpy updates(&window, &app::TrainWindow::updateShown);
        // The GUI thread's longest pause while training runs: a timer that should fire every 10 ms.
        QElapsedTimer sinceTick;
        qint64 longestGap = 0;
        QTimer tick;
        sinceTick.start();
        connect(&tick, &QTimer::timeout, this, [&] {
            longestGap = std::max(longestGap, sinceTick.restart());
        });
        tick.start(10);
        window.start();
        QVERIFY(!window.findChild<QPushButton*>(QStringLiteral("trainStart"))->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(window.stepsShown() >= 100, 120000);
        shoot(window, QStringLiteral("train-running"));
        QTRY_VERIFY_WITH_TIMEOUT(window.findChild<QPushButton*>(QStringLiteral("trainStart"))->isEnabled(), 240000);
        tick.stop();
        QVERIFY2(longestGap < 500, qPrintable(QString::number(longestGap)));
        const int steps = window.stepsShown();
        QVERIFY(steps > 0);
        // At most ten updates a second, plus the first and the last.
        QVERIFY(updates.size() >= 2);
        QVERIFY(window.lossChart()->points(0).size() == steps);
        QVERIFY(window.accuracyChart()->points(1).last().y() > 0.95); // held out, sort learnt
        QVERIFY(window.scoreChart()->seriesCount() == 8);              // 2 layers × 4 heads
        QVERIFY(window.timelineFrames() >= 10);
        QVERIFY(window.modelGrid()->trace() != nullptr);
        QCOMPARE(int(window.modelGrid()->trace()->layers.size()), 2);
        const QString progress = window.findChild<QLabel*>(QStringLiteral("trainProgress"))->text();
        QVERIFY(progress.contains(QStringLiteral("finished")));
        // "… · 12.3 steps/s · 4,567 tokens/s · …": a step is 32 sequences of sort's 11 tokens.
        const QRegularExpression rates(QStringLiteral("([0-9.]+) steps/s · ([0-9,]+) tokens/s"));
        const QRegularExpressionMatch m = rates.match(progress);
        QVERIFY2(m.hasMatch(), qPrintable(progress));
        const double stepsPerSecond = m.captured(1).toDouble();
        const double tokensPerSecond = QString(m.captured(2)).remove(u',').toDouble();
        QVERIFY(stepsPerSecond > 0);
        QVERIFY2(std::abs(stepsPerSecond * 32 * 11 - tokensPerSecond) <= 0.05 * 32 * 11 + 1, qPrintable(progress));
        shoot(window, QStringLiteral("train-finished"));
        // The timeline replays: its first frame is the untrained model.
        auto* timeline = window.findChild<QSlider*>(QStringLiteral("trainTimeline"));
        timeline->setValue(0);
        QCOMPARE(window.modelGrid()->trace()->modelName, QStringLiteral("sort · step 0"));
        QVERIFY(!window.modelGrid()->trace()->trained);
        shoot(window, QStringLiteral("train-timeline-start"));

        QSignalSpy opened(&window, &app::TrainWindow::openModelRequested);
        window.findChild<QPushButton*>(QStringLiteral("trainOpenInWorkspace"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 20000);
        const QString folder = opened.first().first().toString();
        const auto loaded = model::loadGpt2Folder(folder);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        QCOMPARE(loaded->shape.layers, 2);
        QVERIFY(model::isTrainingCheckpoint(folder));

        // A save that cannot be written (a file where the folder of trained models should be) shows the
        // message, naming the folder and the system's reason, and changes nothing on disk.
        const QString trained = QFileInfo(folder).absolutePath();
        QVERIFY(QDir().rename(trained, trained + QStringLiteral(".kept")));
        {
            QFile inTheWay(trained);
            QVERIFY(inTheWay.open(QIODevice::WriteOnly) && inTheWay.write("not a folder") > 0);
        }
        window.findChild<QPushButton*>(QStringLiteral("trainOpenInWorkspace"))->click();
        QMessageBox* box = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((box = window.findChild<QMessageBox*>(QStringLiteral("trainSaveError"))), 20000);
        QVERIFY(box->isVisible());
        QCOMPARE(box->windowTitle(), QStringLiteral("Cannot save the model"));
        QVERIFY2(box->text().startsWith(QStringLiteral("cannot write ") + trained + QLatin1Char('/')) &&
                     box->text().contains(QStringLiteral("Not a directory")),
                 qPrintable(box->text()));
        QCOMPARE(opened.size(), 1); // nothing opened
        box->close();
        QFile inTheWay(trained);
        QVERIFY(inTheWay.open(QIODevice::ReadOnly));
        QCOMPARE(inTheWay.readAll(), QByteArray("not a folder"));
        inTheWay.close();
        QVERIFY(QFile::remove(trained));
        QVERIFY(QDir().rename(trained + QStringLiteral(".kept"), trained));
    }

    void toolsMenuOpensIt()
    {
        app::MainWindow main;
        main.show();
        auto* action = main.findChild<QAction*>(QStringLiteral("trainAction"));
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
        action->trigger();
        QVERIFY(main.trainWindow()->isVisible());
        main.showTrainWindow(QStringLiteral("pronoun"), QStringLiteral("small"));
        auto* task = main.trainWindow()->findChild<QComboBox*>(QStringLiteral("trainTask"));
        QCOMPARE(task->currentData().toString(), QStringLiteral("pronoun"));
        QCOMPARE(task->currentText(), QStringLiteral("Pronoun"));
    }

    void taskNamesAndDescriptionsAreTranslatable()
    {
        // In English the table gives the model's own description, word for word, for every built-in task: the
        // two must not drift apart. An unknown key keeps the key and the model's text.
        for (const QString& key : model::trainingTaskNames()) {
            if (key.startsWith(QLatin1String("text"))) continue;
            const auto task = model::makeTrainingTask(key);
            QVERIFY2(task, qPrintable(task.error()));
            QCOMPARE(app::TrainWindow::taskDescription(key, QStringLiteral("fallback")), (*task)->description());
            QVERIFY(app::TrainWindow::taskTitle(key) != key); // a name of its own ("Sort" for "sort")
        }
        QCOMPARE(app::TrainWindow::taskTitle(QStringLiteral("future")), QStringLiteral("future"));
        QCOMPARE(app::TrainWindow::taskDescription(QStringLiteral("future"), QStringLiteral("Future: …")),
                 QStringLiteral("Future: …"));
        // The window shows the name in the combo and the description under it.
        app::TrainWindow window;
        window.chooseTask(QStringLiteral("modadd"));
        auto* task = window.findChild<QComboBox*>(QStringLiteral("trainTask"));
        QCOMPARE(task->currentText(), QStringLiteral("Modular addition"));
        QCOMPARE(task->currentData().toString(), QStringLiteral("modadd"));
        const QString description = window.findChild<QLabel*>(QStringLiteral("taskDescription"))->text();
        QVERIFY(description.startsWith(QStringLiteral("Modular addition: \"a + b =\"")));
    }

    void pauseHoldsTheRun()
    {
        app::TrainWindow window;
        window.chooseTask(QStringLiteral("reverse"));
        window.choosePreset(1); // small: long enough to pause
        window.show();
        window.start();
        QTRY_VERIFY_WITH_TIMEOUT(window.stepsShown() >= 20, 60000);
        window.pauseOrResume();
        QCOMPARE(window.findChild<QPushButton*>(QStringLiteral("trainPause"))->text(), QStringLiteral("Resume"));
        // The worker finishes the step in progress (seconds under the sanitizers), then reports that it is idle.
        auto* progress = window.findChild<QLabel*>(QStringLiteral("trainProgress"));
        QTRY_VERIFY_WITH_TIMEOUT(progress->text().contains(QStringLiteral("paused")), 30000);
        const int held = window.stepsShown();
        QTest::qWait(600);
        QCOMPARE(window.stepsShown(), held);
        window.pauseOrResume();
        QTRY_VERIFY_WITH_TIMEOUT(window.stepsShown() > held, 30000);
        window.stop();
        QVERIFY(window.findChild<QPushButton*>(QStringLiteral("trainStart"))->isEnabled());
        window.reset();
        QCOMPARE(window.timelineFrames(), 0);
        QCOMPARE(window.lossChart()->seriesCount(), 0);
    }
};

ATTNLAB_TEST_MAIN(TestTrainWindow)
} // namespace tst_train_window
#include "tst_train_window.moc"
