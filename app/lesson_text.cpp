#include "lesson_text.h"

#include <QRegularExpression>
#include <QStringList>

namespace attnlab::app {

QString mathToHtml(const QString& text)
{
    QString html = text.toHtmlEscaped();
    // Numeric fractions not glued to other symbols: "9/26" but not "1/√2", "13/3x" or a date-like "1/2/3".
    static const QRegularExpression fraction(QStringLiteral("(?<![\\w./])(\\d+)/(\\d+)(?![\\w./(√])"));
    html.replace(fraction, QStringLiteral("<sup>\\1</sup>&frasl;<sub>\\2</sub>"));
    // Subscripts and superscripts written with _ and ^: D_k, d_model, W_Q; K^T, e^2, e^(c²). Only short
    // subscripts (and "model"), so that identifiers such as exp_overrides stay as they are.
    static const QRegularExpression subscript(
        QStringLiteral("(?<=[A-Za-z\\x{03B1}-\\x{03C9}])_([A-Za-z0-9]{1,2}|model)(?![A-Za-z0-9_])"));
    html.replace(subscript, QStringLiteral("<sub>\\1</sub>"));
    static const QRegularExpression groupedSuperscript(QStringLiteral("\\^\\(([^)]*)\\)"));
    html.replace(groupedSuperscript, QStringLiteral("<sup>\\1</sup>"));
    static const QRegularExpression superscript(QStringLiteral("\\^([A-Za-z0-9]+)"));
    html.replace(superscript, QStringLiteral("<sup>\\1</sup>"));
    // `attnlab params …`: commands in a monospace font.
    static const QRegularExpression code(QStringLiteral("`([^`]+)`"));
    html.replace(code, QStringLiteral("<code>\\1</code>"));
    return html;
}

QString lessonStepsHtml(const QStringList& paragraphs, int current, bool rightToLeft)
{
    const QString direction = rightToLeft ? QStringLiteral("rtl") : QStringLiteral("ltr");
    const QString align = rightToLeft ? QStringLiteral("right") : QStringLiteral("left");
    QString html = QStringLiteral("<html><body>");
    for (int i = 0; i < paragraphs.size(); ++i) {
        // The current paragraph stands out with a tinted background; the others stay readable, not hidden,
        // so that a lecturer can point back to them.
        const QString style = i == current ? QStringLiteral("background-color:#fff2c2; color:#1a1a1a;")
                                           : QString();
        html += QStringLiteral("<a name=\"p%1\"></a><p dir=\"%2\" align=\"%3\" style=\"%4 margin-bottom:10px;\">"
                               "<b>%5.</b>&nbsp;%6</p>")
                    .arg(i)
                    .arg(direction, align, style)
                    .arg(i + 1)
                    .arg(mathToHtml(paragraphs[i]));
    }
    html += QStringLiteral("</body></html>");
    return html;
}

} // namespace attnlab::app
