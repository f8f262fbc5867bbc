#pragma once

// What a tokenizer could not spell with its vocabulary: the characters it replaced by its unknown token or
// dropped, where they were, and the warning that names them (tokenizer.cpp). Kept apart from tokenizer.h so
// that the Trace can carry them to the views.

#include <QString>
#include <QStringList>

#include <vector>

namespace attnlab::model {

// A character of the text that the vocabulary has no token for (nor bytes to spell it with): the tokenizer put
// its unknown token ([UNK], <unk>) in its place or, having none, dropped it, as Hugging Face's do.
// Or a whole word the tokenizer refuses to split because it is too long (WordPiece's
// max_input_chars_per_word, 100 for BERT): it became one unknown token although each of its characters may be
// in the vocabulary, so the entry names the word, not a character: `character` holds its first
// kWordShown characters and "…", and wordLength its length in code points (0 for a character).
struct UnknownCharacter {
    static constexpr int kWordShown = 12;
    QString character; // one code point, as the tokenizer saw it (after normalizing); or the shortened word
    // An index into Encoding::ids: the unknown token it became or, when dropped, the token it was dropped
    // before (ids.size() for the end of the text). A merge across the gap puts it inside that token.
    int token = 0;
    bool dropped = false;
    int wordLength = 0; // > 0: a word too long to tokenize, of this many code points

    bool operator==(const UnknownCharacter&) const = default;
};

// The warning for unknown characters, or "" when there are none: each distinct character once, in the order it
// first appears, quoted so that a space or an apostrophe shows, with where it was (1-based token numbers):
// 3 characters are not in the vocabulary: «'» dropped before token 4; «得» dropped before tokens 6, 8; «意» …
// A word too long to tokenize is named the same way, shortened, and counted apart:
// 1 word is too long to tokenize: «Pneumonoultr…» (101 characters) became token 2 ([UNK]).
// 1 character is not in the vocabulary and 1 word is too long to tokenize: «得» …; «Pneumonoultr…» (101 …
// tokens: the encoding's tokens (for the name of the unknown token).
QString unknownCharactersWarning(const std::vector<UnknownCharacter>& unknown, const QStringList& tokens);
// A character as the warning quotes it: itself, or U+XXXX for a control, format or separator character other
// than the plain space (a tab, a newline, a zero-width space).
QString quotedCharacter(const QString& character);

} // namespace attnlab::model
