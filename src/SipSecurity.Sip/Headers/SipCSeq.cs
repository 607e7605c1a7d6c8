using SipSecurity.Sip.Parsing;

namespace SipSecurity.Sip.Headers;

/// <summary>CSeq = 1*DIGIT LWS Method (RFC 3261 §20.16); the number fits 32 bits unsigned (§8.1.1.5).</summary>
/// <param name="Number">The sequence number.</param>
/// <param name="Method">The method, case-sensitive.</param>
public readonly record struct SipCSeq(uint Number, string Method)
{
    /// <summary>Parses a CSeq value.</summary>
    public static SipCSeq Parse(ReadOnlySpan<byte> value)
    {
        var r = new ValueReader(value, "CSeq");
        var number = r.ReadToken();
        var n = (uint)SipNumbers.ParseDigits(r.Slice(number), uint.MaxValue, "CSeq");
        var method = r.ReadToken();
        r.ExpectEnd();
        return new SipCSeq(n, Messages.SipMethods.FromBytes(r.Slice(method)));
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Number} {Method}";
}
