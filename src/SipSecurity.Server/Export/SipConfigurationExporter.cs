using System.Text;
using System.Text.Json;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Security.Digest;
using SipSecurity.Server.Store;

namespace SipSecurity.Server.Export;

/// <summary>Reads the whole store in one transaction into a <see cref="SipConfigurationDocument"/> and its JSON.</summary>
public static class SipConfigurationExporter
{
    public static SipConfigurationDocument Export(IConfigStore store, bool includeCredentials)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Read(reader =>
        {
            var login = reader.GetLoginConfig();
            return new SipConfigurationDocument
            {
                IncludesCredentials = includeCredentials,
                LoginConfig = new LoginConfigDto
                {
                    AuthMethod = login.AuthMethod.ToString(),
                    Realm = login.Realm,
                    Algorithms = login.Algorithms.Select(a => a.ToToken()).ToList(),
                },
                Servlets = reader.GetServlets().OrderBy(s => s.Name, StringComparer.Ordinal)
                    .Select(s => new ServletDto { Name = s.Name, Kind = s.Kind.ToString(), Methods = [.. s.Methods] }).ToList(),
                SecurityConstraints = reader.GetConstraints().Select(c => new ConstraintDto
                {
                    Name = c.Name,
                    Servlets = [.. c.Servlets],
                    Methods = [.. c.Methods],
                    Roles = [.. c.Roles],
                    ProxyAuthentication = c.ProxyAuthentication,
                    TransportGuarantee = c.TransportGuarantee.ToString(),
                }).ToList(),
                Users = reader.ListUsers().OrderBy(u => u.Name, StringComparer.Ordinal).Select(u => ToDto(u, includeCredentials)).ToList(),
            };
        });
    }

    /// <summary>The document as indented UTF-8 JSON text ending in a newline.</summary>
    public static string ToJson(SipConfigurationDocument document) =>
        JsonSerializer.Serialize(document, SipConfigurationJsonContext.Default.SipConfigurationDocument) + "\n";

    public static byte[] ToUtf8(SipConfigurationDocument document) => new UTF8Encoding(false).GetBytes(ToJson(document));

    private static UserDto ToDto(StoredUser user, bool includeCredentials) => new()
    {
        Name = user.Name,
        Enabled = user.Enabled,
        Roles = [.. user.Roles],
        Realm = includeCredentials ? user.Realm : null,
        A1 = includeCredentials
            ? new A1Dto
            {
                Md5 = user.A1.GetValueOrDefault(DigestAlgorithm.MD5),
                Sha256 = user.A1.GetValueOrDefault(DigestAlgorithm.SHA256),
                Sha512_256 = user.A1.GetValueOrDefault(DigestAlgorithm.SHA512_256),
            }
            : null,
    };
}
