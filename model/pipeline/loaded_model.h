#pragma once

// A checkpoint with the tokenizer that goes with it, loaded once and shared (read-only) between the GUI,
// the trace worker and the command line.

#include "model/checkpoints/language_model.h"
#include "model/tokenizers/tokenizer.h"

#include <QString>

#include <memory>

namespace attnlab::model {

struct LoadedModel {
    std::shared_ptr<const model::LanguageModel> model;
    std::shared_ptr<const model::Tokenizer> tokenizer;
    QString tokenizerPath;
};

// The tokenizer that belongs to a checkpoint: the folder itself (tokenizer.json, vocab.json + merges.txt,
// vocab.txt), or for a llama2.c .bin the tokenizer.bin (or tok*.bin) beside it. "" when there is none.
QString tokenizerBeside(const QString& modelPath);

// modelPath (folder or .bin), tokenizerPath ("" = the one beside the model) -> both loaded, or the first
// error. (An id beyond the model's vocabulary is reported when the model runs.)
model::Result<LoadedModel> loadModel(const QString& modelPath, const QString& tokenizerPath = {});

// The tokens of ids as a reader sees them (" animal", " it").
QStringList displayTokens(const model::Tokenizer& tokenizer, const std::vector<int>& ids);

} // namespace attnlab::model
