using System.Runtime.InteropServices;

namespace RelationshipKit.Identification;

/// <summary>The distinct normalised values of one field, with per-value counts and kind-specific extras.</summary>
internal sealed class ValuePool
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly Dictionary<string, int> _auxIndex = new(StringComparer.Ordinal);
    private string[] _values = new string[64];
    private int[] _counts = new int[64];
    private int[] _aux = new int[64];

    public ValuePool(FieldKind kind)
    {
        Kind = kind;
        _lookup = _index.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public FieldKind Kind { get; }

    public int Count { get; private set; }

    public string[] Values => _values;

    public int[] Counts => _counts;

    /// <summary>Date: day number (or -1); e-mail: local-part id; text: id of the value's words in sorted order.</summary>
    public int[] Aux => _aux;

    public int Find(string value) => _index.TryGetValue(value, out int id) ? id : -1;

    public int InternFast(ReadOnlySpan<char> value, string? allocated)
    {
        if (allocated is null ? _lookup.TryGetValue(value, out int id) : _index.TryGetValue(allocated, out id))
        {
            _counts[id]++;
            return id;
        }

        string text = allocated ?? value.ToString();
        id = Count++;
        if (id == _values.Length)
        {
            Array.Resize(ref _values, id * 2);
            Array.Resize(ref _counts, id * 2);
            Array.Resize(ref _aux, id * 2);
        }

        _index.Add(text, id);
        _values[id] = text;
        _counts[id] = 1;
        _aux[id] = ComputeAux(text);
        return id;
    }

    private int ComputeAux(string text)
    {
        switch (Kind)
        {
            case FieldKind.Date:
                if (text.Length == 8)
                {
                    int y = int.Parse(text.AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture);
                    int m = int.Parse(text.AsSpan(4, 2), System.Globalization.CultureInfo.InvariantCulture);
                    int d = int.Parse(text.AsSpan(6, 2), System.Globalization.CultureInfo.InvariantCulture);
                    return new DateOnly(y, m, d).DayNumber;
                }

                return -1;
            case FieldKind.Email:
                int at = text.LastIndexOf('@');
                return AuxId(at > 0 ? text[..at] : text);
            case FieldKind.Text or FieldKind.Name or FieldKind.Street:
                if (!text.Contains(' ', StringComparison.Ordinal))
                {
                    return AuxId(text);
                }

                string[] words = text.Split(' ');
                Array.Sort(words, StringComparer.Ordinal);
                return AuxId(string.Join(' ', words));
            default:
                return -1;
        }
    }

    private int AuxId(string key)
    {
        ref int slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_auxIndex, key, out bool exists);
        if (!exists)
        {
            slot = _auxIndex.Count - 1;
        }

        return slot;
    }
}

/// <summary>
/// Records held as columns of normalised value ids (one column per field in use; -1 is missing), plus each
/// record's normalised external ids and a hash of its key. Appending is single-threaded; reading is thread-safe
/// while nothing is appended.
/// </summary>
internal sealed class RecordTable
{
    private int[][] _columns;
    private IdentityRecord[] _records;
    private string[]?[] _externalIds;
    private ulong[] _keyHashes;

    public RecordTable(IdentityNormalizer normalizer, FieldSelector[] slots, int capacity)
    {
        Normalizer = normalizer;
        Slots = slots;
        capacity = Math.Max(capacity, 16);
        Pools = [.. slots.Select(s => new ValuePool(s.Kind))];
        _columns = [.. slots.Select(_ => new int[capacity])];
        _records = new IdentityRecord[capacity];
        _externalIds = new string[]?[capacity];
        _keyHashes = new ulong[capacity];
    }

    public IdentityNormalizer Normalizer { get; }

    public FieldSelector[] Slots { get; }

    public ValuePool[] Pools { get; }

    public int Count { get; private set; }

    public int[][] Columns => _columns;

    public IdentityRecord[] Records => _records;

    public string[]?[] ExternalIds => _externalIds;

    public ulong[] KeyHashes => _keyHashes;

    public bool HasExternalIds { get; private set; }

    public int SlotOf(FieldSelector field) => Array.IndexOf(Slots, field);

    public string? ValueAt(int slot, int row)
    {
        int id = _columns[slot][row];
        return id < 0 ? null : Pools[slot].Values[id];
    }

    /// <summary>Builds a table from many records; fields are normalised column by column, columns in parallel.</summary>
    public static RecordTable Build(IReadOnlyList<IdentityRecord> records, IdentityNormalizer normalizer, FieldSelector[] slots, int degreeOfParallelism)
    {
        var table = new RecordTable(normalizer, slots, records.Count);
        for (int i = 0; i < records.Count; i++)
        {
            IdentityRecord r = records[i] ?? throw new InvalidIdentityRecordException("record", $"Record {i} is null.", i);
            table._records[i] = r;
            table._keyHashes[i] = KeyHash(r.Key);
            table._externalIds[i] = NormalizeExternalIds(r);
            table.HasExternalIds |= table._externalIds[i] is not null;
        }

        table.Count = records.Count;
        var options = new ParallelOptions { MaxDegreeOfParallelism = degreeOfParallelism };
        Parallel.For(0, slots.Length, options, s =>
        {
            int[] column = table._columns[s];
            ValuePool pool = table.Pools[s];
            FieldSelector field = slots[s];
            for (int i = 0; i < records.Count; i++)
            {
                column[i] = table.Normalize(pool, field, records[i]);
            }
        });
        return table;
    }

    /// <summary>Appends one record and returns its row.</summary>
    public int Append(IdentityRecord record)
    {
        int row = Count;
        if (row == _records.Length)
        {
            int capacity = row * 2;
            Array.Resize(ref _records, capacity);
            Array.Resize(ref _externalIds, capacity);
            Array.Resize(ref _keyHashes, capacity);
            for (int s = 0; s < _columns.Length; s++)
            {
                Array.Resize(ref _columns[s], capacity);
            }
        }

        for (int s = 0; s < Slots.Length; s++)
        {
            _columns[s][row] = Normalize(Pools[s], Slots[s], record);
        }

        _records[row] = record;
        _keyHashes[row] = KeyHash(record.Key);
        _externalIds[row] = NormalizeExternalIds(record);
        HasExternalIds |= _externalIds[row] is not null;
        Count = row + 1;
        return row;
    }

    private int Normalize(ValuePool pool, FieldSelector field, IdentityRecord record)
    {
        string? raw = field.ValueOf(record);
        if (string.IsNullOrWhiteSpace(raw))
        {
            return -1;
        }

        return Normalizer.TryNormalize(field.Kind, raw, out ReadOnlySpan<char> value, out string? allocated)
            ? pool.InternFast(value, allocated)
            : -1;
    }

    internal static string[]? NormalizeExternalIds(IdentityRecord record)
    {
        if (record.ExternalIds.Count == 0)
        {
            return null;
        }

        var ids = new List<string>(record.ExternalIds.Count);
        foreach (string id in record.ExternalIds)
        {
            int colon = id.IndexOf(':', StringComparison.Ordinal);
            string ns = id[..colon].Trim().ToLowerInvariant();
            string value = id[(colon + 1)..].Trim();
            string normalized = ns + ":" + value;
            if (!ids.Contains(normalized))
            {
                ids.Add(normalized);
            }
        }

        ids.Sort(StringComparer.Ordinal);
        return [.. ids];
    }

    /// <summary>A stable 64-bit hash of a record key (FNV-1a over UTF-16, then a finaliser); independent of process and platform.</summary>
    internal static ulong KeyHash(IdentityRecordKey key)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in key.Source)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        h = (h ^ 0x1F) * 1099511628211UL;
        foreach (char c in key.SourceRecordId)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        return Mix(h);
    }

    internal static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdUL;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53UL;
        x ^= x >> 33;
        return x;
    }
}
