using SipSecurity.Server.Configuration;
using SipSecurity.Server.Registrar;
using SipSecurity.Server.Security.Auth;
using SipSecurity.Server.Transactions;
using SipSecurity.Server.Transport;
using SipSecurity.Sip.Messages;
using SipSecurity.Sip.Uri;
using SipSecurity.Sip.Writing;

namespace SipSecurity.Server.Hosting;

/// <summary>
/// The transaction user: for each new request, the UAS checks of RFC 3261 §8.2, then the security
/// engine, then the servlet the method maps to. Runs on the receive thread; never blocks.
/// </summary>
internal sealed class SipServerCore : ISipTransactionUser
{
    private readonly Func<SipServerSnapshot> _snapshot;
    private readonly SipSecurityEngine _security;
    private readonly SipRegistrar _registrar;
    private readonly SipLocationService _locations;
    private readonly ISipUserDirectory _users;
    private readonly ISipServerLog _log;
    private readonly SipServerCounters _counters;
    private readonly TimeProvider _time;

    public SipServerCore(Func<SipServerSnapshot> snapshot, SipSecurityEngine security, SipRegistrar registrar, SipLocationService locations,
        ISipUserDirectory users, ISipServerLog log, SipServerCounters counters, TimeProvider time)
    {
        _snapshot = snapshot;
        _security = security;
        _registrar = registrar;
        _locations = locations;
        _users = users;
        _log = log;
        _counters = counters;
        _time = time;
    }

    public void OnRequest(SipServerTransaction transaction)
    {
        try
        {
            Handle(transaction);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A bug in one request's handling must cost that request only.
            _log.Write(SipLogLevel.Error, "RequestFailed", "request handling failed: " + exception.GetType().Name + ": " + exception.Message,
                ("method", transaction.Request.Method), ("source", transaction.Source.RemoteEndPoint));
            if (!transaction.IsCompleted)
            {
                transaction.Respond(SipResponseBuilder.CreateFor(transaction.Request, 500).BuildResponse());
            }
        }
    }

    private void Handle(SipServerTransaction transaction)
    {
        var request = transaction.Request;
        var source = transaction.Source;
        var snapshot = _snapshot();
        var servlet = snapshot.ServletFor(request.Method);

        // §8.2.1: a method no servlet handles (the server answers OPTIONS itself).
        if (servlet is null && request.Method != SipMethods.Options)
        {
            transaction.Respond(MethodNotHandled(request, snapshot));
            return;
        }

        var early = SipRequestChecks.CheckRequestUri(request, out var requestUri)
            ?? SipRequestChecks.CheckRequire(request, asProxy: servlet?.Kind == SipServletKind.Proxy)
            ?? SipRequestChecks.CheckInviteContent(request);
        if (early is not null)
        {
            transaction.Respond(early);
            return;
        }

        var decision = _security.Evaluate(request, source, servlet?.Name ?? string.Empty, snapshot.Policy, snapshot.Settings);
        switch (decision.Outcome)
        {
            case SipSecurityOutcome.Dropped:
                Interlocked.Increment(ref _counters.MessagesDropped);
                transaction.Abandon();
                return;
            case SipSecurityOutcome.Challenge:
            case SipSecurityOutcome.Forbidden:
                RespondAfter(transaction, decision.Response!, decision.Delay);
                return;
            default:
                break;
        }

        transaction.Respond(Dispatch(request, source, requestUri!, servlet, decision.UserName, snapshot));
    }

    private SipResponse Dispatch(SipRequest request, SipInboundContext source, SipUri requestUri, SipServlet? servlet, string? user, SipServerSnapshot snapshot)
    {
        if (request.Method == SipMethods.Options && (servlet is null || servlet.Kind == SipServletKind.Registrar || requestUri.User is null))
        {
            return Capabilities(request, snapshot);
        }

        return servlet!.Kind switch
        {
            SipServletKind.Registrar when request.Method == SipMethods.Register => _registrar.Handle(request, source, user, snapshot.Settings),
            SipServletKind.Registrar => MethodNotHandled(request, snapshot),
            _ => ProxyTarget(request, requestUri, snapshot),
        };
    }

    /// <summary>
    /// A request for the proxy servlet. Forwarding arrives with the proxy (client transactions); until
    /// then the server answers as the location service would decide: 483, 404, 480, or 501.
    /// </summary>
    private SipResponse ProxyTarget(SipRequest request, SipUri requestUri, SipServerSnapshot snapshot)
    {
        // §16.3 step 2.
        if (request.GetMaxForwards() == 0)
        {
            return SipResponseBuilder.CreateFor(request, 483).BuildResponse();
        }

        if (requestUri.User is null)
        {
            return request.Method == SipMethods.Options ? Capabilities(request, snapshot) : MethodNotHandled(request, snapshot);
        }

        if (!SipRequestChecks.IsKnownMethod(request.Method))
        {
            return SipResponseBuilder.CreateFor(request, 501).BuildResponse();
        }

        var aor = SipAddressOfRecord.FromUri(requestUri);
        var bindings = aor is null ? [] : _locations.Lookup(aor, _time.GetUtcNow());
        if (bindings.Count > 0)
        {
            return SipResponseBuilder.CreateFor(request, 501, "Not Implemented (forwarding to registered contacts is not available yet)").BuildResponse();
        }

        return _users.FindUser(requestUri.UnescapedUser!) is null
            ? SipResponseBuilder.CreateFor(request, 404).BuildResponse()
            : SipResponseBuilder.CreateFor(request, 480).BuildResponse();
    }

    /// <summary>§11.2: OPTIONS answered by the server itself.</summary>
    private static SipResponse Capabilities(SipRequest request, SipServerSnapshot snapshot) =>
        SipResponseBuilder.CreateFor(request, 200)
            .AddHeader("Allow", snapshot.AllowedMethods)
            .AddHeader("Accept", "application/sdp")
            .AddHeader("Accept-Encoding", "identity")
            .AddHeader("Accept-Language", "en")
            .AddHeader("Supported", "")
            .BuildResponse();

    /// <summary>§8.2.1: 405 with Allow for a method we know but do not handle, 501 for one we do not know.</summary>
    private static SipResponse MethodNotHandled(SipRequest request, SipServerSnapshot snapshot) =>
        SipRequestChecks.IsKnownMethod(request.Method)
            ? SipResponseBuilder.CreateFor(request, 405).AddHeader("Allow", snapshot.AllowedMethods).BuildResponse()
            : SipResponseBuilder.CreateFor(request, 501).BuildResponse();

    private void RespondAfter(SipServerTransaction transaction, SipResponse response, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            transaction.Respond(response);
            return;
        }

        // Slowed failures: the answer waits on a timer, never on the receive thread.
        ITimer? timer = null;
        timer = _time.CreateTimer(_ =>
        {
            transaction.Respond(response);
            timer?.Dispose();
        }, null, delay, Timeout.InfiniteTimeSpan);
    }
}
