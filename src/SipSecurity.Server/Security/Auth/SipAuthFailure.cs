namespace SipSecurity.Server.Security.Auth;

/// <summary>Why an authentication attempt failed. Only the log sees this; the client gets the same 401/407 for all.</summary>
internal enum SipAuthFailure
{
    MalformedCredentials,
    NoUserName,
    UserHashUnsupported,
    UnsupportedAlgorithm,
    QopRequired,
    UriMismatch,
    InvalidNonce,
    UnknownUser,
    UserDisabled,
    RealmMismatch,
    NoHashForAlgorithm,
    WrongPassword,
    NonceCountReplay,
}

internal static class SipAuthFailureText
{
    /// <summary>The reason as it appears in the log line: lowercase words, no secrets.</summary>
    public static string ToText(this SipAuthFailure failure) => failure switch
    {
        SipAuthFailure.MalformedCredentials => "malformed credentials",
        SipAuthFailure.NoUserName => "no user name",
        SipAuthFailure.UserHashUnsupported => "userhash not supported",
        SipAuthFailure.UnsupportedAlgorithm => "algorithm not enabled",
        SipAuthFailure.QopRequired => "qop=auth required",
        SipAuthFailure.UriMismatch => "uri does not match the request-uri",
        SipAuthFailure.InvalidNonce => "invalid nonce",
        SipAuthFailure.UnknownUser => "unknown user",
        SipAuthFailure.UserDisabled => "user disabled",
        SipAuthFailure.RealmMismatch => "password set for another realm",
        SipAuthFailure.NoHashForAlgorithm => "no password hash for the algorithm",
        SipAuthFailure.WrongPassword => "wrong password",
        SipAuthFailure.NonceCountReplay => "nonce count replayed",
        _ => "unknown",
    };
}
