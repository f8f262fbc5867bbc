#pragma once

// What `attnlab download NAME` fetches and where it goes: the teaching models AttnLab knows by name, any
// "ORG/NAME" Hub repository, the Hub endpoint, and the Hugging Face cache layout
//   cacheDir/models--ORG--NAME/snapshots/<revision>/<file>,  cacheDir/models--ORG--NAME/refs/main
// so that model_catalog.h finds a download afterwards and huggingface_hub shares it.

#include "model/core/result.h"

#include <QString>
#include <QStringList>
#include <QUrl>

namespace attnlab::app {

struct DownloadSource {
    QString repo;           // "openai-community/gpt2"
    QStringList required;   // a 404 fails the download
    QStringList optional;   // a 404 is skipped (older tokenizer files)
};

// The short names of the known models, in the order the help lists them: gpt2, distilgpt2, bert-base-uncased,
// distilbert-base-uncased, roberta-base, pythia-70m, smollm2-135m, qwen2.5-0.5b, llama-3.2-1b, gemma-3-1b.
QStringList knownDownloadNames();

// "gpt2", "openai-community/gpt2" or any "ORG/NAME" -> what to fetch, or an error that lists the known
// names (unknown short name) or says what a repository id may contain.
model::Result<DownloadSource> resolveDownloadSource(const QString& name);

// A revision (branch, tag or commit) that is safe as a folder name: letters, digits, '.', '_', '-', and
// not "." or "..". Anything else (e.g. "refs/pr/1") -> an error naming it.
model::Result<QString> checkRevision(const QString& revision);

// The Hub: `endpoint` when given, else $HF_ENDPOINT, else https://huggingface.co; no trailing '/'.
QString hubEndpoint(const QString& endpoint = {});

// {endpoint}/{repo}/resolve/{revision}/{file}
QUrl resolveUrl(const QString& endpoint, const QString& repo, const QString& revision, const QString& file);

// cacheDir/models--ORG--NAME and cacheDir/models--ORG--NAME/snapshots/<revision>.
QString repoCacheDir(const QString& cacheDir, const QString& repo);
QString snapshotDir(const QString& cacheDir, const QString& repo, const QString& revision);

// A downloaded snapshot folder -> "" when config.json parses, model.safetensors opens and the tokenizer
// (when there is one) loads; else the first problem, naming the file. A file that fails is deleted, so a
// later download fetches it again and the catalogue never offers a broken model. Reads files only: safe
// on a worker thread.
QString validateSnapshot(const QString& snapshotPath);

} // namespace attnlab::app
