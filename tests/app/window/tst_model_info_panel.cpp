// Tests app/window/model_info_panel.cpp: the rows it shows for a checkpoint say what sets its family apart —
// gemma3's sliding layers, second RoPE base, score scale and additions; Qwen2's biases; Mistral's window on every
// layer; plain Llama with none of these rows — written out by hand from the tiny models' configs.

#include "app/window/model_info_panel.h"
#include "model/checkpoints/language_model.h"
#include "model/checkpoints/tiny_llama.h"
#include "model/pipeline/loaded_model.h"
#include "test_registry.h"

#include <QTemporaryDir>
#include <QTest>

Q_DECLARE_METATYPE(attnlab::test::TinyLlama)

namespace tst_model_info_panel {

using namespace attnlab;
using test::TinyLlama;

class TestModelInfoPanel : public QObject {
    Q_OBJECT

private slots:
    void familyRows_data();
    void familyRows();
};

void TestModelInfoPanel::familyRows_data()
{
    QTest::addColumn<TinyLlama>("spec");
    QTest::addColumn<QStringList>("expected"); // "Label=text", "Label=" for a row that must be absent

    TinyLlama llama;
    QTest::newRow("llama") << llama
                           << QStringList{"Architecture=Llama (decoder)", "Attention=causal",
                                          "Positions=RoPE, base 10000", "Block=pre-norm RMSNorm, SwiGLU",
                                          "Additions=", "Sliding window=", "Width d_model=16 (d_k = 4 per head)",
                                          "Heads=4 (2 key/value heads, grouped)"};
    TinyLlama mistral;
    mistral.family = QStringLiteral("mistral");
    mistral.slidingWindow = 3;
    QTest::newRow("mistral") << mistral
                             << QStringList{"Architecture=Mistral (decoder)", "Attention=causal",
                                            "Sliding window=3 tokens, every layer", "Sliding layers' RoPE=",
                                            "Additions="};
    TinyLlama qwen2;
    qwen2.family = QStringLiteral("qwen2");
    qwen2.ropeTheta = 1e6;
    QTest::newRow("qwen2") << qwen2
                           << QStringList{"Architecture=Qwen2 (decoder)", "Positions=RoPE, base 1000000",
                                          "Additions=q/k/v biases"};
    TinyLlama gemma;
    gemma.family = QStringLiteral("gemma3_text");
    gemma.headDim = 8;
    gemma.kvHeads = 1;
    gemma.layers = 4;
    gemma.slidingWindow = 3;
    gemma.slidingPattern = 2;
    gemma.queryPreAttnScalar = 6.0;
    gemma.ropeTheta = 1e6;
    gemma.ropeLocalTheta = 100.0;
    gemma.rope = {QStringLiteral("linear"), 4.0};
    QTest::newRow("gemma3") << gemma
                            << QStringList{"Architecture=Gemma 3 (decoder)",
                                           "Attention=causal", "Sliding window=3 tokens, 2 of 4 layers",
                                           "Positions=RoPE, base 1000000, linear ×4", "Sliding layers' RoPE=base 100",
                                           "Block=RMSNorm before and after, GeGLU",
                                           "Additions=q/k norms, embeddings × √d",
                                           "Width d_model=16 (d_k = 8 per head); scores × 1/√6",
                                           "Heads=4 (one key/value head, shared)"};
}

void TestModelInfoPanel::familyRows()
{
    QFETCH(TinyLlama, spec);
    QFETCH(QStringList, expected);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    test::writeHfLlama(dir.path(), test::randomLlama(spec, 3));
    auto loaded = model::LanguageModel::load(dir.path());
    QVERIFY2(loaded, qPrintable(loaded.error()));
    model::LoadedModel checkpoint;
    checkpoint.model = *loaded;
    app::ModelInfoPanel panel;
    panel.showCheckpoint(checkpoint);
    for (const QString& row : expected) {
        const QString label = row.section(u'=', 0, 0), text = row.section(u'=', 1);
        QCOMPARE(panel.value(label), text);
    }
}

ATTNLAB_TEST_MAIN(TestModelInfoPanel)
} // namespace tst_model_info_panel
#include "tst_model_info_panel.moc"
