using CsCheck;
using RelationshipKit.Interactions;
using RelationshipKit.Internal;
using static RelationshipKit.Tests.Interactions.InteractionTestData;

namespace RelationshipKit.Tests.Internal;

public sealed class OpenHashIndexTests
{
    private static int Hash(string id) => id.GetHashCode(StringComparison.Ordinal);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AddFindRemove_RandomOperations_AgreeWithADictionary(bool collidingHashes)
    {
        // A small key universe in a small table: long probe runs, wrap-around at the end of the array and removals
        // from the middle of runs, checked after every operation against a dictionary. With colliding hashes many
        // keys share a hash (and the rest of the run), so the key comparison decides.
        Func<string, int> hash = collidingHashes ? id => (id[^1] % 3) - 1 : Hash;
        Interaction[] universe = [.. Enumerable.Range(0, 48).Select(i => Make("k" + i))];
        Gen<(bool Add, int Key)> operation = Gen.Select(Gen.Int[0, 9].Select(r => r < 6), Gen.Int[0, universe.Length - 1]);
        operation.Array[1, 400].Sample(
            ops =>
            {
                var index = new OpenHashIndex<string, Interaction, IdKey>();
                var model = new Dictionary<string, Interaction>(StringComparer.Ordinal);
                foreach ((bool add, int key) in ops)
                {
                    Interaction item = universe[key];
                    if (add)
                    {
                        int slot = index.FindSlot(item.Id, hash(item.Id));
                        (slot >= 0).Should().Be(model.ContainsKey(item.Id));
                        if (slot < 0)
                        {
                            index.Fill(slot, hash(item.Id), item);
                            model.Add(item.Id, item);
                        }
                        else
                        {
                            index.At(slot).Should().BeSameAs(item);
                        }
                    }
                    else
                    {
                        index.Remove(item.Id, hash(item.Id)).Should().Be(model.Remove(item.Id));
                    }

                    index.Count.Should().Be(model.Count);
                    foreach (Interaction candidate in universe)
                    {
                        index.Find(candidate.Id, hash(candidate.Id)).Should().BeSameAs(model.GetValueOrDefault(candidate.Id));
                    }
                }
            },
            iter: 300);
    }

    [Fact]
    public void EnsureRoomTouchAndFills_ManyKeys_EverythingIsFound()
    {
        var index = new OpenHashIndex<string, Interaction, IdKey>();
        Interaction[] items = [.. Enumerable.Range(0, 1_000).Select(i => Make("id-" + i))];
        index.EnsureRoom(items.Length);
        int[] slots = [.. items.Select(i => index.FindSlot(i.Id, Hash(i.Id)))];
        slots.Should().OnlyContain(s => s < 0);
        int[] hashes = [.. items.Select(i => Hash(i.Id))];
        _ = index.Touch(hashes);
        for (int i = 0; i < items.Length; i++)
        {
            // Probed again after the earlier fills: a slot found before them may have been taken by a colliding key.
            int slot = index.FindSlot(items[i].Id, hashes[i]);
            index.Fill(slot, hashes[i], items[i]);
        }

        index.Count.Should().Be(items.Length);
        items.Should().OnlyContain(i => ReferenceEquals(index.Find(i.Id, Hash(i.Id)), i));
        index.Find("absent", Hash("absent")).Should().BeNull();
        index.Remove("absent", Hash("absent")).Should().BeFalse();
    }

    private readonly struct IdKey : IKeyOf<string, Interaction>
    {
        public bool Matches(Interaction value, string key) => string.Equals(value.Id, key, StringComparison.Ordinal);
    }
}
