#include "model/teaching/lesson_validator.h"

#include "model/checkpoints/checkpoint_reader.h"
#include "model/pipeline/loaded_model.h"
#include "model/tokenizers/word_tokenizer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QtEndian>

#include <array>
#include <cstring>

namespace attnlab::model {

namespace {

// A llama2.c checkpoint's header: dim, hidden_dim, n_layers, n_heads, n_kv_heads, vocab_size, seq_len (int32).
Result<LessonModelShape> llama2cShape(const QString& path)
{
    QFile file(path);
    std::array<qint32, 7> header{};
    if (!file.open(QIODevice::ReadOnly) || file.read(reinterpret_cast<char*>(header.data()), sizeof(header)) != qint64(sizeof(header)))
        return Result<LessonModelShape>::failure(QStringLiteral("cannot read the header of %1").arg(path));
    const qint32 layers = qFromLittleEndian(header[2]), heads = qFromLittleEndian(header[3]);
    if (layers < 1 || layers > kMaxLayers || heads < 1 || heads > kMaxModelWidth)
        return Result<LessonModelShape>::failure(QStringLiteral("%1 is not a llama2.c checkpoint (its header has %2 layers and %3 heads)")
                                                     .arg(path).arg(layers).arg(heads));
    LessonModelShape shape;
    shape.layers = layers;
    shape.heads = heads;
    return shape;
}

QString rangeText(int count)
{
    return count == 1 ? QStringLiteral("1") : QStringLiteral("1–%1").arg(count);
}

// The lesson's (or a step's) layer, head and query against the shape; problems under path.
void checkSelection(const LessonModelShape& shape, const QString& path, std::optional<int> layer, std::optional<int> head,
                    const QString& query, std::vector<LessonProblem>* problems)
{
    const auto where = [&](const char* key) { return path.isEmpty() ? QLatin1String(key) : path + QLatin1Char('.') + QLatin1String(key); };
    if (layer && *layer > shape.layers)
        problems->push_back({where("layer"), QStringLiteral("layer %1 of %2 (valid %3)").arg(*layer).arg(shape.layers).arg(rangeText(shape.layers))});
    if (head && *head > shape.heads)
        problems->push_back({where("head"), QStringLiteral("head %1 of %2 (valid %3)").arg(*head).arg(shape.heads).arg(rangeText(shape.heads))});
    if (query.isEmpty() || !shape.tokens)
        return;
    const QStringList& tokens = *shape.tokens;
    bool isNumber = false;
    const int index = query.toInt(&isNumber);
    if (isNumber) {
        if (index < 1 || index > tokens.size())
            problems->push_back({where("query"), QStringLiteral("query %1 of %2 tokens (valid %3)")
                                                     .arg(index).arg(tokens.size()).arg(rangeText(int(tokens.size())))});
        return;
    }
    for (const QString& token : tokens)
        if (token.compare(query, Qt::CaseInsensitive) == 0)
            return;
    QStringList shown = tokens.mid(0, 16);
    for (QString& token : shown)
        token = QLatin1Char('"') + token + QLatin1Char('"');
    problems->push_back({where("query"), QStringLiteral("query \"%1\" is none of the tokens (%2%3)")
                                             .arg(query, shown.join(QStringLiteral(", ")),
                                                  tokens.size() > shown.size() ? QStringLiteral(", …") : QString())});
}

// Whether a query or key as written ("3", "it") names one of the tokens.
bool namesLessonToken(const QStringList& tokens, const QString& written)
{
    bool isNumber = false;
    const int index = written.toInt(&isNumber);
    if (isNumber)
        return index >= 1 && index <= tokens.size();
    for (const QString& token : tokens)
        if (token.compare(written, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

// A key or head question needs a query, a figure the learner can answer on (keys are clicked in the heatmap or
// the arcs, heads in the head view or the model view's grid), and a head question a key that is one of the tokens.
void checkQuestion(const LessonModelShape& shape, const QString& path, const LessonQuestion& question, const QString& view,
                   const QString& query, std::vector<LessonProblem>* problems)
{
    using Kind = LessonQuestion::Kind;
    if (question.kind != Kind::Key && question.kind != Kind::Head)
        return;
    const QString kind = lessonQuestionKindName(question.kind);
    const QStringList views = question.kind == Kind::Key ? QStringList{QStringLiteral("heatmap"), QStringLiteral("arcs")}
                                                         : QStringList{QStringLiteral("heads"), QStringLiteral("model")};
    if (!views.contains(view))
        problems->push_back({path + QStringLiteral(".kind"), QStringLiteral("a \"%1\" question is answered in the %2 view, and this step shows %3")
                                                                 .arg(kind, views.join(QStringLiteral(" or ")), view)});
    if (query.isEmpty())
        problems->push_back({path + QStringLiteral(".kind"),
                             QStringLiteral("a \"%1\" question needs a query: give the step (or the lesson) a \"query\"").arg(kind)});
    if (question.kind == Kind::Head && !question.key.isEmpty() && shape.tokens && !namesLessonToken(*shape.tokens, question.key))
        problems->push_back({path + QStringLiteral(".key"), QStringLiteral("key \"%1\" is none of the tokens").arg(question.key)});
}

} // namespace

Result<QString> resolveLessonModelPath(const QString& model, const QString& lessonPath)
{
    if (isToyModel(model))
        return Result<QString>::success(toyModelName());
    const QString path = QDir::isAbsolutePath(model) || lessonPath.isEmpty() || lessonPath.startsWith(QLatin1Char(':'))
                             ? model
                             : QFileInfo(lessonPath).dir().filePath(model);
    if (QFileInfo::exists(path))
        return Result<QString>::success(QDir::cleanPath(path));
    return Result<QString>::failure(QStringLiteral("model \"%1\" cannot be found (%2 does not exist)").arg(model, QDir::cleanPath(path)));
}

Result<LessonModelShape> lessonModelShape(const Lesson& lesson, const QString& resolvedModel)
{
    LessonModelShape shape;
    if (lesson.problem) {
        const MatrixProblem& p = *lesson.problem;
        shape.layers = 1;
        shape.heads = std::max(p.heads, 1);
        const Eigen::Index rows = p.q ? p.q->rows() : p.x ? p.x->rows() : 0;
        QStringList tokens = p.tokens;
        for (Eigen::Index r = tokens.size(); r < rows; ++r)
            tokens << QString::number(r + 1);
        shape.tokens = tokens;
        return shape;
    }
    if (isToyModel(resolvedModel)) {
        const ToyConfig toy;
        shape.layers = toy.layers;
        shape.heads = toy.heads;
        shape.tokens = tokenizeWords(lesson.text);
        return shape;
    }
    if (QFileInfo(resolvedModel).isFile())
        return llama2cShape(resolvedModel);
    const auto config = readModelConfig(resolvedModel);
    if (!config)
        return Result<LessonModelShape>::failure(config.error());
    shape.layers = config->layers;
    shape.heads = config->heads;
    // The tokens the model will see, from its tokenizer (small next to the weights, which are not read).
    if (const QString tokenizerPath = tokenizerBeside(resolvedModel); !tokenizerPath.isEmpty())
        if (const auto tokenizer = Tokenizer::load(tokenizerPath))
            shape.tokens = displayTokens(**tokenizer, (*tokenizer)->encode(lesson.text).ids);
    return shape;
}

std::vector<LessonProblem> validateLesson(const QByteArray& json, const QString& lessonPath, const LessonModelResolver& resolve)
{
    LessonCheck check = checkLesson(json);
    std::vector<LessonProblem> problems = std::move(check.problems);
    if (!check.lesson || check.lesson->version > kLessonFormatVersion)
        return problems;
    const Lesson& lesson = *check.lesson;
    // Without an input there is nothing to measure the selection against.
    if (!lesson.problem && lesson.text.trimmed().isEmpty())
        return problems;
    QString resolved = toyModelName();
    if (!lesson.problem) {
        const auto found = resolve(lesson.modelName, lessonPath);
        if (!found) {
            problems.push_back({QStringLiteral("input.model"), found.error()});
            sortLessonProblems(&problems);
            return problems;
        }
        resolved = *found;
    }
    const auto shape = lessonModelShape(lesson, resolved);
    if (!shape) {
        problems.push_back({lesson.problem ? QStringLiteral("input.matrices") : QStringLiteral("input.model"), shape.error()});
        sortLessonProblems(&problems);
        return problems;
    }
    checkSelection(*shape, QString(), lesson.layer, lesson.head, lesson.query, &problems);
    // The view and query a step shows: its own, else the ones before it carried forward.
    QString view = lesson.view, query = lesson.query;
    for (size_t i = 0; i < lesson.steps.size(); ++i) {
        const LessonStep& step = lesson.steps[i];
        const QString path = QStringLiteral("steps[%1]").arg(i);
        checkSelection(*shape, path, step.layer, step.head, step.query, &problems);
        view = step.view.isEmpty() ? view : step.view;
        query = step.query.isEmpty() ? query : step.query;
        if (step.question)
            checkQuestion(*shape, path + QStringLiteral(".question"), *step.question, view, query, &problems);
    }
    sortLessonProblems(&problems);
    return problems;
}

std::vector<LessonProblem> validateLessonFile(const QString& path, const LessonModelResolver& resolve)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {{QString(), QStringLiteral("cannot read the file: %1").arg(file.errorString())}};
    if (file.size() > kMaxLessonBytes)
        return {{QString(), QStringLiteral("%1 bytes is too large for a lesson (limit %2)").arg(file.size()).arg(kMaxLessonBytes)}};
    return validateLesson(file.readAll(), path, resolve);
}

} // namespace attnlab::model
