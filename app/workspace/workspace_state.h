#pragma once

// What the user has set up in the workspace, as plain values: the input (sentence or matrices) and the
// computation controls. Snapshots of it make undo/redo, and it is what a session file will store.

#include "model/attention/ablation.h"
#include "model/attention/mask.h"
#include "model/attention/positional_encoding.h"
#include "model/attention/scaling.h"
#include "model/attention/toy_model.h"
#include "model/attention/transformer_block.h"
#include "model/core/enum_names.h"

#include <QString>
#include <QStringList>

#include <map>
#include <vector>

namespace attnlab::app {

enum class InputMode { Sentence, Matrices };
// Cross: queries from X, keys and values from a second sequence, the memory M (K = M·W_k, V = M·W_v).
enum class MatrixForm { QKV, Projected, XAlone, Cross };

// The names a session file writes them with.
inline constexpr std::array<model::EnumName<InputMode>, 2> kInputModeNames{{
    {InputMode::Sentence, "sentence"},
    {InputMode::Matrices, "matrices"},
}};
inline constexpr std::array<model::EnumName<MatrixForm>, 4> kMatrixFormNames{{
    {MatrixForm::QKV, "qkv"},
    {MatrixForm::Projected, "projected"},
    {MatrixForm::XAlone, "x"},
    {MatrixForm::Cross, "cross"},
}};

struct InputState {
    InputMode mode = InputMode::Sentence;
    QString text = QStringLiteral("The animal didn't cross the street because it was too tired.");
    QString memory;
    QString modelName = model::toyModelName(); // or a checkpoint's path
    int toyLayers = model::ToyConfig{}.layers; // the toy model's defaults, shared with the command line
    int toyHeads = model::ToyConfig{}.heads;
    int toyWidth = model::ToyConfig{}.dModel;
    MatrixForm form = MatrixForm::QKV;
    std::map<QString, std::vector<QStringList>> matrices; // "Q", "K", "V", "X", "M", "Wq", "Wk", "Wv", "Wo"
    // Names of the query rows (Q or X) and of the key rows (K or M) that the views label them with; empty, or
    // of another length than the rows, means numbered names (x1, x2, …).
    QStringList tokens;
    QStringList memoryTokens;
    int heads = 1;
    QString expOverrides; // "1/2 = 3/2; 1 = 8/3"

    bool operator==(const InputState&) const = default;
};

struct ComputeState {
    // The mask chosen, with the window size, padding count and custom matrix the user last set, kept while
    // another kind is chosen (choosing the window again brings its size back).
    model::MaskSpec mask{model::MaskKind::None, 3, 1, {}};
    model::Scaling scaling; // the temperature, too, is kept while another scaling is chosen
    model::PositionalKind positional = model::PositionalKind::Sinusoidal;
    model::NormPlacement placement = model::NormPlacement::Pre;
    int maxTokens = 0; // run only the first maxTokens tokens of a long text (0: all), after a token limit
    int maxLayers = 0; // run only the first maxLayers layers (0: all), after a memory limit
    // Heads and MLPs switched off (model/attention/ablation.h), normalized; for a sentence only (typed matrices
    // have no layers to switch off). Set by the views' context menus and the Ablation menu, not the control bar.
    model::Ablation ablation;

    // Every field: a field left out would make a change of it no undo step.
    bool operator==(const ComputeState&) const = default;
};

struct WorkspaceState {
    InputState input;
    ComputeState compute;
    bool operator==(const WorkspaceState&) const = default;
};

// The exam problem of the course, the default of matrix mode.
InputState examMatrices();

} // namespace attnlab::app
