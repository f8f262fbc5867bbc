#pragma once

// The user interface's language: English, Japanese or Persian (README "Translations"). The choice comes from
// `--lang`, else the one saved from View ▸ Language, else the system's preferred languages; Persian lays the
// window out right to left. Translations are compiled in as ":/i18n/attnlab_<code>.qm".

#include "model/core/result.h"

#include <QString>
#include <QStringList>

class QMenu;
class QWidget;

namespace attnlab::app {

// "en", "ja", "fa": the codes of --lang, of the settings and of the .qm files.
QStringList supportedLanguages();

// The language's own name ("日本語"), as the menu shows it: a user must find their language without reading
// the current one.
QString nativeLanguageName(const QString& code);

// requested (--lang) if supported, else saved (settings) if supported, else the first of the system's
// preferred languages (QLocale::uiLanguages(): "ja-JP", "fa_IR", "en-US", …) that is supported, else "en".
QString chooseLanguage(const QString& requested, const QString& saved, const QStringList& uiLanguages);

// Removes a leading `--lang CODE` or `--lang=CODE` from the GUI's arguments and returns CODE ("" when
// absent). Only the first argument is looked at, so `attnlab lessons --lang ja` keeps its own option. An
// unsupported or missing CODE is a usage error.
model::Result<QString> takeLanguageOption(QStringList& arguments);

// The choice saved by View ▸ Language ("" when none). Needs the application's organisation and name set.
QString savedLanguage();
void saveLanguage(const QString& code);

// Installs the application's (and, when the system has them, Qt's own) translators for code, replacing those
// of an earlier call, and sets the layout direction. Returns false when code has no compiled-in translation
// ("en" needs none and returns true).
bool installLanguage(const QString& code);
// The language of the last installLanguage() ("en" before any).
QString currentLanguage();

// View ▸ Language: one checkable action per language. Choosing another saves it and offers to restart, since
// the window's texts are built once, when it is created.
QMenu* createLanguageMenu(QWidget* window);

} // namespace attnlab::app
