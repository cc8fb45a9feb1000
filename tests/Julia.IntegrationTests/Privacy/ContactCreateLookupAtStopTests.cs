using System.Net;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.Logging;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Privacy;

/// <summary>
/// The look-up after an unanswered Chatwoot contact create (docs/decisions.md#lgpd, "A contact create with no answer") is
/// tied to the host: a stop ends it at once and logs the runbook's manual step (WARNING 6323) instead of leaving it to
/// run past the host — a bare Task.Run that wrote nothing and could fault with nobody to observe it.
/// </summary>
public sealed class ContactCreateLookupAtStopTests
{
    [Fact]
    public async Task AStopDuringTheLookupEndsItAndLogsTheManualStep()
    {
        const string phone = "5511987650289";
        var f = new PrivacyMirrorFixture();
        await f.InitializeAsync();
        try
        {
            using var create = f.Chatwoot.HoldFirstContactCreate(TimeSpan.FromSeconds(30));
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, Text(phone, "oi, sou a Gumercinda Itaúna", pushName: "Gumercinda Itaúna"))).StatusCode);
            Assert.True(await create.ArrivedAsync(TimeSpan.FromSeconds(30)), "the mirror never asked Chatwoot to create the contact");
            var id = await f.ScalarAsync<Guid>("SELECT id FROM medicos WHERE telefone = @phone", new { phone });
            await f.App.Logs.AssertLoggedAsync(l => l.EventId == 6204, "chatwoot: … timed out", 20);
            create.Release();

            // The checks run 2, 6, 14 and 30 s after the timeout (2 s): the host stops long before the last one.
            var stop = System.Diagnostics.Stopwatch.StartNew();
            await f.App.DisposeAsync();

            Assert.True(stop.Elapsed < TimeSpan.FromSeconds(15), $"the stop waited {stop.Elapsed} for the look-up");
            var stopped = Assert.Single(f.App.Logs.Lines, l => l.EventId == 6323);
            Assert.Equal(LogLevel.Warning, stopped.Level);
            Assert.Contains(id.ToString(), stopped.Message, StringComparison.Ordinal);
            Assert.Contains("apague à mão", stopped.Message, StringComparison.Ordinal);
        }
        finally
        {
            await f.DisposeAsync();
        }
    }
}
