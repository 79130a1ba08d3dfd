# bash completion for gosu-ng and su-exec-ng (capsh-ng under gosu's or su-exec's command
# line): the extensions and capability names first, then a user (or user:group), then a command.
_gosu_ng() {
    local cur=${COMP_WORDS[COMP_CWORD]} i=1
    while [[ $i -lt $COMP_CWORD && ${COMP_WORDS[i]} == --* ]]; do ((i++)); done
    if [[ $i -lt $COMP_CWORD ]]; then
        # After USER-SPEC: the command and its arguments, as for any command.
        if [[ $((i + 1)) -eq $COMP_CWORD ]]; then
            mapfile -t COMPREPLY < <(compgen -c -- "$cur")
        else
            mapfile -t COMPREPLY < <(compgen -f -- "$cur")
        fi
        return
    fi
    case $cur in
        --keep-cap=*)
            local list=${cur#--keep-cap=} done_part=""
            [[ $list == *,* ]] && done_part=${list%,*},
            local caps
            caps=$(grep -o 'CAP_[A-Z_]*' /usr/include/linux/capability.h 2>/dev/null |
                sort -u | tr 'A-Z' 'a-z')
            mapfile -t COMPREPLY < <(compgen -P "--keep-cap=$done_part" -W "$caps" -- "${list##*,}")
            compopt -o nospace
            ;;
        -*)
            # su-exec has no --help or --version: under its names the first word is a user.
            local words='--keep-cap= --drop-bounding --no-new-privs'
            [[ ${COMP_WORDS[0]##*/} == su-exec* ]] || words+=' --help --version'
            mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
            [[ ${COMPREPLY[0]} == *= ]] && compopt -o nospace
            ;;
        *:*)
            mapfile -t COMPREPLY < <(compgen -P "${cur%%:*}:" -g -- "${cur#*:}")
            ;;
        *) mapfile -t COMPREPLY < <(compgen -u -- "$cur") ;;
    esac
}
complete -F _gosu_ng gosu-ng su-exec-ng
if [[ $(type -P gosu) -ef $(type -P capsh-ng) ]]; then complete -F _gosu_ng gosu; fi
if [[ $(type -P su-exec) -ef $(type -P capsh-ng) ]]; then complete -F _gosu_ng su-exec; fi
