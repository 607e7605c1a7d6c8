using System.Text;
using SipSecurity.Sip.Messages;
using SipSecurity.Sip.Parsing;
using SipSecurity.Sip.Uri;

namespace SipSecurity.Sip.Tests.Vectors;

public class Rfc4475DetailTests
{
    private static SipMessage Parse(string file) => SipParser.Parse(VectorLocator.Read(file).AsMemory(), SipParseMode.Datagram).Message!;

    [Fact]
    public void Wsinv_unfolds_and_reads_every_header()
    {
        var m = (SipRequest)Parse("valid/wsinv.dat");
        Assert.Equal(SipMethods.Invite, m.Method);
        Assert.Equal(68, m.GetMaxForwards());
        Assert.Equal(new SipSecurity.Sip.Headers.SipCSeq(9, "INVITE"), m.GetCSeq());
        Assert.Equal("1918181833n", m.GetTo()!.Tag);
        Assert.Equal("J Rosenberg \\\"", m.GetFrom()!.DisplayName);
        Assert.Equal("98asjd8", m.GetFrom()!.Tag);
        var vias = m.GetVias();
        Assert.Equal(["UDP", "TCP", "UDP"], vias.Select(v => v.Transport));
        Assert.Equal(["192.0.2.2", "spindle.example.com", "192.168.255.111"], vias.Select(v => v.Host));
        Assert.Equal("z9hG4bK30239", vias[2].Branch);
        var contact = Assert.Single(m.GetContacts());
        Assert.Equal("Quoted string \"\"", contact.Address!.DisplayName);
        Assert.Equal(0.33, contact.Q);
        Assert.Equal("newvalue", contact.Parameters.Single(p => p.Name == "newparam").Value);
        Assert.True(m.GetRoutes().Single().Uri.IsLooseRouting);
        Assert.True(m.Headers.TryGetFirst("NewFangledHeader", out var h));
        Assert.Equal("newfangled value continued newfangled value", h.GetValue());
        Assert.Equal(150, m.Body.Length);
        Assert.Equal("application/sdp", m.GetContentType()!.MediaType);
        Assert.True(m.Headers.TryGetFirst("Subject", out var subject));
        Assert.Equal(0, subject.Value.Length);
    }

    [Fact]
    public void Intmeth_keeps_unusual_method_and_uri()
    {
        var m = (SipRequest)Parse("valid/intmeth.dat");
        Assert.Equal("!interesting-Method0123456789_*+`.%indeed'~", m.Method);
        var uri = m.GetRequestUri();
        Assert.Equal("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", uri.User);
        Assert.Equal("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)", uri.Password);
        Assert.Equal("example.com", uri.Host);
        Assert.Equal("BEL:\a NUL:\0 DEL:\u007f", m.GetTo()!.DisplayName);
        Assert.Equal("_token~1'+`*%!-.", m.GetFrom()!.Tag);
        Assert.Equal(m.Method, m.GetCSeq()!.Value.Method);
    }

    [Fact]
    public void Escapes_are_decoded_for_comparison_only()
    {
        var m = (SipRequest)Parse("valid/esc01.dat");
        Assert.Equal("sips:user@example.com", m.GetRequestUri().UnescapedUser);
        Assert.Equal(SipUri.Parse("sip:user@example.com"), m.GetTo()!.Uri);
        var contact = m.GetContacts().Single().Address!.Uri;
        Assert.Equal("%6C%72", contact.Parameters[0].Name);
    }

    [Fact]
    public void Esc02_method_is_not_register_and_escaped_header_name_is_not_contact()
    {
        var m = (SipRequest)Parse("valid/esc02.dat");
        Assert.Equal("RE%47IST%45R", m.Method);
        Assert.Equal(2, m.GetContacts().Count);
        Assert.True(m.Headers.TryGetFirst("C%6Fntact", out _));
    }

    [Fact]
    public void Semiuri_user_part_contains_semicolon()
    {
        var uri = ((SipRequest)Parse("valid/semiuri.dat")).GetRequestUri();
        Assert.Equal("user;par=u%40example.net", uri.User);
        Assert.Equal("example.com", uri.Host);
        Assert.Empty(uri.Parameters);
    }

    [Fact]
    public void Dblreq_datagram_ignores_trailing_octets()
    {
        var bytes = VectorLocator.Read("valid/dblreq.dat");
        var result = SipParser.Parse(bytes.AsSpan(), SipParseMode.Datagram);
        var m = (SipRequest)result.Message!;
        Assert.Equal(SipMethods.Register, m.Method);
        Assert.Equal(0, m.Body.Length);
        Assert.Equal(bytes.Length, result.Consumed);
    }

    [Fact]
    public void Dblreq_stream_yields_two_messages()
    {
        var bytes = VectorLocator.Read("valid/dblreq.dat");
        var first = SipParser.Parse(bytes.AsMemory(), SipParseMode.Stream);
        Assert.Equal(SipMethods.Register, ((SipRequest)first.Message!).Method);
        var second = SipParser.Parse(bytes.AsMemory((int)first.Consumed), SipParseMode.Stream);
        Assert.Equal(SipParseStatus.Complete, second.Status);
        Assert.Equal(SipMethods.Invite, ((SipRequest)second.Message!).Method);
        Assert.Equal(150, second.Message!.Body.Length);
    }

    [Fact]
    public void Mpart01_body_is_kept_byte_exact()
    {
        var bytes = VectorLocator.Read("valid/mpart01.dat");
        var m = Parse("valid/mpart01.dat");
        Assert.Equal(m.GetContentLength(), m.Body.Length);
        Assert.True(bytes.AsSpan().EndsWith(m.Body.Span));
    }

    [Fact]
    public void Reason_phrases_may_be_utf8_or_empty()
    {
        Assert.StartsWith("= 2**3 * 5**2 но", ((SipResponse)Parse("valid/unreason.dat")).ReasonPhrase, StringComparison.Ordinal);
        var noReason = (SipResponse)Parse("valid/noreason.dat");
        Assert.Equal(100, noReason.StatusCode);
        Assert.Equal(string.Empty, noReason.ReasonPhrase);
    }

    [Fact]
    public void Transports_keeps_unknown_transport()
    {
        var vias = Parse("valid/transports.dat").GetVias();
        Assert.Equal(["UDP", "SCTP", "TLS", "UNKNOWN", "TCP"], vias.Select(v => v.Transport));
    }

    [Fact]
    public void Unknown_schemes_are_opaque()
    {
        var m = (SipRequest)Parse("semantic/unkscm.dat");
        var uri = m.GetRequestUri();
        Assert.Equal(SipUriScheme.Other, uri.Scheme);
        Assert.Equal("nobodyknowsthisscheme", uri.SchemeName);
        Assert.Equal("totallyopaquecontent", uri.Opaque);

        var unksm2 = Parse("semantic/unksm2.dat");
        Assert.Equal("isbn", unksm2.GetTo()!.Uri.SchemeName);
        Assert.Equal("http", unksm2.GetFrom()!.Uri.SchemeName);
        Assert.Equal("name", unksm2.GetContacts().Single().Address!.Uri.SchemeName);
    }

    [Fact]
    public void Semantic_vectors_expose_what_the_server_decides_on()
    {
        var bext = Parse("semantic/bext01.dat");
        Assert.Equal(["nothingSupportsThis", "nothingSupportsThisEither"], bext.GetRequire());
        Assert.Equal(2, bext.GetProxyRequire().Count);
        Assert.Equal("application/unknownformat", Parse("semantic/invut.dat").GetContentType()!.MediaType);
        var auth = Parse("semantic/regaut01.dat").GetAuthorization()!;
        Assert.False(auth.IsDigest);
        Assert.Equal("NoOneKnowsThisScheme", auth.Scheme);
        Assert.Equal("here", Encoding.ASCII.GetString(auth.GetParameter("opaque-data")!.Value.Span));
        Assert.Equal(0, Parse("semantic/zeromf.dat").GetMaxForwards());
        Assert.Equal("255.255.255.255", Parse("semantic/bcast.dat").GetVias()[1].Host);
        Assert.False(Parse("semantic/badbranch.dat").GetTopVia()!.HasRfc3261Branch);
        Assert.Equal("text/nobodyknowsthis", Parse("semantic/sdp01.dat").GetAccept().Single().MediaType);
        var regescrt = Parse("semantic/regescrt.dat").GetContacts().Single().Address!.Uri;
        Assert.Equal("Route", regescrt.Headers.Single().Name);
        var cparam01 = Parse("semantic/cparam01.dat").GetContacts().Single();
        Assert.Empty(cparam01.Address!.Uri.Parameters);
        Assert.Equal("unknownparam", cparam01.Parameters.Single().Name);
        var cparam02 = Parse("semantic/cparam02.dat").GetContacts().Single();
        Assert.Equal("unknownparam", cparam02.Address!.Uri.Parameters.Single().Name);
        Assert.Empty(cparam02.Parameters);
        var inv2543 = Parse("semantic/inv2543.dat");
        Assert.Null(inv2543.GetMaxForwards());
        Assert.Null(inv2543.GetTopVia()!.Branch);
    }
}
