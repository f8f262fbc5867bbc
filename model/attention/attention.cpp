#include "model/attention/attention.h"

namespace attnlab::model {

// q: (T, d_k), k: (S, d_k), v: (S, d_v), allowed: (T, S), bias: empty or (T, S) -> HeadTrace
HeadTrace attendHead(const Matrix& q, const Matrix& k, const Matrix& v, const TraceMask& allowed, double scale,
                     const ExpOverrides& expOverrides, const Matrix& bias, std::vector<int>* fullyMaskedRows)
{
    Matrix scores = q * k.transpose();
    Matrix scaled = scores * scale;
    if (bias.size() > 0)
        scaled += bias;
    Matrix weights = maskedSoftmaxWithOverrides(scaled, allowed.matrix(), expOverrides, fullyMaskedRows);
    Matrix output = weights * v;
    // Double, as computed: matrix mode's exact fractions and the toy model's numbers are read from these.
    HeadTrace head;
    head.q = q;
    head.k = k;
    head.v = v;
    head.scores = std::move(scores);
    head.scaled = std::move(scaled);
    head.allowed = allowed;
    head.weights = std::move(weights);
    head.output = std::move(output);
    return head;
}

QString fullyMaskedWarning(const std::vector<int>& rows, const QStringList& tokens, const QString& where)
{
    QStringList names;
    for (int r : rows)
        names << (r < tokens.size() ? QStringLiteral("%1 \"%2\"").arg(r + 1).arg(tokens[r]) : QString::number(r + 1));
    return QStringLiteral("%1: query %2 %3 %4 every key masked, so %5 weights are all zero")
        .arg(where, rows.size() == 1 ? QStringLiteral("row") : QStringLiteral("rows"), names.join(QStringLiteral(", ")),
             rows.size() == 1 ? QStringLiteral("has") : QStringLiteral("have"),
             rows.size() == 1 ? QStringLiteral("its") : QStringLiteral("their"));
}

} // namespace attnlab::model
