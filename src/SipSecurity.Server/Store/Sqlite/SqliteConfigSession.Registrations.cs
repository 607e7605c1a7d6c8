using Microsoft.Data.Sqlite;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Registrar;

namespace SipSecurity.Server.Store.Sqlite;

internal sealed partial class SqliteConfigSession
{
    private const string RegistrationColumns = "aor, contact, expires, q, call_id, cseq, transport, source, user_agent, updated";

    public IReadOnlyList<SipRegistration> GetRegistrations(string? aor = null)
    {
        using var command = aor is null
            ? Command($"SELECT {RegistrationColumns} FROM registrations ORDER BY aor, contact;")
            : Command($"SELECT {RegistrationColumns} FROM registrations WHERE aor = $aor ORDER BY contact;", ("$aor", aor));
        return ReadRegistrations(command);
    }

    public int DeleteRegistrations(string aor, string? contact = null)
    {
        ArgumentNullException.ThrowIfNull(aor);
        return contact is null
            ? Execute("DELETE FROM registrations WHERE aor = $aor;", ("$aor", aor))
            : Execute("DELETE FROM registrations WHERE aor = $aor AND contact = $contact;", ("$aor", aor), ("$contact", contact));
    }

    /// <summary>The location service's flush: upserts and removals (SqliteConfigStore.SaveBindings, no revision).</summary>
    internal void SaveBindings(IReadOnlyList<SipRegistration> upserts, IReadOnlyList<SipRegistrationKey> removals)
    {
        foreach (var key in removals)
        {
            DeleteRegistrations(key.Aor, key.Contact);
        }

        foreach (var binding in upserts)
        {
            ArgumentNullException.ThrowIfNull(binding);
            Execute($"""
                INSERT INTO registrations ({RegistrationColumns})
                VALUES ($aor, $contact, $expires, $q, $callId, $cseq, $transport, $source, $userAgent, $updated)
                ON CONFLICT(aor, contact) DO UPDATE SET expires = excluded.expires, q = excluded.q, call_id = excluded.call_id,
                    cseq = excluded.cseq, transport = excluded.transport, source = excluded.source,
                    user_agent = excluded.user_agent, updated = excluded.updated;
                """,
                ("$aor", binding.Aor),
                ("$contact", binding.Contact),
                ("$expires", binding.Expires.ToUnixTimeMilliseconds()),
                ("$q", binding.Q),
                ("$callId", binding.CallId),
                ("$cseq", binding.CSeq),
                ("$transport", binding.Transport.ToString()),
                ("$source", binding.Source),
                ("$userAgent", binding.UserAgent),
                ("$updated", binding.Updated.ToUnixTimeMilliseconds()));
        }
    }

    /// <summary>Deletes the bindings expired at <paramref name="now"/> and returns the others.</summary>
    internal IReadOnlyList<SipRegistration> LoadBindings(DateTimeOffset now)
    {
        Execute("DELETE FROM registrations WHERE expires <= $now;", ("$now", now.ToUnixTimeMilliseconds()));
        using var command = Command($"SELECT {RegistrationColumns} FROM registrations ORDER BY aor, contact;");
        return ReadRegistrations(command);
    }

    private static List<SipRegistration> ReadRegistrations(SqliteCommand command)
    {
        var registrations = new List<SipRegistration>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            registrations.Add(new SipRegistration
            {
                Aor = reader.GetString(0),
                Contact = reader.GetString(1),
                Expires = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                Q = reader.IsDBNull(3) ? null : reader.GetDouble(3),
                CallId = reader.GetString(4),
                CSeq = reader.GetInt64(5),
                Transport = Enum.Parse<SipTransportKind>(reader.GetString(6)),
                Source = reader.GetString(7),
                UserAgent = reader.IsDBNull(8) ? null : reader.GetString(8),
                Updated = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9)),
            });
        }

        return registrations;
    }
}
