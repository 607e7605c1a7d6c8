namespace SipSecurity.Server.Configuration;

/// <summary>
/// PowerShell's wildcard syntax (*, ?, [abc], [a-z], ` escapes), case-insensitive, so that the
/// library filters names exactly as the cmdlets' -Name parameters promise.
/// </summary>
public sealed class SipWildcard
{
    private readonly string _pattern;

    public SipWildcard(string pattern)
    {
        _pattern = pattern ?? throw new ArgumentNullException(nameof(pattern));
        LiteralPrefix = ComputeLiteralPrefix(pattern, out var hasWildcards);
        HasWildcards = hasWildcards;
    }

    /// <summary>The characters every match starts with (used to narrow a database query).</summary>
    public string LiteralPrefix { get; }

    public bool HasWildcards { get; }

    public static bool ContainsWildcards(string? text) => text is not null && new SipWildcard(text).HasWildcards;

    public bool IsMatch(string text) => Match(_pattern.AsSpan(), text.AsSpan());

    private static bool Match(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        while (!pattern.IsEmpty)
        {
            var c = pattern[0];
            switch (c)
            {
                case '*':
                    pattern = pattern[1..];
                    if (pattern.IsEmpty)
                    {
                        return true;
                    }

                    for (var i = 0; i <= text.Length; i++)
                    {
                        if (Match(pattern, text[i..]))
                        {
                            return true;
                        }
                    }

                    return false;
                case '?':
                    if (text.IsEmpty)
                    {
                        return false;
                    }

                    pattern = pattern[1..];
                    text = text[1..];
                    break;
                case '[':
                    var close = pattern.IndexOf(']');
                    if (close < 0 || text.IsEmpty || !MatchSet(pattern[1..close], text[0]))
                    {
                        return false;
                    }

                    pattern = pattern[(close + 1)..];
                    text = text[1..];
                    break;
                default:
                    if (c == '`' && pattern.Length > 1)
                    {
                        pattern = pattern[1..];
                        c = pattern[0];
                    }

                    if (text.IsEmpty || char.ToUpperInvariant(text[0]) != char.ToUpperInvariant(c))
                    {
                        return false;
                    }

                    pattern = pattern[1..];
                    text = text[1..];
                    break;
            }
        }

        return text.IsEmpty;
    }

    private static bool MatchSet(ReadOnlySpan<char> set, char c)
    {
        var upper = char.ToUpperInvariant(c);
        for (var i = 0; i < set.Length; i++)
        {
            if (i + 2 < set.Length && set[i + 1] == '-')
            {
                if (upper >= char.ToUpperInvariant(set[i]) && upper <= char.ToUpperInvariant(set[i + 2]))
                {
                    return true;
                }

                i += 2;
            }
            else if (char.ToUpperInvariant(set[i]) == upper)
            {
                return true;
            }
        }

        return false;
    }

    private static string ComputeLiteralPrefix(string pattern, out bool hasWildcards)
    {
        var prefix = new System.Text.StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c is '*' or '?' or '[')
            {
                hasWildcards = true;
                return prefix.ToString();
            }

            if (c == '`' && i + 1 < pattern.Length)
            {
                c = pattern[++i];
            }

            prefix.Append(c);
        }

        hasWildcards = false;
        return prefix.ToString();
    }
}
