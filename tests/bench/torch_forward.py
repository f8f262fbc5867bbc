#!/usr/bin/env python3
"""The reference side of bench_vs_pytorch.py: PyTorch doing what `attnlab export` does with a checkpoint.

Loads config.json + model.safetensors (memory-mapped, F32 or BF16, no copy of F32 weights), runs the forward pass
keeping every attention map [T, T] of every layer and head (as `output_attentions=True` does), takes the top-5
next-token predictions at every position, and writes the selected head's map as raw float32 (the figure's data).
Families: gpt2 (Conv1D layout, learned positions, LayerNorm, GELU-tanh) and llama (RMSNorm, RoPE with llama3
scaling, grouped-query attention, SwiGLU), written from the equations of Hugging Face's modeling files.

  torch_forward.py MODEL_DIR IDS_FILE OUT_FILE [--threads N] [--layer L --head H]   (IDS_FILE: whitespace ids)

It needs only torch (python3-torch): a benchmark's reference, never a build or test dependency.
"""
import json
import math
import mmap
import struct
import sys

import torch

DTYPES = {"F32": torch.float32, "BF16": torch.bfloat16, "F16": torch.float16}


def load_safetensors(path):
    """name -> tensor viewing the mapped file (F32 is used in place, as AttnLab does)."""
    f = open(path, "rb")
    mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_COPY)  # private: writable for torch, copied only if written
    (length,) = struct.unpack("<Q", mapped[:8])
    header = json.loads(mapped[8:8 + length])
    base = 8 + length
    tensors = {}
    buffer = memoryview(mapped)
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        dtype = DTYPES[info["dtype"]]
        count = math.prod(info["shape"]) if info["shape"] else 1
        t = torch.frombuffer(buffer[base + begin:base + end], dtype=dtype, count=count)
        tensors[name] = t.view(info["shape"])
    return tensors, (f, mapped)


def gpt2_forward(cfg, w, ids):
    T = ids.numel()
    d, H = cfg["n_embd"], cfg["n_head"]
    dh = d // H
    eps = cfg.get("layer_norm_epsilon", 1e-5)
    x = w["wte.weight"][ids] + w["wpe.weight"][:T]
    causal = torch.ones(T, T, dtype=torch.bool).tril()
    attentions = []
    for l in range(cfg["n_layer"]):
        p = f"h.{l}."
        a = torch.nn.functional.layer_norm(x, (d,), w[p + "ln_1.weight"], w[p + "ln_1.bias"], eps)
        qkv = torch.addmm(w[p + "attn.c_attn.bias"], a, w[p + "attn.c_attn.weight"])  # (T, 3d)
        q, k, v = qkv.split(d, dim=1)
        q, k, v = (t.view(T, H, dh).transpose(0, 1) for t in (q, k, v))  # (H, T, dh)
        scores = (q @ k.transpose(1, 2)) / math.sqrt(dh)
        weights = torch.softmax(scores.masked_fill(~causal, float("-inf")), dim=-1)  # (H, T, T)
        attentions.append(weights)
        out = (weights @ v).transpose(0, 1).reshape(T, d)
        x = x + torch.addmm(w[p + "attn.c_proj.bias"], out, w[p + "attn.c_proj.weight"])
        b = torch.nn.functional.layer_norm(x, (d,), w[p + "ln_2.weight"], w[p + "ln_2.bias"], eps)
        h = torch.nn.functional.gelu(torch.addmm(w[p + "mlp.c_fc.bias"], b, w[p + "mlp.c_fc.weight"]),
                                     approximate="tanh")
        x = x + torch.addmm(w[p + "mlp.c_proj.bias"], h, w[p + "mlp.c_proj.weight"])
    f = torch.nn.functional.layer_norm(x, (d,), w["ln_f.weight"], w["ln_f.bias"], eps)
    return attentions, f @ w["wte.weight"].t()


def llama_inverse_frequencies(cfg, dh):
    base = cfg.get("rope_theta", 10000.0)
    inv = 1.0 / (base ** (torch.arange(0, dh, 2, dtype=torch.float64) / dh))
    s = cfg.get("rope_scaling") or {}
    if s.get("rope_type", s.get("type")) == "llama3":
        factor, low, high = s["factor"], s["low_freq_factor"], s["high_freq_factor"]
        old = s["original_max_position_embeddings"]
        wavelen = 2 * math.pi / inv
        scaled = torch.where(wavelen > old / low, inv / factor, inv)
        smooth = (old / wavelen - low) / (high - low)
        smoothed = (1 - smooth) * scaled / factor + smooth * scaled
        medium = (wavelen >= old / high) & (wavelen <= old / low)
        inv = torch.where(medium, smoothed, scaled)
    return inv


def rotate(x, cos, sin):  # x (H, T, dh), rotate_half as Hugging Face's Llama does
    half = x.shape[-1] // 2
    rotated = torch.cat((-x[..., half:], x[..., :half]), dim=-1)
    return x * cos + rotated * sin


def llama_forward(cfg, w, ids):
    T = ids.numel()
    d, H = cfg["hidden_size"], cfg["num_attention_heads"]
    KV = cfg.get("num_key_value_heads", H)
    dh = cfg.get("head_dim") or d // H
    eps = cfg.get("rms_norm_eps", 1e-6)
    f32 = torch.float32

    def weight(name):  # a BF16 weight is converted as it is used, one layer at a time
        return w[name].to(f32)

    def rms(x, g):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps) * weight(g)

    angles = torch.outer(torch.arange(T, dtype=torch.float64), llama_inverse_frequencies(cfg, dh))
    emb = torch.cat((angles, angles), dim=-1)
    cos, sin = emb.cos().to(f32), emb.sin().to(f32)
    causal = torch.ones(T, T, dtype=torch.bool).tril()
    x = weight("model.embed_tokens.weight")[ids] if w["model.embed_tokens.weight"].dtype == f32 \
        else w["model.embed_tokens.weight"][ids].to(f32)
    attentions = []
    for l in range(cfg["num_hidden_layers"]):
        p = f"model.layers.{l}."
        a = rms(x, p + "input_layernorm.weight")
        q = (a @ weight(p + "self_attn.q_proj.weight").t()).view(T, H, dh).transpose(0, 1)
        k = (a @ weight(p + "self_attn.k_proj.weight").t()).view(T, KV, dh).transpose(0, 1)
        v = (a @ weight(p + "self_attn.v_proj.weight").t()).view(T, KV, dh).transpose(0, 1)
        q, k = rotate(q, cos, sin), rotate(k, cos, sin)
        k, v = k.repeat_interleave(H // KV, dim=0), v.repeat_interleave(H // KV, dim=0)
        scores = (q @ k.transpose(1, 2)) / math.sqrt(dh)
        weights = torch.softmax(scores.masked_fill(~causal, float("-inf")), dim=-1)
        attentions.append(weights)
        out = (weights @ v).transpose(0, 1).reshape(T, H * dh)
        x = x + out @ weight(p + "self_attn.o_proj.weight").t()
        b = rms(x, p + "post_attention_layernorm.weight")
        gate = torch.nn.functional.silu(b @ weight(p + "mlp.gate_proj.weight").t())
        x = x + (gate * (b @ weight(p + "mlp.up_proj.weight").t())) @ weight(p + "mlp.down_proj.weight").t()
    f = rms(x, "model.norm.weight")
    head = w.get("lm_head.weight", w["model.embed_tokens.weight"])
    logits = f @ head.t() if head.dtype == f32 else (f.to(head.dtype) @ head.t()).to(f32)
    return attentions, logits


def main():
    args = sys.argv[1:]
    threads, layer, head = None, None, 1
    for flag in ("--threads", "--layer", "--head"):
        if flag in args:
            i = args.index(flag)
            value = int(args[i + 1])
            del args[i:i + 2]
            if flag == "--threads":
                threads = value
            elif flag == "--layer":
                layer = value
            else:
                head = value
    folder, ids_file, out_file = args
    if threads:
        torch.set_num_threads(threads)
    cfg = json.load(open(folder + "/config.json"))
    w, keep_mapped = load_safetensors(folder + "/model.safetensors")
    ids = torch.tensor([int(t) for t in open(ids_file).read().split()], dtype=torch.long)
    with torch.inference_mode():
        forward = gpt2_forward if cfg["model_type"] == "gpt2" else llama_forward
        attentions, logits = forward(cfg, w, ids)
        # top-5 at every position with their probabilities: exp(logit − logsumexp), without a (T, vocab) softmax
        top = logits.topk(5, dim=-1)
        probabilities = (top.values - torch.logsumexp(logits, dim=-1, keepdim=True)).exp()
        assert probabilities.shape == (ids.numel(), 5)
        selected = attentions[(layer or len(attentions)) - 1][head - 1].contiguous()
        with open(out_file, "wb") as out:
            out.write(selected.numpy().tobytes())
    del keep_mapped


if __name__ == "__main__":
    main()
