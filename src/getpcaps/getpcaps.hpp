// The getpcaps companion program (libcap 2.66's getpcaps, byte for byte).
#pragma once

namespace capsh {

int getpcaps_main(int argc, char** argv);

}  // namespace capsh
