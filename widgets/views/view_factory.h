#pragma once

// Every view by its command-line name, for the main window, the export dialog and `attnlab export`.

#include <QStringList>

#include <memory>

class QWidget;

namespace attnlab::widgets {

class TraceView;

// "heatmap", "heads", "arcs", "model", "steps", "pe", "residual", "roles", "rollout", "effects", "lens", "qk", "patching", in the order the app shows them.
QStringList viewNames();

// The view's title for tabs and menus ("Heatmap", "Head view", …).
QString viewTitle(const QString& name);

// name -> a new view, or nullptr for an unknown name.
std::unique_ptr<TraceView> createView(const QString& name, QWidget* parent = nullptr);

} // namespace attnlab::widgets
