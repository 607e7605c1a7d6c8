using System.Globalization;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Hosting;
using SipSecurity.Server.Transport;
using SipSecurity.Sip.Headers;
using SipSecurity.Sip.Messages;
using SipSecurity.Sip.Parsing;
using SipSecurity.Sip.Writing;

namespace SipSecurity.Server.Registrar;

/// <summary>The built-in registrar servlet: RFC 3261 §10.3 over a <see cref="SipLocationService"/>.</summary>
public sealed class SipRegistrar
{
    private readonly SipLocationService _locations;
    private readonly TimeProvider _time;

    public SipRegistrar(SipLocationService locations, TimeProvider? time = null)
    {
        _locations = locations ?? throw new ArgumentNullException(nameof(locations));
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// Answers a REGISTER. <paramref name="authenticatedUser"/> is the digest user when a constraint
    /// required authentication: that user may only register their own address of record.
    /// </summary>
    public SipResponse Handle(SipRequest request, SipInboundContext source, string? authenticatedUser, SipServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(settings);

        // §10.3 step 2: we support no extensions.
        if (SipRequestChecks.CheckRequire(request, asProxy: false) is { } badExtension)
        {
            return badExtension;
        }

        // §10.3 step 5: the To header names the address of record.
        var to = request.GetTo();
        if (to is null || SipAddressOfRecord.FromUri(to.Uri) is not { } aor)
        {
            return SipResponseBuilder.CreateFor(request, 404, "Not Found (To is not an address of record)").BuildResponse();
        }

        // §10.3 step 4: an authenticated user changes only their own bindings.
        if (authenticatedUser is not null && !string.Equals(to.Uri.UnescapedUser, authenticatedUser, StringComparison.OrdinalIgnoreCase))
        {
            return SipResponseBuilder.CreateFor(request, 403, "Forbidden (not your address of record)").BuildResponse();
        }

        IReadOnlyList<SipContact> contacts;
        try
        {
            contacts = request.GetContacts();
        }
        catch (SipParseException exception)
        {
            return SipResponseBuilder.CreateFor(request, 400, "Bad Request (" + exception.Message.TrimEnd('.') + ")").BuildResponse();
        }

        var now = _time.GetUtcNow();
        var callId = request.GetCallId() ?? string.Empty;
        var cseq = (long)(request.GetCSeq()?.Number ?? 0);
        var headerExpires = request.GetExpires();

        if (contacts.Count == 0)
        {
            // §10.3 step 8 with no Contact: a query for the current bindings.
            return Ok(request, _locations.Lookup(aor, now), now);
        }

        var update = contacts.Any(c => c.IsWildcard)
            ? WildcardUpdate(request, contacts, headerExpires, callId, cseq, source)
            : ContactUpdate(contacts, headerExpires, settings, callId, cseq, source, request);
        if (update.Error is { } error)
        {
            return error.BuildResponse(request);
        }

        var result = _locations.Apply(aor, update.Update!, now);
        return result.Status == SipBindingUpdateStatus.OutOfOrder
            ? SipResponseBuilder.CreateFor(request, 400, "Bad Request (CSeq out of order for this Call-ID)").BuildResponse()
            : Ok(request, result.Bindings, now);
    }

    private static (SipBindingUpdate? Update, RegistrarError? Error) WildcardUpdate(
        SipRequest request, IReadOnlyList<SipContact> contacts, uint? headerExpires, string callId, long cseq, SipInboundContext source)
    {
        // §10.2.2 / §10.3 step 6: "*" only alone and only with Expires: 0.
        if (contacts.Count != 1 || headerExpires != 0)
        {
            return (null, new RegistrarError(400, "Bad Request (Contact: * needs Expires: 0 and no other contact)"));
        }

        return (new SipBindingUpdate
        {
            CallId = callId,
            CSeq = cseq,
            RemoveAll = true,
            Transport = source.Transport,
            Source = source.RemoteEndPoint.ToString(),
            UserAgent = UserAgentOf(request),
        }, null);
    }

    private static (SipBindingUpdate? Update, RegistrarError? Error) ContactUpdate(
        IReadOnlyList<SipContact> contacts, uint? headerExpires, SipServerSettings settings, string callId, long cseq,
        SipInboundContext source, SipRequest request)
    {
        var changes = new List<SipContactChange>(contacts.Count);
        foreach (var contact in contacts)
        {
            var address = contact.Address!;
            // §10.3 step 7: the contact parameter, else the header, else our default.
            var requested = contact.Expires ?? headerExpires ?? (uint)settings.DefaultExpires;
            if (requested != 0 && requested < settings.MinExpires)
            {
                return (null, new RegistrarError(423, null, settings.MinExpires));
            }

            var expires = (int)Math.Min(requested, (uint)settings.MaxExpires);
            changes.Add(new SipContactChange(address.Uri, address.Uri.OriginalString, expires, contact.Q));
        }

        return (new SipBindingUpdate
        {
            CallId = callId,
            CSeq = cseq,
            Contacts = changes,
            Transport = source.Transport,
            Source = source.RemoteEndPoint.ToString(),
            UserAgent = UserAgentOf(request),
            MaxBindings = settings.MaxBindingsPerAor,
        }, null);
    }

    private static SipResponse Ok(SipRequest request, IReadOnlyList<SipRegistration> bindings, DateTimeOffset now)
    {
        var builder = SipResponseBuilder.CreateFor(request, 200);
        foreach (var binding in bindings)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(binding.Remaining(now).TotalSeconds));
            var value = "<" + binding.Contact + ">;expires=" + seconds.ToString(CultureInfo.InvariantCulture);
            if (binding.Q is { } q)
            {
                value += ";q=" + q.ToString("0.###", CultureInfo.InvariantCulture);
            }

            builder.AddHeader("Contact", value);
        }

        builder.AddHeader("Date", now.UtcDateTime.ToString("r", CultureInfo.InvariantCulture));
        return builder.BuildResponse();
    }

    private static string? UserAgentOf(SipRequest request) =>
        request.Headers.TryGetFirst("User-Agent", out var header) ? header.GetValue() : null;

    private sealed record RegistrarError(int Status, string? Reason, int? MinExpires = null)
    {
        public SipResponse BuildResponse(SipRequest request)
        {
            var builder = SipResponseBuilder.CreateFor(request, Status, Reason);
            if (MinExpires is { } min)
            {
                builder.AddHeader("Min-Expires", min.ToString(CultureInfo.InvariantCulture));
            }

            return builder.BuildResponse();
        }
    }
}

