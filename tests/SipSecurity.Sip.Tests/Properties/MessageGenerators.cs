using FsCheck;
using FsCheck.Fluent;
using SipSecurity.Sip.Messages;
using SipSecurity.Sip.Writing;

namespace SipSecurity.Sip.Tests.Properties;

/// <summary>FsCheck generators for well-formed SIP messages built through the public builders.</summary>
internal static class MessageGenerators
{
    private const string TokenChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~";

    public static Gen<string> Token(int max = 12) =>
        from length in Gen.Choose(1, max)
        from chars in Gen.ArrayOf(Gen.Elements(TokenChars.ToCharArray()), length)
        select new string(chars);

    public static Gen<string> Host =>
        Gen.OneOf(
            from a in Gen.Choose(0, 255)
            from b in Gen.Choose(0, 255)
            select $"192.{a}.{b}.1",
            from label in Gen.Elements("alpha", "b-2", "x")
            from tld in Gen.Elements("com", "example", "net")
            select $"{label}.{tld}",
            Gen.Elements("[2001:db8::1]", "[::1]", "[2001:db8:0:0:1:0:0:1]"));

    public static Gen<string> SipUri =>
        from scheme in Gen.Elements("sip", "sips")
        from user in Gen.OneOf(Gen.Constant(string.Empty), Gen.Elements("alice", "bob%40x", "+1555", "a;b=c").Select(u => u + "@"))
        from host in Host
        from port in Gen.OneOf(Gen.Constant(string.Empty), Gen.Choose(1, 65535).Select(p => ":" + p))
        from param in Gen.Elements(string.Empty, ";lr", ";transport=tcp", ";user=phone;maddr=10.0.0.1")
        select $"{scheme}:{user}{host}{port}{param}";

    public static Gen<string> HeaderValue =>
        Gen.OneOf(
            Token(20),
            from display in Gen.Elements("", "Alice ", "\"Q, \\\"x\\\"\" ")
            from uri in SipUri
            from tag in Token(8)
            select $"{display}<{uri}>;tag={tag}",
            from n in Gen.Choose(0, int.MaxValue)
            select n.ToString(System.Globalization.CultureInfo.InvariantCulture),
            from words in Gen.ListOf(Token(6), 3)
            select string.Join(" , ", words),
            Gen.Constant(string.Empty));

    public static Gen<(string Name, string Value)> Header =>
        // Extension names get an X- prefix so a random token never turns into a known header with a stricter grammar.
        from name in Gen.OneOf(Token(14).Select(t => "X-" + t), Gen.Elements("Subject", "s", "User-Agent", "Organization"))
        from value in HeaderValue
        select (name, value);

    public static Gen<SipMessage> Message =>
        from isRequest in Gen.Elements(true, false)
        from method in Gen.OneOf(Gen.Elements(SipMethods.Invite, SipMethods.Register, SipMethods.Options), Token(10))
        from uri in SipUri
        from status in Gen.Choose(100, 699)
        from reason in Gen.Elements("OK", "", "Not Found", "ok ok ok", "Ünïcödé")
        from branch in Token(10)
        from cseq in Gen.Choose(0, int.MaxValue)
        from headers in Gen.ListOf(Header, 5)
        from body in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), 8)
        select Build(isRequest, method, uri, status, reason, branch, (uint)cseq, headers, body);

    private static SipMessage Build(bool isRequest, string method, string uri, int status, string reason, string branch, uint cseq, IEnumerable<(string Name, string Value)> headers, byte[] body)
    {
        SipMessageBuilder builder = isRequest ? new SipRequestBuilder(method, uri) : new SipResponseBuilder(status, reason);
        builder.AddHeader(SipHeaderId.Via, "SIP/2.0/UDP host.example;branch=z9hG4bK" + branch)
            .AddHeader(SipHeaderId.From, "<" + uri + ">;tag=1")
            .AddHeader(SipHeaderId.To, "<" + uri + ">")
            .AddHeader(SipHeaderId.CallId, branch + "@host")
            .AddHeader(SipHeaderId.CSeq, $"{cseq} {method}");
        foreach (var (name, value) in headers)
        {
            if (SipHeaderNames.Classify(name) is not (SipHeaderId.ContentLength or SipHeaderId.ContentType))
            {
                builder.AddHeader(name, value);
            }
        }

        if (body.Length > 0)
        {
            builder.WithBody("application/octet-stream", body);
        }

        return builder.Build();
    }
}
