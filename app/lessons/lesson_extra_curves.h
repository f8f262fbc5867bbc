#pragma once

// Two lesson extras that plot one quantity against a slider:
// - orthogonal-inputs: max_n ‖y_n − x_n‖ of self-attention on the lesson's X rescaled to row norm c, against
//   c (0 … 6); the slider marks c and states the value there;
// - causal-mask: the memory of the attention matrices, tokens² · heads · layers · 4 bytes, against the number
//   of tokens (up to 8192), for heads and layers set in spin boxes; the slider marks a length.
// The curves are a few hundred 3 × 3 attentions or products: cheap enough to compute where they are shown.

#include "model/teaching/lesson.h"

#include <QWidget>

class QLabel;
class QSlider;
class QSpinBox;

namespace attnlab::widgets {
class LessonChart;
}

namespace attnlab::app {

class OrthogonalInputsExtra : public QWidget {
    Q_OBJECT
public:
    // lesson must hold a matrices problem with X (or Q): its rows are the inputs.
    explicit OrthogonalInputsExtra(const model::Lesson& lesson, QWidget* parent = nullptr);

    static constexpr double kMaxNorm = 6.0;
    double norm() const;        // c, the slider's value (steps of 0.05)
    void setNorm(double c);
    double shiftAtNorm() const; // max_n ‖y_n − x_n‖ at c
    QSlider* slider() const { return m_slider; }
    widgets::LessonChart* chart() const { return m_chart; }
    QLabel* valueText() const { return m_value; }

private:
    void normMoved();

    model::Matrix m_x;
    model::Scaling m_scaling;
    QSlider* m_slider = nullptr;
    widgets::LessonChart* m_chart = nullptr;
    QLabel* m_value = nullptr;
};

class AttentionMemoryExtra : public QWidget {
    Q_OBJECT
public:
    explicit AttentionMemoryExtra(QWidget* parent = nullptr);

    static constexpr int kMaxTokens = 8192;
    int tokens() const;
    void setTokens(int tokens); // the nearest multiple of 64
    QSpinBox* heads() const { return m_heads; }
    QSpinBox* layers() const { return m_layers; }
    widgets::LessonChart* chart() const { return m_chart; }
    QLabel* valueText() const { return m_value; }

private:
    void replot();

    QSlider* m_slider = nullptr; // tokens / 64
    QSpinBox* m_heads = nullptr;
    QSpinBox* m_layers = nullptr;
    widgets::LessonChart* m_chart = nullptr;
    QLabel* m_value = nullptr;
};

} // namespace attnlab::app
