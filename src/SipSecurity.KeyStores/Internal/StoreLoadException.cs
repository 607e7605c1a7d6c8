namespace SipSecurity.KeyStores.Internal;

/// <summary>A backend's load failure, classified; the facade turns it into a <see cref="KeyStoreException"/> with the path.</summary>
internal sealed class StoreLoadException : Exception
{
    public StoreLoadException(bool corrupt, Exception innerException)
        : base(corrupt ? "The keystore is damaged." : "The store password is wrong, or the store was modified.", innerException)
    {
        Corrupt = corrupt;
    }

    public StoreLoadException()
    {
    }

    public StoreLoadException(string message)
        : base(message)
    {
    }

    public StoreLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public bool Corrupt { get; }
}
