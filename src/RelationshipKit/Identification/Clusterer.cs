namespace RelationshipKit.Identification;

/// <summary>
/// Union-find over rows with merge protection: trusted-field conflicts, per-namespace external-id limits,
/// never-match pairs and (optionally) average linkage. Not thread-safe.
/// </summary>
internal sealed class Clusterer
{
    private readonly RecordTable _table;
    private readonly int[] _parent;
    private readonly int[] _size;
    private readonly int[] _next;
    private readonly int[] _trustedSlots;
    private readonly int[] _trusted;
    private readonly Dictionary<string, int> _limits;
    private readonly List<string>?[] _limited;
    private readonly Dictionary<int, List<int>> _never = [];
    private readonly Func<int, int, double>? _probability;
    private readonly double _threshold;

    public Clusterer(RecordTable table, int count, int[] trustedSlots, IDictionary<string, int> limits, Func<int, int, double>? averageLinkage, double threshold)
    {
        _table = table;
        _parent = new int[count];
        _size = new int[count];
        _next = new int[count];
        _trustedSlots = trustedSlots;
        _trusted = new int[count * trustedSlots.Length];
        _limits = new Dictionary<string, int>(limits.Select(p => new KeyValuePair<string, int>(p.Key.Trim().ToLowerInvariant(), p.Value)), StringComparer.Ordinal);
        _limited = new List<string>?[count];
        _probability = averageLinkage;
        _threshold = threshold;
        for (int i = 0; i < count; i++)
        {
            _parent[i] = i;
            _size[i] = 1;
            _next[i] = i;
            for (int t = 0; t < trustedSlots.Length; t++)
            {
                _trusted[(i * trustedSlots.Length) + t] = table.Columns[trustedSlots[t]][i];
            }

            if (_limits.Count > 0 && table.ExternalIds[i] is { } ids)
            {
                foreach (string id in ids)
                {
                    if (_limits.ContainsKey(Namespace(id)))
                    {
                        (_limited[i] ??= []).Add(id);
                    }
                }
            }
        }
    }

    public int RefusedCount { get; private set; }

    public int Find(int x)
    {
        while (_parent[x] != x)
        {
            _parent[x] = _parent[_parent[x]];
            x = _parent[x];
        }

        return x;
    }

    public void AddNeverMatch(int a, int b)
    {
        Add(a, b);
        Add(b, a);

        void Add(int x, int y)
        {
            if (!_never.TryGetValue(x, out List<int>? list))
            {
                list = [];
                _never.Add(x, list);
            }

            list.Add(y);
        }
    }

    /// <summary>Joins the groups of a and b unless protection forbids it (forced joins skip protection except never-match).</summary>
    public bool TryUnion(int a, int b, bool force)
    {
        int x = Find(a);
        int y = Find(b);
        if (x == y)
        {
            return true;
        }

        if (!force && !CanJoin(x, y))
        {
            RefusedCount++;
            return false;
        }

        if (force && ViolatesNeverMatch(x, y))
        {
            RefusedCount++;
            return false;
        }

        if (_size[x] < _size[y])
        {
            (x, y) = (y, x);
        }

        _parent[y] = x;
        _size[x] += _size[y];
        (_next[x], _next[y]) = (_next[y], _next[x]);
        int t = _trustedSlots.Length;
        for (int k = 0; k < t; k++)
        {
            int vx = _trusted[(x * t) + k];
            int vy = _trusted[(y * t) + k];
            _trusted[(x * t) + k] = vx == -1 ? vy : vy == -1 || vy == vx ? vx : -2;
        }

        if (_limited[y] is { } ids)
        {
            List<string> target = _limited[x] ??= [];
            foreach (string id in ids)
            {
                if (!target.Contains(id))
                {
                    target.Add(id);
                }
            }
        }

        return true;
    }

    private bool CanJoin(int x, int y)
    {
        int t = _trustedSlots.Length;
        for (int k = 0; k < t; k++)
        {
            int vx = _trusted[(x * t) + k];
            int vy = _trusted[(y * t) + k];
            if ((vx == -2 && vy != -1) || (vy == -2 && vx != -1) || (vx >= 0 && vy >= 0 && vx != vy))
            {
                return false;
            }
        }

        if (_limits.Count > 0 && _limited[x] is { } lx && _limited[y] is { } ly)
        {
            foreach (KeyValuePair<string, int> limit in _limits)
            {
                int count = lx.Count(id => Namespace(id) == limit.Key);
                foreach (string id in ly)
                {
                    if (Namespace(id) == limit.Key && !lx.Contains(id))
                    {
                        count++;
                    }
                }

                if (count > limit.Value)
                {
                    return false;
                }
            }
        }

        if (ViolatesNeverMatch(x, y))
        {
            return false;
        }

        if (_probability is not null)
        {
            double sum = 0;
            long pairs = 0;
            int i = x;
            do
            {
                int j = y;
                do
                {
                    sum += _probability(i, j);
                    pairs++;
                    j = _next[j];
                }
                while (j != y);
                i = _next[i];
            }
            while (i != x);
            if (sum / pairs < _threshold)
            {
                return false;
            }
        }

        return true;
    }

    private bool ViolatesNeverMatch(int x, int y)
    {
        if (_never.Count == 0)
        {
            return false;
        }

        int small = _size[x] <= _size[y] ? x : y;
        int other = small == x ? y : x;
        int i = small;
        do
        {
            if (_never.TryGetValue(i, out List<int>? partners))
            {
                foreach (int p in partners)
                {
                    if (Find(p) == other)
                    {
                        return true;
                    }
                }
            }

            i = _next[i];
        }
        while (i != small);
        return false;
    }

    internal static string Namespace(string externalId) => externalId[..externalId.IndexOf(':', StringComparison.Ordinal)];
}
