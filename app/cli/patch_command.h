#pragma once

// `attnlab patch`: activation patching between a clean and a corrupted input of the same token count
// (model/analysis/activation_patching.h) on a trained model: how much of the clean prediction each head, each
// stream entering a layer and each MLP output brings back into the corrupted run, as JSON and as a figure.

#include <QStringList>

namespace attnlab::app {

// argv after "patch" -> exit status: 0 written; 1 with one "error: …" line for bad input (a model that cannot be
// loaded or predicts nothing, inputs of different token counts, a target the tokenizer splits, a file that
// cannot be written); 2 for bad usage.
int runPatch(const QStringList& arguments);

} // namespace attnlab::app
