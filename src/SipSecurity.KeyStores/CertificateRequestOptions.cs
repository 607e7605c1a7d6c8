using System.Net;

namespace SipSecurity.KeyStores;

/// <summary>Options of a PKCS#10 request (<c>keytool -certreq</c>); unset values come from the entry's certificate.</summary>
public sealed class CertificateRequestOptions
{
    /// <summary>A subject in keytool <c>-dname</c> form; the certificate's subject when null.</summary>
    public string? Subject { get; init; }

    /// <summary>DNS names to request; the certificate's DNS SANs when null.</summary>
    public IReadOnlyList<string>? DnsNames { get; init; }

    /// <summary>IP addresses to request; the certificate's IP SANs when null.</summary>
    public IReadOnlyList<IPAddress>? IPAddresses { get; init; }
}
