using System.CommandLine;
using Microsoft.Data.Sqlite;
using RelationshipKit.Interactions;
using RelationshipKit.Sqlite;

namespace RelationshipKit.Cli.Commands;

/// <summary>
/// <c>relkit interactions import|export|erase</c>: interaction history in a SQLite database, in and out as NDJSON.
/// Exit codes: 0 success, 2 bad input (bad NDJSON lines, missing files, invalid ids), 1 failure (I/O, database).
/// </summary>
internal static class InteractionsCommand
{
    internal const int Success = 0;
    internal const int Failure = 1;
    internal const int BadInput = 2;

    public static Command Create()
    {
        var command = new Command("interactions", "Import, export and erase interaction history kept in a SQLite database.");
        command.Subcommands.Add(CreateImport());
        command.Subcommands.Add(CreateExport());
        command.Subcommands.Add(CreateErase());
        return command;
    }

    private static Option<FileInfo> DatabaseOption() =>
        new("--db") { Description = "The SQLite database file (created by import if missing).", Required = true };

    private static Command CreateImport()
    {
        Option<FileInfo> db = DatabaseOption();
        var ndjson = new Option<FileInfo>("--ndjson") { Description = "The NDJSON file to import (one interaction per line).", Required = true };
        var command = new Command("import", "Import NDJSON interactions; bad lines are reported with their number and skipped, good lines are stored. Importing again stores nothing twice.")
        {
            db,
            ndjson,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, async (output, error) =>
        {
            FileInfo input = parse.GetValue(ndjson)!;
            if (!input.Exists)
            {
                await error.WriteLineAsync($"relkit: the NDJSON file '{input.FullName}' does not exist.").ConfigureAwait(false);
                return BadInput;
            }

            using var store = new SqliteInteractionStore(new SqliteStoreOptions { DatabasePath = parse.GetValue(db)!.FullName });
            InteractionImportResult result;
            FileStream stream = input.OpenRead();
            await using (stream.ConfigureAwait(false))
            {
                result = await new InteractionNdjson().ImportAsync(stream, store, cancellationToken).ConfigureAwait(false);
            }

            foreach (InteractionImportError bad in result.Errors)
            {
                await error.WriteLineAsync($"{input.Name}: {bad}").ConfigureAwait(false);
            }

            await output.WriteLineAsync(
                $"{input.Name}: {result.LinesRead} lines read, {result.Appended} appended, {result.AlreadyAppended} already stored, {result.Erased} refused (erased), {result.Errors.Count} rejected.").ConfigureAwait(false);
            return result.HasErrors ? BadInput : Success;
        }));
        return command;
    }

    private static Command CreateExport()
    {
        Option<FileInfo> db = DatabaseOption();
        var customer = new Option<string>("--customer") { Description = "Export only this customer's interactions." };
        var ndjson = new Option<FileInfo>("--ndjson") { Description = "The NDJSON file to write (replaced whole, never half-written).", Required = true };
        var command = new Command("export", "Export interactions as NDJSON, in the shape import reads.")
        {
            db,
            customer,
            ndjson,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, async (output, error) =>
        {
            FileInfo database = parse.GetValue(db)!;
            if (!database.Exists)
            {
                await error.WriteLineAsync($"relkit: the database '{database.FullName}' does not exist.").ConfigureAwait(false);
                return BadInput;
            }

            CustomerId? only = null;
            if (parse.GetValue(customer) is { } text)
            {
                if (!CustomerId.TryCreate(text, out CustomerId id))
                {
                    await error.WriteLineAsync($"relkit: --customer '{text}' is not a valid customer id.").ConfigureAwait(false);
                    return BadInput;
                }

                only = id;
            }

            FileInfo target = parse.GetValue(ndjson)!;
            string temporary = Path.Combine(target.DirectoryName ?? ".", $".{target.Name}.{Guid.NewGuid():N}.tmp");
            using var store = new SqliteInteractionStore(new SqliteStoreOptions { DatabasePath = database.FullName });
            long count;
            try
            {
                FileStream stream = new(temporary, FileMode.CreateNew, FileAccess.Write);
                await using (stream.ConfigureAwait(false))
                {
                    count = await InteractionNdjson.ExportAsync(store, stream, only, cancellationToken).ConfigureAwait(false);
                    stream.Flush(flushToDisk: true);
                }

                File.Move(temporary, target.FullName, overwrite: true);
            }
            finally
            {
                File.Delete(temporary);
            }

            await output.WriteLineAsync($"{count} interactions exported to {target.Name}.").ConfigureAwait(false);
            return Success;
        }));
        return command;
    }

    private static Command CreateErase()
    {
        Option<FileInfo> db = DatabaseOption();
        var customer = new Option<string>("--customer") { Description = "The customer to erase (right to be forgotten).", Required = true };
        var command = new Command("erase", "Erase a customer's interactions, preferences and consents; the erased bytes are scrubbed from the database file and its log.")
        {
            db,
            customer,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, async (output, error) =>
        {
            FileInfo database = parse.GetValue(db)!;
            if (!database.Exists)
            {
                await error.WriteLineAsync($"relkit: the database '{database.FullName}' does not exist.").ConfigureAwait(false);
                return BadInput;
            }

            string text = parse.GetValue(customer)!;
            if (!CustomerId.TryCreate(text, out CustomerId id))
            {
                await error.WriteLineAsync($"relkit: --customer '{text}' is not a valid customer id.").ConfigureAwait(false);
                return BadInput;
            }

            var options = new SqliteStoreOptions { DatabasePath = database.FullName };
            using var interactions = new SqliteInteractionStore(options);
            using var preferences = new SqliteContactPreferenceStore(options);
            IReadOnlyList<ErasureResult> results = await new PersonalDataEraser([interactions, preferences]).EraseAsync(id, cancellationToken).ConfigureAwait(false);
            long records = results.Sum(r => r.RecordsErased);
            bool scrubbed = results.All(r => r.StorageScrubbed);
            await output.WriteLineAsync($"Customer '{id}': {records} records erased; storage scrubbed: {(scrubbed ? "yes" : "no (run erase again when no reader holds the database)")}.").ConfigureAwait(false);
            return scrubbed ? Success : Failure;
        }));
        return command;
    }

    /// <summary>Runs an action with the invocation's writers and turns I/O and database failures into exit code 1.</summary>
    private static async Task<int> RunAsync(ParseResult parse, Func<TextWriter, TextWriter, Task<int>> action)
    {
        TextWriter output = parse.InvocationConfiguration.Output;
        TextWriter error = parse.InvocationConfiguration.Error;
        try
        {
            return await action(output, error).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SqliteException or NotSupportedException or InvalidOperationException)
        {
            await error.WriteLineAsync($"relkit: {ex.Message}").ConfigureAwait(false);
            return Failure;
        }
    }
}
