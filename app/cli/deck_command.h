#pragma once

// `attnlab export --lesson ID|FILE --deck --out lesson.pdf`: a lesson as a slide deck, one page per step and a
// question's answer on the page after it (app/lessons/lesson_deck.h).

#include <QStringList>

namespace attnlab::app {

// Whether export's arguments ask for a deck (--deck).
bool asksForDeck(const QStringList& arguments);

// export's arguments with --deck -> exit status (command_line.h ExitCode).
int runDeckExport(const QStringList& arguments);

} // namespace attnlab::app
