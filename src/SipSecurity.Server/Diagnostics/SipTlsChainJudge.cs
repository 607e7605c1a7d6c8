using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SipSecurity.Server.Diagnostics;

/// <summary>Judges a server's chain against explicit trust anchors only (never the system store), as openssl -CAfile does.</summary>
internal static class SipTlsChainJudge
{
    private const string ServerAuthenticationOid = "1.3.6.1.5.5.7.3.1";

    /// <summary>Returns the problems found; none means the chain and the name are valid.</summary>
    public static List<string> Judge(IReadOnlyList<X509Certificate2> sent, X509Certificate2Collection anchors, string serverName, DateTime now)
    {
        var errors = new List<string>();
        if (sent.Count == 0)
        {
            errors.Add("NoCertificate: the server sent no certificate.");
            return errors;
        }

        var leaf = sent[0];
        using (var chain = new X509Chain())
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(anchors);
            chain.ChainPolicy.ExtraStore.AddRange(sent.Skip(1).ToArray());
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.DisableCertificateDownloads = true;
            chain.ChainPolicy.VerificationTime = now;
            chain.ChainPolicy.ApplicationPolicy.Add(new Oid(ServerAuthenticationOid));
            if (!chain.Build(leaf))
            {
                Describe(chain, errors);
            }

            foreach (var element in chain.ChainElements)
            {
                if (!sent.Any(c => ReferenceEquals(c, element.Certificate)))
                {
                    element.Certificate.Dispose();
                }
            }
        }

        // RFC 6125 §6.4: DNS names from subjectAltName (CN only without them); IP addresses against IP SANs (RFC 5280 §4.2.1.6).
        if (!leaf.MatchesHostname(serverName))
        {
            errors.Add($"NameMismatch: the certificate '{leaf.Subject}' does not name '{serverName}'.");
        }

        return errors;
    }

    private static void Describe(X509Chain chain, List<string> errors)
    {
        var flags = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status);
        var last = chain.ChainElements[^1].Certificate;
        if (flags.HasFlag(X509ChainStatusFlags.UntrustedRoot))
        {
            errors.Add($"UntrustedRoot: the chain ends in '{last.Subject}', which is not one of the trust anchors.");
        }

        if (flags.HasFlag(X509ChainStatusFlags.PartialChain))
        {
            errors.Add($"PartialChain: the issuer '{last.Issuer}' of '{last.Subject}' is neither sent by the server nor a trust anchor.");
        }

        foreach (var element in chain.ChainElements)
        {
            if (element.ChainElementStatus.Any(s => s.Status.HasFlag(X509ChainStatusFlags.NotTimeValid)))
            {
                var certificate = element.Certificate;
                errors.Add(certificate.NotAfter.ToUniversalTime() < chain.ChainPolicy.VerificationTime.ToUniversalTime()
                    ? $"Expired: '{certificate.Subject}' expired on {certificate.NotAfter.ToUniversalTime().ToString("u", CultureInfo.InvariantCulture)}."
                    : $"NotYetValid: '{certificate.Subject}' is valid from {certificate.NotBefore.ToUniversalTime().ToString("u", CultureInfo.InvariantCulture)}.");
            }
        }

        if (flags.HasFlag(X509ChainStatusFlags.NotValidForUsage))
        {
            errors.Add("NotValidForUsage: the certificate's extended key usage does not allow TLS server authentication.");
        }

        const X509ChainStatusFlags described = X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain |
            X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.NotValidForUsage;
        foreach (var status in chain.ChainStatus.Where(s => (s.Status & ~described) != 0))
        {
            errors.Add($"{status.Status & ~described}: {status.StatusInformation.Trim()}");
        }

        if (errors.Count == 0)
        {
            errors.Add("ChainError: the chain could not be verified.");
        }
    }
}
