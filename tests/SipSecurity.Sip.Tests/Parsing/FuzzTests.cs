using SipSecurity.Sip.Messages;
using SipSecurity.Sip.Parsing;
using SipSecurity.Sip.Tests.Vectors;
using SipSecurity.Sip.Writing;

namespace SipSecurity.Sip.Tests.Parsing;

/// <summary>Random mutations of the vectors: the only exception the parser and accessors may throw is <see cref="SipParseException"/>.</summary>
public class FuzzTests
{
    private static readonly byte[] s_interesting = "\r\n \t:;,<>\"\\@%[]=?/0-"u8.ToArray();

    [Fact]
    public void Mutated_vectors_only_throw_the_parser_exception()
    {
        var random = new Random(4475);
        var vectors = Rfc4475Vectors.All.Select(v => VectorLocator.Read(v.File)).ToArray();
        var outcomes = new int[3];
        for (var i = 0; i < 4000; i++)
        {
            var input = Mutate(vectors[random.Next(vectors.Length)], random);
            foreach (var mode in new[] { SipParseMode.Datagram, SipParseMode.Stream })
            {
                try
                {
                    var result = i % 7 == 0
                        ? SipParser.Parse(SequenceBuilder.OneBytePerSegment(input.Length == 0 ? [0] : input), mode)
                        : SipParser.Parse(input.AsMemory(), mode);
                    outcomes[(int)result.Status]++;
                    if (result.Message is { } message)
                    {
                        Exercise(message);
                    }
                }
                catch (SipParseException)
                {
                }
            }
        }

        // The mutations must reach deep enough for messages to parse, not just fail at the start line.
        Assert.True(outcomes[(int)SipParseStatus.Complete] > 1000, $"only {outcomes[(int)SipParseStatus.Complete]} parsed");
    }

    private static void Exercise(SipMessage message)
    {
        _ = SipMessageValidator.TryValidate(message, out _);
        var written = SipMessageWriter.ToArray(message);
        var reparsed = SipParser.Parse(written.AsSpan(), SipParseMode.Stream, new SipParserOptions { MaxMessageSize = int.MaxValue });
        Assert.Equal(SipParseStatus.Complete, reparsed.Status);
        foreach (var access in Accessors)
        {
            try
            {
                access(message);
            }
            catch (SipParseException)
            {
            }
        }
    }

    private static readonly Action<SipMessage>[] Accessors =
    [
        m => m.GetVias(), m => m.GetFrom(), m => m.GetTo(), m => m.GetCallId(), m => m.GetCSeq(), m => m.GetMaxForwards(),
        m => m.GetContacts(), m => m.GetExpires(), m => m.GetMinExpires(), m => m.GetContentLength(), m => m.GetContentType(),
        m => m.GetRequire(), m => m.GetSupported(), m => m.GetAllow(), m => m.GetAuthorizations(), m => m.GetProxyAuthorizations(),
        m => m.GetWwwAuthenticate(), m => m.GetRoutes(), m => m.GetRecordRoutes(), m => m.GetAccept(),
        m => (m as SipRequest)?.GetRequestUri(),
        m => m.Headers.Select(h => h.GetValue()).ToList(),
    ];

    private static byte[] Mutate(byte[] source, Random random)
    {
        var bytes = source.ToList();
        var count = random.Next(1, 5);
        for (var n = 0; n < count && bytes.Count > 0; n++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes[at] = s_interesting[random.Next(s_interesting.Length)];
                    break;
                case 2:
                    bytes.Insert(at, s_interesting[random.Next(s_interesting.Length)]);
                    break;
                case 3:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 8), bytes.Count - at));
                    break;
                case 4:
                    var length = Math.Min(random.Next(1, 40), bytes.Count - at);
                    bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length));
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
            }
        }

        return [.. bytes];
    }
}
