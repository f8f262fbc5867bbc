#include "app/window/language.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QTranslator>

#include <algorithm>

namespace attnlab::app {

namespace {

const QString kSettingsKey = QStringLiteral("ui/language");
const QString kEnglish = QStringLiteral("en");

// The translators of the last installLanguage(), so that the next call replaces them instead of stacking a
// second language under the first.
struct Installed {
    QPointer<QTranslator> app;
    QPointer<QTranslator> qt;
    QString code = kEnglish;
};

Installed& installed()
{
    static Installed state;
    return state;
}

void removeInstalled()
{
    Installed& state = installed();
    for (QPointer<QTranslator>* translator : {&state.app, &state.qt}) {
        if (*translator) {
            QCoreApplication::removeTranslator(*translator);
            delete translator->data();
        }
    }
    state.code = kEnglish;
}

// Restarting is how a new language takes effect: the menus, docks and panels set their texts once, when they
// are built, and dialogs added later would each need their own retranslation to stay consistent. The saved
// choice is applied by the new process; a one-off --lang would override it, so it is dropped. Closing the
// window first offers to save unsaved work, and cancelling that cancels the restart.
void offerRestart(QWidget* window, const QString& code)
{
    QMessageBox box(
        QMessageBox::Question, QCoreApplication::translate("Language", "Language"),
        QCoreApplication::translate("Language", "AttnLab will be in %1 from its next start. Restart now?")
            .arg(nativeLanguageName(code)),
        QMessageBox::NoButton, window);
    QPushButton* restart =
        box.addButton(QCoreApplication::translate("Language", "&Restart Now"), QMessageBox::AcceptRole);
    box.addButton(QCoreApplication::translate("Language", "&Later"), QMessageBox::RejectRole);
    box.setDefaultButton(restart);
    box.exec();
    if (box.clickedButton() != restart || !window->close()) return;
    QStringList arguments = QCoreApplication::arguments().mid(1);
    // Only the removal of --lang matters here: the new process applies the saved choice.
    (void)takeLanguageOption(arguments);
    QProcess::startDetached(QCoreApplication::applicationFilePath(), arguments);
}

} // namespace

QStringList supportedLanguages()
{
    return {QStringLiteral("en"), QStringLiteral("ja"), QStringLiteral("fa")};
}

QString nativeLanguageName(const QString& code)
{
    if (code == QLatin1String("ja")) return QStringLiteral("日本語");
    if (code == QLatin1String("fa")) return QStringLiteral("فارسی");
    return QStringLiteral("English");
}

QString chooseLanguage(const QString& requested, const QString& saved, const QStringList& uiLanguages)
{
    const QStringList supported = supportedLanguages();
    if (supported.contains(requested)) return requested;
    if (supported.contains(saved)) return saved;
    for (const QString& language : uiLanguages) {
        // "ja-JP", "fa_IR", "en-Latn-US": the language is the part before the first separator.
        const QString code = language.section(QRegularExpression(QStringLiteral("[-_]")), 0, 0).toLower();
        if (supported.contains(code)) return code;
    }
    return kEnglish;
}

model::Result<QString> takeLanguageOption(QStringList& arguments)
{
    const QString first = arguments.value(0);
    QString code;
    if (first == QLatin1String("--lang")) {
        code = arguments.value(1);
        arguments.remove(0, std::min<qsizetype>(2, arguments.size()));
    } else if (first.startsWith(QLatin1String("--lang="))) {
        code = first.mid(7);
        arguments.removeFirst();
    } else {
        return model::Result<QString>::success(QString());
    }
    if (!supportedLanguages().contains(code))
        return model::Result<QString>::failure(
            QStringLiteral("--lang \"%1\": expected en, ja or fa").arg(code));
    return model::Result<QString>::success(code);
}

QString savedLanguage()
{
    return QSettings().value(kSettingsKey).toString();
}

void saveLanguage(const QString& code)
{
    QSettings().setValue(kSettingsKey, code);
}

bool installLanguage(const QString& code)
{
    removeInstalled();
    QGuiApplication::setLayoutDirection(Qt::LeftToRight);
    if (code == kEnglish) return true;
    if (!supportedLanguages().contains(code)) return false;
    auto* app = new QTranslator(QCoreApplication::instance());
    if (!app->load(QStringLiteral(":/i18n/attnlab_%1.qm").arg(code))) {
        delete app;
        return false;
    }
    QCoreApplication::installTranslator(app);
    Installed& state = installed();
    state.app = app;
    state.code = code;
    // Qt's own dialogs (file chooser, message box buttons) come from qt6-translations-l10n when installed.
    auto* qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(QLocale(code), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        state.qt = qt;
    } else {
        delete qt;
    }
    if (code == QLatin1String("fa")) QGuiApplication::setLayoutDirection(Qt::RightToLeft);
    return true;
}

QString currentLanguage()
{
    return installed().code;
}

QMenu* createLanguageMenu(QWidget* window)
{
    auto* menu = new QMenu(QCoreApplication::translate("Language", "&Language"), window);
    auto* group = new QActionGroup(menu);
    for (const QString& code : supportedLanguages()) {
        QAction* action = menu->addAction(nativeLanguageName(code));
        action->setData(code);
        action->setCheckable(true);
        action->setChecked(code == currentLanguage());
        group->addAction(action);
        QObject::connect(action, &QAction::triggered, window, [window, code] {
            saveLanguage(code);
            if (code != currentLanguage()) offerRestart(window, code);
        });
    }
    return menu;
}

} // namespace attnlab::app
