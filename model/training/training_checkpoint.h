#pragma once

// A trained GPT on disk. Two kinds of folder:
//
// - A Hugging Face GPT-2 folder (saveGpt2Folder): config.json (GPT2LMHeadModel), model.safetensors (F32, the
//   names of ParameterLayout, i.e. Hugging Face's without the "transformer." prefix, Conv1D (in, out) layout,
//   no lm_head: it is tied to wte) and tokenizer.json. AttnLab's Model list opens it like any checkpoint, and
//   transformers' GPT2LMHeadModel.from_pretrained loads it unchanged. An attention-only model has no ln_2 and
//   no MLP; GPT2LMHeadModel has both in every block, so they are saved as ln_2 γ = 1, β = 0 and MLP weights
//   and biases 0: the MLP then adds c_proj(GELU(0 · x + 0)) = 0 exactly, and the saved model computes the
//   same function. config.json says "attnlab_attention_only": true, so that the lab reloads it without them.
//
// - A training checkpoint (saveTrainingCheckpoint): the same folder plus training_state.safetensors (AdamW's
//   moments, "exp_avg.<tensor name>" and "exp_avg_sq.<tensor name>", F32) and training.json (the step, every
//   hyper-parameter, the task, the shape and the data stream's random state; doubles also as their IEEE-754
//   bits in hex, so that every value comes back bit for bit, and the SHA-256 of every other file of the
//   checkpoint, so that a file replaced afterwards, or by a save that was interrupted, is not resumed with
//   moments that belong to other weights).
//
// Every save writes all its files whole or not at all (atomic_file.h's writeFilesAtomically): each goes to a
// temporary file beside its target first, and only when all are complete do they replace their targets, one
// rename after another. A full disk or a folder that cannot be written leaves the previous files as they were,
// and the error names the file and the system's reason. A process killed between two of those renames leaves
// some files new and some old: training.json is renamed last, so it still describes the previous save, and
// loadTrainingCheckpoint finds the first file whose SHA-256 differs and refuses to resume. (A plain GPT-2
// folder has no such record; its config.json only changes with the shape, which the model reader checks
// against model.safetensors' tensors.)

#include "model/core/result.h"
#include "model/training/gpt_parameters.h"
#include "model/training/training_state.h"

#include <QByteArray>
#include <QString>

namespace attnlab::model {

inline constexpr const char* kGpt2ConfigFile = "config.json";
inline constexpr const char* kGpt2WeightsFile = "model.safetensors";
inline constexpr const char* kTokenizerFile = "tokenizer.json";
inline constexpr const char* kTrainingStateFile = "training_state.safetensors";
inline constexpr const char* kTrainingJsonFile = "training.json";
// The prefixes of the AdamW moments' tensor names in training_state.safetensors (PyTorch's state keys).
inline constexpr const char* kFirstMomentPrefix = "exp_avg.";
inline constexpr const char* kSecondMomentPrefix = "exp_avg_sq.";

// A GPT read from a GPT-2 folder.
struct LoadedGpt {
    GptShape shape;                    // context = n_positions; attentionOnly from "attnlab_attention_only"
    ParameterBuffer<float> parameters; // ParameterLayout(shape)'s buffer, padding 0
    QByteArray tokenizerJson;          // the folder's tokenizer.json; empty when it has none
};

// config.json of a GPT-2 of this shape, as saveGpt2Folder writes it.
QByteArray gpt2ConfigJson(const GptShape& shape);

// model.safetensors as saveGpt2Folder writes it: every tensor of GPT2LMHeadModel (attention-only models: ln_2
// and the MLP as the identity and zeros) in F32, with the metadata {"format": "pt"} that transformers
// expects.
QByteArray gpt2Safetensors(const ParameterLayout& layout, const ParameterBuffer<float>& params);

// dir (created when missing), the parameters in layout's buffer, a tokenizer.json (empty: none is written) ->
// config.json, model.safetensors and tokenizer.json in dir, all or none; or "cannot write FILE: REASON (no
// file was changed)".
Result<void> saveGpt2Folder(const QString& dir, const ParameterLayout& layout,
                            const ParameterBuffer<float>& params, const QByteArray& tokenizerJson);

// A GPT-2 folder (config.json + model.safetensors, as saveGpt2Folder or transformers writes it; F32, F16 or
// BF16; names with or without "transformer.") -> its shape and parameters; or one error naming the file: not
// a GPT-2 (model_type), an architecture the lab's GPT does not compute (activation other than gelu_new,
// n_inner ≠ 4·n_embd, untied output, layer_norm_epsilon ≠ 1e-5), a size over the lab's limits (checkShape's
// message), a missing tensor or one of the wrong shape, NaN or infinity, or an attention-only model whose MLP
// is not zero.
Result<LoadedGpt> loadGpt2Folder(const QString& dir);

// Whether dir holds a training checkpoint (its training.json), not only a model.
bool isTrainingCheckpoint(const QString& dir);

// training.json for state, with the SHA-256 (hex) of the model.safetensors and training_state.safetensors it
// goes with, and of its config.json and tokenizer.json (left out when empty: no such file).
QByteArray trainingJson(const TrainingState& state, const QByteArray& modelSha256,
                        const QByteArray& stateSha256, const QByteArray& configSha256 = {},
                        const QByteArray& tokenizerSha256 = {});

// The GPT-2 folder of state's parameters plus training_state.safetensors and training.json, all five files or
// none. state's buffers must have ParameterLayout(state.shape)'s size; others are refused with a message.
Result<void> saveTrainingCheckpoint(const QString& dir, const TrainingState& state,
                                    const QByteArray& tokenizerJson);

// A folder saveTrainingCheckpoint wrote -> the state, every value as saved; or one error naming the file: a
// plain GPT-2 folder ("… has no training.json: it is a model without training state …"), training.json
// malformed or missing a field, a file changed since training.json was written (by hand, another save, or a
// save interrupted between its renames: the file's SHA-256 differs from the one training.json keeps; files of
// checkpoints written before config.json and tokenizer.json had theirs are not checked), a shape that differs
// from config.json's, a missing or misshapen moment.
Result<TrainingState> loadTrainingCheckpoint(const QString& dir);

} // namespace attnlab::model
