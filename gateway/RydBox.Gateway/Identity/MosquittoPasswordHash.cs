using System.Security.Cryptography;

namespace RydBox.Gateway.Identity;

/// <summary>
/// Password hashes as mosquitto 2.x reads them from its password_file: "$7$iterations$salt$hash",
/// PBKDF2-HMAC-SHA512 over the password with a 12-byte salt and a 64-byte result, both base64
/// (what `mosquitto_passwd` writes by default).
/// </summary>
public static class MosquittoPasswordHash
{
    /// <summary>
    /// mosquitto_passwd uses 101; mosquitto checks the hash on every connect in its single thread, so
    /// a count like ours (100 000) would throttle a reconnecting fleet. Device secrets are 32 random
    /// bytes, which no iteration count makes easier or harder to guess.
    /// </summary>
    public const int Iterations = 1_000;

    private const int SaltBytes = 12;
    private const int HashBytes = 64;

    public static string Hash(string password, int iterations = Iterations)
    {
        byte[] salt = RandomNumberGenerator.GetBytes(SaltBytes);
        byte[] hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA512, HashBytes);
        return $"$7${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    /// <summary>True when <paramref name="stored"/> is a "$7$" hash of <paramref name="password"/>.</summary>
    public static bool Verify(string password, string stored)
    {
        string[] parts = stored.Split('$');
        if (parts.Length != 5 || parts[0].Length != 0 || parts[1] != "7" || !int.TryParse(parts[2], out int iterations) || iterations < 1)
        {
            return false;
        }

        try
        {
            byte[] salt = Convert.FromBase64String(parts[3]);
            byte[] expected = Convert.FromBase64String(parts[4]);
            byte[] actual = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA512, expected.Length);
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
