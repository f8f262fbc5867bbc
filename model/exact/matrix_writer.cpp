#include "model/exact/matrix_writer.h"

#include "model/exact/exact_format.h"

#include <QStringList>

#include <cmath>

namespace attnlab::model {

QString latexValue(double value, bool exact)
{
    const ExactForm form = exact ? findExactForm(value) : ExactForm{};
    if (!form.exact)
        return formatDecimal(value);
    const QString sign = form.numerator < 0 ? QStringLiteral("-") : QString();
    const long long p = std::llabs(form.numerator);
    QString top;
    if (form.radicand == 1)
        top = QString::number(p);
    else
        top = (p == 1 ? QString() : QString::number(p)) + QStringLiteral("\\sqrt{%1}").arg(form.radicand);
    if (form.denominator == 1)
        return sign + top;
    return sign + QStringLiteral("\\frac{%1}{%2}").arg(top).arg(form.denominator);
}

QString matrixToCsv(const Matrix& m, bool exact)
{
    QString text;
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        QStringList row;
        for (Eigen::Index c = 0; c < m.cols(); ++c)
            row << (exact ? formatExact(m(r, c)) : formatDecimal(m(r, c)));
        text += row.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return text;
}

QString matrixToLatex(const Matrix& m, bool exact)
{
    QStringList rows;
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        QStringList row;
        for (Eigen::Index c = 0; c < m.cols(); ++c)
            row << latexValue(m(r, c), exact);
        rows << row.join(QStringLiteral(" & "));
    }
    return QStringLiteral("\\begin{bmatrix}\n") + rows.join(QStringLiteral(" \\\\\n")) + QStringLiteral("\n\\end{bmatrix}\n");
}

} // namespace attnlab::model
