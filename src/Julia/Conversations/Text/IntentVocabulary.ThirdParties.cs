namespace Julia.Conversations.Text;

/// <summary>
/// Who the stop is for: the owner of this number written for by his family or office ("a doutora pediu pra tirar o
/// número dela", "meu marido não quer mais receber"), or someone else — a colleague, a friend (docs/decisions.md#opt-out).
/// </summary>
internal sealed partial class IntentVocabulary
{
    /// <summary>
    /// "a doutora pediu pra tirar o número dela", "o Dr. pediu que…": a title with an article and no name, asking — no
    /// "meu colega" before, which would make him someone else — is the owner of this number, written for by a secretary
    /// or a spouse. "o Dr. Marcos pediu…" may be a colleague and stays a third party, unless a secretary signs the message.
    /// </summary>
    bool ForTheOwner(string[] words)
    {
        if (OwnerLeftForGood(words) || AsksForTheOwner(words)) return true;
        // Twenty-second blind set: a message signed by a secretary or an assistant ("…. Att, Secretária", "Obrigada, Ana
        // (secretária)") is written for the owner of this number.
        if (words.Length > 3 && (words[^1] is "secretaria" or "secretario" or "assistente" || words[^2] is "secretaria" or "secretario" or "assistente")
            && !words.Any(relations.Contains))
            return true;
        for (var t = 1; t + 1 < words.Length; t++)
        {
            if (!titles.Contains(words[t]) || !articles.Contains(words[t - 1]) || !thirdPartyVerbs.Contains(words[t + 1])) continue;
            var related = false;
            for (var r = Math.Max(0, t - 4); r < t - 1 && !related; r++) related = relations.Contains(words[r]);
            if (!related) return true;
        }
        return false;
    }

    /// <summary>
    /// Thirty-fifth blind set: "meu marido pediu pra vcs pararem de mandar msg pra ele", "a dra. Luiza pediu pra tirar o número
    /// dela", "ele não quer mais receber, pode excluir" — someone of the owner's (`terceiros.familia`: a relative, the doctor by
    /// his title, his name maybe after it) asking (`terceiros.pedemPeloDono`, within four words, or eight after an "e": "está
    /// doente e pediu") or refusing ("não quer", "não tem mais interesse") for him: Júlia writes only to the numbers she holds
    /// for doctors, so the one asked about is the one the message comes from, held by his family or his office — when
    /// "ele"/"ela" opens the talk of him (no one named
    /// before: the doctor Júlia wrote to), or when what is asked points at him or at us after it (`terceiros.apontamDono`: "o
    /// número dela", "pra ele", "tirar ela", "pra vocês pararem", "que parem"). "minha esposa quer sair da lista de vocês"
    /// points at neither and may be another doctor of the list. Not with a colleague, a friend or a patient named
    /// (`terceiros.alheiosAoNumero`), nor when the message shows that he has another number or that the writer receives on
    /// his own (`terceiros.outroNumero`: "o número dele é outro", "mas eu sim", "pediu pra eu avisar", "me passa o contato
    /// dele", a story told to the writer: "o Dr. João falou que pediu pra parar, é verdade?"), or a phone number is written.
    /// </summary>
    bool AsksForTheOwner(string[] words)
    {
        if (words.Any(notTheOwner.Contains) || anotherNumber.FindEnd(words, 0, words.Length, out _) || words.Any(w => w.Length >= 4 && w.All(char.IsAsciiDigit)))
            return false;
        var someoneNamed = false;
        for (var s = 0; s + 1 < words.Length; s++)
        {
            if (!ownerSubjects.Contains(words[s])) continue;
            var pronoun = words[s] is "ele" or "ela";
            var opensTheTalk = pronoun && !someoneNamed;
            someoneNamed |= !pronoun;
            // Fifty-fifth blind set: "o dr roberto está doente e pediu pra tirarem ele da lista" — his state told first, the request
            // joined to it by "e", up to eight words after him.
            for (var v = s + 1; v <= Math.Min(words.Length - 1, s + 8); v++)
                if ((v <= s + 4 || words[v - 1] == "e") && (ownerAskingVerbs.Contains(words[v]) || (words[v] == "nao" && v + 1 < words.Length && OwnerRefuses.Contains(words[v + 1]))))
                {
                    if (opensTheTalk || pointsAtTheOwner.FindEnd(words, v + 1, words.Length, out _)) return true;
                    break;
                }
        }
        return false;
    }

    /// <summary>
    /// Thirty-seventh blind set: "meu marido não quer mais receber as vagas de vcs", "minha esposa não tem mais interesse, podem
    /// tirar ela", "o dr. Fernando pediu pra avisar que não quer mais receber", "a Sônia não quer mais…, exclui ela" — someone of
    /// the owner's (a relative, a partner, the doctor by his title, "ele"/"ela", a name written with its capital after its
    /// article) refusing in the plain indicative. Júlia writes only to the numbers she holds for doctors, so the one refused is
    /// the one the message comes from: the refusal is read as the owner's own words ("não quero mais receber…, podem me
    /// tirar"), with every rule of the doctor's own stop — one shift refused, a pause, a narrowing still keep the contact ("ele
    /// não quer mais plantão noturno, só diurno"). Not with a colleague, a friend or a patient named, a sign of another number
    /// or a phone number written (as <see cref="AsksForTheOwner"/>). The family of the reading, or null.
    /// </summary>
    public string? OwnersRefusalAsHis(string[] words, ulong clauseEnds, IReadOnlySet<string>? names)
    {
        if (words.Length < 3 || words.Any(notTheOwner.Contains) || anotherNumber.FindEnd(words, 0, words.Length, out _)
            || words.Any(w => w.Length >= 4 && w.All(char.IsAsciiDigit)))
            return null;
        for (var s = 0; s + 2 < words.Length; s++)
        {
            var titled = titles.Contains(words[s]);
            if (!ownerSubjects.Contains(words[s]) && !Partners.Contains(words[s])
                && !(s > 0 && words[s - 1] is "o" or "a" && names is not null && names.Contains(words[s])))
                continue;
            for (var n = s + 1; n + 1 < words.Length && n <= s + 8; n++)
            {
                if (words[n] != "nao") continue;
                if (!HisVerbs.TryGetValue(words[n + 1], out var mine) || !BetweenSubjectAndRefusal(words, s + 1, n, titled, names)) break;
                var his = words[n..];
                his[1] = mine;
                for (var k = 2; k < his.Length; k++)
                {
                    var crossesBefore = Crosses(clauseEnds >> n, k - 1, k);
                    if (his[k] is "ele" or "ela" && !crossesBefore && RemovalVerbs.Contains(his[k - 1])) (his[k - 1], his[k]) = ("me", his[k - 1]);
                    else if (his[k] is "dele" or "dela" && !crossesBefore && k - 1 > 1) (his[k - 1], his[k]) = ("meu", his[k - 1]);
                    else if (his[k] is "ele" or "ela" && his[k - 1] == "para" && !crossesBefore) his[k] = "mim";
                }
                return OptOutFamily(his, null, n >= 64 ? 0 : clauseEnds >> n, names: names);
            }
        }
        return null;
    }

    /// <summary>Between the owner named and his refusal: his name (after a title, or written with its capital), "já", or the
    /// news passed on ("pediu pra avisar que", "mandou dizer que", "disse que").</summary>
    static bool BetweenSubjectAndRefusal(string[] words, int from, int to, bool titled, IReadOnlySet<string>? names)
    {
        var k = from;
        // His name: up to two words after a title, or any written with its capital.
        while (k < to && ((titled && k - from < 2 && !PassedOn.Contains(words[k]) && words[k] != "ja") || (names is not null && names.Contains(words[k])))) k++;
        var span = words[k..to];
        if (span is [.., "que"] && span.Length <= 5 && span.All(PassedOn.Contains)) return true;
        return span.All(w => w is "ja" or "realmente" or "mesmo");
    }

    /// <summary>
    /// Thirty-seventh blind set (OptOutDetector.InTurn): whether a line read before a stop can make it none — a pause counted or
    /// said ("nos próximos 6 meses" then "não quero nada"), or someone else named ("outra empresa" then "não para de me mandar
    /// vaga", "meu colega" then "pediu pra sair da lista").
    /// </summary>
    internal bool QualifiesTheNextLine(string[] words) =>
        pauseInMessage.FindEnd(words, 0, words.Length, out _) || CountedPause(words) || words.Any(notTheOwner.Contains)
        || words.Any(w => OtherSenders.Contains(w) || OtherCompanies.Contains(w) || (thirdParties.Contains(w) && !titles.Contains(w) && !ownerSubjects.Contains(w)));

    static readonly HashSet<string> PassedOn =
        ["pediu", "pede", "mandou", "disse", "falou", "avisou", "para", "avisar", "dizer", "falar", "informar", "comunicar", "voces", "lhes", "que"];

    /// <summary>Partners the reference's relatives leave out: "meu namorado não quer mais receber essas vagas".</summary>
    static readonly HashSet<string> Partners = ["namorado", "namorada", "noivo", "noiva", "companheiro", "companheira"];

    /// <summary>The owner's verb of refusing, in his own first person.</summary>
    static readonly Dictionary<string, string> HisVerbs = new(StringComparer.Ordinal)
    {
        ["quer"] = "quero", ["deseja"] = "desejo", ["tem"] = "tenho", ["aceita"] = "aceito", ["autoriza"] = "autorizo", ["precisa"] = "preciso",
    };

    static readonly HashSet<string> RemovalVerbs =
        ["tira", "tirar", "tire", "tirem", "retira", "retirar", "retirem", "remove", "remover", "removam", "remova", "exclui", "excluir", "excluam", "exclua",
         "apaga", "apagar", "apaguem", "descadastra", "descadastrar", "descadastrem", "deleta", "deletar", "esquece", "esquecam"];

    /// <summary>Thirty-fifth blind set: places that send doctors messages of their own ("o hospital não para de me mandar mensagem").</summary>
    static readonly HashSet<string> OtherSenders = ["hospital", "clinica", "operadora", "banco", "convenio", "plano", "prefeitura", "faculdade"];

    /// <summary>Thirty-seventh blind set: companies, said to be another ("outra empresa", "uma agência").</summary>
    static readonly HashSet<string> OtherCompanies = ["empresa", "empresas", "agencia", "agencias", "cooperativa", "plataforma", "operadora"];

    static readonly HashSet<string> OwnerRefuses = ["quer", "deseja", "tem", "aceita", "gosta", "autoriza"];

    /// <summary>
    /// Thirty-third blind set: "Meu marido se aposentou, favor remover o número dele", "minha mãe não é mais médica ativa, pode
    /// excluir o contato dela" — a relative, the doctor by his title, or "ele"/"ela", told to have left the work for good
    /// (`terceiros.deixouDeVez`, at most six words after): the number asked about is the one the message comes from, the
    /// owner's, as when a death is told. Not with a colleague, a friend or a patient named (`terceiros.alheiosAoNumero`):
    /// "meu colega se aposentou, tira o número dele" is another number, which removing this doctor would not remove.
    /// </summary>
    bool OwnerLeftForGood(string[] words)
    {
        if (words.Any(notTheOwner.Contains)) return false;
        for (var k = 1; k < words.Length; k++)
        {
            if (ownerLeftForGood.EndAt(words, k) is null) continue;
            // Thirty-fifth blind set: six words back, not three — "minha mãe é médica mas já aposentou", "ela tá com 82 anos e não
            // trabalha mais".
            for (var s = k - 1; s >= Math.Max(0, k - 6); s--)
                if (ownerSubjects.Contains(words[s])) return true;
        }
        return false;
    }

    /// <summary>
    /// "meu colega Dr. Marcos pediu pra sair da lista", "a minha esposa quer que parem": someone else (three words at most
    /// before a verb of asking, which is at most four before the match) asks — unless the message says this number is his
    /// ("aqui é a secretária do Dr. Paulo, esse número é dele e ele pediu pra vcs pararem"). "meu marido disse pra eu bloquear
    /// vocês" is his wish, not the doctor's request.
    /// </summary>
    bool ThirdParty(string[] words, int start, ulong clauseEnds = 0)
    {
        // "…que ele não quer mais receber": the stop's own subject is someone else (not a title, which may be the owner
        // written for by a secretary: "a doutora não quer mais receber"). Nineteenth blind set: not a vocative closed by a
        // comma before the command ("meu filho, pare de mandar mensagem").
        if (start > 0 && thirdParties.Contains(words[start - 1]) && !titles.Contains(words[start - 1]) && !Crosses(clauseEnds, start - 1, start)) return true;
        // Thirty-fifth blind set: "o coordenador não para de me mandar mensagem", "o hospital não para de me mandar mensagem" —
        // someone named by what he is, or a place (no pronoun, which may be Júlia herself), complained of through "não": he
        // sends, not we.
        if (start > 1 && words[start - 1] == "nao" && (thirdParties.Contains(words[start - 2]) || OtherSenders.Contains(words[start - 2])) && !titles.Contains(words[start - 2])
            && words[start - 2] is not ("ele" or "ela" or "eles" or "elas") && !Crosses(clauseEnds, start - 2, start)) return true;
        // Thirty-seventh blind set: "tem uma empresa que não para de me mandar spam", "outra agência não para de me mandar vaga" —
        // another company, named as another; and "ela não para de me mandar mensagem, a coordenadora do hospital" — the pronoun
        // told to be someone of the ward in the same message (not one of ours: "vocês", "Júlia" keep the complaint ours).
        if (start > 1 && words[start - 1] == "nao" && !Crosses(clauseEnds, start - 2, start))
        {
            var subject = words[start - 2] == "que" && start > 2 ? start - 3 : start - 2;
            if (OtherCompanies.Contains(words[subject]) && subject > 0 && words[subject - 1] is "outra" or "outras" or "uma" or "umas" or "alguma" or "algumas" or "outro" or "um")
                return true;
            if (words[start - 2] is "ele" or "ela" && !words.Any(w => w is "voces" or "voce" or "julia" or "robo" or "bot")
                && words.Any(w => !titles.Contains(w) && w is not ("ele" or "ela" or "eles" or "elas") && (thirdParties.Contains(w) || OtherSenders.Contains(w))))
                return true;
        }
        // Thirty-fifth blind set: also when the match opens on the verb of asking ("a Dra. Ana quer ser removida da lista").
        for (var v = start; v >= Math.Max(0, start - 5); v--)
        {
            if (!thirdPartyVerbs.Contains(words[v])) continue;
            // Forty-ninth blind set: "é o doutor Marcos falando, eu não quero mais receber" — the phone's "… falando" (speaking)
            // closing its clause or before "eu": the writer introducing himself, not telling another's request.
            if (words[v] == "falando" && v + 1 < words.Length && (words[v + 1] == "eu" || Crosses(clauseEnds, v, v + 1))) continue;
            for (var t = v - 1; t >= Math.Max(0, v - 5); t--)
                if (thirdParties.Contains(words[t])) return true;
        }
        return false;
    }
}
