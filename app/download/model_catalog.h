#pragma once

// Where the models a user can pick come from: the ones opened recently (kept in QSettings) and the ones
// already in the Hugging Face cache, so that a lecturer who once ran `huggingface-cli download gpt2` finds
// GPT-2 in the model list without browsing for it.

#include <QString>
#include <QStringList>

#include <vector>

namespace attnlab::app {

struct ModelEntry {
    QString title; // "gpt2", "openai-community/gpt2"
    QString path;  // a folder with config.json, or a llama2.c .bin
};

// The Hugging Face hub cache: $HF_HUB_CACHE, else $HF_HOME/hub, else ~/.cache/huggingface/hub.
QString huggingFaceCacheDir();

// cacheDir -> one entry per models--ORG--NAME that has a snapshot with config.json and weights
// (model.safetensors or its index): the snapshot refs/main points to, else the most recent one.
// Titles are "ORG/NAME" (or "NAME" for models without an organisation), sorted.
std::vector<ModelEntry> huggingFaceCacheModels(const QString& cacheDir = huggingFaceCacheDir());

// Recently opened models, most recent first, at most kMaxRecentModels; paths that no longer exist are
// left out.
inline constexpr int kMaxRecentModels = 8;
QStringList recentModels();
void addRecentModel(const QString& path);

// A checkpoint AttnLab opens: a folder with config.json and model.safetensors (or its index), or a llama2.c
// .bin (any .bin but llama2.c's vocabularies, tok*.bin and tokenizer.bin).
bool isModelPath(const QString& path);

// A folder of models (`../shared/models`, a course's folder) -> the models in it: the folder itself when it is
// one, each subfolder that is one, and the llama2.c .bin files in them or in their subfolders (a model's
// `llama2c/` beside its safetensors). Titles are the folder names ("gpt-nano-sort"), a .bin's base name with
// "(llama2.c)"; sorted by title. At most kMaxFolderEntries subfolders are looked into: a home folder added by
// mistake is not crawled.
inline constexpr int kMaxFolderEntries = 256;
std::vector<ModelEntry> modelsInFolder(const QString& folder);

// The folders whose models the model list shows: the ones added (File ▸ Add Models Folder…), then the folder
// around each recent model, so that opening one of a course's models lists the others beside it.
QStringList modelFolders();
void addModelFolder(const QString& folder);

// "gpt2" for …/models--gpt2/snapshots/abc…, the folder name for other folders, the base name for a .bin.
QString modelTitle(const QString& path);

} // namespace attnlab::app
