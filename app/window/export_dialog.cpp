#include "app/window/export_dialog.h"

#include "widgets/drawing/figure_export.h"
#include "model/exact/matrix_writer.h"
#include "app/cli/output_file.h"
#include "widgets/views/step_arithmetic.h"
#include "widgets/views/step_view.h"
#include "widgets/views/trace_view.h"

#include <QApplication>
#include <QBuffer>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QSpinBox>
#include <QSvgGenerator>
#include <QPainter>
#include <QSignalBlocker>

namespace attnlab::app {

ExportDialog::ExportDialog(widgets::TraceView& view, QWidget* parent)
    : QDialog(parent), m_view(view), m_steps(qobject_cast<widgets::StepView*>(&view))
{
    setWindowTitle(tr("Export Figure"));
    auto* form = new QFormLayout(this);
    m_format = new QComboBox(this);
    m_format->addItem(tr("PNG image"), QStringLiteral("png"));
    m_format->addItem(tr("SVG vector figure"), QStringLiteral("svg"));
    m_format->addItem(tr("PDF vector figure (fonts embedded)"), QStringLiteral("pdf"));
    const QSize preferred = view.preferredFigureSize();
    m_width = new QSpinBox(this);
    m_height = new QSpinBox(this);
    for (QSpinBox* spin : {m_width, m_height}) {
        spin->setRange(16, 16384);
        spin->setSuffix(tr(" px"));
    }
    m_width->setValue(preferred.width());
    m_height->setValue(preferred.height());
    m_dpi = new QSpinBox(this);
    m_dpi->setRange(24, 1200);
    m_dpi->setValue(192);
    m_dpi->setToolTip(tr("PNG resolution: 96 is the screen's size, 192 or 300 for slides and print"));
    form->addRow(tr("Format"), m_format);
    form->addRow(tr("Width"), m_width);
    form->addRow(tr("Height"), m_height);
    form->addRow(tr("Resolution (PNG)"), m_dpi);
    m_title = new QCheckBox(tr("Title"), this);
    m_title->setObjectName(QStringLiteral("exportTitle"));
    m_title->setChecked(true);
    m_title->setToolTip(tr("Off for a figure placed under a slide's own title (attnlab export --no-title)"));
    form->addRow(QString(), m_title);
    if (m_steps) {
        m_allSteps = new QCheckBox(tr("All steps"), this);
        m_allSteps->setObjectName(QStringLiteral("exportAllSteps"));
        m_allSteps->setToolTip(tr("Every step at once, for slides that build up (attnlab export --all-steps)"));
        m_allStepsNote = new QLabel(this);
        m_allStepsNote->setObjectName(QStringLiteral("exportAllStepsNote"));
        m_allStepsNote->setWordWrap(true);
        m_allStepsNote->setForegroundRole(QPalette::PlaceholderText);
        form->addRow(QString(), m_allSteps);
        form->addRow(QString(), m_allStepsNote);
        connect(m_allSteps, &QCheckBox::toggled, this, &ExportDialog::updateAllStepsNote);
        connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::updateAllStepsNote);
        updateAllStepsNote();
    }
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &ExportDialog::chooseFile);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_format, &QComboBox::currentIndexChanged, this,
            [this] { m_dpi->setEnabled(m_format->currentData().toString() == QLatin1String("png")); });
}

QString ExportDialog::stepFramePattern(const QString& path)
{
    if (path.contains(QLatin1String("%d")))
        return path;
    const QFileInfo info(path);
    const QString suffix = info.suffix();
    if (suffix.isEmpty())
        return path + QStringLiteral("-%d");
    return path.left(path.size() - suffix.size() - 1) + QStringLiteral("-%d.") + suffix;
}

void ExportDialog::updateAllStepsNote()
{
    const QString suffix = m_format->currentData().toString();
    m_allStepsNote->setVisible(m_allSteps->isChecked());
    if (suffix == QLatin1String("pdf")) {
        m_allStepsNote->setText(tr("One PDF with a page per step"));
        return;
    }
    const QString pattern = stepFramePattern(m_view.viewName() + QLatin1Char('.') + suffix);
    m_allStepsNote->setText(tr("One file per step: %1 … %2 (the chosen name with -1 … -%3 before the suffix, or in "
                               "place of %d if the name holds it)")
                                .arg(widgets::framePath(pattern, 1), widgets::framePath(pattern, widgets::kAttentionStepCount))
                                .arg(widgets::kAttentionStepCount));
}

void ExportDialog::chooseFile()
{
    const QString suffix = m_format->currentData().toString();
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Figure"), m_view.viewName() + QLatin1Char('.') + suffix,
                                                      tr("%1 files (*.%2)").arg(suffix.toUpper(), suffix));
    if (path.isEmpty())
        return;
    if (exportTo(path.endsWith(QLatin1Char('.') + suffix, Qt::CaseInsensitive) ? path : path + QLatin1Char('.') + suffix))
        accept();
}

bool ExportDialog::exportTo(const QString& path)
{
    widgets::ExportOptions options;
    options.size = QSize(m_width->value(), m_height->value());
    options.dpi = m_dpi->value();
    options.title = m_title->isChecked();
    const auto written = [&]() -> model::Result<void> {
        if (!m_allSteps || !m_allSteps->isChecked())
            return widgets::exportFigure(m_view, path, options);
        // The command line's writer, step after step on this view; the window keeps its step.
        const QSignalBlocker blocker(m_steps);
        const int shown = m_steps->step();
        const bool pdf = QFileInfo(path).suffix().compare(QLatin1String("pdf"), Qt::CaseInsensitive) == 0;
        auto frames = widgets::exportFrames(m_view, pdf ? path : stepFramePattern(path), options,
                                            {widgets::kAttentionStepCount, [this](int step) { m_steps->setStep(step); }});
        m_steps->setStep(shown);
        return frames;
    }();
    if (!written)
        QMessageBox::warning(this, tr("Export Figure"), written.error());
    return written.ok();
}

void ExportDialog::copyToClipboard(const widgets::TraceView& view)
{
    auto* data = new QMimeData;
    data->setImageData(widgets::renderImage(view, {view.preferredFigureSize(), 192}));
    QBuffer svg;
    svg.open(QIODevice::WriteOnly);
    {
        QSvgGenerator generator;
        generator.setOutputDevice(&svg);
        const QSize size = view.preferredFigureSize();
        generator.setSize(size);
        generator.setViewBox(QRect(QPoint(0, 0), size));
        QPainter painter(&generator);
        // While a lesson's question waits, the exported figure keeps its answer hidden as the screen does.
        view.paintFigureWith(painter, QSizeF(size), widgets::FigureParts{true, false, !view.answersHidden()});
    }
    data->setData(QStringLiteral("image/svg+xml"), svg.data());
    QApplication::clipboard()->setMimeData(data);
}

void ExportDialog::exportMatrices(const model::Trace& trace, const model::TraceSelection& selection, bool exact,
                                  QWidget* parent)
{
    if (trace.layers.empty() || trace.layers.front().heads.empty())
        return;
    const model::TraceSelection s = model::clampSelection(selection, trace);
    const model::HeadTrace& head = trace.layers[size_t(s.layer)].heads[size_t(std::max(s.head, 0))];
    const model::TraceMatrix scores = model::headScores(head);
    const model::TraceMatrix scaled = model::scaledScores(head, trace.scale);
    const QList<QPair<QString, const model::TraceMatrix*>> matrices{
        {QStringLiteral("Q"), &head.q},           {QStringLiteral("K"), &head.k},
        {QStringLiteral("V"), &head.v},           {QStringLiteral("QKᵀ (scores)"), &scores},
        {QStringLiteral("scaled scores"), &scaled}, {QStringLiteral("weights"), &head.weights},
        {QStringLiteral("head output"), &head.output},   {QStringLiteral("output"), &trace.output}};
    QStringList names;
    for (const auto& m : matrices)
        names << m.first;
    bool ok = false;
    const QString chosen = QInputDialog::getItem(parent, tr("Export Matrices"), tr("Matrix"), names, 5, false, &ok);
    if (!ok)
        return;
    const model::Matrix m = matrices[names.indexOf(chosen)].second->toDouble();
    const QString path = QFileDialog::getSaveFileName(parent, tr("Export Matrices"), QStringLiteral("matrix.tex"),
                                                      tr("LaTeX (*.tex);;CSV (*.csv)"));
    if (path.isEmpty())
        return;
    const QString text = path.endsWith(QStringLiteral(".csv"), Qt::CaseInsensitive) ? model::matrixToCsv(m, exact)
                                                                                    : model::matrixToLatex(m, exact);
    const auto written = writeOutput(path, text.toUtf8());
    if (!written)
        QMessageBox::warning(parent, tr("Export Matrices"), written.error());
}

} // namespace attnlab::app

#include "moc_export_dialog.cpp"
