using System.Globalization;
using RelationshipKit;
using RelationshipKit.Interactions;
using RelationshipKit.Sqlite;

// Appends to a SQLite interaction store until it is killed, printing "ack:<id>:end" for every append the store
// acknowledged (stdout is flushed after each acknowledgement). The crash test kills this process at a random moment
// and then checks that every acknowledged id is in the database.
// Usage: RelationshipKit.Sqlite.CrashHost <database path> <round> [seed]
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: RelationshipKit.Sqlite.CrashHost <database path> <round> [seed]");
    return 2;
}

string path = args[0];
int round = int.Parse(args[1], CultureInfo.InvariantCulture);
var random = new Random(args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : round);
using var output = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = false };
using var store = new SqliteInteractionStore(new SqliteStoreOptions { DatabasePath = path });
output.WriteLine("ready");
output.Flush();

DateTimeOffset at = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
int next = 0;
while (next < 5_000_000)
{
    if (random.Next(3) == 0)
    {
        Interaction single = Make(round, next++, at);
        await store.AppendAsync(single);
        output.WriteLine($"ack:{single.Id}:end");
    }
    else
    {
        var batch = new List<Interaction>();
        int size = random.Next(1, 50);
        for (int i = 0; i < size; i++)
        {
            batch.Add(Make(round, next++, at));
        }

        await store.AppendBatchAsync(batch);
        foreach (Interaction interaction in batch)
        {
            output.WriteLine($"ack:{interaction.Id}:end");
        }
    }

    output.Flush();
}

return 0;

static Interaction Make(int round, int n, DateTimeOffset at) =>
    new(
        $"r{round}-{n}",
        new CustomerId($"cust{n % 97}"),
        InteractionKind.Purchase,
        Channel.Web,
        InteractionDirection.Inbound,
        at.AddSeconds(n),
        amount: n % 100,
        attributes: new Dictionary<string, string> { ["round"] = round.ToString(CultureInfo.InvariantCulture) });
