namespace SipSecurity.Sip.Headers;

/// <summary>A generic parameter, <c>name[=value]</c> (RFC 3261 §25.1 generic-param / uri-parameter). Quoted values keep their quotes.</summary>
/// <param name="Name">The parameter name as received.</param>
/// <param name="Value">The value as received, or null for a flag such as <c>lr</c> or a bare <c>rport</c>.</param>
public readonly record struct SipParameter(string Name, string? Value)
{
    /// <inheritdoc/>
    public override string ToString() => Value is null ? Name : Name + "=" + Value;
}
