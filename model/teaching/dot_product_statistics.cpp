#include "model/teaching/dot_product_statistics.h"

#include "model/core/random.h"

#include <algorithm>
#include <cmath>

namespace attnlab::model {

std::vector<double> sampleDotProducts(int dim, int samples, quint64 seed)
{
    SeededRandom random(seed);
    std::vector<double> dots(size_t(std::max(samples, 0)));
    for (double& dot : dots) {
        double sum = 0.0;
        for (int i = 0; i < dim; ++i)
            sum += random.normal() * random.normal();
        dot = sum;
    }
    return dots;
}

SampleMoments moments(const std::vector<double>& samples)
{
    SampleMoments m;
    if (samples.empty())
        return m;
    for (double s : samples) {
        m.mean += s;
        m.meanSquare += s * s;
    }
    m.mean /= double(samples.size());
    m.meanSquare /= double(samples.size());
    return m;
}

double maxSoftmaxWeight(const std::vector<double>& scores)
{
    if (scores.empty())
        return 0.0;
    const double top = *std::max_element(scores.begin(), scores.end());
    double sum = 0.0;
    for (double s : scores)
        sum += std::exp(s - top);
    return 1.0 / sum; // exp(top − top) / Σ exp(s − top)
}

} // namespace attnlab::model
