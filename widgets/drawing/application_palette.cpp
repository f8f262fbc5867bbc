#include "widgets/drawing/application_palette.h"

namespace attnlab::widgets {

QPalette applicationPalette(const ViewStyle& style, const QPalette& standard)
{
    if (style.theme == Theme::Light)
        return standard;
    QPalette palette = standard;
    palette.setColor(QPalette::Window, style.panel());
    palette.setColor(QPalette::WindowText, style.foreground());
    palette.setColor(QPalette::Base, style.background());
    palette.setColor(QPalette::AlternateBase, style.panel());
    palette.setColor(QPalette::Text, style.foreground());
    palette.setColor(QPalette::Button, style.control());
    palette.setColor(QPalette::ButtonText, style.foreground());
    palette.setColor(QPalette::Highlight, style.accent());
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::ToolTipBase, style.control());
    palette.setColor(QPalette::ToolTipText, style.foreground());
    // Disabled controls (a checkpoint's fixed settings) must look disabled on a dark projector too.
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(QPalette::Disabled, role, style.muted());
    palette.setColor(QPalette::Disabled, QPalette::Button, style.panel().lighter(110));
    return palette;
}

} // namespace attnlab::widgets
