#pragma once

// The command line of docs/ARCHITECTURE.md, "Command line": `attnlab` alone starts the GUI; `attnlab run …` computes headlessly.
// Exit status 0 on success, 1 with one "error: …" line on standard error for bad input, 2 for bad usage.

#include <QStringList>

namespace attnlab::app {

enum ExitCode { ExitOk = 0, ExitBadInput = 1, ExitUsage = 2 };

// argv (without the program name) of a subcommand -> exit status. Needs a Q(Core)Application.
int runCommand(const QStringList& arguments);

// Whether argv names a subcommand (run, help, --help, --version) rather than starting the GUI.
bool isCommand(const QStringList& arguments);

// main(): the GUI, or a subcommand under a QCoreApplication.
int runMain(int argc, char* argv[]);

} // namespace attnlab::app
