#pragma once

// From what the user set up (WorkspaceState) to what the worker computes (TraceRequest). Matrix cells are
// evaluated here, so that every invalid cell can be marked with the parser's message.

#include "model/pipeline/trace_request.h"
#include "app/workspace/workspace_state.h"

namespace attnlab::app {

struct CellError {
    QString matrix; // "Q", "Wk", …
    int row = 0;    // 0-based
    int col = 0;
    QString message;
};

struct BuiltRequest {
    std::optional<model::TraceRequest> request; // empty when the input cannot be computed
    QString error;                       // why not (first problem), for the status bar
    std::vector<CellError> cellErrors;   // every invalid cell
};

BuiltRequest buildRequest(const WorkspaceState& state);

// The matrix names each form uses, in display order.
QStringList matrixNames(MatrixForm form);

} // namespace attnlab::app
