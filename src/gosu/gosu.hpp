// The gosu program: `gosu-ng [EXTENSIONS] USER-SPEC COMMAND [ARGS...]`, gosu's command line
// built as a plan of capsh-ng's steps (identity, then a direct exec), run by its executor.
#pragma once

namespace capsh {

// argv[0] names the program in the usage text.
int gosu_main(int argc, char** argv);

}  // namespace capsh
