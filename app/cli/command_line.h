#pragma once

// The command line of docs/ARCHITECTURE.md, "Command line": `attnlab` alone starts the GUI; `attnlab run …` computes headlessly.
// Exit status 0 on success, 1 with one "error: …" line on standard error for bad input, 2 for bad usage.

#include <QStringList>

#include <optional>

namespace attnlab::app {

enum ExitCode { ExitOk = 0, ExitBadInput = 1, ExitUsage = 2 };

// argv (without the program name) of a subcommand -> exit status. Needs a Q(Core)Application.
int runCommand(const QStringList& arguments);

// Whether argv names a subcommand (run, help, --help, --version) rather than starting the GUI.
bool isCommand(const QStringList& arguments);

// main(): the GUI, or a subcommand under a QCoreApplication.
int runMain(int argc, char* argv[]);

// For the subcommands: prints "error: message" on standard error, then the subcommand's usage text when code
// is ExitUsage; returns code.
int fail(const char* usage, const QString& message, int code = ExitBadInput);

// The value of "--name V" or "--name=V" in raw arguments, if given (before a parser sees them).
std::optional<QString> rawOption(const QStringList& arguments, const QString& name);

} // namespace attnlab::app
