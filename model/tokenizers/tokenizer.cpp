#include "model/tokenizers/tokenizer.h"

#include "model/tokenizers/bpe_tokenizer.h"
#include "model/tokenizers/llama2c_tokenizer.h"
#include "model/tokenizers/tokenizer_json.h"
#include "model/tokenizers/wordlevel_tokenizer.h"
#include "model/tokenizers/wordpiece_tokenizer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonParseError>

#include <algorithm>
#include <cmath>

namespace attnlab::model {

namespace {

using TokenizerResult = Result<std::shared_ptr<Tokenizer>>;

TokenizerResult loadTokenizerJson(const QString& file)
{
    auto doc = readTokenizerJson(file);
    if (!doc) return TokenizerResult::failure(doc.error());
    const QJsonValue modelValue = doc->root.value(QStringLiteral("model"));
    if (!modelValue.isObject())
        return TokenizerResult::failure(
            QStringLiteral("%1: field \"model\": expected an object with the tokenizer model").arg(file));
    const QJsonObject model = modelValue.toObject();
    QString type = model.value(QStringLiteral("type")).toString();
    // Old tokenizer.json files omit model.type; HF then tells the models apart by their fields.
    if (type.isEmpty() && (doc->merges || model.contains(QStringLiteral("merges"))))
        type = QStringLiteral("BPE");
    else if (type.isEmpty() && model.contains(QStringLiteral("max_input_chars_per_word")))
        type = QStringLiteral("WordPiece");
    TokenizerResult t = TokenizerResult::failure(
        QStringLiteral("%1: field \"model.type\": expected \"BPE\", \"WordPiece\" or \"WordLevel\", found \"%2\"")
            .arg(file, type));
    if (type == QLatin1String("BPE")) t = BpeTokenizer::fromDocument(*doc, file);
    if (type == QLatin1String("WordPiece")) t = WordpieceTokenizer::fromDocument(*doc, file);
    if (type == QLatin1String("WordLevel")) t = WordLevelTokenizer::fromDocument(*doc, file);
    if (!t) return t;

    const QString config = QFileInfo(file).dir().filePath(QStringLiteral("tokenizer_config.json"));
    if (!QFileInfo::exists(config)) return t;
    // The chat template and the list of added tokens are long and not needed here.
    auto configObject =
        readJsonObjectFile(config, {QStringLiteral("added_tokens_decoder"), QStringLiteral("chat_template")});
    if (!configObject) return TokenizerResult::failure(configObject.error());
    if (auto ok = (*t)->applyTokenizerConfig(*configObject, config); !ok) return TokenizerResult::failure(ok.error());
    return t;
}

bool isTokenId(const QJsonValue& v)
{
    if (!v.isDouble()) return false;
    const double d = v.toDouble();
    return d >= 0 && d <= kMaxTokenId && d == std::floor(d);
}

// Reads one post-processor object into prefix/suffix special tokens.
Result<Tokenizer::PostProcessor> parseOneProcessor(const QJsonObject& p, const QString& file,
                                                   const QString& field)
{
    using R = Result<Tokenizer::PostProcessor>;
    Tokenizer::PostProcessor out;
    const QString type = p.value(QStringLiteral("type")).toString();
    if (type == QLatin1String("ByteLevel")) return out; // only adjusts offsets
    if (type == QLatin1String("BertProcessing") || type == QLatin1String("RobertaProcessing")) {
        // "cls": ["[CLS]", 101], "sep": ["[SEP]", 102]; single sequence: cls A sep.
        for (const char* key : {"cls", "sep"}) {
            const QJsonArray pair = p.value(QLatin1String(key)).toArray();
            if (pair.size() != 2 || !pair[0].isString() || !isTokenId(pair[1]))
                return R::failure(QStringLiteral("%1: field \"%2.%3\": expected [token, id]")
                                      .arg(file, field, QLatin1String(key)));
            Encoding& e = (QLatin1String(key) == QLatin1String("cls")) ? out.prefix : out.suffix;
            e.tokens.append(pair[0].toString());
            e.ids.push_back(pair[1].toInt());
        }
        return out;
    }
    if (type == QLatin1String("TemplateProcessing")) {
        const QJsonObject specials = p.value(QStringLiteral("special_tokens")).toObject();
        bool afterSequence = false;
        for (const QJsonValue& item : p.value(QStringLiteral("single")).toArray()) {
            const QJsonObject o = item.toObject();
            if (o.contains(QStringLiteral("Sequence"))) {
                afterSequence = true;
                continue;
            }
            const QString id =
                o.value(QStringLiteral("SpecialToken")).toObject().value(QStringLiteral("id")).toString();
            const QJsonObject special = specials.value(id).toObject();
            const QJsonArray ids = special.value(QStringLiteral("ids")).toArray();
            const QJsonArray tokens = special.value(QStringLiteral("tokens")).toArray();
            if (id.isEmpty() || ids.isEmpty() || ids.size() != tokens.size())
                return R::failure(
                    QStringLiteral("%1: field \"%2.special_tokens\": expected ids and tokens for \"%3\"")
                        .arg(file, field, id));
            Encoding& e = afterSequence ? out.suffix : out.prefix;
            for (qsizetype i = 0; i < ids.size(); ++i) {
                if (!isTokenId(ids[i]))
                    return R::failure(
                        QStringLiteral("%1: field \"%2.special_tokens.%3.ids\": expected ids in 0..%4")
                            .arg(file, field, id)
                            .arg(kMaxTokenId));
                e.ids.push_back(ids[i].toInt());
                e.tokens.append(tokens[i].toString());
            }
        }
        return out;
    }
    if (type == QLatin1String("Sequence")) {
        // Each processor wraps the result of the previous ones.
        const QJsonArray list = p.value(QStringLiteral("processors")).toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            auto inner = parseOneProcessor(list[i].toObject(), file,
                                           QStringLiteral("%1.processors[%2]").arg(field).arg(i));
            if (!inner) return inner;
            out.prefix.ids.insert(out.prefix.ids.begin(), inner->prefix.ids.begin(), inner->prefix.ids.end());
            out.prefix.tokens = inner->prefix.tokens + out.prefix.tokens;
            out.suffix.ids.insert(out.suffix.ids.end(), inner->suffix.ids.begin(), inner->suffix.ids.end());
            out.suffix.tokens += inner->suffix.tokens;
        }
        return out;
    }
    return R::failure(
        QStringLiteral("%1: field \"%2.type\": expected ByteLevel, TemplateProcessing, BertProcessing, "
                       "RobertaProcessing or Sequence, found \"%3\"")
            .arg(file, field, type));
}

Result<std::vector<NormalizerStep>> parseNormalizerValue(const QJsonValue& value, const QString& file,
                                                         const QString& field)
{
    using R = Result<std::vector<NormalizerStep>>;
    std::vector<NormalizerStep> steps;
    if (value.isNull() || value.isUndefined()) return steps;
    const QJsonObject n = value.toObject();
    const QString type = n.value(QStringLiteral("type")).toString();
    NormalizerStep step;
    if (type == QLatin1String("BertNormalizer")) {
        step.kind = NormalizerStep::Kind::Bert;
        step.cleanText = n.value(QStringLiteral("clean_text")).toBool(true);
        step.chineseChars = n.value(QStringLiteral("handle_chinese_chars")).toBool(true);
        step.lowercase = n.value(QStringLiteral("lowercase")).toBool(true);
        // strip_accents: null means "as lowercase" (BERT uncased strips, cased keeps).
        const QJsonValue strip = n.value(QStringLiteral("strip_accents"));
        step.stripAccents = strip.isBool() ? strip.toBool() : step.lowercase;
    } else if (type == QLatin1String("Lowercase")) {
        step.kind = NormalizerStep::Kind::Lowercase;
    } else if (type == QLatin1String("StripAccents")) {
        step.kind = NormalizerStep::Kind::StripAccents;
    } else if (type == QLatin1String("NFC")) {
        step.kind = NormalizerStep::Kind::Nfc;
    } else if (type == QLatin1String("NFD")) {
        step.kind = NormalizerStep::Kind::Nfd;
    } else if (type == QLatin1String("NFKC")) {
        step.kind = NormalizerStep::Kind::Nfkc;
    } else if (type == QLatin1String("NFKD")) {
        step.kind = NormalizerStep::Kind::Nfkd;
    } else if (type == QLatin1String("Prepend")) {
        step.kind = NormalizerStep::Kind::Prepend;
        step.a = n.value(QStringLiteral("prepend")).toString();
    } else if (type == QLatin1String("Replace")) {
        step.kind = NormalizerStep::Kind::Replace;
        const QJsonValue pattern =
            n.value(QStringLiteral("pattern")).toObject().value(QStringLiteral("String"));
        if (!pattern.isString() || pattern.toString().isEmpty())
            return R::failure(
                QStringLiteral("%1: field \"%2.pattern\": expected {\"String\": \"…\"} (regex patterns "
                               "are not supported)")
                    .arg(file, field));
        step.a = pattern.toString();
        step.b = n.value(QStringLiteral("content")).toString();
    } else if (type == QLatin1String("Sequence")) {
        const QJsonArray list = n.value(QStringLiteral("normalizers")).toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            auto inner =
                parseNormalizerValue(list[i], file, QStringLiteral("%1.normalizers[%2]").arg(field).arg(i));
            if (!inner) return inner;
            steps.insert(steps.end(), inner->begin(), inner->end());
        }
        return steps;
    } else {
        return R::failure(
            QStringLiteral("%1: field \"%2.type\": unsupported normalizer \"%3\"").arg(file, field, type));
    }
    steps.push_back(step);
    return steps;
}

} // namespace

void decodeUtf16(const QString& text, std::vector<char32_t>& cps, std::vector<qsizetype>& offsets)
{
    // Unpaired surrogates stay as they are (one "code point" each) rather than failing the whole text.
    for (qsizetype i = 0; i < text.size(); ++i) {
        offsets.push_back(i);
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            cps.push_back(QChar::surrogateToUcs4(c, text.at(i + 1)));
            ++i;
        } else {
            cps.push_back(c.unicode());
        }
    }
    offsets.push_back(text.size());
}

Tokenizer::~Tokenizer() = default;

TokenizerResult Tokenizer::load(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return TokenizerResult::failure(QStringLiteral("%1: no such file or folder").arg(path));
    if (info.isDir()) {
        const QDir dir(path);
        if (dir.exists(QStringLiteral("tokenizer.json")))
            return loadTokenizerJson(dir.filePath(QStringLiteral("tokenizer.json")));
        if (dir.exists(QStringLiteral("vocab.json")) && dir.exists(QStringLiteral("merges.txt")))
            return BpeTokenizer::fromVocabAndMerges(dir.filePath(QStringLiteral("vocab.json")),
                                                    dir.filePath(QStringLiteral("merges.txt")));
        if (dir.exists(QStringLiteral("vocab.txt")))
            return WordpieceTokenizer::fromVocabTxt(dir.filePath(QStringLiteral("vocab.txt")));
        if (dir.exists(QStringLiteral("tokenizer.bin")))
            return Llama2cTokenizer::load(dir.filePath(QStringLiteral("tokenizer.bin")));
        return TokenizerResult::failure(QStringLiteral("%1: expected tokenizer.json, vocab.json + merges.txt, "
                                                       "vocab.txt or llama2.c's tokenizer.bin in this folder")
                                            .arg(path));
    }
    const QString name = info.fileName();
    const QDir dir = info.dir();
    if (name == QLatin1String("vocab.txt")) return WordpieceTokenizer::fromVocabTxt(path);
    // llama2.c's tokenizer.bin / tok512.bin (the binary export of a SentencePiece model).
    if (name.endsWith(QLatin1String(".bin"), Qt::CaseInsensitive)) return Llama2cTokenizer::load(path);
    if (name == QLatin1String("vocab.json") || name == QLatin1String("merges.txt")) {
        const QString vocab = dir.filePath(QStringLiteral("vocab.json"));
        const QString merges = dir.filePath(QStringLiteral("merges.txt"));
        if (!QFileInfo::exists(vocab) || !QFileInfo::exists(merges))
            return TokenizerResult::failure(
                QStringLiteral("%1: expected vocab.json and merges.txt side by side").arg(path));
        return BpeTokenizer::fromVocabAndMerges(vocab, merges);
    }
    return loadTokenizerJson(path);
}

Result<void> Tokenizer::applyTokenizerConfig(const QJsonObject& config, const QString& file)
{
    for (const bool bos : {true, false}) {
        const QLatin1String flag(bos ? "add_bos_token" : "add_eos_token");
        const QLatin1String name(bos ? "bos_token" : "eos_token");
        const QJsonValue add = config.value(flag);
        if (add.isUndefined() || add.isNull()) continue;
        if (!add.isBool())
            return Result<void>::failure(QStringLiteral("%1: field \"%2\": expected true or false").arg(file, flag));
        Encoding& e = bos ? m_post.prefix : m_post.suffix;
        e = Encoding{};
        if (!add.toBool()) continue;
        // A token is a string or, as transformers saves an AddedToken, an object with its "content".
        const QJsonValue tokenValue = config.value(name);
        const QString token = tokenValue.isObject()
                                  ? tokenValue.toObject().value(QStringLiteral("content")).toString()
                                  : tokenValue.toString();
        if (token.isEmpty())
            return Result<void>::failure(
                QStringLiteral("%1: field \"%2\": expected the token that \"%3\": true adds, found none")
                    .arg(file, name, flag));
        const int id = tokenId(token);
        if (id < 0)
            return Result<void>::failure(
                QStringLiteral("%1: field \"%2\": \"%3\" is not in the vocabulary").arg(file, name, token));
        e.ids.push_back(id);
        e.tokens.append(token);
    }
    return Result<void>::success();
}

Result<std::vector<AddedToken>> Tokenizer::parseAddedTokens(const QJsonObject& root, const QString& file)
{
    using R = Result<std::vector<AddedToken>>;
    std::vector<AddedToken> out;
    const QJsonValue value = root.value(QStringLiteral("added_tokens"));
    if (value.isNull() || value.isUndefined()) return out;
    if (!value.isArray())
        return R::failure(QStringLiteral("%1: field \"added_tokens\": expected an array").arg(file));
    const QJsonArray list = value.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject o = list[i].toObject();
        AddedToken t;
        t.content = o.value(QStringLiteral("content")).toString();
        if (t.content.isEmpty() || !isTokenId(o.value(QStringLiteral("id"))))
            return R::failure(
                QStringLiteral("%1: field \"added_tokens[%2]\": expected a non-empty \"content\" and an "
                               "\"id\" in 0..%3")
                    .arg(file)
                    .arg(i)
                    .arg(kMaxTokenId));
        t.id = o.value(QStringLiteral("id")).toInt();
        t.lstrip = o.value(QStringLiteral("lstrip")).toBool();
        t.rstrip = o.value(QStringLiteral("rstrip")).toBool();
        // HF's default: special tokens are matched in the raw text, others in the normalized text.
        t.normalized =
            o.value(QStringLiteral("normalized")).toBool(!o.value(QStringLiteral("special")).toBool());
        out.push_back(t);
    }
    return out;
}

Result<Tokenizer::PostProcessor> Tokenizer::parsePostProcessor(const QJsonObject& root, const QString& file)
{
    const QJsonValue value = root.value(QStringLiteral("post_processor"));
    if (value.isNull() || value.isUndefined()) return PostProcessor{};
    if (!value.isObject())
        return Result<PostProcessor>::failure(
            QStringLiteral("%1: field \"post_processor\": expected an object or null").arg(file));
    return parseOneProcessor(value.toObject(), file, QStringLiteral("post_processor"));
}

Result<std::vector<NormalizerStep>> Tokenizer::parseNormalizer(const QJsonObject& root, const QString& file)
{
    return parseNormalizerValue(root.value(QStringLiteral("normalizer")), file, QStringLiteral("normalizer"));
}

QString Tokenizer::normalize(const QString& text, const std::vector<NormalizerStep>& steps)
{
    QString s = text;
    for (const NormalizerStep& step : steps) {
        switch (step.kind) {
        case NormalizerStep::Kind::Bert:
            s = bertNormalize(s, step);
            break;
        case NormalizerStep::Kind::Lowercase:
            s = s.toLower();
            break;
        case NormalizerStep::Kind::StripAccents:
            s = removeNonspacingMarks(s);
            break;
        case NormalizerStep::Kind::Nfc:
            s = s.normalized(QString::NormalizationForm_C);
            break;
        case NormalizerStep::Kind::Nfd:
            s = s.normalized(QString::NormalizationForm_D);
            break;
        case NormalizerStep::Kind::Nfkc:
            s = s.normalized(QString::NormalizationForm_KC);
            break;
        case NormalizerStep::Kind::Nfkd:
            s = s.normalized(QString::NormalizationForm_KD);
            break;
        case NormalizerStep::Kind::Prepend:
            if (!s.isEmpty()) // HF prepends only to non-empty text
                s.prepend(step.a);
            break;
        case NormalizerStep::Kind::Replace:
            s.replace(step.a, step.b);
            break;
        }
    }
    return s;
}

void Tokenizer::splitOnAddedTokens(const QString& text, bool normalizedTokens, Encoding& out,
                                   const std::function<void(const QString&)>& between) const
{
    qsizetype pieceStart = 0;
    qsizetype pos = 0;
    auto flush = [&](qsizetype end) {
        if (end > pieceStart) between(text.mid(pieceStart, end - pieceStart));
    };
    while (pos < text.size()) {
        // Leftmost-longest match, as HF's Aho-Corasick matcher: the candidates are ordered longest first.
        const AddedToken* best = nullptr;
        const auto candidates = m_addedByFirstUnit.constFind(text.at(pos).unicode());
        if (candidates != m_addedByFirstUnit.constEnd())
            for (const int i : *candidates) {
                const AddedToken& t = m_added[size_t(i)];
                if (t.normalized == normalizedTokens && QStringView(text).mid(pos).startsWith(t.content)) {
                    best = &t;
                    break;
                }
            }
        if (!best) {
            ++pos;
            continue;
        }
        qsizetype end = pos;
        if (best->lstrip)
            while (end > pieceStart && text.at(end - 1).isSpace())
                --end;
        flush(end);
        out.ids.push_back(best->id);
        out.tokens.append(best->content);
        pos += best->content.size();
        if (best->rstrip)
            while (pos < text.size() && text.at(pos).isSpace())
                ++pos;
        pieceStart = pos;
    }
    flush(text.size());
}

Encoding Tokenizer::encodeMarkingStart(
    const QString& text, const std::function<void(const QString&, bool atStart, Encoding&)>& encodePiece) const
{
    bool first = true;
    const size_t prefixSize = m_post.prefix.ids.size();
    return encodeWithAddedTokens(text, [&](const QString& piece, Encoding& out) {
        const bool atStart = first && out.ids.size() == prefixSize;
        first = false;
        encodePiece(piece, atStart, out);
    });
}

Encoding
Tokenizer::encodeWithAddedTokens(const QString& text,
                                 const std::function<void(const QString&, Encoding&)>& encodePiece) const
{
    // As HF: tokens marked "normalized": false are found in the raw text, the pieces between them are
    // normalized, and "normalized": true tokens are then found in the normalized pieces.
    Encoding out = m_post.prefix;
    splitOnAddedTokens(text, false, out, [&](const QString& raw) {
        splitOnAddedTokens(normalize(raw, m_normalizer), true, out,
                           [&](const QString& piece) { encodePiece(piece, out); });
    });
    out.ids.insert(out.ids.end(), m_post.suffix.ids.begin(), m_post.suffix.ids.end());
    out.tokens += m_post.suffix.tokens;
    return out;
}

Result<void> Tokenizer::readCommonSections(const QJsonObject& root, const QString& file)
{
    auto added = parseAddedTokens(root, file);
    if (!added) return Result<void>::failure(added.error());
    auto normalizer = parseNormalizer(root, file);
    if (!normalizer) return Result<void>::failure(normalizer.error());
    auto post = parsePostProcessor(root, file);
    if (!post) return Result<void>::failure(post.error());
    m_added = std::move(*added);
    indexAddedTokens();
    m_normalizer = std::move(*normalizer);
    m_post = std::move(*post);
    return Result<void>::success();
}

const AddedToken* Tokenizer::addedToken(int id) const
{
    const auto it = m_addedById.constFind(id);
    return it == m_addedById.constEnd() ? nullptr : &m_added[size_t(*it)];
}

void Tokenizer::addAddedToken(const AddedToken& token)
{
    m_added.push_back(token);
    indexAddedTokens();
}

void Tokenizer::indexAddedTokens()
{
    m_addedByFirstUnit.clear();
    m_addedById.clear();
    for (size_t i = 0; i < m_added.size(); ++i) {
        if (!m_addedById.contains(m_added[i].id)) m_addedById.insert(m_added[i].id, int(i)); // the first one
        if (!m_added[i].content.isEmpty())
            m_addedByFirstUnit[m_added[i].content.at(0).unicode()].push_back(int(i));
    }
    // Longest first; among equally long ones, file order (the first of them wins, as before).
    for (auto& list : m_addedByFirstUnit)
        std::stable_sort(list.begin(), list.end(), [&](int a, int b) {
            return m_added[size_t(a)].content.size() > m_added[size_t(b)].content.size();
        });
}

int Tokenizer::tokenId(const QString& token) const
{
    for (const AddedToken& t : m_added)
        if (t.content == token) return t.id;
    return -1;
}

int Tokenizer::maxAddedId() const
{
    int m = -1;
    for (const AddedToken& t : m_added)
        m = std::max(m, t.id);
    return m;
}

} // namespace attnlab::model
