using System.Text.Json;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Export;
using SipSecurity.Server.Security.Digest;

namespace SipSecurity.Server.Import;

/// <summary>
/// Reads an Export-SipConfiguration JSON file into a <see cref="DesiredConfiguration"/>. Syntax errors carry
/// the file's line; errors about an item name the item (JSON items carry no line after deserialization).
/// </summary>
public static class SipConfigurationReader
{
    public static DesiredConfiguration Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new SipSecurityException("ImportFileUnreadable", SipErrorKind.ResourceUnavailable,
                $"{Path.GetFileName(path)}: cannot be read: {exception.Message}", path, exception);
        }

        SipConfigurationDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(bytes, SipConfigurationJsonContext.Default.SipConfigurationDocument);
        }
        catch (JsonException exception)
        {
            throw new SourceLocation(path, (int)(exception.LineNumber ?? -1) + 1).Error("InvalidConfigurationJson", SipErrorKind.InvalidData,
                $"not a SipSecurity configuration file: {exception.Message}");
        }

        return Convert(document ?? throw new SourceLocation(path, 1).Error("InvalidConfigurationJson", SipErrorKind.InvalidData, "the file is empty (null)."), path);
    }

    public static DesiredConfiguration Convert(SipConfigurationDocument document, string path)
    {
        ArgumentNullException.ThrowIfNull(document);
        var file = new SourceLocation(path, 0);
        if (document.SchemaVersion != SipConfigurationDocument.CurrentSchemaVersion)
        {
            throw file.Error("UnsupportedSchemaVersion", SipErrorKind.InvalidData,
                $"schemaVersion {document.SchemaVersion} is not supported (this module reads version {SipConfigurationDocument.CurrentSchemaVersion}).");
        }

        var users = new List<ImportedUser>();
        try
        {
            users.AddRange(document.Users.Select((u, i) => ReadUser(u, i, file)));
            return new DesiredConfiguration
            {
                Source = Path.GetFileName(path),
                LoginConfig = document.LoginConfig is null ? null : ReadLoginConfig(document.LoginConfig, file),
                Servlets = document.Servlets.Select((s, i) => ReadServlet(s, i, file)).ToArray(),
                Constraints = document.SecurityConstraints.Select((c, i) => ReadConstraint(c, i, file)).ToArray(),
                Users = users,
            };
        }
        catch
        {
            users.ForEach(u => u.Dispose());
            throw;
        }
    }

    private static ImportedLoginConfig ReadLoginConfig(LoginConfigDto dto, SourceLocation file)
    {
        SipAuthMethod? method = dto.AuthMethod is null ? null
            : Enum.TryParse<SipAuthMethod>(dto.AuthMethod, ignoreCase: true, out var m) ? m
            : throw file.Error("InvalidConfigurationValue", SipErrorKind.InvalidData, $"loginConfig.authMethod '{NameRules.Printable(dto.AuthMethod)}' is not Digest or ClientCert.");
        var algorithms = dto.Algorithms?.Select(a => DigestAlgorithmNames.TryParse(a, out var algorithm) ? algorithm
            : throw file.Error("InvalidConfigurationValue", SipErrorKind.InvalidData, $"loginConfig.algorithms: '{NameRules.Printable(a)}' is not MD5, SHA-256 or SHA-512-256.")).ToArray();
        return new ImportedLoginConfig(method, dto.Realm, algorithms, file);
    }

    private static ImportedServlet ReadServlet(ServletDto dto, int index, SourceLocation file)
    {
        var where = $"servlets[{index}]";
        var name = dto.Name ?? throw file.Error("InvalidConfigurationValue", SipErrorKind.InvalidData, $"{where} has no name.");
        var kind = Enum.TryParse<SipServletKind>(dto.Kind, ignoreCase: true, out var k) ? k
            : throw file.Error("InvalidConfigurationValue", SipErrorKind.InvalidData, $"{where} ('{NameRules.Printable(name)}'): kind '{NameRules.Printable(dto.Kind)}' is not Registrar or Proxy.");
        var methods = ImportValidation.At(file, () => dto.Methods.Select(NameRules.NormalizeMethod).Distinct(StringComparer.Ordinal).ToArray());
        return new ImportedServlet(new SipServlet(name, kind, methods), file);
    }

    private static ImportedConstraint ReadConstraint(ConstraintDto dto, int index, SourceLocation file)
    {
        var name = dto.Name ?? throw file.Error("InvalidConfigurationValue", SipErrorKind.InvalidData, $"securityConstraints[{index}] has no name.");
        var guarantee = dto.TransportGuarantee is null ? SipTransportGuarantee.None
            : Enum.TryParse<SipTransportGuarantee>(dto.TransportGuarantee, ignoreCase: true, out var g) ? g
            : throw file.Error("InvalidConfigurationValue", SipErrorKind.InvalidData, $"securityConstraints[{index}] ('{NameRules.Printable(name)}'): transportGuarantee '{NameRules.Printable(dto.TransportGuarantee)}' is not None or Confidential.");
        return new ImportedConstraint(new SipSecurityConstraint
        {
            Name = name,
            Servlets = dto.Servlets.Distinct(StringComparer.Ordinal).ToArray(),
            Methods = ImportValidation.At(file, () => dto.Methods.Select(NameRules.NormalizeMethod).Where(m => m != "*").Distinct(StringComparer.Ordinal).ToArray()),
            Roles = dto.Roles.Select(r => r.Trim()).Distinct(StringComparer.Ordinal).ToArray(),
            ProxyAuthentication = dto.ProxyAuthentication,
            TransportGuarantee = guarantee,
        }, file);
    }

    private static ImportedUser ReadUser(UserDto dto, int index, SourceLocation file)
    {
        var name = dto.Name;
        ImportValidation.At(file, () => NameRules.ValidateUserName(name));
        Dictionary<DigestAlgorithm, string>? a1 = null;
        if (dto.A1 is { } hashes)
        {
            a1 = [];
            foreach (var (algorithm, value) in new[] { (DigestAlgorithm.MD5, hashes.Md5), (DigestAlgorithm.SHA256, hashes.Sha256), (DigestAlgorithm.SHA512_256, hashes.Sha512_256) })
            {
                if (value is null)
                {
                    continue;
                }

                // The hash itself is never echoed.
                if (!DigestHash.IsHexHash(algorithm, value))
                {
                    throw file.Error("InvalidA1Hash", SipErrorKind.InvalidData, $"users[{index}] ('{name}'): the {algorithm.ToToken()} A1 is not a {DigestHash.HexLength(algorithm)}-character hexadecimal digest.");
                }

                a1[algorithm] = value.ToLowerInvariant();
            }
        }

        if (dto.Realm is not null)
        {
            ImportValidation.At(file, () => NameRules.ValidateRealm(dto.Realm));
        }

        return new ImportedUser
        {
            Name = name!,
            Location = file,
            Enabled = dto.Enabled,
            Roles = ImportValidation.Roles(dto.Roles, file),
            A1 = a1 is { Count: > 0 } ? a1 : null,
            A1Realm = dto.Realm,
        };
    }
}
