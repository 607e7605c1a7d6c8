namespace SipSecurity.Sip.Parsing;

/// <summary>Where a message lies in the input: offsets relative to <see cref="Start"/> except <see cref="Start"/> itself.</summary>
internal readonly record struct Frame(int Start, int BodyStart, long ContentLength, StartLine StartLine);
