using SipSecurity.Server.Registrar;
using SipSecurity.Server.Store;

namespace SipSecurity.Server.Configuration;

/// <summary>
/// The operator's view of the registrar's bindings: list them and remove them. Removing raises the store's
/// revision, so a running server drops the bindings from its location service too.
/// </summary>
public sealed class SipRegistrationManager
{
    private readonly IConfigStore _store;

    public SipRegistrationManager(IConfigStore store) => _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>
    /// Bindings whose AOR matches <paramref name="addressOfRecord"/>: a wildcard (matched against the whole AOR and
    /// its user part), a bare user name (every AOR with that user, in any domain, case-insensitive), or an AOR
    /// (canonicalized first); null or empty gives every binding. Expired bindings only when <paramref name="now"/> is null.
    /// </summary>
    public IReadOnlyList<SipRegistration> Find(string? addressOfRecord = null, DateTimeOffset? now = null)
    {
        var matches = _store.Read(reader => Match(reader, addressOfRecord));
        return now is { } at ? matches.Where(r => r.Expires > at).ToArray() : matches;
    }

    /// <summary>
    /// Removes the bindings of the AORs <paramref name="addressOfRecord"/> names (as in <see cref="Find"/>, without
    /// wildcards), or only the binding to <paramref name="contact"/>; returns how many were removed.
    /// </summary>
    public int Remove(string addressOfRecord, string? contact = null)
    {
        ArgumentNullException.ThrowIfNull(addressOfRecord);
        if (IsPattern(addressOfRecord))
        {
            throw new SipSecurityException("WildcardNotAllowed", SipErrorKind.InvalidArgument,
                $"'{NameRules.Printable(addressOfRecord)}' contains wildcard characters; removing takes an address of record or a user name. Pipe Get-SipRegistration to Remove-SipRegistration to remove by pattern.", addressOfRecord);
        }

        return _store.Write(writer =>
        {
            var targets = Match(writer, addressOfRecord)
                .Where(r => contact is null || string.Equals(r.Contact, contact, StringComparison.Ordinal))
                .Select(r => r.Aor)
                .Distinct(StringComparer.Ordinal)
                .ToArray();
            var removed = targets.Sum(aor => writer.DeleteRegistrations(aor, contact));
            return removed > 0 ? removed : throw NotFound(addressOfRecord, contact);
        });
    }

    public static SipSecurityException NotFound(string addressOfRecord, string? contact = null) =>
        new("RegistrationNotFound", SipErrorKind.ObjectNotFound,
            contact is null
                ? $"No registration for '{NameRules.Printable(addressOfRecord)}' exists."
                : $"'{NameRules.Printable(addressOfRecord)}' has no registration for the contact '{NameRules.Printable(contact)}'.",
            addressOfRecord);

    /// <summary>Wildcards, except the brackets of an IPv6 host ("sip:alice@[2001:db8::1]").</summary>
    private static bool IsPattern(string text) =>
        text.AsSpan().IndexOfAny('*', '?') >= 0 || (SipWildcard.ContainsWildcards(text) && !text.Contains("@[", StringComparison.Ordinal));

    private static IReadOnlyList<SipRegistration> Match(IConfigReader reader, string? addressOfRecord)
    {
        if (string.IsNullOrWhiteSpace(addressOfRecord))
        {
            return reader.GetRegistrations();
        }

        var text = addressOfRecord.Trim();
        if (IsPattern(text))
        {
            var wildcard = new SipWildcard(text);
            return reader.GetRegistrations()
                .Where(r => wildcard.IsMatch(r.Aor) || (SipAddressOfRecord.GetUser(r.Aor) is { } user && wildcard.IsMatch(user)))
                .ToArray();
        }

        if (!text.Contains('@', StringComparison.Ordinal) && !text.Contains(':', StringComparison.Ordinal))
        {
            return reader.GetRegistrations()
                .Where(r => string.Equals(SipAddressOfRecord.GetUser(r.Aor), text, StringComparison.OrdinalIgnoreCase))
                .ToArray();
        }

        return reader.GetRegistrations(SipAddressOfRecord.Canonicalize(text, defaultDomain: null));
    }
}
