using System.Text.RegularExpressions;
using Julia.Handoffs;

namespace Julia.Conversations.Text;

/// <summary>
/// Sixtieth blind set (docs/detection-history.md#triggers): one of ours asked for by name in the forms the older expressions
/// missed — named, then asked after or for by a pronoun ("a pessoa que me indicou disse pra falar com o Marcelo, ele tá?",
/// "a Camila me passou esse número, consegue me colocar em contato com ela?"), asked after with "cadê" or "tá?" alone ("cadê
/// a Juliana?", "o Marcelo tá?"), "me passar pro Rodrigo", "chamar a Patrícia pra mim", "falar direto com a Luana", a title
/// with the transfer ("passa pro Dr Ricardo"), their number asked ("me passa o telefone do Marcelo"); the bot refused with the
/// words turned round ("com robô eu não falo"), the talk escalated ("escala pra um humano"), our ombudsman's channel asked.
/// A name is a capitalised word that is not a hospital, a title alone, a day or a service (the guards of Detect still apply:
/// the hospital's people, a call refused, a request negated).
/// </summary>
internal static partial class HandoffTriggerDetector
{
    /// <summary>A capitalised first name: not a hospital, a place, a title, a service or God.</summary>
    const string AName = @"(?!Dr\b|Dra\b|Doutor|Doutora|Hospital|Cl[ií]nica|Pronto|Plant|Santa\b|S[aã]o\b|Einstein|S[ií]rio|Incor\b|Unimed|Prefeitura|Uber\b|Pix\b|Samu\b|Deus\b|Senhor\b|J[uú]lia\b|Segunda|Ter[cç]a|Quarta|Quinta|Sexta|S[aá]bado|Domingo|Paciente)\p{Lu}\p{Ll}+\b";

    /// <summary>A name named in the message (as "a/o Nome", "com a Nome", "pro Nome").</summary>
    const string NameNamed = @"(?<![\p{L}])(?i:a|o|pra|pro|para a|para o) " + AName;

    static bool OursAskedByName(string text, string t) =>
        (t.AsSpan().ContainsAny(ByNameWords) && (ByName().IsMatch(text) || (NamesCapitalised(text) is { } named && ByName().IsMatch(named))))
        // Sixty-second blind set: a name in lower case, a name or a title with a verb of talking (HandoffTriggerDetector.FirstNames.cs).
        || TalkedToByNameOrTitle(text, t);

    static readonly Infrastructure.Text.RegexAlternation ByNamePieces = new(ByName1(), ByName2(), ByName3(), ByName4(), ByName5());

    /// <summary>
    /// The expressions ByName1…ByName5 as one alternation, written in pieces the JIT optimises (docs/decisions.md#detection-speed):
    /// every alternative repeats the name's guard, so a piece holds one to three.
    /// </summary>
    static Infrastructure.Text.RegexAlternation ByName() => ByNamePieces;

    /// <summary>Words one of which every alternative of <see cref="ByName"/> needs, looked for in the normalised text.</summary>
    static readonly System.Buffers.SearchValues<string> ByNameWords = System.Buffers.SearchValues.Create(
        ["ele", "ela", "cade", " tem ", "kd ", " ta", " esta", "passar", "transferir", "encaminhar", "chama", "direto", "diretamente", "pessoalmente",
         "numero", "telefone", "celular", "whats", "zap", "contato", "email", "e mail", "passa", "transfere", "transfira", "prefiro"], StringComparison.Ordinal);

    [GeneratedRegex(
        // Named, then asked after or for by a pronoun: "…falar com o Marcelo, ele tá?", "…procurar a Camila, consegue me colocar em
        // contato com ela?", "…o Marcelo faz dias, posso falar com ele?" (not "não preciso falar com ela", "ela tá de folga?", nor
        // "ela ainda tá aí?", whether she still works here).
        NameNamed + @".{0,90}?(?<![\p{L}])(?:(?i:ele|ela) (?i:t[aá]|est[aá]|tah)(?: (?i:por )?(?i:a[ií]))?\s*\?" +
        @"|(?i:consegue|pode|podia|poderia|tem como|d[aá] pra|d[aá] para)(?: (?i:me))? (?i:passar|transferir|encaminhar|colocar em contato|p[oô]r em contato|botar em contato) (?i:pra|para|com) (?i:ela|ele)\b" +
        @"|(?<!(?i:n[aã]o) )(?i:posso|consigo|quero|queria|preciso|gostaria de|prefiro) (?i:falar|conversar) com (?i:ela|ele)\b(?! (?i:depois|mais tarde|amanh[aã]|outra hora)))",
        RegexOptions.CultureInvariant)]
    private static partial Regex ByName1();

    [GeneratedRegex(
        // "a Fernanda tem whats? me passa" — her number asked in two clauses.
        NameNamed + @" (?i:tem) (?i:whats|whatsapp|zap|telefone|celular|e-?mail)\b\W{0,3}(?i:me )?(?i:passa|passe|manda|mande)\b" +
        // "cadê a Juliana?", "kd o Rodrigo?" as the sentence.
        @"|(?<![\p{L}])(?i:cad[eê]|kd) (?i:a|o) " + AName + @"\s*(?:\?|$)",
        RegexOptions.CultureInvariant)]
    private static partial Regex ByName2();

    [GeneratedRegex(
        // "o Marcelo tá?" — asked after as the whole sentence, without "aí" (not "…ainda tá?", whether she still works here).
        // Sixty-second blind set: also "o Marcelo está aí?", "a Camila tá disponível?".
        @"(?:^|[.!?,]\s*)(?i:e )?(?i:a|o) " + AName + @" (?i:t[aá]|est[aá]|tah)(?: (?i:por )?(?i:a[ií])| (?i:dispon[ií]vel|online|livre))?\s*\?" +
        // "consegue me passar pro Rodrigo?", "me transferir pra Ana".
        @"|(?<![\p{L}])(?i:me) (?i:passar|transferir|encaminhar|passa|passe|transfere|transfira) (?i:pra|para|pro|com)(?: (?i:a|o))? " + AName + @"(?! (?i:o|a|os|as|meu|minha)\b)",
        RegexOptions.CultureInvariant)]
    private static partial Regex ByName3();

    [GeneratedRegex(
        // "pode chamar a Patrícia pra mim?".
        @"(?<![\p{L}])(?i:chama|chame|chamem|chamar) (?i:a|o) " + AName + @" (?i:pra|para) (?i:mim|falar comigo|me atender|conversar comigo)\b" +
        // Sixty-second blind set: "pode chamar a Juliana?", "chama a Fernanda" as the sentence.
        @"|(?<![\p{L}])(?:(?i:chama|chame|chamem)|(?i:pode|podem|poderia|consegue|d[aá] pra) (?i:chamar)) (?i:a|o) " + AName + @"(?=\s*(?:[?!]|$)|,? (?i:por favor|pfv|urgente)\b)" +
        // "tem como falar direto com a Luana?".
        @"|(?<![\p{L}])(?i:quero|queria|preciso|gostaria de|posso|consigo|d[aá] pra|tem como) (?i:falar|conversar) (?i:direto|diretamente|pessoalmente) com (?i:a|o) " + AName + @"(?! (?i:antes|primeiro|do hospital|da cl[ií]nica))",
        RegexOptions.CultureInvariant)]
    private static partial Regex ByName4();

    [GeneratedRegex(
        // "passa pro Dr Ricardo": a transfer goes to one of ours, title or not.
        @"(?<![\p{L}])(?i:me )?(?i:passa|passe|passem|transfere|transfira) (?i:pra|para|pro)(?: (?i:a|o))? (?i:Dra?|Doutora?)\.? \p{Lu}\p{Ll}+\b" +
        // "me passa o telefone do Marcelo", "qual o celular da Ana?" — a number of one of ours asked (not a hospital's).
        @"|(?<![\p{L}])(?:(?i:me )?(?i:passa|passe|manda|mande|envia|envie)|(?i:qual)(?: (?i:[eé]))?) (?i:o|a) (?i:n[uú]mero|telefone|celular|whats|whatsapp|zap|contato|e-?mail) (?i:da|do) " + AName + @"(?! (?i:do|da|de) (?i:hospital|cl[ií]nica|upa|ubs|ps|pronto|uti|maternidade|santa)\b)",
        RegexOptions.CultureInvariant)]
    private static partial Regex ByName5();

    /// <summary>
    /// "com robô eu não falo", "com máquina não dá", "escala pra um humano", "prefiro ligar", "qual o canal da ouvidoria de vocês?" (on the
    /// normalised text; not the hospital's ombudsman).
    /// </summary>
    static bool RefusedOrEscalated(string t) =>
        t.AsSpan().ContainsAny(RefusedWords) && Refused().IsMatch(t);

    static readonly System.Buffers.SearchValues<string> RefusedWords = System.Buffers.SearchValues.Create(
        ["com robo", "com bot", "com maquina", "com ia ", "com chatbot", "com inteligencia", "com sistema", "com computador", "escal", "ouvidoria", "prefiro"], StringComparison.Ordinal);

    [GeneratedRegex(@"\bcom (um |uma |o |a )?(robo|robos|robozinho|bot|bots|chatbot|maquina|ia|inteligencia artificial|sistema|computador) (eu )?(nao|n) (falo|converso|resolvo|trato|da|rola|quero (falar|conversar|tratar|resolver))\b" +
        @"|\bescal(a|ar|e|em) (isso |isso ai |o caso |meu caso )?(pra|para) (um |uma |o |a )?(humano|humana|pessoa|atendente|supervisor|supervisora|responsavel|gerente)\b" +
        @"|\b(pode|podem|consegue|conseguem|poderia) escalar (isso |o caso |meu caso )?(pra|para) (alguem|alguem da equipe)$" +
        // "prefiro ligar" as the message: the talk moved to a call (not "prefiro ligar pro hospital").
        @"|^((entao|olha|ah|mas) )?(eu )?prefiro (ligar|telefonar|ligacao|uma ligacao|por telefone|falar por telefone)( para voces| ai)?( por favor)?$" +
        @"|\b(qual|me passa|passa|manda|me manda|tem)( o| a)?( canal| contato| email| e mail| telefone| numero| link| whats| whatsapp)? (da|de) ouvidoria( de voces| dai| da empresa)?( por favor| pfv)?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Refused();

    /// <summary>
    /// The line asks for someone by a pronoun only ("ela tá?", "consegue me passar pra ela?", "posso falar com ele?"), and with the
    /// line before, which names one of ours, reads as a request by name.
    /// </summary>
    static bool NamedInTheLineBefore(string before, string line) =>
        PronounAsked().IsMatch(line) && ByName().IsMatch(before + ", " + line) && Detect(before + ", " + line) == HandoffTriggers.PersonRequested;

    [GeneratedRegex(@"^\W*(?:(?i:e )?(?i:ele|ela) (?i:t[aá]|est[aá]|tah)(?: (?i:por )?(?i:a[ií]))?\s*\?" +
        @"|(?i:consegue|pode|podia|poderia|tem como|d[aá] pra|d[aá] para)(?: (?i:me))? (?i:passar|transferir|encaminhar|colocar em contato|p[oô]r em contato|botar em contato) (?i:pra|para|com) (?i:ela|ele)\b" +
        @"|(?i:posso|consigo|quero|queria|preciso|gostaria de) (?i:falar|conversar) com (?i:ela|ele)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex PronounAsked();
}
