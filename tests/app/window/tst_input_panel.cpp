// Tests app/window/input_panel.cpp's text boxes: the memory box shows its whole placeholder, in the normal font and
// in presentation mode's larger one (the boxes used to keep the height of the font they were made with).

#include "app/window/input_panel.h"
#include "test_registry.h"

#include <QApplication>
#include <QFontMetrics>
#include <QPlainTextEdit>
#include <QTest>

namespace tst_input_panel {

using namespace attnlab;

namespace {

// The height the placeholder needs, wrapped at the box's text width, and the height the box gives it.
std::pair<int, int> placeholderNeedsAndHas(const QPlainTextEdit* box)
{
    const int margin = int(box->document()->documentMargin());
    const QRect room = box->viewport()->rect().adjusted(margin, margin, -margin, -margin);
    const QRect needed = box->fontMetrics().boundingRect(QRect(0, 0, room.width(), 10000),
                                                         Qt::AlignTop | Qt::TextWordWrap, box->placeholderText());
    return {needed.height(), room.height()};
}

} // namespace

class TestInputPanel : public QObject {
    Q_OBJECT
private slots:
    void memoryPlaceholderIsNotCut()
    {
        const QFont original = QApplication::font();
        app::InputPanel panel;
        panel.resize(330, 500);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QPlainTextEdit* memory = panel.memoryEdit();
        QVERIFY(!memory->placeholderText().isEmpty());
        for (const double points : {10.0, 16.0}) { // the window's normal and presentation sizes
            QFont font = original;
            font.setPointSizeF(points);
            QApplication::setFont(font);
            QCoreApplication::processEvents();
            const auto [needs, has] = placeholderNeedsAndHas(memory);
            QVERIFY2(needs <= has, qPrintable(QStringLiteral("%1 pt: the placeholder needs %2 px, has %3 px")
                                                  .arg(points)
                                                  .arg(needs)
                                                  .arg(has)));
            QVERIFY(memory->height() >= 2 * memory->fontMetrics().lineSpacing());
        }
        QApplication::setFont(original);
    }
};

ATTNLAB_TEST_MAIN(TestInputPanel)
} // namespace tst_input_panel
#include "tst_input_panel.moc"
