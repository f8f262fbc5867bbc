#include "model/teaching/lesson_draft.h"

#include "model/attention/toy_model.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace attnlab::model {

namespace {

const QString kDraftText = QStringLiteral("text");
const QString kDraftSteps = QStringLiteral("steps");
const QString kDraftQuestion = QStringLiteral("question");
const QString kDraftNotes = QStringLiteral("notes");

// The order fields are written in: the format's order (docs/LESSONS.md) for the lesson, its input, a step and
// a question; other keys (languages of a text, matrix names) follow, declared languages first, then by name.
const QStringList& draftFieldOrder()
{
    static const QStringList order{"format", "version", "id",     "order",   "languages", "title",     "summary",
                                   "text",   "view",    "input",  "memory",  "model",     "mask",      "matrices",
                                   "query",  "layer",   "head",   "step",    "exact",     "kind",      "prompt",
                                   "key",    "answer",  "tolerance", "options", "question", "notes",   "presentation", "zoom", "panels", "params",
                                   "training", "patching", "steps", "facts"};
    return order;
}

QStringList draftOrderedKeys(const QJsonObject& object, const QStringList& languages)
{
    QStringList keys = object.keys();
    const auto rank = [&](const QString& key) {
        const qsizetype field = draftFieldOrder().indexOf(key);
        if (field >= 0)
            return int(field);
        const qsizetype language = languages.indexOf(key);
        return language >= 0 ? int(draftFieldOrder().size() + language) : int(draftFieldOrder().size() + languages.size());
    };
    std::stable_sort(keys.begin(), keys.end(), [&](const QString& a, const QString& b) {
        const int ra = rank(a), rb = rank(b);
        return ra != rb ? ra < rb : a < b;
    });
    return keys;
}

// One JSON scalar as JSON text (strings escaped as Qt writes them, UTF-8 kept as it is).
QByteArray draftScalarText(const QJsonValue& value)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

QByteArray draftInlineText(const QJsonValue& value, const QStringList& languages)
{
    if (value.isArray()) {
        QByteArrayList items;
        for (const QJsonValue& item : value.toArray())
            items << draftInlineText(item, languages);
        return '[' + items.join(", ") + ']';
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        QByteArrayList items;
        for (const QString& key : draftOrderedKeys(object, languages))
            items << draftScalarText(key) + ": " + draftInlineText(object.value(key), languages);
        return '{' + items.join(", ") + '}';
    }
    return draftScalarText(value);
}

bool draftAllScalars(const QJsonArray& array)
{
    return std::none_of(array.begin(), array.end(), [](const QJsonValue& v) { return v.isArray() || v.isObject(); });
}

// A value on one line when it fits in a line of about 110 characters (or is a row of numbers), else one
// member per line, indented by two spaces per level.
void draftWrite(const QJsonValue& value, int indent, const QStringList& languages, QByteArray* out)
{
    const QByteArray inlined = draftInlineText(value, languages);
    if ((!value.isArray() && !value.isObject()) || (value.isArray() && draftAllScalars(value.toArray()))
        || indent + inlined.size() <= 110) {
        *out += inlined;
        return;
    }
    const QByteArray inner(indent + 2, ' ');
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        *out += "[\n";
        for (qsizetype i = 0; i < array.size(); ++i) {
            *out += inner;
            draftWrite(array[i], indent + 2, languages, out);
            *out += i + 1 < array.size() ? ",\n" : "\n";
        }
        *out += QByteArray(indent, ' ') + ']';
        return;
    }
    const QJsonObject object = value.toObject();
    const QStringList keys = draftOrderedKeys(object, languages);
    *out += "{\n";
    for (qsizetype i = 0; i < keys.size(); ++i) {
        *out += inner + draftScalarText(keys[i]) + ": ";
        draftWrite(object.value(keys[i]), indent + 2, languages, out);
        *out += i + 1 < keys.size() ? ",\n" : "\n";
    }
    *out += QByteArray(indent, ' ') + '}';
}

// texts[language] = text, or no entry for that language when text is empty.
void setDraftText(QJsonObject* texts, const QString& language, const QString& text)
{
    if (text.isEmpty())
        texts->remove(language);
    else
        texts->insert(language, text);
}

// A written query or key: a position as an integer ("3" -> 3), a token's text as a string.
QJsonValue draftTokenValue(const QString& written)
{
    bool number = false;
    const int position = written.trimmed().toInt(&number);
    return number ? QJsonValue(position) : QJsonValue(written);
}

QString draftTokenText(const QJsonValue& value)
{
    return value.isDouble() ? QString::number(value.toInteger()) : value.toString();
}

// "9/26" -> "9/26"; "0.5" -> 0.5 (a plain number stays a JSON number).
QJsonValue draftAnswerEntry(const QString& written)
{
    bool number = false;
    const double value = written.toDouble(&number);
    return number && std::isfinite(value) ? QJsonValue(value) : QJsonValue(written);
}

QString draftAnswerEntryText(const QJsonValue& value)
{
    // The shortest text that reads back as the same double (0.001, not 0.0010000000000000000208).
    return value.isDouble() ? QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest) : value.toString();
}

// Removes language from a texts object held under key in object (when it is one).
void dropDraftLanguage(QJsonObject* object, const QString& key, const QString& language)
{
    if (!object->value(key).isObject())
        return;
    QJsonObject texts = object->value(key).toObject();
    texts.remove(language);
    object->insert(key, texts);
}

} // namespace

LessonDraft::LessonDraft()
{
    m_json.insert(QStringLiteral("format"), QStringLiteral("attnlab-lesson"));
    m_json.insert(QStringLiteral("version"), 1);
    m_json.insert(QStringLiteral("id"), QStringLiteral("my-lesson"));
    m_json.insert(QStringLiteral("languages"), QJsonArray{QStringLiteral("en")});
    m_json.insert(QStringLiteral("title"), QJsonObject{});
    m_json.insert(QStringLiteral("view"), QStringLiteral("heatmap"));
    m_json.insert(QStringLiteral("input"),
                  QJsonObject{{kDraftText, QStringLiteral("The animal didn't cross the street because it was too tired.")},
                              {QStringLiteral("model"), toyModelName()}});
    m_json.insert(kDraftSteps, QJsonArray{});
}

Result<LessonDraft> LessonDraft::fromJson(const QByteArray& json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return Result<LessonDraft>::failure(QStringLiteral("not JSON: %1 at byte %2").arg(error.errorString()).arg(error.offset));
    if (!document.isObject())
        return Result<LessonDraft>::failure(QStringLiteral("a lesson is a JSON object {…}, not an array or a value"));
    LessonDraft draft;
    draft.m_json = document.object();
    return draft;
}

int LessonDraft::version() const
{
    for (int i = 0; i < stepCount(); ++i) {
        const QJsonObject step = stepObject(i);
        if (step.contains(kDraftQuestion) || step.contains(kDraftNotes) || step.contains(QLatin1String("presentation")))
            return 2;
    }
    return 1;
}

QJsonObject LessonDraft::json() const
{
    QJsonObject json = m_json;
    json.insert(QStringLiteral("format"), QStringLiteral("attnlab-lesson"));
    json.insert(QStringLiteral("version"), version());
    return json;
}

QByteArray LessonDraft::toText() const
{
    return lessonJsonText(json());
}

QByteArray lessonJsonText(const QJsonObject& lesson)
{
    QStringList languages;
    for (const QJsonValue& language : lesson.value(QStringLiteral("languages")).toArray())
        languages << language.toString();
    if (languages.isEmpty())
        languages << QStringLiteral("en");
    QByteArray out;
    draftWrite(lesson, 0, languages, &out);
    return out + '\n';
}

QString LessonDraft::id() const
{
    return m_json.value(QStringLiteral("id")).toString();
}

void LessonDraft::setId(const QString& id)
{
    m_json.insert(QStringLiteral("id"), id);
}

QStringList LessonDraft::languages() const
{
    QStringList languages;
    if (m_json.value(QStringLiteral("languages")).isArray()) {
        for (const QJsonValue& language : m_json.value(QStringLiteral("languages")).toArray())
            languages << language.toString();
        return languages;
    }
    // The format's default: the title's languages, "en" first.
    languages = m_json.value(QStringLiteral("title")).toObject().keys();
    if (languages.removeAll(QStringLiteral("en")) > 0)
        languages.prepend(QStringLiteral("en"));
    return languages;
}

void LessonDraft::setLanguages(const QStringList& wanted)
{
    QStringList languages;
    for (const QString& language : wanted)
        if (!language.trimmed().isEmpty() && !languages.contains(language.trimmed()))
            languages << language.trimmed();
    const QStringList before = this->languages();
    m_json.insert(QStringLiteral("languages"), QJsonArray::fromStringList(languages));
    for (const QString& gone : before) {
        if (languages.contains(gone))
            continue;
        dropDraftLanguage(&m_json, QStringLiteral("title"), gone);
        dropDraftLanguage(&m_json, QStringLiteral("summary"), gone);
        for (int i = 0; i < stepCount(); ++i) {
            QJsonObject step = stepObject(i);
            dropDraftLanguage(&step, kDraftText, gone);
            dropDraftLanguage(&step, kDraftNotes, gone);
            if (step.value(kDraftNotes).toObject().isEmpty())
                step.remove(kDraftNotes);
            if (step.value(kDraftQuestion).isObject()) {
                QJsonObject question = step.value(kDraftQuestion).toObject();
                dropDraftLanguage(&question, QStringLiteral("prompt"), gone);
                QJsonArray options = question.value(QStringLiteral("options")).toArray();
                for (qsizetype o = 0; o < options.size(); ++o) {
                    QJsonObject option = options[o].toObject();
                    option.remove(gone);
                    options[o] = option;
                }
                if (question.contains(QStringLiteral("options")))
                    question.insert(QStringLiteral("options"), options);
                step.insert(kDraftQuestion, question);
            }
            storeStep(i, step);
        }
    }
}

QString LessonDraft::title(const QString& language) const
{
    return m_json.value(QStringLiteral("title")).toObject().value(language).toString();
}

void LessonDraft::setTitle(const QString& language, const QString& text)
{
    QJsonObject title = m_json.value(QStringLiteral("title")).toObject();
    setDraftText(&title, language, text);
    m_json.insert(QStringLiteral("title"), title);
}

QString LessonDraft::summary(const QString& language) const
{
    return m_json.value(QStringLiteral("summary")).toObject().value(language).toString();
}

void LessonDraft::setSummary(const QString& language, const QString& text)
{
    QJsonObject summary = m_json.value(QStringLiteral("summary")).toObject();
    setDraftText(&summary, language, text);
    // The summary is optional: no texts, no field.
    if (summary.isEmpty())
        m_json.remove(QStringLiteral("summary"));
    else
        m_json.insert(QStringLiteral("summary"), summary);
}

QString LessonDraft::view() const
{
    return m_json.value(QStringLiteral("view")).toString();
}

void LessonDraft::setView(const QString& view)
{
    m_json.insert(QStringLiteral("view"), view);
}

QJsonObject LessonDraft::input() const
{
    return m_json.value(QStringLiteral("input")).toObject();
}

void LessonDraft::setInput(const QJsonObject& input)
{
    m_json.insert(QStringLiteral("input"), input);
}

int LessonDraft::stepCount() const
{
    return int(m_json.value(kDraftSteps).toArray().size());
}

QJsonObject LessonDraft::stepObject(int step) const
{
    const QJsonObject stored = m_json.value(kDraftSteps).toArray().at(step).toObject();
    // The short form {"en": "…"} is the long form's text alone.
    if (stored.contains(kDraftText))
        return stored;
    return stored.isEmpty() ? QJsonObject{{kDraftText, QJsonObject{}}} : QJsonObject{{kDraftText, stored}};
}

void LessonDraft::storeStep(int step, const QJsonObject& longForm)
{
    QJsonArray steps = m_json.value(kDraftSteps).toArray();
    if (step < 0 || step >= steps.size())
        return;
    const bool wasShort = !steps[step].toObject().contains(kDraftText);
    // A step that was written in the short form keeps it while it is a paragraph alone.
    const bool textAlone = longForm.size() == 1 && longForm.contains(kDraftText) && !longForm.value(kDraftText).toObject().isEmpty();
    steps[step] = wasShort && textAlone ? longForm.value(kDraftText).toObject() : longForm;
    m_json.insert(kDraftSteps, steps);
}

int LessonDraft::addStep(const LessonDraftFigure& figure)
{
    QJsonArray steps = m_json.value(kDraftSteps).toArray();
    steps.append(QJsonObject{{kDraftText, QJsonObject{}}});
    m_json.insert(kDraftSteps, steps);
    const int index = int(steps.size()) - 1;
    setStepFigure(index, figure);
    return index;
}

LessonDraftFigure LessonDraft::stepFigure(int step) const
{
    const QJsonObject object = stepObject(step);
    LessonDraftFigure figure;
    figure.view = object.value(QStringLiteral("view")).toString();
    if (object.contains(QStringLiteral("query")))
        figure.query = draftTokenText(object.value(QStringLiteral("query")));
    const auto number = [&](const char* key) -> std::optional<int> {
        const QJsonValue value = object.value(QLatin1String(key));
        return value.isDouble() ? std::optional<int>(value.toInt()) : std::nullopt;
    };
    figure.layer = number("layer");
    figure.head = number("head");
    figure.stage = number("step");
    return figure;
}

void LessonDraft::setStepFigure(int step, const LessonDraftFigure& figure)
{
    QJsonObject object = stepObject(step);
    const auto put = [&](const char* key, const QJsonValue& value, bool present) {
        if (present)
            object.insert(QLatin1String(key), value);
        else
            object.remove(QLatin1String(key));
    };
    put("view", figure.view, !figure.view.isEmpty());
    put("query", draftTokenValue(figure.query), !figure.query.isEmpty());
    put("layer", figure.layer.value_or(0), figure.layer.has_value());
    put("head", figure.head.value_or(0), figure.head.has_value());
    put("step", figure.stage.value_or(0), figure.stage.has_value());
    storeStep(step, object);
}

QString LessonDraft::stepText(int step, const QString& language) const
{
    return stepObject(step).value(kDraftText).toObject().value(language).toString();
}

void LessonDraft::setStepText(int step, const QString& language, const QString& text)
{
    QJsonObject object = stepObject(step);
    QJsonObject texts = object.value(kDraftText).toObject();
    setDraftText(&texts, language, text);
    object.insert(kDraftText, texts);
    storeStep(step, object);
}

QString LessonDraft::stepNotes(int step, const QString& language) const
{
    return stepObject(step).value(kDraftNotes).toObject().value(language).toString();
}

void LessonDraft::setStepNotes(int step, const QString& language, const QString& text)
{
    QJsonObject object = stepObject(step);
    QJsonObject notes = object.value(kDraftNotes).toObject();
    setDraftText(&notes, language, text);
    // Notes are optional (and make the lesson version 2): none written, no field.
    if (notes.isEmpty())
        object.remove(kDraftNotes);
    else
        object.insert(kDraftNotes, notes);
    storeStep(step, object);
}

LessonDraftQuestion LessonDraft::stepQuestion(int step) const
{
    LessonDraftQuestion question;
    const QJsonObject object = stepObject(step).value(kDraftQuestion).toObject();
    if (object.isEmpty())
        return question;
    question.kind = object.value(QStringLiteral("kind")).toString();
    question.prompt = object.value(QStringLiteral("prompt")).toObject();
    if (object.contains(QStringLiteral("key")))
        question.key = draftTokenText(object.value(QStringLiteral("key")));
    const QJsonValue answer = object.value(QStringLiteral("answer"));
    if (question.kind == QLatin1String("choice")) {
        question.correctOption = answer.isDouble() ? answer.toInt() : 1;
    } else if (answer.isArray()) {
        QStringList entries;
        for (const QJsonValue& entry : answer.toArray())
            entries << draftAnswerEntryText(entry);
        question.answer = entries.join(QStringLiteral(", "));
    } else if (!answer.isUndefined()) {
        question.answer = draftAnswerEntryText(answer);
    }
    if (object.contains(QStringLiteral("tolerance")))
        question.tolerance = draftAnswerEntryText(object.value(QStringLiteral("tolerance")));
    for (const QJsonValue& option : object.value(QStringLiteral("options")).toArray())
        question.options.push_back(option.toObject());
    return question;
}

void LessonDraft::setStepQuestion(int step, const LessonDraftQuestion& question)
{
    QJsonObject object = stepObject(step);
    if (question.kind.isEmpty()) {
        object.remove(kDraftQuestion);
        storeStep(step, object);
        return;
    }
    QJsonObject written{{QStringLiteral("kind"), question.kind}, {QStringLiteral("prompt"), question.prompt}};
    if (question.kind == QLatin1String("head") && !question.key.isEmpty())
        written.insert(QStringLiteral("key"), draftTokenValue(question.key));
    if (question.kind == QLatin1String("number")) {
        // "11, 5/2" or "[11, 5/2]" -> [11, "5/2"]; one entry is written alone.
        QString answer = question.answer.trimmed();
        if (answer.startsWith(QLatin1Char('[')) && answer.endsWith(QLatin1Char(']')))
            answer = answer.mid(1, answer.size() - 2);
        QJsonArray entries;
        for (const QString& entry : answer.split(QLatin1Char(','), Qt::SkipEmptyParts))
            if (!entry.trimmed().isEmpty())
                entries.append(draftAnswerEntry(entry.trimmed()));
        if (entries.size() == 1)
            written.insert(QStringLiteral("answer"), entries[0]);
        else if (entries.size() > 1)
            written.insert(QStringLiteral("answer"), entries);
        if (!question.tolerance.trimmed().isEmpty())
            written.insert(QStringLiteral("tolerance"), draftAnswerEntry(question.tolerance.trimmed()));
    }
    if (question.kind == QLatin1String("choice")) {
        QJsonArray options;
        for (const QJsonObject& option : question.options)
            options.append(option);
        written.insert(QStringLiteral("options"), options);
        written.insert(QStringLiteral("answer"), question.correctOption);
    }
    object.insert(kDraftQuestion, written);
    storeStep(step, object);
}

bool LessonDraft::moveStep(int step, int delta)
{
    QJsonArray steps = m_json.value(kDraftSteps).toArray();
    const int other = step + delta;
    if (step < 0 || step >= steps.size() || other < 0 || other >= steps.size() || step == other)
        return false;
    const QJsonValue moved = steps[step];
    steps[step] = steps[other];
    steps[other] = moved;
    m_json.insert(kDraftSteps, steps);
    return true;
}

void LessonDraft::removeStep(int step)
{
    QJsonArray steps = m_json.value(kDraftSteps).toArray();
    if (step < 0 || step >= steps.size())
        return;
    steps.removeAt(step);
    m_json.insert(kDraftSteps, steps);
}

} // namespace attnlab::model
