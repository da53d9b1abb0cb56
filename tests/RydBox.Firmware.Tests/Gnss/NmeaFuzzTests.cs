using RydBox.Firmware.Gnss;

namespace RydBox.Firmware.Tests.Gnss;

/// <summary>
/// Seeded, so a failure reproduces. Properties: nothing throws, a line whose checksum is wrong
/// (judged independently of the parser) is never Ok, and an Ok line leaves a plausible fix.
/// </summary>
public class NmeaFuzzTests
{
    private static readonly byte[] NmeaAlphabet = NmeaText.Bytes("$*,.-0123456789ABCDEFGNPRMSTVWaf \r\n");

    private readonly NmeaParser _parser = new();
    private readonly GnssFix _fix = new();

    [Fact]
    public void Random_bytes_never_throw_and_never_pass()
    {
        var random = new Random(20240601);
        for (int i = 0; i < 5000; i++)
        {
            var line = new byte[random.Next(0, 140)];
            bool nmeaLike = i % 2 == 0;
            for (int j = 0; j < line.Length; j++)
            {
                line[j] = nmeaLike ? NmeaAlphabet[random.Next(NmeaAlphabet.Length)] : (byte)random.Next(256);
            }

            if (line.Length > 0 && nmeaLike)
            {
                line[0] = (byte)'$';
            }

            Check(line, "random case " + i);
        }
    }

    [Fact]
    public void Mutated_real_sentences_with_wrong_checksums_are_never_ok()
    {
        var random = new Random(7);
        int rejected = 0;
        for (int i = 0; i < 6000; i++)
        {
            byte[] line = Mutate(NmeaText.Bytes(RealSentences.All[i % RealSentences.All.Length]), random);
            if (Check(line, "mutation " + i) != NmeaResult.Ok)
            {
                rejected++;
            }
        }

        rejected.Should().BeGreaterThan(5000, "almost every mutation breaks the checksum");
    }

    [Fact]
    public void Mutated_sentences_with_recomputed_checksums_decode_or_are_refused_cleanly()
    {
        var random = new Random(99);
        var outcomes = new HashSet<NmeaResult>();
        for (int i = 0; i < 6000; i++)
        {
            string real = RealSentences.All[i % RealSentences.All.Length];
            byte[] body = Mutate(NmeaText.Bytes(real.Substring(0, real.IndexOf('*'))), random);
            string resealed = NmeaText.WithChecksum(System.Text.Encoding.Latin1.GetString(body).Replace("*", ""));
            outcomes.Add(Check(NmeaText.Bytes(resealed), "resealed " + i + ": " + resealed));
        }

        outcomes.Should().Contain(new[] { NmeaResult.Ok, NmeaResult.BadField, NmeaResult.UnsupportedSentence });
    }

    [Fact]
    public void Every_truncation_of_every_real_sentence_is_refused()
    {
        foreach (string real in RealSentences.All)
        {
            byte[] full = NmeaText.Bytes(real);
            for (int length = 0; length < full.Length; length++)
            {
                var result = _parser.Parse(full, 0, length, _fix);
                result.Should().NotBe(NmeaResult.Ok, "{0} cut to {1} bytes", real, length);
            }

            _parser.Parse(full, 0, full.Length, _fix).Should().Be(NmeaResult.Ok, real);
        }
    }

    private NmeaResult Check(byte[] line, string because)
    {
        NmeaResult result = NmeaResult.Empty;
        var parse = () => result = _parser.Parse(line, 0, line.Length, _fix);
        parse.Should().NotThrow(because);
        if (result == NmeaResult.Ok)
        {
            NmeaText.HasValidChecksum(line).Should().BeTrue(because);
            _fix.ShouldBePlausible(because);
        }

        return result;
    }

    /// <summary>One to three byte replacements, insertions or deletions.</summary>
    private static byte[] Mutate(byte[] source, Random random)
    {
        var bytes = new List<byte>(source);
        int edits = random.Next(1, 4);
        for (int e = 0; e < edits && bytes.Count > 1; e++)
        {
            int at = random.Next(1, bytes.Count);
            byte value = random.Next(3) == 0 ? (byte)random.Next(256) : NmeaAlphabet[random.Next(NmeaAlphabet.Length)];
            switch (random.Next(3))
            {
                case 0:
                    bytes[at] = value;
                    break;
                case 1:
                    bytes.Insert(at, value);
                    break;
                default:
                    bytes.RemoveAt(at);
                    break;
            }
        }

        return bytes.ToArray();
    }
}
