#include "model/attention/ablation.h"

#include <QStringList>

#include <algorithm>

namespace attnlab::model {

bool Ablation::ablatesHead(int layer, int head) const
{
    return std::find(heads.begin(), heads.end(), HeadRef{layer, head}) != heads.end();
}

bool Ablation::ablatesMlp(int layer) const
{
    return std::find(mlps.begin(), mlps.end(), layer) != mlps.end();
}

std::vector<int> Ablation::headsOf(int layer) const
{
    std::vector<int> result;
    for (const HeadRef& h : heads)
        if (h.layer == layer) result.push_back(h.head);
    std::sort(result.begin(), result.end());
    result.erase(std::unique(result.begin(), result.end()), result.end());
    return result;
}

Ablation Ablation::normalized() const
{
    Ablation result = *this;
    std::sort(result.heads.begin(), result.heads.end());
    result.heads.erase(std::unique(result.heads.begin(), result.heads.end()), result.heads.end());
    std::sort(result.mlps.begin(), result.mlps.end());
    result.mlps.erase(std::unique(result.mlps.begin(), result.mlps.end()), result.mlps.end());
    return result;
}

namespace {

QString layerRange(int layers)
{
    return layers == 1 ? QStringLiteral("the model has 1 layer") : QStringLiteral("the model has layers 1 to %1").arg(layers);
}

// "3" -> 3 when the text is a positive whole number; 0 otherwise.
int positiveNumber(const QString& text)
{
    bool ok = false;
    const int n = text.trimmed().toInt(&ok);
    return ok && n > 0 ? n : 0;
}

} // namespace

Result<void> checkAblation(const Ablation& ablation, int layers, int heads)
{
    using R = Result<void>;
    for (const HeadRef& h : ablation.heads) {
        const QString name = QStringLiteral("--ablate %1.%2").arg(h.layer + 1).arg(h.head + 1);
        if (h.layer < 0 || h.layer >= layers)
            return R::failure(QStringLiteral("%1: layer %2 does not exist; %3").arg(name).arg(h.layer + 1).arg(layerRange(layers)));
        if (h.head < 0 || h.head >= heads)
            return R::failure(QStringLiteral("%1: head %2 does not exist; each layer has heads 1 to %3")
                                  .arg(name)
                                  .arg(h.head + 1)
                                  .arg(heads));
    }
    for (int l : ablation.mlps)
        if (l < 0 || l >= layers)
            return R::failure(QStringLiteral("--ablate-mlp %1: layer %1 does not exist; %2").arg(l + 1).arg(layerRange(layers)));
    return R::success();
}

Result<std::vector<HeadRef>> parseHeadList(const QString& text)
{
    using R = Result<std::vector<HeadRef>>;
    std::vector<HeadRef> heads;
    const QStringList pieces = text.split(QLatin1Char(','));
    for (const QString& piece : pieces) {
        const QStringList parts = piece.trimmed().split(QLatin1Char('.'));
        const int layer = parts.size() == 2 ? positiveNumber(parts[0]) : 0;
        const int head = parts.size() == 2 ? positiveNumber(parts[1]) : 0;
        if (layer == 0 || head == 0)
            return R::failure(QStringLiteral("--ablate \"%1\": write LAYER.HEAD, 1-based, e.g. 3.5 for layer 3's head 5 "
                                             "(several: 3.5,1.2)")
                                  .arg(piece.trimmed()));
        heads.push_back({layer - 1, head - 1});
    }
    return heads;
}

Result<std::vector<int>> parseLayerList(const QString& text)
{
    using R = Result<std::vector<int>>;
    std::vector<int> layers;
    for (const QString& piece : text.split(QLatin1Char(','))) {
        const int layer = positiveNumber(piece);
        if (layer == 0)
            return R::failure(QStringLiteral("--ablate-mlp \"%1\": write a layer number, 1-based (several: 1,3)")
                                  .arg(piece.trimmed()));
        layers.push_back(layer - 1);
    }
    return layers;
}

QString describeAblation(const Ablation& ablation)
{
    QStringList parts;
    QStringList heads;
    for (const HeadRef& h : ablation.heads)
        heads << QStringLiteral("%1.%2").arg(h.layer + 1).arg(h.head + 1);
    if (!heads.isEmpty()) parts << (heads.size() == 1 ? QStringLiteral("head ") : QStringLiteral("heads ")) + heads.join(QStringLiteral(", "));
    QStringList mlps;
    for (int l : ablation.mlps)
        mlps << QString::number(l + 1);
    if (!mlps.isEmpty())
        parts << (mlps.size() == 1 ? QStringLiteral("the MLP of layer ") : QStringLiteral("the MLPs of layers ")) +
                     mlps.join(QStringLiteral(", "));
    if (parts.isEmpty()) return QStringLiteral("nothing");
    return parts.join(QStringLiteral(" and ")) + QStringLiteral(" (%1)").arg(enumName(kAblationModeNames, ablation.mode));
}

} // namespace attnlab::model
