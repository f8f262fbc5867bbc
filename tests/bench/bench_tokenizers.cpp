// Times loading the real tokenizers of ../shared/tokenizers (Tokenizer::load: reading tokenizer.json and
// tokenizer_config.json, building the vocabulary and merge tables) and encoding a long text with each.
//   build/tests/bench/bench_tokenizers [shared folder=ATTNLAB_SHARED or ../shared] [repeats=5]

#include "model/tokenizers/tokenizer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QString>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

using namespace attnlab::model;

int main(int argc, char** argv)
{
    QString shared = argc > 1 ? QString::fromLocal8Bit(argv[1]) : qEnvironmentVariable("ATTNLAB_SHARED");
    if (shared.isEmpty()) shared = QStringLiteral(ATTNLAB_SHARED_DIR);
    const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
    // About 9,000 characters of mixed text: words, code, numbers, accents, CJK, emoji.
    QString text;
    for (int i = 0; i < 150; ++i)
        text += QStringLiteral("The animal didn't cross the street because it was too tired. x = 3.14159; "
                               "Ünïcödé 得意なスポーツ 🙂 %1\n")
                    .arg(i);
    std::printf("%-18s %12s %14s %8s\n", "tokenizer", "load (ms)", "encode (ms)", "tokens");
    for (const char* name : {"gpt2", "bert-base-uncased", "llama3", "qwen3", "gemma3", "sp-bpe-32k"}) {
        const QString path = shared + QStringLiteral("/tokenizers/") + QLatin1String(name) + QStringLiteral("/tokenizer.json");
        if (!QFileInfo::exists(path)) {
            std::printf("%-18s absent (%s)\n", name, qPrintable(path));
            continue;
        }
        double bestLoad = 1e300, bestEncode = 1e300;
        size_t tokens = 0;
        for (int r = 0; r < repeats; ++r) {
            QElapsedTimer timer;
            timer.start();
            const auto t = Tokenizer::load(path);
            bestLoad = std::min(bestLoad, timer.nsecsElapsed() / 1e6);
            if (!t) {
                std::printf("%-18s %s\n", name, qPrintable(t.error()));
                return 1;
            }
            timer.restart();
            tokens = (*t)->encode(text).ids.size(); // a fresh tokenizer: nothing cached
            bestEncode = std::min(bestEncode, timer.nsecsElapsed() / 1e6);
        }
        std::printf("%-18s %12.1f %14.1f %8zu\n", name, bestLoad, bestEncode, tokens);
    }
    return 0;
}
