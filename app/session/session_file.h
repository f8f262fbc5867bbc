#pragma once

// A session is everything a user set up, saved as a `.attnlab` file: the workspace (input, model, mask,
// scaling …), the view and what it selects, and optionally the look and the lesson it came from.
//
// {"format": "attnlab-session", "version": 1,
//  "input":   {"mode": "sentence|matrices", "text": "…", "memory": "…", "model": "toy|/abs/path",
//              "toy": {"layers": 2, "heads": 4, "width": 32}, "form": "qkv|projected|x|cross",
//              "matrices": {"Q": [["1", "0"], …], …}, "tokens": ["x1", …], "memory_tokens": ["m1", …],
//              "heads": 1, "exp_overrides": "1/2 = 3/2"},
//  "compute": {"mask": "none|causal|window|padding|custom", "window": 3, "padding": 1,
//              "custom_mask": [[1, 0], [1, 1]], "scaling": "sqrt|none|temperature", "temperature": 1,
//              "positional": "sinusoidal|…", "norm": "pre|post",
//              "ablation": {"heads": [[layer, head], …], "mlps": [layer, …], "mode": "zero|mean"}},
//  "view":    {"name": "heatmap", "layer": 1, "head": 1|"all"|"average"|"max", "query": 2|null,
//              "exact": false, "theme": "light|dark", "presentation": false, "colormap": "viridis",
//              "color_scale": "fixed|max|log"},
//  "compare": {"text": "…", "model": "toy|/abs/path", "view": "heatmap", "shown": false},
//  "lesson": "exam-softmax", "autosave_of": "/path/of/the/session.attnlab"}
//
// Layer, head and query are 1-based in the file, as on the command line; every field but "format" and
// "version" may be left out and then takes its default. "compare" is the Compare tab: text B (empty: A's text),
// model B (left out: A's own model), the view compared (view_factory.h's names but "patching") and whether the
// tab is the one shown; while it is, "view.name" is the view compared, which `attnlab export --session` draws.

#include "model/core/result.h"
#include "widgets/drawing/view_style.h"
#include "app/workspace/workspace_state.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace attnlab::app {

// The Compare tab's setup (app/window/comparison_tab.h).
struct SessionComparison {
    QString text;                             // text B; "" = A's text (through model B)
    QString model;                            // model B; "" = A's own
    QString view = QStringLiteral("heatmap"); // the view drawn for A and B
    bool shown = false;                       // the Compare tab is the tab shown

    bool operator==(const SessionComparison&) const = default;
};

struct Session {
    WorkspaceState workspace;
    QString view = QStringLiteral("heatmap");
    int layer = 0;   // 0-based
    int head = 0;    // 0-based or a model::HeadChoice
    int query = -1;  // 0-based, −1 = none
    bool exact = false;
    std::optional<widgets::Theme> theme;
    std::optional<bool> presentation;
    std::optional<widgets::ColorMapKind> colorMap;
    std::optional<widgets::ColorScale> colorScale; // names: widgets::kColorScaleNames
    std::optional<SessionComparison> comparison; // absent in sessions from before the Compare tab
    QString lesson;     // the lesson the session started from, if any
    QString autosaveOf; // in an autosave: the session file the unsaved work belongs to ("" = untitled)

    QStringList warnings; // not stored: what reading the file noticed but could work around

    bool operator==(const Session&) const = default;
};

inline constexpr int kSessionVersion = 1;
inline constexpr qint64 kMaxSessionBytes = 4 * 1024 * 1024; // a typed session is a few kB
inline const char* const kSessionSuffix = "attnlab";

// session -> its JSON object (the layout above).
QJsonObject sessionToJson(const Session& session);

// JSON text -> session, checking every field's type and range; fileName names the file in each message
// ("s.attnlab: field \"input.matrices.Q\" must be an array of rows of strings, got a number (3)").
// Refuses invalid UTF-8, nesting deeper than the format has, and other formats or newer versions.
model::Result<Session> parseSession(const QByteArray& json, const QString& fileName);

// Reads and parses a file (refusing more than kMaxSessionBytes). A relative model path is taken relative to
// the file's folder; a model that no longer exists falls back to the toy model with a warning.
model::Result<Session> readSessionFile(const QString& path);

// Writes atomically (temporary file renamed over the target): a failed write leaves the old file intact.
model::Result<void> writeSessionFile(const QString& path, const Session& session);

} // namespace attnlab::app
