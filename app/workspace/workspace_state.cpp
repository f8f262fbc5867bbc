#include "app/workspace/workspace_state.h"

namespace attnlab::app {

InputState examMatrices()
{
    InputState input;
    input.mode = InputMode::Matrices;
    input.form = MatrixForm::QKV;
    input.matrices[QStringLiteral("Q")] = {{"1", "0"}, {"0", "1"}, {"-1", "0"}, {"0", "-1"}};
    input.matrices[QStringLiteral("K")] = {{"1/√2", "1/√2"}, {"-1/√2", "1/√2"}, {"-1/√2", "-1/√2"}, {"1/√2", "-1/√2"}};
    input.matrices[QStringLiteral("V")] = {{"12", "-3"}, {"14", "16"}, {"7", "-10"}, {"6", "-3"}};
    input.matrices[QStringLiteral("X")] = {{"1", "0"}, {"0", "1"}, {"1", "1"}};
    input.matrices[QStringLiteral("Wq")] = {{"1", "0"}, {"0", "1"}};
    input.matrices[QStringLiteral("Wk")] = {{"1", "0"}, {"0", "1"}};
    input.matrices[QStringLiteral("Wv")] = {{"1", "0"}, {"0", "1"}};
    input.expOverrides = QStringLiteral("1/2 = 3/2");
    return input;
}

} // namespace attnlab::app
