// The su-exec program: `su-exec-ng [EXTENSIONS] USER-SPEC COMMAND [ARGS...]`, su-exec's command
// line and rules (the user database through the C library, getgrouplist, execvp, err()-style
// messages), built as a plan of capsh-ng's steps like gosu-ng's.
#pragma once

namespace capsh {

// argv[0] names the program in the usage text and its basename starts every error message.
int su_exec_main(int argc, char** argv);

}  // namespace capsh
