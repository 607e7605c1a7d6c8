namespace SipSecurity.Server.Configuration;

/// <summary>What a servlet does with the requests mapped to it.</summary>
public enum SipServletKind
{
    Registrar,
    Proxy,
}

/// <summary>A servlet and the SIP methods mapped to it. The method "*" maps every method no other servlet names.</summary>
public sealed record SipServlet(string Name, SipServletKind Kind, IReadOnlyList<string> Methods)
{
    public const string AnyMethod = "*";
}
