// The capsh program: plan the command line, then apply the plan.
#pragma once

namespace capsh {

int capsh_main(int argc, char** argv);

}  // namespace capsh
