#pragma once

// A token chip's label contrast as its strip draws it, for the tests of the strip and of the window's themes.

#include <QImage>
#include <QPushButton>
#include <QWidget>

#include <algorithm>
#include <cstdlib>
#include <map>

namespace attnlab::test {

// The largest grey-level difference between the chip's background (the commonest grey inside its border) and any
// pixel inside the border: light text on a light chip has next to none. The strip is grabbed, not the chip: the
// chip's own grab() draws with the chip's palette, stale or not, and so is no witness.
inline int labelContrast(QWidget* strip, QPushButton* chip)
{
    const QImage image = strip->grab(QRect(chip->mapTo(strip, QPoint(0, 0)), chip->size())).toImage();
    const QRect inner = image.rect().adjusted(4, 4, -4, -4);
    std::map<int, int> counts;
    for (int y = inner.top(); y <= inner.bottom(); ++y)
        for (int x = inner.left(); x <= inner.right(); ++x)
            ++counts[qGray(image.pixel(x, y))];
    const int background =
        std::max_element(counts.begin(), counts.end(), [](auto& a, auto& b) { return a.second < b.second; })->first;
    int contrast = 0;
    for (const auto& [grey, count] : counts)
        contrast = std::max(contrast, std::abs(grey - background));
    return contrast;
}

} // namespace attnlab::test
