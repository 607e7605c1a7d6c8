using System.Security.Cryptography.X509Certificates;

namespace SipSecurity.Server.Security.Auth;

/// <summary>
/// How a verified client certificate names a user for CLIENT-CERT login: the subject's common name (CN) is the
/// user name, compared as user names are (case-insensitively). The seed's client certificate
/// "CN=John Doe, OU=Engineering, ..." therefore maps to the user "John Doe".
/// </summary>
public static class ClientCertificateUser
{
    private const string CommonNameOid = "2.5.4.3";

    /// <summary>The user name a certificate maps to, or null when its subject has no common name.</summary>
    public static string? NameOf(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        // The last CN when there are several, as the most specific (RFC 4514 writes the most specific first,
        // the certificate's sequence keeps it last).
        string? name = null;
        foreach (var rdn in certificate.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            if (!rdn.HasMultipleElements && rdn.GetSingleElementType().Value == CommonNameOid)
            {
                name = rdn.GetSingleElementValue();
            }
        }

        return string.IsNullOrWhiteSpace(name) ? null : name.Trim();
    }
}
