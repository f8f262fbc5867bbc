// Tests app/window/model_file_dialog.cpp on folders written here: a model folder is accepted as it is (not
// stepped into), a file of a model stands for its folder, a llama2.c .bin for itself, and a file that is no
// model keeps the dialog open.

#include "app/window/model_file_dialog.h"
#include "test_registry.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QMessageBox>

namespace tst_model_file_dialog {

using namespace attnlab;

namespace {

bool write(const QString& path)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write("{}") == 2;
}

} // namespace

class TestModelFileDialog : public QObject {
    Q_OBJECT
private slots:
    void aSelectionStandsForItsModel()
    {
        QTemporaryDir dir;
        const QString gpt = dir.filePath(QStringLiteral("gpt"));
        QVERIFY(write(gpt + QStringLiteral("/config.json")) && write(gpt + QStringLiteral("/model.safetensors")));
        QVERIFY(write(dir.filePath(QStringLiteral("stories.bin"))) && write(dir.filePath(QStringLiteral("tok512.bin"))));
        QVERIFY(write(dir.filePath(QStringLiteral("notes/readme.txt"))));
        QCOMPARE(app::ModelFileDialog::modelFor(gpt), gpt);
        QCOMPARE(app::ModelFileDialog::modelFor(gpt + QLatin1Char('/')), gpt);
        QCOMPARE(app::ModelFileDialog::modelFor(gpt + QStringLiteral("/config.json")), gpt);
        QCOMPARE(app::ModelFileDialog::modelFor(dir.filePath(QStringLiteral("stories.bin"))), dir.filePath(QStringLiteral("stories.bin")));
        QCOMPARE(app::ModelFileDialog::modelFor(dir.filePath(QStringLiteral("tok512.bin"))), QString());
        QCOMPARE(app::ModelFileDialog::modelFor(dir.filePath(QStringLiteral("notes"))), QString());
        QCOMPARE(app::ModelFileDialog::modelFor(dir.filePath(QStringLiteral("notes/readme.txt"))), QString());
    }

    // The dialog itself: the model folder selected and Open pressed closes it with that folder.
    void aModelFolderIsAcceptedDirectly()
    {
        QTemporaryDir dir;
        const QString gpt = dir.filePath(QStringLiteral("gpt"));
        QVERIFY(write(gpt + QStringLiteral("/config.json")) && write(gpt + QStringLiteral("/model.safetensors")));
        app::ModelFileDialog dialog(nullptr, dir.path());
        QCOMPARE(dialog.directory().absolutePath(), QDir(dir.path()).absolutePath());
        dialog.show();
        dialog.selectFile(gpt);
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.chosenModel(), gpt);

        // A folder that is no model: the dialog steps into it and stays open.
        const QString notes = dir.filePath(QStringLiteral("notes"));
        QVERIFY(write(notes + QStringLiteral("/readme.txt")));
        app::ModelFileDialog browsing(nullptr, dir.path());
        browsing.show();
        browsing.selectFile(notes);
        browsing.accept();
        QVERIFY(browsing.isVisible());
        QVERIFY(browsing.chosenModel().isEmpty());

        // A file that is no model: a message says so (closed here), and the dialog stays open.
        app::ModelFileDialog wrong(nullptr, notes);
        wrong.show();
        wrong.selectFile(notes + QStringLiteral("/readme.txt"));
        QString message;
        QTimer::singleShot(0, [&message] {
            for (QWidget* w : QApplication::topLevelWidgets())
                if (auto* box = qobject_cast<QMessageBox*>(w); box && box->isVisible()) {
                    message = box->text();
                    box->close();
                }
        });
        wrong.accept();
        QVERIFY2(message.contains(QStringLiteral("readme.txt")), qPrintable(message));
        QVERIFY(wrong.isVisible());
        QVERIFY(wrong.chosenModel().isEmpty());
    }
};

ATTNLAB_TEST_MAIN(TestModelFileDialog)
} // namespace tst_model_file_dialog
#include "tst_model_file_dialog.moc"
