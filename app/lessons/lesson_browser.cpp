#include "app/lessons/lesson_browser.h"

#include "app/lessons/lesson_text.h"
#include "app/lessons/lesson_thumbnails.h"
#include "app/lessons/lesson_catalog.h"
#include "app/lessons/lesson_problems.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QMessageBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTextLayout>
#include <QVBoxLayout>

namespace attnlab::app {

namespace {

constexpr int kSummaryRole = Qt::UserRole + 1;
constexpr int kIdRole = Qt::UserRole + 2;
constexpr int kUserRole = Qt::UserRole + 3; // true for the user's own lessons
constexpr int kRightToLeftRole = Qt::UserRole + 4; // the card's text is in a right-to-left language
const QSize kThumbnailSize(288, 180);
constexpr int kCardPadding = 8;

// Lays text out in lines of width, at most maxLines of them, lineSpacing apart; returns the height used.
qreal layOutLines(QTextLayout* layout, qreal width, int maxLines, qreal lineSpacing)
{
    qreal y = 0;
    layout->beginLayout();
    for (int lines = 0; lines < maxLines; ++lines) {
        QTextLine line = layout->createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(width);
        line.setPosition(QPointF(0, y));
        y += lineSpacing;
    }
    layout->endLayout();
    return y;
}

// Up to maxLines lines of text wrapped to width, the last one elided; returns the height used. The lines are
// drawn from one layout of the whole text, so that the bidi algorithm orders every line in the context of
// the paragraph (an isolate cut by a line break stays isolated on both lines) and in the card's direction.
qreal drawWrapped(QPainter* painter, const QString& text, const QFont& font, const QRectF& rect, int maxLines,
                  Qt::LayoutDirection direction)
{
    QTextOption option;
    option.setWrapMode(QTextOption::WordWrap);
    option.setTextDirection(direction);
    // QTextLayout does not mirror AlignLeft as widgets do: right to left needs AlignRight.
    option.setAlignment(direction == Qt::RightToLeft ? Qt::AlignRight : Qt::AlignLeft);
    const QFontMetricsF metrics(font);
    QTextLayout layout(text, font);
    layout.setTextOption(option);
    qreal used = layOutLines(&layout, rect.width(), maxLines, metrics.lineSpacing());
    const QTextLine last = layout.lineAt(layout.lineCount() - 1);
    if (layout.lineCount() > 0 && last.textStart() + last.textLength() < text.size()) {
        // More than maxLines: the last line ends in an ellipsis.
        const QString elided = metrics.elidedText(text.mid(last.textStart()), Qt::ElideRight, rect.width());
        layout.setText(text.left(last.textStart()) + elided);
        used = layOutLines(&layout, rect.width(), maxLines, metrics.lineSpacing());
    }
    layout.draw(painter, rect.topLeft());
    return used;
}

// A card: the thumbnail on top, the title (bold, two lines at most) and the summary (muted, three lines).
class LessonCardDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const override
    {
        const QFontMetrics metrics(option.font);
        return {kThumbnailSize.width() + 2 * kCardPadding,
                kThumbnailSize.height() + 3 * kCardPadding + 5 * metrics.lineSpacing() + 4};
    }

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        const QRectF card = QRectF(option.rect).adjusted(3, 3, -3, -3);
        const bool selected = option.state & QStyle::State_Selected;
        const QPalette& palette = option.palette;
        painter->setPen(QPen(selected ? palette.color(QPalette::Highlight) : palette.color(QPalette::Mid), selected ? 3 : 1));
        painter->setBrush(palette.color(QPalette::Base));
        painter->drawRoundedRect(card, 6, 6);
        const QRectF inner = card.adjusted(kCardPadding - 3, kCardPadding - 3, -(kCardPadding - 3), -(kCardPadding - 3));
        const QRectF thumbRect(inner.left() + (inner.width() - kThumbnailSize.width()) / 2, inner.top(),
                               kThumbnailSize.width(), kThumbnailSize.height());
        const QImage image = index.data(Qt::DecorationRole).value<QImage>();
        if (image.isNull()) {
            painter->fillRect(thumbRect, palette.color(QPalette::AlternateBase));
            painter->setPen(palette.color(QPalette::PlaceholderText));
            painter->drawText(thumbRect, Qt::AlignCenter, LessonBrowser::tr("Computing…"));
        } else {
            painter->drawImage(thumbRect, image);
        }
        painter->setPen(palette.color(QPalette::Mid));
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(thumbRect);
        if (index.data(kUserRole).toBool()) {
            // The user's own lesson: a tag in the thumbnail's leading corner.
            const QString tag = LessonBrowser::tr("Added");
            QFont tagFont = option.font;
            tagFont.setBold(true);
            const QFontMetricsF tagMetrics(tagFont);
            const QSizeF tagSize(tagMetrics.horizontalAdvance(tag) + 12, tagMetrics.height() + 4);
            const qreal x = option.direction == Qt::RightToLeft ? thumbRect.right() - 6 - tagSize.width() : thumbRect.left() + 6;
            const QRectF tagRect(QPointF(x, thumbRect.top() + 6), tagSize);
            painter->setPen(Qt::NoPen);
            painter->setBrush(palette.color(QPalette::Highlight));
            painter->drawRoundedRect(tagRect, 4, 4);
            painter->setFont(tagFont);
            painter->setPen(palette.color(QPalette::HighlightedText));
            painter->drawText(tagRect, Qt::AlignCenter, tag);
        }
        // The text's own direction: a lesson shown in its first language (German in the Persian list) reads left to right.
        const Qt::LayoutDirection direction = index.data(kRightToLeftRole).toBool() ? Qt::RightToLeft : Qt::LeftToRight;
        QFont titleFont = option.font;
        titleFont.setBold(true);
        QRectF text(inner.left(), thumbRect.bottom() + kCardPadding, inner.width(), inner.bottom() - thumbRect.bottom());
        painter->setPen(palette.color(QPalette::Text));
        const QString title = isolateLeftToRight(index.data(Qt::DisplayRole).toString());
        const qreal used = drawWrapped(painter, title, titleFont, text, 2, direction);
        text.setTop(text.top() + used + 2);
        painter->setPen(palette.color(QPalette::PlaceholderText));
        const QString summary = isolateLeftToRight(index.data(kSummaryRole).toString());
        drawWrapped(painter, summary, option.font, text, 3, direction);
        painter->restore();
    }
};

} // namespace

LessonBrowser::LessonBrowser(QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("lessonBrowser"));
    setWindowTitle(tr("Lessons"));
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    auto* intro = new QLabel(tr("Each lesson opens its input, its view and a pane that walks through the steps."), this);
    intro->setWordWrap(true);
    m_languageChoice = new QComboBox(this);
    m_languageChoice->setObjectName(QStringLiteral("lessonLanguage"));
    m_languageChoice->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_languageChoice->addItem(QStringLiteral("日本語"), QStringLiteral("ja"));
    m_languageChoice->addItem(QStringLiteral("فارسی"), QStringLiteral("fa"));
    m_languageChoice->setToolTip(tr("The language of the lessons' titles and texts"));
    top->addWidget(intro, 1);
    top->addWidget(m_languageChoice);
    layout->addLayout(top);

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("lessonList"));
    m_list->setViewMode(QListView::IconMode);
    m_list->setResizeMode(QListView::Adjust);
    m_list->setMovement(QListView::Static);
    m_list->setUniformItemSizes(true);
    m_list->setSpacing(4);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setItemDelegate(new LessonCardDelegate(m_list));
    layout->addWidget(m_list, 1);
    m_error = new QLabel(this);
    m_error->setStyleSheet(QStringLiteral("color: #c0392b"));
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_add = buttons->addButton(tr("&Add Lesson…"), QDialogButtonBox::ActionRole);
    m_add->setObjectName(QStringLiteral("addLesson"));
    m_add->setToolTip(tr("Check a lesson file (.attnlab-lesson) and keep a copy among your lessons, after the built-in ones"));
    m_remove = buttons->addButton(tr("&Remove"), QDialogButtonBox::ActionRole);
    m_remove->setObjectName(QStringLiteral("removeLesson"));
    m_remove->setToolTip(tr("Remove the selected lesson you added (its copy in your lessons folder)"));
    connect(m_add, &QPushButton::clicked, this, &LessonBrowser::chooseLessonFile);
    connect(m_remove, &QPushButton::clicked, this, &LessonBrowser::confirmRemove);
    m_open = buttons->addButton(tr("&Open"), QDialogButtonBox::AcceptRole);
    m_open->setObjectName(QStringLiteral("openLesson"));
    m_open->setDefault(true);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_open, &QPushButton::clicked, this, &LessonBrowser::openCurrent);
    connect(m_list, &QListWidget::itemActivated, this, &LessonBrowser::openCurrent);
    connect(m_list, &QListWidget::currentRowChanged, this, &LessonBrowser::updateButtons);
    connect(m_languageChoice, &QComboBox::currentIndexChanged, this,
            [this] { setLanguage(m_languageChoice->currentData().toString()); });

    m_thumbnails = new LessonThumbnails(kThumbnailSize, this);
    connect(m_thumbnails, &LessonThumbnails::thumbnailReady, this, &LessonBrowser::thumbnailReady);
    loadLessons();
    m_list->setCurrentRow(0);
    resize(4 * (kThumbnailSize.width() + 2 * kCardPadding + 8) + 40, 760);
}

void LessonBrowser::loadLessons()
{
    m_lessons.clear();
    if (const auto catalogue = model::lessonCatalogue(lessonDirectory()); !catalogue) {
        m_error->setText(catalogue.error());
        m_error->show();
    } else {
        for (const model::LessonEntry& entry : *catalogue)
            if (auto lesson = model::loadLesson(lessonDirectory(), entry.id))
                m_lessons.push_back(std::move(lesson).value());
    }
    m_builtInCount = m_lessons.size();
    for (model::Lesson& lesson : userLessons())
        if (model::lessonFilePath(lessonDirectory(), lesson.id).isEmpty())
            m_lessons.push_back(std::move(lesson));
    m_thumbnails->start(m_lessons);
    fillList();
}

bool LessonBrowser::isUserLesson(const QString& id) const
{
    for (size_t i = m_builtInCount; i < m_lessons.size(); ++i)
        if (m_lessons[i].id == id)
            return true;
    return false;
}

void LessonBrowser::chooseLessonFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Add Lesson"), QString(),
                                                      tr("Lessons (*.attnlab-lesson *.json);;All files (*)"));
    if (!path.isEmpty())
        addLessonFile(path);
}

bool LessonBrowser::addLessonFile(const QString& path)
{
    const AddedLesson added = addUserLesson(path);
    if (!added.problems.empty()) {
        if (m_problems)
            m_problems->close();
        m_problems = showLessonProblems(this, path, added.problems);
        return false;
    }
    m_thumbnails->forget(added.id); // a lesson added again may have changed
    loadLessons();
    selectLesson(added.id);
    m_list->scrollToItem(m_list->currentItem());
    return true;
}

void LessonBrowser::confirmRemove()
{
    const QString id = currentLessonId();
    if (!isUserLesson(id))
        return;
    QString title;
    for (const model::Lesson& lesson : m_lessons)
        if (lesson.id == id)
            title = lesson.title.text(m_language);
    auto* box = new QMessageBox(QMessageBox::Question, tr("Remove Lesson"),
                                tr("Remove the lesson “%1” from your lessons? The file you added it from is not touched.")
                                    .arg(isolateLeftToRight(title)),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("removeLessonQuestion"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, box, id](QAbstractButton* button) {
        if (box->standardButton(button) == QMessageBox::Yes) removeUserLessonNow(id);
    });
    m_confirmRemove = box;
    box->open();
}

bool LessonBrowser::removeUserLessonNow(const QString& id)
{
    if (!isUserLesson(id))
        return false;
    if (const auto removed = removeUserLesson(id); !removed) {
        m_error->setText(removed.error());
        m_error->show();
        return false;
    }
    loadLessons();
    m_list->setCurrentRow(0);
    return true;
}

void LessonBrowser::updateButtons()
{
    m_open->setEnabled(m_list->currentRow() >= 0);
    m_remove->setEnabled(isUserLesson(currentLessonId()));
}

void LessonBrowser::setLanguage(const QString& language)
{
    m_language = language == QLatin1String("ja") || language == QLatin1String("fa") ? language : QStringLiteral("en");
    const int choice = m_languageChoice->findData(m_language);
    if (choice != m_languageChoice->currentIndex())
        m_languageChoice->setCurrentIndex(choice);
    const QString current = currentLessonId();
    fillList();
    selectLesson(current);
}

QString LessonBrowser::currentLessonId() const
{
    const QListWidgetItem* item = m_list->currentItem();
    return item ? item->data(kIdRole).toString() : QString();
}

void LessonBrowser::selectLesson(const QString& id)
{
    for (int row = 0; row < m_list->count(); ++row)
        if (m_list->item(row)->data(kIdRole).toString() == id)
            m_list->setCurrentRow(row);
}

void LessonBrowser::fillList()
{
    m_list->clear();
    m_list->setLayoutDirection(m_language == QLatin1String("fa") ? Qt::RightToLeft : Qt::LeftToRight);
    for (const model::Lesson& lesson : m_lessons) {
        auto* item = new QListWidgetItem(lesson.title.text(m_language), m_list);
        item->setData(kUserRole, isUserLesson(lesson.id));
        item->setData(kRightToLeftRole, isRightToLeftLanguage(lesson.language(m_language)));
        item->setData(kSummaryRole, lesson.summary.text(m_language));
        item->setData(kIdRole, lesson.id);
        item->setToolTip(isolateLeftToRight(lesson.summary.text(m_language)));
        item->setData(Qt::DecorationRole, m_thumbnails->thumbnail(lesson.id));
    }
}

void LessonBrowser::openCurrent()
{
    const QString id = currentLessonId();
    if (id.isEmpty())
        return;
    emit lessonChosen(id);
    accept();
}

void LessonBrowser::thumbnailReady(const QString& id, const QImage& image)
{
    for (int row = 0; row < m_list->count(); ++row)
        if (m_list->item(row)->data(kIdRole).toString() == id)
            m_list->item(row)->setData(Qt::DecorationRole, image);
}

} // namespace attnlab::app

#include "moc_lesson_browser.cpp"
