// Times a GPT-2-small-shaped checkpoint end to end, as the app runs it: load (memory-mapped safetensors),
// forward pass with the full trace (all 144 attention maps, the residual stream, top-5 predictions at every
// position). The weights are random, written once by this program; the arithmetic is what matters.
//   build/tests/bench/bench_gpt2 [tokens=256 1024] [--dir DIR]   (--write: only write the checkpoint)
// Each token count runs in a fresh child process so that its peak RSS is its own (README "Performance").

#include "bench_checkpoint.h"
#include "gpt2_small_shape.h"

using namespace attnlab::model;
using namespace attnlab::bench;

int main(int argc, char* argv[])
{
    return benchMain(argc, argv,
                     {QStringLiteral("attnlab-bench-gpt2"), QStringLiteral("a GPT-2-small-shaped model"), writeGpt2SmallShape,
                      {256, 1024}, kVocab});
}
