function __llmctl_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __llmctl_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __llmctl_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __llmctl_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __llmctl_parse_tokens -S
    set -l unparsed_tokens (__llmctl_tokens -pc)
    switch $unparsed_tokens[1]
    case 'llmctl'
        __llmctl_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'chat'
            __llmctl_parse_subcommand 0 'm/model=+' 's/system=' 'temperature=' 'max-tokens=' 'no-stream' 'retries=' 'connect-timeout=' 'first-token-timeout=' 'idle-timeout=' 'timeout=' 'no-breaker' 'reasoning=' 'a/attach=+' 'f/file=+' 'hide-reasoning' 'show-reasoning' 'tool=+' 'max-tool-rounds=' 'session=' 'c/continue' 'no-log' 'version' 'h/help'
        case 'ask'
            __llmctl_parse_subcommand -r 1 'm/model=+' 's/system=' 'temperature=' 'max-tokens=' 'no-stream' 'retries=' 'connect-timeout=' 'first-token-timeout=' 'idle-timeout=' 'timeout=' 'no-breaker' 'reasoning=' 'a/attach=+' 'f/file=+' 'hide-reasoning' 'show-reasoning' 'tool=+' 'max-tool-rounds=' 'json' 'stats' 'no-log' 'c/continue' 'cid=' 'session=' 'version' 'h/help'
        case 'batch'
            __llmctl_parse_subcommand 1 'm/model=+' 's/system=' 'temperature=' 'max-tokens=' 'no-stream' 'retries=' 'connect-timeout=' 'first-token-timeout=' 'idle-timeout=' 'timeout=' 'no-breaker' 'o/output=' 'concurrency=' 'unordered' 'resume' 'log' 'version' 'h/help'
        case 'compare'
            __llmctl_parse_subcommand -r 1 'm/model=+' 's/system=' 'temperature=' 'max-tokens=' 'no-stream' 'retries=' 'connect-timeout=' 'first-token-timeout=' 'idle-timeout=' 'timeout=' 'no-breaker' 'reasoning=' 'a/attach=+' 'f/file=+' 'json' 'first' 'no-log' 'version' 'h/help'
        case 'models'
            __llmctl_parse_subcommand 0 'json' 'version' 'h/help'
        case 'config'
            __llmctl_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'path'
                __llmctl_parse_subcommand 0 'version' 'h/help'
            case 'show'
                __llmctl_parse_subcommand 0 'version' 'h/help'
            case 'init'
                __llmctl_parse_subcommand 0 'version' 'h/help'
            end
        case 'log'
            __llmctl_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'list'
                __llmctl_parse_subcommand 0 'n=' 'json' 'version' 'h/help'
            case 'show'
                __llmctl_parse_subcommand 1 'json' 'version' 'h/help'
            case 'search'
                __llmctl_parse_subcommand -r 1 'n=' 'json' 'version' 'h/help'
            case 'stats'
                __llmctl_parse_subcommand 0 'since=' 'model=' 'json' 'version' 'h/help'
            case 'conversations'
                __llmctl_parse_subcommand 0 'n=' 'json' 'version' 'h/help'
            case 'path'
                __llmctl_parse_subcommand 0 'version' 'h/help'
            case 'delete'
                __llmctl_parse_subcommand 1 'version' 'h/help'
            case 'prune'
                __llmctl_parse_subcommand 0 'older-than=' 'version' 'h/help'
            end
        case 'help'
            __llmctl_parse_subcommand -r 1 'version'
        end
    end
end

function __llmctl_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __llmctl_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __llmctl_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __llmctl_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__llmctl_tokens -p)
    if test -z "$(__llmctl_tokens -t)"
        set -l index (count (__llmctl_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'llmctl' -f
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl" version' -l 'version' -d 'Show the version.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_positional "llmctl" -eq 1' -fa 'chat' -d 'Chat interactively (the default: llmctl with no command). With stdin piped, answer like ask.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_positional "llmctl" -eq 1' -fa 'ask' -d 'Send one prompt and stream the answer to stdout.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_positional "llmctl" -eq 1' -fa 'batch' -d 'Send many prompts from a JSONL file, a few at a time, and write one JSON result line each.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_positional "llmctl" -eq 1' -fa 'compare' -d 'Send one prompt to several models at once and compare the replies.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_positional "llmctl" -eq 1' -fa 'models' -d 'List providers and config-file endpoints: credentials found or missing, the URL requests go to, example models, circuit state.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_positional "llmctl" -eq 1' -fa 'config' -d 'Locate, show or create the config file.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_positional "llmctl" -eq 1' -fa 'log' -d 'List, search and summarise the exchanges in the conversation log.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_positional "llmctl" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl chat"' -s 'm' -l 'model' -d 'Model as provider:model (repeat for fallback). Default: $LLMCTL_MODEL, the config file, the first provider with credentials, else the offline model.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl chat" s system' -s 's' -l 'system' -d 'System prompt.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl chat" temperature' -l 'temperature' -d 'Sampling temperature (0-2).' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl chat" max-tokens' -l 'max-tokens' -d 'Maximum tokens to generate.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl chat" no-stream' -l 'no-stream' -d 'Wait for the whole reply instead of streaming it.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl chat" retries' -l 'retries' -d 'Retries after a failed attempt (default 2: up to 3 attempts). Only failures before the first token are retried: HTTP 408, 409, 429, 500, 502, 503, 504, 529 and connection errors; waits follow retry-after, else exponential backoff with jitter.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl chat" connect-timeout' -l 'connect-timeout' -d 'Seconds to connect (DNS, TCP, TLS); default 10, 0 = libcurl\'s 300.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl chat" first-token-timeout' -l 'first-token-timeout' -d 'Seconds from sending an attempt to its first text token; default 60, 0 = none. Retried when it fires.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl chat" idle-timeout' -l 'idle-timeout' -d 'Longest gap in seconds between chunks once text has started; default 30, 0 = none. Not retried.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl chat" timeout' -l 'timeout' -d 'Total seconds for the whole request, retries and fallback models included; default 0 = none.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl chat" no-breaker' -l 'no-breaker' -d 'Never fail fast on an open circuit (the same as breaker_threshold = 0).'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl chat" reasoning' -l 'reasoning' -d 'How much the model reasons: off, low, medium, high, or a budget in tokens.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl chat"' -s 'a' -l 'attach' -d 'Attach an image (png, jpeg, gif, webp; repeatable).' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl chat"' -s 'f' -l 'file' -d 'Add a text file, or a folder\'s text files, to the prompt (repeatable).' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl chat" hide-reasoning' -l 'hide-reasoning' -d 'Do not show the model\'s reasoning (it is still in --json).'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl chat" show-reasoning' -l 'show-reasoning' -d 'Show the model\'s reasoning even in a pipe (on stderr).'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl chat"' -l 'tool' -d 'Offer a tool: a JSON definition file, or the name of a [tools.NAME] in the config (repeatable).' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl chat" max-tool-rounds' -l 'max-tool-rounds' -d 'Most rounds of tool calls before llmctl stops the model (default 8).' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl chat" session' -l 'session' -d 'Continue the conversation named NAME in the conversation log, or start it under that name.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl chat" c continue' -s 'c' -l 'continue' -d 'Continue the most recent conversation in the conversation log.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl chat" no-log' -l 'no-log' -d 'Keep this chat (or piped prompt) out of the conversation log.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl chat" version' -l 'version' -d 'Show the version.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl chat" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl ask"' -s 'm' -l 'model' -d 'Model as provider:model (repeat for fallback). Default: $LLMCTL_MODEL, the config file, the first provider with credentials, else the offline model.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl ask" s system' -s 's' -l 'system' -d 'System prompt.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl ask" temperature' -l 'temperature' -d 'Sampling temperature (0-2).' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl ask" max-tokens' -l 'max-tokens' -d 'Maximum tokens to generate.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl ask" no-stream' -l 'no-stream' -d 'Wait for the whole reply instead of streaming it.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl ask" retries' -l 'retries' -d 'Retries after a failed attempt (default 2: up to 3 attempts). Only failures before the first token are retried: HTTP 408, 409, 429, 500, 502, 503, 504, 529 and connection errors; waits follow retry-after, else exponential backoff with jitter.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl ask" connect-timeout' -l 'connect-timeout' -d 'Seconds to connect (DNS, TCP, TLS); default 10, 0 = libcurl\'s 300.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl ask" first-token-timeout' -l 'first-token-timeout' -d 'Seconds from sending an attempt to its first text token; default 60, 0 = none. Retried when it fires.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl ask" idle-timeout' -l 'idle-timeout' -d 'Longest gap in seconds between chunks once text has started; default 30, 0 = none. Not retried.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl ask" timeout' -l 'timeout' -d 'Total seconds for the whole request, retries and fallback models included; default 0 = none.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl ask" no-breaker' -l 'no-breaker' -d 'Never fail fast on an open circuit (the same as breaker_threshold = 0).'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl ask" reasoning' -l 'reasoning' -d 'How much the model reasons: off, low, medium, high, or a budget in tokens.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl ask"' -s 'a' -l 'attach' -d 'Attach an image (png, jpeg, gif, webp; repeatable).' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl ask"' -s 'f' -l 'file' -d 'Add a text file, or a folder\'s text files, to the prompt (repeatable).' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl ask" hide-reasoning' -l 'hide-reasoning' -d 'Do not show the model\'s reasoning (it is still in --json).'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl ask" show-reasoning' -l 'show-reasoning' -d 'Show the model\'s reasoning even in a pipe (on stderr).'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl ask"' -l 'tool' -d 'Offer a tool: a JSON definition file, or the name of a [tools.NAME] in the config (repeatable).' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl ask" max-tool-rounds' -l 'max-tool-rounds' -d 'Most rounds of tool calls before llmctl stops the model (default 8).' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl ask" json' -l 'json' -d 'Print one JSON object (text, usage, timing, connection) instead of the text.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl ask" stats' -l 'stats' -d 'Print a one-line latency and connection summary on stderr.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl ask" no-log' -l 'no-log' -d 'Do not record this exchange in the conversation log.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl ask" c continue' -s 'c' -l 'continue' -d 'Continue the most recent conversation in the log.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl ask" cid' -l 'cid' -d 'Continue this conversation (an id from llmctl log conversations).' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl ask" session' -l 'session' -d 'Continue the conversation named NAME (a chat session), or start it.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl ask" version' -l 'version' -d 'Show the version.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl ask" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl batch"' -s 'm' -l 'model' -d 'Model as provider:model (repeat for fallback). Default: $LLMCTL_MODEL, the config file, the first provider with credentials, else the offline model.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl batch" s system' -s 's' -l 'system' -d 'System prompt.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl batch" temperature' -l 'temperature' -d 'Sampling temperature (0-2).' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl batch" max-tokens' -l 'max-tokens' -d 'Maximum tokens to generate.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl batch" no-stream' -l 'no-stream' -d 'Wait for the whole reply instead of streaming it.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl batch" retries' -l 'retries' -d 'Retries after a failed attempt (default 2: up to 3 attempts). Only failures before the first token are retried: HTTP 408, 409, 429, 500, 502, 503, 504, 529 and connection errors; waits follow retry-after, else exponential backoff with jitter.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl batch" connect-timeout' -l 'connect-timeout' -d 'Seconds to connect (DNS, TCP, TLS); default 10, 0 = libcurl\'s 300.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl batch" first-token-timeout' -l 'first-token-timeout' -d 'Seconds from sending an attempt to its first text token; default 60, 0 = none. Retried when it fires.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl batch" idle-timeout' -l 'idle-timeout' -d 'Longest gap in seconds between chunks once text has started; default 30, 0 = none. Not retried.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl batch" timeout' -l 'timeout' -d 'Total seconds for the whole request, retries and fallback models included; default 0 = none.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl batch" no-breaker' -l 'no-breaker' -d 'Never fail fast on an open circuit (the same as breaker_threshold = 0).'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl batch" o output' -s 'o' -l 'output' -d 'Write the results to this file (default: stdout).' -rF
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl batch" concurrency' -l 'concurrency' -d 'Requests in flight at once, all on one connection pool.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl batch" unordered' -l 'unordered' -d 'Write each result as soon as it finishes, instead of in input order.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl batch" resume' -l 'resume' -d 'Skip the ids already in the -o file (after an interrupted run); needs -o.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl batch" log' -l 'log' -d 'Also record each item in the conversation log (batch results have their own file, so off by default).'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_positional "llmctl batch" -eq 1' -fa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'jsonl\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl batch" version' -l 'version' -d 'Show the version.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl batch" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl compare"' -s 'm' -l 'model' -d 'Model as provider:model (repeat for fallback). Default: $LLMCTL_MODEL, the config file, the first provider with credentials, else the offline model.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl compare" s system' -s 's' -l 'system' -d 'System prompt.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl compare" temperature' -l 'temperature' -d 'Sampling temperature (0-2).' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl compare" max-tokens' -l 'max-tokens' -d 'Maximum tokens to generate.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl compare" no-stream' -l 'no-stream' -d 'Wait for the whole reply instead of streaming it.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl compare" retries' -l 'retries' -d 'Retries after a failed attempt (default 2: up to 3 attempts). Only failures before the first token are retried: HTTP 408, 409, 429, 500, 502, 503, 504, 529 and connection errors; waits follow retry-after, else exponential backoff with jitter.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl compare" connect-timeout' -l 'connect-timeout' -d 'Seconds to connect (DNS, TCP, TLS); default 10, 0 = libcurl\'s 300.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl compare" first-token-timeout' -l 'first-token-timeout' -d 'Seconds from sending an attempt to its first text token; default 60, 0 = none. Retried when it fires.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl compare" idle-timeout' -l 'idle-timeout' -d 'Longest gap in seconds between chunks once text has started; default 30, 0 = none. Not retried.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl compare" timeout' -l 'timeout' -d 'Total seconds for the whole request, retries and fallback models included; default 0 = none.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl compare" no-breaker' -l 'no-breaker' -d 'Never fail fast on an open circuit (the same as breaker_threshold = 0).'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl compare" reasoning' -l 'reasoning' -d 'How much the model reasons: off, low, medium, high, or a budget in tokens.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl compare"' -s 'a' -l 'attach' -d 'Attach an image (png, jpeg, gif, webp; repeatable).' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl compare"' -s 'f' -l 'file' -d 'Add a text file, or a folder\'s text files, to the prompt (repeatable).' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl compare" json' -l 'json' -d 'Print one JSON object with every model\'s result instead of the text and table.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl compare" first' -l 'first' -d 'Race the models: keep the first to produce a token and cancel the others.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl compare" no-log' -l 'no-log' -d 'Do not record the replies in the conversation log.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl compare" version' -l 'version' -d 'Show the version.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl compare" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl models" json' -l 'json' -d 'Print a JSON array instead of a table.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl models" version' -l 'version' -d 'Show the version.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl models" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl config" version' -l 'version' -d 'Show the version.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl config" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_positional "llmctl config" -eq 1' -fa 'path' -d 'Print the path of the config file (it need not exist).'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_positional "llmctl config" -eq 1' -fa 'show' -d 'Print the configuration in effect, with secrets redacted.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_positional "llmctl config" -eq 1' -fa 'init' -d 'Write a commented example config file (mode 0600); never overwrites one.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl config path" version' -l 'version' -d 'Show the version.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl config path" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl config show" version' -l 'version' -d 'Show the version.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl config show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl config init" version' -l 'version' -d 'Show the version.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl config init" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl log" version' -l 'version' -d 'Show the version.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl log" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_positional "llmctl log" -eq 1' -fa 'list' -d 'The last exchanges, one line each (the default).'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_positional "llmctl log" -eq 1' -fa 'show' -d 'One whole exchange.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_positional "llmctl log" -eq 1' -fa 'search' -d 'Full-text search over prompts and replies.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_positional "llmctl log" -eq 1' -fa 'stats' -d 'Per model: count, time to first token and total (p50/p95), tokens/s, connection reuse, errors by kind.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_positional "llmctl log" -eq 1' -fa 'conversations' -d 'Recent conversations with their first prompt (continue one with ask --cid ID).'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_positional "llmctl log" -eq 1' -fa 'path' -d 'Print the log\'s path (it need not exist).'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_positional "llmctl log" -eq 1' -fa 'delete' -d 'Delete one exchange.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_positional "llmctl log" -eq 1' -fa 'prune' -d 'Delete exchanges older than an age.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl log list" n' -s 'n' -d 'How many exchanges.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl log list" json' -l 'json' -d 'JSON lines: the ask --json object plus conversation_id, time, command, system, prompt.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl log list" version' -l 'version' -d 'Show the version.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl log list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl log show" json' -l 'json' -d 'Print it as JSON.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl log show" version' -l 'version' -d 'Show the version.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl log show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl log search" n' -s 'n' -d 'Most results.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl log search" json' -l 'json' -d 'JSON lines.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl log search" version' -l 'version' -d 'Show the version.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl log search" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl log stats" since' -l 'since' -d 'Only exchanges this recent: 7d, 12h, 30m.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl log stats" model' -l 'model' -d 'Only this model (provider:model).' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl log stats" json' -l 'json' -d 'Print a JSON array.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl log stats" version' -l 'version' -d 'Show the version.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl log stats" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl log conversations" n' -s 'n' -d 'How many.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl log conversations" json' -l 'json' -d 'JSON lines.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl log conversations" version' -l 'version' -d 'Show the version.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl log conversations" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl log path" version' -l 'version' -d 'Show the version.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl log path" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl log delete" version' -l 'version' -d 'Show the version.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl log delete" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl log prune" older-than' -l 'older-than' -d 'An age: 30d, 12h.' -rfka ''
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl log prune" version' -l 'version' -d 'Show the version.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl log prune" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'llmctl' -n '__llmctl_should_offer_completions_for_flags_or_options "llmctl help" version' -l 'version' -d 'Show the version.'
