#include "app/lessons/lesson_extra_variance.h"

#include "model/teaching/dot_product_statistics.h"
#include "model/exact/exact_format.h"
#include "widgets/controls/lesson_chart.h"
#include "model/teaching/lesson_curves.h"

#include <QGridLayout>
#include <QLabel>
#include <QSlider>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <cmath>

namespace attnlab::app {

namespace {

constexpr quint64 kSeed = 2017; // reproducible: the same d always shows the same histogram

// scores -> their softmax, as "0.98, 0.01, …" with two decimals.
QString softmaxRowText(const std::vector<double>& scores, double scale)
{
    double top = -INFINITY;
    for (const double s : scores)
        top = std::max(top, s * scale);
    std::vector<double> e;
    double sum = 0.0;
    for (const double s : scores)
        sum += e.emplace_back(std::exp(s * scale - top)); // shifted by the maximum: no overflow for large d
    QStringList texts;
    for (const double v : e)
        texts << QString::number(v / sum, 'f', 2);
    return texts.join(QStringLiteral(", "));
}

} // namespace

DotProductVarianceExtra::DotProductVarianceExtra(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("dotProductVarianceExtra"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* row = new QGridLayout;
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setRange(0, 10); // d = 2^k, 1 … 1024
    m_slider->setPageStep(1);
    m_slider->setToolTip(tr("The width d of the random vectors a and b"));
    m_dLabel = new QLabel(this);
    m_dLabel->setMinimumWidth(m_dLabel->fontMetrics().horizontalAdvance(QStringLiteral("d = 1024")) + 8);
    row->addWidget(new QLabel(tr("Width d"), this), 0, 0);
    row->addWidget(m_slider, 0, 1);
    row->addWidget(m_dLabel, 0, 2);
    layout->addLayout(row);
    m_chart = new widgets::LessonChart(this);
    layout->addWidget(m_chart, 1);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_softmax = new QLabel(this);
    m_softmax->setWordWrap(true);
    layout->addWidget(m_softmax);
    connect(&m_watcher, &QFutureWatcher<std::vector<double>>::finished, this, &DotProductVarianceExtra::samplesReady);
    connect(m_slider, &QSlider::valueChanged, this, &DotProductVarianceExtra::resample);
    m_slider->setValue(6); // d = 64 (the slider starts at 0, so this computes the first histogram)
}

DotProductVarianceExtra::~DotProductVarianceExtra()
{
    m_watcher.waitForFinished();
}

int DotProductVarianceExtra::dimension() const
{
    return 1 << m_slider->value();
}

void DotProductVarianceExtra::setDimension(int d)
{
    m_slider->setValue(std::clamp(int(std::lround(std::log2(std::max(d, 1)))), 0, 10));
}

void DotProductVarianceExtra::resample()
{
    m_dLabel->setText(QStringLiteral("d = %1").arg(dimension()));
    if (m_watcher.isRunning()) {
        m_pending = true; // one computation at a time; the latest d follows when it ends
        return;
    }
    m_requested = dimension();
    const int d = m_requested;
    m_watcher.setFuture(QtConcurrent::run([d] { return model::sampleDotProducts(d, kSamples, kSeed); }));
}

void DotProductVarianceExtra::samplesReady()
{
    if (m_pending || m_requested != dimension()) {
        m_pending = false;
        resample(); // overtaken by the slider: compute for its value instead of showing a stale d
        return;
    }
    m_samples = m_watcher.result();
    m_shownDimension = m_requested;
    const int d = m_shownDimension;
    const model::Histogram h = model::histogram(m_samples, 40);
    m_chart->setBars(h.lo, h.binWidth(), h.counts, tr("aᵀb"), tr("pairs"));
    const double sd = std::sqrt(double(d));
    m_chart->setMarker(sd, QStringLiteral("√d = %1").arg(sd, 0, 'g', 3));
    const model::SampleMoments m = model::moments(m_samples);
    // Var((aᵀb)²) = E[(aᵀb)⁴] − d² = 2d² + 6d for standard normals: the standard error of the sample mean.
    const double standardError = std::sqrt((2.0 * d * d + 6.0 * d) / kSamples);
    m_summary->setText(tr("Mean of (aᵀb)² over %1 pairs: <b>%2</b> ± %3, expected <b>E[(aᵀb)²] = d = %4</b>. "
                          "Mean of aᵀb: %5.")
                           .arg(kSamples).arg(m.meanSquare, 0, 'f', 2).arg(standardError, 0, 'f', 2).arg(d)
                           .arg(m.mean, 0, 'f', 2));
    const std::vector<double> scores(m_samples.begin(), m_samples.begin() + std::min<size_t>(kScoresShown, m_samples.size()));
    QStringList scoreTexts;
    for (const double s : scores)
        scoreTexts << QString::number(s, 'f', 1);
    m_softmax->setText(tr("Eight scores (%1):<br>softmax without ÷√d: <b>%2</b><br>softmax of scores ÷ √d: <b>%3</b>")
                           .arg(scoreTexts.join(QStringLiteral(", ")), softmaxRowText(scores, 1.0), softmaxRowText(scores, 1.0 / sd)));
}

void DotProductVarianceExtra::waitForIdle()
{
    while (m_watcher.isRunning() || m_shownDimension != dimension()) {
        m_watcher.waitForFinished();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
}

} // namespace attnlab::app

#include "moc_lesson_extra_variance.cpp"
