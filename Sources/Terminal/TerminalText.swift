/// Text that came from outside llmctl (a model's reply, a provider's message) made unable to drive a
/// terminal: a reply containing `ESC[2J`, `ESC]0;title BEL` or `ESC]52;c;… BEL` must not clear the screen,
/// retitle the window or write the clipboard. Every C0 control but newline and tab, DEL and every C1
/// control becomes its visible stand-in (U+2400 Control Pictures; `␛` for ESC), so an escape sequence
/// shows as text; carriage returns are dropped (they could overwrite what was already shown).
public enum TerminalText {
    /// `text` with every control that could drive a terminal made visible.
    public static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsReplacing) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x09: out.append(scalar)
            case 0x0D: continue
            case 0x00..<0x20: out.append(Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}")
            case 0x7F: out.append("\u{2421}")
            case 0x80...0x9F: out.append("\u{FFFD}")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    private static func needsReplacing(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (value < 0x20 && value != 0x0A && value != 0x09) || (0x7F...0x9F).contains(value)
    }
}
