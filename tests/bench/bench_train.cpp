// Times one training step of the lab's GPT (model/training/gpt_trainer.h, the step the Train window and `attnlab
// train` run): forward and backward in parallel over shares of the batch, gradient clipping and AdamW, on
// random tokens (speed does not depend on the data), as ../shared/training-reference/torch_train_bench.py times
// the same step in PyTorch. Prints one JSON line with the same fields, so that the two compare line by line;
// tests/bench/bench_train_vs_pytorch.py runs both side by side.
//   build/tests/bench/bench_train [--layers 2 --heads 4 --d-model 128 --vocab 64 --context 64 --batch 16
//                                  --steps 50 --threads 2 --attention-only]

#include "model/core/random.h"
#include "model/training/adamw.h"
#include "model/training/gpt_trainer.h"

#include <Eigen/Core>
#include <omp.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

using namespace attnlab::model;

int main(int argc, char** argv)
{
    GptShape shape;
    shape.layers = 2;
    shape.heads = 4;
    shape.dModel = 128;
    shape.vocab = 64;
    shape.context = 64;
    int batch = 16, steps = 50, threads = 2;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() { return i + 1 < argc ? std::atoi(argv[++i]) : 0; };
        if (a == "--layers") shape.layers = next();
        else if (a == "--heads") shape.heads = next();
        else if (a == "--d-model") shape.dModel = next();
        else if (a == "--vocab") shape.vocab = next();
        else if (a == "--context") shape.context = next();
        else if (a == "--batch") batch = next();
        else if (a == "--steps") steps = next();
        else if (a == "--threads") threads = next();
        else if (a == "--attention-only") shape.attentionOnly = true;
        else {
            std::fprintf(stderr, "usage: bench_train [--layers L --heads H --d-model D --vocab V --context T "
                                 "--batch B --steps S --threads N --attention-only]\n");
            return 2;
        }
    }
    if (const auto ok = checkShape(shape); !ok) {
        std::fprintf(stderr, "error: %s\n", qPrintable(ok.error()));
        return 1;
    }
    omp_set_num_threads(threads);
    Eigen::setNbThreads(threads);

    const int T = shape.context;
    GptTrainer model(shape, batch, T);
    initializeParameters(model.layout(), 0, model.parameters());
    AdamWMoments<float> moments;
    TrainingSettings settings;
    SeededRandom random(0);
    std::vector<int> data(std::size_t(batch) * (T + 1));
    for (int& id : data)
        id = int(random.below(std::uint32_t(shape.vocab)));
    TrainingBatch tokens;
    tokens.batch = batch;
    tokens.length = T;
    for (int b = 0; b < batch; ++b)
        for (int t = 0; t < T; ++t) {
            tokens.inputs.push_back(data[std::size_t(b * (T + 1) + t)]);
            tokens.targets.push_back(data[std::size_t(b * (T + 1) + t + 1)]);
        }
    double loss = 0;
    int taken = 0;
    auto step = [&] {
        loss = model.trainStep(tokens).loss;
        clipGradientNorm(model.gradients(), 1.0);
        ++taken;
        adamWStep(model.layout(), model.parameters(), model.gradients(), moments, taken, 1e-3, settings);
    };
    for (int i = 0; i < 3; ++i)
        step();
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < steps; ++i)
        step();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("{\"framework\": \"attnlab\", \"threads\": %d, \"layers\": %d, \"heads\": %d, \"d_model\": %d, "
                "\"vocab\": %d, \"context\": %d, \"batch\": %d, \"steps\": %d, \"attention_only\": %s, "
                "\"seconds\": %.3f, \"tokens_per_second\": %.1f, \"last_loss\": %.4f}\n",
                threads, shape.layers, shape.heads, shape.dModel, shape.vocab, T, batch, steps,
                shape.attentionOnly ? "true" : "false", seconds, double(steps) * batch * T / seconds, loss);
    return 0;
}
