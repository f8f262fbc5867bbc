#include "model/exact/matrix_problem.h"

#include "model/exact/expression.h"
#include "model/core/json_describe.h"
#include "model/exact/matrix_parser.h"
#include "model/attention/multi_head_attention.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <numeric>

namespace attnlab::model {

namespace {

using Fail = QString;


// [[1, "1/sqrt(2)"], …] -> matrix; every entry a number or an expression string.
Result<Matrix> matrixFromJson(const QJsonValue& value, const QString& name)
{
    if (!value.isArray() || value.toArray().isEmpty())
        return Result<Matrix>::failure(
            QStringLiteral("%1: expected a non-empty array of rows, got %2").arg(name, describeJson(value)));
    std::vector<QStringList> cells;
    const QJsonArray rows = value.toArray();
    for (qsizetype r = 0; r < rows.size(); ++r) {
        if (!rows[r].isArray())
            return Result<Matrix>::failure(QStringLiteral("%1: row %2 must be an array of entries, got %3")
                                               .arg(name).arg(r + 1).arg(describeJson(rows[r])));
        QStringList row;
        const QJsonArray entries = rows[r].toArray();
        for (qsizetype c = 0; c < entries.size(); ++c) {
            const QJsonValue& e = entries[c];
            if (e.isDouble())
                row << QString::number(e.toDouble(), 'g', 17);
            else if (e.isString())
                row << e.toString();
            else
                return Result<Matrix>::failure(
                    QStringLiteral("%1: row %2, column %3: expected a number or an expression string, got %4")
                        .arg(name).arg(r + 1).arg(c + 1).arg(describeJson(e)));
        }
        cells.push_back(row);
    }
    return matrixFromCells(cells, name);
}

Result<QStringList> stringList(const QJsonValue& value, const QString& name)
{
    if (!value.isArray())
        return Result<QStringList>::failure(QStringLiteral("%1: expected an array of strings").arg(name));
    QStringList list;
    for (const QJsonValue& v : value.toArray()) {
        if (!v.isString())
            return Result<QStringList>::failure(
                QStringLiteral("%1: expected an array of strings, found %2").arg(name, describeJson(v)));
        list << v.toString();
    }
    return list;
}

// "none" | "causal" | "window:K" | "padding:N" | [[1,0],[1,1]] (1/true = may attend)
Result<MaskSpec> maskFromJson(const QJsonValue& value)
{
    if (value.isString())
        return parseMaskSpec(value.toString());
    if (!value.isArray())
        return Result<MaskSpec>::failure(
            QStringLiteral("mask: expected a name (none, causal, window:K, padding:N) or a 0/1 matrix, got %1")
                .arg(describeJson(value)));
    const QJsonArray rows = value.toArray();
    const qsizetype cols = rows.isEmpty() || !rows[0].isArray() ? 0 : rows[0].toArray().size();
    if (cols == 0)
        return Result<MaskSpec>::failure(QStringLiteral("mask: a custom mask must be a non-empty array of rows"));
    BoolMatrix allowed(rows.size(), cols);
    for (qsizetype r = 0; r < rows.size(); ++r) {
        const QJsonArray row = rows[r].toArray();
        if (!rows[r].isArray() || row.size() != cols)
            return Result<MaskSpec>::failure(
                QStringLiteral("mask: row %1 must have %2 entries like the first row").arg(r + 1).arg(cols));
        for (qsizetype c = 0; c < cols; ++c) {
            const QJsonValue& e = row[c];
            if (e.isBool())
                allowed(r, c) = e.toBool();
            else if (e.isDouble() && (e.toDouble() == 0.0 || e.toDouble() == 1.0))
                allowed(r, c) = e.toDouble() == 1.0;
            else
                return Result<MaskSpec>::failure(
                    QStringLiteral("mask: row %1, column %2: expected 0, 1, true or false").arg(r + 1).arg(c + 1));
        }
    }
    return MaskSpec::fromMatrix(std::move(allowed));
}

// {"1/2": "3/2"} -> exp(1/2) ≈ 3/2
Result<ExpOverrides> overridesFromJson(const QJsonValue& value)
{
    if (!value.isObject())
        return Result<ExpOverrides>::failure(
            QStringLiteral("exp_overrides: expected an object such as {\"1/2\": \"3/2\"}, got %1").arg(describeJson(value)));
    ExpOverrides overrides;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const auto x = evaluateExpression(it.key());
        if (!x)
            return Result<ExpOverrides>::failure(QStringLiteral("exp_overrides: key %1").arg(x.error()));
        const QString valueText = it.value().isDouble() ? QString::number(it.value().toDouble(), 'g', 17)
                                                         : it.value().toString();
        const auto v = evaluateExpression(valueText);
        if (!it.value().isDouble() && !it.value().isString())
            return Result<ExpOverrides>::failure(
                QStringLiteral("exp_overrides: the value of \"%1\" must be a number or an expression").arg(it.key()));
        if (!v)
            return Result<ExpOverrides>::failure(QStringLiteral("exp_overrides: value of \"%1\": %2").arg(it.key(), v.error()));
        if (!(*v > 0.0))
            return Result<ExpOverrides>::failure(
                QStringLiteral("exp_overrides: exp(%1) must be positive, got %2").arg(it.key(), valueText));
        overrides.push_back({*x, *v});
    }
    return overrides;
}

QString shape(const Matrix& m)
{
    return QStringLiteral("%1 × %2").arg(m.rows()).arg(m.cols());
}

QStringList defaultNames(const QString& prefix, Eigen::Index count)
{
    QStringList names;
    for (Eigen::Index i = 0; i < count; ++i)
        names << prefix + QString::number(i + 1);
    return names;
}

std::vector<int> range(Eigen::Index count)
{
    std::vector<int> r(static_cast<size_t>(count));
    std::iota(r.begin(), r.end(), 0);
    return r;
}

} // namespace

Result<MatrixProblem> parseMatrixProblem(const QByteArray& json, const QString& fileName)
{
    const auto fail = [&](const QString& message) {
        return Result<MatrixProblem>::failure(QStringLiteral("%1: %2").arg(fileName, message));
    };
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return fail(QStringLiteral("not valid JSON at byte %1: %2").arg(error.offset).arg(error.errorString()));
    if (!document.isObject())
        return fail(QStringLiteral("expected a JSON object with the matrices Q, K, V or X"));

    MatrixProblem problem;
    const QJsonObject object = document.object();
    const QMap<QString, std::optional<Matrix>*> matrices{
        {QStringLiteral("Q"), &problem.q},   {QStringLiteral("K"), &problem.k},   {QStringLiteral("V"), &problem.v},
        {QStringLiteral("X"), &problem.x},   {QStringLiteral("M"), &problem.memory},
        {QStringLiteral("Wq"), &problem.wq}, {QStringLiteral("Wk"), &problem.wk}, {QStringLiteral("Wv"), &problem.wv},
        {QStringLiteral("Wo"), &problem.wo}};
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString& key = it.key();
        if (auto target = matrices.value(key)) {
            auto m = matrixFromJson(it.value(), key);
            if (!m)
                return fail(m.error());
            *target = std::move(m).value();
        } else if (key == QLatin1String("heads")) {
            if (!it.value().isDouble() || it.value().toDouble() != double(it.value().toInt()) || it.value().toInt() < 1)
                return fail(QStringLiteral("heads: expected a whole number ≥ 1"));
            problem.heads = it.value().toInt();
        } else if (key == QLatin1String("tokens") || key == QLatin1String("memory_tokens")) {
            auto names = stringList(it.value(), key);
            if (!names)
                return fail(names.error());
            (key == QLatin1String("tokens") ? problem.tokens : problem.memoryTokens) = *names;
        } else if (key == QLatin1String("mask")) {
            auto mask = maskFromJson(it.value());
            if (!mask)
                return fail(mask.error());
            problem.options.mask = *mask;
        } else if (key == QLatin1String("scaling")) {
            auto scaling = it.value().isString() ? parseScaling(it.value().toString())
                                                 : Result<Scaling>::failure(QStringLiteral("expected a string"));
            if (!scaling)
                return fail(QStringLiteral("scaling: ") + scaling.error());
            problem.options.scaling = *scaling;
        } else if (key == QLatin1String("exp_overrides")) {
            auto overrides = overridesFromJson(it.value());
            if (!overrides)
                return fail(overrides.error());
            problem.options.expOverrides = *overrides;
        } else {
            return fail(QStringLiteral("unknown key \"%1\" (expected Q, K, V, X, M, Wq, Wk, Wv, Wo, heads, tokens, "
                                       "memory_tokens, mask, scaling, exp_overrides)").arg(key));
        }
    }
    auto valid = validateMatrixProblem(problem);
    if (!valid)
        return fail(valid.error());
    return problem;
}

Result<void> validateMatrixProblem(const MatrixProblem& p)
{
    const auto fail = [](const QString& message) { return Result<void>::failure(message); };
    const bool direct = p.q || p.k || p.v;
    const bool projected = p.wq || p.wk || p.wv;
    Eigen::Index queries = 0, keys = 0;
    if (direct) {
        if (p.x || p.memory || projected || p.wo)
            return fail(QStringLiteral("give either Q, K, V or X (with W_q, W_k, W_v), not both"));
        if (!p.q || !p.k || !p.v)
            return fail(QStringLiteral("Q, K and V must all be given (missing %1)")
                            .arg(!p.q ? QStringLiteral("Q") : !p.k ? QStringLiteral("K") : QStringLiteral("V")));
        if (p.k->cols() != p.q->cols())
            return fail(QStringLiteral("K has %1 columns but Q has %2: q·k needs equal widths (Q is %3, K is %4)")
                            .arg(p.k->cols()).arg(p.q->cols()).arg(shape(*p.q), shape(*p.k)));
        if (p.v->rows() != p.k->rows())
            return fail(QStringLiteral("V has %1 rows but K has %2: every key needs a value")
                            .arg(p.v->rows()).arg(p.k->rows()));
        if (p.q->cols() % p.heads != 0 || p.v->cols() % p.heads != 0)
            return fail(QStringLiteral("%1 heads cannot split Q (%2) and V (%3) into equal column blocks")
                            .arg(p.heads).arg(shape(*p.q), shape(*p.v)));
        queries = p.q->rows();
        keys = p.k->rows();
    } else {
        if (!p.x)
            return fail(QStringLiteral("no input: give Q, K and V, or X (optionally with W_q, W_k, W_v)"));
        const Eigen::Index d = p.x->cols();
        if (p.memory && p.memory->cols() != d)
            return fail(QStringLiteral("M has %1 columns but X has %2").arg(p.memory->cols()).arg(d));
        if (projected) {
            if (!p.wq || !p.wk || !p.wv)
                return fail(QStringLiteral("W_q, W_k and W_v must all be given (missing %1)")
                                .arg(!p.wq ? QStringLiteral("Wq") : !p.wk ? QStringLiteral("Wk") : QStringLiteral("Wv")));
            MultiHeadWeights w{p.heads, *p.wq, *p.wk, *p.wv, p.wo.value_or(Matrix()), {}, {}, {}, {}};
            auto ok = validateWeights(w, int(d));
            if (!ok)
                return ok;
        } else if (p.wo) {
            return fail(QStringLiteral("Wo given without W_q, W_k, W_v"));
        } else if (d % p.heads != 0) {
            return fail(QStringLiteral("%1 heads cannot split X's %2 columns equally").arg(p.heads).arg(d));
        }
        queries = p.x->rows();
        keys = p.memory ? p.memory->rows() : queries;
    }
    // Typed or pasted matrices are small; a file of millions of rows would ask for a (T, S) matrix per head
    // that no memory holds. Every cell is shown, so the limit is what a view can show.
    if (double(queries) * double(keys) * double(p.heads) > double(kMaxAttentionCells))
        return fail(QStringLiteral("the attention matrix would be %1 × %2 for each of %3 head(s), more than the %4 "
                                   "cells in all that matrix mode computes; use fewer rows")
                        .arg(queries).arg(keys).arg(p.heads).arg(kMaxAttentionCells));
    if (!p.tokens.isEmpty() && p.tokens.size() != queries)
        return fail(QStringLiteral("tokens names %1 tokens but there are %2 query rows").arg(p.tokens.size()).arg(queries));
    if (!p.memoryTokens.isEmpty() && p.memoryTokens.size() != keys)
        return fail(QStringLiteral("memory_tokens names %1 tokens but there are %2 key rows").arg(p.memoryTokens.size()).arg(keys));
    if (p.options.mask.kind == MaskKind::Custom &&
        (p.options.mask.custom.rows() != queries || p.options.mask.custom.cols() != keys))
        return fail(QStringLiteral("the custom mask is %1 × %2 but the attention matrix is %3 × %4 (queries × keys)")
                        .arg(p.options.mask.custom.rows()).arg(p.options.mask.custom.cols()).arg(queries).arg(keys));
    return Result<void>::success();
}

Result<Trace> runMatrixProblem(const MatrixProblem& p)
{
    auto valid = validateMatrixProblem(p);
    if (!valid)
        return Result<Trace>::failure(valid.error());

    Trace trace;
    trace.modelName = QStringLiteral("matrices");
    trace.source = TraceSource::Matrices;
    trace.exact = true;
    trace.scaling = p.options.scaling;
    trace.mask = p.options.mask;
    trace.expOverrides = p.options.expOverrides;

    PositionalConfig noPositions;
    noPositions.kind = PositionalKind::None;
    LayerTrace layer;
    Eigen::Index queries = 0, keys = 0, dk = 0;
    if (p.q) {
        // Direct form: Q, K, V are already the projections; heads split their columns.
        queries = p.q->rows();
        keys = p.k->rows();
        dk = p.q->cols() / p.heads;
        layer = attendHeads(*p.q, *p.k, *p.v, p.heads, p.options, noPositions, range(queries), range(keys),
                            &trace.warnings);
    } else {
        // Projected form; X alone means every projection is the identity (Q = K = V = X).
        const Matrix& x = *p.x;
        const Matrix& memory = p.memory ? *p.memory : x;
        const Eigen::Index d = x.cols();
        MultiHeadWeights w;
        w.heads = p.heads;
        w.wq = p.wq.value_or(Matrix::Identity(d, d));
        w.wk = p.wk.value_or(Matrix::Identity(d, d));
        w.wv = p.wv.value_or(Matrix::Identity(d, d));
        w.wo = p.wo.value_or(Matrix());
        queries = x.rows();
        keys = memory.rows();
        dk = w.wq.cols() / p.heads;
        layer = multiHeadAttention(x, memory, w, p.options, noPositions, range(queries), range(keys), &trace.warnings);
    }
    trace.tokens = p.tokens.isEmpty() ? defaultNames(QStringLiteral("x"), queries) : p.tokens;
    // Keys are a sequence of their own with a memory, with K rows that are not the queries', or with K rows
    // given names of their own.
    const bool cross = p.memory.has_value() || (p.k && (keys != queries || !p.memoryTokens.isEmpty()));
    if (cross)
        trace.memoryTokens = p.memoryTokens.isEmpty()
                                 ? defaultNames(p.memory ? QStringLiteral("m") : QStringLiteral("k"), keys)
                                 : p.memoryTokens;
    trace.positions = range(queries);
    trace.scale = scaleFactor(p.options.scaling, int(dk));
    trace.output = layer.attentionOutput;
    trace.layers.push_back(std::move(layer));
    return trace;
}

} // namespace attnlab::model
