#include "model/attention/attention.h"

namespace attnlab::model {

// q: (T, d_k), k: (S, d_k), v: (S, d_v), allowed: (T, S), bias: empty or (T, S) -> HeadTrace
HeadTrace attendHead(const Matrix& q, const Matrix& k, const Matrix& v, const BoolMatrix& allowed, double scale,
                     const ExpOverrides& expOverrides, const Matrix& bias, std::vector<int>* fullyMaskedRows)
{
    HeadTrace head;
    head.q = q;
    head.k = k;
    head.v = v;
    head.scores.noalias() = q * k.transpose();
    head.scaled = head.scores * scale;
    if (bias.size() > 0)
        head.scaled += bias;
    head.allowed = allowed;
    head.weights = maskedSoftmaxWithOverrides(head.scaled, allowed, expOverrides, fullyMaskedRows);
    head.output.noalias() = head.weights * v;
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
