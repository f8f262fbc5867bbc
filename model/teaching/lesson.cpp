#include "model/teaching/lesson.h"

#include "model/exact/expression.h"
#include "model/core/json_describe.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace attnlab::model {

namespace {

// Lessons are hand-written text; anything larger is not one.
constexpr qint64 kMaxLessonBytes = 1024 * 1024;

// Every message says which field is wrong; the file name is added by parseLesson.
using Error = std::optional<QString>;

Error localizedFromJson(const QJsonValue& value, const QString& field, LocalizedText* out)
{
    if (!value.isObject())
        return QStringLiteral("%1: expected an object {\"en\": …, \"ja\": …, \"fa\": …}, got %2").arg(field, describeJson(value));
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        QString* target = it.key() == QLatin1String("en")   ? &out->en
                          : it.key() == QLatin1String("ja") ? &out->ja
                          : it.key() == QLatin1String("fa") ? &out->fa
                                                            : nullptr;
        if (!target)
            return QStringLiteral("%1: unknown language \"%2\" (expected en, ja, fa)").arg(field, it.key());
        if (!it.value().isString())
            return QStringLiteral("%1.%2: expected a string, got %3").arg(field, it.key(), describeJson(it.value()));
        *target = it.value().toString();
    }
    if (out->en.trimmed().isEmpty())
        return QStringLiteral("%1.en: the English text is required").arg(field);
    return std::nullopt;
}

Error wholeNumber(const QJsonValue& value, const QString& field, int min, int max, std::optional<int>* out)
{
    const double v = value.toDouble(-1e300);
    // The range first: converting a double outside int's range to int is undefined behaviour.
    if (!value.isDouble() || !(v >= min && v <= max) || v != std::floor(v))
        return QStringLiteral("%1: expected a whole number from %2 to %3, got %4").arg(field).arg(min).arg(max).arg(describeJson(value));
    *out = int(v);
    return std::nullopt;
}

// A fact's value: a number, an expression string ("9/26", "exp(9)/(exp(9)+2)"), or an array of them.
Error factFromJson(const QJsonValue& value, const QString& field, LessonFact* fact)
{
    const QJsonArray items = value.isArray() ? value.toArray() : QJsonArray{value};
    if (items.isEmpty())
        return QStringLiteral("%1: expected a number, an expression or an array of them, got an empty array").arg(field);
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QJsonValue& item = items[i];
        const QString where = value.isArray() ? QStringLiteral("%1[%2]").arg(field).arg(i + 1) : field;
        if (item.isDouble()) {
            fact->written << QString::number(item.toDouble(), 'g', 17);
            fact->values.push_back(item.toDouble());
        } else if (item.isString()) {
            const auto v = evaluateExpression(item.toString());
            if (!v)
                return QStringLiteral("%1: %2").arg(where, v.error());
            fact->written << item.toString();
            fact->values.push_back(*v);
        } else {
            return QStringLiteral("%1: expected a number or an expression string, got %2").arg(where, describeJson(item));
        }
    }
    return std::nullopt;
}

Error inputFromJson(const QJsonValue& value, Lesson* lesson)
{
    if (!value.isObject())
        return QStringLiteral("input: expected an object with \"matrices\" or \"text\", got %1").arg(describeJson(value));
    const QJsonObject input = value.toObject();
    if (input.contains(QLatin1String("matrices")) == input.contains(QLatin1String("text")))
        return QStringLiteral("input: give exactly one of \"matrices\" and \"text\"");
    for (auto it = input.begin(); it != input.end(); ++it) {
        const QString& key = it.key();
        const QString field = QStringLiteral("input.") + key;
        if (key == QLatin1String("matrices")) {
            if (!it.value().isObject())
                return QStringLiteral("%1: expected the object of a matrices file, got %2").arg(field, describeJson(it.value()));
            // The matrices reader prefixes its messages with the name it is given: here, the field.
            auto problem = parseMatrixProblem(QJsonDocument(it.value().toObject()).toJson(QJsonDocument::Compact), field);
            if (!problem)
                return problem.error();
            lesson->problem = std::move(problem).value();
        } else if (key == QLatin1String("text") || key == QLatin1String("memory") || key == QLatin1String("model") ||
                   key == QLatin1String("mask")) {
            if (!it.value().isString())
                return QStringLiteral("%1: expected a string, got %2").arg(field, describeJson(it.value()));
            const QString text = it.value().toString();
            if (key == QLatin1String("text") && text.trimmed().isEmpty())
                return QStringLiteral("%1: the text is empty").arg(field);
            if (key == QLatin1String("mask")) {
                auto mask = parseMaskSpec(text);
                if (!mask)
                    return QStringLiteral("%1: %2").arg(field, mask.error());
                lesson->mask = *mask;
            } else {
                (key == QLatin1String("text") ? lesson->text : key == QLatin1String("memory") ? lesson->memory
                                                                                              : lesson->modelName) = text;
            }
        } else {
            return QStringLiteral("input: unknown key \"%1\" (expected matrices, or text, memory, model, mask)").arg(key);
        }
    }
    if (lesson->problem && input.size() > 1)
        return QStringLiteral("input: a matrices input takes no text, memory, model or mask (put the mask in the matrices)");
    return std::nullopt;
}

Error lessonFromJson(const QJsonObject& object, Lesson* lesson)
{
    if (!object.contains(QLatin1String("id")) || !object.contains(QLatin1String("title")) ||
        !object.contains(QLatin1String("view")) || !object.contains(QLatin1String("input")))
        return QStringLiteral("a lesson needs \"id\", \"title\", \"view\" and \"input\"");
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString& key = it.key();
        const QJsonValue& value = it.value();
        Error error;
        if (key == QLatin1String("id")) {
            static const QRegularExpression idPattern(QStringLiteral("^[a-z0-9]+(-[a-z0-9]+)*$"));
            if (!value.isString() || !idPattern.match(value.toString()).hasMatch())
                return QStringLiteral("id: expected lower-case words joined by hyphens such as \"exam-softmax\", got %1")
                    .arg(describeJson(value));
            lesson->id = value.toString();
        } else if (key == QLatin1String("order")) {
            std::optional<int> order;
            error = wholeNumber(value, key, 0, 100000, &order);
            lesson->order = order.value_or(0);
        } else if (key == QLatin1String("title") || key == QLatin1String("summary")) {
            error = localizedFromJson(value, key, key == QLatin1String("title") ? &lesson->title : &lesson->summary);
        } else if (key == QLatin1String("view")) {
            if (!value.isString() || !lessonViewNames().contains(value.toString()))
                return QStringLiteral("view: expected one of %1, got %2")
                    .arg(lessonViewNames().join(QStringLiteral(", ")), describeJson(value));
            lesson->view = value.toString();
        } else if (key == QLatin1String("input")) {
            error = inputFromJson(value, lesson);
        } else if (key == QLatin1String("query")) {
            if (!value.isString() && !value.isDouble())
                return QStringLiteral("query: expected a 1-based position or a token, got %1").arg(describeJson(value));
            lesson->query = value.isString() ? value.toString() : QString::number(value.toInt());
        } else if (key == QLatin1String("layer") || key == QLatin1String("head")) {
            error = wholeNumber(value, key, 1, 1000, key == QLatin1String("layer") ? &lesson->layer : &lesson->head);
        } else if (key == QLatin1String("step")) {
            error = wholeNumber(value, key, 1, 5, &lesson->step);
        } else if (key == QLatin1String("exact")) {
            if (!value.isBool())
                return QStringLiteral("exact: expected true or false, got %1").arg(describeJson(value));
            lesson->exact = value.toBool();
        } else if (key == QLatin1String("params")) {
            if (!value.isObject())
                return QStringLiteral("params: expected an object, got %1").arg(describeJson(value));
            auto params = shapeConfigFromJson(value.toObject(), QStringLiteral("params"));
            if (!params)
                return params.error();
            lesson->params = *params;
        } else if (key == QLatin1String("training")) {
            const QJsonObject t = value.toObject();
            const QString task = t.value(QLatin1String("task")).toString();
            const QString preset = t.value(QLatin1String("preset")).toString(QStringLiteral("tiny"));
            static const QRegularExpression taskPattern(QStringLiteral("^[a-z]+$"));
            if (!value.isObject() || !taskPattern.match(task).hasMatch())
                return QStringLiteral("training: expected {\"task\": a built-in task such as \"induction\", \"preset\": "
                                      "\"tiny\" or \"small\"}, got %1").arg(describeJson(value));
            if (preset != QLatin1String("tiny") && preset != QLatin1String("small"))
                return QStringLiteral("training.preset: expected \"tiny\" or \"small\", got %1")
                    .arg(describeJson(t.value(QLatin1String("preset"))));
            for (auto it = t.begin(); it != t.end(); ++it)
                if (it.key() != QLatin1String("task") && it.key() != QLatin1String("preset"))
                    return QStringLiteral("training: unknown key \"%1\" (expected task, preset)").arg(it.key());
            lesson->training = LessonTraining{task, preset};
        } else if (key == QLatin1String("patching")) {
            const QJsonObject p = value.toObject();
            if (!value.isObject() || !p.value(QLatin1String("corrupted")).isString() ||
                !p.value(QLatin1String("target")).isString() ||
                (p.contains(QLatin1String("wrong")) && !p.value(QLatin1String("wrong")).isString()))
                return QStringLiteral("patching: expected {\"corrupted\": text, \"target\": a token, \"wrong\": a token "
                                      "(optional)}, got %1")
                    .arg(describeJson(value));
            for (auto it = p.begin(); it != p.end(); ++it)
                if (it.key() != QLatin1String("corrupted") && it.key() != QLatin1String("target") &&
                    it.key() != QLatin1String("wrong"))
                    return QStringLiteral("patching: unknown key \"%1\" (expected corrupted, target, wrong)").arg(it.key());
            PatchingInputs inputs;
            inputs.corrupted = p.value(QLatin1String("corrupted")).toString();
            inputs.target = p.value(QLatin1String("target")).toString();
            inputs.wrong = p.value(QLatin1String("wrong")).toString();
            if (inputs.corrupted.isEmpty() || inputs.target.isEmpty())
                return QStringLiteral("patching: corrupted and target must not be empty");
            lesson->patching = inputs;
        } else if (key == QLatin1String("steps")) {
            if (!value.isArray())
                return QStringLiteral("steps: expected an array of {\"en\", \"ja\", \"fa\"} paragraphs, got %1").arg(describeJson(value));
            const QJsonArray steps = value.toArray();
            for (qsizetype i = 0; i < steps.size() && !error; ++i) {
                lesson->steps.emplace_back();
                error = localizedFromJson(steps[i], QStringLiteral("steps[%1]").arg(i + 1), &lesson->steps.back());
            }
        } else if (key == QLatin1String("facts")) {
            if (!value.isObject())
                return QStringLiteral("facts: expected an object of named numbers, got %1").arg(describeJson(value));
            const QJsonObject facts = value.toObject();
            for (auto f = facts.begin(); f != facts.end() && !error; ++f) {
                lesson->facts.push_back({f.key(), {}, {}});
                error = factFromJson(f.value(), QStringLiteral("facts.") + f.key(), &lesson->facts.back());
            }
        } else {
            return QStringLiteral("unknown key \"%1\" (expected id, order, title, summary, view, input, query, layer, head, "
                                  "step, exact, params, training, steps, facts)").arg(key);
        }
        if (error)
            return error;
    }
    return std::nullopt;
}

} // namespace

QString LocalizedText::text(const QString& language) const
{
    const QString& chosen = language == QLatin1String("ja") ? ja : language == QLatin1String("fa") ? fa : en;
    return chosen.isEmpty() ? en : chosen;
}

const LessonFact* Lesson::fact(const QString& name) const
{
    for (const LessonFact& f : facts)
        if (f.name == name)
            return &f;
    return nullptr;
}

QStringList lessonViewNames()
{
    return {QStringLiteral("heatmap"), QStringLiteral("heads"),   QStringLiteral("arcs"),    QStringLiteral("model"),
            QStringLiteral("steps"),   QStringLiteral("pe"),      QStringLiteral("residual"), QStringLiteral("effects"),
            QStringLiteral("patching")};
}

Result<Lesson> parseLesson(const QByteArray& json, const QString& fileName)
{
    const auto fail = [&](const QString& message) {
        return Result<Lesson>::failure(QStringLiteral("%1: %2").arg(fileName, message));
    };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(QStringLiteral("not valid JSON at byte %1: %2").arg(parseError.offset).arg(parseError.errorString()));
    if (!document.isObject())
        return fail(QStringLiteral("expected a JSON object (a lesson)"));
    Lesson lesson;
    if (const Error error = lessonFromJson(document.object(), &lesson))
        return fail(*error);
    return lesson;
}

Result<Lesson> readLesson(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Result<Lesson>::failure(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    if (file.size() > kMaxLessonBytes)
        return Result<Lesson>::failure(
            QStringLiteral("%1: %2 bytes is too large for a lesson (limit %3)").arg(path).arg(file.size()).arg(kMaxLessonBytes));
    auto lesson = parseLesson(file.readAll(), path);
    // The catalogue finds a lesson by its file name, so the two must agree.
    if (lesson && lesson->id != QFileInfo(path).completeBaseName())
        return Result<Lesson>::failure(
            QStringLiteral("%1: id \"%2\" does not match the file name").arg(path, lesson->id));
    return lesson;
}

Result<std::vector<LessonEntry>> lessonCatalogue(const QString& directory)
{
    const QDir dir(directory);
    if (!dir.exists())
        return Result<std::vector<LessonEntry>>::failure(QStringLiteral("no lesson directory %1").arg(directory));
    std::vector<LessonEntry> entries;
    for (const QString& name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        const auto lesson = readLesson(dir.filePath(name));
        if (!lesson)
            return Result<std::vector<LessonEntry>>::failure(lesson.error());
        entries.push_back({lesson->id, lesson->title, lesson->order});
    }
    std::stable_sort(entries.begin(), entries.end(),
                     [](const LessonEntry& a, const LessonEntry& b) { return a.order < b.order; });
    return entries;
}

Result<Lesson> loadLesson(const QString& directory, const QString& id)
{
    const QString path = QDir(directory).filePath(id + QStringLiteral(".json"));
    static const QRegularExpression idPattern(QStringLiteral("^[a-z0-9-]+$"));
    if (idPattern.match(id).hasMatch() && QFileInfo::exists(path))
        return readLesson(path);
    QStringList known;
    if (const auto catalogue = lessonCatalogue(directory))
        for (const LessonEntry& e : *catalogue)
            known << e.id;
    return Result<Lesson>::failure(
        QStringLiteral("unknown lesson \"%1\" (known: %2)").arg(id, known.isEmpty() ? QStringLiteral("none") : known.join(QStringLiteral(", "))));
}

} // namespace attnlab::model
