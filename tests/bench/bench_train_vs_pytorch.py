#!/usr/bin/env python3
"""AttnLab's training step against PyTorch's, side by side in one run, on the same model shapes.

Each side is its own process timing the same training step (forward, backward, global-norm clipping at 1.0, AdamW)
on random tokens after 3 warm-up steps, and printing one JSON line with tokens per second:
  AttnLab:  build/tests/bench/bench_train --layers L --heads H --d-model D --context T --batch B --steps S --threads N
  PyTorch:  ../shared/training-reference/torch_train_bench.py (the same flags; float32 on the CPU)
The two alternate, --runs times each, and the medians are compared. Needs Debian's python3-torch (run with
/usr/bin/python3 when another Python comes first on PATH); not a test.

  tests/bench/bench_train_vs_pytorch.py [--runs 3] [--threads 2] [--build build]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SHARED = os.environ.get("ATTNLAB_SHARED", os.path.join(os.path.dirname(ROOT), "shared"))

# The two shapes: (layers, heads, d_model, context, batch, steps)
CONFIGS = [(2, 4, 128, 64, 16, 50), (4, 8, 256, 128, 8, 20)]


def run(command):
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])["tokens_per_second"]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--build", default=os.path.join(ROOT, "build"))
    a = p.parse_args()
    torch_script = os.path.join(SHARED, "training-reference", "torch_train_bench.py")
    bench = os.path.join(a.build, "tests", "bench", "bench_train")
    print(f"{'shape':<34} {'AttnLab tokens/s':>17} {'PyTorch tokens/s':>17} {'ratio':>7}")
    for layers, heads, d, t, b, steps in CONFIGS:
        flags = ["--layers", str(layers), "--heads", str(heads), "--d-model", str(d), "--context", str(t),
                 "--batch", str(b), "--steps", str(steps), "--threads", str(a.threads)]
        ours, theirs = [], []
        for _ in range(a.runs):
            ours.append(run([bench] + flags))
            theirs.append(run([sys.executable, torch_script] + flags))
        mine, torch = statistics.median(ours), statistics.median(theirs)
        shape = f"{layers}L x {heads}H, d {d}, T {t}, B {b}"
        print(f"{shape:<34} {mine:>17,.0f} {torch:>17,.0f} {mine / torch:>6.2f}x", flush=True)


if __name__ == "__main__":
    main()
