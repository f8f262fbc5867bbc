#include "app/lessons/lesson_extra_curves.h"

#include "widgets/controls/lesson_chart.h"
#include "model/teaching/lesson_curves.h"
#include "model/teaching/parameter_count.h"

#include <QGridLayout>
#include <QLabel>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

namespace attnlab::app {

namespace {

constexpr int kNormSteps = 120; // slider positions over 0 … kMaxNorm

// bytes -> "48 MiB", "2.25 GiB" (binary units, as memory is sized).
QString bytesText(double bytes)
{
    const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
    int unit = 0;
    while (bytes >= 1024.0 && unit < 4) {
        bytes /= 1024.0;
        ++unit;
    }
    return QStringLiteral("%1 %2").arg(QString::number(bytes, 'g', 4), QLatin1String(units[unit]));
}

} // namespace

OrthogonalInputsExtra::OrthogonalInputsExtra(const model::Lesson& lesson, QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("orthogonalInputsExtra"));
    if (lesson.problem) {
        m_x = lesson.problem->x ? *lesson.problem->x : lesson.problem->q.value_or(model::Matrix());
        m_scaling = lesson.problem->options.scaling;
    }
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* row = new QGridLayout;
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setRange(0, kNormSteps);
    m_slider->setToolTip(tr("The norm c = ‖x_n‖ of every input"));
    row->addWidget(new QLabel(tr("Norm c"), this), 0, 0);
    row->addWidget(m_slider, 0, 1);
    layout->addLayout(row);
    m_chart = new widgets::LessonChart(this);
    layout->addWidget(m_chart, 1);
    m_value = new QLabel(this);
    m_value->setWordWrap(true);
    layout->addWidget(m_value);

    std::vector<double> norms;
    for (int i = 0; i <= kNormSteps; ++i)
        norms.push_back(kMaxNorm * i / kNormSteps);
    std::vector<QPointF> points;
    for (const model::CurvePoint& p : model::selfAttentionShiftByNorm(m_x, m_scaling, norms))
        points.emplace_back(p.x, p.y);
    m_chart->setLine(std::move(points), tr("norm c = ‖xₙ‖"), tr("max ‖yₙ − xₙ‖"));
    connect(m_slider, &QSlider::valueChanged, this, &OrthogonalInputsExtra::normMoved);
    const double lessonNorm = m_x.rows() > 0 ? m_x.rowwise().norm().maxCoeff() : 1.0;
    setNorm(lessonNorm);
    normMoved();
}

double OrthogonalInputsExtra::norm() const
{
    return kMaxNorm * m_slider->value() / kNormSteps;
}

void OrthogonalInputsExtra::setNorm(double c)
{
    m_slider->setValue(int(std::lround(std::clamp(c, 0.0, kMaxNorm) / kMaxNorm * kNormSteps)));
}

double OrthogonalInputsExtra::shiftAtNorm() const
{
    const double longest = m_x.rows() > 0 ? m_x.rowwise().norm().maxCoeff() : 0.0;
    return longest > 0 ? model::maxSelfAttentionShift(m_x * (norm() / longest), m_scaling) : 0.0;
}

void OrthogonalInputsExtra::normMoved()
{
    const double c = norm();
    m_chart->setMarker(c, QStringLiteral("c = %1").arg(c, 0, 'g', 3));
    m_value->setText(tr("At c = %1 every output moves at most <b>%2</b> from its input: the larger the norm, the "
                        "more each token attends only to itself.")
                         .arg(c, 0, 'g', 3).arg(shiftAtNorm(), 0, 'g', 3));
}

AttentionMemoryExtra::AttentionMemoryExtra(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("attentionMemoryExtra"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* grid = new QGridLayout;
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setRange(1, kMaxTokens / 64);
    m_slider->setToolTip(tr("The number of tokens N"));
    m_heads = new QSpinBox(this);
    m_heads->setRange(1, 128);
    m_heads->setValue(12);
    m_layers = new QSpinBox(this);
    m_layers->setRange(1, 128);
    m_layers->setValue(1);
    grid->addWidget(new QLabel(tr("Tokens"), this), 0, 0);
    grid->addWidget(m_slider, 0, 1, 1, 3);
    grid->addWidget(new QLabel(tr("Heads"), this), 1, 0);
    grid->addWidget(m_heads, 1, 1);
    grid->addWidget(new QLabel(tr("Layers"), this), 1, 2);
    grid->addWidget(m_layers, 1, 3);
    layout->addLayout(grid);
    m_chart = new widgets::LessonChart(this);
    layout->addWidget(m_chart, 1);
    m_value = new QLabel(this);
    m_value->setWordWrap(true);
    layout->addWidget(m_value);
    connect(m_slider, &QSlider::valueChanged, this, &AttentionMemoryExtra::replot);
    connect(m_heads, &QSpinBox::valueChanged, this, &AttentionMemoryExtra::replot);
    connect(m_layers, &QSpinBox::valueChanged, this, &AttentionMemoryExtra::replot);
    setTokens(1024); // the lesson's example: 1024 tokens, 12 heads, one layer
    replot();
}

int AttentionMemoryExtra::tokens() const
{
    return m_slider->value() * 64;
}

void AttentionMemoryExtra::setTokens(int tokens)
{
    m_slider->setValue(int(std::lround(tokens / 64.0)));
}

void AttentionMemoryExtra::replot()
{
    const int heads = m_heads->value(), layers = m_layers->value();
    // In GiB so that the axis reads in the unit a reader compares with a GPU's memory.
    constexpr double gib = 1024.0 * 1024.0 * 1024.0;
    std::vector<QPointF> points;
    for (int n = 0; n <= kMaxTokens; n += 64)
        points.emplace_back(n, model::attentionMatrixBytes(n, heads, layers) / gib);
    m_chart->setLine(std::move(points), tr("tokens N"), tr("attention matrices (GiB)"));
    const int n = tokens();
    const double bytes = model::attentionMatrixBytes(n, heads, layers);
    m_chart->setMarker(n, QStringLiteral("N = %1").arg(n));
    // N² is passed whole: "%1²" would read the superscript two as part of the placeholder's number.
    m_value->setText(tr("N = %1: %2 × %3 heads × %4 layers × 4 bytes = <b>%5</b> bytes = <b>%6</b>. Doubling N "
                        "quadruples it; the causal mask hides half the cells but does not shrink the matrix.")
                         .arg(n).arg(QString::number(n) + QStringLiteral("²")).arg(heads).arg(layers)
                         .arg(model::withThousands(qint64(bytes)), bytesText(bytes)));
}

} // namespace attnlab::app

#include "moc_lesson_extra_curves.cpp"
