#pragma once

// The tokens of the input as a strip of chips, scrolling sideways when they are wider than the window;
// clicking a chip selects that query token for every view. For a language model, each chip carries the
// model's most probable next token underneath ("→ unfold 20%"), and hovering it lists the top 5 with their
// probabilities. With heads or MLPs switched off, a third line says what that did to the prediction: the change
// of log p of the token predicted before (Δ, blue when it drops, red when it rises, as the head-effects view
// colours Δ log p) and, where the prediction changed, "before → now"; its tooltip gives both log-probabilities.

#include "model/trace/trace.h"

#include <QHash>
#include <QSet>
#include <QStringList>
#include <QWidget>

#include <vector>

class QHBoxLayout;
class QLabel;
class QPushButton;
class QScrollArea;

namespace attnlab::widgets {

class TokenStrip : public QWidget {
    Q_OBJECT
public:
    explicit TokenStrip(QWidget* parent = nullptr);

    void setTokens(const QStringList& tokens);
    // predictions[i] belongs to token i (empty: no line under the chips). Call after setTokens. nextToken:
    // what follows the token (decoders), or what the model guesses at its place (BERT's masked-token head).
    void setPredictions(const std::vector<model::Prediction>& predictions, bool nextToken = true);
    // Marks what the tokenizer could not spell (Trace::unknownCharacters; call after setTokens): a chip that is
    // the unknown token gets a red dashed frame, and a red marker stands where characters were dropped, each
    // with a tooltip naming the characters. Empty: no marks.
    void setUnknownCharacters(const std::vector<model::UnknownCharacter>& unknown);
    // What switching parts off did to each position's prediction (Trace::ablationEffects, by position; call
    // after setTokens). Empty: no effect lines.
    void setAblationEffects(const std::vector<model::AblationEffect>& effects);
    // The marker of characters dropped before token `index` (tokens().size(): at the end), or nullptr.
    QLabel* droppedMarker(int index) const;
    // Whether chip `index` is marked as an unknown token.
    bool isUnknownChip(int index) const;
    void setSelected(int index); // −1 = none
    int selected() const { return m_selected; }
    QStringList tokens() const { return m_tokens; }
    // The chip of token `index`, for tests and accessibility.
    QPushButton* chip(int index) const;
    // The prediction line under chip `index` (nullptr when there is none).
    QLabel* predictionLabel(int index) const;
    // The effect line under chip `index` (nullptr when there is none).
    QLabel* effectLabel(int index) const;

signals:
    void querySelected(int index);

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void chipClicked(int index);
    void fitHeight();
    void colorEffects();

    QScrollArea* m_scroll = nullptr; // scrolls sideways when the tokens are wider than the window
    QHBoxLayout* m_layout = nullptr;
    QList<QWidget*> m_columns; // chip above its prediction line
    QList<QPushButton*> m_chips;
    QList<QLabel*> m_predictions;
    QList<QLabel*> m_effects;
    QList<double> m_effectDeltas; // Δ log p of each effect line, for its colour
    QHash<int, QLabel*> m_droppedMarkers; // token index -> the marker before it
    QSet<int> m_unknownChips;
    QStringList m_tokens;
    int m_selected = -1;
};

} // namespace attnlab::widgets
