// Linked into capsh-ng only in -Db_sanitize=address builds (see meson.build): the sanitizer
// runtime reads ASAN_OPTIONS from /proc/self/environ, which a set-uid capsh-ng cannot read, and
// LeakSanitizer needs /proc and ptrace of the process itself, which a capsh-ng that has
// chrooted or runs set-uid no longer has. Leak checks are the unit tests' and fuzzers' job.
extern "C" const char* __asan_default_options() {
    return "detect_leaks=0";
}
