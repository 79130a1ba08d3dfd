#include "json.hpp"

#include <fmt/format.h>

namespace capsh {
namespace {

// Length of the valid UTF-8 sequence starting at text[0], or 0 if it is not one.
std::size_t utf8_length(std::string_view text) {
    auto byte = [&](std::size_t n) { return static_cast<unsigned char>(text[n]); };
    unsigned char lead = byte(0);
    std::size_t length = lead < 0x80   ? 1
                         : lead < 0xc2 ? 0
                         : lead < 0xe0 ? 2
                         : lead < 0xf0 ? 3
                         : lead < 0xf5 ? 4
                                       : 0;
    if (length == 0 || length > text.size()) return 0;
    for (std::size_t n = 1; n < length; ++n) {
        if ((byte(n) & 0xc0) != 0x80) return 0;
    }
    // Overlong forms, surrogates and values past U+10FFFF.
    if (length == 3 && lead == 0xe0 && byte(1) < 0xa0) return 0;
    if (length == 3 && lead == 0xed && byte(1) >= 0xa0) return 0;
    if (length == 4 && lead == 0xf0 && byte(1) < 0x90) return 0;
    if (length == 4 && lead == 0xf4 && byte(1) >= 0x90) return 0;
    return length;
}

}  // namespace

std::string json_string(std::string_view text) {
    std::string out = "\"";
    for (std::size_t pos = 0; pos < text.size();) {
        char c = text[pos];
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            out += fmt::format("\\u{:04x}", unsigned(c));
        } else if (std::size_t length = utf8_length(text.substr(pos)); length > 0) {
            out.append(text.substr(pos, length));
            pos += length;
            continue;
        } else {
            out += "\\ufffd";
        }
        ++pos;
    }
    out += '"';
    return out;
}

void JsonWriter::separate() {
    if (!first_) out_ += ',';
    first_ = false;
}

JsonWriter& JsonWriter::begin_object() {
    separate();
    out_ += '{';
    first_ = true;
    return *this;
}

JsonWriter& JsonWriter::end_object() {
    out_ += '}';
    first_ = false;
    return *this;
}

JsonWriter& JsonWriter::begin_array() {
    separate();
    out_ += '[';
    first_ = true;
    return *this;
}

JsonWriter& JsonWriter::end_array() {
    out_ += ']';
    first_ = false;
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
    separate();
    out_ += json_string(name);
    out_ += ':';
    first_ = true;  // the value that follows needs no comma
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
    separate();
    out_ += json_string(text);
    return *this;
}

JsonWriter& JsonWriter::value(const std::optional<std::string>& text) {
    return text ? value(std::string_view(*text)) : null();
}

JsonWriter& JsonWriter::value(std::uint64_t number) {
    separate();
    out_ += fmt::format("{}", number);
    return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
    separate();
    out_ += flag ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json) {
    separate();
    out_ += json;
    return *this;
}

JsonWriter& JsonWriter::null() {
    return raw("null");
}

}  // namespace capsh
