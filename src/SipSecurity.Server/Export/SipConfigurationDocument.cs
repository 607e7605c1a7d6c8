using System.Text.Json.Serialization;

namespace SipSecurity.Server.Export;

/// <summary>
/// The store as a JSON document (Export-SipConfiguration / Import-SipConfiguration). Stable: lists are
/// sorted (constraints keep their order), no timestamps, and A1 hashes only when credentials are included.
/// </summary>
public sealed class SipConfigurationDocument
{
    /// <summary>The schema this document follows; an importer refuses versions it does not know.</summary>
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; set; } = CurrentSchemaVersion;

    public bool IncludesCredentials { get; set; }

    public LoginConfigDto? LoginConfig { get; set; }

    public List<ServletDto> Servlets { get; set; } = [];

    public List<ConstraintDto> SecurityConstraints { get; set; } = [];

    public List<UserDto> Users { get; set; } = [];
}

public sealed class LoginConfigDto
{
    public string? AuthMethod { get; set; }

    public string? Realm { get; set; }

    /// <summary>Wire tokens (MD5, SHA-256, SHA-512-256), in the order challenges are offered.</summary>
    public List<string>? Algorithms { get; set; }
}

public sealed class ServletDto
{
    public string? Name { get; set; }

    public string? Kind { get; set; }

    public List<string> Methods { get; set; } = [];
}

public sealed class ConstraintDto
{
    public string? Name { get; set; }

    public List<string> Servlets { get; set; } = [];

    /// <summary>Empty: every method.</summary>
    public List<string> Methods { get; set; } = [];

    public List<string> Roles { get; set; } = [];

    public bool ProxyAuthentication { get; set; }

    public string? TransportGuarantee { get; set; }
}

public sealed class UserDto
{
    public string? Name { get; set; }

    public bool Enabled { get; set; } = true;

    public List<string> Roles { get; set; } = [];

    /// <summary>The realm the hashes were made for; only with credentials.</summary>
    public string? Realm { get; set; }

    /// <summary>Only with credentials.</summary>
    public A1Dto? A1 { get; set; }
}

/// <summary>A1 hashes by algorithm, lowercase hex.</summary>
public sealed class A1Dto
{
    [JsonPropertyName("MD5")]
    public string? Md5 { get; set; }

    [JsonPropertyName("SHA-256")]
    public string? Sha256 { get; set; }

    [JsonPropertyName("SHA-512-256")]
    public string? Sha512_256 { get; set; }
}

/// <summary>Source-generated, trimming-safe serialization with the document's fixed layout.</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    NewLine = "\n",
    IndentSize = 2,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(SipConfigurationDocument))]
internal sealed partial class SipConfigurationJsonContext : JsonSerializerContext;
