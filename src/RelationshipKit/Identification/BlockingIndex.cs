using System.Runtime.InteropServices;

namespace RelationshipKit.Identification;

/// <summary>
/// The blocking keys of every row for every rule, sorted for block enumeration (batch) and binary-search lookup
/// (incremental), with an overflow map for rows appended later. Rule 0 is the shared-external-id rule when enabled.
/// </summary>
internal sealed class BlockingIndex
{
    internal const long Missing = long.MinValue;

    private readonly RecordTable _table;
    private readonly BlockingRule?[] _rules;
    private readonly int[][] _partSlots;
    private readonly int[][] _partPrefix;
    private readonly long[][] _keys;
    private readonly long[][] _sortedKeys;
    private readonly long[][] _fences;
    private readonly int[][] _sortedRows;
    private readonly Dictionary<long, OverflowBlock>[] _overflow;
    private readonly int[] _overflowCount;
    private readonly int[][] _overflowRows;
    private readonly int[][] _overflowNext;
    private readonly Dictionary<(int Slot, int Length), PrefixMap> _prefixes = [];
    private readonly Dictionary<string, int> _externalIdKeys = new(StringComparer.Ordinal);
    private readonly int _maxBlockSize;
    private HashSet<long>[] _oversized;

    public BlockingIndex(RecordTable table, IEnumerable<BlockingRule> rules, bool externalIdRule, int maxBlockSize)
    {
        _table = table;
        _maxBlockSize = maxBlockSize;
        var list = new List<BlockingRule?>();
        if (externalIdRule)
        {
            list.Add(null);
        }

        list.AddRange(rules);
        _rules = [.. list];
        HasExternalIdRule = externalIdRule;
        Names = [.. _rules.Select(r => r?.Name ?? "ExternalIds")];
        _partSlots = [.. _rules.Select(r => r is null ? [] : r.Parts.Select(p => table.SlotOf(p.Field)).ToArray())];
        _partPrefix = [.. _rules.Select(r => r is null ? [] : r.Parts.Select(p => p.PrefixLength).ToArray())];
        _keys = new long[_rules.Length][];
        _sortedKeys = new long[_rules.Length][];
        _fences = new long[_rules.Length][];
        _sortedRows = new int[_rules.Length][];
        _overflow = [.. _rules.Select(_ => new Dictionary<long, OverflowBlock>())];
        _overflowCount = new int[_rules.Length];
        _overflowRows = [.. _rules.Select(_ => new int[16])];
        _overflowNext = [.. _rules.Select(_ => new int[16])];
        _oversized = [.. _rules.Select(_ => new HashSet<long>())];
        for (int r = 0; r < _rules.Length; r++)
        {
            for (int k = 0; k < _partSlots[r].Length; k++)
            {
                if (_partPrefix[r][k] > 0)
                {
                    _prefixes.TryAdd((_partSlots[r][k], _partPrefix[r][k]), new PrefixMap());
                }
            }
        }
    }

    public string[] Names { get; }

    public int RuleCount => _rules.Length;

    public bool HasExternalIdRule { get; }

    public BlockingRule? Rule(int r) => _rules[r];

    public int[] RuleSlots(int r) => _partSlots[r];

    public int[] SortedRows(int r) => _sortedRows[r];

    public long[] SortedKeys(int r) => _sortedKeys[r];

    public bool IsOversized(int r, long key) => _oversized[r].Contains(key);

    /// <summary>Computes every row's keys and sorts them; rules in parallel.</summary>
    public void Build(int degreeOfParallelism)
    {
        int n = _table.Count;
        foreach (KeyValuePair<(int Slot, int Length), PrefixMap> prefix in _prefixes)
        {
            prefix.Value.Extend(_table.Pools[prefix.Key.Slot], prefix.Key.Length);
        }

        var oversized = new HashSet<long>[_rules.Length];
        Parallel.For(0, _rules.Length, new ParallelOptions { MaxDegreeOfParallelism = degreeOfParallelism }, r =>
        {
            var keys = new List<long>(n);
            var rows = new List<int>(n);
            if (_rules[r] is null)
            {
                _keys[r] = [];
                lock (_externalIdKeys)
                {
                    for (int i = 0; i < n; i++)
                    {
                        foreach (string id in _table.ExternalIds[i] ?? [])
                        {
                            keys.Add(ExternalIdKey(id));
                            rows.Add(i);
                        }
                    }
                }
            }
            else
            {
                long[] own = new long[Math.Max(n, 16)];
                for (int i = 0; i < n; i++)
                {
                    long key = ComputeKey(r, i);
                    own[i] = key;
                    if (key != Missing)
                    {
                        keys.Add(key);
                        rows.Add(i);
                    }
                }

                _keys[r] = own;
            }

            long[] k = [.. keys];
            int[] v = [.. rows];
            Array.Sort(k, v);
            _sortedKeys[r] = k;
            _fences[r] = Fences(k);
            _sortedRows[r] = v;
            var big = new HashSet<long>();
            for (int start = 0; start < k.Length;)
            {
                int end = start + 1;
                while (end < k.Length && k[end] == k[start])
                {
                    end++;
                }

                if (end - start > _maxBlockSize)
                {
                    big.Add(k[start]);
                }

                start = end;
            }

            oversized[r] = big;
        });
        _oversized = oversized;
    }

    private int ExternalIdKey(string id)
    {
        if (!_externalIdKeys.TryGetValue(id, out int key))
        {
            key = _externalIdKeys.Count;
            _externalIdKeys.Add(id, key);
        }

        return key;
    }

    public long KeyOf(int r, int row) => _keys[r][row];

    private long ComputeKey(int r, int row)
    {
        int[] slots = _partSlots[r];
        int[] prefix = _partPrefix[r];
        long key = 0;
        ulong hash = 0x9E3779B97F4A7C15UL;
        for (int k = 0; k < slots.Length; k++)
        {
            int v = _table.Columns[slots[k]][row];
            if (v < 0)
            {
                return Missing;
            }

            if (prefix[k] > 0)
            {
                v = _prefixes[(slots[k], prefix[k])].Map[v];
            }

            key = k == 0 ? v : (key << 32) | (uint)v;
            hash = RecordTable.Mix(hash ^ (ulong)(uint)v ^ ((ulong)k << 40));
        }

        return slots.Length <= 2 ? key : (long)(hash & 0x7FFF_FFFF_FFFF_FFFFUL);
    }

    /// <summary>Whether rows a and b share a key of a rule before <paramref name="rule"/> whose block was enumerated (so the pair was produced there).</summary>
    public bool ProducedByEarlierRule(int rule, int a, int b)
    {
        for (int r = 0; r < rule; r++)
        {
            if (_rules[r] is null)
            {
                if (SharesEnumeratedExternalId(a, b))
                {
                    return true;
                }

                continue;
            }

            long ka = _keys[r][a];
            if (ka != Missing && ka == _keys[r][b] && !_oversized[r].Contains(ka))
            {
                return true;
            }
        }

        return false;
    }

    private bool SharesEnumeratedExternalId(int a, int b)
    {
        string[]? x = _table.ExternalIds[a];
        string[]? y = _table.ExternalIds[b];
        if (x is null || y is null)
        {
            return false;
        }

        foreach (string id in x)
        {
            if (Array.BinarySearch(y, id, StringComparer.Ordinal) >= 0 && !_oversized[0].Contains(_externalIdKeys[id]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Adds an appended row to the index (keys into the overflow map). Not thread-safe.</summary>
    public void Append(int row)
    {
        foreach (KeyValuePair<(int Slot, int Length), PrefixMap> prefix in _prefixes)
        {
            prefix.Value.Extend(_table.Pools[prefix.Key.Slot], prefix.Key.Length);
        }

        for (int r = 0; r < _rules.Length; r++)
        {
            if (_rules[r] is null)
            {
                foreach (string id in _table.ExternalIds[row] ?? [])
                {
                    AddOverflow(r, ExternalIdKey(id), row);
                }

                continue;
            }

            if (_keys[r].Length <= row)
            {
                Array.Resize(ref _keys[r], Math.Max(row + 1, _keys[r].Length * 2));
            }

            long key = ComputeKey(r, row);
            _keys[r][row] = key;
            if (key != Missing)
            {
                AddOverflow(r, key, row);
            }
        }
    }

    private void AddOverflow(int r, long key, int row)
    {
        // Rows appended after the build live in per-key chains over two growing arrays (no allocation per row).
        int entry = _overflowCount[r]++;
        if (entry == _overflowRows[r].Length)
        {
            Array.Resize(ref _overflowRows[r], entry * 2);
            Array.Resize(ref _overflowNext[r], entry * 2);
        }

        ref OverflowBlock block = ref CollectionsMarshal.GetValueRefOrAddDefault(_overflow[r], key, out bool exists);
        _overflowRows[r][entry] = row;
        _overflowNext[r][entry] = exists ? block.Head : -1;
        block = new OverflowBlock(entry, exists ? block.Count + 1 : 1);
        if (_overflowCount[r] > Math.Max(65_536, _sortedKeys[r].Length / 4))
        {
            Consolidate(r);
        }
    }

    /// <summary>
    /// Merges the overflow chains into the sorted arrays: a linear merge of the sorted arrays with the sorted overflow
    /// (sorting only the overflow), once the overflow holds a quarter of the sorted keys, so an append costs O(log n)
    /// amortised and the pause is proportional to the index, once per n/4 appends.
    /// </summary>
    private void Consolidate(int r)
    {
        int extra = _overflowCount[r];
        long[] addKeys = new long[extra];
        int[] addRows = new int[extra];
        int m = 0;
        foreach (KeyValuePair<long, OverflowBlock> pair in _overflow[r])
        {
            for (int e = pair.Value.Head; e >= 0; e = _overflowNext[r][e])
            {
                addKeys[m] = pair.Key;
                addRows[m++] = _overflowRows[r][e];
            }
        }

        Array.Sort(addKeys, addRows);
        long[] oldKeys = _sortedKeys[r];
        int[] oldRows = _sortedRows[r];
        long[] keys = new long[oldKeys.Length + extra];
        int[] rows = new int[keys.Length];
        int i = 0, j = 0, k = 0;
        while (i < oldKeys.Length || j < extra)
        {
            if (j == extra || (i < oldKeys.Length && oldKeys[i] <= addKeys[j]))
            {
                keys[k] = oldKeys[i];
                rows[k++] = oldRows[i++];
            }
            else
            {
                keys[k] = addKeys[j];
                rows[k++] = addRows[j++];
            }
        }

        _sortedKeys[r] = keys;
        _fences[r] = Fences(keys);
        _sortedRows[r] = rows;
        _overflow[r].Clear();
        _overflowCount[r] = 0;
    }

    /// <summary>
    /// Writes into <paramref name="buffer"/> (grown when needed) every row that shares a key with <paramref name="row"/>
    /// in a block no larger than the maximum, skipping rows whose <paramref name="stamp"/> entry already equals
    /// <paramref name="stampValue"/> (and stamping those written), so each row appears once. Allocates nothing.
    /// </summary>
    /// <returns>The number of rows written.</returns>
    public int CollectCandidates(int row, int[] stamp, int stampValue, ref int[] buffer)
    {
        int count = 0;
        for (int r = 0; r < _rules.Length; r++)
        {
            if (_rules[r] is null)
            {
                foreach (string id in _table.ExternalIds[row] ?? [])
                {
                    count = CollectBlock(r, _externalIdKeys[id], stamp, stampValue, ref buffer, count);
                }

                continue;
            }

            long key = _keys[r][row];
            if (key != Missing)
            {
                count = CollectBlock(r, key, stamp, stampValue, ref buffer, count);
            }
        }

        return count;
    }

    private int CollectBlock(int r, long key, int[] stamp, int stampValue, ref int[] buffer, int count)
    {
        long[] keys = _sortedKeys[r];
        int lo = LowerBound(keys, _fences[r], key);
        int hi = lo;
        while (hi < keys.Length && keys[hi] == key)
        {
            hi++;
        }

        OverflowBlock extra = _overflow[r].TryGetValue(key, out OverflowBlock b) ? b : new OverflowBlock(-1, 0);
        int size = (hi - lo) + extra.Count;
        if (size > _maxBlockSize || size < 2)
        {
            return count;
        }

        if (buffer.Length < count + size)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, count + size));
        }

        int[] rows = _sortedRows[r];
        for (int i = lo; i < hi; i++)
        {
            int other = rows[i];
            if (stamp[other] != stampValue)
            {
                stamp[other] = stampValue;
                buffer[count++] = other;
            }
        }

        int[] overflowRows = _overflowRows[r];
        int[] next = _overflowNext[r];
        for (int e = extra.Head; e >= 0; e = next[e])
        {
            int other = overflowRows[e];
            if (stamp[other] != stampValue)
            {
                stamp[other] = stampValue;
                buffer[count++] = other;
            }
        }

        return count;
    }

    /// <summary>Every <see cref="FenceStride"/>-th key: a small sorted sample that stays in cache, so a lookup touches few lines of the large array.</summary>
    private static long[] Fences(long[] keys)
    {
        long[] fences = new long[(keys.Length + FenceStride - 1) / FenceStride];
        for (int i = 0; i < fences.Length; i++)
        {
            fences[i] = keys[i * FenceStride];
        }

        return fences;
    }

    private const int FenceStride = 32;

    /// <summary>The first index whose key is not below <paramref name="key"/>: a binary search of the fences, then of one stride of the keys.</summary>
    private static int LowerBound(long[] keys, long[] fences, long key)
    {
        // The first fence not below the key bounds the answer from above; the stride before it holds it.
        int f = LowerBound(fences, 0, fences.Length, key);
        int lo = Math.Max(0, (f - 1) * FenceStride);
        int hi = Math.Min(keys.Length, f * FenceStride);
        return LowerBound(keys, lo, hi, key);
    }

    private static int LowerBound(long[] keys, int lo, int hi, long key)
    {
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (keys[mid] < key)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private readonly record struct OverflowBlock(int Head, int Count);

    private sealed class PrefixMap
    {
        private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

        public PrefixMap() => _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();

        public int[] Map { get; private set; } = [];

        public int Computed { get; private set; }

        public void Extend(ValuePool pool, int length)
        {
            if (Computed >= pool.Count)
            {
                return;
            }

            int[] map = Map;
            if (map.Length < pool.Count)
            {
                Array.Resize(ref map, Math.Max(pool.Count, map.Length * 2));
            }

            for (int v = Computed; v < pool.Count; v++)
            {
                ReadOnlySpan<char> prefix = pool.Values[v].AsSpan(0, Math.Min(length, pool.Values[v].Length));
                if (!_lookup.TryGetValue(prefix, out int id))
                {
                    id = _ids.Count;
                    _ids.Add(prefix.ToString(), id);
                }

                map[v] = id;
            }

            Map = map;
            Computed = pool.Count;
        }
    }
}
