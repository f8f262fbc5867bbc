// Tests model/core/enum_names.h: a name table read both ways, and that every table of the model names each
// value once with a name of its own (a repeated name would read back as the wrong value).

#include "model/attention/mask.h"
#include "model/attention/positional_encoding.h"
#include "model/attention/scaling.h"
#include "model/attention/transformer_block.h"
#include "model/core/enum_names.h"
#include "test_registry.h"

#include <QSet>
#include <QTest>

namespace tst_enum_names {

using namespace attnlab::model;

namespace {

enum class Fruit { Apple, Pear, Quince };
constexpr std::array<EnumName<Fruit>, 2> kFruitNames{{{Fruit::Apple, "apple"}, {Fruit::Pear, "pear"}}};

// Every value once, every name once, and each name reads back as its value.
template <typename E, std::size_t N>
void checkOneToOne(const std::array<EnumName<E>, N>& table)
{
    QSet<QString> names;
    QSet<int> values;
    for (const EnumName<E>& entry : table) {
        names.insert(QLatin1String(entry.name));
        values.insert(int(entry.value));
        QCOMPARE(enumValue(table, QString::fromLatin1(entry.name)), std::optional<E>(entry.value));
    }
    QCOMPARE(names.size(), qsizetype(N));
    QCOMPARE(values.size(), qsizetype(N));
}

} // namespace

class TestEnumNames : public QObject {
    Q_OBJECT
private slots:
    void readsNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("value"); // −1: not a name
        QTest::newRow("apple") << QStringLiteral("apple") << int(Fruit::Apple);
        QTest::newRow("pear") << QStringLiteral("pear") << int(Fruit::Pear);
        QTest::newRow("other case") << QStringLiteral("Apple") << -1;
        QTest::newRow("spaces") << QStringLiteral(" pear") << -1;
        QTest::newRow("prefix") << QStringLiteral("app") << -1;
        QTest::newRow("empty") << QString() << -1;
    }

    void readsNames()
    {
        QFETCH(QString, name);
        QFETCH(int, value);
        const std::optional<Fruit> read = enumValue(kFruitNames, name);
        QCOMPARE(read.has_value(), value >= 0);
        if (read) QCOMPARE(int(*read), value);
    }

    void writesNames()
    {
        QCOMPARE(enumName(kFruitNames, Fruit::Apple), QStringLiteral("apple"));
        QCOMPARE(enumName(kFruitNames, Fruit::Pear), QStringLiteral("pear"));
        QCOMPARE(enumName(kFruitNames, Fruit::Quince), QString()); // not in the table
        QCOMPARE(enumNames(kFruitNames), (QStringList{QStringLiteral("apple"), QStringLiteral("pear")}));
    }

    void modelTablesAreOneToOne()
    {
        checkOneToOne(kMaskKindNames);
        checkOneToOne(kScaleKindNames);
        checkOneToOne(kPositionalKindNames);
        checkOneToOne(kNormPlacementNames);
    }
};

ATTNLAB_TEST_APPLESS_MAIN(TestEnumNames)
} // namespace tst_enum_names
#include "tst_enum_names.moc"
