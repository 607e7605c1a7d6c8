using SipSecurity.Server.Configuration;
using SipSecurity.Server.Store;

namespace SipSecurity.Server.Import;

/// <summary>
/// Compares a <see cref="DesiredConfiguration"/> with the store and lists the writes that make the store
/// match it, checking every rule first: it throws before anything is written, so an import is all or nothing.
/// </summary>
internal static class ConfigurationPlanner
{
    public static SipImportResult Plan(IConfigReader reader, DesiredConfiguration desired, SipImportOptions options, DateTimeOffset now)
    {
        var result = new SipImportResult { Source = desired.Source };
        result.Warnings.AddRange(desired.Warnings);
        var before = reader.GetLoginConfig();
        var after = PlanLoginConfig(desired.LoginConfig, before, result);
        if (options.ExpectedRealm is not null && !string.Equals(options.ExpectedRealm, after.Realm, StringComparison.Ordinal))
        {
            throw new SipSecurityException("RealmMismatch", SipErrorKind.InvalidArgument,
                $"{desired.Source}: the hashes were made for realm '{NameRules.Printable(options.ExpectedRealm)}' but the store's realm is '{after.Realm}'. Nothing was changed. Change the realm first with Set-SipLoginConfig -Realm, or import with the store's realm.",
                options.ExpectedRealm);
        }

        var servlets = ServletPlanner.Plan(reader, desired, options, result);
        ConstraintPlanner.Plan(reader, desired, options, servlets, result);
        var finalRealms = UserPlanner.Plan(reader, desired, options, after.Realm,
            !string.Equals(before.Realm, after.Realm, StringComparison.Ordinal), now, result);

        if (!string.Equals(before.Realm, after.Realm, StringComparison.Ordinal))
        {
            var affected = finalRealms.Where(u => !string.Equals(u.Value, after.Realm, StringComparison.Ordinal)).Select(u => u.Key).Order(StringComparer.Ordinal).ToArray();
            if (affected.Length > 0 && !options.AllowRealmChange)
            {
                throw desired.LoginConfig!.Location.Error("RealmChangeInvalidatesUsers", SipErrorKind.InvalidOperation,
                    $"changing the realm from '{before.Realm}' to '{after.Realm}' invalidates the A1 hash of {affected.Length} user(s): {string.Join(", ", affected.Take(10))}{(affected.Length > 10 ? ", ..." : string.Empty)}. Nothing was changed. Use -Force to change it anyway; those users then need a new password (Set-SipUser -Password).");
            }

            if (affected.Length > 0)
            {
                result.Warnings.Add($"{affected.Length} user(s) cannot authenticate until they get a new password (Set-SipUser -Password): {string.Join(", ", affected.Take(10))}{(affected.Length > 10 ? ", ..." : string.Empty)}");
            }
        }

        return result;
    }

    private static SipLoginConfig PlanLoginConfig(ImportedLoginConfig? imported, SipLoginConfig before, SipImportResult result)
    {
        if (imported is null)
        {
            return before;
        }

        if (imported.Realm is not null)
        {
            ImportValidation.At(imported.Location, () => NameRules.ValidateRealm(imported.Realm));
        }

        if (imported.Algorithms is { } algorithms && (algorithms.Count == 0 || algorithms.Distinct().Count() != algorithms.Count))
        {
            throw imported.Location.Error("InvalidAlgorithmList", SipErrorKind.InvalidData, "the digest algorithm list must name at least one algorithm, each once.");
        }

        var after = before with
        {
            AuthMethod = imported.AuthMethod ?? before.AuthMethod,
            Realm = imported.Realm ?? before.Realm,
            Algorithms = imported.Algorithms?.ToArray() ?? before.Algorithms,
        };
        var change = new SipLoginConfigChange(before, after, []);
        if (change.Changed)
        {
            result.Changes.AddRange(change.Describe().Select(line => "login config: " + line));
            result.Write(writer => writer.PutLoginConfig(after));
        }

        return after;
    }
}
