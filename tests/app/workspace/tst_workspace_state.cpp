// Tests app/workspace/workspace_state.h: the equality that decides whether an edit is an undo step takes
// every field of the computation's state into account, the mask's matrix by shape as well as by entries.

#include "app/workspace/workspace_state.h"
#include "test_registry.h"

#include <QTest>

Q_DECLARE_METATYPE(attnlab::app::ComputeState)

namespace tst_workspace_state {

using namespace attnlab;

namespace {

// The state every row changes one field of: every field away from its default, so that no row can change a
// field to the value it already has.
app::ComputeState base()
{
    app::ComputeState s;
    s.mask = {model::MaskKind::Window, 4, 2, model::BoolMatrix::Constant(2, 3, true)};
    s.scaling = {model::ScaleKind::Temperature, 2.0};
    s.positional = model::PositionalKind::Rope;
    s.placement = model::NormPlacement::Post;
    s.maxTokens = 100;
    s.maxLayers = 3;
    return s;
}

template <typename Change>
app::ComputeState changed(Change change)
{
    app::ComputeState s = base();
    change(s);
    return s;
}

} // namespace

class TestWorkspaceState : public QObject {
    Q_OBJECT
private slots:
    void everyFieldTakesPart_data()
    {
        // These lines stop compiling when ComputeState, MaskSpec or Scaling gain a field: give it a row below.
        [[maybe_unused]] const auto& [mask, scaling, positional, placement, maxTokens, maxLayers, ablation] = base();
        [[maybe_unused]] const auto& [heads, mlps, ablationMode] = base().ablation;
        [[maybe_unused]] const auto& [kind, window, padding, custom] = base().mask;
        [[maybe_unused]] const auto& [scaleKind, temperature] = base().scaling;

        using S = app::ComputeState;
        QTest::addColumn<app::ComputeState>("other");
        QTest::newRow("mask kind") << changed([](S& s) { s.mask.kind = model::MaskKind::Padding; });
        QTest::newRow("window size") << changed([](S& s) { s.mask.window = 5; });
        QTest::newRow("padding count") << changed([](S& s) { s.mask.padding = 3; });
        QTest::newRow("custom mask entry") << changed([](S& s) { s.mask.custom(1, 2) = false; });
        // Same entries (all true), other shape: Eigen's == would assert here instead of answering.
        QTest::newRow("custom mask shape")
            << changed([](S& s) { s.mask.custom = model::BoolMatrix::Constant(3, 2, true); });
        QTest::newRow("custom mask removed") << changed([](S& s) { s.mask.custom = model::BoolMatrix(); });
        QTest::newRow("scaling kind") << changed([](S& s) { s.scaling.kind = model::ScaleKind::None; });
        QTest::newRow("temperature") << changed([](S& s) { s.scaling.temperature = 0.5; });
        QTest::newRow("positional") << changed([](S& s) { s.positional = model::PositionalKind::Alibi; });
        QTest::newRow("placement") << changed([](S& s) { s.placement = model::NormPlacement::Pre; });
        QTest::newRow("max tokens") << changed([](S& s) { s.maxTokens = 0; });
        QTest::newRow("max layers") << changed([](S& s) { s.maxLayers = 0; });
        QTest::newRow("head switched off") << changed([](S& s) { s.ablation.heads.push_back({0, 2}); });
        QTest::newRow("MLP switched off") << changed([](S& s) { s.ablation.mlps.push_back(1); });
        QTest::newRow("ablation mode") << changed([](S& s) { s.ablation.mode = model::AblationMode::Mean; });
    }

    void everyFieldTakesPart()
    {
        QFETCH(app::ComputeState, other);
        const app::ComputeState original = base();
        QVERIFY(!(other == original));
        QVERIFY(other != original);
        QVERIFY(!(original == other));
        // And so does the whole workspace, which undo snapshots.
        app::WorkspaceState before, after;
        before.compute = original;
        after.compute = other;
        QVERIFY(before != after);
        // A copy is equal: the difference comes from the field, not from the comparison.
        const app::ComputeState copy = other;
        QVERIFY(copy == other);
    }

    void maskEqualityComparesEveryField()
    {
        model::BoolMatrix lower(2, 2);
        lower << true, false, true, true;
        const model::MaskSpec custom = model::MaskSpec::fromMatrix(lower);
        QVERIFY(custom == model::MaskSpec::fromMatrix(lower));
        QVERIFY(custom != model::MaskSpec::fromMatrix(model::BoolMatrix::Constant(2, 2, true)));
        QVERIFY(custom != model::MaskSpec::fromMatrix(model::BoolMatrix::Constant(1, 4, true)));
        // Fields the kind does not use still count: they are what the controls bring back.
        QVERIFY(model::MaskSpec::none() != (model::MaskSpec{model::MaskKind::None, 7, 0, {}}));
        QVERIFY(model::MaskSpec::causal() != model::MaskSpec::none());
        QVERIFY(model::MaskSpec::slidingWindow(2) == model::MaskSpec::slidingWindow(2));
        QVERIFY(model::MaskSpec::paddingLast(1) != model::MaskSpec::paddingLast(2));
    }

    void theDefaultsAreTheControlsFirstSettings()
    {
        // The control bar starts without a mask, a window of 3 and 1 padding token in reserve, ÷ √d_k.
        const app::ComputeState s;
        QCOMPARE(s.mask.kind, model::MaskKind::None);
        QCOMPARE(s.mask.window, 3);
        QCOMPARE(s.mask.padding, 1);
        QCOMPARE(s.mask.custom.size(), 0);
        QCOMPARE(s.scaling.kind, model::ScaleKind::InverseSqrtDk);
        QCOMPARE(s.scaling.temperature, 1.0);
    }
};

ATTNLAB_TEST_APPLESS_MAIN(TestWorkspaceState)
} // namespace tst_workspace_state
#include "tst_workspace_state.moc"
