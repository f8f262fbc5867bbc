#pragma once

// What qk_figure.cpp (data, layout, hit testing) and qk_figure_paint.cpp (painting) share: the translation context,
// the font sizes and the small texts and colours both need. Not for other files.

#include "widgets/views/qk_figure.h"

#include <QCoreApplication>

namespace attnlab::widgets::qk_parts {

// The texts drawn here are translated in QkView's context, though these functions belong to no QObject.
struct QkTr {
    Q_DECLARE_TR_FUNCTIONS(attnlab::widgets::QkView)
};

inline constexpr double kQkTitlePoints = 12.5, kQkSmallPoints = 9, kQkLegendPoints = 9;

// A token in quotes: isolated, so that a right-to-left token keeps its quotes in place.
QString qkIsolated(const QString& token);
// 0.305 -> "31%" (one decimal under 10%), left to right.
QString qkPercent(double fraction);
// 0.2349 -> "0.23", left to right.
QString qkWeightText(double weight);
// The colour of position (0-based) of `count` positions: the weight map from its start to its top.
QColor qkPositionColor(const ViewStyle& style, int position, int count);
// The positions the colour bar spans: max(T, S).
int qkPositions(const QkData& data);
// "PC 1 (31% of the variance)".
QString qkAxisTitle(int component, double explained);
QString qkStrongestTitle(const QkData& data);
// Start-aligned text whatever the painter's direction.
int qkStart(Qt::LayoutDirection direction);
// The legend's texts: query, key, the line, the colour bar's title, the strongest keys' title.
QStringList qkLegendTexts(const QkData& data);

} // namespace attnlab::widgets::qk_parts
