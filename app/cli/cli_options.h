#pragma once

// Options shared by `attnlab run` and `attnlab export`: the input (matrices file, sentence or lesson), mask, scaling,
// the toy model's configuration, and which layer / head / query to show.

#include "model/pipeline/trace_request.h"
#include "model/trace/trace_selection.h"

#include <QCommandLineParser>

#include <optional>

namespace attnlab::app {

// Declares every shared option on the parser (each takes a value).
void addCommonOptions(QCommandLineParser& parser);

// The parsed options -> a request. On failure *error says why and *usage tells whether it is a usage error
// (exit 2: no input, two inputs) or bad input (exit 1: a malformed value).
std::optional<model::TraceRequest> requestFromOptions(const QCommandLineParser& parser, QString* error, bool* usage);

// --layer L, --head H|all|average|max, --query N|token (1-based numbers) -> the selection, checked against
// the trace; *error names the option and the range when out of range. Options not given keep the values of
// `defaults` (0-based; export: layer 1, head 1; run: the last layer's first head).
std::optional<model::TraceSelection> selectionFromOptions(const QCommandLineParser& parser, const model::Trace& trace,
                                                          QString* error, const model::TraceSelection& defaults = {});

} // namespace attnlab::app
