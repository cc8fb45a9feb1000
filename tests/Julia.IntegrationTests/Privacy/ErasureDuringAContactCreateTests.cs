using System.Net;
using Julia.IntegrationTests.Chatwoot;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Privacy;

/// <summary><see cref="PrivacyFixture"/> with Júlia creating the Chatwoot contacts (`CHATWOOT_ESPELHAMENTO=app`) and a 2 s Chatwoot timeout.</summary>
public sealed class PrivacyMirrorFixture : PrivacyFixture
{
    protected override Dictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["CHATWOOT_INBOX_ID"] = HumanLoopFixture.Inbox.ToString();
            settings["CHATWOOT_ESPELHAMENTO"] = "app";
            settings["Chatwoot:TimeoutSeconds"] = "2";
            return settings;
        }
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Eventually.MatchesAsync(() => Task.FromResult(App.Services.GetRequiredService<Julia.Chatwoot.ChatwootIdentity>().ProfileId),
            id => id == Chatwoot.ProfileId);
    }
}

/// <summary>
/// A Chatwoot contact create that got no answer (our timeout) but that Chatwoot carried out after the erasure had looked
/// for his contacts (docs/decisions.md#lgpd, "A contact create with no answer"): the mapping still holds his phone, looks
/// again and deletes the contact — nothing else could find it, the erased row has no phone any more.
/// </summary>
public sealed class ErasureDuringAContactCreateTests(PrivacyMirrorFixture f) : IClassFixture<PrivacyMirrorFixture>
{
    [Fact]
    public async Task AContactCreateThatTimedOutButHappenedAfterTheErasureIsFoundByPhoneAndDeleted()
    {
        const string phone = "5511987650288";
        using var create = f.Chatwoot.HoldFirstContactCreate(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, Text(phone, "oi, sou a Gumercinda Itaúna", pushName: "Gumercinda Itaúna"))).StatusCode);
        Assert.True(await create.ArrivedAsync(TimeSpan.FromSeconds(30)), "the mirror never asked Chatwoot to create the contact");
        var id = await f.ScalarAsync<Guid>("SELECT id FROM medicos WHERE telefone = @phone", new { phone });

        var answer = await f.EraseAsync(id);
        Assert.Equal("apagado", answer["status"]!.GetValue<string>());
        // Our side gave up on the create (2 s)…
        await f.App.Logs.AssertLoggedAsync(l => l.EventId == 6204, "chatwoot: … timed out", 20);
        // …and Chatwoot carried it out all the same, after the erasure had searched: his name and phone are there.
        f.Chatwoot.AddContact(880_288, "Gumercinda Itaúna", "+" + phone);
        create.Release();

        await Eventually.MatchesAsync(() => Task.FromResult(f.Chatwoot.ContactByPhone(phone) is null), gone => gone, seconds: 40);
        await f.App.Logs.AssertLoggedAsync(l => l.EventId == 6321 && l.Message.Contains(id.ToString(), StringComparison.Ordinal), "of the late contact deleted");
        Assert.Null(await f.ScalarAsync<string?>("SELECT chatwoot_contact_id FROM medicos WHERE id = @id", new { id }));
    }
}
