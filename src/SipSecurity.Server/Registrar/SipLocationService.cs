using System.Collections.Concurrent;
using SipSecurity.Sip.Uri;

namespace SipSecurity.Server.Registrar;

/// <summary>
/// The location service (RFC 3261 §10): bindings per address of record, in memory, with every change
/// also queued for the store. Each AOR's bindings are locked on their own, so registrations for
/// different users never contend.
/// </summary>
public sealed class SipLocationService
{
    private readonly ConcurrentDictionary<string, AorBindings> _aors = new(StringComparer.Ordinal);
    private readonly Lock _pendingLock = new();
    private Dictionary<SipRegistrationKey, SipRegistration?> _pending = [];
    private int _count;

    /// <summary>Bindings held now (expired ones count until the next <see cref="Sweep"/>).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The unexpired bindings of <paramref name="aor"/>, highest q first.</summary>
    public IReadOnlyList<SipRegistration> Lookup(string aor, DateTimeOffset now)
    {
        if (!_aors.TryGetValue(aor, out var record))
        {
            return [];
        }

        lock (record)
        {
            return Current(record, now);
        }
    }

    /// <summary>
    /// Applies one REGISTER's changes to <paramref name="aor"/> atomically (RFC 3261 §10.3 steps 6–8).
    /// Nothing changes unless every contact passes the Call-ID/CSeq check.
    /// </summary>
    public SipBindingUpdateResult Apply(string aor, SipBindingUpdate update, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(update);
        while (true)
        {
            var record = _aors.GetOrAdd(aor, static _ => new AorBindings());
            lock (record)
            {
                if (record.Removed)
                {
                    // Lost a race with the sweep that dropped this empty record: take the new one.
                    continue;
                }

                var result = ApplyLocked(aor, record, update, now);
                if (record.Bindings.Count == 0)
                {
                    record.Removed = true;
                    _aors.TryRemove(new KeyValuePair<string, AorBindings>(aor, record));
                }

                return result;
            }
        }
    }

    /// <summary>Drops expired bindings (their rows go with the next flush); returns how many.</summary>
    public int Sweep(DateTimeOffset now)
    {
        var removed = 0;
        foreach (var (aor, record) in _aors)
        {
            lock (record)
            {
                var gone = record.Bindings.RemoveAll(b =>
                {
                    if (b.Registration.Expires > now)
                    {
                        return false;
                    }

                    Queue(new SipRegistrationKey(aor, b.Registration.Contact), null);
                    return true;
                });
                removed += gone;
                if (record.Bindings.Count == 0)
                {
                    record.Removed = true;
                    _aors.TryRemove(new KeyValuePair<string, AorBindings>(aor, record));
                }
            }
        }

        Interlocked.Add(ref _count, -removed);
        return removed;
    }

    /// <summary>Restores bindings read from the store at start-up (not queued back to it).</summary>
    public void Load(IEnumerable<SipRegistration> registrations, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        foreach (var registration in registrations)
        {
            if (registration.Expires <= now || !SipUri.TryParse(registration.Contact, out var uri) || uri is null)
            {
                continue;
            }

            var record = _aors.GetOrAdd(registration.Aor, static _ => new AorBindings());
            lock (record)
            {
                record.Bindings.RemoveAll(b => b.Uri.Equals(uri));
                record.Bindings.Add(new Binding(registration, uri, persisted: true));
            }
        }

        _count = _aors.Values.Sum(r => r.Bindings.Count);
    }

    /// <summary>Takes the changes made since the last call, for the store: upserts, and removals (null values).</summary>
    public IReadOnlyDictionary<SipRegistrationKey, SipRegistration?> DrainChanges()
    {
        lock (_pendingLock)
        {
            var changes = _pending;
            _pending = [];
            return changes;
        }
    }

    /// <summary>Records that drained changes reached the store.</summary>
    public void MarkPersisted(IReadOnlyDictionary<SipRegistrationKey, SipRegistration?> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var (key, registration) in changes)
        {
            if (registration is null || !_aors.TryGetValue(key.Aor, out var record))
            {
                continue;
            }

            lock (record)
            {
                foreach (var binding in record.Bindings)
                {
                    if (ReferenceEquals(binding.Registration, registration))
                    {
                        binding.Persisted = true;
                    }
                }
            }
        }
    }

    /// <summary>Puts back drained changes that could not be written; changes made since then win.</summary>
    public void Requeue(IReadOnlyDictionary<SipRegistrationKey, SipRegistration?> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        lock (_pendingLock)
        {
            foreach (var (key, registration) in changes)
            {
                _pending.TryAdd(key, registration);
            }
        }
    }

    /// <summary>
    /// Drops in-memory bindings that were written to the store and are no longer in it (an operator removed them,
    /// perhaps from another process), with any change of theirs still waiting to be written. Bindings never written
    /// yet are kept. Call it before writing pending changes, or a pending refresh would put a removed binding back.
    /// </summary>
    public int Reconcile(IReadOnlySet<SipRegistrationKey> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var removed = 0;
        foreach (var (aor, record) in _aors)
        {
            lock (record)
            {
                removed += record.Bindings.RemoveAll(b =>
                {
                    var key = new SipRegistrationKey(aor, b.Registration.Contact);
                    if (!b.Persisted || stored.Contains(key))
                    {
                        return false;
                    }

                    lock (_pendingLock)
                    {
                        _pending.Remove(key);
                    }

                    return true;
                });
            }
        }

        Interlocked.Add(ref _count, -removed);
        return removed;
    }

    private SipBindingUpdateResult ApplyLocked(string aor, AorBindings record, SipBindingUpdate update, DateTimeOffset now)
    {
        var bindings = record.Bindings;
        bindings.RemoveAll(b => b.Registration.Expires <= now && Forget(aor, b));

        // RFC 3261 §10.3 step 6: a binding from the same Call-ID with a CSeq not higher aborts the request.
        foreach (var binding in bindings)
        {
            var affected = update.RemoveAll || update.Contacts.Any(c => c.Uri.Equals(binding.Uri));
            if (affected && string.Equals(binding.Registration.CallId, update.CallId, StringComparison.Ordinal) && update.CSeq <= binding.Registration.CSeq)
            {
                return new SipBindingUpdateResult(SipBindingUpdateStatus.OutOfOrder, Current(record, now));
            }
        }

        var before = bindings.Count;
        if (update.RemoveAll)
        {
            foreach (var binding in bindings)
            {
                Queue(new SipRegistrationKey(aor, binding.Registration.Contact), null);
            }

            bindings.Clear();
        }

        foreach (var contact in update.Contacts)
        {
            var index = bindings.FindIndex(b => b.Uri.Equals(contact.Uri));
            if (contact.ExpiresSeconds == 0)
            {
                if (index >= 0)
                {
                    Queue(new SipRegistrationKey(aor, bindings[index].Registration.Contact), null);
                    bindings.RemoveAt(index);
                }

                continue;
            }

            var registration = new SipRegistration
            {
                Aor = aor,
                Contact = contact.Text,
                Expires = now.AddSeconds(contact.ExpiresSeconds),
                Q = contact.Q,
                CallId = update.CallId,
                CSeq = update.CSeq,
                Transport = update.Transport,
                Source = update.Source,
                UserAgent = update.UserAgent,
                Updated = now,
            };
            if (index >= 0)
            {
                if (!string.Equals(bindings[index].Registration.Contact, contact.Text, StringComparison.Ordinal))
                {
                    Queue(new SipRegistrationKey(aor, bindings[index].Registration.Contact), null);
                }

                bindings[index] = new Binding(registration, contact.Uri, bindings[index].Persisted);
            }
            else
            {
                if (bindings.Count >= update.MaxBindings)
                {
                    // A full AOR drops its least recently refreshed contact: a phone that restarts on a
                    // new port should not lock itself out until its old bindings expire.
                    var oldest = bindings.MinBy(b => b.Registration.Updated)!;
                    Queue(new SipRegistrationKey(aor, oldest.Registration.Contact), null);
                    bindings.Remove(oldest);
                }

                bindings.Add(new Binding(registration, contact.Uri));
            }

            Queue(new SipRegistrationKey(aor, registration.Contact), registration);
        }

        Interlocked.Add(ref _count, bindings.Count - before);
        return new SipBindingUpdateResult(SipBindingUpdateStatus.Applied, Current(record, now));
    }

    private bool Forget(string aor, Binding binding)
    {
        Queue(new SipRegistrationKey(aor, binding.Registration.Contact), null);
        Interlocked.Decrement(ref _count);
        return true;
    }

    private void Queue(SipRegistrationKey key, SipRegistration? registration)
    {
        lock (_pendingLock)
        {
            _pending[key] = registration;
        }
    }

    private static SipRegistration[] Current(AorBindings record, DateTimeOffset now) =>
        record.Bindings
            .Where(b => b.Registration.Expires > now)
            .Select(b => b.Registration)
            .OrderByDescending(r => r.Q ?? 1.0)
            .ToArray();

    private sealed class AorBindings
    {
        public List<Binding> Bindings { get; } = new(1);

        public bool Removed { get; set; }
    }

    private sealed class Binding(SipRegistration registration, SipUri uri, bool persisted = false)
    {
        public SipRegistration Registration { get; } = registration;

        public SipUri Uri { get; } = uri;

        /// <summary>Written to the store at least once: missing from it later means an operator removed it.</summary>
        public bool Persisted { get; set; } = persisted;
    }
}
