// Tests app/window/language.cpp: which language the application starts in (--lang, the saved choice, the system's
// languages), the View ▸ Language menu, and `attnlab --lang` on the command line.

#include "app/window/language.h"
#include "test_registry.h"

#include <QAction>
#include <QMenu>
#include <QProcess>
#include <QSettings>
#include <QTest>
#include <QWidget>

namespace tst_language {

using namespace attnlab;

class TestLanguage : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("AttnLabTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_language"));
        QSettings().clear();
    }

    void cleanupTestCase() { QSettings().clear(); }

    void chooseLanguage_data()
    {
        QTest::addColumn<QString>("requested");
        QTest::addColumn<QString>("saved");
        QTest::addColumn<QStringList>("system");
        QTest::addColumn<QString>("expected");
        const QStringList japanese{QStringLiteral("ja-JP"), QStringLiteral("en-US")};
        QTest::newRow("--lang wins") << "fa"
                                     << "ja" << japanese << "fa";
        QTest::newRow("saved beats the system") << ""
                                                << "en" << japanese << "en";
        QTest::newRow("unknown saved value is ignored") << ""
                                                        << "xx" << japanese << "ja";
        QTest::newRow("first supported system language")
            << ""
            << "" << QStringList{QStringLiteral("de-DE"), QStringLiteral("fa_IR"), QStringLiteral("ja")}
            << "fa";
        QTest::newRow("English system") << ""
                                        << "" << QStringList{QStringLiteral("en-Latn-US")} << "en";
        QTest::newRow("unsupported system") << ""
                                            << "" << QStringList{QStringLiteral("de-DE")} << "en";
        QTest::newRow("no information") << ""
                                        << "" << QStringList{} << "en";
    }

    void chooseLanguage()
    {
        QFETCH(QString, requested);
        QFETCH(QString, saved);
        QFETCH(QStringList, system);
        QFETCH(QString, expected);
        QCOMPARE(app::chooseLanguage(requested, saved, system), expected);
    }

    void takeLanguageOption_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QStringList>("rest");
        QTest::addColumn<bool>("ok");
        QTest::newRow("absent") << QStringList{} << "" << QStringList{} << true;
        QTest::newRow("--lang ja") << QStringList{"--lang", "ja"} << "ja" << QStringList{} << true;
        QTest::newRow("--lang=fa") << QStringList{"--lang=fa"} << "fa" << QStringList{} << true;
        QTest::newRow("before a command")
            << QStringList{"--lang", "en", "run"} << "en" << QStringList{"run"} << true;
        QTest::newRow("a command's own --lang")
            << QStringList{"lessons", "--lang", "ja"} << "" << QStringList{"lessons", "--lang", "ja"} << true;
        QTest::newRow("unsupported") << QStringList{"--lang", "de"} << "" << QStringList{} << false;
        QTest::newRow("missing value") << QStringList{"--lang"} << "" << QStringList{} << false;
    }

    void takeLanguageOption()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, code);
        QFETCH(QStringList, rest);
        QFETCH(bool, ok);
        const auto taken = app::takeLanguageOption(arguments);
        QCOMPARE(taken.ok(), ok);
        if (!ok) {
            QVERIFY(taken.error().startsWith(QLatin1String("--lang \"")));
            return;
        }
        QCOMPARE(*taken, code);
        QCOMPARE(arguments, rest);
    }

    void savedLanguageRoundTrips()
    {
        QCOMPARE(app::savedLanguage(), QString());
        app::saveLanguage(QStringLiteral("fa"));
        QCOMPARE(app::savedLanguage(), QStringLiteral("fa"));
        QCOMPARE(app::chooseLanguage(QString(), app::savedLanguage(), {QStringLiteral("ja-JP")}),
                 QStringLiteral("fa"));
    }

    // The menu names each language in that language, so that someone who cannot read the current one finds
    // it.
    void menuListsLanguagesAndChecksTheCurrentOne()
    {
        QVERIFY(app::installLanguage(QStringLiteral("ja")));
        QWidget window;
        QMenu* menu = app::createLanguageMenu(&window);
        const QList<QAction*> actions = menu->actions();
        QCOMPARE(actions.size(), 3);
        QStringList codes;
        QStringList names;
        for (QAction* action : actions) {
            codes << action->data().toString();
            names << action->text();
            QVERIFY(action->isCheckable());
            QCOMPARE(action->isChecked(), action->data().toString() == QLatin1String("ja"));
        }
        QCOMPARE(codes, app::supportedLanguages());
        QCOMPARE(names,
                 (QStringList{QStringLiteral("English"), QStringLiteral("日本語"), QStringLiteral("فارسی")}));
        // The menu's own title is translated like every other.
        QCOMPARE(menu->title(), QStringLiteral("言語(&L)"));
        // Choosing the language already in use saves it and asks nothing (a dialog would block this test).
        actions[1]->trigger();
        QCOMPARE(app::savedLanguage(), QStringLiteral("ja"));
        QVERIFY(app::installLanguage(QStringLiteral("en")));
    }

    void commandLineRejectsUnknownLanguage()
    {
        QProcess process;
        process.start(QStringLiteral(ATTNLAB_EXECUTABLE), {QStringLiteral("--lang"), QStringLiteral("de")});
        QVERIFY2(process.waitForFinished(30000), "attnlab did not finish (is it built?)");
        QCOMPARE(process.exitCode(), 2);
        const QString error = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(error.startsWith(QLatin1String("error: --lang \"de\": expected en, ja or fa")),
                 qPrintable(error));
    }
};

ATTNLAB_TEST_MAIN(TestLanguage)
} // namespace tst_language
#include "tst_language.moc"
