using System.Buffers.Text;
using System.Text;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Hosting;
using SipSecurity.Server.Security.Digest;
using SipSecurity.Server.Store;
using SipSecurity.Server.Transport;
using SipSecurity.Sip.Headers;
using SipSecurity.Sip.Messages;
using SipSecurity.Sip.Parsing;

namespace SipSecurity.Server.Security.Auth;

public sealed partial class SipSecurityEngine
{
    // Hashed in place of a missing A1 so that an unknown user costs what a wrong password costs.
    private static readonly string DummyA1Short = new('0', DigestHash.HexLength(DigestAlgorithm.MD5));
    private static readonly string DummyA1Long = new('0', DigestHash.HexLength(DigestAlgorithm.SHA256));

    private enum DigestCheck
    {
        Success,
        Stale,
        Failure,
    }

    private SipSecurityDecision EvaluateDigest(SipRequest request, SipInboundContext source, UInt128 sourceKey, SipSecurityRequirement requirement,
        SipSecurityPolicy policy, SipServerSettings settings, DateTimeOffset now)
    {
        var proxy = requirement.ProxyAuthentication;

        // RFC 3261 §22.3: scan every Authorization / Proxy-Authorization value for the one with our realm.
        var credentials = FindOurs(request, proxy ? SipHeaderId.ProxyAuthorization : SipHeaderId.Authorization, policy.RealmBytes, out var malformed);
        if (credentials is null)
        {
            return malformed
                ? Fail(request, source, sourceKey, null, SipAuthFailure.MalformedCredentials, policy, proxy, settings, now)
                : Challenge(request, policy, proxy, stale: false, now, TimeSpan.Zero);
        }

        var userName = Encoding.UTF8.GetString(credentials.Username.Span);
        if (userName.Length > 0 && _throttle.IsUserBlocked(userName, now))
        {
            // The same for every name, existing or not: a block reveals nothing about the store.
            return Forbid(request, source, userName, "Too Many Failures", "user name blocked after repeated failures");
        }

        var check = Verify(request, source, credentials, userName, policy, settings, now, out var user, out var failure);
        switch (check)
        {
            case DigestCheck.Stale:
                // RFC 7616 §3.3: right credentials, expired nonce: challenge again with stale=true.
                return Challenge(request, policy, proxy, stale: true, now, TimeSpan.Zero);
            case DigestCheck.Failure:
                return Fail(request, source, sourceKey, userName, failure, policy, proxy, settings, now);
            default:
                break;
        }

        _throttle.ClearUser(userName);
        if (!requirement.IsAuthorized(user!.Roles))
        {
            return Forbid(request, source, user.Name, "Role Required", "the user holds none of the roles a covering constraint requires");
        }

        if (_log.IsEnabled(SipLogLevel.Debug))
        {
            _log.Write(SipLogLevel.Debug, "Authenticated", $"authenticated user \"{SipSecurityLog.SanitizeUser(user.Name)}\"", ("method", request.Method));
        }

        return new SipSecurityDecision(SipSecurityOutcome.Allowed, null, user.Name, user.Roles, TimeSpan.Zero);
    }

    /// <summary>
    /// The digest credentials for our realm. A value that does not parse (another scheme's syntax, a repeated
    /// parameter) cannot be ours by realm; it is skipped, and reported only when nothing of ours is found.
    /// </summary>
    private static SipCredentials? FindOurs(SipRequest request, SipHeaderId header, byte[] realm, out bool malformed)
    {
        malformed = false;
        foreach (var field in request.Headers.GetAll(header))
        {
            SipCredentials credentials;
            try
            {
                credentials = SipCredentials.Parse(field.Value, SipHeaderNames.GetName(header));
            }
            catch (SipParseException)
            {
                malformed = true;
                continue;
            }

            if (credentials.IsDigest && credentials.Realm.Span.SequenceEqual(realm))
            {
                return credentials;
            }
        }

        return null;
    }

    private DigestCheck Verify(SipRequest request, SipInboundContext source, SipCredentials credentials, string userName, SipSecurityPolicy policy, SipServerSettings settings,
        DateTimeOffset now, out StoredUser? user, out SipAuthFailure failure)
    {
        user = null;
        failure = default;
        DigestCheck Fails(SipAuthFailure reason, out SipAuthFailure into)
        {
            into = reason;
            return DigestCheck.Failure;
        }

        if (credentials.UserHash)
        {
            // We never offer userhash (RFC 7616 §3.4.4).
            return Fails(SipAuthFailure.UserHashUnsupported, out failure);
        }

        if (userName.Length == 0)
        {
            return Fails(SipAuthFailure.NoUserName, out failure);
        }

        // Absent algorithm means MD5 (RFC 2617 §3.2.1). Only an enabled one is accepted: never downgrade.
        var algorithm = DigestAlgorithm.MD5;
        if (!credentials.Algorithm.IsEmpty && !TryParseAlgorithm(credentials.Algorithm.Span, out algorithm))
        {
            return Fails(SipAuthFailure.UnsupportedAlgorithm, out failure);
        }

        if (!Contains(policy.Algorithms, algorithm))
        {
            return Fails(SipAuthFailure.UnsupportedAlgorithm, out failure);
        }

        // We always offer qop="auth", so the RFC 2069 form (no qop, no nc) is refused: without nc there is no replay
        // protection, and RFC 2617 §3.2.2 already obliges a client answering a qop challenge to send qop.
        if (!Ascii.EqualsIgnoreCase(credentials.Qop.Span, "auth"u8))
        {
            return Fails(SipAuthFailure.QopRequired, out failure);
        }

        if (!TryParseNonceCount(credentials.NonceCount.Span, out var nonceCount) || credentials.CNonce.IsEmpty
            || !DigestHash.IsHexHash(algorithm, Encoding.ASCII.GetString(credentials.Response.Span)))
        {
            return Fails(SipAuthFailure.MalformedCredentials, out failure);
        }

        // RFC 2617 §3.2.2.5: the digest-uri should name this request's target, or a response for another
        // request could be replayed here (nonce-count tracking already makes any response single-use).
        if (!SipDigestUri.Matches(credentials.Uri.Span, request))
        {
            return Fails(SipAuthFailure.UriMismatch, out failure);
        }

        var nonceStatus = _nonces.Check(credentials.Nonce.Span, now, settings.NonceLifetime, out var nonceId, out var issuedMs);
        if (nonceStatus == NonceStatus.Invalid)
        {
            return Fails(SipAuthFailure.InvalidNonce, out failure);
        }

        user = _users.FindUser(userName);
        string? a1 = null;
        SipAuthFailure? userProblem = null;
        if (user is null)
        {
            userProblem = SipAuthFailure.UnknownUser;
        }
        else if (!user.Enabled)
        {
            userProblem = SipAuthFailure.UserDisabled;
        }
        else if (!string.Equals(user.Realm, policy.Login.Realm, StringComparison.Ordinal))
        {
            // The stored A1 hashes another realm: it cannot match, and must not be tried against this one.
            userProblem = SipAuthFailure.RealmMismatch;
        }
        else if (!user.A1.TryGetValue(algorithm, out a1) || !DigestHash.IsHexHash(algorithm, a1))
        {
            userProblem = SipAuthFailure.NoHashForAlgorithm;
        }

        // Hash even without a usable A1, so that timing does not tell an unknown user from a wrong password.
        var ha1 = userProblem is null ? a1!.ToLowerInvariant() : algorithm == DigestAlgorithm.MD5 ? DummyA1Short : DummyA1Long;
        // RFC 2617 §3.2.2.3: A2 is over the digest-uri the client hashed (checked against the request above).
        var ha2 = DigestHash.ComputeA2(algorithm, request.Method, Encoding.UTF8.GetString(credentials.Uri.Span));
        var expected = DigestHash.ComputeResponse(algorithm, ha1,
            Encoding.UTF8.GetString(credentials.Nonce.Span),
            Encoding.ASCII.GetString(credentials.NonceCount.Span),
            Encoding.UTF8.GetString(credentials.CNonce.Span),
            Encoding.ASCII.GetString(credentials.Qop.Span),
            ha2);
        var matches = FixedTimeEqualsHex(expected, credentials.Response.Span);
        if (userProblem is { } problem)
        {
            return Fails(problem, out failure);
        }

        if (!matches)
        {
            return Fails(SipAuthFailure.WrongPassword, out failure);
        }

        if (nonceStatus == NonceStatus.Stale)
        {
            return DigestCheck.Stale;
        }

        switch (_nonceCounts.TryAccept(DigestNonceService.SequenceOf(nonceId), _nonces.Newest, nonceCount))
        {
            case NonceCountResult.Replay:
                return Fails(SipAuthFailure.NonceCountReplay, out failure);
            case NonceCountResult.Full:
                // The nonce is older than the tracker's window: send the client to a fresh one.
                return DigestCheck.Stale;
            default:
                return DigestCheck.Success;
        }
    }

    private SipSecurityDecision Fail(SipRequest request, SipInboundContext source, UInt128 sourceKey, string? userName, SipAuthFailure failure,
        SipSecurityPolicy policy, bool proxy, SipServerSettings settings, DateTimeOffset now)
    {
        Interlocked.Increment(ref _counters.AuthenticationFailures);
        var address = SourceAddress.Display(source.RemoteEndPoint.Address);
        var user = SipSecurityLog.SanitizeUser(userName);
        var reason = failure.ToText();
        if (_log.IsEnabled(SipLogLevel.Warning))
        {
            _log.Write(SipLogLevel.Warning, SipSecurityLog.AuthenticationFailed, SipSecurityLog.FailureMessage(address, user, reason),
                ("source", address), ("user", user), ("reason", reason));
        }

        var verdict = _throttle.RecordFailure(sourceKey, userName, now, settings);
        if (verdict.UserBlockedNow && _log.IsEnabled(SipLogLevel.Warning))
        {
            _log.Write(SipLogLevel.Warning, SipSecurityLog.UserBlocked, SipSecurityLog.UserBlockedMessage(user, settings.BlockDuration, verdict.UserFailures),
                ("user", user), ("source", address));
        }

        if (verdict.SourceBlockedNow)
        {
            if (_log.IsEnabled(SipLogLevel.Warning))
            {
                _log.Write(SipLogLevel.Warning, SipSecurityLog.SourceBlocked, SipSecurityLog.SourceBlockedMessage(address, settings.BlockDuration, verdict.SourceFailures),
                    ("source", address));
            }

            return SipSecurityDecision.Drop;
        }

        // The same answer whatever the reason: a fresh challenge, so nothing tells an unknown user from a wrong password.
        return Challenge(request, policy, proxy, stale: false, now, verdict.Slow ? settings.FailureDelay : TimeSpan.Zero);
    }

    private static bool TryParseAlgorithm(ReadOnlySpan<byte> token, out DigestAlgorithm algorithm)
    {
        Span<char> chars = stackalloc char[16];
        if (token.Length > chars.Length || !Ascii.IsValid(token))
        {
            algorithm = default;
            return false;
        }

        var written = Encoding.ASCII.GetChars(token, chars);
        return DigestAlgorithmNames.TryParse(chars[..written], out algorithm);
    }

    private static bool Contains(IReadOnlyList<DigestAlgorithm> algorithms, DigestAlgorithm algorithm)
    {
        for (var i = 0; i < algorithms.Count; i++)
        {
            if (algorithms[i] == algorithm)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>nc is exactly 8 hex digits (RFC 7616 §3.4) and never zero.</summary>
    private static bool TryParseNonceCount(ReadOnlySpan<byte> text, out uint value)
    {
        value = 0;
        if (text.Length != 8)
        {
            return false;
        }

        foreach (var b in text)
        {
            var digit = HexConverter(b);
            if (digit < 0)
            {
                return false;
            }

            value = (value << 4) | (uint)digit;
        }

        return value != 0;
    }

    private static int HexConverter(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private static bool FixedTimeEqualsHex(string expected, ReadOnlySpan<byte> actual)
    {
        if (actual.Length != expected.Length)
        {
            return false;
        }

        Span<char> chars = stackalloc char[actual.Length];
        for (var i = 0; i < actual.Length; i++)
        {
            chars[i] = (char)actual[i];
        }

        return DigestHash.FixedTimeEqualsHex(expected, chars);
    }
}
