namespace SipSecurity.Server.Security.Auth;

/// <summary>What the server does with a request after <see cref="SipSecurityEngine.Evaluate"/>.</summary>
public enum SipSecurityOutcome
{
    /// <summary>Dispatch the request to its servlet.</summary>
    Allowed,

    /// <summary>Send <see cref="SipSecurityDecision.Response"/>: a 401 or 407 with one challenge per algorithm.</summary>
    Challenge,

    /// <summary>Send <see cref="SipSecurityDecision.Response"/>: a 403.</summary>
    Forbidden,

    /// <summary>Send nothing: the source is blocked after repeated failures.</summary>
    Dropped,
}
