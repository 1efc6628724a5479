using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace RelationshipKit.Sqlite.Tests;

/// <summary>Kill -9 of a process appending to SQLite, repeated: the database opens, passes its integrity check, and holds every acknowledged append.</summary>
public sealed class SqliteCrashTests : IDisposable
{
    private const int Rounds = 5;
    private readonly TempFolder _folder = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task KillDashNine_WhileAppending_EveryAcknowledgedAppendSurvives()
    {
        string host = CrashHostPath();
        string database = _folder.File("crash.db");
        var random = new Random(20240601);
        var acknowledged = new List<string>();
        for (int round = 0; round < Rounds; round++)
        {
            List<string> acks = await RunAndKillAsync(host, database, round, TimeSpan.FromMilliseconds(random.Next(150, 900)));
            acks.Should().NotBeEmpty($"round {round} should have appended something before it was killed");
            acknowledged.AddRange(acks);

            using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
            connection.Open();
            using (SqliteCommand check = connection.CreateCommand())
            {
                check.CommandText = "PRAGMA integrity_check;";
                check.ExecuteScalar().Should().Be("ok");
            }

            var stored = new HashSet<string>(StringComparer.Ordinal);
            using (SqliteCommand ids = connection.CreateCommand())
            {
                ids.CommandText = "SELECT id FROM rk_interactions;";
                using SqliteDataReader reader = ids.ExecuteReader();
                while (reader.Read())
                {
                    stored.Add(reader.GetString(0));
                }
            }

            acknowledged.Where(id => !stored.Contains(id)).Should().BeEmpty($"every acknowledged append survives (round {round})");
        }

        // The store itself opens the crashed database and reads it.
        using var store = new SqliteInteractionStore(new SqliteStoreOptions { DatabasePath = database });
        (await store.FindAsync(acknowledged[^1], Ct)).Should().NotBeNull();
    }

    private static async Task<List<string>> RunAndKillAsync(string host, string database, int round, TimeSpan delay)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(host);
        start.ArgumentList.Add(database);
        start.ArgumentList.Add(round.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The crash host did not start.");
        var acks = new List<string>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstAck = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<string> stderr = process.StandardError.ReadToEndAsync(Ct);
        Task reader = Task.Run(
            async () =>
            {
                while (await process.StandardOutput.ReadLineAsync(Ct) is { } line)
                {
                    if (line == "ready")
                    {
                        ready.TrySetResult();
                    }
                    else if (line.StartsWith("ack:", StringComparison.Ordinal) && line.EndsWith(":end", StringComparison.Ordinal))
                    {
                        lock (acks)
                        {
                            acks.Add(line[4..^4]);
                        }

                        firstAck.TrySetResult();
                    }
                }

                ready.TrySetResult();
                firstAck.TrySetResult();
            },
            Ct);

        await ready.Task.WaitAsync(TimeSpan.FromMinutes(2), Ct);

        // Kill at a random moment after the host has acknowledged at least one append, so that a slow (loaded)
        // machine cannot turn the round into a kill before any work was done.
        await firstAck.Task.WaitAsync(TimeSpan.FromMinutes(2), Ct);
        await Task.Delay(delay, Ct);
        if (process.HasExited)
        {
            throw new InvalidOperationException($"The crash host ended by itself (exit code {process.ExitCode}): {await stderr}");
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(Ct);
        await reader;
        return acks;
    }

    private static string CrashHostPath()
    {
        // The test runs from tests/RelationshipKit.Sqlite.Tests/bin/<Configuration>/net10.0/; the host is built next door.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string framework = output.Name;
        string configuration = output.Parent!.Name;
        DirectoryInfo tests = output.Parent!.Parent!.Parent!.Parent!;
        string path = Path.Combine(tests.FullName, "RelationshipKit.Sqlite.CrashHost", "bin", configuration, framework, "RelationshipKit.Sqlite.CrashHost.dll");
        File.Exists(path).Should().BeTrue($"the crash host should be built at {path}");
        return path;
    }
}
