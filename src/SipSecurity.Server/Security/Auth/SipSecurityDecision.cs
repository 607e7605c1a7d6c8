using SipSecurity.Sip.Messages;

namespace SipSecurity.Server.Security.Auth;

/// <summary>The security engine's answer for one request.</summary>
public sealed class SipSecurityDecision
{
    internal static readonly SipSecurityDecision Anonymous = new(SipSecurityOutcome.Allowed, null, null, [], TimeSpan.Zero);
    internal static readonly SipSecurityDecision Drop = new(SipSecurityOutcome.Dropped, null, null, [], TimeSpan.Zero);

    internal SipSecurityDecision(SipSecurityOutcome outcome, SipResponse? response, string? userName, IReadOnlyList<string> roles, TimeSpan delay)
    {
        Outcome = outcome;
        Response = response;
        UserName = userName;
        Roles = roles;
        Delay = delay;
    }

    public SipSecurityOutcome Outcome { get; }

    /// <summary>The response to send for <see cref="SipSecurityOutcome.Challenge"/> and <see cref="SipSecurityOutcome.Forbidden"/>; otherwise null.</summary>
    public SipResponse? Response { get; }

    /// <summary>The authenticated user (the store's spelling) when <see cref="SipSecurityOutcome.Allowed"/> after authentication; null for requests no constraint covers.</summary>
    public string? UserName { get; }

    /// <summary>The authenticated user's roles; empty otherwise.</summary>
    public IReadOnlyList<string> Roles { get; }

    /// <summary>Send <see cref="Response"/> this much later: failures are slowed after repeated attempts.</summary>
    public TimeSpan Delay { get; }

    /// <summary>The status code of <see cref="Response"/>, or 0.</summary>
    public int StatusCode => Response?.StatusCode ?? 0;

    public override string ToString() => Response is null ? $"{Outcome} {UserName}".TrimEnd() : $"{Outcome} {Response.StatusCode} {Response.ReasonPhrase}";
}
