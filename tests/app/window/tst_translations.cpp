// Tests resources/translations/*.ts against the sources: every string the user can see has a finished
// Japanese and Persian translation that keeps its placeholders, accelerator and markup, and the compiled
// translations reach the window (Japanese menus, a right-to-left Persian layout).

#include "app/window/language.h"
#include "app/window/main_window.h"
#include "widgets/views/view_factory.h"
#include "test_registry.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QXmlStreamReader>

namespace tst_translations {

using namespace attnlab;

namespace {

// The repository (tests/CMakeLists.txt passes its path).
QString sourceRoot()
{
    return QStringLiteral(ATTNLAB_SOURCE_DIR);
}

QString tsPath(const QString& language)
{
    return sourceRoot() + QStringLiteral("/resources/translations/attnlab_%1.ts").arg(language);
}

struct TsMessage {
    QString context;
    QString source;
    QString translation;
    QString type; // "", "unfinished", "obsolete" or "vanished"
};

struct TsFile {
    QString language; // the <TS language="…"> attribute
    QList<TsMessage> messages;
    QString error;
};

TsFile readTs(const QString& path)
{
    TsFile ts;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ts.error = QStringLiteral("cannot open %1").arg(path);
        return ts;
    }
    QXmlStreamReader xml(&file);
    QString context;
    TsMessage message;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement) continue;
        const auto name = xml.name();
        if (name == QLatin1String("TS")) {
            ts.language = xml.attributes().value(QLatin1String("language")).toString();
        } else if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            message = TsMessage{context, {}, {}, {}};
        } else if (name == QLatin1String("source")) {
            message.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            message.type = xml.attributes().value(QLatin1String("type")).toString();
            // Plural forms (<numerusform>) are joined; none of AttnLab's strings uses %n yet.
            message.translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            ts.messages << message;
        }
    }
    if (xml.hasError())
        ts.error = QStringLiteral("%1:%2: %3").arg(path).arg(xml.lineNumber()).arg(xml.errorString());
    return ts;
}

// What must survive translation: %1…%99, HTML tags and a window title's "[*]" (the unsaved-changes mark).
// The accelerator is checked by accelerators().
QStringList placeholders(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("%\\d{1,2}|<[^>]+>|\\[\\*\\]"));
    QStringList found;
    for (const auto& match : pattern.globalMatch(text))
        found << match.captured();
    found.sort();
    return found;
}

int accelerators(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("&(?!&)(?=\\S)"));
    QString withoutEscaped = text;
    withoutEscaped.remove(QStringLiteral("&&"));
    return int(withoutEscaped.count(pattern));
}

struct FoundString {
    QString location; // "app/main_window.cpp:42"
    QString
        context; // from translate("Context", …) or QT_TRANSLATE_NOOP; "" for tr(), whose context is its class
    QString text;
};

// Decodes the adjacent C++ string literals of `"abc" "def"` (escapes \" \\ \n \t).
QString joinLiterals(const QString& literals)
{
    static const QRegularExpression literal(QStringLiteral("\"((?:[^\"\\\\]|\\\\.)*)\""));
    QString text;
    for (const auto& match : literal.globalMatch(literals)) {
        QString part = match.captured(1);
        part.replace(QStringLiteral("\\n"), QStringLiteral("\n"))
            .replace(QStringLiteral("\\t"), QStringLiteral("\t"));
        part.replace(QStringLiteral("\\\""), QStringLiteral("\""))
            .replace(QStringLiteral("\\\\"), QStringLiteral("\\"));
        text += part;
    }
    return text;
}

// The strings lupdate would extract from one source file, found by regular expression: tr("…"),
// QCoreApplication::translate("Context", "…") and QT_TRANSLATE_NOOP("Context", "…"), with adjacent literals
// joined. Its limits: a literal that is a macro, a raw string (R"(…)") or a variable is not seen (lupdate
// rejects most of those too), and a call on a line that starts with // is skipped but one inside /* … */ is
// not. The context of tr() is not checked, only that the text is in the file.
QList<FoundString> scanSource(const QString& code, const QString& fileName)
{
    static const QString literals = QStringLiteral("((?:\"(?:[^\"\\\\]|\\\\.)*\"\\s*)+)");
    static const QRegularExpression call(
        QStringLiteral(
            "(?:(?:\\b(?:QCoreApplication|QGuiApplication|QApplication)::translate|\\bQT_TRANSLATE_NOOP)"
            "\\(\\s*\"([^\"]*)\"\\s*,\\s*|"
            "\\btr\\(\\s*)") +
        literals + QStringLiteral("[,)]"));
    static const QRegularExpression commentLine(QStringLiteral("^[ \\t]*//[^\\n]*"),
                                                QRegularExpression::MultilineOption);
    QString text = code;
    // Blank out comment lines but keep the line count, so that locations stay right.
    for (const auto& match : commentLine.globalMatch(code))
        text.replace(match.capturedStart(), match.capturedLength(),
                     QString(match.capturedLength(), QLatin1Char(' ')));
    QList<FoundString> found;
    for (const auto& match : call.globalMatch(text)) {
        const int line = int(text.left(match.capturedStart()).count(QLatin1Char('\n'))) + 1;
        found << FoundString{QStringLiteral("%1:%2").arg(fileName).arg(line), match.captured(1),
                             joinLiterals(match.captured(2))};
    }
    return found;
}

QList<FoundString> scanSourceTree()
{
    QList<FoundString> found;
    for (const QString& dir : {QStringLiteral("app"), QStringLiteral("widgets"), QStringLiteral("model")}) {
        QDirIterator files(sourceRoot() + QLatin1Char('/') + dir,
                           {QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files,
                           QDirIterator::Subdirectories);
        while (files.hasNext()) {
            QFile file(files.next());
            if (file.open(QIODevice::ReadOnly))
                found << scanSource(QString::fromUtf8(file.readAll()),
                                    QDir(sourceRoot()).relativeFilePath(file.fileName()));
        }
    }
    return found;
}

QString fileMenuTitle(const app::MainWindow& window)
{
    const QList<QAction*> menus = window.menuBar()->actions();
    return menus.isEmpty() ? QString() : menus.first()->text();
}

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("AttnLabTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_translations"));
    }

    void cleanup() { app::installLanguage(QStringLiteral("en")); }

    void languages_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("Japanese") << QStringLiteral("ja");
        QTest::newRow("Persian") << QStringLiteral("fa");
    }

    void everyMessageIsTranslated_data() { languages_data(); }
    void everyMessageIsTranslated()
    {
        QFETCH(QString, language);
        const TsFile ts = readTs(tsPath(language));
        QVERIFY2(ts.error.isEmpty(), qPrintable(ts.error));
        QCOMPARE(ts.language, language);
        QVERIFY(ts.messages.size() > 100);
        QStringList problems;
        for (const TsMessage& m : ts.messages) {
            if (m.type == QLatin1String("obsolete") || m.type == QLatin1String("vanished"))
                problems << QStringLiteral("%1 \"%2\": %3 (run resources/translations/update.sh)")
                                .arg(m.context, m.source, m.type);
            else if (m.type == QLatin1String("unfinished") || m.translation.trimmed().isEmpty())
                problems << QStringLiteral("%1 \"%2\": not translated").arg(m.context, m.source);
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void translationsKeepPlaceholders_data() { languages_data(); }
    void translationsKeepPlaceholders()
    {
        QFETCH(QString, language);
        const TsFile ts = readTs(tsPath(language));
        QStringList problems;
        for (const TsMessage& m : ts.messages) {
            if (m.translation.isEmpty()) continue; // reported by everyMessageIsTranslated
            if (placeholders(m.translation) != placeholders(m.source))
                problems << QStringLiteral("\"%1\" → \"%2\": placeholders or tags differ")
                                .arg(m.source, m.translation);
            if (accelerators(m.translation) != accelerators(m.source))
                problems << QStringLiteral("\"%1\" → \"%2\": accelerator (&) differs")
                                .arg(m.source, m.translation);
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    // The checks above would pass on a wrong source; these make sure they can fail.
    void checksDetectMistakes()
    {
        QCOMPARE(placeholders(QStringLiteral("Layer %1 · head %2")),
                 placeholders(QStringLiteral("層 %1 · ヘッド %2")));
        QVERIFY(placeholders(QStringLiteral("Layer %1 · head %2")) != placeholders(QStringLiteral("層 %1")));
        QVERIFY(placeholders(QStringLiteral("<b>A</b> %1")) != placeholders(QStringLiteral("A %1")));
        QVERIFY(placeholders(QStringLiteral("%1[*] — AttnLab")) !=
                placeholders(QStringLiteral("%1 — AttnLab")));
        QCOMPARE(accelerators(QStringLiteral("&File")), 1);
        QCOMPARE(accelerators(QStringLiteral("ファイル(&F)")), 1);
        QCOMPARE(accelerators(QStringLiteral("Salt && pepper")), 0);
        QCOMPARE(accelerators(QStringLiteral("File")), 0);
    }

    void scannerFindsStrings()
    {
        const QString code =
            QStringLiteral("menu->addMenu(tr(\"&File\"));\n"
                           "    // tr(\"commented out\")\n"
                           "label->setText(tr(\"Layer %1 \"\n"
                           "                  \"of %2\").arg(a, b));\n"
                           "QCoreApplication::translate(\"HeatmapView\", \"say \\\"key\\\"\");\n"
                           "{QT_TRANSLATE_NOOP(\"QObject\", \"Arcs\"), make()},\n"
                           "painter.translate(0, 1); attr(\"x\");\n");
        const QList<FoundString> found = scanSource(code, QStringLiteral("x.cpp"));
        QCOMPARE(found.size(), 4);
        QCOMPARE(found[0].text, QStringLiteral("&File"));
        QCOMPARE(found[0].location, QStringLiteral("x.cpp:1"));
        QCOMPARE(found[1].text, QStringLiteral("Layer %1 of %2"));
        QCOMPARE(found[1].location, QStringLiteral("x.cpp:3"));
        QCOMPARE(found[2].context, QStringLiteral("HeatmapView"));
        QCOMPARE(found[2].text, QStringLiteral("say \"key\""));
        QCOMPARE(found[3].context, QStringLiteral("QObject"));
        QCOMPARE(found[3].text, QStringLiteral("Arcs"));
    }

    // A string added to the code after the last update.sh has no entry yet, and would show in English.
    void everySourceStringHasAnEntry_data() { languages_data(); }
    void everySourceStringHasAnEntry()
    {
        QFETCH(QString, language);
        const TsFile ts = readTs(tsPath(language));
        QSet<QString> sources;
        QSet<QString> withContext;
        for (const TsMessage& m : ts.messages) {
            if (m.type == QLatin1String("obsolete") || m.type == QLatin1String("vanished")) continue;
            sources.insert(m.source);
            withContext.insert(m.context + QChar(0) + m.source);
        }
        const QList<FoundString> found = scanSourceTree();
        QVERIFY2(found.size() > 100,
                 "the scan found too few strings: is the source tree where this test expects it?");
        QStringList problems;
        for (const FoundString& s : found) {
            const bool known = s.context.isEmpty() ? sources.contains(s.text)
                                                   : withContext.contains(s.context + QChar(0) + s.text);
            if (!known)
                problems << QStringLiteral("%1: \"%2\" is not in attnlab_%3.ts: run "
                                           "resources/translations/update.sh and translate it")
                                .arg(s.location, s.text, language);
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void compiledTranslationsAreEmbedded_data() { languages_data(); }
    void compiledTranslationsAreEmbedded()
    {
        QFETCH(QString, language);
        QVERIFY(QFile::exists(QStringLiteral(":/i18n/attnlab_%1.qm").arg(language)));
    }

    void japaneseWindow()
    {
        QVERIFY(app::installLanguage(QStringLiteral("ja")));
        QCOMPARE(app::currentLanguage(), QStringLiteral("ja"));
        app::MainWindow window;
        QCOMPARE(fileMenuTitle(window), QStringLiteral("ファイル(&F)"));
        QCOMPARE(widgets::viewTitle(QStringLiteral("heatmap")), QStringLiteral("ヒートマップ"));
        QCOMPARE(window.layoutDirection(), Qt::LeftToRight);
    }

    void persianWindowIsRightToLeft()
    {
        QVERIFY(app::installLanguage(QStringLiteral("fa")));
        QCOMPARE(QGuiApplication::layoutDirection(), Qt::RightToLeft);
        app::MainWindow window;
        QCOMPARE(window.layoutDirection(), Qt::RightToLeft);
        QCOMPARE(fileMenuTitle(window), QStringLiteral("&پرونده"));
        // Titles are looked up when asked for, not kept from the first language of the process.
        QCOMPARE(widgets::viewTitle(QStringLiteral("heatmap")), QStringLiteral("نقشهٔ حرارتی"));
    }

    // Switching back removes the translators instead of leaving Persian under English.
    void englishAfterPersian()
    {
        QVERIFY(app::installLanguage(QStringLiteral("fa")));
        QVERIFY(app::installLanguage(QStringLiteral("en")));
        QCOMPARE(QGuiApplication::layoutDirection(), Qt::LeftToRight);
        app::MainWindow window;
        QCOMPARE(fileMenuTitle(window), QStringLiteral("&File"));
        QCOMPARE(widgets::viewTitle(QStringLiteral("heatmap")), QStringLiteral("Heatmap"));
        QVERIFY(!app::installLanguage(QStringLiteral("de")));
        QCOMPARE(app::currentLanguage(), QStringLiteral("en"));
    }
};

ATTNLAB_TEST_MAIN(TestTranslations)
} // namespace tst_translations
#include "tst_translations.moc"
