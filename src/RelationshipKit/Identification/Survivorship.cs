namespace RelationshipKit.Identification;

/// <summary>Builds golden profiles from a customer's records.</summary>
internal static class Survivorship
{
    public static GoldenProfile Build(CustomerId id, IReadOnlyList<IdentityRecord> records, SurvivorshipOptions options, IdentityNormalizer normalizer)
    {
        var fields = new Dictionary<IdentityField, ProfileValue>();
        int[] completeness = [.. records.Select(r => Enum.GetValues<IdentityField>().Count(f => normalizer.Normalize(f, r) is not null))];
        foreach (IdentityField field in Enum.GetValues<IdentityField>())
        {
            SurvivorshipRule rule = options.Rules.TryGetValue(field, out SurvivorshipRule r) ? r : options.DefaultRule;
            var candidates = new List<(int Index, string Value, string Normalized)>();
            for (int i = 0; i < records.Count; i++)
            {
                string? raw = records[i].GetField(field);
                string? normalized = normalizer.Normalize(field, records[i]);
                if (raw is not null && normalized is not null)
                {
                    candidates.Add((i, raw.Trim(), normalized));
                }
            }

            if (candidates.Count == 0)
            {
                continue;
            }

            (int Index, string Value, string Normalized) best = candidates[0];
            foreach ((int Index, string Value, string Normalized) c in candidates.Skip(1))
            {
                if (Better(c, best))
                {
                    best = c;
                }
            }

            fields[field] = new ProfileValue(best.Value, records[best.Index].Key, records[best.Index].ObservedAt, rule);

            bool Better((int Index, string Value, string Normalized) x, (int Index, string Value, string Normalized) y)
            {
                int c = rule switch
                {
                    SurvivorshipRule.MostComplete => completeness[x.Index].CompareTo(completeness[y.Index]),
                    SurvivorshipRule.SourcePriority => Priority(records[y.Index].Source).CompareTo(Priority(records[x.Index].Source)),
                    SurvivorshipRule.MostFrequent => candidates.Count(v => v.Normalized == x.Normalized).CompareTo(candidates.Count(v => v.Normalized == y.Normalized)),
                    SurvivorshipRule.Longest => x.Value.Length.CompareTo(y.Value.Length),
                    _ => 0,
                };
                if (c != 0)
                {
                    return c > 0;
                }

                c = records[x.Index].ObservedAt.CompareTo(records[y.Index].ObservedAt);
                return c != 0 ? c > 0 : records[x.Index].Key > records[y.Index].Key;
            }
        }

        string[] external = [.. records.SelectMany(r => RecordTable.NormalizeExternalIds(r) ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        IdentityRecordKey[] keys = [.. records.Select(r => r.Key)];
        return new GoldenProfile(id, fields, Array.AsReadOnly(external), Array.AsReadOnly(keys));

        int Priority(string source)
        {
            int index = options.SourcePriority.IndexOf(source);
            return index < 0 ? int.MaxValue : index;
        }
    }
}
