// The main() of every test folder's executable (tests/test_registry.h says why the tests of a folder share one):
//   tests_model_kernels tst_softmax [QTest options]   runs one test, as ctest does
//   tests_model_kernels                               runs every test of the folder in turn
//   tests_model_kernels --list                        names them
//   tests_app tst_monkey -- --actions 500             a test's own options after "--" (testArguments())
// The application object is made as QTEST_MAIN, QTEST_GUILESS_MAIN or QTEST_APPLESS_MAIN would make it.

#include "test_registry.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTest>
#ifdef QT_WIDGETS_LIB
#include <QApplication>
#endif

#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

namespace attnlab::test {
namespace {

struct RegisteredTest
{
    std::string sourceFile;
    TestApplication application;
    TestFactory make;
};

// By test name (the source's base name); a function-local static, so registrations from other translation
// units may run before or after main's first use of it.
std::map<std::string, RegisteredTest>& registry()
{
    static std::map<std::string, RegisteredTest> tests;
    return tests;
}

#ifdef QT_WIDGETS_LIB
// With ATTNLAB_SLOW_EVENTS=MS in the environment: every event that takes MS or more is printed as it
// ends, by type and receiver, nested events indented — where a window that answers slowly spends its time.
class EventTimingApplication : public QApplication {
public:
    EventTimingApplication(int& argc, char** argv, int thresholdMs) : QApplication(argc, argv), m_thresholdMs(thresholdMs) {}
    bool notify(QObject* receiver, QEvent* event) override
    {
        const int type = int(event->type());
        const QByteArray name = QByteArray(receiver->metaObject()->className()) + " \"" + receiver->objectName().toUtf8() + '"';
        QElapsedTimer timer;
        timer.start();
        ++m_depth;
        const bool handled = QApplication::notify(receiver, event);
        --m_depth;
        if (timer.elapsed() >= m_thresholdMs)
            std::fprintf(stderr, "   %*sevent %d to %s: %lld ms\n", 2 * m_depth, "", type, name.constData(), timer.elapsed());
        return handled;
    }

private:
    int m_thresholdMs;
    int m_depth = 0;
};
#endif

int runTest(const RegisteredTest& test, int argc, char** argv)
{
    std::unique_ptr<QCoreApplication> app;
    if (test.application == TestApplication::Full) {
#ifdef QT_WIDGETS_LIB
        const int slowEventMs = qEnvironmentVariableIntValue("ATTNLAB_SLOW_EVENTS");
        if (slowEventMs > 0)
            app = std::make_unique<EventTimingApplication>(argc, argv, slowEventMs);
        else
            app = std::make_unique<QApplication>(argc, argv);
#else
        app = std::make_unique<QCoreApplication>(argc, argv);
#endif
    } else if (test.application == TestApplication::Core) {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    if (app)
        app->setAttribute(Qt::AA_Use96Dpi, true);
    const std::unique_ptr<QObject> testObject = test.make();
    QTest::setMainSourcePath(test.sourceFile.c_str(), QT_TESTCASE_BUILDDIR);
    return QTest::qExec(testObject.get(), argc, argv);
}

} // namespace

QStringList& mutableTestArguments()
{
    static QStringList arguments;
    return arguments;
}

const QStringList& testArguments()
{
    return mutableTestArguments();
}

bool registerTest(const char* sourceFile, TestApplication application, TestFactory make)
{
    const std::string name = QFileInfo(QString::fromUtf8(sourceFile)).completeBaseName().toStdString();
    const bool added = registry().emplace(name, RegisteredTest{sourceFile, application, make}).second;
    if (!added) {
        std::fprintf(stderr, "two tests are named %s\n", name.c_str());
        std::abort();
    }
    return added;
}

} // namespace attnlab::test

int main(int argc, char** argv)
{
    using attnlab::test::registry;
    // A test's own options follow "--"; QTest would refuse them.
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "--") == 0) {
            for (int j = i + 1; j < argc; ++j)
                attnlab::test::mutableTestArguments() << QString::fromLocal8Bit(argv[j]);
            argc = i;
            break;
        }
    if (argc >= 2 && std::strcmp(argv[1], "--list") == 0) {
        for (const auto& [name, test] : registry())
            std::printf("%s\n", name.c_str());
        return 0;
    }
    if (argc >= 2 && argv[1][0] != '-') {
        const auto found = registry().find(argv[1]);
        if (found == registry().end()) {
            std::fprintf(stderr, "%s: no test is named %s (--list names them)\n", argv[0], argv[1]);
            return 2;
        }
        // The test sees its own name in argv[0] and only the QTest options after it.
        std::vector<char*> arguments{argv[1]};
        arguments.insert(arguments.end(), argv + 2, argv + argc);
        arguments.push_back(nullptr);
        return attnlab::test::runTest(found->second, argc - 1, arguments.data());
    }
    // Every test in turn, each in its own application object; the options, if any, apply to each.
    int failed = 0;
    for (const auto& [name, test] : registry()) {
        std::vector<char*> arguments{const_cast<char*>(name.c_str())};
        arguments.insert(arguments.end(), argv + 1, argv + argc);
        arguments.push_back(nullptr);
        if (attnlab::test::runTest(test, argc, arguments.data()) != 0)
            ++failed;
    }
    if (failed > 0)
        std::fprintf(stderr, "%d of %zu tests failed\n", failed, registry().size());
    return failed > 0 ? 1 : 0;
}
