#include "app/session/session_file.h"

#include "model/core/atomic_file.h"
#include "model/core/json_describe.h"
#include "app/session/session_json_reader.h"
#include "model/trace/trace_selection.h"
#include "widgets/views/view_factory.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace attnlab::app {

namespace {

using Failure = model::Result<Session>;

// The names of the view's enumerated fields; those of the input and the computation are beside their
// enumerations (workspace_state.h, model/attention).
const std::array<model::EnumName<widgets::Theme>, 2> kThemes{{{widgets::Theme::Light, "light"},
                                                                {widgets::Theme::Dark, "dark"}}};
const std::array<model::EnumName<widgets::ColorMapKind>, 3> kColorMaps{{{widgets::ColorMapKind::Viridis, "viridis"},
                                                                          {widgets::ColorMapKind::Magma, "magma"},
                                                                          {widgets::ColorMapKind::Cividis, "cividis"}}};
const std::array<model::EnumName<int>, 3> kHeadChoices{{{model::AllHeads, "all"},
                                                         {model::AverageHeads, "average"},
                                                         {model::MaxHeads, "max"}}};
const QStringList kMatrixNames{QStringLiteral("Q"),  QStringLiteral("K"),  QStringLiteral("V"),
                               QStringLiteral("X"),  QStringLiteral("M"),  QStringLiteral("Wq"),
                               QStringLiteral("Wk"), QStringLiteral("Wv"), QStringLiteral("Wo")};

// Limits far beyond what anyone types, so that a corrupted file cannot ask for absurd amounts of work.
constexpr int kMaxMatrixSide = 512;
constexpr qsizetype kMaxTextLength = 100000;
constexpr int kMaxIndex = 100000;
constexpr qsizetype kMaxTokenLength = 256;

void readInput(SessionJsonReader& r, const QJsonObject& o, InputState* in)
{
    const QString at = QStringLiteral("input");
    r.onlyKeys(o, at,
               {"mode", "text", "memory", "model", "toy", "form", "matrices", "tokens", "memory_tokens", "heads",
                "exp_overrides"});
    r.choice(o, at, "mode", kInputModeNames, &in->mode);
    r.string(o, at, "text", kMaxTextLength, &in->text);
    r.string(o, at, "memory", kMaxTextLength, &in->memory);
    r.string(o, at, "model", 4096, &in->modelName);
    if (!r.failed() && in->modelName.trimmed().isEmpty())
        r.failField(QStringLiteral("input.model"), QStringLiteral("\"toy\" or a model path"), o.value(QStringLiteral("model")));
    if (const auto toy = r.object(o, at, "toy")) {
        const QString toyAt = QStringLiteral("input.toy");
        r.onlyKeys(*toy, toyAt, {"layers", "heads", "width"});
        r.integer(*toy, toyAt, "layers", 1, 12, &in->toyLayers);
        r.integer(*toy, toyAt, "heads", 1, 16, &in->toyHeads);
        r.integer(*toy, toyAt, "width", 4, 512, &in->toyWidth);
    }
    r.choice(o, at, "form", kMatrixFormNames, &in->form);
    r.integer(o, at, "heads", 1, 16, &in->heads);
    r.string(o, at, "exp_overrides", 4096, &in->expOverrides);
    // Sessions written before the rows had names have neither field: numbered rows, as they were shown then.
    r.strings(o, at, "tokens", kMaxMatrixSide, kMaxTokenLength, &in->tokens);
    r.strings(o, at, "memory_tokens", kMaxMatrixSide, kMaxTokenLength, &in->memoryTokens);
    if (const auto matrices = r.object(o, at, "matrices")) {
        in->matrices.clear();
        const QString matricesAt = QStringLiteral("input.matrices");
        r.onlyKeys(*matrices, matricesAt, kMatrixNames);
        for (auto it = matrices->begin(); it != matrices->end() && !r.failed(); ++it)
            if (auto cells = r.cellRows(it.value(), matricesAt + QLatin1Char('.') + it.key(), kMaxMatrixSide))
                in->matrices[it.key()] = std::move(*cells);
    }
}

// The largest layer or head number a session may name: beyond any model's, so that a corrupted file cannot ask
// for an absurd ablation; whether the model has it is checked when it runs.
constexpr int kMaxAblatedIndex = 1024;

// "ablation": {"heads": [[layer, head], …], "mlps": [layer, …], "mode": "zero"|"mean"}, 1-based -> 0-based.
void readAblation(SessionJsonReader& r, const QJsonObject& o, model::Ablation* ablation)
{
    const QString at = QStringLiteral("compute.ablation");
    r.onlyKeys(o, at, {"heads", "mlps", "mode"});
    const auto wholeNumber = [](const QJsonValue& v) {
        const double d = v.toDouble();
        return v.isDouble() && d == std::floor(d) && d >= 1 && d <= kMaxAblatedIndex;
    };
    const QString range = QStringLiteral("from 1 to %1").arg(kMaxAblatedIndex);
    if (o.contains(QStringLiteral("heads")) && !r.failed()) {
        const QJsonValue heads = o.value(QStringLiteral("heads"));
        if (!heads.isArray()) {
            r.failField(at + QStringLiteral(".heads"), QStringLiteral("an array of [layer, head] pairs"), heads);
            return;
        }
        const QJsonArray items = heads.toArray();
        for (qsizetype i = 0; i < items.size(); ++i) {
            const QJsonArray pair = items[i].toArray();
            if (!items[i].isArray() || pair.size() != 2 || !wholeNumber(pair[0]) || !wholeNumber(pair[1])) {
                r.failField(QStringLiteral("%1.heads[%2]").arg(at).arg(i),
                            QStringLiteral("a pair [layer, head] of whole numbers %1 (1-based)").arg(range),
                            items[i].isArray() && pair.size() == 2 ? (wholeNumber(pair[0]) ? pair[1] : pair[0]) : items[i]);
                return;
            }
            ablation->heads.push_back({pair[0].toInt() - 1, pair[1].toInt() - 1});
        }
    }
    if (o.contains(QStringLiteral("mlps")) && !r.failed()) {
        const QJsonValue mlps = o.value(QStringLiteral("mlps"));
        if (!mlps.isArray()) {
            r.failField(at + QStringLiteral(".mlps"), QStringLiteral("an array of layer numbers"), mlps);
            return;
        }
        const QJsonArray items = mlps.toArray();
        for (qsizetype i = 0; i < items.size(); ++i) {
            if (!wholeNumber(items[i])) {
                r.failField(QStringLiteral("%1.mlps[%2]").arg(at).arg(i),
                            QStringLiteral("a layer number %1 (1-based)").arg(range), items[i]);
                return;
            }
            ablation->mlps.push_back(items[i].toInt() - 1);
        }
    }
    r.choice(o, at, "mode", model::kAblationModeNames, &ablation->mode);
    *ablation = ablation->normalized();
}

void readCompute(SessionJsonReader& r, const QJsonObject& o, ComputeState* c)
{
    const QString at = QStringLiteral("compute");
    r.onlyKeys(o, at,
               {"mask", "window", "padding", "custom_mask", "scaling", "temperature", "positional", "norm", "ablation"});
    r.choice(o, at, "mask", model::kMaskKindNames, &c->mask.kind);
    r.integer(o, at, "window", 1, 512, &c->mask.window);
    r.integer(o, at, "padding", 0, 512, &c->mask.padding);
    if (o.contains(QStringLiteral("custom_mask")))
        if (auto mask = r.boolRows(o.value(QStringLiteral("custom_mask")), QStringLiteral("compute.custom_mask"), kMaxMatrixSide))
            c->mask.custom = std::move(*mask);
    if (!r.failed() && c->mask.kind == model::MaskKind::Custom && c->mask.custom.size() == 0)
        r.fail(QStringLiteral("field \"compute.mask\" is \"custom\" but there is no \"compute.custom_mask\""));
    r.choice(o, at, "scaling", model::kScaleKindNames, &c->scaling.kind);
    r.number(o, at, "temperature", 0.1, 10.0, &c->scaling.temperature);
    r.choice(o, at, "positional", model::kPositionalKindNames, &c->positional);
    r.choice(o, at, "norm", model::kNormPlacementNames, &c->placement);
    // Sessions saved before heads could be switched off have no "ablation": everything on.
    if (const auto ablation = r.object(o, at, "ablation"))
        readAblation(r, *ablation, &c->ablation);
}

void readView(SessionJsonReader& r, const QJsonObject& o, Session* s)
{
    const QString at = QStringLiteral("view");
    r.onlyKeys(o, at, {"name", "layer", "head", "query", "exact", "theme", "presentation", "colormap", "color_scale"});
    r.string(o, at, "name", 64, &s->view);
    int layer = s->layer + 1;
    if (r.integer(o, at, "layer", 1, kMaxIndex, &layer))
        s->layer = layer - 1;
    const QJsonValue head = o.value(QStringLiteral("head"));
    if (head.isString()) {
        r.choice(o, at, "head", kHeadChoices, &s->head);
    } else {
        int oneBased = s->head + 1;
        if (!head.isUndefined() && !head.isDouble())
            r.failField(QStringLiteral("view.head"), QStringLiteral("a head number or \"all\", \"average\", \"max\""), head);
        else if (r.integer(o, at, "head", 1, kMaxIndex, &oneBased))
            s->head = oneBased - 1;
    }
    if (o.value(QStringLiteral("query")).isNull()) {
        s->query = -1;
    } else {
        int query = s->query + 1;
        if (r.integer(o, at, "query", 1, kMaxIndex, &query))
            s->query = query - 1;
    }
    r.boolean(o, at, "exact", &s->exact);
    widgets::Theme theme{};
    if (o.contains(QStringLiteral("theme")) && r.choice(o, at, "theme", kThemes, &theme))
        s->theme = theme;
    bool presentation = false;
    if (o.contains(QStringLiteral("presentation")) && r.boolean(o, at, "presentation", &presentation))
        s->presentation = presentation;
    widgets::ColorMapKind map{};
    if (o.contains(QStringLiteral("colormap")) && r.choice(o, at, "colormap", kColorMaps, &map))
        s->colorMap = map;
    widgets::ColorScale scale{};
    if (o.contains(QStringLiteral("color_scale")) && r.choice(o, at, "color_scale", widgets::kColorScaleNames, &scale))
        s->colorScale = scale;
}

// "compare": {"text", "model", "view", "shown"}; a model B that is given must name one, a view one that compares.
void readComparison(SessionJsonReader& r, const QJsonObject& o, SessionComparison* c)
{
    const QString at = QStringLiteral("compare");
    r.onlyKeys(o, at, {"text", "model", "view", "shown"});
    r.string(o, at, "text", kMaxTextLength, &c->text);
    if (r.string(o, at, "model", 4096, &c->model) && o.contains(QStringLiteral("model")) && c->model.trimmed().isEmpty())
        r.failField(QStringLiteral("compare.model"), QStringLiteral("\"toy\" or a model path (left out: A's model)"),
                    o.value(QStringLiteral("model")));
    QStringList views = widgets::viewNames();
    views.removeAll(QStringLiteral("patching"));
    if (r.string(o, at, "view", 64, &c->view) && !views.contains(c->view)) {
        QStringList quoted;
        for (const QString& name : views)
            quoted << QStringLiteral("\"%1\"").arg(name);
        r.failField(QStringLiteral("compare.view"), QStringLiteral("one of ") + quoted.join(QStringLiteral(", ")),
                    o.value(QStringLiteral("view")));
    }
    r.boolean(o, at, "shown", &c->shown);
}

QJsonArray rowsToJson(const std::vector<QStringList>& rows)
{
    QJsonArray out;
    for (const QStringList& row : rows)
        out.append(QJsonArray::fromStringList(row));
    return out;
}

} // namespace

QJsonObject sessionToJson(const Session& s)
{
    const InputState& in = s.workspace.input;
    const ComputeState& c = s.workspace.compute;
    QJsonObject matrices;
    for (const auto& [name, rows] : in.matrices)
        matrices.insert(name, rowsToJson(rows));
    QJsonObject input{
        {QStringLiteral("mode"), model::enumName(kInputModeNames, in.mode)},
        {QStringLiteral("text"), in.text},
        {QStringLiteral("memory"), in.memory},
        {QStringLiteral("model"), in.modelName},
        {QStringLiteral("toy"), QJsonObject{{QStringLiteral("layers"), in.toyLayers},
                                            {QStringLiteral("heads"), in.toyHeads},
                                            {QStringLiteral("width"), in.toyWidth}}},
        {QStringLiteral("form"), model::enumName(kMatrixFormNames, in.form)},
        {QStringLiteral("matrices"), matrices},
        {QStringLiteral("heads"), in.heads},
        {QStringLiteral("exp_overrides"), in.expOverrides}};
    // Left out when empty, so that a session without names still opens in versions that do not know them.
    if (!in.tokens.isEmpty())
        input.insert(QStringLiteral("tokens"), QJsonArray::fromStringList(in.tokens));
    if (!in.memoryTokens.isEmpty())
        input.insert(QStringLiteral("memory_tokens"), QJsonArray::fromStringList(in.memoryTokens));
    QJsonObject compute{{QStringLiteral("mask"), model::enumName(model::kMaskKindNames, c.mask.kind)},
                        {QStringLiteral("window"), c.mask.window},
                        {QStringLiteral("padding"), c.mask.padding},
                        {QStringLiteral("scaling"), model::enumName(model::kScaleKindNames, c.scaling.kind)},
                        {QStringLiteral("temperature"), c.scaling.temperature},
                        {QStringLiteral("positional"), model::enumName(model::kPositionalKindNames, c.positional)},
                        {QStringLiteral("norm"), model::enumName(model::kNormPlacementNames, c.placement)}};
    if (c.mask.custom.size() > 0) {
        QJsonArray rows;
        for (Eigen::Index r = 0; r < c.mask.custom.rows(); ++r) {
            QJsonArray row;
            for (Eigen::Index k = 0; k < c.mask.custom.cols(); ++k)
                row.append(c.mask.custom(r, k) ? 1 : 0);
            rows.append(row);
        }
        compute.insert(QStringLiteral("custom_mask"), rows);
    }
    // Left out when nothing is off, so that such a session still opens in versions that do not know it.
    if (!c.ablation.empty()) {
        QJsonArray heads, mlps;
        for (const model::HeadRef& h : c.ablation.heads)
            heads.append(QJsonArray{h.layer + 1, h.head + 1});
        for (int l : c.ablation.mlps)
            mlps.append(l + 1);
        compute.insert(QStringLiteral("ablation"),
                       QJsonObject{{QStringLiteral("heads"), heads},
                                   {QStringLiteral("mlps"), mlps},
                                   {QStringLiteral("mode"), model::enumName(model::kAblationModeNames, c.ablation.mode)}});
    }
    QJsonObject view{{QStringLiteral("name"), s.view},
                     {QStringLiteral("layer"), s.layer + 1},
                     {QStringLiteral("query"), s.query >= 0 ? QJsonValue(s.query + 1) : QJsonValue(QJsonValue::Null)},
                     {QStringLiteral("exact"), s.exact}};
    view.insert(QStringLiteral("head"), s.head >= 0 ? QJsonValue(s.head + 1) : QJsonValue(model::enumName(kHeadChoices, s.head)));
    if (s.theme)
        view.insert(QStringLiteral("theme"), model::enumName(kThemes, *s.theme));
    if (s.presentation)
        view.insert(QStringLiteral("presentation"), *s.presentation);
    if (s.colorMap)
        view.insert(QStringLiteral("colormap"), model::enumName(kColorMaps, *s.colorMap));
    if (s.colorScale)
        view.insert(QStringLiteral("color_scale"), model::enumName(widgets::kColorScaleNames, *s.colorScale));
    QJsonObject root{{QStringLiteral("format"), QStringLiteral("attnlab-session")},
                     {QStringLiteral("version"), kSessionVersion},
                     {QStringLiteral("input"), input},
                     {QStringLiteral("compute"), compute},
                     {QStringLiteral("view"), view}};
    if (s.comparison) {
        QJsonObject compare{{QStringLiteral("text"), s.comparison->text},
                            {QStringLiteral("view"), s.comparison->view},
                            {QStringLiteral("shown"), s.comparison->shown}};
        // Left out for A's own model.
        if (!s.comparison->model.isEmpty()) compare.insert(QStringLiteral("model"), s.comparison->model);
        root.insert(QStringLiteral("compare"), compare);
    }
    if (!s.lesson.isEmpty())
        root.insert(QStringLiteral("lesson"), s.lesson);
    if (!s.autosaveOf.isEmpty())
        root.insert(QStringLiteral("autosave_of"), s.autosaveOf);
    return root;
}

model::Result<Session> parseSession(const QByteArray& json, const QString& fileName)
{
    SessionJsonReader r(fileName);
    const auto root = r.document(json);
    if (!root)
        return Failure::failure(r.error());
    const QJsonValue format = root->value(QStringLiteral("format"));
    if (format != QJsonValue(QStringLiteral("attnlab-session")))
        return Failure::failure(QStringLiteral("%1: not an AttnLab session (field \"format\" must be \"attnlab-session\", got %2)")
                                    .arg(fileName, format.isUndefined() ? QStringLiteral("nothing") : model::describeJson(format)));
    const QJsonValue version = root->value(QStringLiteral("version"));
    if (!version.isDouble() || version.toDouble() != std::floor(version.toDouble()) || version.toDouble() < 1)
        return Failure::failure(QStringLiteral("%1: field \"version\" must be a whole number from 1, got %2")
                                    .arg(fileName, describeKind(version)));
    if (version.toDouble() > kSessionVersion)
        return Failure::failure(QStringLiteral("%1 was saved by a newer AttnLab (session version %2); this version reads "
                                               "version %3: please update AttnLab")
                                    .arg(fileName).arg(version.toDouble()).arg(kSessionVersion));
    Session session;
    r.onlyKeys(*root, QString(), {"format", "version", "input", "compute", "view", "compare", "lesson", "autosave_of"});
    if (const auto input = r.object(*root, QString(), "input"))
        readInput(r, *input, &session.workspace.input);
    if (const auto compute = r.object(*root, QString(), "compute"))
        readCompute(r, *compute, &session.workspace.compute);
    if (const auto view = r.object(*root, QString(), "view"))
        readView(r, *view, &session);
    if (const auto compare = r.object(*root, QString(), "compare")) {
        session.comparison = SessionComparison{};
        readComparison(r, *compare, &*session.comparison);
    }
    r.string(*root, QString(), "lesson", 64, &session.lesson);
    r.string(*root, QString(), "autosave_of", 4096, &session.autosaveOf);
    if (r.failed())
        return Failure::failure(r.error());
    return session;
}

model::Result<Session> readSessionFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Failure::failure(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    if (file.size() > kMaxSessionBytes)
        return Failure::failure(QStringLiteral("%1: %2 bytes is too large for a session file (limit %3)")
                                    .arg(path).arg(file.size()).arg(kMaxSessionBytes));
    // Read one byte past the limit: a file that grows while it is read, or a device that reports no size,
    // is still refused.
    const QByteArray bytes = file.read(kMaxSessionBytes + 1);
    if (bytes.size() > kMaxSessionBytes)
        return Failure::failure(QStringLiteral("%1: too large for a session file (limit %2 bytes)").arg(path).arg(kMaxSessionBytes));
    auto session = parseSession(bytes, path);
    if (!session)
        return session;
    QString& model = session->workspace.input.modelName;
    if (!model::isToyModel(model)) {
        // Sessions sent along with their model folder may name it relative to the session file.
        if (QFileInfo(model).isRelative())
            model = QFileInfo(path).absoluteDir().absoluteFilePath(model);
        if (!QFileInfo::exists(model)) {
            session->warnings << QStringLiteral("%1: the model %2 no longer exists; using the toy model instead").arg(path, model);
            model = model::toyModelName();
        }
    }
    // Model B likewise; one that no longer exists gives way to A's own.
    if (session->comparison && !session->comparison->model.isEmpty() && !model::isToyModel(session->comparison->model)) {
        QString& modelB = session->comparison->model;
        if (QFileInfo(modelB).isRelative()) modelB = QFileInfo(path).absoluteDir().absoluteFilePath(modelB);
        if (!QFileInfo::exists(modelB)) {
            session->warnings << QStringLiteral("%1: the model B %2 no longer exists; comparing with A's model instead")
                                     .arg(path, modelB);
            modelB.clear();
        }
    }
    return session;
}

model::Result<void> writeSessionFile(const QString& path, const Session& session)
{
    const QByteArray json = QJsonDocument(sessionToJson(session)).toJson(QJsonDocument::Indented);
    return model::writeFileAtomically(path, json);
}

} // namespace attnlab::app
