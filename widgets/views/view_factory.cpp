#include "widgets/views/view_factory.h"

#include "widgets/views/arc_view.h"
#include "widgets/views/head_effects_view.h"
#include "widgets/views/head_roles_view.h"
#include "widgets/views/head_view.h"
#include "widgets/views/heatmap_view.h"
#include "widgets/views/lens_view.h"
#include "widgets/views/model_view.h"
#include "widgets/views/patching_view.h"
#include "widgets/views/positional_view.h"
#include "widgets/views/qk_view.h"
#include "widgets/views/residual_view.h"
#include "widgets/views/rollout_view.h"
#include "widgets/views/step_view.h"

#include <functional>

namespace attnlab::widgets {

namespace {

struct ViewEntry {
    QString name;
    const char* title; // translated by viewTitle(), so that it follows the language installed by then
    std::function<std::unique_ptr<TraceView>(QWidget*)> create;
};

const QList<ViewEntry>& entries()
{
    const auto make = [](auto* tag) {
        using View = std::remove_pointer_t<decltype(tag)>;
        return [](QWidget* parent) -> std::unique_ptr<TraceView> { return std::make_unique<View>(parent); };
    };
    static const QList<ViewEntry> list{
        {QStringLiteral("heatmap"), QT_TRANSLATE_NOOP("QObject", "Heatmap"),
         make(static_cast<HeatmapView*>(nullptr))},
        {QStringLiteral("heads"), QT_TRANSLATE_NOOP("QObject", "Head view"),
         make(static_cast<HeadView*>(nullptr))},
        {QStringLiteral("arcs"), QT_TRANSLATE_NOOP("QObject", "Arcs"), make(static_cast<ArcView*>(nullptr))},
        {QStringLiteral("model"), QT_TRANSLATE_NOOP("QObject", "Model view"),
         make(static_cast<ModelView*>(nullptr))},
        {QStringLiteral("steps"), QT_TRANSLATE_NOOP("QObject", "Step by step"),
         make(static_cast<StepView*>(nullptr))},
        {QStringLiteral("pe"), QT_TRANSLATE_NOOP("QObject", "Positional encoding"),
         make(static_cast<PositionalView*>(nullptr))},
        {QStringLiteral("residual"), QT_TRANSLATE_NOOP("QObject", "Residual stream"),
         make(static_cast<ResidualView*>(nullptr))},
        {QStringLiteral("roles"), QT_TRANSLATE_NOOP("QObject", "Head roles"),
         make(static_cast<HeadRolesView*>(nullptr))},
        {QStringLiteral("rollout"), QT_TRANSLATE_NOOP("QObject", "Rollout"),
         make(static_cast<RolloutView*>(nullptr))},
        {QStringLiteral("effects"), QT_TRANSLATE_NOOP("QObject", "Which heads matter"),
         make(static_cast<HeadEffectsView*>(nullptr))},
        {QStringLiteral("lens"), QT_TRANSLATE_NOOP("QObject", "Logit lens"), make(static_cast<LensView*>(nullptr))},
        {QStringLiteral("qk"), QT_TRANSLATE_NOOP("QObject", "Queries & keys"), make(static_cast<QkView*>(nullptr))},
        {QStringLiteral("patching"), QT_TRANSLATE_NOOP("QObject", "Patching"), make(static_cast<PatchingView*>(nullptr))},
    };
    return list;
}

} // namespace

QStringList viewNames()
{
    QStringList names;
    for (const ViewEntry& e : entries())
        names << e.name;
    return names;
}

QString viewTitle(const QString& name)
{
    for (const ViewEntry& e : entries())
        if (e.name == name)
            return QObject::tr(e.title);
    return {};
}

std::unique_ptr<TraceView> createView(const QString& name, QWidget* parent)
{
    for (const ViewEntry& e : entries())
        if (e.name == name)
            return e.create(parent);
    return nullptr;
}

} // namespace attnlab::widgets
