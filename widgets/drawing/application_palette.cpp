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
    // White on the accent itself (#3584e4) is 3.8 : 1, under WCAG's 4.5 : 1 for text; a fifth darker it
    // is 5.1 : 1 and still the accent's blue.
    palette.setColor(QPalette::Highlight, style.accent().darker(120));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::ToolTipBase, style.control());
    palette.setColor(QPalette::ToolTipText, style.foreground());
    // The platform's placeholder (black at half opacity) and link blue (#0000ff) vanish on the dark base
    // (1.3 : 1 and 1.9 : 1); a lighter muted grey and accent reach 5.4 : 1 and 6 : 1, the grey still dimmer
    // than typed text.
    palette.setColor(QPalette::PlaceholderText, style.muted().lighter(115));
    palette.setColor(QPalette::Link, style.accent().lighter(120));
    palette.setColor(QPalette::LinkVisited, style.accent().lighter(120));
    // Disabled controls (a checkpoint's fixed settings) must look disabled on a dark projector too.
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(QPalette::Disabled, role, style.muted());
    palette.setColor(QPalette::Disabled, QPalette::Button, style.panel().lighter(110));
    return palette;
}

} // namespace attnlab::widgets
