#!/usr/bin/env python3
"""AttnLab against PyTorch, side by side in one run, on the same checkpoint and the same tokens.

Each side is a whole process, timed from start to exit with its peak resident memory (wait4's ru_maxrss):
  AttnLab:  attnlab export --text TEXT --model DIR --max-tokens N --view heatmap --out FILE.png
            (tokenize, load, the forward with the full trace, top-5 at every position, one heatmap drawn and saved)
  PyTorch:  torch_forward.py DIR IDS OUT (load, the forward keeping every attention map, top-5 at every position,
            the same head's weights written out); its token ids are made beforehand, outside its time.
The two alternate, five runs each (--runs), and the medians are compared. Once per length, outside the timing,
the selected head's attention weights from `attnlab run --json` are compared with PyTorch's (max |Δ|).

  tests/bench/bench_vs_pytorch.py [--family gpt2|llama] [--tokens 256 1024] [--runs 5] [--build build]
                                  [--dir MODEL_DIR] [--outputs]
--family gpt2 uses the GPT-2-small-shaped checkpoint bench_gpt2 writes; llama the Llama-3.2-1B-shaped BF16 one
bench_llama writes. The tokenizer comes from ../shared/tokenizers (or $ATTNLAB_SHARED/tokenizers). --outputs also
times `run --json` (default selection) and `run --trace` at each length. Needs python3-torch; not a test.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

FAMILIES = {
    # family: (bench program that writes the checkpoint, its default folder, tokenizer folder, tokenizer files)
    "gpt2": ("bench_gpt2", "attnlab-bench-gpt2", "gpt2", ["vocab.json", "merges.txt", "tokenizer.json"]),
    "llama": ("bench_llama", "attnlab-bench-llama", "llama3", ["tokenizer.json", "tokenizer_config.json"]),
}

WORDS = ("the quick brown fox jumps over the lazy dog while a lecturer explains attention to the class and "
         "every student asks which word the pronoun it refers to in the sentence").split()


def measure(command):
    """Runs command; returns (seconds, peak RSS in MiB). Fails loudly when the command fails."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            sys.exit(f"{' '.join(command[:3])} … failed ({process.returncode}):\n{errors.read().decode()}")
    return seconds, usage.ru_maxrss / 1024.0


def shared_folder():
    return os.environ.get("ATTNLAB_SHARED") or os.path.join(os.path.dirname(REPO), "shared")


def prepare_model(args):
    program, folder_name, tokenizer, files = FAMILIES[args.family]
    folder = args.dir or os.path.join(tempfile.gettempdir(), folder_name)
    if not os.path.exists(os.path.join(folder, "model.safetensors")):
        print(f"writing the {args.family} benchmark checkpoint to {folder} …", file=sys.stderr)
        subprocess.run([os.path.join(args.build, "tests", "bench", program), "--dir", folder, "--write"], check=True)
    source = os.path.join(shared_folder(), "tokenizers", tokenizer)
    for name in files:
        if not os.path.exists(os.path.join(folder, name)):
            if not os.path.exists(os.path.join(source, name)):
                sys.exit(f"the {tokenizer} tokenizer is not in {source}: set ATTNLAB_SHARED")
            shutil.copy(os.path.join(source, name), folder)
    return folder


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--family", choices=sorted(FAMILIES), default="gpt2")
    parser.add_argument("--tokens", type=int, nargs="+", default=[256, 1024])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--build", default=os.path.join(REPO, "build"))
    parser.add_argument("--dir")
    parser.add_argument("--outputs", action="store_true")
    args = parser.parse_args()

    attnlab = os.path.join(args.build, "app", "attnlab")
    folder = prepare_model(args)
    threads = str(os.cpu_count())
    text = " ".join(WORDS[(i * 7 + i // 3) % len(WORDS)] for i in range(3 * max(args.tokens)))
    tokenized = subprocess.run([attnlab, "tokenize", "--tokenizer", folder, "--text", text, "--json", "-"],
                               check=True, capture_output=True, text=True)
    ids = json.loads(tokenized.stdout)["ids"]
    work = tempfile.mkdtemp(prefix="attnlab-vs-pytorch-")
    env_note = f"{os.cpu_count()} threads each; medians of {args.runs}"
    print(f"{args.family} checkpoint {folder}; {env_note}\n")
    print("| tokens | AttnLab | PyTorch | time ratio | AttnLab peak RSS | PyTorch peak RSS | max abs Δ of the weights |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    extra = []
    try:
        for n in args.tokens:
            if len(ids) < n:
                sys.exit(f"the text has {len(ids)} tokens, fewer than {n}")
            ids_file = os.path.join(work, f"ids{n}.txt")
            with open(ids_file, "w") as out:
                out.write(" ".join(str(i) for i in ids[:n]))
            ours = [attnlab, "export", "--text", text, "--model", folder, "--max-tokens", str(n), "--view", "heatmap",
                    "--out", os.path.join(work, "heatmap.png")]
            theirs = ["/usr/bin/python3", os.path.join(HERE, "torch_forward.py"), folder, ids_file,
                      os.path.join(work, "torch.bin"), "--threads", threads]

            # The same head from both, outside the timing: the last layer's first head (run's default selection).
            subprocess.run(theirs, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            reference = np.fromfile(os.path.join(work, "torch.bin"), dtype=np.float32).reshape(n, n)
            selected = subprocess.run([attnlab, "run", "--text", text, "--model", folder, "--max-tokens", str(n),
                                       "--json", "-"], check=True, capture_output=True, text=True)
            weights = np.array(json.loads(selected.stdout)["layers"][0]["heads"][0]["weights"], dtype=np.float64)
            delta = float(np.abs(weights - reference).max())

            times = {"a": [], "t": []}
            peaks = {"a": [], "t": []}
            for run in range(args.runs):
                order = [("a", ours), ("t", theirs)] if run % 2 == 0 else [("t", theirs), ("a", ours)]
                for side, command in order:
                    seconds, peak = measure(command)
                    times[side].append(seconds)
                    peaks[side].append(peak)
            a, t = statistics.median(times["a"]), statistics.median(times["t"])
            print(f"| {n} | {a:.2f} s | {t:.2f} s | {a / t:.2f} | {statistics.median(peaks['a']):.0f} MiB | "
                  f"{statistics.median(peaks['t']):.0f} MiB | {delta:.1e} |", flush=True)

            if args.outputs:
                json_file, trace_file = os.path.join(work, "run.json"), os.path.join(work, "run.safetensors")
                runs = {"json": [], "trace": []}
                for _ in range(args.runs):
                    runs["json"].append(measure([attnlab, "run", "--text", text, "--model", folder, "--max-tokens",
                                                 str(n), "--json", json_file]))
                    runs["trace"].append(measure([attnlab, "run", "--text", text, "--model", folder, "--max-tokens",
                                                  str(n), "--trace", trace_file]))
                for kind, path in (("json", json_file), ("trace", trace_file)):
                    seconds = statistics.median(s for s, _ in runs[kind])
                    peak = statistics.median(p for _, p in runs[kind])
                    size = os.path.getsize(path) / 1e6
                    extra.append(f"| {n} | `run --{kind}` | {seconds:.2f} s | {size:.1f} MB | {peak:.0f} MiB |")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if extra:
        print("\n| tokens | output | time | file | peak RSS |\n| ---: | --- | ---: | ---: | ---: |")
        print("\n".join(extra))


if __name__ == "__main__":
    main()
