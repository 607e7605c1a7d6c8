using SipSecurity.Server.Configuration;
using SipSecurity.Server.Hosting;
using SipSecurity.Server.Security.Digest;
using SipSecurity.Server.Transport;
using SipSecurity.Sip.Headers;
using SipSecurity.Sip.Messages;
using SipSecurity.Sip.Writing;

namespace SipSecurity.Server.Security.Auth;

/// <summary>
/// Decides, for each request, whether it may reach its servlet: security constraints, digest authentication
/// (RFC 3261 §22, RFC 7616, RFC 8760), role checks and throttling of repeated failures. Thread-safe; one instance
/// serves every receive loop. Per-request state lives in lock-free tables; nothing global is locked.
/// </summary>
public sealed partial class SipSecurityEngine
{
    private readonly ISipUserDirectory _users;
    private readonly ISipServerLog _log;
    private readonly SipServerCounters _counters;
    private readonly TimeProvider _time;
    private readonly DigestNonceService _nonces;
    private readonly NonceCountTracker _nonceCounts;
    private readonly FailureThrottle _throttle;

    /// <param name="users">User lookup (the server's cached view of the store).</param>
    /// <param name="log">Receives AuthenticationFailed, SourceBlocked and the other <see cref="SipSecurityLog"/> events.</param>
    /// <param name="counters">Challenges, AuthenticationFailures and BlockedSources are updated here.</param>
    /// <param name="time">The clock; null for the system clock.</param>
    /// <param name="nonceKey">The HMAC key of nonces (at least 16 bytes); null for a random per-process key. Several nodes behind one address share it.</param>
    public SipSecurityEngine(ISipUserDirectory users, ISipServerLog log, SipServerCounters counters, TimeProvider? time = null, byte[]? nonceKey = null)
        : this(users, log, counters, time, nonceKey, NonceCountTracker.DefaultCapacity, FailureThrottle.DefaultCapacity)
    {
    }

    internal SipSecurityEngine(ISipUserDirectory users, ISipServerLog log, SipServerCounters counters, TimeProvider? time, byte[]? nonceKey, int nonceCapacity, int throttleCapacity)
    {
        _users = users ?? throw new ArgumentNullException(nameof(users));
        _log = log ?? throw new ArgumentNullException(nameof(log));
        _counters = counters ?? throw new ArgumentNullException(nameof(counters));
        _time = time ?? TimeProvider.System;
        _nonces = new DigestNonceService(nonceKey);
        _nonceCounts = new NonceCountTracker(nonceCapacity);
        _throttle = new FailureThrottle(throttleCapacity, delta => Interlocked.Add(ref _counters.BlockedSources, delta));
    }

    /// <summary>Sources and user names blocked now.</summary>
    public int BlockedCount => _throttle.BlockedCount(_time.GetUtcNow());

    internal NonceCountTracker NonceCounts => _nonceCounts;

    internal FailureThrottle Throttle => _throttle;

    /// <summary>
    /// Decides what happens to <paramref name="request"/>, received from <paramref name="source"/> and mapped to
    /// <paramref name="servletName"/>. Never throws for anything the client sent.
    /// </summary>
    public SipSecurityDecision Evaluate(SipRequest request, SipInboundContext source, string servletName, SipSecurityPolicy policy, SipServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(servletName);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(settings);

        var now = _time.GetUtcNow();
        var sourceKey = SourceAddress.Key(source.RemoteEndPoint.Address);

        // A blocked source gets nothing at all, for any request: no answer, no digest work.
        if (_throttle.IsSourceBlocked(sourceKey, now))
        {
            return SipSecurityDecision.Drop;
        }

        var requirement = policy.GetRequirement(servletName, request.Method);
        if (!requirement.IsProtected)
        {
            return SipSecurityDecision.Anonymous;
        }

        if (requirement.DenyAll)
        {
            return Forbid(request, source, null, "Access Denied", "a covering constraint admits no role");
        }

        // No point authenticating over plaintext: refuse before any challenge.
        if (requirement.Confidential && !source.IsSecure)
        {
            return Forbid(request, source, null, "Confidential Transport Required", "the constraint requires TLS");
        }

        if (policy.Login.AuthMethod == SipAuthMethod.ClientCert)
        {
            return EvaluateClientCertificate(request, source, requirement);
        }

        return EvaluateDigest(request, source, sourceKey, requirement, policy, settings, now);
    }

    /// <summary>
    /// CLIENT-CERT (sip.xml auth-method, Servlet 3.0 §13.6.4): the TLS client certificate, already verified against
    /// the truststore by the transport, names the user by its subject's common name. Roles apply as with digest. No
    /// certificate, an unmapped one, or a disabled user is refused with 403: there is nothing a challenge could fix.
    /// </summary>
    private SipSecurityDecision EvaluateClientCertificate(SipRequest request, SipInboundContext source, SipSecurityRequirement requirement)
    {
        if (source.PeerCertificate is not { } certificate)
        {
            return Forbid(request, source, null, "Client Certificate Required", "auth method ClientCert and no verified client certificate");
        }

        var name = ClientCertificateUser.NameOf(certificate);
        var user = name is null ? null : _users.FindUser(name);
        if (user is null || !user.Enabled)
        {
            return Forbid(request, source, name, "Certificate Not Mapped", user is null ? "no user matches the certificate's common name" : "user disabled");
        }

        if (!requirement.IsAuthorized(user.Roles))
        {
            return Forbid(request, source, user.Name, "Role Required", "the user holds none of the roles a covering constraint requires");
        }

        return new SipSecurityDecision(SipSecurityOutcome.Allowed, null, user.Name, user.Roles, TimeSpan.Zero);
    }

    private SipSecurityDecision Forbid(SipRequest request, SipInboundContext source, string? userName, string reasonPhrase, string why)
    {
        if (_log.IsEnabled(SipLogLevel.Information))
        {
            var address = SourceAddress.Display(source.RemoteEndPoint.Address);
            var user = SipSecurityLog.SanitizeUser(userName);
            _log.Write(SipLogLevel.Information, userName is null ? SipSecurityLog.RequestForbidden : SipSecurityLog.AuthorizationDenied,
                $"{request.Method} from {address} for user \"{user}\" forbidden: {why}", ("source", address), ("user", user), ("reason", why));
        }

        var response = SipResponseBuilder.CreateFor(request, 403, reasonPhrase).Build();
        return new SipSecurityDecision(SipSecurityOutcome.Forbidden, response, null, [], TimeSpan.Zero);
    }

    private SipSecurityDecision Challenge(SipRequest request, SipSecurityPolicy policy, bool proxy, bool stale, DateTimeOffset now, TimeSpan delay)
    {
        Interlocked.Increment(ref _counters.Challenges);

        // RFC 3261 §22.3: a proxy challenges with 407/Proxy-Authenticate, a UAS with 401/WWW-Authenticate.
        var builder = SipResponseBuilder.CreateFor(request, proxy ? 407 : 401);
        var header = proxy ? "Proxy-Authenticate" : "WWW-Authenticate";
        var nonce = _nonces.Create(now);

        // RFC 8760 §2: one challenge per algorithm, in the configured order of preference.
        foreach (var algorithm in policy.Algorithms)
        {
            var challenge = new SipDigestChallenge
            {
                Realm = policy.Login.Realm,
                Nonce = nonce,
                Stale = stale,
                Algorithm = algorithm.ToToken(),
                Qop = "auth",
            };
            builder.AddHeader(header, challenge.ToString());
        }

        return new SipSecurityDecision(SipSecurityOutcome.Challenge, builder.Build(), null, [], delay);
    }
}
