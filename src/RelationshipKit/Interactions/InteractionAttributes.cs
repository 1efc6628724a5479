using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace RelationshipKit.Interactions;

/// <summary>An immutable string map kept sorted by ordinal key: deterministic output, cheap equality.</summary>
internal sealed class InteractionAttributes : IReadOnlyDictionary<string, string>
{
    public static readonly InteractionAttributes Empty = new([]);

    private readonly KeyValuePair<string, string>[] _items;

    private InteractionAttributes(KeyValuePair<string, string>[] sortedItems) => _items = sortedItems;

    public int Count => _items.Length;

    public IEnumerable<string> Keys => _items.Select(p => p.Key);

    public IEnumerable<string> Values => _items.Select(p => p.Value);

    public ReadOnlySpan<KeyValuePair<string, string>> Items => _items;

    public string this[string key] => TryGetValue(key, out string? value) ? value : throw new KeyNotFoundException($"No attribute '{key}'.");

    /// <summary>Builds the map, checking every key and value; throws <see cref="InvalidInteractionException"/> naming the attribute.</summary>
    public static InteractionAttributes Create(IEnumerable<KeyValuePair<string, string>>? source)
    {
        if (source is null)
        {
            return Empty;
        }

        if (source is InteractionAttributes ready)
        {
            return ready;
        }

        var items = new List<KeyValuePair<string, string>>(source is ICollection<KeyValuePair<string, string>> c ? c.Count : 4);
        foreach (KeyValuePair<string, string> pair in source)
        {
            if (items.Count == Interaction.MaxAttributeCount)
            {
                throw new InvalidInteractionException("attributes", $"The attributes hold more than {Interaction.MaxAttributeCount} entries.");
            }

            if (pair.Key is null)
            {
                throw new InvalidInteractionException("attributes", "An attribute key is null.");
            }

            if (pair.Key.Length == 0 || string.IsNullOrWhiteSpace(pair.Key))
            {
                throw new InvalidInteractionException("attributes", "An attribute key is empty or white space.");
            }

            if (Internal.TextRules.Check(pair.Key, Interaction.MaxAttributeKeyLength, allowControl: false) is { } keyProblem)
            {
                throw new InvalidInteractionException("attributes", $"The attribute key '{Internal.NameRules.Truncate(pair.Key)}' {keyProblem}.");
            }

            string field = "attributes." + pair.Key;
            if (pair.Value is null)
            {
                throw new InvalidInteractionException(field, $"The attribute '{pair.Key}' is null; attributes are strings.");
            }

            if (Internal.TextRules.Check(pair.Value, Interaction.MaxAttributeValueLength, allowControl: true) is { } valueProblem)
            {
                throw new InvalidInteractionException(field, $"The attribute '{pair.Key}' {valueProblem}.");
            }

            items.Add(pair);
        }

        if (items.Count == 0)
        {
            return Empty;
        }

        KeyValuePair<string, string>[] array = [.. items];
        Array.Sort(array, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        for (int i = 1; i < array.Length; i++)
        {
            if (string.Equals(array[i - 1].Key, array[i].Key, StringComparison.Ordinal))
            {
                throw new InvalidInteractionException("attributes." + array[i].Key, $"The attribute '{array[i].Key}' appears more than once.");
            }
        }

        return new InteractionAttributes(array);
    }

    /// <summary>Wraps items already checked and sorted (from a store or the NDJSON reader).</summary>
    internal static InteractionAttributes FromSorted(KeyValuePair<string, string>[] sortedItems) =>
        sortedItems.Length == 0 ? Empty : new InteractionAttributes(sortedItems);

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        int i = IndexOf(key);
        if (i >= 0)
        {
            value = _items[i].Value;
            return true;
        }

        value = null;
        return false;
    }

    public bool ContentEquals(InteractionAttributes other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (_items.Length != other._items.Length)
        {
            return false;
        }

        for (int i = 0; i < _items.Length; i++)
        {
            if (!string.Equals(_items[i].Key, other._items[i].Key, StringComparison.Ordinal)
                || !string.Equals(_items[i].Value, other._items[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        int lo = 0;
        int hi = _items.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int c = string.CompareOrdinal(_items[mid].Key, key);
            if (c == 0)
            {
                return mid;
            }

            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }
}
