// Applying output steps, queries and the steps that end capsh.
#include <fmt/format.h>

#include <cstdio>

#include "cap_names.hpp"
#include "executor_steps.hpp"
#include "explain.hpp"
#include "modes.hpp"
#include "report.hpp"
#include "state_json.hpp"
#include "usage.hpp"

namespace capsh {

Outcome apply(Executor& ex, const MaxCapCheck&) {
    unsigned last = ex.cap_count() - 1;
    if (last >= k_named_caps) {
        ex.write(
            fmt::format("WARNING: libcap needs an update (cap={} should have a name).\n", last));
    }
    return std::nullopt;
}

Outcome apply(Executor& ex, const Message& message) {
    if (message.stream == Stream::out) {
        ex.write(message.text);
    } else {
        std::fputs(message.text.c_str(), stderr);
    }
    return std::nullopt;
}

Outcome apply(Executor&, const Fail& failure) {
    return failure.error;
}

Outcome apply(Executor& ex, const Usage& usage) {
    ex.write(usage_text(ex.context().argv0, ex.context().default_shell));
    if (ex.writes_to_terminal()) ex.write(usage_footer());
    ex.end(usage.status);
    return std::nullopt;
}

Outcome apply(Executor& ex, const Exit& exit) {
    ex.end(exit.status);
    return std::nullopt;
}

namespace {

// --print and --current: a report made from the caps as they are read now.
Outcome write_report(Executor& ex, std::string (*report)(Kernel&, const CapState&)) {
    CapState caps;
    if (Outcome failed = ex.caps(caps, "failed to get process capabilities")) return failed;
    ex.write(report(ex.kernel(), caps));
    return std::nullopt;
}

}  // namespace

Outcome apply(Executor& ex, const Print&) {
    return write_report(ex, print_report);
}
Outcome apply(Executor& ex, const PrintJson&) {
    ex.write(state_json(ex.kernel()));
    return std::nullopt;
}

Outcome apply(Executor& ex, const Current&) {
    return write_report(ex, current_report);
}

Outcome apply(Executor& ex, const Decode& decode) {
    std::string text = fmt::format("0x{:016x}=", decode.value);
    std::string_view separator;
    for (unsigned cap = 0; cap < 64; ++cap) {
        if (!has(decode.value, cap)) continue;
        text += separator;
        text += cap_to_name(cap);
        separator = ",";
    }
    text += '\n';
    ex.write(text);
    return std::nullopt;
}

Outcome apply(Executor& ex, const Supports& query) {
    if (ex.kernel().bound_read(query.cap) < 0) {
        return fail(fmt::format("cap[{}={}] not supported by kernel\n", query.name, query.cap));
    }
    return std::nullopt;
}

Outcome apply(Executor& ex, const HasCap& query) {
    const char* missing = nullptr;
    switch (query.set) {
        case CapSet::permitted:
        case CapSet::inheritable: {
            CapState caps;
            if (Outcome failed = ex.caps(caps, "failed to get process capabilities")) return failed;
            bool permitted = query.set == CapSet::permitted;
            if (!has(permitted ? caps.p : caps.i, query.cap)) {
                missing = permitted ? "permitted" : "inheritable";
            }
            break;
        }
        // Only a definite "no" fails: an unsupported cap counts as present, as in capsh.
        case CapSet::ambient:
            if (ex.kernel().ambient_read(query.cap) == 0) missing = "in ambient vector";
            break;
        case CapSet::bounding:
            if (ex.kernel().bound_read(query.cap) == 0) missing = "in bounding vector";
            break;
    }
    if (missing == nullptr) return std::nullopt;
    return fail(fmt::format("cap[{}] not {}\n", query.name, missing));
}

Outcome apply(Executor& ex, const HasAmbient&) {
    int set = ex.kernel().ambient_read(0);
    if (set < 0) return fail_errno("ambient set not supported", -set);
    return std::nullopt;
}

Outcome apply(Executor& ex, const HasNoNewPrivs&) {
    if (ex.kernel().no_new_privs() != 1) return fail("no-new-privs not set\n");
    return std::nullopt;
}

Outcome apply(Executor& ex, const IsId& query) {
    Ids ids = ex.kernel().ids();
    std::uint32_t got = query.gid ? ids.gid : ids.uid;
    if (got != query.want) {  // capsh prints both as signed ints
        return fail(fmt::format("{}: got={}, want={}\n", query.gid ? "gid" : "uid",
                                std::int32_t(got), std::int32_t(query.want)));
    }
    return std::nullopt;
}

Outcome apply(Executor& ex, const ModeQuery&) {
    ex.write(fmt::format("Mode: {}\n", mode_name(guess_mode(ex.kernel()))));
    return std::nullopt;
}

Outcome apply(Executor& ex, const InMode& query) {
    std::string_view got = mode_name(guess_mode(ex.kernel()));
    if (got != query.want) {
        return Error::out(fmt::format("mismatched mode got={} want={}\n", got, query.want));
    }
    return std::nullopt;
}

Outcome apply(Executor& ex, const Explain& query) {
    ex.write(explain_text(query.cap, ex.cap_count()));
    return std::nullopt;
}
Outcome apply(Executor& ex, const Suggest& query) {
    ex.write(suggest_text(query.text, ex.cap_count()));
    return std::nullopt;
}

Outcome apply(Executor& ex, const CheckDropped& query) {
    if (ex.kernel().bound_read(query.cap) > 0) {
        return fail(fmt::format("cap[{}] raised in bounding vector\n", query.name));
    }
    return std::nullopt;
}

}  // namespace capsh
