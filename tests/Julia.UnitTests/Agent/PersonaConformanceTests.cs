using Julia.Agent;

namespace Julia.UnitTests.Agent;

/// <summary>
/// The persona rules of docs/decisions.md#agent ("Persona", "Deliberate change (honesty)") as the system prompt states
/// them: only a real model can honour tone or an emoji count, but each rule must be written where the model reads it.
/// One rule per row, in the prompt's own pt-BR words; the honesty change removed the reference's denial, back-story and
/// deliberate typos, and nothing of them may come back.
/// </summary>
public sealed class PersonaConformanceTests
{
    static readonly string Prompt = AgentContextBuilder.SystemPrompt(
        DateTimeOffset.Parse("2026-11-25T13:30:00Z"), "Revoluna", profile: null, shifts: [], firstContact: true, returnedFromHuman: false);

    [Theory]
    [InlineData("company", "da Revoluna")]
    [InlineData("short lines", "1 a 3 linhas")]
    [InlineData("abbreviations", "vc, pra, tá, blz, tb, msg")]
    [InlineData("emoji", "No máximo 1 ou 2 emojis na conversa inteira")]
    [InlineData("no lists or markdown", "Nada de listas, tópicos, negrito ou markdown")]
    [InlineData("no corporate formulas", "\"prezado\", \"cordialmente\"")]
    [InlineData("one shift at a time", "um plantão por vez (até 3 só se ele pedir)")]
    [InlineData("the shift in one sentence", "numa frase com hospital e cidade, dia da semana e data")]
    [InlineData("the shift's terms", "período e horário, setor e valor")]
    [InlineData("introduces herself", "apresente-se como a assistente virtual")]
    [InlineData("asks availability and preferences", "Pergunte pela disponibilidade dele")]
    [InlineData("offers the best match", "ofereça o plantão que mais combina")]
    [InlineData("negotiates inside the range", "só dentro da faixa informada (valor_minimo a valor_maximo)")]
    [InlineData("or the margin directive", "margem que uma diretriz ativa")]
    [InlineData("never above the ceiling", "nunca prometa acima desse teto")]
    [InlineData("reserves after an explicit yes", "depois de um \"sim\" explícito")]
    [InlineData("call-back when asked", "agendar_lembrete")]
    [InlineData("upset doctor", "chateado, peça desculpas")]
    [InlineData("says she will check", "diga que vai confirmar com a equipe")]
    [InlineData("never deny being an AI", "Nunca negue ser uma IA")]
    [InlineData("honest answer and a person", "diga que é a assistente virtual (IA) da equipe e ofereça chamar uma pessoa")]
    [InlineData("acceptance goes to a person", "solicitar_humano\n  com tipo pedido_humano")]
    [InlineData("no human-only facts", "idade, tempo de empresa, estar no escritório, barulho, fone")]
    [InlineData("never invent", "Nunca invente plantões, valores, hospitais, datas, regras ou políticas")]
    [InlineData("no other doctors' data", "Não compartilhe dados de outros médicos")]
    [InlineData("no politics or religion", "Não discuta política nem religião")]
    [InlineData("silence after an opt-out", "use registrar_opt_out e não mande mais nada")]
    public void ThePromptStatesTheRule(string rule, string words) =>
        Assert.True(Prompt.Contains(words, StringComparison.Ordinal), $"the persona does not state \"{rule}\": {words}");

    /// <summary>The reference's prompt told her to deny being an AI, gave her an age and years at the company, and typos.</summary>
    [Theory]
    [InlineData("27 anos")]
    [InlineData("4 anos")]
    [InlineData("erros de digitação")]
    [InlineData("nunca diga que é uma IA")]
    [InlineData("você é humana")]
    public void NothingOfTheReferencesHumanBackStoryIsLeft(string words) =>
        Assert.DoesNotContain(words, Prompt, StringComparison.OrdinalIgnoreCase);
}
