#pragma once

// The dot-product-variance lesson's extra: a slider for the width d (1 … 1024, powers of two), a histogram of
// aᵀb over 2000 Monte Carlo pairs of standard-normal vectors (computed on a worker thread), the sample mean of
// (aᵀb)² beside its expectation d, and the softmax of eight such scores with and without the 1/√d scaling.

#include <QFutureWatcher>
#include <QWidget>

#include <vector>

class QLabel;
class QSlider;

namespace attnlab::widgets {
class LessonChart;
}

namespace attnlab::app {

class DotProductVarianceExtra : public QWidget {
    Q_OBJECT
public:
    explicit DotProductVarianceExtra(QWidget* parent = nullptr);
    ~DotProductVarianceExtra() override;

    static constexpr int kSamples = 2000;
    static constexpr int kScoresShown = 8;

    int dimension() const; // d = 2^slider
    void setDimension(int d); // the nearest power of two
    QSlider* slider() const { return m_slider; }
    widgets::LessonChart* chart() const { return m_chart; }
    QLabel* summary() const { return m_summary; }
    QLabel* softmaxText() const { return m_softmax; }
    // The samples behind the histogram shown, for d = shownDimension() (empty until the first result).
    const std::vector<double>& samples() const { return m_samples; }
    int shownDimension() const { return m_shownDimension; }
    void waitForIdle(); // tests: until the latest d's samples are shown

private:
    void resample();
    void samplesReady();

    QSlider* m_slider = nullptr;
    QLabel* m_dLabel = nullptr;
    widgets::LessonChart* m_chart = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_softmax = nullptr;
    QFutureWatcher<std::vector<double>> m_watcher;
    int m_requested = 0;        // the d of the running computation
    bool m_pending = false;     // the slider moved while it ran
    std::vector<double> m_samples;
    int m_shownDimension = 0;
};

} // namespace attnlab::app
