#pragma once

// "1 layer", "12 layers": counted nouns for the status bar and the figures' subtitles. English has a singular;
// the Japanese and Persian translations use one form for every count.

#include <QString>

namespace attnlab::widgets {

QString layerCount(qsizetype n);
QString headCount(qsizetype n);
QString tokenCount(qsizetype n);

} // namespace attnlab::widgets
