namespace SipSecurity.Server.Configuration;

/// <summary>A role and its members. Roles exist by assignment: a role with no member does not exist.</summary>
public sealed record SipRole(string Name, IReadOnlyList<string> Members);
