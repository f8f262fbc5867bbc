#include "model/teaching/question_grading.h"

#include "model/exact/expression.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace attnlab::model {

std::vector<int> strongestKeys(const Eigen::Ref<const Eigen::VectorXd>& weights)
{
    std::vector<int> keys;
    if (weights.size() == 0)
        return keys;
    const double best = weights.maxCoeff();
    for (Eigen::Index s = 0; s < weights.size(); ++s)
        if (weights[s] >= best - kAnswerTieTolerance)
            keys.push_back(int(s));
    return keys;
}

std::vector<std::pair<int, int>> strongestHeads(const Eigen::Ref<const Eigen::MatrixXd>& weights)
{
    std::vector<std::pair<int, int>> heads;
    if (weights.size() == 0)
        return heads;
    const double best = weights.maxCoeff();
    for (Eigen::Index l = 0; l < weights.rows(); ++l)
        for (Eigen::Index h = 0; h < weights.cols(); ++h)
            if (weights(l, h) >= best - kAnswerTieTolerance)
                heads.emplace_back(int(l), int(h));
    return heads;
}

std::vector<int> rightKeys(const Trace& trace, const TraceSelection& selection, int query)
{
    TraceSelection shown = selection;
    if (shown.head < 0)
        shown.head = AverageHeads; // a figure of every head answers with their mean
    const Matrix weights = selectedWeights(trace, shown); // (T, S)
    if (query < 0 || query >= weights.rows())
        return {};
    return strongestKeys(weights.row(query).transpose());
}

std::vector<std::pair<int, int>> rightHeads(const Trace& trace, const TraceSelection& selection, int query, int key,
                                            bool allLayers)
{
    const int layers = int(trace.layers.size());
    if (layers == 0)
        return {};
    const int selected = std::clamp(selection.layer, 0, layers - 1);
    const int first = allLayers ? 0 : selected, last = allLayers ? layers - 1 : selected;
    int heads = 0;
    for (int l = first; l <= last; ++l)
        heads = std::max(heads, int(trace.layers[size_t(l)].heads.size()));
    // (layers shown, heads): a head not shown (switched off, or missing in a narrower layer) can never be right.
    Eigen::MatrixXd w = Eigen::MatrixXd::Constant(last - first + 1, heads, -1.0);
    for (int l = first; l <= last; ++l) {
        TraceSelection layerSelection = selection;
        layerSelection.layer = l;
        // The head view draws the selected head or every head not hidden; the model view's grid every head not hidden.
        if (allLayers) layerSelection.head = AllHeads;
        for (int h : drawnHeads(trace, layerSelection)) {
            const auto& weights = trace.layers[size_t(l)].heads[size_t(h)].weights;
            if (query < 0 || key < 0 || query >= weights.rows() || key >= weights.cols())
                return {};
            w(l - first, h) = weights(query, key);
        }
    }
    if (w.maxCoeff() < 0)
        return {}; // no head shown
    std::vector<std::pair<int, int>> right = strongestHeads(w);
    for (auto& [l, h] : right)
        l += first;
    return right;
}

Result<std::vector<double>> parseTypedNumbers(const QString& typed)
{
    QString text = typed.trimmed();
    if (text.startsWith(QLatin1Char('[')) && text.endsWith(QLatin1Char(']')))
        text = text.mid(1, text.size() - 2);
    // Entries are separated by commas, semicolons or spaces; a space inside an expression ("9 / 26") is not a
    // separator, so the operators are first joined to their operands.
    static const QRegularExpression spacedOperator(QStringLiteral("\\s*([/*×·^])\\s*"));
    text.replace(spacedOperator, QStringLiteral("\\1"));
    static const QRegularExpression separator(QStringLiteral("[,;、،\\s]+"));
    const QStringList entries = text.split(separator, Qt::SkipEmptyParts);
    if (entries.isEmpty())
        return Result<std::vector<double>>::failure(QStringLiteral("type a number, such as 9/26 or 0.35"));
    std::vector<double> values;
    for (const QString& entry : entries) {
        const auto value = evaluateExpression(entry);
        if (!value)
            return Result<std::vector<double>>::failure(QStringLiteral("\"%1\" is not a number: %2").arg(entry, value.error()));
        values.push_back(*value);
    }
    return values;
}

bool numberAnswerIsRight(const LessonQuestion& question, const std::vector<double>& typed)
{
    if (typed.size() != question.answer.size() || typed.empty())
        return false;
    for (size_t i = 0; i < typed.size(); ++i)
        if (!(std::abs(typed[i] - question.answer[i]) <= question.tolerance))
            return false;
    return true;
}

QString writtenNumberAnswer(const LessonQuestion& question)
{
    const QString joined = question.answerWritten.join(QStringLiteral(", "));
    return question.answerWritten.size() > 1 ? QLatin1Char('[') + joined + QLatin1Char(']') : joined;
}

} // namespace attnlab::model
