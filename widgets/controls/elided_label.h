#pragma once

// A label that never widens its layout and never cuts a word in half without saying so: each line of its
// text is elided ("…") to the width it is given. text() stays whole, and the tooltip shows it whole when
// something was elided and no other tooltip was set. For narrow columns: the prediction line under a token
// chip, a file path in a side panel.

#include <QLabel>

namespace attnlab::widgets {

class ElidedLabel : public QLabel {
    Q_OBJECT
public:
    // mode: where the "…" goes (Qt::ElideRight for words, Qt::ElideMiddle for paths, whose end matters).
    explicit ElidedLabel(Qt::TextElideMode mode = Qt::ElideRight, QWidget* parent = nullptr);

    QSize minimumSizeHint() const override;
    // Each line as painted at the current width.
    QStringList shownLines() const;
    // The whole text to the clipboard (also the context menu's Copy: elided text cannot be selected).
    void copyToClipboard() const;

protected:
    bool event(QEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    Qt::TextElideMode m_mode;
};

} // namespace attnlab::widgets
