#include "app/lessons/lesson_workspace.h"

#include "model/exact/exact_format.h"
#include "model/exact/expression.h"
#include "app/lessons/lesson_catalog.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QObject>

#include <cmath>

namespace attnlab::app {

namespace {

using Cells = std::vector<QStringList>;

// A JSON number as the lesson wrote it: the shortest text that reads back as the same double (0.1, not the
// 17 digits "0.10000000000000001").
QString numberText(double value)
{
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

// A JSON matrix [[1, "1/√2"], …] -> its cells as written (numbers without trailing zeros).
Cells cellsFromJson(const QJsonValue& value)
{
    Cells cells;
    for (const QJsonValue& row : value.toArray()) {
        QStringList texts;
        for (const QJsonValue& cell : row.toArray())
            texts << (cell.isString() ? cell.toString() : numberText(cell.toDouble()));
        cells.push_back(texts);
    }
    return cells;
}

// A computed value as a cell: its exact form when that reads back as the value ("√2/2"), else all digits.
QString cellText(double value)
{
    if (model::findExactForm(value).exact) {
        const QString exact = model::formatExact(value);
        const auto back = model::evaluateExpression(exact);
        if (back && std::abs(*back - value) <= 1e-12 * std::max(1.0, std::abs(value)))
            return exact;
    }
    return QString::number(value, 'g', 17);
}

Cells cellsFromMatrix(const model::Matrix& m)
{
    Cells cells;
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        QStringList texts;
        for (Eigen::Index c = 0; c < m.cols(); ++c)
            texts << cellText(m(r, c));
        cells.push_back(texts);
    }
    return cells;
}

// The mask of a lesson as the controls hold it: its kind, and the size or matrix that kind takes (the
// controls keep their own for the other kinds).
void applyMask(const model::MaskSpec& mask, ComputeState* compute)
{
    compute->mask.kind = mask.kind;
    if (mask.kind == model::MaskKind::Window)
        compute->mask.window = mask.window;
    else if (mask.kind == model::MaskKind::Padding)
        compute->mask.padding = mask.padding;
    else if (mask.kind == model::MaskKind::Custom)
        compute->mask.custom = mask.custom;
}

// {"1/2": "3/2"} -> "1/2 = 3/2", the input panel's spelling.
QString overridesText(const QJsonValue& value)
{
    QStringList pieces;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it)
        pieces << QStringLiteral("%1 = %2").arg(it.key(), it.value().isString() ? it.value().toString()
                                                                                 : numberText(it.value().toDouble()));
    return pieces.join(QStringLiteral("; "));
}

} // namespace

model::Result<LessonWorkspace> lessonWorkspace(const model::Lesson& lesson, const QJsonObject& input,
                                               const WorkspaceState& current)
{
    using Failure = model::Result<LessonWorkspace>;
    LessonWorkspace out;
    WorkspaceState& state = out.state;
    state.input = current.input;
    state.compute = ComputeState{};
    const InputState defaults;
    if (!lesson.problem) {
        state.input.mode = InputMode::Sentence;
        state.input.text = lesson.text;
        state.input.memory = lesson.memory;
        state.input.modelName = lesson.modelName;
        state.input.toyLayers = defaults.toyLayers;
        state.input.toyHeads = defaults.toyHeads;
        state.input.toyWidth = defaults.toyWidth;
        if (lesson.mask)
            applyMask(*lesson.mask, &state.compute);
        return out;
    }

    const model::MatrixProblem& problem = *lesson.problem;
    const QJsonObject matrices = input.value(QLatin1String("matrices")).toObject();
    state.input.mode = InputMode::Matrices;
    state.input.matrices.clear();
    state.input.heads = std::max(problem.heads, 1);
    state.input.expOverrides = overridesText(matrices.value(QLatin1String("exp_overrides")));
    applyMask(problem.options.mask, &state.compute);
    state.compute.scaling.kind = problem.options.scaling.kind;
    if (problem.options.scaling.kind == model::ScaleKind::Temperature)
        state.compute.scaling.temperature = problem.options.scaling.temperature;
    state.input.tokens = problem.tokens;
    state.input.memoryTokens = problem.memoryTokens;
    if (problem.memory) {
        if (problem.wo)
            return Failure::failure(QObject::tr("lesson %1: the matrices editor cannot show W_o with a memory M")
                                        .arg(lesson.id));
        state.input.form = MatrixForm::Cross;
        for (const char* name : {"X", "M"})
            state.input.matrices[QLatin1String(name)] = cellsFromJson(matrices.value(QLatin1String(name)));
        if (problem.wq) {
            for (const char* name : {"Wq", "Wk", "Wv"})
                state.input.matrices[QLatin1String(name)] = cellsFromJson(matrices.value(QLatin1String(name)));
        } else {
            // X and M alone: every projection is the identity, as runMatrixProblem takes it.
            const Cells identity = cellsFromMatrix(model::Matrix::Identity(problem.x->cols(), problem.x->cols()));
            for (const char* name : {"Wq", "Wk", "Wv"})
                state.input.matrices[QLatin1String(name)] = identity;
        }
    } else if (problem.q) {
        state.input.form = MatrixForm::QKV;
        for (const char* name : {"Q", "K", "V"})
            state.input.matrices[QLatin1String(name)] = cellsFromJson(matrices.value(QLatin1String(name)));
    } else if (problem.wq) {
        state.input.form = MatrixForm::Projected;
        for (const char* name : {"X", "Wq", "Wk", "Wv", "Wo"})
            if (matrices.contains(QLatin1String(name)))
                state.input.matrices[QLatin1String(name)] = cellsFromJson(matrices.value(QLatin1String(name)));
    } else {
        state.input.form = MatrixForm::XAlone;
        state.input.matrices[QStringLiteral("X")] = cellsFromJson(matrices.value(QLatin1String("X")));
    }
    return out;
}

model::Result<LessonWorkspace> openedLessonWorkspace(const model::Lesson& lesson, const WorkspaceState& current)
{
    auto out = lessonWorkspace(lesson, lesson.input, current);
    if (!out || lesson.problem)
        return out;
    // The model as the lesson names it ("gpt2", "../models/tiny") -> what the workspace loads.
    const auto model = resolveLessonModel(lesson.modelName, lesson.sourcePath);
    if (!model)
        return model::Result<LessonWorkspace>::failure(QStringLiteral("lesson %1: %2").arg(lesson.id, model.error()));
    out->state.input.modelName = *model;
    return out;
}

int resolveQuery(const QString& query, const QStringList& tokens)
{
    bool isNumber = false;
    const int index = query.toInt(&isNumber);
    if (isNumber)
        return index >= 1 && index <= tokens.size() ? index - 1 : -1;
    for (int i = 0; i < tokens.size(); ++i)
        if (!query.isEmpty() && tokens[i].compare(query, Qt::CaseInsensitive) == 0)
            return i;
    return -1;
}

bool isStepsLesson(const model::Lesson& lesson)
{
    return lesson.view == QLatin1String("steps");
}

int stageForParagraph(const model::Lesson& lesson, int paragraph)
{
    const bool masked = (lesson.problem && lesson.problem->options.mask.kind != model::MaskKind::None) ||
                        (lesson.mask && lesson.mask->kind != model::MaskKind::None);
    const std::vector<int> stages = masked ? std::vector<int>{0, 1, 2, 3, 4} : std::vector<int>{0, 1, 3, 4};
    return stages[size_t(std::clamp(paragraph, 0, int(stages.size()) - 1))];
}

} // namespace attnlab::app
