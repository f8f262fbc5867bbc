#pragma once

// The application's palette for a ViewStyle: the light theme is the platform's own; the dark theme is built
// from the ViewStyle's colours, so that the panels, the controls and the views share one set of colours.

#include "widgets/drawing/view_style.h"

#include <QPalette>

namespace attnlab::widgets {

// standard: the platform style's palette (QApplication::style()->standardPalette()).
QPalette applicationPalette(const ViewStyle& style, const QPalette& standard);

} // namespace attnlab::widgets
