using Xunit;

namespace RydBox.Testing.Brokers;

/// <summary>
/// A fact that needs mosquitto: skipped (with the reason) where it is not installed, except under
/// CI=true, where it runs and fails loudly instead.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MosquittoFactAttribute : FactAttribute
{
    public MosquittoFactAttribute()
    {
        Skip = MosquittoBroker.SkipReason;
    }
}
