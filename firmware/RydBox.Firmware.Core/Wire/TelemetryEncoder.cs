namespace RydBox.Firmware.Wire
{
    /// <summary>
    /// Encodes a <see cref="TelemetryBatch"/> as a v1 telemetry payload:
    /// {0: version, 1: sequence, 2: first row time, 3: [time steps], 4: [columns]}, where the time
    /// steps are the first delta then deltas of deltas, and each column is
    /// [signal id, head, residual...]. The head's major type names the predictor (unsigned =
    /// previous value, negative = linear) and its argument is the presence mask of the rows the
    /// column has, 0 when it has every row. Allocation-free; one instance per sending thread.
    /// </summary>
    public sealed class TelemetryEncoder
    {
        /// <summary>Returned when the batch has no rows or the sequence is negative.</summary>
        public const int NothingToEncode = 0;

        /// <summary>Returned when the payload does not fit the buffer.</summary>
        public const int DoesNotFit = -1;

        private readonly CborWriter _writer = new CborWriter();

        /// <summary>Length of the payload written at the start of <paramref name="into"/>, or one of the constants above.</summary>
        public int Encode(TelemetryBatch batch, long sequence, byte[] into)
        {
            if (batch == null || into == null || batch.RowCount == 0 || sequence < 0)
            {
                return NothingToEncode;
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
            w.WriteInt(TelemetryKeys.Columns);
            w.WriteArrayHeader(batch.ColumnCount);
            for (int column = 0; column < batch.ColumnCount; column++)
            {
                WriteColumn(batch, column);
            }

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

        private void WriteColumn(TelemetryBatch batch, int column)
        {
            ulong presence = batch.PresenceAt(column);
            int present = CountBits(presence);
            int predictor = CostOf(batch, column, ColumnPredictor.Linear) < CostOf(batch, column, ColumnPredictor.Previous)
                ? ColumnPredictor.Linear
                : ColumnPredictor.Previous;
            ulong mask = present == batch.RowCount ? 0 : presence;

            _writer.WriteArrayHeader(2 + present);
            _writer.WriteInt(batch.SignalIdAt(column));
            _writer.WriteHead(predictor == ColumnPredictor.Linear ? CborMajorType.NegativeInteger : CborMajorType.UnsignedInteger, mask);

            long previous = 0;
            long beforePrevious = 0;
            int index = 0;
            for (int row = 0; row < batch.RowCount; row++)
            {
                if (!batch.Has(column, row))
                {
                    continue;
                }

                long value = batch.ValueAt(column, row);
                _writer.WriteInt(unchecked(value - ColumnPredictor.Predict(predictor, index, previous, beforePrevious)));
                beforePrevious = previous;
                previous = value;
                index++;
            }
        }

        /// <summary>Bytes the residuals would take under <paramref name="predictor"/>.</summary>
        private static int CostOf(TelemetryBatch batch, int column, int predictor)
        {
            int bytes = 0;
            long previous = 0;
            long beforePrevious = 0;
            int index = 0;
            for (int row = 0; row < batch.RowCount; row++)
            {
                if (!batch.Has(column, row))
                {
                    continue;
                }

                long value = batch.ValueAt(column, row);
                bytes += CborWriter.IntSize(unchecked(value - ColumnPredictor.Predict(predictor, index, previous, beforePrevious)));
                beforePrevious = previous;
                previous = value;
                index++;
            }

            return bytes;
        }

        private static int CountBits(ulong bits)
        {
            int count = 0;
            while (bits != 0)
            {
                bits &= bits - 1;
                count++;
            }

            return count;
        }
    }
}
