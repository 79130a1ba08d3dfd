// The JSON writer (json.cpp). json_string must turn any bytes into one valid JSON string that
// decodes back to the same text, with each byte of invalid UTF-8 replaced by U+FFFD; a document
// built by the writer from input-driven calls must be valid JSON.
#include <string>

#include "fuzz_check.hpp"
#include "json.hpp"

using namespace capsh;

namespace {

// The well-formed UTF-8 byte sequences, as the Unicode standard tabulates them (Table 3-7):
// each row gives the range each byte of a sequence of that length may take. An oracle built
// from the table, not from the lead-byte arithmetic json.cpp uses.
struct WellFormed {
    std::size_t length;
    unsigned char low[4], high[4];
};
constexpr WellFormed k_well_formed[] = {
    {1, {0x00}, {0x7f}},
    {2, {0xc2, 0x80}, {0xdf, 0xbf}},
    {3, {0xe0, 0xa0, 0x80}, {0xe0, 0xbf, 0xbf}},
    {3, {0xe1, 0x80, 0x80}, {0xec, 0xbf, 0xbf}},
    {3, {0xed, 0x80, 0x80}, {0xed, 0x9f, 0xbf}},
    {3, {0xee, 0x80, 0x80}, {0xef, 0xbf, 0xbf}},
    {4, {0xf0, 0x90, 0x80, 0x80}, {0xf0, 0xbf, 0xbf, 0xbf}},
    {4, {0xf1, 0x80, 0x80, 0x80}, {0xf3, 0xbf, 0xbf, 0xbf}},
    {4, {0xf4, 0x80, 0x80, 0x80}, {0xf4, 0x8f, 0xbf, 0xbf}},
};

// The length of the well-formed sequence at text[0], or 0.
std::size_t utf8_length(std::string_view text) {
    for (const WellFormed& row : k_well_formed) {
        if (row.length > text.size()) continue;
        bool fits = true;
        for (std::size_t n = 0; n < row.length; ++n) {
            auto byte = static_cast<unsigned char>(text[n]);
            fits = fits && byte >= row.low[n] && byte <= row.high[n];
        }
        if (fits) return row.length;
    }
    return 0;
}

// What json_string must encode: the input with invalid bytes replaced.
std::string expected_text(std::string_view text) {
    std::string out;
    for (std::size_t pos = 0; pos < text.size();) {
        std::size_t length = utf8_length(text.substr(pos));
        if (length == 0) {
            out += "\xef\xbf\xbd";
            ++pos;
        } else {
            out.append(text.substr(pos, length));
            pos += length;
        }
    }
    return out;
}

void append_utf8(std::string& out, std::uint32_t point) {
    if (point < 0x80) {
        out += char(point);
    } else if (point < 0x800) {
        out += char(0xc0 | point >> 6);
        out += char(0x80 | (point & 0x3f));
    } else {
        out += char(0xe0 | point >> 12);
        out += char(0x80 | ((point >> 6) & 0x3f));
        out += char(0x80 | (point & 0x3f));
    }
}

constexpr std::size_t k_max_depth = 200;  // containers inside containers

// A strict reader for one JSON value (RFC 8259); `pos` moves past it. Strings decode into
// `decoded` when given. false for anything that is not valid JSON.
bool read_value(std::string_view json, std::size_t& pos, std::string* decoded, int depth);

bool read_string(std::string_view json, std::size_t& pos, std::string* decoded) {
    if (pos >= json.size() || json[pos] != '"') return false;
    ++pos;
    std::string out;
    while (pos < json.size()) {
        char c = json[pos];
        if (c == '"') {
            ++pos;
            if (decoded) *decoded = out;
            return true;
        }
        if (static_cast<unsigned char>(c) < 0x20) return false;
        if (c != '\\') {
            std::size_t length = utf8_length(json.substr(pos));
            if (length == 0) return false;
            out.append(json.substr(pos, length));
            pos += length;
            continue;
        }
        if (++pos >= json.size()) return false;
        char escape = json[pos++];
        switch (escape) {
            case '"':
                out += '"';
                break;
            case '\\':
                out += '\\';
                break;
            case '/':
                out += '/';
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case 'u': {
                if (pos + 4 > json.size()) return false;
                std::uint32_t point = 0;
                for (char digit : json.substr(pos, 4)) {
                    int value = digit >= '0' && digit <= '9'   ? digit - '0'
                                : digit >= 'a' && digit <= 'f' ? digit - 'a' + 10
                                : digit >= 'A' && digit <= 'F' ? digit - 'A' + 10
                                                               : -1;
                    if (value < 0) return false;
                    point = point << 4 | unsigned(value);
                }
                pos += 4;
                if (point >= 0xd800 && point <= 0xdfff) return false;  // the writer needs none
                append_utf8(out, point);
                break;
            }
            default:
                return false;
        }
    }
    return false;
}

bool read_value(std::string_view json, std::size_t& pos, std::string* decoded, int depth) {
    if (pos >= json.size() || depth > int(k_max_depth)) return false;
    char c = json[pos];
    if (c == '"') return read_string(json, pos, decoded);
    if (c == '{' || c == '[') {
        char close = c == '{' ? '}' : ']';
        ++pos;
        if (pos < json.size() && json[pos] == close) return ++pos, true;
        while (true) {
            if (c == '{') {
                if (!read_string(json, pos, nullptr)) return false;
                if (pos >= json.size() || json[pos++] != ':') return false;
            }
            if (!read_value(json, pos, nullptr, depth + 1)) return false;
            if (pos >= json.size()) return false;
            if (json[pos] == close) return ++pos, true;
            if (json[pos++] != ',') return false;
        }
    }
    for (std::string_view word : {"null", "true", "false"}) {
        if (json.substr(pos, word.size()) == word) return pos += word.size(), true;
    }
    if (c == '0') return ++pos, true;
    if (c < '1' || c > '9') return false;
    while (pos < json.size() && json[pos] >= '0' && json[pos] <= '9')
        ++pos;
    return true;
}

bool valid_document(std::string_view json) {
    std::size_t pos = 0;
    return read_value(json, pos, nullptr, 0) && pos == json.size();
}

// Drives the writer with the input: each byte picks a call, string values are cut from the
// input. Keys and values alternate inside objects, as the callers use it.
std::string build(std::string_view input) {
    JsonWriter json;
    std::string kinds = "{";  // open containers, innermost last
    json.begin_object();
    bool need_key = true;
    for (std::size_t pos = 0; pos < input.size();) {
        unsigned op = static_cast<unsigned char>(input[pos++]) % 9;
        bool in_object = kinds.back() == '{';
        if (in_object && need_key) {
            std::string_view name = input.substr(pos, op);
            pos += name.size();
            json.key(name);
            need_key = false;
            continue;
        }
        // No deeper than read_value follows (a strict reader needs a bound; capsh-ng's own
        // documents nest three deep): past it, a container becomes a null.
        if (op <= 1 && kinds.size() >= k_max_depth) op = 5;
        switch (op) {
            case 0:
                json.begin_object();
                kinds += '{';
                need_key = true;
                continue;
            case 1:
                json.begin_array();
                kinds += '[';
                continue;
            case 2: {
                if (kinds.back() == '{') json.null();  // the value of the key written above
                if (kinds.size() == 1) break;          // the outermost object stays open
                kinds.back() == '{' ? json.end_object() : json.end_array();
                kinds.pop_back();
                break;
            }
            case 3:
                json.value(std::uint64_t{fuzz::hash(input.substr(0, pos))});
                break;
            case 4:
                json.value(pos % 2 == 0);
                break;
            case 5:
                json.null();
                break;
            case 6:
                json.value(std::optional<std::string>{});
                break;
            default: {
                std::size_t length =
                    pos < input.size() ? static_cast<unsigned char>(input[pos]) % 16 : 0;
                json.value(input.substr(pos, length));
                pos += length;
            }
        }
        need_key = true;
    }
    if (kinds.back() == '{' && !need_key) json.null();
    while (!kinds.empty()) {
        kinds.back() == '{' ? json.end_object() : json.end_array();
        kinds.pop_back();
    }
    return json.text();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text = fuzz::as_text(data, size);
    std::string literal = json_string(text);
    std::size_t pos = 0;
    std::string decoded;
    FUZZ_CHECK(read_string(literal, pos, &decoded));
    FUZZ_CHECK(pos == literal.size());
    FUZZ_CHECK(decoded == expected_text(text));

    FUZZ_CHECK(valid_document(build(text)));
    return 0;
}
