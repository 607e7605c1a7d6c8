using System.Globalization;
using SipSecurity.Server.Security.Tls;

namespace SipSecurity.Server.Configuration;

/// <summary>A validated TLS change: the settings before and after, which passwords change, the certificate, warnings.</summary>
public sealed class SipTlsConfigurationChange
{
    internal SipTlsConfigurationChange(SipTlsConfiguration before, SipTlsConfiguration after, SipTlsCertificateSummary certificate, IReadOnlyList<string> warnings)
    {
        Before = before;
        After = after;
        Certificate = certificate;
        Warnings = warnings;
    }

    public SipTlsConfiguration Before { get; }

    /// <summary>What is stored after the change (Has*Password as they will be).</summary>
    public SipTlsConfiguration After { get; }

    /// <summary>The certificate the server will serve.</summary>
    public SipTlsCertificateSummary Certificate { get; }

    /// <summary>Accepted but worth an operator's attention: old protocols, DisabledAll, expiry within 30 days, -Force used.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>A keystore password was given and differs from the stored one (or none was stored).</summary>
    public bool KeyStorePasswordChanged { get; init; }

    /// <summary>A truststore password was given and differs from the stored one (or none was stored).</summary>
    public bool TrustStorePasswordChanged { get; init; }

    /// <summary>The stored truststore password is deleted because no separate truststore remains.</summary>
    public bool TrustStorePasswordRemoved { get; init; }

    /// <summary>True when a setting or a password differs from what is stored.</summary>
    public bool Changed => Describe().Any();

    /// <summary>One line per changed setting ("ClientAuthentication: Disabled -> Enabled"); passwords only as "changed".</summary>
    public IEnumerable<string> Describe()
    {
        static string Show(object? value) => value switch
        {
            null => "(none)",
            IReadOnlyList<string> { Count: 0 } => "(platform defaults)",
            IReadOnlyList<string> list => string.Join(",", list),
            TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
        };

        var lines = new List<string>();
        void Compare(string name, object? before, object? after)
        {
            var (b, a) = (Show(before), Show(after));
            if (!string.Equals(b, a, StringComparison.Ordinal))
            {
                lines.Add($"{name}: {b} -> {a}");
            }
        }

        Compare("KeyStorePath", Before.KeyStorePath, After.KeyStorePath);
        Compare("Alias", Before.Alias, After.Alias);
        Compare("TrustStorePath", Before.TrustStorePath, After.TrustStorePath);
        Compare("ClientAuthentication", Before.ClientAuthentication, After.ClientAuthentication);
        Compare("Protocols", SipTlsProtocols.Format(Before.Protocols), SipTlsProtocols.Format(After.Protocols));
        Compare("CipherSuites", Before.CipherSuites, After.CipherSuites);
        Compare("HandshakeTimeout", Before.HandshakeTimeout, After.HandshakeTimeout);
        if (KeyStorePasswordChanged)
        {
            lines.Add(Before.HasKeyStorePassword ? "KeyStorePassword: replaced" : "KeyStorePassword: stored");
        }

        if (TrustStorePasswordChanged)
        {
            lines.Add(Before.HasTrustStorePassword ? "TrustStorePassword: replaced" : "TrustStorePassword: stored");
        }

        if (TrustStorePasswordRemoved)
        {
            lines.Add("TrustStorePassword: removed");
        }

        return lines;
    }
}
