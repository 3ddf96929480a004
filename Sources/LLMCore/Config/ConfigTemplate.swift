/// The commented example `llmctl config init` writes.
///
/// Everything is commented out, so writing it changes nothing until the user edits it. Lines starting
/// `## ` are prose; lines starting `# ` are TOML that works when uncommented (a test checks that).
public enum ConfigTemplate {
    public static let text = """
    ## llmctl configuration (TOML). Precedence: command-line flags > environment variables > this file
    ## > built-in defaults. Unknown keys are errors. `llmctl config show` prints what is in effect.
    ## Uncomment a line (remove the leading "# ") to use it.

    ## The model used when -m is not given and LLMCTL_MODEL is unset: provider:model or an alias.
    # default_model = "openai:gpt-4o-mini"

    ## Tried in order when the chosen model fails before its reply started.
    # fallback = ["anthropic:claude-sonnet-4-5", "fast"]

    ## Short names usable wherever a model is expected: llmctl ask -m fast "…"
    # [aliases]
    # fast = "groq:llama-3.1-8b-instant"
    # local = "ollama:llama3.2"

    ## Named endpoints, used as NAME:model (llmctl ask -m work:gpt-4o "…").
    ## kind: openai | azure | anthropic | gemini | bedrock | ollama.
    ## The key comes from ONE of: api_key_env (the name of an environment variable), key_cmd (a shell
    ## command printing the key; run once per process, only when the endpoint is used, never logged),
    ## or api_key (the key itself; then keep this file private: chmod 600).
    ## An endpoint named like a built-in provider (openai, anthropic …) replaces it, but that provider's
    ## environment variables (OPENAI_BASE_URL, OPENAI_API_KEY …) still win over the values here.
    # [endpoints.work]
    # kind = "openai"
    # base_url = "https://llm-gateway.example.com/v1"
    # key_cmd = "pass show work/llm-gateway"
    # headers = { "X-Team" = "platform" }

    # [endpoints.azure-prod]
    # kind = "azure"
    # base_url = "https://my-resource.openai.azure.com"
    # api_key_env = "AZURE_PROD_KEY"
    # api_version = "2024-10-21"

    # [endpoints.lan]
    # kind = "ollama"
    # base_url = "http://gpu-box.local:11434"

    ## Per-model defaults; flags (--temperature, --max-tokens, --system) override them.
    # [models."openai:gpt-4o-mini"]
    # temperature = 0.3
    # max_tokens = 1024
    # system = "Answer briefly."

    ## The interactive REPL.
    # [repl]
    # summary = true          # the dim stats line after each reply
    # editor = "emacs"        # or "vi"; default: what ~/.editrc says
    # history_size = 1000
    # save_history = true     # false: nothing is read from or written to the history file
    # color = true            # also off when NO_COLOR is set or TERM=dumb

    ## Network limits, as the flags of the same names (seconds; 0 disables a timeout).
    # [network]
    # connect_timeout = 10
    # first_token_timeout = 60
    # idle_timeout = 30
    # timeout = 0             # the whole request, retries included
    # retries = 2

    """
}
