namespace SipSecurity.KeyStores;

/// <summary>
/// The one exception type of this library. <see cref="ErrorId"/> is stable (see <see cref="KeyStoreErrorIds"/>);
/// the message names the file and alias involved and never contains a password.
/// </summary>
public sealed class KeyStoreException : Exception
{
    /// <summary>Creates an exception with an error id, a message, and the file and alias it concerns.</summary>
    public KeyStoreException(string errorId, string message, string? path = null, string? alias = null, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorId = errorId;
        Path = path;
        Alias = alias;
    }

    /// <summary>Creates an exception with the generic <see cref="KeyStoreErrorIds.IoError"/> id.</summary>
    public KeyStoreException()
        : this(KeyStoreErrorIds.IoError, "Keystore operation failed.")
    {
    }

    /// <summary>Creates an exception with the generic <see cref="KeyStoreErrorIds.IoError"/> id.</summary>
    public KeyStoreException(string message)
        : this(KeyStoreErrorIds.IoError, message)
    {
    }

    /// <summary>Creates an exception with the generic <see cref="KeyStoreErrorIds.IoError"/> id.</summary>
    public KeyStoreException(string message, Exception innerException)
        : this(KeyStoreErrorIds.IoError, message, null, null, innerException)
    {
    }

    /// <summary>Stable PascalCase identifier of the failure, e.g. <c>WrongPassword</c>.</summary>
    public string ErrorId { get; }

    /// <summary>The keystore or input file concerned, when there is one.</summary>
    public string? Path { get; }

    /// <summary>The entry alias concerned, when there is one.</summary>
    public string? Alias { get; }
}
