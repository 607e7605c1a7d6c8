using System.Buffers;
using System.Text;
using SipSecurity.Sip.Messages;
using SipSecurity.Sip.Parsing;
using SipSecurity.Sip.Writing;

namespace SipSecurity.Sip.Tests.Writing;

public class BuilderTests
{
    private static SipRequest Register() => (SipRequest)SipParser.Parse(Encoding.ASCII.GetBytes(Samples.Register).AsSpan(), SipParseMode.Datagram).Message!;

    [Fact]
    public void Response_copies_the_rfc3261_8_2_6_headers_and_adds_a_to_tag()
    {
        var request = (SipRequest)SipParser.Parse(Encoding.ASCII.GetBytes(
            Samples.Register.Replace("Via: SIP/2.0/UDP", "Via: SIP/2.0/UDP proxy.example;branch=z9hG4bKp1\r\nVia: SIP/2.0/UDP", StringComparison.Ordinal)).AsSpan(), SipParseMode.Datagram).Message!;
        var challenge = new SipSecurity.Sip.Headers.SipDigestChallenge { Realm = "biloxi.example.com", Nonce = "n1", Algorithm = "MD5", Qop = "auth" };
        var response = SipResponseBuilder.CreateFor(request, 401, toTag: "abc")
            .AddHeader(SipHeaderId.WwwAuthenticate, challenge.ToString())
            .Build();

        Assert.Equal(401, ((SipResponse)response).StatusCode);
        Assert.Equal("Unauthorized", ((SipResponse)response).ReasonPhrase);
        Assert.Equal(request.GetVias().Select(v => v.Branch), response.GetVias().Select(v => v.Branch));
        Assert.Equal(request.GetFrom()!.Tag, response.GetFrom()!.Tag);
        Assert.Equal("abc", response.GetTo()!.Tag);
        Assert.Equal(request.GetCallId(), response.GetCallId());
        Assert.Equal(request.GetCSeq(), response.GetCSeq());
        Assert.Equal("biloxi.example.com", response.GetWwwAuthenticate().Single().Realm);
        Assert.Equal(0, response.GetContentLength());
        Assert.False(response.Headers.Contains(SipHeaderId.Authorization));
        SipMessageValidator.Validate(response);
    }

    [Fact]
    public void Trying_keeps_to_without_tag_and_copies_timestamp()
    {
        var request = (SipRequest)SipParser.Parse(Encoding.ASCII.GetBytes(Samples.Register.Replace("Expires: 7200", "Timestamp: 54", StringComparison.Ordinal)).AsSpan(), SipParseMode.Datagram).Message!;
        var trying = SipResponseBuilder.CreateFor(request, 100).Build();
        Assert.Null(trying.GetTo()!.Tag);
        Assert.True(trying.Headers.TryGetFirst(SipHeaderId.Timestamp, out var ts));
        Assert.Equal("54", ts.GetValue());
        var ok = SipResponseBuilder.CreateFor(request, 200).Build();
        Assert.NotNull(ok.GetTo()!.Tag);
        Assert.False(ok.Headers.Contains(SipHeaderId.Timestamp));
    }

    [Fact]
    public void Request_builder_with_body()
    {
        var body = Encoding.ASCII.GetBytes("v=0\r\n");
        var request = new SipRequestBuilder(SipMethods.Invite, "sip:bob@biloxi.example.com")
            .AddHeader(SipHeaderId.Via, "SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds")
            .AddHeader(SipHeaderId.MaxForwards, "70")
            .AddHeader(SipHeaderId.To, "Bob <sip:bob@biloxi.example.com>")
            .AddHeader(SipHeaderId.From, "Alice <sip:alice@atlanta.example.com>;tag=1928301774")
            .AddHeader(SipHeaderId.CallId, "a84b4c76e66710@pc33.atlanta.example.com")
            .AddHeader(SipHeaderId.CSeq, "314159 INVITE")
            .WithBody("application/sdp", body);
        var built = ((SipRequestBuilder)request).Build();
        SipMessageValidator.Validate(built);
        Assert.Equal(body, built.Body.ToArray());
        Assert.Equal(5, built.GetContentLength());
        var writer = new ArrayBufferWriter<byte>();
        SipMessageWriter.Write(built, writer);
        Assert.Equal(built.RawBytes.ToArray(), writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Builder_refuses_header_injection()
    {
        var builder = new SipResponseBuilder(200);
        Assert.Throws<ArgumentException>(() => builder.AddHeader("X", "a\r\nVia: evil"));
        Assert.Throws<ArgumentException>(() => builder.AddHeader("Bad Name", "a"));
        Assert.Throws<ArgumentException>(() => builder.AddHeader("Content-Length", "5"));
        Assert.Throws<ArgumentException>(() => new SipRequestBuilder("BAD METHOD", "sip:a@b.example"));
        Assert.Throws<SipParseException>(() => new SipRequestBuilder("OPTIONS", "sip:a b"));
    }

    [Fact]
    public void Digest_fields_of_the_sample_register()
    {
        var auth = Register().GetAuthorization()!;
        Assert.Equal("bob", Encoding.ASCII.GetString(auth.Username.Span));
        Assert.Equal("dcd98b7102dd2f0e8b11d0f600bfb0c093", Encoding.ASCII.GetString(auth.Nonce.Span));
    }
}
