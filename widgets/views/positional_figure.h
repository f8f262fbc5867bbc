#pragma once

// The positional-encoding figure, apart from its widget: four panels painted with QPainter only (so that
// an export is a vector drawing) — (a) sinusoidal waves of a few dimensions over the positions, (b) the
// position × dimension heatmap, (c) the cosine similarity of every pair of positions, (d) the naive
// "add the index" encoding whose norm grows without bound. On screen the widget hosts a QCustomPlot in
// panel (a) instead, styled after the same layout.

#include "widgets/drawing/chart_painting.h"
#include "model/core/matrix_types.h"
#ifndef Q_MOC_RUN
#include "model/trace/trace.h"
#endif
#include "widgets/drawing/view_style.h"

#include <QList>
#include <QPen>
#include <QPolygonF>
#include <QRectF>
#include <QString>

class QPainter;

namespace attnlab::widgets {

// What the figure shows, derived from the model's closed forms when the trace or dimensions change.
// For a checkpoint with RoPE the same four panels show its rotation instead of the sinusoidal encoding: RoPE
// turns feature pair i of a head by the angle p·θ_i, and the cos and sin of those angles are the sinusoidal
// encoding with the model's frequencies (its base, head size and scaling).
struct PositionalData {
    int width = 64;                // d, or the rotary features of a head
    model::RopeSpec rope;          // dims > 0: the trace's RoPE, which the frequencies follow
    std::vector<double> frequencies; // (width / 2) θ_i of pair i
    int positions = 50;            // P = max(T, 50)
    int tokens = 0;                // T of the trace: positions 0 … T−1 are shaded
    QList<int> dimensions;         // the dimensions drawn as waves, each < width
    model::Matrix sinusoidal;      // (P, d): [p, 2i] = sin(p·θ_i), [p, 2i + 1] = cos(p·θ_i)
    model::Matrix similarity;      // (P, P) cosine of every pair of rows of `sinusoidal`
    model::Vector naiveNorms;      // (P) ‖PE_naive[p]‖
    model::Vector sinusoidalNorms; // (P) ‖PE_sin[p]‖
};

// The y range of the waves panel: a little beyond ±1 so that the extremes do not touch the frame.
constexpr double kWaveLimit = 1.1;

struct PositionalLayout {
    QRectF title;                // the figure's headline
    QRectF waves;                // panel (a), with its title
    PlotAxes waveAxes;           // the plotting area of (a), positions × [−1.1, 1.1]
    QRectF waveLegend;           // right of the waves
    QRectF heatmap, similarity, naive; // panels (b), (c), (d), with their titles
};

// withTitle false: no headline (a figure under a slide's own title); the panels take its room.
PositionalLayout positionalLayout(const QSizeF& size, const PositionalData& data, const ViewStyle& style,
                                  bool withTitle = true);

// The polyline of dimension data.dimensions[index] through every position, in figure coordinates.
QPolygonF wavePolyline(const PositionalData& data, int index, const PlotAxes& axes);

// Dimension `dimension` of the encoding at a real position p: sin(p·θ_i) for dimension 2i, cos(p·θ_i) for 2i + 1,
// equal to data.sinusoidal(p, dimension) at the integers.
double waveValue(const PositionalData& data, double p, int dimension);
// Samples of the continuous wave per unit of position: θ ≤ 1 radian per position, so 8 samples draw even the
// fastest wave (period 2π ≈ 6.3 positions) smoothly.
constexpr int kWaveSamplesPerPosition = 8;
// (x, y) positions of the continuous wave of data.dimensions[index] from 0 to P − 1, kWaveSamplesPerPosition
// per unit, in data coordinates: the faint curve behind the dots at the integer positions.
QVector<QPointF> waveCurve(const PositionalData& data, int index);

// The position ticks of panel (a), shared by the export and the on-screen plot.
QList<double> waveTicks(const PositionalData& data, const PlotAxes& axes, const ViewStyle& style);

// The legend text of a wave ("dim 4 · sin · λ ≈ 62.8") and its pen (pairs share a colour, cos is dashed).
QString waveLabel(const PositionalData& data, int dimension);
QPen wavePen(const PositionalData& data, int dimension, const ViewStyle& style);
// wavePen made faint, for the continuous curve behind the dots.
QPen faintWavePen(const PositionalData& data, int dimension, const ViewStyle& style);

// Paints the whole figure; withWaves = false leaves the plotting area of (a) empty for a QCustomPlot.
void paintPositionalFigure(QPainter& painter, const QSizeF& size, const PositionalData& data, const ViewStyle& style,
                           bool withWaves, bool withTitle = true);

} // namespace attnlab::widgets
