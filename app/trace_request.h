#pragma once

// What the user asked to compute, from the command line (and later the GUI's state): one of a matrices
// file, a sentence for a model, or a lesson; plus mask, scaling and the toy model's configuration.

#include "loaded_model.h"
#include "matrix_problem.h"
#include "toy_model.h"

#include <QString>

#include <optional>

namespace attnlab::app {

struct TraceRequest {
    QString matricesFile;             // --matrices FILE.json
    std::optional<model::MatrixProblem> problem; // matrices typed in the app (takes precedence)
    QString lesson;                   // --lesson ID: the input came from this lesson (already in problem or text)
    QString text;                     // --text "…"
    QString memory;                   // --memory "…"
    QString modelName = QStringLiteral("toy"); // --model: "toy", a Hugging Face model folder or a llama2.c .bin
    QString tokenizerPath;            // --tokenizer: defaults to the model folder
    LoadedModel checkpoint;           // the model already loaded (the app); else modelName is loaded here
    std::optional<model::MaskSpec> mask;       // --mask, overrides the file's
    std::optional<model::Scaling> scaling;     // --scaling
    model::ToyConfig toy;
};

// request -> trace, or one message naming what is wrong ("matrices.json: K has 2 columns but Q has 3").
model::Result<model::Trace> computeTrace(const TraceRequest& request);

} // namespace attnlab::app
