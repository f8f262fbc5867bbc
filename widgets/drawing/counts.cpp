#include "widgets/drawing/counts.h"

#include <QCoreApplication>

namespace attnlab::widgets {

QString layerCount(qsizetype n)
{
    return n == 1 ? QCoreApplication::translate("Counts", "1 layer")
                  : QCoreApplication::translate("Counts", "%1 layers").arg(n);
}

QString headCount(qsizetype n)
{
    return n == 1 ? QCoreApplication::translate("Counts", "1 head")
                  : QCoreApplication::translate("Counts", "%1 heads").arg(n);
}

QString tokenCount(qsizetype n)
{
    return n == 1 ? QCoreApplication::translate("Counts", "1 token")
                  : QCoreApplication::translate("Counts", "%1 tokens").arg(n);
}

} // namespace attnlab::widgets
