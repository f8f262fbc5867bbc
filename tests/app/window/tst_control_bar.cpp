// Tests app/window/control_bar.cpp: what its computation settings apply to. The toy model uses all four; typed
// matrices have no positions or norms; a checkpoint's training fixed all four, so the controls show the
// model's own choices, cannot be changed, and give the user's choices back with the toy model.

#include "app/window/control_bar.h"
#include "model/checkpoints/language_model.h"
#include "model/checkpoints/tiny_llama.h"
#include "test_registry.h"

#include <QComboBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace tst_control_bar {

using namespace attnlab;

namespace {

QComboBox* combo(const app::ControlBar& bar, const char* name)
{
    auto* box = bar.findChild<QComboBox*>(QLatin1String(name));
    if (!box) qFatal("no combo box %s", name);
    return box;
}

// A state unlike every checkpoint's: sliding window, temperature, ALiBi, post-norm.
app::ComputeState userState()
{
    app::ComputeState s;
    s.mask.kind = model::MaskKind::Window;
    s.mask.window = 3;
    s.scaling.kind = model::ScaleKind::Temperature;
    s.scaling.temperature = 10.0; // a position of the logarithmic slider, so it reads back exactly
    s.positional = model::PositionalKind::Alibi;
    s.placement = model::NormPlacement::Post;
    return s;
}

} // namespace

class TestControlBar : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        attnlab::test::TinyLlama spec;
        attnlab::test::writeHfLlama(m_dir.path(), attnlab::test::randomLlama(spec, 5));
        auto loaded = model::LanguageModel::load(m_dir.path());
        QVERIFY2(loaded, qPrintable(loaded.error()));
        m_llama = std::move(loaded).value();
    }

    void aCheckpointShowsItsOwnChoicesAndKeepsTheUsers()
    {
        app::ControlBar bar;
        bar.setComputeState(userState());
        QSignalSpy changed(&bar, &app::ControlBar::computeChanged);

        bar.setScope(app::ComputeScope::Checkpoint, m_llama.get());
        QCOMPARE(combo(bar, "mask")->currentData().toString(), QStringLiteral("causal"));
        QCOMPARE(combo(bar, "scaling")->currentData().toString(), QStringLiteral("sqrt"));
        QCOMPARE(combo(bar, "positional")->currentData().toInt(), int(model::PositionalKind::Rope));
        QCOMPARE(combo(bar, "norm")->currentData().toInt(), int(model::NormPlacement::Pre));
        for (const char* name : {"mask", "scaling", "positional", "norm"}) {
            QVERIFY2(!combo(bar, name)->isEnabled(), name);
            QVERIFY2(combo(bar, name)->toolTip().contains(m_llama->name()), name);
        }
        QCOMPARE(bar.computeState(), userState());
        QCOMPARE(changed.count(), 0);

        // Undo or a session sets a state while the checkpoint is shown: kept, not shown.
        app::ComputeState other = userState();
        other.mask.kind = model::MaskKind::Padding;
        other.mask.padding = 2;
        bar.setComputeState(other);
        QCOMPARE(combo(bar, "mask")->currentData().toString(), QStringLiteral("causal"));
        QCOMPARE(bar.computeState(), other);

        // Back to the toy model: the user's choices, editable again.
        bar.setScope(app::ComputeScope::Toy);
        QCOMPARE(combo(bar, "mask")->currentData().toString(), QStringLiteral("padding"));
        QCOMPARE(combo(bar, "positional")->currentData().toInt(), int(model::PositionalKind::Alibi));
        QCOMPARE(combo(bar, "norm")->currentData().toInt(), int(model::NormPlacement::Post));
        for (const char* name : {"mask", "scaling", "positional", "norm"})
            QVERIFY2(combo(bar, name)->isEnabled(), name);
        QCOMPARE(bar.computeState(), other);
        QCOMPARE(changed.count(), 0);

        // Editing emits again.
        combo(bar, "mask")->setCurrentIndex(combo(bar, "mask")->findData(QStringLiteral("causal")));
        QCOMPARE(changed.count(), 1);
    }

    void matricesUseOnlyMaskAndScaling()
    {
        app::ControlBar bar;
        bar.setComputeState(userState());
        bar.setScope(app::ComputeScope::Matrices);
        QVERIFY(combo(bar, "mask")->isEnabled());
        QVERIFY(combo(bar, "scaling")->isEnabled());
        QVERIFY(!combo(bar, "positional")->isEnabled());
        QVERIFY(!combo(bar, "norm")->isEnabled());
        QCOMPARE(bar.computeState(), userState()); // nothing is changed, only not offered
        bar.setScope(app::ComputeScope::Toy);
        QVERIFY(combo(bar, "positional")->isEnabled());
        QVERIFY(combo(bar, "norm")->isEnabled());
    }

private:
    QTemporaryDir m_dir;
    std::shared_ptr<model::LanguageModel> m_llama;
};

ATTNLAB_TEST_MAIN(TestControlBar)
} // namespace tst_control_bar
#include "tst_control_bar.moc"
