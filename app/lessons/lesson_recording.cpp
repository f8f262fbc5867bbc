#include "app/lessons/lesson_recording.h"

#include <QJsonArray>

#include <cmath>

namespace attnlab::app {

namespace {

// A cell as written: a plain number stays a JSON number (2, -0.5), anything else its text ("1/√2").
QJsonValue recordedCell(const QString& written)
{
    bool number = false;
    const double value = written.trimmed().toDouble(&number);
    return number && std::isfinite(value) ? QJsonValue(value) : QJsonValue(written.trimmed());
}

QJsonArray recordedMatrix(const std::vector<QStringList>& cells)
{
    QJsonArray rows;
    for (const QStringList& row : cells) {
        QJsonArray entries;
        for (const QString& cell : row)
            entries.append(recordedCell(cell));
        rows.append(entries);
    }
    return rows;
}

// "1/2 = 3/2; 1 = 8/3" -> {"1/2": "3/2", "1": "8/3"}.
QJsonObject recordedOverrides(const QString& text)
{
    QJsonObject overrides;
    for (const QString& piece : text.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const qsizetype equals = piece.indexOf(QLatin1Char('='));
        if (equals > 0)
            overrides.insert(piece.left(equals).trimmed(), piece.mid(equals + 1).trimmed());
    }
    return overrides;
}

} // namespace

QJsonObject lessonInputFromWorkspace(const WorkspaceState& state)
{
    const InputState& in = state.input;
    const model::MaskSpec& mask = state.compute.mask;
    if (in.mode == InputMode::Sentence) {
        QJsonObject input{{QStringLiteral("text"), in.text}, {QStringLiteral("model"), in.modelName}};
        if (!in.memory.isEmpty())
            input.insert(QStringLiteral("memory"), in.memory);
        // A sentence's mask is a name; a drawn (custom) mask has none and is left out.
        if (mask.kind != model::MaskKind::None && mask.kind != model::MaskKind::Custom)
            input.insert(QStringLiteral("mask"), model::maskSpecName(mask));
        return input;
    }

    QStringList names;
    QString queryRows, keyRows; // the matrices whose rows the tokens and memory tokens name
    switch (in.form) {
    case MatrixForm::QKV: names = {"Q", "K", "V"}; queryRows = "Q"; keyRows = "K"; break;
    case MatrixForm::Projected: names = {"X", "Wq", "Wk", "Wv", "Wo"}; queryRows = "X"; break;
    case MatrixForm::XAlone: names = {"X"}; queryRows = "X"; break;
    case MatrixForm::Cross: names = {"X", "M", "Wq", "Wk", "Wv"}; queryRows = "X"; keyRows = "M"; break;
    }
    QJsonObject matrices;
    for (const QString& name : names) {
        const auto found = in.matrices.find(name);
        // W_o is optional: an empty one is no W_o.
        if (found == in.matrices.end() || found->second.empty())
            continue;
        matrices.insert(name, recordedMatrix(found->second));
    }
    const auto rowsOf = [&](const QString& name) {
        const auto found = in.matrices.find(name);
        return found == in.matrices.end() ? qsizetype(-1) : qsizetype(found->second.size());
    };
    if (!in.tokens.isEmpty() && in.tokens.size() == rowsOf(queryRows))
        matrices.insert(QStringLiteral("tokens"), QJsonArray::fromStringList(in.tokens));
    if (!keyRows.isEmpty() && !in.memoryTokens.isEmpty() && in.memoryTokens.size() == rowsOf(keyRows))
        matrices.insert(QStringLiteral("memory_tokens"), QJsonArray::fromStringList(in.memoryTokens));
    if (in.heads > 1)
        matrices.insert(QStringLiteral("heads"), in.heads);
    if (mask.kind == model::MaskKind::Custom) {
        QJsonArray rows;
        for (Eigen::Index r = 0; r < mask.custom.rows(); ++r) {
            QJsonArray row;
            for (Eigen::Index c = 0; c < mask.custom.cols(); ++c)
                row.append(mask.custom(r, c) ? 1 : 0);
            rows.append(row);
        }
        matrices.insert(QStringLiteral("mask"), rows);
    } else if (mask.kind != model::MaskKind::None) {
        matrices.insert(QStringLiteral("mask"), model::maskSpecName(mask));
    }
    if (state.compute.scaling.kind != model::ScaleKind::InverseSqrtDk)
        matrices.insert(QStringLiteral("scaling"), model::scalingName(state.compute.scaling));
    const QJsonObject overrides = recordedOverrides(in.expOverrides);
    if (!overrides.isEmpty())
        matrices.insert(QStringLiteral("exp_overrides"), overrides);
    return QJsonObject{{QStringLiteral("matrices"), matrices}};
}

model::LessonDraftFigure recordedFigure(const QString& view, const model::TraceSelection& selection,
                                        const QStringList& tokens, int stage)
{
    model::LessonDraftFigure figure;
    figure.view = view;
    figure.layer = selection.layer + 1;
    if (selection.head >= 0)
        figure.head = selection.head + 1;
    if (selection.query >= 0 && selection.query < tokens.size()) {
        const QString token = tokens[selection.query];
        // The lesson finds a query by text at its first occurrence, any case (resolveQuery); a text that is a
        // number would read as a position, one with spaces around it ("Ġit" shown as " it") reads badly.
        qsizetype first = -1;
        for (qsizetype i = 0; i < tokens.size() && first < 0; ++i)
            if (tokens[i].compare(token, Qt::CaseInsensitive) == 0)
                first = i;
        bool numeric = false;
        token.toInt(&numeric);
        const bool byText = !token.isEmpty() && token == token.trimmed() && first == selection.query && !numeric;
        figure.query = byText ? token : QString::number(selection.query + 1);
    }
    if (view == QLatin1String("steps"))
        figure.stage = stage + 1;
    return figure;
}

} // namespace attnlab::app
