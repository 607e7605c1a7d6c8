namespace SipSecurity.Server.Import;

/// <summary>One key/value pair of a properties file and the line its logical line starts on.</summary>
public sealed record PropertyEntry(string Key, string Value, SourceLocation Location);
