# bash completion for capsh-ng and getpcaps-ng (and for capsh and getpcaps when they are
# capsh-ng, as installed with -Dcapsh_alias=true). Needs nothing from the bash-completion
# package. tests/docs/check_completion.py checks the option list against the parser's table.

_capsh_ng_caps='cap_chown cap_dac_override cap_dac_read_search cap_fowner cap_fsetid cap_kill
cap_setgid cap_setuid cap_setpcap cap_linux_immutable cap_net_bind_service cap_net_broadcast
cap_net_admin cap_net_raw cap_ipc_lock cap_ipc_owner cap_sys_module cap_sys_rawio
cap_sys_chroot cap_sys_ptrace cap_sys_pacct cap_sys_admin cap_sys_boot cap_sys_nice
cap_sys_resource cap_sys_time cap_sys_tty_config cap_mknod cap_lease cap_audit_write
cap_audit_control cap_setfcap cap_mac_override cap_mac_admin cap_syslog cap_wake_alarm
cap_block_suspend cap_audit_read cap_perfmon cap_bpf cap_checkpoint_restore'

# Every form of src/plan/options.cpp (an option that takes a value ends in "="), capsh's and the
# extensions (--exec, --json, --plan, --check), and --mode= (the table's --mode prefix covers it).
_capsh_ng_options='--addamb= --cap-uid= --caps= --chroot= --current --decode= --delamb= --drop=
--explain= --forkfor= --gid= --groups= --has-a= --has-b= --has-ambient --has-i= --has-p=
--has-no-new-privs --help --iab= --inh= --inmode= --is-uid= --is-gid= --keep= --killit=
--license --mode --mode= --modes --no-new-privs --noamb --noenv --print --quiet --secbits=
--shell= --strict --suggest= --supports= --uid= --user= == =+ -- -+ --dropped=
--exec --json --plan --check'

# getpcaps-ng's options, and its extension --json (not in its usage text).
_getpcaps_ng_options='--help --usage -h --license --verbose --ugly --legacy --iab --json'

# Sets COMPREPLY to the candidates in $2 (whole words) that start with the word being
# completed, $1. bash replaces only the part of the word after its last word-break character
# (COMP_WORDBREAKS has "=" and ":"), so that part is all each candidate keeps.
_capsh_ng_reply() {
    local full=$1 cur=${COMP_WORDS[COMP_CWORD]} keep='' word
    [[ $full == *"$cur" ]] && keep=${full%"$cur"}
    COMPREPLY=()
    while IFS= read -r word; do
        [[ -n $word && $word == "$full"* ]] && COMPREPLY+=("${word#"$keep"}")
    done <<<"$2"
    if [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *[=,] ]]; then
        compopt -o nospace 2>/dev/null
    fi
    return 0
}

# Candidates for the last item of a comma-separated value: $1 is the whole word, $2 the
# possible items. Items of --iab may start with the marks ! ^ %.
_capsh_ng_items() {
    local full=$1 option=${1%%=*}= value=${1#*=} head='' last marks item
    [[ $value == *,* ]] && head=${value%,*},
    last=${value##*,}
    marks=${last%%[!\!^%]*}
    for item in $2; do
        printf '%s\n' "$option$head$marks$item"
    done
}

_capsh_ng_value() {
    local full=$1
    case $full in
        --drop=* | --addamb=* | --delamb=*)
            _capsh_ng_items "$full" "all $_capsh_ng_caps" ;;
        --caps=* | --inh=* | --iab=*)
            _capsh_ng_items "$full" "$_capsh_ng_caps" ;;
        --has-[piab]=* | --supports=* | --explain=* | --dropped=*)
            printf -- "${full%%=*}=%s\n" $_capsh_ng_caps ;;
        --user=*)
            compgen -P --user= -u -- "${full#--user=}" ;;
        --groups=*)
            _capsh_ng_items "$full" "$(compgen -g)" ;;
        --mode=*)
            printf -- '--mode=%s\n' NOPRIV PURE1E_INIT PURE1E HYBRID ;;
        --inmode=*)
            printf -- '--inmode=%s\n' NOPRIV PURE1E_INIT PURE1E HYBRID UNCERTAIN ;;
        --shell=*)
            compgen -P --shell= -f -- "${full#--shell=}" ;;
        --chroot=*)
            compgen -P --chroot= -d -- "${full#--chroot=}" ;;
    esac
}

_capsh_ng() {
    local line=${COMP_LINE:0:COMP_POINT}
    local full=${line##*[[:space:]]}
    local -a words
    local n
    read -r -a words <<<"${line:0:${#line}-${#full}}"
    # Arguments after -- and -+ are the shell's, after --exec the program's; after == and =+
    # come capsh-ng options again.
    for ((n = 1; n < ${#words[@]}; n++)); do
        case ${words[n]} in
            -- | -+)
                COMPREPLY=()
                compopt -o default 2>/dev/null
                return 0 ;;
            --exec)
                if ((n == ${#words[@]} - 1)); then
                    _capsh_ng_reply "$full" "$(compgen -c -- "$full")"
                else
                    COMPREPLY=()
                    compopt -o default 2>/dev/null
                fi
                return 0 ;;
        esac
    done
    case $full in
        --*=*) _capsh_ng_reply "$full" "$(_capsh_ng_value "$full")" ;;
        '' | -* | =*) _capsh_ng_reply "$full" "$(printf '%s\n' $_capsh_ng_options)" ;;
        *) COMPREPLY=() ;;
    esac
}

_getpcaps_ng() {
    local line=${COMP_LINE:0:COMP_POINT}
    local full=${line##*[[:space:]]}
    case $full in
        -*) _capsh_ng_reply "$full" "$(printf '%s\n' $_getpcaps_ng_options)" ;;
        *) _capsh_ng_reply "$full" "$(cd /proc 2>/dev/null && printf '%s\n' [0-9]*)" ;;
    esac
}

complete -F _capsh_ng capsh-ng
complete -F _getpcaps_ng getpcaps-ng
# The libcap names only when they are this program (the -Dcapsh_alias=true links).
if [[ $(type -P capsh) -ef $(type -P capsh-ng) ]]; then
    complete -F _capsh_ng capsh
fi
if [[ $(type -P getpcaps) -ef $(type -P capsh-ng) ]]; then
    complete -F _getpcaps_ng getpcaps
fi
