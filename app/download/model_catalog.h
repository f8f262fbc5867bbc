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

// "gpt2" for …/models--gpt2/snapshots/abc…, the folder name for other folders, the base name for a .bin.
QString modelTitle(const QString& path);

} // namespace attnlab::app
