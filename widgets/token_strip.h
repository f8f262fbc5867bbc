#pragma once

// The tokens of the input as a strip of chips; clicking a chip selects that query token for every view.

#include <QStringList>
#include <QWidget>

class QHBoxLayout;
class QPushButton;

namespace attnlab::widgets {

class TokenStrip : public QWidget {
    Q_OBJECT
public:
    explicit TokenStrip(QWidget* parent = nullptr);

    void setTokens(const QStringList& tokens);
    void setSelected(int index); // −1 = none
    int selected() const { return m_selected; }
    QStringList tokens() const { return m_tokens; }
    // The chip of token `index`, for tests and accessibility.
    QPushButton* chip(int index) const;

signals:
    void querySelected(int index);

protected:
    void changeEvent(QEvent* event) override;

private:
    void chipClicked(int index);

    QHBoxLayout* m_layout = nullptr;
    QList<QPushButton*> m_chips;
    QStringList m_tokens;
    int m_selected = -1;
};

} // namespace attnlab::widgets
