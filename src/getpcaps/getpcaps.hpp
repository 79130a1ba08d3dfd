// The getpcaps companion program (libcap 2.66's getpcaps, byte for byte).
#pragma once

#include <cstdio>

#include "process_reader.hpp"

namespace capsh {

// The program, reading processes through `reader` and writing to `out` and `err`.
int getpcaps(int argc, char** argv, ProcessReader& reader, std::FILE* out, std::FILE* err);

// The program as installed: the real processes, stdout and stderr.
int getpcaps_main(int argc, char** argv);

}  // namespace capsh
