using SipSecurity.Server.Import;

namespace SipSecurity.Server.Tests.Import;

public class PropertiesParserTests
{
    private static IReadOnlyList<PropertyEntry> Parse(string text) => PropertiesParser.Parse(text, "users.properties");

    [Fact]
    public void The_seed_users_file_gives_one_entry_on_its_line()
    {
        var entries = Parse("# A sample users.properties file, this line creates user \"admin\" with\n# password \"admin\" for \"sip-servlets-realm\"\nadmin=81c2aeb4f2fd13664c66164c61a24137\n");
        var entry = Assert.Single(entries);
        Assert.Equal(("admin", "81c2aeb4f2fd13664c66164c61a24137", 3), (entry.Key, entry.Value, entry.Location.Line));
    }

    [Theory]
    [InlineData("a=b", "a", "b")]
    [InlineData("a:b", "a", "b")]
    [InlineData("a b", "a", "b")]
    [InlineData("  a  =  b  ", "a", "b  ")]
    [InlineData("a\t:\tb", "a", "b")]
    [InlineData("a", "a", "")]
    [InlineData("a=", "a", "")]
    [InlineData("a==b", "a", "=b")]
    [InlineData("a\\=b=c", "a=b", "c")]
    [InlineData("a\\ b c", "a b", "c")]
    [InlineData("k=\\u0041\\t\\x", "k", "A\tx")]
    public void Separators_and_escapes_follow_java_util_Properties(string line, string key, string value)
    {
        var entry = Assert.Single(Parse(line));
        Assert.Equal((key, value), (entry.Key, entry.Value));
    }

    [Fact]
    public void Comments_blank_lines_and_continuations_keep_line_numbers()
    {
        var text = "! bang comment\r\n\r\n   # indented comment\n\nadmin=caller,\\\n    role1,\\\r\n    role2\nbob=x\\\\\ncarol=y";
        var entries = Parse(text);
        Assert.Equal(["admin", "bob", "carol"], entries.Select(e => e.Key));
        Assert.Equal("caller,role1,role2", entries[0].Value);
        Assert.Equal(5, entries[0].Location.Line);
        Assert.Equal("x\\", entries[1].Value);
        Assert.Equal(8, entries[1].Location.Line);
        Assert.Equal(9, entries[2].Location.Line);
    }

    [Fact]
    public void A_comment_line_ending_in_a_backslash_does_not_continue()
    {
        var entries = Parse("# comment \\\na=b");
        Assert.Equal("a", Assert.Single(entries).Key);
    }

    [Fact]
    public void A_malformed_unicode_escape_names_file_and_line()
    {
        var error = Assert.Throws<SipSecurityException>(() => Parse("a=b\n\nc=\\u12G4"));
        Assert.Equal("MalformedPropertiesEscape", error.ErrorId);
        Assert.StartsWith("users.properties:3: ", error.Message, StringComparison.Ordinal);
    }
}
