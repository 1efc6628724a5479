using System.Buffers;
using System.Text;
using System.Text.Json;
using RelationshipKit.Internal;

namespace RelationshipKit.Interactions;

/// <summary>
/// Strict NDJSON import and export of interactions: one JSON object per line.
/// </summary>
/// <remarks>
/// <para><b>Line shape.</b> Required: <c>id</c> (the idempotency key), <c>customerId</c>, <c>kind</c>,
/// <c>channel</c>, <c>direction</c> (<c>inbound</c> or <c>outbound</c>) and <c>occurredAt</c> (ISO 8601 with a
/// time and an offset or <c>Z</c>). Optional: <c>amount</c> (number), <c>campaign</c> and <c>outcome</c> (strings),
/// <c>rating</c> (whole number 0-10), <c>sentiment</c> (number -1 to 1) and <c>attributes</c> (a flat object of
/// strings). Kinds and channels are lower camel case (<c>campaignOpened</c>, <c>contactCentre</c>). Optional fields
/// may be <c>null</c>. Unknown or repeated properties, wrong JSON types, invalid UTF-8, nesting deeper than the shape
/// allows, offset-less or far-future times and unknown kinds are errors naming the field.</para>
/// <para><b>Import.</b> Every bad line is reported with its number and reason and skipped; every good line is
/// stored. Lines are appended in atomic batches of <see cref="InteractionOptions.ImportBatchSize"/>, so a line is
/// either wholly stored or not at all; because every line carries its idempotency key, importing a file again (or
/// after a crash part-way) stores each interaction exactly once. A line whose id is stored with other content is
/// reported (field <c>id</c>) and skipped. A UTF-8 byte order mark at the start is skipped, <c>\r\n</c> line ends
/// are accepted and blank lines are ignored.</para>
/// <para><b>Export.</b> Writes the same shape with properties in a fixed order, optional fields only when present,
/// attributes in ordinal key order, times with their offsets and no more fractional digits than needed, one line
/// per interaction ending with <c>\n</c>. Importing an export into an empty store and exporting again gives the same
/// bytes.</para>
/// <para>Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed class InteractionNdjson
{
    private const int ReadChunk = 64 * 1024;
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private readonly InteractionRules _rules;
    private readonly int _batchSize;
    private readonly int _maxLineBytes;

    /// <summary>Creates a reader and writer of interaction NDJSON.</summary>
    /// <param name="options">The rules for interactions (copied); defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock that defines "now" for future-dated lines; the system clock when <see langword="null"/>.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid; the message names the option.</exception>
    public InteractionNdjson(InteractionOptions? options = null, TimeProvider? timeProvider = null)
    {
        options ??= new InteractionOptions();
        _rules = new InteractionRules(options, timeProvider ?? TimeProvider.System);
        _batchSize = options.ImportBatchSize;
        _maxLineBytes = options.MaxLineBytes;
    }

    /// <summary>Reads one NDJSON line, applying every rule an import applies.</summary>
    /// <param name="line">The line, without its line end.</param>
    /// <returns>The interaction.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="line"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidInteractionException">The line is malformed; <see cref="InvalidInteractionException.FieldName"/> names the field.</exception>
    public Interaction ParseLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return ParseLine(Encoding.UTF8.GetBytes(line));
    }

    /// <summary>Reads one NDJSON line given as UTF-8 bytes, applying every rule an import applies.</summary>
    /// <param name="utf8Line">The line's bytes, without its line end.</param>
    /// <returns>The interaction.</returns>
    /// <exception cref="InvalidInteractionException">The line is malformed; <see cref="InvalidInteractionException.FieldName"/> names the field.</exception>
    public Interaction ParseLine(ReadOnlySpan<byte> utf8Line)
    {
        if (utf8Line.Length > _maxLineBytes)
        {
            throw new InvalidInteractionException("$", $"The line is {utf8Line.Length} bytes long; the limit is {_maxLineBytes}.");
        }

        Interaction interaction = InteractionJsonCodec.Parse(utf8Line);
        _rules.Check(interaction, -1, _rules.LatestUtcTicks());
        return interaction;
    }

    /// <summary>Writes one interaction as an NDJSON line, without the line end.</summary>
    /// <param name="interaction">The interaction.</param>
    /// <returns>The line.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="interaction"/> is <see langword="null"/>.</exception>
    public static string FormatLine(Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, InteractionJsonCodec.WriterOptions))
        {
            InteractionJsonCodec.Write(writer, interaction);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Imports NDJSON lines into a store; bad lines are reported and skipped, good ones stored.</summary>
    /// <param name="source">The NDJSON text (UTF-8), read to its end; the caller keeps ownership.</param>
    /// <param name="store">The store to append to.</param>
    /// <param name="cancellationToken">Cancels between batches; batches already appended stay stored.</param>
    /// <returns>Counts per outcome and every rejected line.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="store"/> is <see langword="null"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="IOException">Reading the source failed; batches already appended stay stored.</exception>
    public async Task<InteractionImportResult> ImportAsync(Stream source, IInteractionStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(store);
        var state = new ImportState(_batchSize);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ReadChunk);
        try
        {
            int filled = 0;
            int start = 0;
            bool skipping = false; // inside an over-long line, until its end
            bool first = true;
            long lineNumber = 0;
            while (true)
            {
                if (start > 0 && start == filled)
                {
                    start = filled = 0;
                }

                if (filled == buffer.Length)
                {
                    if (start > 0)
                    {
                        Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
                        filled -= start;
                        start = 0;
                    }
                    else if (skipping || filled > _maxLineBytes)
                    {
                        // The current line is already too long: report it once and drop what was buffered.
                        if (!skipping)
                        {
                            state.Errors.Add(new InteractionImportError(lineNumber + 1, "$", $"The line is longer than {_maxLineBytes} bytes."));
                            skipping = true;
                        }

                        filled = 0;
                    }
                    else
                    {
                        byte[] grown = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, _maxLineBytes + ReadChunk));
                        Buffer.BlockCopy(buffer, 0, grown, 0, filled);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = grown;
                    }
                }

                int read = await source.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (first)
                {
                    first = false;
                    if (read >= 3 && buffer.AsSpan(0, 3).SequenceEqual(Bom))
                    {
                        start = 3;
                    }
                }

                int scanFrom = filled;
                filled += read;
                while (true)
                {
                    int newline = buffer.AsSpan(scanFrom, filled - scanFrom).IndexOf((byte)'\n');
                    if (newline < 0)
                    {
                        break;
                    }

                    int end = scanFrom + newline;
                    lineNumber++;
                    if (skipping)
                    {
                        skipping = false;
                    }
                    else
                    {
                        HandleLine(buffer.AsSpan(start, end - start), lineNumber, state);
                    }

                    start = end + 1;
                    scanFrom = start;
                    if (state.Batch.Count >= _batchSize)
                    {
                        await FlushAsync(store, state, cancellationToken).ConfigureAwait(false);
                    }
                }

                if (read == 0)
                {
                    if (filled > start)
                    {
                        lineNumber++;
                        if (!skipping)
                        {
                            HandleLine(buffer.AsSpan(start, filled - start), lineNumber, state);
                        }
                    }

                    break;
                }
            }

            await FlushAsync(store, state, cancellationToken).ConfigureAwait(false);
            state.Errors.Sort(static (a, b) => a.LineNumber.CompareTo(b.LineNumber));
            return new InteractionImportResult(lineNumber, state.Appended, state.AlreadyAppended, state.Erased, [.. state.Errors]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Exports interactions as NDJSON: one customer's, or every customer's in the store's order.</summary>
    /// <param name="store">The store to read.</param>
    /// <param name="destination">Where to write UTF-8 NDJSON; the caller keeps ownership.</param>
    /// <param name="customerId">One customer to export, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>How many interactions were written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> or <paramref name="destination"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="customerId"/> is the default value.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<long> ExportAsync(IInteractionStore store, Stream destination, CustomerId? customerId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(destination);
        if (customerId is { IsEmpty: true })
        {
            throw new ArgumentException("The customer id is the default value; use null to export every customer.", nameof(customerId));
        }

        IAsyncEnumerable<Interaction> source = customerId is { } id
            ? store.ReadAsync(id, default, cancellationToken)
            : store.ReadAllAsync(default, cancellationToken);
        var buffer = new ArrayBufferWriter<byte>(ReadChunk);
        long count = 0;
        var writer = new Utf8JsonWriter(buffer, InteractionJsonCodec.WriterOptions);
        await using (writer.ConfigureAwait(false))
        {
            await foreach (Interaction interaction in source.ConfigureAwait(false))
            {
                InteractionJsonCodec.Write(writer, interaction);
                writer.Flush();
                writer.Reset();
                buffer.Write("\n"u8);
                count++;
                if (buffer.WrittenCount >= ReadChunk - 4096)
                {
                    await destination.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
                    buffer.ResetWrittenCount();
                }
            }
        }

        if (buffer.WrittenCount > 0)
        {
            await destination.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        }

        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }

    private void HandleLine(ReadOnlySpan<byte> line, long lineNumber, ImportState state)
    {
        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        if (line.Trim(" \t"u8).IsEmpty)
        {
            return;
        }

        try
        {
            state.Batch.Add((ParseLine(line), lineNumber));
        }
        catch (InvalidInteractionException ex)
        {
            state.Errors.Add(new InteractionImportError(lineNumber, ex.FieldName ?? "$", ex.Reason));
        }
    }

    private static async Task FlushAsync(IInteractionStore store, ImportState state, CancellationToken cancellationToken)
    {
        List<(Interaction Interaction, long Line)> batch = state.Batch;
        while (batch.Count > 0)
        {
            var interactions = new Interaction[batch.Count];
            for (int i = 0; i < interactions.Length; i++)
            {
                interactions[i] = batch[i].Interaction;
            }

            try
            {
                AppendBatchResult result = await store.AppendBatchAsync(interactions, null, cancellationToken).ConfigureAwait(false);
                state.Appended += result.AppendedCount;
                state.AlreadyAppended += result.AlreadyAppendedCount;
                state.Erased += result.ErasedCount;
                batch.Clear();
            }
            catch (InteractionConflictException ex)
            {
                var refused = new HashSet<int>();
                foreach (InteractionConflict conflict in ex.Conflicts)
                {
                    refused.Add(conflict.Index);
                    state.Errors.Add(new InteractionImportError(
                        batch[conflict.Index].Line,
                        "id",
                        $"The id '{conflict.InteractionId}' is already stored with different content."));
                }

                Remove(batch, refused);
            }
            catch (InvalidInteractionException ex) when (ex.Index >= 0 && ex.Index < batch.Count)
            {
                // The clock moved on between parsing and appending, or the store has stricter rules.
                state.Errors.Add(new InteractionImportError(batch[(int)ex.Index].Line, ex.FieldName ?? "$", ex.Reason));
                Remove(batch, [(int)ex.Index]);
            }
        }
    }

    private static void Remove(List<(Interaction Interaction, long Line)> batch, HashSet<int> indexes)
    {
        int write = 0;
        for (int read = 0; read < batch.Count; read++)
        {
            if (!indexes.Contains(read))
            {
                batch[write++] = batch[read];
            }
        }

        batch.RemoveRange(write, batch.Count - write);
    }

    private sealed class ImportState(int batchSize)
    {
        public List<(Interaction Interaction, long Line)> Batch { get; } = new(batchSize);

        public List<InteractionImportError> Errors { get; } = [];

        public long Appended { get; set; }

        public long AlreadyAppended { get; set; }

        public long Erased { get; set; }
    }
}
