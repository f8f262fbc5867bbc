// Tests model/teaching/parameter_count.cpp: the exercise's numbers, biases, tied embeddings, shapes and rejections.

#include "model/teaching/parameter_count.h"
#include "test_registry.h"

#include <QJsonArray>
#include <QTest>

namespace tst_parameter_count {

using namespace attnlab::model;

namespace {

const ParameterComponent* find(const ParameterCount& count, const QString& name)
{
    for (const ParameterComponent& c : count.components)
        if (c.name == name)
            return &c;
    return nullptr;
}

const TensorShape* findShape(const ParameterCount& count, const QString& name)
{
    for (const TensorShape& s : count.activations)
        if (s.name == name)
            return &s;
    return nullptr;
}

} // namespace

class TestParameterCount : public QObject {
    Q_OBJECT
private slots:
    void exerciseDefaults()
    {
        // batch 32, sequence 2048, d 768, d_ff 384, vocab 30000, 8 heads, 8 encoder and 12 decoder layers, no biases.
        const auto count = countParameters(TransformerShapeConfig{});
        QVERIFY2(count.ok(), qPrintable(count.error()));
        QCOMPARE(count->headDim, qint64(96));
        QCOMPARE(find(*count, "token embedding")->total, qint64(23'040'000));            // 30000 · 768
        QCOMPARE(find(*count, "encoder self-attention")->perLayer, qint64(2'359'296));   // 4 · 768²
        QCOMPARE(find(*count, "encoder self-attention")->total, qint64(18'874'368));     // · 8 layers
        QCOMPARE(find(*count, "encoder feed-forward")->perLayer, qint64(589'824));       // 2 · 768 · 384
        QCOMPARE(find(*count, "encoder feed-forward")->total, qint64(4'718'592));
        QCOMPARE(find(*count, "encoder LayerNorm")->perLayer, qint64(1'536));            // 2 norms · γ (768)
        QCOMPARE(find(*count, "encoder LayerNorm")->total, qint64(12'288));
        QCOMPARE(count->encoderTotal, qint64(46'645'248));
        QCOMPARE(count->encoderTotal, qint64(23'040'000 + 18'874'368 + 4'718'592 + 12'288));

        // Decoder layer: self- and cross-attention, FFN, 3 norms of γ; the embedding is shared with the encoder.
        const qint64 decoderLayer = 2 * 4 * 768 * 768 + 2 * 768 * 384 + 3 * 768;
        QCOMPARE(decoderLayer, qint64(5'310'720));
        QCOMPARE(find(*count, "decoder cross-attention")->total, qint64(18'874'368 / 8 * 12));
        QCOMPARE(find(*count, "decoder token embedding")->total, qint64(0));
        QCOMPARE(count->decoderTotal, 12 * decoderLayer);
        QCOMPARE(count->outputTotal, qint64(768 * 30000));
        QCOMPARE(count->total, qint64(46'645'248 + 12 * decoderLayer + 768 * 30000));
    }

    void shapes_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QList<qint64>>("dims");
        QTest::addColumn<qint64>("elements");
        QTest::newRow("ids") << "input ids" << QList<qint64>{32, 2048} << qint64(65'536);
        QTest::newRow("embeddings") << "embeddings" << QList<qint64>{32, 2048, 768} << qint64(50'331'648);
        QTest::newRow("q") << "Q, K, V (per head)" << QList<qint64>{32, 8, 2048, 96} << qint64(50'331'648);
        QTest::newRow("weights") << "attention weights" << QList<qint64>{32, 8, 2048, 2048} << qint64(1'073'741'824);
        QTest::newRow("ffn") << "FFN hidden" << QList<qint64>{32, 2048, 384} << qint64(25'165'824);
        QTest::newRow("logits") << "logits" << QList<qint64>{32, 2048, 30000} << qint64(1'966'080'000);
    }
    void shapes()
    {
        QFETCH(QString, name);
        QFETCH(QList<qint64>, dims);
        QFETCH(qint64, elements);
        const auto count = countParameters(TransformerShapeConfig{});
        const TensorShape* s = findShape(*count, name);
        QVERIFY2(s, qPrintable(name));
        QCOMPARE(QList<qint64>(s->dims.begin(), s->dims.end()), dims);
        QCOMPARE(s->elements, elements);
    }

    void withBiases()
    {
        TransformerShapeConfig config;
        config.biases = true;
        const auto count = countParameters(config);
        QVERIFY(count.ok());
        // Attention: 4 (768² + 768); FFN: 2·768·384 + 384 + 768; LayerNorm: γ and β, 2·768 each.
        QCOMPARE(find(*count, "encoder self-attention")->perLayer, qint64(4 * (589'824 + 768)));
        QCOMPARE(find(*count, "encoder feed-forward")->perLayer, qint64(589'824 + 384 + 768));
        QCOMPARE(find(*count, "encoder LayerNorm")->perLayer, qint64(2 * 2 * 768));
        QCOMPARE(count->encoderTotal, qint64(23'040'000 + 8 * (2'362'368 + 590'976 + 3'072)));
        QCOMPARE(find(*count, "decoder LayerNorm")->perLayer, qint64(3 * 2 * 768));
        QCOMPARE(count->outputTotal, qint64(768 * 30000 + 30000));

        // β can be asked for separately from the projections' biases.
        config.biases = false;
        config.layerNormBeta = true;
        QCOMPARE(find(countParameters(config).value(), "encoder LayerNorm")->total, qint64(8 * 2 * 2 * 768));
    }

    void tiedAndSeparateEmbeddings()
    {
        TransformerShapeConfig config;
        config.tiedEmbeddings = true;
        const auto tied = countParameters(config);
        QCOMPARE(tied->outputTotal, qint64(0));
        QCOMPARE(tied->total, tied->encoderTotal + tied->decoderTotal);
        QVERIFY(!find(*tied, "output projection")->note.isEmpty());

        config.sharedDecoderEmbedding = false;
        const auto separate = countParameters(config);
        QCOMPARE(separate->decoderTotal, tied->decoderTotal + 23'040'000);
    }

    void attentionSplit()
    {
        // d = 512, h = 8: W_Q of one head (512, 64); Q, K, V of one head 3·512·64; W_O 512²; in all 4·512².
        const auto b = attentionBreakdown(512, 8, false);
        QVERIFY(b.ok());
        QCOMPARE(b->headDim, qint64(64));
        QCOMPARE(b->headProjection.dims, (std::vector<qint64>{512, 64}));
        QCOMPARE(b->perHeadQkv, qint64(98'304));
        QCOMPARE(b->outputProjection, qint64(262'144));
        QCOMPARE(b->total, qint64(1'048'576));
        QCOMPARE(8 * b->perHeadQkv + b->outputProjection, b->total);
        const auto withBias = attentionBreakdown(512, 8, true);
        QCOMPARE(withBias->total, qint64(4 * 512 * 512 + 4 * 512));
        QCOMPARE(8 * withBias->perHeadQkv + withBias->outputProjection, withBias->total);
    }

    void encoderOnly()
    {
        TransformerShapeConfig config;
        config.decoderLayers = 0;
        const auto count = countParameters(config);
        QVERIFY(count.ok());
        QCOMPARE(count->decoderTotal, qint64(0));
        QVERIFY(!find(*count, "decoder self-attention"));
        QVERIFY(!findShape(*count, "cross-attention weights"));
    }

    void rejections_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<qint64>("value");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("heads do not divide") << "heads" << qint64(7) << "d_model 768 is not divisible by heads 7";
        QTest::newRow("zero d_model") << "dModel" << qint64(0) << "d_model must be at least 1";
        QTest::newRow("negative vocab") << "vocab" << qint64(-5) << "vocab must be at least 1, got -5";
        QTest::newRow("negative layers") << "encoderLayers" << qint64(-1) << "encoder_layers cannot be negative";
        QTest::newRow("negative norms") << "norms" << qint64(-2) << "layer_norms_per_encoder_layer cannot be negative";
        QTest::newRow("absurd norms") << "norms" << qint64(1'000'000'000'000) << "layer_norms_per_encoder_layer must be at most 16";
        QTest::newRow("overflowing d_model") << "dModel" << qint64(4'000'000'000'000) << "too large: the count of W_Q exceeds";
        QTest::newRow("overflowing seq") << "seq" << qint64(3'000'000'000) << "the count of attention weights exceeds";
    }
    void rejections()
    {
        QFETCH(QString, field);
        QFETCH(qint64, value);
        QFETCH(QString, fragment);
        TransformerShapeConfig config;
        if (field == "heads") config.heads = value;
        if (field == "dModel") config.dModel = value, config.heads = 1;
        if (field == "vocab") config.vocab = value;
        if (field == "encoderLayers") config.encoderLayers = value;
        if (field == "norms") config.layerNormsPerEncoderLayer = value;
        if (field == "seq") config.seq = value;
        const auto count = countParameters(config);
        QVERIFY(!count.ok());
        QVERIFY2(count.error().contains(fragment), qPrintable(count.error()));
        QVERIFY(!validateShapeConfig(config).ok());
    }

    void noLayers()
    {
        TransformerShapeConfig config;
        config.encoderLayers = 0;
        config.decoderLayers = 0;
        QVERIFY(countParameters(config).error().contains("no layer"));
    }

    void json()
    {
        const QJsonObject json = parameterCountToJson(countParameters(TransformerShapeConfig{}).value());
        QCOMPARE(json["encoder_total"].toInteger(), 46'645'248);
        QCOMPARE(json["config"].toObject()["d_model"].toInteger(), 768);
        const QJsonObject attention = json["components"].toArray()[1].toObject();
        QCOMPARE(attention["name"].toString(), QStringLiteral("encoder self-attention"));
        QCOMPARE(attention["per_layer"].toInteger(), 2'359'296);
        QCOMPARE(attention["layers"].toInteger(), 8);
        QCOMPARE(attention["shapes"].toArray()[0].toObject()["shape"].toArray(), (QJsonArray{768, 768}));
        const QJsonArray norms = json["components"].toArray()[3].toObject()["shapes"].toArray();
        QCOMPARE(norms.size(), 2); // γ_1, γ_2: no β without biases
        QCOMPARE(norms[1].toObject()["name"].toString(), QStringLiteral("γ_2"));
        QCOMPARE(json["shapes"].toArray()[3].toObject()["elements"].toInteger(), 1'073'741'824);
    }

    void configFromJson()
    {
        const auto k = shapeConfigFromJson(QJsonObject{{"d_model", 512}, {"heads", 8}, {"biases", true}}, "x.json: params");
        QVERIFY2(k.ok(), qPrintable(k.error()));
        QCOMPARE(k->dModel, qint64(512));
        QVERIFY(k->hasLayerNormBeta());
        QCOMPARE(k->vocab, qint64(30000)); // defaults kept
        QVERIFY(shapeConfigFromJson(QJsonObject{{"d_model", 1.5}}, "p").error().contains("d_model: expected a whole number"));
        QVERIFY(shapeConfigFromJson(QJsonObject{{"dmodel", 5}}, "p").error().contains("unknown key \"dmodel\""));
        QVERIFY(shapeConfigFromJson(QJsonObject{{"heads", 5}}, "p").error().contains("p: d_model 768 is not divisible"));
    }

    void thousands()
    {
        QCOMPARE(withThousands(23'040'000), QStringLiteral("23,040,000"));
        QCOMPARE(withThousands(768), QStringLiteral("768"));
        QCOMPARE(withThousands(0), QStringLiteral("0"));
        QCOMPARE(withThousands(-1'000), QStringLiteral("-1,000"));
        QCOMPARE(withThousands(std::numeric_limits<qint64>::min()), QStringLiteral("-9,223,372,036,854,775,808"));
    }
};

ATTNLAB_TEST_GUILESS_MAIN(TestParameterCount)
} // namespace tst_parameter_count
#include "tst_parameter_count.moc"
