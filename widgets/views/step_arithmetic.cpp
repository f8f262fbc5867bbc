#include "widgets/views/step_arithmetic.h"

#include "widgets/drawing/chart_painting.h"
#include "widgets/drawing/left_to_right.h"
#include "model/exact/exact_format.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <cmath>

namespace attnlab::widgets {

namespace {

// The texts drawn here are translated in StepView's context, though these functions belong to no QObject.
struct StepArithmeticTr {
    Q_DECLARE_TR_FUNCTIONS(attnlab::widgets::StepView)
};

constexpr double kTolerance = 1e-9;
constexpr int kMaxListItems = 8; // longer rows show their first entries, "…" and the last one
constexpr int kMaxTerms = 5;     // longer sums (× V) show their first terms, "…" and the last one

const QString kMinusInfinity = QStringLiteral("\u2212\u221E");

// A factor inside a product: negative values in parentheses so that "0·(−√2/2)" reads unambiguously.
QString factor(double value, bool exact)
{
    const QString text = stepValueText(value, exact);
    return value < 0 ? u'(' + text + u')' : text;
}

// A divisor or sum shown after "/": parenthesised when it is itself a fraction or negative.
QString grouped(const QString& text)
{
    return text.contains(u'/') || text.startsWith(u'\u2212') ? u'(' + text + u')' : text;
}

// Items -> "[a, b, c]", eliding the middle of lists longer than maxItems.
QString bracketList(const QStringList& items, int maxItems = kMaxListItems)
{
    if (items.size() <= maxItems)
        return u'[' + items.join(QStringLiteral(", ")) + u']';
    QStringList shown = items.mid(0, maxItems - 2);
    shown << QStringLiteral("…") << items.last();
    return u'[' + shown.join(QStringLiteral(", ")) + u']';
}

// M: model::Matrix or model::TraceMatrix.
template <typename M>
QString rowList(const M& m, int row, bool exact, int maxItems = kMaxListItems)
{
    QStringList items;
    for (Eigen::Index c = 0; c < m.cols(); ++c)
        items << stepValueText(m(row, c), exact);
    return bracketList(items, maxItems);
}

// Row q of the head's scores QKᵀ, (1, S), whether the trace stores them or not (model/trace/trace.h).
model::Matrix scoresRow(const model::HeadTrace& head, int q)
{
    model::Matrix row(1, head.weights.cols());
    for (Eigen::Index j = 0; j < row.cols(); ++j)
        row(0, j) = model::headScore(head, q, j);
    return row;
}

// Row q of the head's scaled scores, (1, S), whether the trace stores them or not.
model::Matrix scaledRow(const model::Trace& trace, const model::HeadTrace& head, int q)
{
    if (head.scaled.size() > 0) return head.scaled.row(q);
    return scoresRow(head, q) * trace.scale;
}

QString keyName(const model::Trace& trace, int key)
{
    const QStringList& keys = trace.keyTokens();
    return key < keys.size() && !keys[key].isEmpty() ? isolatedToken(keys[key])
                                                     : QStringLiteral("k") + subscriptNumber(key + 1);
}

QString scoresArithmetic(const model::HeadTrace& head, int q, bool exact)
{
    const QString sub = subscriptNumber(q + 1);
    QString text = QStringLiteral("s%1 = q%1·Kᵀ").arg(sub);
    const Eigen::Index keys = head.k.rows(), dk = head.q.cols();
    // Every product is written out only while the row stays short enough to read.
    if (dk <= 3 && keys <= 6) {
        QStringList sums;
        for (Eigen::Index j = 0; j < keys; ++j) {
            QStringList products;
            for (Eigen::Index c = 0; c < dk; ++c)
                products << stepValueText(head.q(q, c), exact) + u'·' + factor(head.k(j, c), exact);
            sums << products.join(QStringLiteral(" + "));
        }
        text += QStringLiteral(" = ") + bracketList(sums);
    }
    return text + QStringLiteral(" = ") + rowList(scoresRow(head, q), 0, exact);
}

QString scaledArithmetic(const model::Trace& trace, const model::HeadTrace& head, int q, bool exact)
{
    const QString sub = subscriptNumber(q + 1);
    const QString divisor = sqrtDivisor(trace, head);
    QString left, right;
    switch (trace.scaling.kind) {
    case model::ScaleKind::InverseSqrtDk:
        left = divisor == QString::number(head.q.cols()) ? QStringLiteral("s%1 / √dₖ").arg(sub)
                                                         : QStringLiteral("s%1 / √%2").arg(sub, divisor);
        right = QStringLiteral(" / √%1").arg(divisor);
        break;
    case model::ScaleKind::Temperature:
        left = QStringLiteral("s%1 / τ").arg(sub);
        right = QStringLiteral(" / ") + grouped(stepValueText(trace.scaling.temperature, exact));
        break;
    case model::ScaleKind::None:
        left = QStringLiteral("s%1 · 1").arg(sub);
        right = QStringLiteral(" · 1");
        break;
    }
    // ALiBi adds a bias after scaling; say so rather than show an equation that does not hold.
    const model::Matrix scaled = scaledRow(trace, head, q);
    const model::Matrix scores = scoresRow(head, q);
    const bool biased = ((scores * trace.scale - scaled).cwiseAbs().maxCoeff() > kTolerance);
    if (biased) {
        left += QStringLiteral(" + bias");
        right += QStringLiteral(" + bias");
    }
    return left + QStringLiteral(" = ") + rowList(scores, 0, exact) + right + QStringLiteral(" = ") +
           rowList(scaled, 0, exact);
}

QString maskedArithmetic(const model::Trace& trace, const model::HeadTrace& head, int q, bool exact)
{
    const QString sub = subscriptNumber(q + 1);
    QStringList items, maskedKeys;
    const model::Matrix scaled = scaledRow(trace, head, q);
    for (Eigen::Index j = 0; j < scaled.cols(); ++j) {
        const bool allowed = head.allowed(q, j);
        items << (allowed ? stepValueText(scaled(0, j), exact) : kMinusInfinity);
        if (!allowed)
            maskedKeys << keyName(trace, int(j));
    }
    QString text = QStringLiteral("m%1 = ").arg(sub) + bracketList(items);
    if (maskedKeys.isEmpty())
        return text + StepArithmeticTr::tr("  (no key is masked for this query)");
    if (maskedKeys.size() > 6)
        maskedKeys = maskedKeys.mid(0, 5) << QStringLiteral("…");
    return text + StepArithmeticTr::tr("  (masked keys %1 get −∞, so weight 0)").arg(maskedKeys.join(QStringLiteral(", ")));
}

QString softmaxArithmetic(const model::Trace& trace, const model::HeadTrace& head, int q, bool exact)
{
    const QString sub = subscriptNumber(q + 1);
    QStringList powers, values;
    double sum = 0.0;
    const model::Matrix scaled = scaledRow(trace, head, q);
    for (Eigen::Index j = 0; j < scaled.cols(); ++j) {
        if (!head.allowed(q, j)) {
            powers << QStringLiteral("e^{%1}").arg(kMinusInfinity);
            values << QStringLiteral("0");
            continue;
        }
        const double x = scaled(0, j);
        // The one number the trace does not hold: exp of each score, with the exam's overrides.
        const double e = model::overriddenExp(x, trace.expOverrides);
        sum += e;
        powers << QStringLiteral("e^{%1}").arg(stepValueText(x, exact));
        values << stepValueText(e, exact);
    }
    if (sum == 0.0)
        return StepArithmeticTr::tr("a%1 = 0  (every key is masked for this query)").arg(sub);
    return QStringLiteral("a%1 = ").arg(sub) + bracketList(powers) + QStringLiteral(" / Σ = ") + bracketList(values) +
           QStringLiteral(" / ") + grouped(stepValueText(sum, exact)) + QStringLiteral(" = ") +
           rowList(head.weights, q, exact);
}

QString outputArithmetic(const model::HeadTrace& head, int q, bool exact)
{
    const QString sub = subscriptNumber(q + 1);
    QStringList terms;
    for (Eigen::Index j = 0; j < head.v.rows(); ++j) {
        if (!head.allowed(q, j))
            continue; // masked keys contribute 0·v_j: leaving them out keeps the sum readable
        // Value rows inside the sum are shortened more than the result: several of them share a line.
        terms << stepValueText(head.weights(q, j), exact) + u'·' + rowList(head.v, int(j), exact, 5);
    }
    if (terms.size() > kMaxTerms) {
        const QString last = terms.last();
        terms = terms.mid(0, kMaxTerms - 2);
        terms << QStringLiteral("…") << last;
    }
    const QString sum = terms.isEmpty() ? QStringLiteral("0") : terms.join(QStringLiteral(" + "));
    return QStringLiteral("y%1 = ").arg(sub) + sum + QStringLiteral(" = ") + rowList(head.output, q, exact);
}

QString htmlPart(QString text)
{
    text = text.toHtmlEscaped();
    // e^{x} as written in the arithmetic string -> a real superscript on screen and in the figure; the formula
    // reads left to right in a right-to-left interface too.
    static const QRegularExpression power(QStringLiteral("e\\^\\{([^}]*)\\}"));
    return leftToRight(text.replace(power, QStringLiteral("e<sup>\\1</sup>")));
}

} // namespace

QString sqrtDivisor(const model::Trace& trace, const model::HeadTrace& head)
{
    // 1/scale² is dₖ, or gemma3's query_pre_attn_scalar; the scale went through float, so round it.
    const double n = trace.scale > 0.0 ? 1.0 / (trace.scale * trace.scale) : double(head.q.cols());
    const double rounded = std::round(n);
    return std::abs(n - rounded) < 1e-4 * std::max(1.0, n) ? QString::number(qint64(rounded)) : QString::number(n, 'g', 6);
}

bool scaledByOtherThanDk(const model::Trace& trace, const model::HeadTrace& head)
{
    return trace.scaling.kind == model::ScaleKind::InverseSqrtDk && sqrtDivisor(trace, head) != QString::number(head.q.cols());
}

QString stepValueText(double value, bool exact)
{
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("\u221E") : kMinusInfinity;
    QString text = exact ? model::formatExact(value, 4) : model::formatDecimal(value, 3);
    return text.replace(u'-', u'\u2212');
}

QString stepCellText(double value, bool exact)
{
    if (exact || std::isinf(value) || std::abs(value) >= 10.0)
        return stepValueText(value, exact);
    QString text = QString::number(value, 'f', 2);
    if (text == QLatin1String("-0.00"))
        text = QStringLiteral("0.00");
    return text.replace(u'-', u'\u2212');
}

QString isolatedToken(const QString& token)
{
    return QChar(0x2068) + token + QChar(0x2069);
}

QString subscriptNumber(int n)
{
    QString text = QString::number(n);
    for (QChar& c : text)
        if (c.isDigit())
            c = QChar(0x2080 + c.digitValue());
    return text;
}

QString stepOperation(const model::Trace& trace, const model::HeadTrace& head, int step)
{
    switch (AttentionStep(step)) {
    case AttentionStep::Scores:
        return QStringLiteral("QKᵀ");
    case AttentionStep::Scaled:
        switch (trace.scaling.kind) {
        case model::ScaleKind::InverseSqrtDk:
            return QStringLiteral("÷ √%1").arg(sqrtDivisor(trace, head));
        case model::ScaleKind::Temperature:
            return QStringLiteral("÷ τ = %1").arg(stepValueText(trace.scaling.temperature, false));
        case model::ScaleKind::None:
            return QStringLiteral("× 1");
        }
        break;
    case AttentionStep::Masked:
        return StepArithmeticTr::tr("mask");
    case AttentionStep::Softmax:
        return StepArithmeticTr::tr("softmax");
    case AttentionStep::Output:
        return QStringLiteral("× V");
    }
    return {};
}

QString stepMatrixTitle(const model::Trace& trace, int step)
{
    const bool other = !trace.layers.empty() && !trace.layers.front().heads.empty() &&
                       scaledByOtherThanDk(trace, trace.layers.front().heads.front());
    switch (AttentionStep(step)) {
    case AttentionStep::Scores:
        return QStringLiteral("S = QKᵀ");
    case AttentionStep::Scaled:
        switch (trace.scaling.kind) {
        case model::ScaleKind::InverseSqrtDk:
            return other ? QStringLiteral("S / √%1").arg(sqrtDivisor(trace, trace.layers.front().heads.front()))
                         : QStringLiteral("S / √dₖ");
        case model::ScaleKind::Temperature: return QStringLiteral("S / τ");
        case model::ScaleKind::None: return StepArithmeticTr::tr("S (unscaled)");
        }
        break;
    case AttentionStep::Masked:
        return StepArithmeticTr::tr("masked");
    case AttentionStep::Softmax:
        return QStringLiteral("A = softmax");
    case AttentionStep::Output:
        return QStringLiteral("Y = A·V");
    }
    return {};
}

QString stepDescription(const model::Trace& trace, const model::HeadTrace& head, int step)
{
    switch (AttentionStep(step)) {
    case AttentionStep::Scores:
        // What a checkpoint did to q and k before the dot product: its q/k norms and RoPE.
        if (trace.rope.dims > 0 && trace.queryKeyNorm)
            return StepArithmeticTr::tr("each query is compared with every key by a dot product, after both were "
                                        "RMS-normed per head and rotated by RoPE");
        if (trace.rope.dims > 0)
            return StepArithmeticTr::tr("each query is compared with every key by a dot product, after both were "
                                        "rotated by RoPE");
        return StepArithmeticTr::tr("each query is compared with every key by a dot product");
    case AttentionStep::Scaled:
        if (scaledByOtherThanDk(trace, head))
            return StepArithmeticTr::tr("the scores are scaled by 1/√%1, the model's query_pre_attn_scalar, "
                                        "instead of 1/√dₖ = 1/√%2")
                .arg(sqrtDivisor(trace, head))
                .arg(head.q.cols());
        return StepArithmeticTr::tr("the scores are scaled so that the softmax does not saturate");
    case AttentionStep::Masked:
        return StepArithmeticTr::tr("keys a query may not see become −∞");
    case AttentionStep::Softmax:
        return StepArithmeticTr::tr("each row turns into weights that sum to 1");
    case AttentionStep::Output:
        return StepArithmeticTr::tr("each output is the weighted average of the value rows");
    }
    return {};
}

QString stepRowArithmetic(const model::Trace& trace, const model::HeadTrace& head, int query, int step, bool exact)
{
    if (query < 0 || query >= head.weights.rows())
        return {};
    switch (AttentionStep(step)) {
    case AttentionStep::Scores: return scoresArithmetic(head, query, exact);
    case AttentionStep::Scaled: return scaledArithmetic(trace, head, query, exact);
    case AttentionStep::Masked: return maskedArithmetic(trace, head, query, exact);
    case AttentionStep::Softmax: return softmaxArithmetic(trace, head, query, exact);
    case AttentionStep::Output: return outputArithmetic(head, query, exact);
    }
    return {};
}

QString stepArithmeticHtml(const model::Trace& trace, const model::HeadTrace& head, int query, int step,
                           const ViewStyle& style)
{
    const QStringList parts = stepRowArithmetic(trace, head, query, step, style.exact).split(QStringLiteral(" = "));
    const QString token = trace.tokens.value(query);
    const QString caption =
        StepArithmeticTr::tr("Query row %1%2 at step %3, written out")
            .arg(query + 1)
            .arg(token.isEmpty() ? QString() : QStringLiteral(" (“%1”)").arg(isolatedToken(token)))
            .arg(step + 1);
    QString html = QStringLiteral("<p style=\"color:%1; font-size:small\">%2</p>")
                       .arg(style.muted().name(), caption.toHtmlEscaped());
    // One part per line, the "=" signs aligned in a second column.
    html += QStringLiteral("<table cellspacing=\"0\" cellpadding=\"2\">");
    const QString name = QStringLiteral("<b style=\"color:%1\">%2</b>").arg(accentColor(style).name(), htmlPart(parts[0]));
    const auto row = [&](const QString& left, const QString& right) {
        html += QStringLiteral("<tr><td style=\"padding-right:6px\">%1</td><td>%2</td></tr>").arg(left, right);
    };
    if (parts.size() == 1)
        row(name, QString());
    for (int i = 1; i < parts.size(); ++i)
        row(i == 1 ? name : QString(), htmlPart(QStringLiteral("= ") + parts[i]));
    return html + QStringLiteral("</table>");
}

} // namespace attnlab::widgets
