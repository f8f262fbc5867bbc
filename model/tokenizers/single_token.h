#pragma once

// One token named by the user (`attnlab patch --target " tired"`): the text must be exactly one token of the
// tokenizer, as encode() makes it without the special tokens its post-processor adds ([CLS] … [SEP], <s>); a
// vocabulary string ("Ġtired") is accepted too.

#include "model/core/result.h"

#include <QString>

namespace attnlab::model {

class Tokenizer;

// text -> its token id. Fails, naming `option` ("--target") and the text, for an empty text, or one the tokenizer
// splits into several tokens (the message lists them and suggests the single token a leading space gives, when
// there is one: GPT-2 and Llama spell a word inside a sentence with its space).
Result<int> singleTokenId(const Tokenizer& tokenizer, const QString& text, const QString& option);

} // namespace attnlab::model
