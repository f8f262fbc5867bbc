#pragma once

// The tests of one folder (tests/model/attention, …) build into one executable, compiled as one translation
// unit: parsing QtTest, QtWidgets and Eigen once per folder instead of once per test is most of the build's
// time. Each tst_*.cpp registers its test object here instead of defining main(); tests/test_main.cpp runs
// the one that ctest names (`tests_model_attention tst_softmax [QTest options]`), or every one of them.

#include <QObject>
#include <QStringList>

#include <memory>

namespace attnlab::test {

// Which application object the test needs, as Qt's QTEST_MAIN / QTEST_GUILESS_MAIN / QTEST_APPLESS_MAIN make
// it: a QApplication where the executable links QtWidgets (else a QCoreApplication), a QCoreApplication, none.
enum class TestApplication { Full, Core, None };

using TestFactory = std::unique_ptr<QObject> (*)();

// Registers the test of the source file `sourceFile` (its base name, tst_softmax, is the test's name).
bool registerTest(const char* sourceFile, TestApplication application, TestFactory make);

// The arguments after "--" on the command line, which QTest does not see: a test's own options
// (`tests_app tst_monkey -- --actions 500 --seed 7`).
const QStringList& testArguments();

} // namespace attnlab::test

#define ATTNLAB_TEST_CONCAT_(a, b) a##b
#define ATTNLAB_TEST_CONCAT(a, b) ATTNLAB_TEST_CONCAT_(a, b)

// __COUNTER__ keeps the registration variables of several tests in one translation unit apart.
#define ATTNLAB_REGISTER_TEST_(TestObject, application)                                                          \
    static const bool ATTNLAB_TEST_CONCAT(attnlabTestRegistered, __COUNTER__) = ::attnlab::test::registerTest(    \
        __FILE__, (application), []() -> std::unique_ptr<QObject> { return std::make_unique<TestObject>(); });

#define ATTNLAB_TEST_MAIN(TestObject) ATTNLAB_REGISTER_TEST_(TestObject, ::attnlab::test::TestApplication::Full)
#define ATTNLAB_TEST_GUILESS_MAIN(TestObject)                                                                     \
    ATTNLAB_REGISTER_TEST_(TestObject, ::attnlab::test::TestApplication::Core)
#define ATTNLAB_TEST_APPLESS_MAIN(TestObject)                                                                     \
    ATTNLAB_REGISTER_TEST_(TestObject, ::attnlab::test::TestApplication::None)
