#pragma once

// Checkpoints of karpathy/llama2.c in the format run.c reads (the "legacy" export): a header of 7 int32
//   dim, hidden_dim, n_layers, n_heads, n_kv_heads, vocab_size, seq_len
// (vocab_size negative: the classifier is a separate matrix, not the token embedding), then float32 arrays
// in this order, each matrix in the torch Linear (out, in) layout:
//   token_embedding_table (vocab, dim), rms_att_weight (layers, dim), wq (layers, dim, dim),
//   wk (layers, kv_dim, dim), wv (layers, kv_dim, dim), wo (layers, dim, dim), rms_ffn_weight (layers, dim),
//   w1 (layers, hidden, dim), w2 (layers, dim, hidden), w3 (layers, hidden, dim), rms_final_weight (dim),
//   freq_cis_real and freq_cis_imag (seq_len, head_size/2) each (unused: RoPE is recomputed),
//   wcls (vocab, dim) only when vocab_size is negative.
// kv_dim = n_kv_heads · dim / n_heads. Little-endian, no padding; the file must be exactly that long.
// The weights run as a LlamaModel with llama2.c's interleaved RoPE (pairs 2i, 2i+1), RMSNorm eps 1e-5,
// RoPE base 10000 and SwiGLU (w1 = gate, w3 = up, w2 = down), as run.c computes.

#include "model/checkpoints/llama_model.h"

#include <QString>

#include <memory>

namespace attnlab::model {

// path of a .bin -> the model, or an error naming the file and the problem: a header value out of range,
// dim not divisible by n_heads, n_heads not divisible by n_kv_heads, an odd head size, a file size other
// than the header implies, NaN or infinite weights, or a versioned ("ak42") export, which run.c cannot read.
Result<std::shared_ptr<LlamaModel>> loadLlama2cCheckpoint(const QString& path);

// The tokenizer run.c would be given for a checkpoint: tokenizer.bin in the checkpoint's folder, else the
// first tok*.bin there in name order (tok512.bin beside a model trained with a custom vocabulary); "" when
// the folder has neither.
QString llama2cTokenizerBeside(const QString& binPath);

} // namespace attnlab::model
