#pragma once

// Whether an exported figure file is whole, read the way its format is read: an SVG is well-formed XML that ends
// in </svg>, a PNG decodes to the size asked and ends with its IEND chunk, a PDF starts with %PDF- and ends with
// %%EOF. For the tests that export figures while something else happens (the GUI monkey, a kill).

#include <QByteArray>
#include <QFile>
#include <QImage>
#include <QSize>
#include <QString>
#include <QXmlStreamReader>

namespace attnlab::test {

// "" when the figure file at path is whole, else what is wrong with it. expected: the PNG's size in pixels.
inline QString figureFileProblem(const QString& path, const QSize& expected)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return QStringLiteral("cannot be read");
    const QByteArray data = file.readAll();
    if (path.endsWith(QLatin1String(".svg"))) {
        QXmlStreamReader xml(data);
        while (!xml.atEnd()) xml.readNext();
        if (xml.hasError()) return QStringLiteral("is not well-formed XML: %1").arg(xml.errorString());
        if (!data.trimmed().endsWith("</svg>")) return QStringLiteral("does not end in </svg>");
    } else if (path.endsWith(QLatin1String(".png"))) {
        QImage image;
        if (!image.loadFromData(data, "PNG") || image.size() != expected)
            return QStringLiteral("does not decode as a %1 × %2 PNG").arg(expected.width()).arg(expected.height());
        // The IEND chunk: length 0, "IEND", its CRC.
        if (!data.endsWith(QByteArray::fromHex("0000000049454e44ae426082"))) return QStringLiteral("has no IEND chunk");
    } else if (path.endsWith(QLatin1String(".pdf"))) {
        if (!data.startsWith("%PDF-")) return QStringLiteral("does not start with %PDF-");
        if (!data.trimmed().endsWith("%%EOF")) return QStringLiteral("does not end with %%EOF");
    } else {
        return QStringLiteral("is not a figure (.svg, .png or .pdf)");
    }
    return {};
}

} // namespace attnlab::test
