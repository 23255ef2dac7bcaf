#!/bin/bash

__milequest_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__milequest_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__milequest_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__milequest_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_milequest() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=()
    local -i word_number
    for ((word_number = 1; word_number <= COMP_CWORD; word_number++)); do
        # --db=x.db arrives as --db, =, x.db: read it as --db x.db
        [[ "${COMP_WORDS[word_number]}" = '=' && "${COMP_WORDS[word_number - 1]}" = --* \
            && "${word_number}" -lt "${COMP_CWORD}" ]] && continue
        unparsed_words+=("${COMP_WORDS[word_number]}")
    done

    local -a repeating_flags=()
    local -a non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=(--db --as --format -f --unit --output -o --color --fields)
    __milequest_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    esac

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    log|walks|undo|progress|leaderboard|stats|map|chart|report|demo|import|export|backup|restore|check|init|member|team|route|goal|config|shell|help)
        # Offer subcommand argument completions
        "_milequest_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'log walks undo progress leaderboard stats map chart report demo import export backup restore check init member team route goal config shell help' -- "${cur}"))
        ;;
    esac
}

_milequest_log() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields --member -m --date -d --duration --steps --note --activity)
    __milequest_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion log -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    '--member'|'-m')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion log -- --member "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--date'|'-d')
        return
        ;;
    '--duration')
        return
        ;;
    '--steps')
        return
        ;;
    '--note')
        return
        ;;
    '--activity')
        return
        ;;
    esac
}

_milequest_walks() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields --member -m --team -t --from --to --limit -n --activity)
    __milequest_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion walks -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    '--member'|'-m')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion walks -- --member "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--team'|'-t')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion walks -- --team "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--from')
        return
        ;;
    '--to')
        return
        ;;
    '--limit'|'-n')
        return
        ;;
    '--activity')
        return
        ;;
    esac

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|edit|delete)
        # Offer subcommand argument completions
        "_milequest_walks_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list edit delete' -- "${cur}"))
        ;;
    esac
}

_milequest_walks_list() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields --member -m --team -t --from --to --limit -n --activity)
    __milequest_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion walks list -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    '--member'|'-m')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion walks list -- --member "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--team'|'-t')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion walks list -- --team "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--from')
        return
        ;;
    '--to')
        return
        ;;
    '--limit'|'-n')
        return
        ;;
    '--activity')
        return
        ;;
    esac
}

_milequest_walks_edit() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields --distance --date -d --duration --steps --note --member -m --activity)
    __milequest_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion walks edit -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    '--distance')
        return
        ;;
    '--date'|'-d')
        return
        ;;
    '--duration')
        return
        ;;
    '--steps')
        return
        ;;
    '--note')
        return
        ;;
    '--member'|'-m')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion walks edit -- --member "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--activity')
        return
        ;;
    esac
}

_milequest_walks_delete() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields)
    __milequest_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion walks delete -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_milequest_undo() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields)
    __milequest_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion undo -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_milequest_progress() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --watch --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields)
    __milequest_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion progress -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion progress -- positional@0 "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_milequest_leaderboard() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --teams --watch --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields --team -t --goal --period --from --to --by --average-over --limit -n)
    __milequest_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion leaderboard -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    '--team'|'-t')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion leaderboard -- --team "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--goal')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion leaderboard -- --goal "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--period')
        __milequest_add_completions -W 'today'$'\n''week'$'\n''month'$'\n''year'$'\n''all'
        return
        ;;
    '--from')
        return
        ;;
    '--to')
        return
        ;;
    '--by')
        __milequest_add_completions -W 'total'$'\n''average'$'\n''walks'
        return
        ;;
    '--average-over')
        __milequest_add_completions -W 'members'$'\n''walkers'
        return
        ;;
    '--limit'|'-n')
        return
        ;;
    esac
}

_milequest_stats() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields --member -m --team -t)
    __milequest_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion stats -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    '--member'|'-m')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion stats -- --member "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--team'|'-t')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion stats -- --team "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_milequest_map() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --graticule --no-scale --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields)
    __milequest_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion map -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion map -- positional@0 "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_milequest_chart() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --members --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields --team -t --kind)
    __milequest_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion chart -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    '--team'|'-t')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion chart -- --team "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--kind')
        __milequest_add_completions -W 'cumulative'$'\n''weekly'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion chart -- positional@0 "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_milequest_report() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields)
    __milequest_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion report -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion report -- positional@0 "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_milequest_demo() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --keep --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields)
    __milequest_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion demo -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_milequest_import() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __milequest_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    walks|gpx|all|health|fit|tcx|strava|google-fit|fitbit|auto)
        # Offer subcommand argument completions
        "_milequest_import_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'walks gpx all health fit tcx strava google-fit fitbit auto' -- "${cur}"))
        ;;
    esac
}

_milequest_import_walks() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields)
    __milequest_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion import walks -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __milequest_add_completions -o plusdirs -fX '!*.@(csv|tsv|json|ndjson|jsonl)'
        return
        ;;
    esac
}

_milequest_import_gpx() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --merge --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields --member -m --date -d)
    __milequest_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion import gpx -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    '--member'|'-m')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion import gpx -- --member "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--date'|'-d')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __milequest_add_completions -o plusdirs -fX '!*.@(gpx)'
        return
        ;;
    esac
}

_milequest_import_all() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields)
    __milequest_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion import all -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __milequest_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    esac
}

_milequest_import_health() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields --member -m --source)
    __milequest_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion import health -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    '--member'|'-m')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion import health -- --member "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--source')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __milequest_add_completions -o plusdirs -fX '!*.@(zip|xml)'
        return
        ;;
    esac
}

_milequest_import_fit() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields --member -m)
    __milequest_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion import fit -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    '--member'|'-m')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion import fit -- --member "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __milequest_add_completions -o plusdirs -fX '!*.@(fit|gz)'
        return
        ;;
    esac
}

_milequest_import_tcx() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields --member -m)
    __milequest_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion import tcx -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    '--member'|'-m')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion import tcx -- --member "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __milequest_add_completions -o plusdirs -fX '!*.@(tcx|gz)'
        return
        ;;
    esac
}

_milequest_import_strava() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields --member -m)
    __milequest_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion import strava -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    '--member'|'-m')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion import strava -- --member "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __milequest_add_completions -o plusdirs -fX '!*.@(zip|csv)'
        return
        ;;
    esac
}

_milequest_import_google-fit() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields --member -m)
    __milequest_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion import google-fit -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    '--member'|'-m')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion import google-fit -- --member "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __milequest_add_completions -o plusdirs -fX '!*.@(csv|zip)'
        return
        ;;
    esac
}

_milequest_import_fitbit() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields --member -m)
    __milequest_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion import fitbit -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    '--member'|'-m')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion import fitbit -- --member "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __milequest_add_completions -o plusdirs -fX '!*.@(zip|json|csv)'
        return
        ;;
    esac
}

_milequest_import_auto() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields --member -m)
    __milequest_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion import auto -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    '--member'|'-m')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion import auto -- --member "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __milequest_add_completions -f
        return
        ;;
    esac
}

_milequest_export() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields)
    __milequest_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion export -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __milequest_add_completions -W 'walks'$'\n''members'$'\n''teams'$'\n''memberships'$'\n''goals'$'\n''routes'$'\n''all'
        return
        ;;
    esac
}

_milequest_backup() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --rotate --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields)
    __milequest_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion backup -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __milequest_add_completions -f
        return
        ;;
    esac
}

_milequest_restore() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields)
    __milequest_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion restore -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __milequest_add_completions -f
        return
        ;;
    esac
}

_milequest_check() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields)
    __milequest_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion check -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_milequest_init() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields)
    __milequest_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion init -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_milequest_member() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __milequest_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    add|list|show|edit|remove)
        # Offer subcommand argument completions
        "_milequest_member_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'add list show edit remove' -- "${cur}"))
        ;;
    esac
}

_milequest_member_add() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --login --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields --name --email --stride)
    __milequest_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion member add -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    '--name')
        return
        ;;
    '--email')
        return
        ;;
    '--stride')
        return
        ;;
    esac
}

_milequest_member_list() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --all --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields)
    __milequest_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion member list -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_milequest_member_show() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields)
    __milequest_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion member show -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion member show -- positional@0 "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_milequest_member_edit() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields --name --email --stride)
    __milequest_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion member edit -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    '--name')
        return
        ;;
    '--email')
        return
        ;;
    '--stride')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion member edit -- positional@0 "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_milequest_member_remove() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields)
    __milequest_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion member remove -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion member remove -- positional@0 "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_milequest_team() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __milequest_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    create|list|show|edit|add|remove|promote|demote|leave)
        # Offer subcommand argument completions
        "_milequest_team_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'create list show edit add remove promote demote leave' -- "${cur}"))
        ;;
    esac
}

_milequest_team_create() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields --description --max-members --since)
    __milequest_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion team create -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    '--description')
        return
        ;;
    '--max-members')
        return
        ;;
    '--since')
        return
        ;;
    esac
}

_milequest_team_list() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields)
    __milequest_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion team list -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_milequest_team_show() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields)
    __milequest_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion team show -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion team show -- positional@0 "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_milequest_team_edit() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields --name --description --max-members)
    __milequest_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion team edit -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    '--name')
        return
        ;;
    '--description')
        return
        ;;
    '--max-members')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion team edit -- positional@0 "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_milequest_team_add() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields --role --since)
    __milequest_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion team add -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    '--role')
        __milequest_add_completions -W 'captain'$'\n''member'
        return
        ;;
    '--since')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion team add -- positional@0 "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    *)
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion team add -- positional@1 "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_milequest_team_remove() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields --on)
    __milequest_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion team remove -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    '--on')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion team remove -- positional@0 "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    2)
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion team remove -- positional@1 "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_milequest_team_promote() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields)
    __milequest_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion team promote -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion team promote -- positional@0 "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    2)
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion team promote -- positional@1 "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_milequest_team_demote() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields)
    __milequest_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion team demote -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion team demote -- positional@0 "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    2)
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion team demote -- positional@1 "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_milequest_team_leave() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields --on)
    __milequest_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion team leave -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    '--on')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion team leave -- positional@0 "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_milequest_route() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __milequest_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    create|list|show|catalog|add-builtin|export)
        # Offer subcommand argument completions
        "_milequest_route_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'create list show catalog add-builtin export' -- "${cur}"))
        ;;
    esac
}

_milequest_route_create() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=(--waypoint)
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields --gpx --geojson)
    __milequest_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion route create -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    '--waypoint')
        return
        ;;
    '--gpx')
        __milequest_add_completions -o plusdirs -fX '!*.@(gpx)'
        return
        ;;
    '--geojson')
        __milequest_add_completions -o plusdirs -fX '!*.@(geojson|json)'
        return
        ;;
    esac
}

_milequest_route_list() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields)
    __milequest_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion route list -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_milequest_route_show() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields)
    __milequest_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion route show -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion route show -- positional@0 "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_milequest_route_catalog() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields)
    __milequest_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion route catalog -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_milequest_route_add-builtin() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields --name)
    __milequest_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion route add-builtin -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    '--name')
        return
        ;;
    esac
}

_milequest_route_export() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields --to)
    __milequest_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion route export -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    '--to')
        __milequest_add_completions -W 'gpx'$'\n''geojson'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion route export -- positional@0 "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_milequest_goal() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __milequest_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    create|list|show|edit|cancel)
        # Offer subcommand argument completions
        "_milequest_goal_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'create list show edit cancel' -- "${cur}"))
        ;;
    esac
}

_milequest_goal_create() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=(--team -t)
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields --mode --route --distance --start --end --daily-cap --grace --activities --convert)
    __milequest_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion goal create -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    '--team'|'-t')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion goal create -- --team "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--mode')
        __milequest_add_completions -W 'race'$'\n''together'
        return
        ;;
    '--route')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion goal create -- --route "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--distance')
        return
        ;;
    '--start')
        return
        ;;
    '--end')
        return
        ;;
    '--daily-cap')
        return
        ;;
    '--grace')
        return
        ;;
    '--activities')
        return
        ;;
    '--convert')
        return
        ;;
    esac
}

_milequest_goal_list() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --all --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields --team -t)
    __milequest_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion goal list -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    '--team'|'-t')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion goal list -- --team "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_milequest_goal_show() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields)
    __milequest_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion goal show -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion goal show -- positional@0 "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_milequest_goal_edit() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --no-daily-cap --version -h --help)
    repeating_options=(--add-team --remove-team)
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields --name --start --end --daily-cap --grace --activities --convert)
    __milequest_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion goal edit -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    '--name')
        return
        ;;
    '--start')
        return
        ;;
    '--end')
        return
        ;;
    '--daily-cap')
        return
        ;;
    '--grace')
        return
        ;;
    '--add-team')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion goal edit -- --add-team "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--remove-team')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion goal edit -- --remove-team "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--activities')
        return
        ;;
    '--convert')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion goal edit -- positional@0 "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_milequest_goal_cancel() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields)
    __milequest_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion goal cancel -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion goal cancel -- positional@0 "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_milequest_config() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __milequest_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    get|set|list)
        # Offer subcommand argument completions
        "_milequest_config_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'get set list' -- "${cur}"))
        ;;
    esac
}

_milequest_config_get() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __milequest_offer_flags_options 1

    # Offer positional completions
    case "${positional_number}" in
    1)
        __milequest_add_completions -W 'member'$'\n''unit'$'\n''week_start'$'\n''database'$'\n''color'
        return
        ;;
    esac
}

_milequest_config_set() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __milequest_offer_flags_options 2

    # Offer positional completions
    case "${positional_number}" in
    1)
        __milequest_add_completions -W 'member'$'\n''unit'$'\n''week_start'$'\n''database'$'\n''color'
        return
        ;;
    esac
}

_milequest_config_list() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--format -f)
    __milequest_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    esac
}

_milequest_shell() {
    repeating_flags=()
    non_repeating_flags=(--quiet -q --no-color --ascii --yes --dry-run --no-header --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format -f --unit --output -o --color --fields)
    __milequest_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        __milequest_add_completions -f
        return
        ;;
    '--as')
        __milequest_add_completions -W "$(__milequest_custom_complete ---completion shell -- --as "${COMP_CWORD}" "$(__milequest_cursor_index_in_current_word)")"
        return
        ;;
    '--format'|'-f')
        __milequest_add_completions -W 'table'$'\n''json'$'\n''csv'$'\n''tsv'$'\n''ndjson'
        return
        ;;
    '--unit')
        __milequest_add_completions -W 'mi'$'\n''km'
        return
        ;;
    '--output'|'-o')
        __milequest_add_completions -f
        return
        ;;
    '--color')
        __milequest_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_milequest_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __milequest_offer_flags_options -1
}

complete -o filenames -F _milequest milequest