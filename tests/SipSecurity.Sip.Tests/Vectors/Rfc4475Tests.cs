using SipSecurity.Sip.Messages;
using SipSecurity.Sip.Parsing;
using SipSecurity.Sip.Writing;

namespace SipSecurity.Sip.Tests.Vectors;

public class Rfc4475Tests
{
    [Fact]
    public void Expectations_cover_the_manifest_and_every_file()
    {
        var manifest = File.ReadAllLines(Path.Combine(VectorLocator.Root, "manifest.tsv"))
            .Skip(1)
            .Where(l => l.Length > 0)
            .Select(l => l.Split('\t'))
            .ToList();
        Assert.Equal(51, manifest.Count);
        Assert.Equal(manifest.Select(r => r[0]).Order(), Rfc4475Vectors.All.Select(e => e.File).Order());
        foreach (var row in manifest)
        {
            Assert.Equal(row[3], row[0].Split('/')[0] switch { "valid" => "valid", "invalid" => "invalid", "semantic" => "semantic", _ => "unclassified" });
        }

        var onDisk = Directory.GetFiles(VectorLocator.Root, "*.dat", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(VectorLocator.Root, f).Replace('\\', '/'))
            .Order();
        Assert.Equal(onDisk, manifest.Select(r => r[0]).Order());
    }

    [Theory]
    [MemberData(nameof(Rfc4475Vectors.AcceptedVectors), MemberType = typeof(Rfc4475Vectors))]
    public void Accepted_vectors_parse_validate_and_round_trip(Rfc4475Expectation vector)
    {
        var bytes = VectorLocator.Read(vector.File);
        var result = SipParser.Parse(bytes.AsMemory(), SipParseMode.Datagram);

        Assert.Equal(SipParseStatus.Complete, result.Status);
        Assert.Equal(bytes.Length, result.Consumed);
        var message = result.Message!;
        SipMessageValidator.Validate(message);

        var written = SipMessageWriter.ToArray(message);
        var reparsed = SipParser.Parse(written.AsSpan(), SipParseMode.Stream);
        Assert.Equal(SipParseStatus.Complete, reparsed.Status);
        Assert.Equal(written.Length, reparsed.Consumed);
        MessageAssert.Equivalent(message, reparsed.Message!);
    }

    [Theory]
    [MemberData(nameof(Rfc4475Vectors.ParseErrorVectors), MemberType = typeof(Rfc4475Vectors))]
    public void Parse_error_vectors_are_rejected_by_the_parser(Rfc4475Expectation vector)
    {
        var bytes = VectorLocator.Read(vector.File);
        var e = Assert.Throws<SipParseException>(() => SipParser.Parse(bytes.AsSpan(), SipParseMode.Datagram));
        Assert.Equal(vector.Reason, e.Reason);
        if (vector.ServerStatus is { } status)
        {
            Assert.Equal(status, e.SuggestedStatusCode);
        }
    }

    [Theory]
    [MemberData(nameof(Rfc4475Vectors.ValidationErrorVectors), MemberType = typeof(Rfc4475Vectors))]
    public void Validation_error_vectors_parse_but_fail_validation(Rfc4475Expectation vector)
    {
        var message = SipParser.Parse(VectorLocator.Read(vector.File).AsSpan(), SipParseMode.Datagram).Message!;
        var e = Assert.Throws<SipParseException>(() => SipMessageValidator.Validate(message));
        Assert.Equal(vector.Reason, e.Reason);
        if (vector.ServerStatus is { } status)
        {
            Assert.Equal(status, e.SuggestedStatusCode);
        }
        else
        {
            // Only responses are dropped instead of answered.
            Assert.False(message.IsRequest);
        }
    }

    [Fact]
    public void Clerr_on_a_stream_waits_for_more_bytes()
    {
        var result = SipParser.Parse(VectorLocator.Read("invalid/clerr.dat").AsSpan(), SipParseMode.Stream);
        Assert.Equal(SipParseStatus.Incomplete, result.Status);
    }

    [Fact]
    public void Sipsorcery_baddn_variant_on_a_stream_waits_for_more_bytes()
    {
        var result = SipParser.Parse(VectorLocator.Read("unclassified/baddn.sipsorcery-variant.dat").AsSpan(), SipParseMode.Stream);
        Assert.Equal(SipParseStatus.Incomplete, result.Status);
    }

    [Fact]
    public void Server_status_helper_exposes_expected_answers()
    {
        Assert.Equal(416, Rfc4475Vectors.ExpectedServerStatus("semantic/unkscm.dat"));
        Assert.Equal(420, Rfc4475Vectors.ExpectedServerStatus("semantic/bext01.dat"));
        Assert.Null(Rfc4475Vectors.ExpectedServerStatus("semantic/bcast.dat"));
    }
}
