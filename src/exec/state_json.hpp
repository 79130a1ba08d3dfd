// E4: the process state as one JSON object (keys documented in man/capsh-ng.1 under --json).
#pragma once

#include <string>

#include "json.hpp"
#include "kernel.hpp"

namespace capsh {

// Reads everything through the Kernel interface, so it describes the real process or a
// simulated one (--plan) alike.
void write_state(JsonWriter& json, Kernel& kernel);
std::string state_json(Kernel& kernel);  // one line, with its newline

}  // namespace capsh
