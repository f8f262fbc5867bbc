#include "app/cli/command_line.h"

int main(int argc, char* argv[])
{
    return attnlab::app::runMain(argc, argv);
}
