namespace SipSecurity.Sip.Messages;

/// <summary>Where one header field lies in the message buffer: offsets only, so no bytes are copied while parsing.</summary>
internal readonly record struct HeaderEntry(SipHeaderId Id, int NameStart, int NameLength, int ValueStart, int ValueLength);
