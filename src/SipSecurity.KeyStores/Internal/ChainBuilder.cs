using Org.BouncyCastle.X509;

namespace SipSecurity.KeyStores.Internal;

/// <summary>Orders certificates from a leaf up to a root by issuer name and verified signature.</summary>
internal static class ChainBuilder
{
    /// <summary>The chain starting at <paramref name="leaf"/>; stops at a self-issued certificate or when no issuer is known.</summary>
    /// <exception cref="ChainException">A certificate named as issuer does not verify the signature below it.</exception>
    public static X509Certificate[] Build(X509Certificate leaf, IEnumerable<X509Certificate> candidates)
    {
        var pool = candidates.Where(c => !c.Equals(leaf)).Distinct().ToList();
        var chain = new List<X509Certificate> { leaf };
        X509Certificate current = leaf;
        while (!current.SubjectDN.Equivalent(current.IssuerDN))
        {
            var named = pool.Where(c => c.SubjectDN.Equivalent(current.IssuerDN)).ToList();
            if (named.Count == 0)
            {
                break;
            }

            X509Certificate? issuer = named.Find(c => IsSignedBy(current, c));
            if (issuer is null)
            {
                throw new ChainException($"The certificate '{EntryInfoFactory.FormatName(current.SubjectDN)}' is not signed by the supplied '{EntryInfoFactory.FormatName(current.IssuerDN)}'.");
            }

            chain.Add(issuer);
            pool.Remove(issuer);
            current = issuer;
        }

        return [.. chain];
    }

    public static bool IsSignedBy(X509Certificate certificate, X509Certificate issuer)
    {
        try
        {
            certificate.Verify(issuer.GetPublicKey());
            return true;
        }
        catch (Exception ex) when (ex is Org.BouncyCastle.Security.InvalidKeyException or Org.BouncyCastle.Security.Certificates.CertificateException
            or Org.BouncyCastle.Security.SignatureException or InvalidOperationException or ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>A chain whose links do not verify; the facade adds file and alias.</summary>
internal sealed class ChainException : Exception
{
    public ChainException()
    {
    }

    public ChainException(string message)
        : base(message)
    {
    }

    public ChainException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
