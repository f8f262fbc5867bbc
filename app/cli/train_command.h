#pragma once

// `attnlab train`: the training lab on the command line (model/training/training_run.h). Trains a small GPT on a
// built-in task (or a fixed batch, --data), prints a progress line on standard error, and writes a Hugging Face
// GPT-2 folder that is also a resumable checkpoint (--resume). Ctrl+C stops after the step in progress and saves.

#include <QStringList>

namespace attnlab::app {

// argv after "train" -> exit status: 0 trained (or stopped by Ctrl+C) and saved; 1 with one "error: …" line for
// a bad value, a task file that cannot be used, a loss that is not finite (the last good weights are saved) or a
// save that failed; 2 for bad usage.
int runTrain(const QStringList& arguments);

} // namespace attnlab::app
