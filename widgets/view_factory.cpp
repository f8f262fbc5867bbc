#include "view_factory.h"

#include "trace_view.h"

#include <functional>

namespace attnlab::widgets {

namespace {

struct ViewEntry {
    QString name;
    QString title;
    std::function<std::unique_ptr<TraceView>(QWidget*)> create;
};

const QList<ViewEntry>& entries()
{
    static const QList<ViewEntry> list{};
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
            return e.title;
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
