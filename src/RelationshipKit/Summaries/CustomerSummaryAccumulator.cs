using System.Diagnostics.CodeAnalysis;
using RelationshipKit.Internal;

namespace RelationshipKit.Summaries;

/// <summary>
/// Keeps customer summaries up to date one transaction at a time, for hosts that see purchases as they happen.
/// </summary>
/// <remarks>
/// <para>Each customer keeps a compact ledger of purchase periods (a period key, its net spend, its purchase
/// count and first and last purchase time). A transaction in the customer's latest period or a later one costs
/// O(1); a late transaction for an earlier period costs a binary search and an insertion. A summary is read in
/// O(periods of that customer) for any calibration end, so one accumulator serves today's scores and
/// back-tests alike.</para>
/// <para>For the same options, any arrival order of the same transactions gives exactly the summaries of
/// <see cref="CustomerSummaryBuilder"/>. All members are thread-safe; writers are serialised by a lock.</para>
/// </remarks>
public sealed class CustomerSummaryAccumulator
{
    private readonly Lock _gate = new();
    private readonly CustomerSummaryOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Periodizer _periodizer;
    private readonly Dictionary<CustomerId, Ledger> _ledgers = [];
    private readonly List<Ledger> _order = [];

    /// <summary>Creates an empty accumulator.</summary>
    /// <param name="options">The options (copied); defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock that defines "now" for future-dated input; the system clock when <see langword="null"/>.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid; the message names the option.</exception>
    public CustomerSummaryAccumulator(CustomerSummaryOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = (options ?? new CustomerSummaryOptions()).Clone();
        _options.ThrowIfInvalid();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _periodizer = new Periodizer(_options.Period, _options.TimeZoneId);
    }

    /// <summary>The number of customers with at least one accepted transaction.</summary>
    public int CustomerCount
    {
        get
        {
            lock (_gate)
            {
                return _order.Count;
            }
        }
    }

    /// <summary>The unit of the summaries' durations.</summary>
    public TimeUnit TimeUnit => _options.TimeUnit;

    /// <summary>Adds one transaction.</summary>
    /// <param name="transaction">The transaction.</param>
    /// <returns><see cref="AccumulationResult.Added"/>, or <see cref="AccumulationResult.Duplicate"/> for a replay of an order already added.</returns>
    /// <exception cref="InvalidTransactionException">The transaction breaks a rule of <see cref="CustomerSummaryOptions"/>; nothing changes.</exception>
    public AccumulationResult Add(Transaction transaction)
    {
        var validator = new TransactionValidator(_options, _timeProvider);
        validator.Check(transaction.CustomerId, transaction.OccurredAt, transaction.Amount, transaction.OrderId, -1);
        long key = _periodizer.KeyOf(transaction.OccurredAt);
        lock (_gate)
        {
            if (!_ledgers.TryGetValue(transaction.CustomerId, out Ledger? ledger))
            {
                ledger = new Ledger(transaction.CustomerId);
                if (!ledger.Add(key, transaction))
                {
                    return AccumulationResult.Duplicate;
                }

                _ledgers.Add(transaction.CustomerId, ledger);
                _order.Add(ledger);
                return AccumulationResult.Added;
            }

            return ledger.Add(key, transaction) ? AccumulationResult.Added : AccumulationResult.Duplicate;
        }
    }

    /// <summary>Reads one customer's summary.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="calibrationEnd">The end of the calibration period; the period that contains it is included.</param>
    /// <param name="observationEnd">The end of the holdout window, or <see langword="null"/>.</param>
    /// <param name="summary">The summary, when the customer has a purchase up to the calibration end.</param>
    /// <returns><see langword="true"/> when the customer is known and has a purchase up to the calibration end.</returns>
    /// <exception cref="ArgumentException">The calibration end is the default value, or the observation end is not after it.</exception>
    public bool TryGetSummary(CustomerId customerId, DateTimeOffset calibrationEnd, DateTimeOffset? observationEnd, [NotNullWhen(true)] out CustomerSummary? summary)
    {
        (long calibrationKey, long? observationKey) = SummaryWindow.Resolve(_periodizer, calibrationEnd, observationEnd);
        lock (_gate)
        {
            if (_ledgers.TryGetValue(customerId, out Ledger? ledger))
            {
                SummaryFolder folder = ledger.Fold(calibrationKey, observationKey ?? long.MinValue);
                if (folder.HasPurchase)
                {
                    summary = new SummaryTableWriter(0, _periodizer, _options.TimeUnit, calibrationKey, observationKey).Single(customerId, folder);
                    return true;
                }
            }
        }

        summary = null;
        return false;
    }

    /// <summary>Reads every customer's summary as a table, in first-seen order.</summary>
    /// <param name="calibrationEnd">The end of the calibration period; the period that contains it is included.</param>
    /// <param name="observationEnd">The end of the holdout window, or <see langword="null"/>.</param>
    /// <returns>One summary per customer with a purchase up to the calibration end.</returns>
    /// <exception cref="ArgumentException">The calibration end is the default value, or the observation end is not after it.</exception>
    public CustomerSummaryTable ToTable(DateTimeOffset calibrationEnd, DateTimeOffset? observationEnd)
    {
        (long calibrationKey, long? observationKey) = SummaryWindow.Resolve(_periodizer, calibrationEnd, observationEnd);
        lock (_gate)
        {
            var writer = new SummaryTableWriter(_order.Count, _periodizer, _options.TimeUnit, calibrationKey, observationKey);
            foreach (Ledger ledger in _order)
            {
                SummaryFolder folder = ledger.Fold(calibrationKey, observationKey ?? long.MinValue);
                if (folder.HasPurchase)
                {
                    writer.Add(ledger.CustomerId, folder);
                }
            }

            return writer.ToTable();
        }
    }

    private struct Period
    {
        public long Key;
        public decimal Spend;
        public int Purchases;
        public DateTimeOffset FirstAt;
        public DateTimeOffset LastAt;
    }

    private sealed class Ledger(CustomerId customerId)
    {
        private Period[] _periods = new Period[2];
        private int _count;
        private OrderLedger? _orders;

        public CustomerId CustomerId { get; } = customerId;

        /// <summary>Adds a checked transaction; false for a replay. Throws on an order conflict before changing anything.</summary>
        public bool Add(long key, in Transaction t)
        {
            if (t.OrderId is { } orderId)
            {
                _orders ??= new OrderLedger();
                if (!_orders.FirstSighting(t.CustomerId, orderId, t.OccurredAt, t.Amount, -1))
                {
                    return false;
                }
            }

            int i;
            if (_count > 0 && _periods[_count - 1].Key == key)
            {
                i = _count - 1;
            }
            else if (_count == 0 || _periods[_count - 1].Key < key)
            {
                i = Insert(_count, key);
            }
            else
            {
                i = Array.BinarySearch(_periods, 0, _count, new Period { Key = key }, KeyComparer.Instance);
                if (i < 0)
                {
                    i = Insert(~i, key);
                }
            }

            ref Period p = ref _periods[i];
            p.Spend += t.Amount;
            if (t.Amount >= 0m)
            {
                p.FirstAt = p.Purchases == 0 ? t.OccurredAt : SummaryFolder.Earlier(p.FirstAt, t.OccurredAt);
                p.LastAt = p.Purchases == 0 ? t.OccurredAt : SummaryFolder.Later(p.LastAt, t.OccurredAt);
                p.Purchases++;
            }

            return true;
        }

        public SummaryFolder Fold(long calibrationKey, long observationKey)
        {
            var folder = new SummaryFolder(calibrationKey, observationKey);
            for (int i = 0; i < _count; i++)
            {
                ref readonly Period p = ref _periods[i];
                folder.Add(p.Key, p.Spend, p.Purchases, p.FirstAt, p.LastAt);
            }

            return folder;
        }

        private int Insert(int at, long key)
        {
            if (_count == _periods.Length)
            {
                Array.Resize(ref _periods, _periods.Length * 2);
            }

            Array.Copy(_periods, at, _periods, at + 1, _count - at);
            _periods[at] = new Period { Key = key };
            _count++;
            return at;
        }
    }

    private sealed class KeyComparer : IComparer<Period>
    {
        public static readonly KeyComparer Instance = new();

        public int Compare(Period x, Period y) => x.Key.CompareTo(y.Key);
    }
}
