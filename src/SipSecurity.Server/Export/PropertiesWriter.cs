using System.Globalization;
using System.Text;

namespace SipSecurity.Server.Export;

/// <summary>Writes key=value lines that java.util.Properties reads back exactly (its store() escaping, ASCII only).</summary>
public static class PropertiesWriter
{
    public static void AppendComment(StringBuilder builder, string comment)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Append("# ").Append(Escape(comment, isKey: false).Replace("\\#", "#", StringComparison.Ordinal)).Append('\n');
    }

    public static void AppendEntry(StringBuilder builder, string key, string value)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Append(Escape(key, isKey: true)).Append('=').Append(Escape(value, isKey: false)).Append('\n');
    }

    public static string Escape(string text, bool isKey)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case ' ' when isKey || i == 0: builder.Append("\\ "); break;
                case '\t': builder.Append("\\t"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\f': builder.Append("\\f"); break;
                case '=' or ':' or '#' or '!' or '\\': builder.Append('\\').Append(c); break;
                default:
                    if (c < 0x20 || c > 0x7e)
                    {
                        builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString();
    }
}
