using System.Text;
using SipSecurity.Sip.Messages;
using SipSecurity.Sip.Parsing;
using SipSecurity.Sip.Tests.Vectors;

namespace SipSecurity.Sip.Tests.Parsing;

public class StreamFramingTests
{
    [Theory]
    [MemberData(nameof(Rfc4475Vectors.StreamFramedVectors), MemberType = typeof(Rfc4475Vectors))]
    public void Every_proper_prefix_is_incomplete(Rfc4475Expectation vector)
    {
        var bytes = VectorLocator.Read(vector.File);
        var full = SipParser.Parse(bytes.AsSpan(), SipParseMode.Stream);
        Assert.Equal(SipParseStatus.Complete, full.Status);
        for (var length = 0; length < full.Consumed; length++)
        {
            var result = SipParser.Parse(bytes.AsSpan(0, length), SipParseMode.Stream);
            Assert.True(result.Status == SipParseStatus.Incomplete, $"prefix of {length} bytes");
            Assert.Equal(0, result.Consumed);
        }
    }

    [Theory]
    [MemberData(nameof(Rfc4475Vectors.StreamFramedVectors), MemberType = typeof(Rfc4475Vectors))]
    public void One_byte_per_segment_parses_the_same(Rfc4475Expectation vector)
    {
        var bytes = VectorLocator.Read(vector.File);
        var contiguous = SipParser.Parse(bytes.AsSpan(), SipParseMode.Stream);
        var segmented = SipParser.Parse(SequenceBuilder.OneBytePerSegment(bytes), SipParseMode.Stream);
        Assert.Equal(contiguous.Status, segmented.Status);
        Assert.Equal(contiguous.Consumed, segmented.Consumed);
        MessageAssert.Equivalent(contiguous.Message!, segmented.Message!);

        var datagram = SipParser.Parse(SequenceBuilder.OneBytePerSegment(bytes), SipParseMode.Datagram);
        Assert.Equal(bytes.Length, datagram.Consumed);
    }

    [Fact]
    public void Crlfcrlf_is_a_keepalive_ping()
    {
        var result = SipParser.Parse("\r\n\r\nOPTIONS"u8, SipParseMode.Stream);
        Assert.Equal(SipParseStatus.KeepAlive, result.Status);
        Assert.Equal(4, result.Consumed);
        Assert.Null(result.Message);
    }

    [Fact]
    public void Partial_keepalive_is_incomplete()
    {
        Assert.Equal(SipParseStatus.Incomplete, SipParser.Parse("\r\n"u8, SipParseMode.Stream).Status);
        Assert.Equal(SipParseStatus.Incomplete, SipParser.Parse("\r\n\r"u8, SipParseMode.Stream).Status);
        Assert.Equal(SipParseStatus.Incomplete, SipParser.Parse(ReadOnlySpan<byte>.Empty, SipParseMode.Stream).Status);
    }

    [Fact]
    public void Datagram_of_only_crlf_is_a_keepalive()
    {
        var result = SipParser.Parse("\r\n\r\n"u8, SipParseMode.Datagram);
        Assert.Equal(SipParseStatus.KeepAlive, result.Status);
        Assert.Equal(4, result.Consumed);
    }

    [Fact]
    public void Leading_crlf_before_a_message_is_skipped()
    {
        var bytes = Encoding.ASCII.GetBytes("\r\n" + Samples.Options);
        var result = SipParser.Parse(bytes.AsSpan(), SipParseMode.Stream);
        Assert.Equal(SipParseStatus.Complete, result.Status);
        Assert.Equal(bytes.Length, result.Consumed);
        Assert.Equal("OPTIONS", ((SipRequest)result.Message!).Method);
    }

    [Fact]
    public void Stream_without_content_length_is_rejected()
    {
        var bytes = Encoding.ASCII.GetBytes(Samples.Options.Replace("Content-Length: 0\r\n", string.Empty, StringComparison.Ordinal));
        var e = Assert.Throws<SipParseException>(() => SipParser.Parse(bytes.AsSpan(), SipParseMode.Stream));
        Assert.Equal(SipParseError.MissingContentLength, e.Reason);
        Assert.Equal(SipParseStatus.Complete, SipParser.Parse(bytes.AsSpan(), SipParseMode.Datagram).Status);
    }

    [Fact]
    public void Limits_are_enforced()
    {
        var bytes = Encoding.ASCII.GetBytes(Samples.Options);
        Assert.Equal(SipParseError.MessageTooLarge, Assert.Throws<SipParseException>(() =>
            SipParser.Parse(bytes.AsSpan(), SipParseMode.Datagram, new SipParserOptions { MaxMessageSize = 100 })).Reason);
        Assert.Equal(SipParseError.TooManyHeaders, Assert.Throws<SipParseException>(() =>
            SipParser.Parse(bytes.AsSpan(), SipParseMode.Datagram, new SipParserOptions { MaxHeaderCount = 3 })).Reason);
        Assert.Equal(SipParseError.LineTooLong, Assert.Throws<SipParseException>(() =>
            SipParser.Parse(bytes.AsSpan(), SipParseMode.Datagram, new SipParserOptions { MaxLineLength = 40 })).Reason);

        // A stream that never ends its header section is cut off at the size limit, not buffered forever.
        var endless = Encoding.ASCII.GetBytes("OPTIONS sip:a@b.example SIP/2.0\r\n" + new string('X', 200));
        Assert.Equal(SipParseError.MessageTooLarge, Assert.Throws<SipParseException>(() =>
            SipParser.Parse(endless.AsSpan(), SipParseMode.Stream, new SipParserOptions { MaxMessageSize = 100 })).Reason);
    }

    [Fact]
    public void Garbage_on_a_stream_is_rejected_once_its_first_line_is_there()
    {
        var e = Assert.Throws<SipParseException>(() => SipParser.Parse("GET / HTTP/1.1\r\nHost"u8, SipParseMode.Stream));
        Assert.Equal(SipParseError.InvalidStartLine, e.Reason);
    }

    [Theory]
    [InlineData("OPTIONS sip:a@b.example SIP/2.0\r\nVia SIP/2.0/UDP h\r\n\r\n", SipParseError.InvalidHeaderLine)]
    [InlineData("OPTIONS sip:a@b.example SIP/2.0\r\n folded-first: x\r\n\r\n", SipParseError.InvalidHeaderLine)]
    [InlineData("OPTIONS sip:a@b.example SIP/2.0\r\nBad Name: x\r\n\r\n", SipParseError.InvalidHeaderLine)]
    [InlineData("OPTIONS sip:a@b.example SIP/2.0\r\nX: a\nb\r\n\r\n", SipParseError.InvalidHeaderLine)]
    [InlineData("OPTIONS sip:a@b.example SIP/2.0\r\nl: 1\r\nl: 1\r\n\r\nx", SipParseError.DuplicateContentLength)]
    [InlineData("OPTIONS sip:a@b.example SIP/2.0\r\nl: +1\r\n\r\nx", SipParseError.InvalidContentLength)]
    [InlineData("SIP/2.0 99 Low\r\n\r\n", SipParseError.InvalidStatusCode)]
    [InlineData("SIP/2.0 700 High\r\n\r\n", SipParseError.InvalidStatusCode)]
    [InlineData("SIP/3.0 200 OK\r\n\r\n", SipParseError.UnsupportedVersion)]
    [InlineData("OPT@ONS sip:a@b.example SIP/2.0\r\n\r\n", SipParseError.InvalidMethod)]
    public void Malformed_messages_are_rejected_with_a_reason(string text, SipParseError reason)
    {
        var e = Assert.Throws<SipParseException>(() => SipParser.Parse(Encoding.ASCII.GetBytes(text).AsSpan(), SipParseMode.Datagram));
        Assert.Equal(reason, e.Reason);
    }

    [Fact]
    public void Errors_do_not_echo_input_unless_asked()
    {
        var bytes = "SECRET sip:a@b.example SIP/9.9\r\n\r\n"u8.ToArray();
        var quiet = Assert.Throws<SipParseException>(() => SipParser.Parse(bytes.AsSpan(), SipParseMode.Datagram));
        Assert.DoesNotContain("SECRET", quiet.Message, StringComparison.Ordinal);
        var loud = Assert.Throws<SipParseException>(() => SipParser.Parse(bytes.AsSpan(), SipParseMode.Datagram, new SipParserOptions { IncludeRawInputInErrors = true }));
        Assert.Contains("SECRET", loud.Message, StringComparison.Ordinal);
    }
}
