// A small JSON writer: objects, arrays, strings (escaped, always valid UTF-8), numbers, bools.
// Enough for --json and --plan --json; keys are written in the order they are added.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace capsh {

class JsonWriter {
  public:
    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view name);  // inside an object, before its value
    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(const std::optional<std::string>& text);  // null when empty
    JsonWriter& value(std::uint64_t number);
    JsonWriter& value(bool flag);
    JsonWriter& raw(std::string_view json);  // an already written JSON value
    JsonWriter& null();

    const std::string& text() const { return out_; }

  private:
    void separate();
    std::string out_;
    bool first_ = true;  // no value yet in the current object or array
};

// `text` as a JSON string literal. Bytes that are not valid UTF-8 become U+FFFD.
std::string json_string(std::string_view text);

}  // namespace capsh
