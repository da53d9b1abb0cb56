namespace RydBox.Firmware.Wire
{
    /// <summary>
    /// Encodes a <see cref="TelemetryBatch"/> as a v1 telemetry payload (WIRE-FORMAT.md):
    /// {0: version, 1: sequence, 2: first row time, 3: [time steps], 4: [groups]}.
    /// Time steps are the second row's delta, then deltas of deltas. Columns that have the same rows
    /// share a group [rows, column...], where rows is the presence mask (0 = every row), so polling
    /// tiers cost one mask per tier. A column is [signal, residual...]: the signal id written as an
    /// unsigned integer when the values are coded against the previous value, as the negative
    /// integer −1−id when coded by linear extrapolation, whichever is smaller. Trailing zero
    /// residuals are left out. Allocation-free; one instance per sending thread.
    /// </summary>
    public sealed class TelemetryEncoder
    {
        /// <summary>Returned when the batch has no rows or the sequence is negative.</summary>
        public const int NothingToEncode = 0;

        /// <summary>Returned when the payload does not fit the buffer.</summary>
        public const int DoesNotFit = -1;

        private readonly CborWriter _writer = new CborWriter();
        private ulong[] _groupMasks = new ulong[0];

        // Out and in values of Residuals, kept in fields so the walk needs no allocation.
        private int _residualCount;
        private int _residualLimit;

        /// <summary>Length of the payload written at the start of <paramref name="into"/>, or one of the constants above.</summary>
        public int Encode(TelemetryBatch batch, long sequence, byte[] into)
        {
            if (batch == null || into == null || batch.RowCount == 0 || sequence < 0)
            {
                return NothingToEncode;
            }

            if (_groupMasks.Length < batch.MaxColumns)
            {
                _groupMasks = new ulong[batch.MaxColumns]; // once per batch shape, not per message
            }

            CborWriter w = _writer;
            w.Reset(into);
            w.WriteMapHeader(5);
            w.WriteInt(WireKeys.Version);
            w.WriteInt(WireKeys.CurrentVersion);
            w.WriteInt(WireKeys.Sequence);
            w.WriteInt(sequence);
            w.WriteInt(TelemetryKeys.BaseTime);
            w.WriteInt(batch.RowTime(0));
            w.WriteInt(TelemetryKeys.TimeSteps);
            WriteTimeSteps(batch);
            w.WriteInt(TelemetryKeys.Groups);
            WriteGroups(batch);
            return w.Overflowed ? DoesNotFit : w.Length;
        }

        private void WriteTimeSteps(TelemetryBatch batch)
        {
            int rows = batch.RowCount;
            _writer.WriteArrayHeader(rows - 1);
            for (int row = 1; row < rows; row++)
            {
                long previous = batch.RowTime(row - 1);
                long prediction = row == 1 ? previous : unchecked(2 * previous - batch.RowTime(row - 2));
                _writer.WriteInt(unchecked(batch.RowTime(row) - prediction));
            }
        }

        /// <summary>One group per distinct presence mask, in the order the masks first appear.</summary>
        private void WriteGroups(TelemetryBatch batch)
        {
            int groups = 0;
            for (int column = 0; column < batch.ColumnCount; column++)
            {
                ulong mask = RowsOf(batch, column);
                if (IndexOfGroup(mask, groups) < 0)
                {
                    _groupMasks[groups++] = mask;
                }
            }

            _writer.WriteArrayHeader(groups);
            for (int group = 0; group < groups; group++)
            {
                ulong mask = _groupMasks[group];
                int members = 0;
                for (int column = 0; column < batch.ColumnCount; column++)
                {
                    if (RowsOf(batch, column) == mask)
                    {
                        members++;
                    }
                }

                _writer.WriteArrayHeader(1 + members);
                _writer.WriteUnsigned(mask);
                for (int column = 0; column < batch.ColumnCount; column++)
                {
                    if (RowsOf(batch, column) == mask)
                    {
                        WriteColumn(batch, column);
                    }
                }
            }
        }

        private int IndexOfGroup(ulong mask, int groups)
        {
            for (int i = 0; i < groups; i++)
            {
                if (_groupMasks[i] == mask)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>The column's presence mask as the wire writes it: 0 when it has every row.</summary>
        private static ulong RowsOf(TelemetryBatch batch, int column)
        {
            ulong presence = batch.PresenceAt(column);
            ulong allRows = batch.RowCount == 64 ? ulong.MaxValue : (1UL << batch.RowCount) - 1;
            return presence == allRows ? 0 : presence;
        }

        private void WriteColumn(TelemetryBatch batch, int column)
        {
            int previousCost = Residuals(batch, column, ColumnPredictor.Previous, false);
            int previousCount = _residualCount;
            int linearCost = Residuals(batch, column, ColumnPredictor.Linear, false);
            bool linear = linearCost < previousCost;
            int count = linear ? _residualCount : previousCount;

            _writer.WriteArrayHeader(1 + count);
            int signalId = batch.SignalIdAt(column);
            _writer.WriteInt(linear ? -1 - (long)signalId : signalId);
            _residualLimit = count;
            Residuals(batch, column, linear ? ColumnPredictor.Linear : ColumnPredictor.Previous, true);
        }

        /// <summary>
        /// Walks the column's residuals under <paramref name="predictor"/>: returns the bytes they
        /// take without the trailing zeros and leaves in <see cref="_residualCount"/> how many that
        /// is; when <paramref name="write"/> is set, writes the first <see cref="_residualLimit"/>.
        /// </summary>
        private int Residuals(TelemetryBatch batch, int column, int predictor, bool write)
        {
            int bytes = 0;
            int bytesToLastNonZero = 0;
            long previous = 0;
            long beforePrevious = 0;
            int index = 0;
            _residualCount = 0;
            for (int row = 0; row < batch.RowCount; row++)
            {
                if (!batch.Has(column, row))
                {
                    continue;
                }

                long value = batch.ValueAt(column, row);
                long residual = unchecked(value - ColumnPredictor.Predict(predictor, index, previous, beforePrevious));
                if (write && index < _residualLimit)
                {
                    _writer.WriteInt(residual);
                }

                bytes += CborWriter.IntSize(residual);
                if (residual != 0)
                {
                    bytesToLastNonZero = bytes;
                    _residualCount = index + 1;
                }

                beforePrevious = previous;
                previous = value;
                index++;
            }

            return bytesToLastNonZero;
        }
    }
}
