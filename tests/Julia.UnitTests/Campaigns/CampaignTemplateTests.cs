using Julia.Campaigns;

namespace Julia.UnitTests.Campaigns;

/// <summary>
/// {nome} carries the doctor's title, so a greeting written "Oi Dr(a) {nome}" (the reference's, and the demo data's)
/// read "Oi Dr(a) Dr. Rafael" (an outside pass, 2026-12-02): a title right before another one goes.
/// </summary>
public sealed class CampaignTemplateTests
{
    static CampaignRecipient Doctor(string? titulo, string? nome, string? greeting = null) =>
        new(Guid.NewGuid(), titulo, nome, "anestesiologia", "ABC", greeting, FirstContact: true);

    [Theory]
    [InlineData("Dr.", "Rafael", "Oi Dr(a) {nome}, tudo bem?", "Oi Dr. Rafael, tudo bem?")]
    [InlineData("Dra.", "Camila", "Oi Dr(a) {nome}, tudo bem?", "Oi Dra. Camila, tudo bem?")]
    [InlineData(null, "Bruno", "Oi Dr. {nome}!", "Oi Dr. Bruno!")]
    [InlineData(null, null, "Oi Dr(a) {nome}, tudo bem?", "Oi, tudo bem?")]
    [InlineData("Dr.", "Rafael", "Oi {nome}, tudo bem?", "Oi Dr. Rafael, tudo bem?")]
    [InlineData("Dr.", "Drummond", "Oi Doutor {nome}", "Oi Dr. Drummond")]
    public void ATitleIsNeverDoubled(string? titulo, string? nome, string template, string expected) =>
        Assert.Equal(expected, CampaignTemplate.Render(template, Doctor(titulo, nome), "Revoluna"));

    [Fact]
    public void TheSpecialtysGreetingIsFilledTheSameWay() =>
        Assert.Equal("Oi Dr. Rafael, tudo bem? Sou a Júlia, da Revoluna. Plantões no ABC.",
            CampaignTemplate.Render("{saudacao_especialidade} Plantões no {regiao}.",
                Doctor("Dr.", "Rafael", "Oi Dr(a) {nome}, tudo bem? Sou a Júlia, da {empresa}."), "Revoluna"));

    /// <summary>{nome} is written as every other message of Júlia writes it (an audit of what people read, 2026-12-04):
    /// "Oi Dr. JOÃO" and "Oi Dra. ana🩺" reached doctors as stored.</summary>
    [Theory]
    [InlineData("Dr.", "JOÃO", "Oi {nome}, tudo bem?", "Oi Dr. João, tudo bem?")]
    [InlineData("dra", "ana🩺", "Oi {nome}, tudo bem?", "Oi Dra. Ana, tudo bem?")]
    [InlineData("Dr.", "🩺", "Oi {nome}, tudo bem?", "Oi, tudo bem?")]
    public void TheNameIsWrittenAsInEveryOtherMessage(string? titulo, string? nome, string template, string expected) =>
        Assert.Equal(expected, CampaignTemplate.Render(template, Doctor(titulo, nome), "Revoluna"));

    /// <summary>
    /// One rule for every greeting Júlia sends on her own (docs/decisions.md, "Textos"): the opening of a campaign greets a
    /// doctor as the follow-ups, reminders and confirmations after it do — "Oi Dr. André", "Oi André", and "Oi" alone
    /// without a name. It said "Oi Dr(a), tudo bem?" and "Oi Dr(a). André" while the follow-ups said "Oi, tudo bem?"
    /// and "Oi André" (an audit of what people read, 2026-12-05).
    /// </summary>
    [Theory]
    [InlineData("Dr.", "André")]
    [InlineData("dra", "ANA")]
    [InlineData(null, "joão")]
    [InlineData("", "Bruno")]
    [InlineData(null, null)]
    [InlineData("Dr.", "  ")]
    [InlineData("Dra.", "🩺")]
    public void ACampaignGreetsADoctorAsTheFollowUpsDo(string? titulo, string? nome) =>
        Assert.Equal(Julia.FollowUps.FollowUpJob.Greeting(titulo, nome) + ", tudo bem?",
            CampaignTemplate.Render("Oi {nome}, tudo bem?", Doctor(titulo, nome), "Revoluna"));

    /// <summary>
    /// Without a name, {nome} goes with what only made sense beside it — a title written before it, the comma that set it
    /// off — wherever the template put it; a sentence it opened starts with its next word.
    /// </summary>
    [Theory]
    [InlineData("Olá, {nome}!", "Olá!")]
    [InlineData("Oi Dr(a) {nome}, tudo bem?", "Oi, tudo bem?")]
    [InlineData("Bom dia, Dra. {nome}. Sou a Júlia.", "Bom dia. Sou a Júlia.")]
    [InlineData("Tudo bem, {nome}? Temos plantões no {regiao}.", "Tudo bem? Temos plantões no ABC.")]
    [InlineData("{nome}, temos plantões no {regiao}.", "Temos plantões no ABC.")]
    [InlineData("Dr(a) {nome}, temos plantões.", "Temos plantões.")]
    [InlineData("Oi! {nome}, tudo bem?", "Oi! Tudo bem?")]
    [InlineData("{nome}! Temos plantões.", "Temos plantões.")]
    [InlineData("Oi {nome}\nTemos plantões.", "Oi\nTemos plantões.")]
    [InlineData("Oi doutor {nome}, tudo bem?", "Oi, tudo bem?")]
    public void WithoutANameTheNameAndWhatWentWithItAreLeftOut(string template, string expected) =>
        Assert.Equal(expected.Replace("\\n", "\n"), CampaignTemplate.Render(template.Replace("\\n", "\n"), Doctor(null, null), "Revoluna"));

    /// <summary>
    /// Every way a title is written before {nome}, in every spot a greeting puts it: "Oi Sr. {nome}, tudo bem?" for a doctor
    /// with no name read "Oi Sr. Tudo bem?" — only "Dr(a)" and "Doutor" were left out with the name (an audit, 2026-12-05).
    /// </summary>
    public static readonly TheoryData<string> Titles = new(
        "Dr.", "Dra.", "Dr", "Dra", "dr.", "DRA.", "Drª", "Dr(a)", "Dr(a).", "Dr.(a)", "Doutor", "Doutora", "doutora",
        "Sr.", "Sra.", "Sr", "Sra", "sr.", "SRA.", "Srª", "Srta.", "Sr(a)", "Sr.(a)", "Senhor", "Senhora", "Senhorita",
        "Prof.", "Profa.", "Prof", "Profª", "Prof.ª", "Prof(a)", "Professor", "Professora", "Dona", "Dom");

    [Theory]
    [MemberData(nameof(Titles))]
    public void WithoutANameAnyTitleBeforeItGoesWithIt(string title)
    {
        var sem = Doctor(null, null);
        Assert.Equal("Oi, tudo bem?", CampaignTemplate.Render($"Oi {title} {{nome}}, tudo bem?", sem, "Revoluna"));
        Assert.Equal("Bom dia. Sou a Júlia.", CampaignTemplate.Render($"Bom dia, {title} {{nome}}. Sou a Júlia.", sem, "Revoluna"));
        Assert.Equal("Temos plantões.", CampaignTemplate.Render($"{title} {{nome}}, temos plantões.", sem, "Revoluna"));
        Assert.Equal("Olá! Temos plantões.", CampaignTemplate.Render($"Olá, {title}\u00A0{{nome}}! Temos plantões.", sem, "Revoluna"));
        // The record's own title replaces the template's; without one, the template's is kept beside the name.
        Assert.Equal("Oi Dra. Camila, tudo bem?", CampaignTemplate.Render($"Oi {title} {{nome}}, tudo bem?", Doctor("Dra.", "Camila"), "Revoluna"));
        Assert.Equal($"Oi {title} Bruno, tudo bem?", CampaignTemplate.Render($"Oi {title} {{nome}}, tudo bem?", Doctor(null, "Bruno"), "Revoluna"));
    }

    [Theory]
    [InlineData("Oi Sra {nome}, tudo bem?", "Oi, tudo bem?")]
    [InlineData("Oi Andr {nome}, tudo bem?", "Oi Andr, tudo bem?")] // a word ending like a title is not one
    [InlineData("Oi Drummond {nome}, tudo bem?", "Oi Drummond, tudo bem?")]
    [InlineData("Oi Srs. da equipe, {nome}!", "Oi Srs. da equipe!")]
    public void OnlyATitleRightBeforeTheNameGoes(string template, string expected) =>
        Assert.Equal(expected, CampaignTemplate.Render(template, Doctor(null, null), "Revoluna"));

    [Fact]
    public void WithANameATitleTheTemplateWritesIsKeptWhenTheRecordHasNone() =>
        Assert.Equal("Oi Dr(a) Bruno, tudo bem?", CampaignTemplate.Render("Oi Dr(a) {nome}, tudo bem?", Doctor(null, "Bruno"), "Revoluna"));

    /// <summary>A specialty's greeting is typed by hand in its config: one with a brace that is not a placeholder reached the
    /// doctor as "Oi {Nome}, tudo bem?" (an audit of what people read, 2026-12-04); the generic opening goes instead.</summary>
    [Theory]
    [InlineData("Oi {Nome}, tudo bem?")]
    [InlineData("Oi { nome }, tudo bem?")]
    [InlineData("{saudacao_especialidade} Oi {nome}")]
    public void ASpecialtyGreetingWithABadBraceFallsBackToTheGenericOne(string greeting)
    {
        var text = CampaignTemplate.Render("{saudacao_especialidade} Plantões no {regiao}.", Doctor("Dr.", "Rafael", greeting), "Revoluna");
        Assert.Equal("Oi Dr. Rafael, tudo bem? Sou a Júlia, assistente virtual da equipe de escalas da Revoluna. Plantões no ABC.", text);
        Assert.DoesNotContain("{", text);
    }
}
