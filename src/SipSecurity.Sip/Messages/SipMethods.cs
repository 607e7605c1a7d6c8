namespace SipSecurity.Sip.Messages;

/// <summary>Method names of RFC 3261 and its common extensions; the parser returns these very instances for known methods.</summary>
public static class SipMethods
{
#pragma warning disable CS1591 // Each constant is the method of the same name.
    public const string Invite = "INVITE";
    public const string Ack = "ACK";
    public const string Bye = "BYE";
    public const string Cancel = "CANCEL";
    public const string Register = "REGISTER";
    public const string Options = "OPTIONS";
    public const string Prack = "PRACK";
    public const string Subscribe = "SUBSCRIBE";
    public const string Notify = "NOTIFY";
    public const string Publish = "PUBLISH";
    public const string Info = "INFO";
    public const string Refer = "REFER";
    public const string Message = "MESSAGE";
    public const string Update = "UPDATE";
#pragma warning restore CS1591

    private static readonly string[] s_known = [Invite, Ack, Bye, Cancel, Register, Options, Prack, Subscribe, Notify, Publish, Info, Refer, Message, Update];

    /// <summary>The method for these bytes: an interned constant when known (no allocation), else a new string. Case-sensitive (RFC 3261 §7.1).</summary>
    public static string FromBytes(ReadOnlySpan<byte> method)
    {
        foreach (var known in s_known)
        {
            if (method.Length == known.Length && System.Text.Ascii.Equals(method, known))
            {
                return known;
            }
        }

        return System.Text.Encoding.ASCII.GetString(method);
    }
}
