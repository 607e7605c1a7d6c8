namespace SipSecurity.KeyStores;

/// <summary>Public-key algorithm of a generated key pair.</summary>
public enum KeyAlgorithm
{
    /// <summary>RSA; 2048, 3072 or 4096 bits.</summary>
    Rsa,

    /// <summary>Elliptic curve (ECDSA); P-256 or P-384.</summary>
    Ec,
}
