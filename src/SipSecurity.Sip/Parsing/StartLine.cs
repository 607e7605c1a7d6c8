namespace SipSecurity.Sip.Parsing;

/// <summary>The pieces of a start line as offsets into the message.</summary>
internal struct StartLine
{
    public bool IsRequest;
    public int MethodStart;
    public int MethodLength;
    public int UriStart;
    public int UriLength;
    public int StatusCode;
    public int ReasonStart;
    public int ReasonLength;
}
