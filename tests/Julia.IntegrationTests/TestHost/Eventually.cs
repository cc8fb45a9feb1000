namespace Julia.IntegrationTests.TestHost;

/// <summary>Waits for background work (the turn runner) to reach a state; fails with the last observed value. Not a timing assertion.</summary>
internal static class Eventually
{
    public static async Task<T> MatchesAsync<T>(Func<Task<T>> probe, Func<T, bool> done, int seconds = 30, int pollMilliseconds = 50)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        T last;
        do
        {
            last = await probe();
            if (done(last)) return last;
            await Task.Delay(pollMilliseconds);
        } while (DateTime.UtcNow < deadline);
        var shown = last is System.Collections.IEnumerable items and not string ? string.Join(", ", items.Cast<object?>()) : last?.ToString();
        throw new Xunit.Sdk.XunitException($"condition not reached in {seconds}s; last value: {shown}");
    }
}
