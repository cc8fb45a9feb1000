using Julia.Campaigns;

namespace Julia.UnitTests.Campaigns;

/// <summary>
/// A 409 of `iniciar`/`pausar`/`cancelar` names the status it found as a status: "Campanha 7 está rascunho" (a noun) and
/// "está concluida" (a contract word without its accent, read as a misspelt adjective) were no Portuguese.
/// </summary>
public sealed class CampaignStatusTitleTests
{
    [Theory]
    [InlineData("rascunho", "Campanha 7 está com status rascunho")]
    [InlineData("concluida", "Campanha 7 está com status concluida")]
    [InlineData("pausada", "Campanha 7 está com status pausada")]
    [InlineData("apagada", "Campanha 7 foi apagada")]
    [InlineData(null, "Campanha 7 foi apagada")]
    public void TheTitleNamesTheStatus(string? status, string expected) => Assert.Equal(expected, CampaignEndpoints.StatusTitle(7, status));
}
