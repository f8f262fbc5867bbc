#include "app/workspace/workspace_request.h"

#include "model/exact/expression.h"

#include <QObject>

namespace attnlab::app {

namespace {

// "1/2 = 3/2; 1 = 8/3" -> overrides; error names the piece that cannot be read.
model::Result<model::ExpOverrides> parseOverrides(const QString& text)
{
    model::ExpOverrides overrides;
    for (const QString& piece : text.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const QStringList sides = piece.split(QLatin1Char('='));
        if (piece.trimmed().isEmpty())
            continue;
        if (sides.size() != 2)
            return model::Result<model::ExpOverrides>::failure(
                QObject::tr("exp override \"%1\": write x = value, e.g. 1/2 = 3/2").arg(piece.trimmed()));
        const auto x = model::evaluateExpression(sides[0]);
        const auto value = model::evaluateExpression(sides[1]);
        if (!x || !value)
            return model::Result<model::ExpOverrides>::failure(
                QObject::tr("exp override \"%1\": %2").arg(piece.trimmed(), !x ? x.error() : value.error()));
        if (!(*value > 0))
            return model::Result<model::ExpOverrides>::failure(
                QObject::tr("exp override \"%1\": exp(x) must be positive").arg(piece.trimmed()));
        overrides.push_back({*x, *value});
    }
    return overrides;
}

// The controls' mask and scaling as the computation takes them: only the fields of the chosen kind, in range.
model::AttentionOptions attentionOptions(const ComputeState& c)
{
    model::AttentionOptions options;
    switch (c.mask.kind) {
    case model::MaskKind::None: options.mask = model::MaskSpec::none(); break;
    case model::MaskKind::Causal: options.mask = model::MaskSpec::causal(); break;
    case model::MaskKind::Window: options.mask = model::MaskSpec::slidingWindow(std::max(c.mask.window, 1)); break;
    case model::MaskKind::Padding: options.mask = model::MaskSpec::paddingLast(std::max(c.mask.padding, 0)); break;
    case model::MaskKind::Custom: options.mask = model::MaskSpec::fromMatrix(c.mask.custom); break;
    }
    switch (c.scaling.kind) {
    case model::ScaleKind::InverseSqrtDk: options.scaling = model::Scaling{}; break;
    case model::ScaleKind::None: options.scaling = {model::ScaleKind::None, 1.0}; break;
    case model::ScaleKind::Temperature:
        options.scaling = {model::ScaleKind::Temperature, std::max(c.scaling.temperature, 1e-3)};
        break;
    }
    return options;
}

// The names of the rows go with the problem when there is one per row; after rows were added or removed
// they would label the wrong rows, so the views number them instead. Key names exist where keys are their
// own rows (K, M); in the other forms the keys are the rows of X, named by the tokens.
void nameRows(const InputState& input, model::MatrixProblem* problem)
{
    const Eigen::Index queries = problem->q ? problem->q->rows() : problem->x ? problem->x->rows() : 0;
    const Eigen::Index keys = problem->k ? problem->k->rows() : problem->memory ? problem->memory->rows() : -1;
    if (input.tokens.size() == queries)
        problem->tokens = input.tokens;
    if (input.memoryTokens.size() == keys)
        problem->memoryTokens = input.memoryTokens;
}

} // namespace

QStringList matrixNames(MatrixForm form)
{
    switch (form) {
    case MatrixForm::QKV: return {QStringLiteral("Q"), QStringLiteral("K"), QStringLiteral("V")};
    case MatrixForm::Projected:
        return {QStringLiteral("X"), QStringLiteral("Wq"), QStringLiteral("Wk"), QStringLiteral("Wv"), QStringLiteral("Wo")};
    case MatrixForm::XAlone: return {QStringLiteral("X")};
    case MatrixForm::Cross:
        return {QStringLiteral("X"), QStringLiteral("M"), QStringLiteral("Wq"), QStringLiteral("Wk"),
                QStringLiteral("Wv")};
    }
    return {};
}

BuiltRequest buildRequest(const WorkspaceState& state)
{
    BuiltRequest built;
    model::TraceRequest request;
    const model::AttentionOptions options = attentionOptions(state.compute);
    if (state.input.mode == InputMode::Sentence) {
        request.text = state.input.text;
        request.memory = state.input.memory;
        request.modelName = state.input.modelName;
        request.toy.layers = state.input.toyLayers;
        request.toy.heads = state.input.toyHeads;
        request.toy.dModel = state.input.toyWidth;
        request.toy.dFf = 4 * state.input.toyWidth;
        request.toy.positional = state.compute.positional;
        request.toy.placement = state.compute.placement;
        request.toy.attention = options;
        request.maxTokens = state.compute.maxTokens;
        request.maxLayers = state.compute.maxLayers;
        request.ablation = state.compute.ablation;
        built.request = request;
        return built;
    }

    model::MatrixProblem problem;
    problem.heads = std::max(state.input.heads, 1);
    problem.options = options;
    const std::map<QString, std::optional<model::Matrix>*> targets{
        {QStringLiteral("Q"), &problem.q},   {QStringLiteral("K"), &problem.k},   {QStringLiteral("V"), &problem.v},
        {QStringLiteral("X"), &problem.x},   {QStringLiteral("M"), &problem.memory}, {QStringLiteral("Wq"), &problem.wq},
        {QStringLiteral("Wk"), &problem.wk}, {QStringLiteral("Wv"), &problem.wv},     {QStringLiteral("Wo"), &problem.wo}};
    for (const QString& name : matrixNames(state.input.form)) {
        const auto found = state.input.matrices.find(name);
        if (found == state.input.matrices.end())
            continue; // W_o is optional
        const std::vector<QStringList>& cells = found->second;
        model::Matrix m(Eigen::Index(cells.size()), cells.empty() ? 0 : Eigen::Index(cells.front().size()));
        for (size_t r = 0; r < cells.size(); ++r)
            for (qsizetype c = 0; c < cells[r].size() && c < m.cols(); ++c) {
                const auto value = model::evaluateExpression(cells[r][c]);
                if (value)
                    m(Eigen::Index(r), c) = *value;
                else
                    built.cellErrors.push_back({name, int(r), int(c), value.error()});
            }
        *targets.at(name) = m;
    }
    if (!built.cellErrors.empty()) {
        const CellError& e = built.cellErrors.front();
        built.error = QObject::tr("%1: row %2, column %3: %4").arg(e.matrix).arg(e.row + 1).arg(e.col + 1).arg(e.message);
        return built;
    }
    const auto overrides = parseOverrides(state.input.expOverrides);
    if (!overrides) {
        built.error = overrides.error();
        return built;
    }
    problem.options.expOverrides = *overrides;
    nameRows(state.input, &problem);
    const auto valid = model::validateMatrixProblem(problem);
    if (!valid) {
        built.error = valid.error();
        return built;
    }
    request.problem = problem;
    built.request = request;
    return built;
}

} // namespace attnlab::app
