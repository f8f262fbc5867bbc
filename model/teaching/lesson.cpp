#include "model/teaching/lesson.h"

#include "model/exact/expression.h"
#include "model/core/json_describe.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace attnlab::model {

namespace {

const QStringList& lessonTopKeys()
{
    static const QStringList keys{"format", "version", "id",   "order", "languages", "title", "summary", "view", "input",
                                  "query",  "layer",   "head", "step",  "exact",     "params", "training", "patching",
                                  "steps",  "facts"};
    return keys;
}

const QStringList& lessonStepKeys()
{
    static const QStringList keys{"text", "view", "query", "layer", "head", "step", "question", "notes", "presentation"};
    return keys;
}

const QStringList& lessonQuestionKeys()
{
    static const QStringList keys{"kind", "prompt", "key", "answer", "tolerance", "options"};
    return keys;
}

// The fields each kind takes besides kind and prompt.
QStringList lessonQuestionFieldsOf(LessonQuestion::Kind kind)
{
    switch (kind) {
    case LessonQuestion::Kind::Key: return {};
    case LessonQuestion::Kind::Head: return {QStringLiteral("key")};
    case LessonQuestion::Kind::Number: return {QStringLiteral("answer"), QStringLiteral("tolerance")};
    case LessonQuestion::Kind::Choice: return {QStringLiteral("options"), QStringLiteral("answer")};
    }
    return {};
}

// Levenshtein distance, for "did you mean …?" after a misspelt field name.
int lessonEditDistance(const QString& a, const QString& b)
{
    std::vector<int> row(size_t(b.size()) + 1);
    for (size_t j = 0; j < row.size(); ++j)
        row[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int above = row[size_t(j)];
            row[size_t(j)] = std::min({above + 1, row[size_t(j - 1)] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row.back();
}

QString childPath(const QString& path, const QString& key)
{
    return path.isEmpty() ? key : path + QLatin1Char('.') + key;
}

QString indexPath(const QString& path, qsizetype index)
{
    return QStringLiteral("%1[%2]").arg(path).arg(index);
}

bool isLanguageCode(const QString& code)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"));
    return pattern.match(code).hasMatch();
}

// Reads one lesson object, collecting every problem instead of stopping at the first.
class LessonReader {
public:
    std::vector<LessonProblem> problems;

    void add(const QString& path, const QString& message) { problems.push_back({path, message}); }

    // A message of another reader that starts with its own path ("params: d_model 768 …") -> path and message.
    void addPrefixed(const QString& message, const QString& fallbackPath)
    {
        const qsizetype colon = message.indexOf(QStringLiteral(": "));
        const QString head = colon > 0 ? message.left(colon) : QString();
        if (!head.isEmpty() && !head.contains(QLatin1Char(' ')))
            add(head, message.mid(colon + 2));
        else
            add(fallbackPath, message);
    }

    void unknownKey(const QString& path, const QString& key, const QStringList& known)
    {
        QString closest;
        int best = 3; // at most two edits: a typo, not another word
        for (const QString& k : known)
            if (const int d = lessonEditDistance(key.toLower(), k); d < best) {
                best = d;
                closest = k;
            }
        add(childPath(path, key), closest.isEmpty()
                                      ? QStringLiteral("unknown field (expected %1)").arg(known.join(QStringLiteral(", ")))
                                      : QStringLiteral("unknown field (did you mean \"%1\"?)").arg(closest));
    }

    std::optional<int> wholeNumber(const QJsonValue& value, const QString& path, int min, int max)
    {
        const double v = value.toDouble(-1e300);
        // The range first: converting a double outside int's range to int is undefined behaviour.
        if (!value.isDouble() || !(v >= min && v <= max) || v != std::floor(v)) {
            add(path, QStringLiteral("expected a whole number from %1 to %2, got %3").arg(min).arg(max).arg(describeJson(value)));
            return std::nullopt;
        }
        return int(v);
    }

    std::optional<QString> string(const QJsonValue& value, const QString& path)
    {
        if (value.isString())
            return value.toString();
        add(path, QStringLiteral("expected a string, got %1").arg(describeJson(value)));
        return std::nullopt;
    }

    // "languages", or the title's languages (English first, then in alphabetical order) when it is not given.
    QStringList languages(const QJsonObject& object)
    {
        const QJsonValue given = object.value(QLatin1String("languages"));
        QStringList out;
        if (given.isUndefined()) {
            const QJsonObject title = object.value(QLatin1String("title")).toObject();
            for (auto it = title.begin(); it != title.end(); ++it)
                if (isLanguageCode(it.key()))
                    out << it.key();
            if (out.removeAll(QStringLiteral("en")) > 0 || out.isEmpty())
                out.prepend(QStringLiteral("en"));
            m_declaredBy = QStringLiteral("the title's languages");
            return out;
        }
        m_declaredBy = QStringLiteral("languages");
        if (!given.isArray() || given.toArray().isEmpty()) {
            add(QStringLiteral("languages"),
                QStringLiteral("expected a non-empty array of language codes such as [\"en\", \"ja\"], got %1").arg(describeJson(given)));
            return {QStringLiteral("en")};
        }
        const QJsonArray array = given.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QString path = indexPath(QStringLiteral("languages"), i);
            const QString code = array[i].toString();
            if (!array[i].isString() || !isLanguageCode(code))
                add(path, QStringLiteral("expected a language code such as \"en\", \"ja\", \"fa\" or \"pt-BR\", got %1")
                              .arg(describeJson(array[i])));
            else if (out.contains(code))
                add(path, QStringLiteral("\"%1\" is declared twice").arg(code));
            else
                out << code;
        }
        if (out.isEmpty())
            out << QStringLiteral("en");
        return out;
    }

    // {"en": "…", "ja": "…"} -> the text in every declared language, in the declared order.
    void localized(const QJsonValue& value, const QString& path, LocalizedText* out)
    {
        if (!value.isObject()) {
            add(path, QStringLiteral("expected an object of texts by language such as {\"en\": \"…\"}, got %1").arg(describeJson(value)));
            return;
        }
        const QJsonObject object = value.toObject();
        LocalizedText read;
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString where = childPath(path, it.key());
            if (!isLanguageCode(it.key())) {
                add(where, QStringLiteral("\"%1\" is not a language code (such as en, ja, fa, pt-BR)").arg(it.key()));
                continue;
            }
            const auto text = string(it.value(), where);
            if (!text)
                continue;
            if (!m_languages.contains(it.key()))
                add(where, QStringLiteral("language \"%1\" is not declared (%2: %3)")
                               .arg(it.key(), m_declaredBy, m_languages.join(QStringLiteral(", "))));
            read.set(it.key(), *text);
        }
        for (const QString& language : m_languages) {
            const QString text = read.get(language);
            if (text.trimmed().isEmpty() && (object.contains(language) ? object.value(language).isString() : true))
                add(childPath(path, language), QStringLiteral("the text for declared language \"%1\" is missing").arg(language));
            out->set(language, text);
        }
        for (const auto& [language, text] : read.texts)
            if (!m_languages.contains(language))
                out->set(language, text);
    }

    // A view by name; empty when unknown (the problem is recorded).
    QString view(const QJsonValue& value, const QString& path)
    {
        if (value.isString() && lessonViewNames().contains(value.toString()))
            return value.toString();
        add(path, QStringLiteral("unknown view %1 (expected one of %2)")
                      .arg(describeJson(value), lessonViewNames().join(QStringLiteral(", "))));
        return {};
    }

    QString query(const QJsonValue& value, const QString& path)
    {
        if (value.isString() && !value.toString().trimmed().isEmpty())
            return value.toString();
        if (value.isDouble())
            if (const auto n = wholeNumber(value, path, 1, 1 << 24))
                return QString::number(*n);
        if (!value.isDouble())
            add(path, QStringLiteral("expected a 1-based position or a token, got %1").arg(describeJson(value)));
        return {};
    }

    void fact(const QJsonValue& value, const QString& path, LessonFact* fact)
    {
        const QJsonArray items = value.isArray() ? value.toArray() : QJsonArray{value};
        if (items.isEmpty()) {
            add(path, QStringLiteral("expected a number, an expression or an array of them, got an empty array"));
            return;
        }
        for (qsizetype i = 0; i < items.size(); ++i) {
            const QJsonValue& item = items[i];
            const QString where = value.isArray() ? indexPath(path, i) : path;
            if (item.isDouble()) {
                fact->written << QString::number(item.toDouble(), 'g', 17);
                fact->values.push_back(item.toDouble());
            } else if (item.isString()) {
                const auto v = evaluateExpression(item.toString());
                if (!v) {
                    add(where, v.error());
                    continue;
                }
                fact->written << item.toString();
                fact->values.push_back(*v);
            } else {
                add(where, QStringLiteral("expected a number or an expression string, got %1").arg(describeJson(item)));
            }
        }
    }

    void input(const QJsonValue& value, Lesson* lesson)
    {
        const QString path = QStringLiteral("input");
        if (!value.isObject()) {
            add(path, QStringLiteral("expected an object with \"matrices\" or \"text\", got %1").arg(describeJson(value)));
            return;
        }
        const QJsonObject input = value.toObject();
        lesson->input = input;
        if (input.contains(QLatin1String("matrices")) == input.contains(QLatin1String("text")))
            add(path, QStringLiteral("give exactly one of \"matrices\" and \"text\""));
        for (auto it = input.begin(); it != input.end(); ++it) {
            const QString& key = it.key();
            const QString where = childPath(path, key);
            if (key == QLatin1String("matrices")) {
                if (!it.value().isObject()) {
                    add(where, QStringLiteral("expected the object of a matrices file, got %1").arg(describeJson(it.value())));
                    continue;
                }
                // The matrices reader prefixes its messages with the name it is given: here, the path.
                auto problem = parseMatrixProblem(QJsonDocument(it.value().toObject()).toJson(QJsonDocument::Compact), where);
                if (!problem)
                    addPrefixed(problem.error(), where);
                else
                    lesson->problem = std::move(problem).value();
            } else if (key == QLatin1String("text") || key == QLatin1String("memory") || key == QLatin1String("model") ||
                       key == QLatin1String("mask")) {
                const auto text = string(it.value(), where);
                if (!text)
                    continue;
                if (key == QLatin1String("text")) {
                    if (text->trimmed().isEmpty())
                        add(where, QStringLiteral("the text is empty"));
                    lesson->text = *text;
                } else if (key == QLatin1String("mask")) {
                    auto mask = parseMaskSpec(*text);
                    if (!mask)
                        add(where, mask.error());
                    else
                        lesson->mask = *mask;
                } else if (key == QLatin1String("memory")) {
                    lesson->memory = *text;
                } else if (text->trimmed().isEmpty()) {
                    add(where, QStringLiteral("the model is empty (use \"toy\", a short name such as \"gpt2\", or a path)"));
                } else {
                    lesson->modelName = *text;
                }
            } else {
                unknownKey(path, key, {"matrices", "text", "memory", "model", "mask"});
            }
        }
        if (input.contains(QLatin1String("matrices")) && input.size() > 1 && !input.contains(QLatin1String("text")))
            add(path, QStringLiteral("a matrices input takes no memory, model or mask (put the mask in the matrices)"));
    }

    void training(const QJsonValue& value, Lesson* lesson)
    {
        const QString path = QStringLiteral("training");
        if (!value.isObject()) {
            add(path, QStringLiteral("expected {\"task\": a built-in task such as \"induction\", \"preset\": \"tiny\" or "
                                     "\"small\"}, got %1").arg(describeJson(value)));
            return;
        }
        const QJsonObject t = value.toObject();
        LessonTraining training;
        static const QRegularExpression taskPattern(QStringLiteral("^[a-z]+$"));
        const QJsonValue task = t.value(QLatin1String("task"));
        if (!task.isString() || !taskPattern.match(task.toString()).hasMatch())
            add(childPath(path, QStringLiteral("task")),
                QStringLiteral("expected a built-in task such as \"induction\", got %1").arg(describeJson(task)));
        training.task = task.toString();
        const QJsonValue preset = t.value(QLatin1String("preset"));
        if (!preset.isUndefined() && preset != QJsonValue(QStringLiteral("tiny")) && preset != QJsonValue(QStringLiteral("small")))
            add(childPath(path, QStringLiteral("preset")), QStringLiteral("expected \"tiny\" or \"small\", got %1").arg(describeJson(preset)));
        else if (preset.isString())
            training.preset = preset.toString();
        for (auto it = t.begin(); it != t.end(); ++it)
            if (it.key() != QLatin1String("task") && it.key() != QLatin1String("preset"))
                unknownKey(path, it.key(), {"task", "preset"});
        lesson->training = training;
    }

    void patching(const QJsonValue& value, Lesson* lesson)
    {
        const QString path = QStringLiteral("patching");
        if (!value.isObject()) {
            add(path, QStringLiteral("expected {\"corrupted\": text, \"target\": a token, \"wrong\": a token (optional)}, got %1")
                          .arg(describeJson(value)));
            return;
        }
        const QJsonObject p = value.toObject();
        PatchingInputs inputs;
        for (auto it = p.begin(); it != p.end(); ++it) {
            const QString where = childPath(path, it.key());
            QString* target = it.key() == QLatin1String("corrupted") ? &inputs.corrupted
                              : it.key() == QLatin1String("target")  ? &inputs.target
                              : it.key() == QLatin1String("wrong")   ? &inputs.wrong
                                                                     : nullptr;
            if (!target) {
                unknownKey(path, it.key(), {"corrupted", "target", "wrong"});
            } else if (const auto text = string(it.value(), where)) {
                *target = *text;
                if (it.key() != QLatin1String("wrong") && text->isEmpty())
                    add(where, QStringLiteral("must not be empty"));
            }
        }
        for (const char* required : {"corrupted", "target"})
            if (!p.contains(QLatin1String(required)))
                add(childPath(path, QLatin1String(required)), QStringLiteral("missing (required)"));
        lesson->patching = inputs;
    }

    void step(const QJsonValue& value, const QString& path, LessonStep* step)
    {
        if (!value.isObject()) {
            add(path, QStringLiteral("expected a step: {\"en\": \"…\", …} or {\"text\": {\"en\": \"…\"}, \"view\": …}, got %1")
                          .arg(describeJson(value)));
            return;
        }
        const QJsonObject object = value.toObject();
        if (!object.contains(QLatin1String("text"))) {
            // The short form: the step's paragraph alone.
            localized(value, path, &step->text);
            return;
        }
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString& key = it.key();
            const QString where = childPath(path, key);
            if (key == QLatin1String("text"))
                localized(it.value(), where, &step->text);
            else if (key == QLatin1String("view"))
                step->view = view(it.value(), where);
            else if (key == QLatin1String("query"))
                step->query = query(it.value(), where);
            else if (key == QLatin1String("layer"))
                step->layer = wholeNumber(it.value(), where, 1, 1000);
            else if (key == QLatin1String("head"))
                step->head = wholeNumber(it.value(), where, 1, 1000);
            else if (key == QLatin1String("step"))
                step->step = wholeNumber(it.value(), where, 1, 5);
            else if (key == QLatin1String("question") && needsVersion2(where))
                question(it.value(), where, step);
            else if (key == QLatin1String("notes") && needsVersion2(where))
                localized(it.value(), where, &step->notes);
            else if (key == QLatin1String("presentation") && needsVersion2(where))
                presentation(it.value(), where, &step->presentation);
            else if (key != QLatin1String("question") && key != QLatin1String("notes") && key != QLatin1String("presentation"))
                unknownKey(path, key, lessonStepKeys());
        }
    }

    // Questions and notes are version 2 of the format: a file declaring version 1 is told, once per field.
    bool needsVersion2(const QString& path)
    {
        if (m_version >= 2)
            return true;
        add(path, QStringLiteral("questions, notes and presentation need \"version\": 2 (this file declares version %1)").arg(m_version));
        return false;
    }

    void presentation(const QJsonValue& value, const QString& path, LessonPresentation* out)
    {
        if (!value.isObject()) {
            add(path, QStringLiteral("expected {\"zoom\": 1.5, \"panels\": [\"caption\"]}, got %1").arg(describeJson(value)));
            return;
        }
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString where = childPath(path, it.key());
            if (it.key() == QLatin1String("zoom")) {
                const double zoom = it.value().toDouble(-1);
                if (!it.value().isDouble() || !(zoom >= 0.5 && zoom <= 2))
                    add(where, QStringLiteral("expected a number from 0.5 to 2, got %1").arg(describeJson(it.value())));
                else
                    out->zoom = zoom;
            } else if (it.key() == QLatin1String("panels")) {
                if (!it.value().isArray()) {
                    add(where, QStringLiteral("expected an array of panels such as [\"caption\"], got %1").arg(describeJson(it.value())));
                    continue;
                }
                const QJsonArray array = it.value().toArray();
                QStringList panels;
                for (qsizetype i = 0; i < array.size(); ++i) {
                    if (array[i].isString() && lessonPanelNames().contains(array[i].toString())) {
                        if (!panels.contains(array[i].toString()))
                            panels << array[i].toString();
                    } else {
                        add(indexPath(where, i), QStringLiteral("unknown panel %1 (expected one of %2)")
                                                     .arg(describeJson(array[i]), lessonPanelNames().join(QStringLiteral(", "))));
                    }
                }
                out->panels = panels;
            } else {
                unknownKey(path, it.key(), {"zoom", "panels"});
            }
        }
    }

    void question(const QJsonValue& value, const QString& path, LessonStep* step)
    {
        if (!value.isObject()) {
            add(path, QStringLiteral("expected a question: {\"kind\": \"key\", \"prompt\": {\"en\": \"…\"}}, got %1").arg(describeJson(value)));
            return;
        }
        const QJsonObject object = value.toObject();
        LessonQuestion q;
        const QJsonValue kind = object.value(QLatin1String("kind"));
        static const QStringList kinds{QStringLiteral("key"), QStringLiteral("head"), QStringLiteral("number"), QStringLiteral("choice")};
        if (!kind.isString() || !kinds.contains(kind.toString())) {
            add(childPath(path, QStringLiteral("kind")),
                QStringLiteral("expected one of %1, got %2").arg(kinds.join(QStringLiteral(", ")), describeJson(kind)));
            return;
        }
        q.kind = LessonQuestion::Kind(kinds.indexOf(kind.toString()));
        if (!object.contains(QLatin1String("prompt")))
            add(childPath(path, QStringLiteral("prompt")), QStringLiteral("missing (required)"));
        const QStringList own = lessonQuestionFieldsOf(q.kind);
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString& key = it.key();
            const QString where = childPath(path, key);
            if (key == QLatin1String("kind")) {
                // read above
            } else if (key == QLatin1String("prompt")) {
                localized(it.value(), where, &q.prompt);
            } else if (!lessonQuestionKeys().contains(key)) {
                unknownKey(path, key, lessonQuestionKeys());
            } else if (!own.contains(key)) {
                add(where, QStringLiteral("a \"%1\" question takes no \"%2\"").arg(kind.toString(), key));
            } else if (key == QLatin1String("key")) {
                q.key = query(it.value(), where);
            } else if (key == QLatin1String("tolerance")) {
                const double t = it.value().toDouble(-1);
                if (!it.value().isDouble() || !(t >= 0 && t <= 1e12))
                    add(where, QStringLiteral("expected a number ≥ 0, got %1").arg(describeJson(it.value())));
                else
                    q.tolerance = t;
            } else if (key == QLatin1String("answer") && q.kind == LessonQuestion::Kind::Number) {
                LessonFact answer;
                fact(it.value(), where, &answer);
                q.answerWritten = answer.written;
                q.answer = answer.values;
            } else if (key == QLatin1String("options")) {
                const QJsonArray options = it.value().toArray();
                if (!it.value().isArray() || options.size() < 2) {
                    add(where, QStringLiteral("expected at least two options, each {\"en\": \"…\"}, got %1").arg(describeJson(it.value())));
                    continue;
                }
                for (qsizetype i = 0; i < options.size(); ++i) {
                    q.options.emplace_back();
                    localized(options[i], indexPath(where, i), &q.options.back());
                }
            }
        }
        // The fields a kind needs, and the choice's answer against its options (read after them).
        for (const QString& required : own)
            if (required != QLatin1String("tolerance") && !object.contains(required))
                add(childPath(path, required), QStringLiteral("missing (a \"%1\" question needs it)").arg(kind.toString()));
        if (q.kind == LessonQuestion::Kind::Choice && object.contains(QLatin1String("answer")) && q.options.size() >= 2)
            if (const auto n = wholeNumber(object.value(QLatin1String("answer")), childPath(path, QStringLiteral("answer")), 1,
                                           int(q.options.size())))
                q.correctOption = *n - 1;
        step->question = std::move(q);
    }

    void lesson(const QJsonObject& object, Lesson* lesson)
    {
        // The format and version first: a newer file is not read field by field (its fields would all look wrong).
        const QJsonValue format = object.value(QLatin1String("format"));
        if (format.isUndefined())
            add(QStringLiteral("format"), QStringLiteral("missing: a lesson file starts with \"format\": \"attnlab-lesson\", \"version\": 1"));
        else if (format != QJsonValue(lessonFormatName()))
            add(QStringLiteral("format"), QStringLiteral("expected \"attnlab-lesson\", got %1").arg(describeJson(format)));
        const QJsonValue version = object.value(QLatin1String("version"));
        if (version.isUndefined()) {
            add(QStringLiteral("version"), QStringLiteral("missing (this AttnLab reads version %1)").arg(kLessonFormatVersion));
        } else if (const auto v = wholeNumber(version, QStringLiteral("version"), 1, 1000000)) {
            lesson->version = *v;
            m_version = *v;
            if (*v > kLessonFormatVersion) {
                add(QStringLiteral("version"), QStringLiteral("version %1 is newer than this AttnLab reads (%2): update AttnLab")
                                                   .arg(*v).arg(kLessonFormatVersion));
                return;
            }
        }
        for (const char* required : {"id", "title", "view", "input"})
            if (!object.contains(QLatin1String(required)))
                add(QLatin1String(required), QStringLiteral("missing (required)"));

        m_languages = languages(object);
        lesson->languages = m_languages;
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString& key = it.key();
            const QJsonValue& value = it.value();
            if (key == QLatin1String("format") || key == QLatin1String("version") || key == QLatin1String("languages")) {
                // read above
            } else if (key == QLatin1String("id")) {
                static const QRegularExpression idPattern(QStringLiteral("^[a-z0-9]+(-[a-z0-9]+)*$"));
                if (!value.isString() || !idPattern.match(value.toString()).hasMatch())
                    add(key, QStringLiteral("expected lower-case words joined by hyphens such as \"exam-softmax\", got %1")
                                 .arg(describeJson(value)));
                else
                    lesson->id = value.toString();
            } else if (key == QLatin1String("order")) {
                lesson->order = wholeNumber(value, key, 0, 100000).value_or(0);
            } else if (key == QLatin1String("title")) {
                localized(value, key, &lesson->title);
            } else if (key == QLatin1String("summary")) {
                localized(value, key, &lesson->summary);
            } else if (key == QLatin1String("view")) {
                lesson->view = view(value, key);
            } else if (key == QLatin1String("input")) {
                input(value, lesson);
            } else if (key == QLatin1String("query")) {
                lesson->query = query(value, key);
            } else if (key == QLatin1String("layer")) {
                lesson->layer = wholeNumber(value, key, 1, 1000);
            } else if (key == QLatin1String("head")) {
                lesson->head = wholeNumber(value, key, 1, 1000);
            } else if (key == QLatin1String("step")) {
                lesson->step = wholeNumber(value, key, 1, 5);
            } else if (key == QLatin1String("exact")) {
                if (!value.isBool())
                    add(key, QStringLiteral("expected true or false, got %1").arg(describeJson(value)));
                lesson->exact = value.toBool();
            } else if (key == QLatin1String("params")) {
                if (!value.isObject()) {
                    add(key, QStringLiteral("expected an object, got %1").arg(describeJson(value)));
                } else if (auto params = shapeConfigFromJson(value.toObject(), key); !params) {
                    addPrefixed(params.error(), key);
                } else {
                    lesson->params = *params;
                }
            } else if (key == QLatin1String("training")) {
                training(value, lesson);
            } else if (key == QLatin1String("patching")) {
                patching(value, lesson);
            } else if (key == QLatin1String("steps")) {
                if (!value.isArray()) {
                    add(key, QStringLiteral("expected an array of steps, got %1").arg(describeJson(value)));
                    continue;
                }
                const QJsonArray steps = value.toArray();
                for (qsizetype i = 0; i < steps.size(); ++i) {
                    lesson->steps.emplace_back();
                    step(steps[i], indexPath(key, i), &lesson->steps.back());
                }
            } else if (key == QLatin1String("facts")) {
                if (!value.isObject()) {
                    add(key, QStringLiteral("expected an object of named numbers, got %1").arg(describeJson(value)));
                    continue;
                }
                const QJsonObject facts = value.toObject();
                for (auto f = facts.begin(); f != facts.end(); ++f) {
                    lesson->facts.push_back({f.key(), {}, {}});
                    fact(f.value(), childPath(key, f.key()), &lesson->facts.back());
                }
            } else {
                unknownKey(QString(), key, lessonTopKeys());
            }
        }
    }

private:
    QStringList m_languages{QStringLiteral("en")};
    QString m_declaredBy;
    int m_version = kLessonFormatVersion;
};

} // namespace

void sortLessonProblems(std::vector<LessonProblem>* problems)
{
    // (the field's place in the format, the step's index): format, version, id, …, steps[0], steps[1], …, facts,
    // then misspelt fields; the file as a whole first.
    const auto rank = [](const QString& path) {
        if (path.isEmpty())
            return std::pair{-1, 0};
        static const QRegularExpression head(QStringLiteral("^([A-Za-z_-]+)(?:\\[(\\d+)\\])?"));
        const auto match = head.match(path);
        const qsizetype field = lessonTopKeys().indexOf(match.captured(1));
        return std::pair{field < 0 ? int(lessonTopKeys().size()) : int(field), match.captured(2).toInt()};
    };
    std::stable_sort(problems->begin(), problems->end(),
                     [&](const LessonProblem& a, const LessonProblem& b) { return rank(a.path) < rank(b.path); });
}

QString lessonFormatName()
{
    return QStringLiteral("attnlab-lesson");
}

QStringList lessonPanelNames()
{
    return {QStringLiteral("bar"), QStringLiteral("caption"), QStringLiteral("input")};
}

QString lessonQuestionKindName(LessonQuestion::Kind kind)
{
    switch (kind) {
    case LessonQuestion::Kind::Key: return QStringLiteral("key");
    case LessonQuestion::Kind::Head: return QStringLiteral("head");
    case LessonQuestion::Kind::Number: return QStringLiteral("number");
    case LessonQuestion::Kind::Choice: return QStringLiteral("choice");
    }
    return {};
}

QString LessonProblem::text() const
{
    return path.isEmpty() ? message : path + QStringLiteral(": ") + message;
}

QString LocalizedText::text(const QString& language) const
{
    if (const QString exact = get(language); !exact.isEmpty())
        return exact;
    if (const qsizetype dash = language.indexOf(QLatin1Char('-')); dash > 0)
        if (const QString primary = get(language.left(dash)); !primary.isEmpty())
            return primary;
    for (const auto& [code, text] : texts)
        if (!text.isEmpty())
            return text;
    return {};
}

QString LocalizedText::get(const QString& language) const
{
    for (const auto& [code, text] : texts)
        if (code == language)
            return text;
    return {};
}

QStringList LocalizedText::languages() const
{
    QStringList out;
    for (const auto& [code, text] : texts)
        out << code;
    return out;
}

void LocalizedText::set(const QString& language, const QString& text)
{
    for (auto& [code, existing] : texts)
        if (code == language) {
            existing = text;
            return;
        }
    texts.emplace_back(language, text);
}

const LessonFact* Lesson::fact(const QString& name) const
{
    for (const LessonFact& f : facts)
        if (f.name == name)
            return &f;
    return nullptr;
}

QString Lesson::language(const QString& ui) const
{
    if (languages.contains(ui))
        return ui;
    if (const qsizetype dash = ui.indexOf(QLatin1Char('-')); dash > 0 && languages.contains(ui.left(dash)))
        return ui.left(dash);
    return languages.value(0, QStringLiteral("en"));
}

QStringList lessonViewNames()
{
    return {QStringLiteral("heatmap"), QStringLiteral("heads"),   QStringLiteral("arcs"),    QStringLiteral("model"),
            QStringLiteral("steps"),   QStringLiteral("pe"),      QStringLiteral("residual"), QStringLiteral("roles"),
            QStringLiteral("rollout"), QStringLiteral("effects"), QStringLiteral("lens"),     QStringLiteral("qk"),
            QStringLiteral("patching")};
}

LessonPresentation presentationAt(const Lesson& lesson, int step)
{
    LessonPresentation at;
    for (int i = 0; i <= step && i < int(lesson.steps.size()); ++i) {
        const LessonPresentation& given = lesson.steps[size_t(i)].presentation;
        if (given.zoom) at.zoom = given.zoom;
        if (given.panels) at.panels = given.panels;
    }
    return at;
}

LessonCheck checkLesson(const QByteArray& json)
{
    LessonCheck check;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        check.problems.push_back(
            {QString(), QStringLiteral("not valid JSON at byte %1: %2").arg(parseError.offset).arg(parseError.errorString())});
        return check;
    }
    if (!document.isObject()) {
        check.problems.push_back({QString(), QStringLiteral("expected a JSON object (a lesson)")});
        return check;
    }
    LessonReader reader;
    Lesson lesson;
    reader.lesson(document.object(), &lesson);
    check.lesson = std::move(lesson);
    check.problems = std::move(reader.problems);
    sortLessonProblems(&check.problems);
    return check;
}

LessonCheck checkLessonFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {std::nullopt, {{QString(), QStringLiteral("cannot read the file: %1").arg(file.errorString())}}};
    if (file.size() > kMaxLessonBytes)
        return {std::nullopt,
                {{QString(), QStringLiteral("%1 bytes is too large for a lesson (limit %2)").arg(file.size()).arg(kMaxLessonBytes)}}};
    LessonCheck check = checkLesson(file.readAll());
    if (check.lesson)
        check.lesson->sourcePath = path;
    return check;
}

Result<Lesson> parseLesson(const QByteArray& json, const QString& fileName)
{
    LessonCheck check = checkLesson(json);
    if (!check.problems.empty())
        return Result<Lesson>::failure(QStringLiteral("%1: %2").arg(fileName, check.problems.front().text()));
    return std::move(*check.lesson);
}

Result<Lesson> readLesson(const QString& path)
{
    LessonCheck check = checkLessonFile(path);
    if (!check.problems.empty())
        return Result<Lesson>::failure(QStringLiteral("%1: %2").arg(path, check.problems.front().text()));
    return std::move(*check.lesson);
}

namespace {

QStringList lessonFileNames(const QDir& dir)
{
    return dir.entryList({QStringLiteral("*.json"), QStringLiteral("*.attnlab-lesson")}, QDir::Files, QDir::Name);
}

// A catalogue finds a lesson by its file name, so the two must agree.
Result<Lesson> readCatalogueLesson(const QString& path)
{
    auto lesson = readLesson(path);
    if (lesson && lesson->id != QFileInfo(path).completeBaseName())
        return Result<Lesson>::failure(QStringLiteral("%1: id \"%2\" does not match the file name").arg(path, lesson->id));
    return lesson;
}

} // namespace

Result<std::vector<LessonEntry>> lessonCatalogue(const QString& directory)
{
    const QDir dir(directory);
    if (!dir.exists())
        return Result<std::vector<LessonEntry>>::failure(QStringLiteral("no lesson directory %1").arg(directory));
    std::vector<LessonEntry> entries;
    for (const QString& name : lessonFileNames(dir)) {
        const auto lesson = readCatalogueLesson(dir.filePath(name));
        if (!lesson)
            return Result<std::vector<LessonEntry>>::failure(lesson.error());
        entries.push_back({lesson->id, lesson->title, lesson->order});
    }
    std::stable_sort(entries.begin(), entries.end(),
                     [](const LessonEntry& a, const LessonEntry& b) { return a.order < b.order; });
    return entries;
}

QString lessonFilePath(const QString& directory, const QString& id)
{
    static const QRegularExpression idPattern(QStringLiteral("^[a-z0-9-]+$"));
    if (!idPattern.match(id).hasMatch())
        return {};
    for (const char* suffix : {".json", ".attnlab-lesson"}) {
        const QString path = QDir(directory).filePath(id + QLatin1String(suffix));
        if (QFileInfo::exists(path))
            return path;
    }
    return {};
}

Result<Lesson> loadLesson(const QString& directory, const QString& id)
{
    if (const QString path = lessonFilePath(directory, id); !path.isEmpty())
        return readCatalogueLesson(path);
    QStringList known;
    if (const auto catalogue = lessonCatalogue(directory))
        for (const LessonEntry& e : *catalogue)
            known << e.id;
    return Result<Lesson>::failure(
        QStringLiteral("unknown lesson \"%1\" (known: %2)").arg(id, known.isEmpty() ? QStringLiteral("none") : known.join(QStringLiteral(", "))));
}

} // namespace attnlab::model
