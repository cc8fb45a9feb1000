using Julia.Conversations.Text;
using Julia.Handoffs;

namespace Julia.UnitTests.Conversations;

/// <summary>
/// Bursts of the twenty-third to thirty-first blind sets (docs/decisions.md#handoff): what a turn of several messages, answered as one, asks
/// for — an opt-out through <see cref="OptOutDetector.InTurn"/> (as TurnProcessor reads it), a handoff through
/// <see cref="HandoffTriggerDetector.DetectInTurn"/>. A line can narrow the stop before it, take a request back, or say
/// who writes for the doctor.
/// </summary>
public sealed class BurstTests
{
    [Theory]
    [InlineData("nao quero mais receber mensagem", "me tira da lista")]
    [InlineData("oi", "para de me mandar mensagem")]
    [InlineData("me aposentei", "pode tirar meu contato")]
    [InlineData("stop", "stop")]
    [InlineData("vcs sao uns incompetentes", "nunca mais me mandem nada")]
    [InlineData("me tira da lista", "e nao me procurem mais")]
    [InlineData("quero falar com alguem", "esquece, so me tira da lista")]
    [InlineData("PARE", "vcs são insistentes demais")]
    [InlineData("me descadastra", "obrigado")]
    // "não" before a word of taking back is no taking back: "não esquece de me tirar".
    [InlineData("me tira da lista", "nao esquece de me tirar, ta?")]
    // Who writes, then the request in the owner's name: one message would read the same.
    [InlineData("sou a esposa do dr carlos", "ele pediu pra pararem de mandar mensagem")]
    [InlineData("Aqui é a secretária da Dra. Ana", "ela não quer mais receber essas mensagens")]
    // Twenty-fourth blind set: a stop split over two lines, neither one alone.
    [InlineData("para", "de me mandar mensagem")]
    [InlineData("PARA", "DE MANDAR", "CARALHO")]
    [InlineData("para de mandar plantao", "nao quero mais nada")]
    [InlineData("nao sou medico", "numero errado", "para de mandar")]
    // "só isso" names no shift: the stop stands.
    [InlineData("me tira da lista", "só isso, obrigado")]
    // Twenty-fifth blind set: a stop spelled out over three or more lines of a word or two, none a stop alone.
    [InlineData("para", "de", "mandar", "mensagem")]
    [InlineData("não quero", "mais", "receber nada")]
    [InlineData("obrigado pelas ofertas", "mas mudei de ramo", "não precisa mais mandar")]
    [InlineData("Prezados,", "solicito a exclusão do meu contato.", "Grato.")]
    [InlineData("oxe", "para de mandar", "visse")]
    [InlineData("vazaram meus dados", "me tirem da lista", "ou vou na ANPD")]
    [InlineData("chega", "já pedi pra parar", "que saco")]
    // Twenty-seventh blind set: a verb that takes no object, or the object that keeps the stop.
    [InlineData("stop", "minha agenda tá cheia")]
    [InlineData("me tira", "meu número da lista")]
    [InlineData("cancela", "meu cadastro")]
    [InlineData("apaga", "meu cadastro")]
    [InlineData("não quero mais", "me tira da lista")]
    [InlineData("aqui é a filha do Dr. Carlos", "ele faleceu", "não mandem mais mensagens")]
    [InlineData("LGPD", "solicito a exclusão dos meus dados", "obrigado")]
    // Twenty-sixth blind set: the repetition in one line, what is repeated in the other; Júlia's question told back, answered
    // in the next line; a formal letter over lines.
    [InlineData("oi", "já falei mil vezes", "não quero")]
    [InlineData("não quero", "já falei")]
    [InlineData("Vc perguntou se quero continuar recebendo", "não")]
    [InlineData("Continuar recebendo?", "Não obrigado", "já estou com plantões suficientes")]
    [InlineData("boa noite", "sobre sua pergunta", "não quero continuar recebendo")]
    [InlineData("Prezados,", "declino do recebimento de novas ofertas.", "Att")]
    // Twenty-eighth blind set: the repetition in one line, the no said again in the next; a line that says who writes or names
    // the number, then the death or the stop in the owner's name; not a doctor, then whose the number is; a stop with its reason.
    [InlineData("Toda vez a mesma coisa.", "Eu disse que não!")]
    [InlineData("toda semana", "eu peço pra parar", "e vcs continuam mandando")]
    [InlineData("oi júlia", "não sou médico", "esse número é da minha empresa")]
    [InlineData("oi", "número errado", "sou o Marcos, não sou médico")]
    [InlineData("esse número era do meu pai", "ele faleceu ano passado")]
    [InlineData("oi, aqui é a filha da Dra. Sônia", "ela faleceu")]
    [InlineData("secretária do Dr. Luís aqui", "ele pediu pra não enviarem mais mensagens")]
    [InlineData("obrigado", "mas não precisa mais mandar", "vou morar fora")]
    [InlineData("Ele faleceu", "Retirem o número")]
    // Thirtieth blind set: the offers to come as a whole; a short turn with no stop in any line read as one message; the report
    // then where it is made; "num" after a possessive; a life change dated in the past, then the stop.
    [InlineData("Boa tarde", "Favor desconsiderar meu contato", "para próximas oportunidades")]
    [InlineData("Olá", "favor não me incluir", "em futuras comunicações")]
    [InlineData("obrigada", "mas não quero mais", "pode encerrar")]
    [InlineData("vou denunciar", "esse número no whatsapp")]
    [InlineData("tira", "meu num")]
    [InlineData("spam.", "denunciado.")]
    [InlineData("Me aposentei em março", "favor retirar meu número")]
    // Thirty-second blind set: the Spanish "no más" with the messages in the next line.
    [InlineData("no más", "mensajes", "por favor")]
    [InlineData("please", "no más mensajes")]
    public void TheseTurnsAreOptOuts(params string[] messages) =>
        Assert.NotNull(OptOutDetector.InTurn(messages));

    [Theory]
    // The next line narrows the stop to some shifts.
    [InlineData("nao me manda mais mensagem", "de noite, so de dia")]
    [InlineData("me tira da lista", "do hospital X, os outros pode mandar")]
    [InlineData("nao quero mais plantao", "noturno")]
    [InlineData("para de me mandar", "plantao em osasco, muito longe")]
    [InlineData("me tira", "do plantao de sabado")]
    [InlineData("cancela", "o plantao de domingo, to com febre")]
    [InlineData("nao quero mais", "pediatria, so clinica")]
    [InlineData("nao me manda mais", "pra esse numero, usa o 81 98888-1234")]
    // The next line takes it back.
    [InlineData("stop", "espera, deixa eu ver")]
    [InlineData("to fora", "kkkk mentira, quero sim")]
    // Twenty-fourth blind set: the next line names the shifts ("só de madrugada", "de Guarulhos"), or says the stop went to
    // the wrong chat.
    [InlineData("para de mandar plantão", "só de madrugada")]
    [InlineData("para de mandar plantao", "de madrugada")]
    [InlineData("pode parar de mandar", "somente os noturnos")]
    [InlineData("nao me manda mais", "de Guarulhos")]
    [InlineData("pare", "desculpa, mensagem errada")]
    [InlineData("me tira da lista", "foi mal, era pra outra pessoa")]
    // A greeting before a refusal of one shift is no stop split over two lines.
    [InlineData("bom dia", "esse plantão eu dispenso", "tem algum na zona sul?")]
    // A colleague's request stays his even after a line about the writer who is not writing for him.
    [InlineData("sou o dr paulo", "meu colega pediu pra sair da lista")]
    // Twenty-fifth blind set: "me tira" then "uma dúvida" is the idiom; lines of a word or two that make no stop.
    [InlineData("me tira", "uma dúvida", "o plantão é de 12h?")]
    [InlineData("não", "esse não", "tem outro?")]
    [InlineData("quero", "mais", "vaga")]
    [InlineData("para", "quando é?")]
    [InlineData("oi", "volto a pegar plantão em março", "aí me chama")]
    [InlineData("não vou fazer plantão esse mês", "em março volto")]
    // Twenty-seventh blind set: a bare verb of removing, then its object on the next line — one shift, not the contact.
    [InlineData("remove", "meu nome da escala de domingo", "coloca outro")]
    [InlineData("tira", "minha quinta da escala")]
    [InlineData("pode parar de mandar lembrete", "já anotei", "tô indo")]
    [InlineData("não posso", "to de férias até dia 20", "depois me chama")]
    [InlineData("parei", "no posto", "chego em 10 min")]
    [InlineData("mudei pra Curitiba", "não atendo mais SP", "tem algo lá?")]
    [InlineData("suspende minhas ofertas", "até 15/02")]
    // Twenty-sixth blind set: a line that keeps the contact takes the stop back; the question answered yes; a repetition of
    // something else.
    [InlineData("não quero mais receber", "mudei de ideia, pode mandar")]
    [InlineData("me tira da lista", "esquece, pode continuar mandando")]
    [InlineData("sobre continuar recebendo", "sim pode mandar")]
    [InlineData("já falei mil vezes", "que só faço noturno")]
    [InlineData("quantas vezes vou ter que pedir", "o endereço do hospital")]
    // Twenty-eighth blind set: a line wholly in quotation marks is someone's words told; "parar" with a drug for object; a
    // patient's death; the same complaint of something else.
    [InlineData("olha o que o Dr. Rui me mandou:", "\"me tira dessa lista\"", "kkkk ele odeia msg")]
    [InlineData("meu filho vive dizendo", "“para de mandar mensagem, mãe”", "kkk")]
    [InlineData("pedi pra parar a medicação do paciente", "ele tá melhor agora")]
    [InlineData("mandei parar", "a noradrenalina", "ela tá com PA boa")]
    [InlineData("toda semana", "eu peço pra parar a noradrenalina", "e o noturno religa")]
    [InlineData("o paciente faleceu", "vou atrasar pro plantão")]
    [InlineData("toda vez a mesma coisa", "o hospital atrasa o pagamento", "que saco")]
    // Thirtieth blind set: an event's enrolment cancelled; "chega" as arriving, its time in the next line; a system's lock; what
    // "pode encerrar" closes named in the next line — also when the turn is read as one message.
    [InlineData("preciso", "cancelar minha inscrição no congresso", "então posso pegar o plantão do dia 10")]
    [InlineData("chega", "amanhã o documento")]
    [InlineData("estou bloqueado", "no sistema do hospital", "quem pode liberar?")]
    [InlineData("meu CRM ficou bloqueado no portal", "como faço?")]
    [InlineData("oi", "pode encerrar", "a reserva de sábado")]
    [InlineData("obrigado", "pode encerrar", "o chamado")]
    // Thirty-second blind set: "no más" for today, "não esquece de mim" asking to be remembered.
    [InlineData("no más", "por hoy", "mañana hablamos")]
    [InlineData("não esquece de mim", "no próximo plantão please")]
    public void TheseTurnsAreNotOptOuts(params string[] messages) =>
        Assert.Null(OptOutDetector.InTurn(messages));

    [Theory]
    [InlineData("quero falar com alguem", "deixa, ja resolvi")]
    [InlineData("me liga por favor", "nao precisa, achei a informação")]
    [InlineData("tem alguem ai?", "ah, agora vi a mensagem, obrigado")]
    [InlineData("quero falar com um humano", "brincadeira kkk manda a vaga")]
    [InlineData("me passa pro financeiro", "esquece, o pix caiu agora")]
    [InlineData("alguem pode me ligar?", "nao, melhor por mensagem mesmo")]
    [InlineData("vou processar vcs kkk", "zoeira, cade o plantao")]
    [InlineData("meu advogado pediu o contrato", "pode mandar em pdf?")]
    [InlineData("3 meses sem receber", "que palhaçada")]
    [InlineData("to puto", "o transito ta horrivel", "mas to chegando")]
    // Twenty-fourth blind set: a short line finished by the next reads as one sentence with it, which asks for no one.
    [InlineData("tem alguem", "pra me cobrir dia 10?")]
    [InlineData("processo", "de cadastro ta demorando", "ja mandei tudo")]
    [InlineData("vou falar com meu advogado", "sobre o CNPJ", "ai te mando os documentos")]
    [InlineData("quero falar", "sobre a vaga de sexta", "ainda tem?")]
    [InlineData("preciso de ajuda", "com o cadastro no app")]
    [InlineData("quero falar com atendente", "ja resolvi, obrigado")]
    // Twenty-fifth blind set.
    [InlineData("boa noite", "meu CRM é 98765", "pode cadastrar")]
    [InlineData("não pagaram ainda", "que palhaçada", "de novo isso")]
    [InlineData("você é robô?", "kkkk", "tá bom, manda o endereço")]
    // Twenty-seventh blind set: a role of the hospital's, a family's step reported.
    [InlineData("tem estacionamento?", "e qual o telefone do coordenador do PS?")]
    [InlineData("a família foi no procon reclamar do hospital", "acredita?")]
    [InlineData("o paciente disse que vai processar o hospital", "tô tranquilo", "registrei tudo")]
    // Twenty-sixth blind set.
    [InlineData("vou processar", "os documentos hoje à noite")]
    [InlineData("o pessoal da escala me ligou", "vou falar com eles amanhã")]
    [InlineData("meu irmão é advogado", "ele me indicou vocês", "tem vaga?")]
    // Twenty-ninth blind set: a line opening on its verb has the patient of the line before as its subject; "melhor não"
    // takes the call back; the doctor's own appointment with his lawyer.
    [InlineData("o paciente ficou bravo", "queria falar com o diretor", "resolvemos")]
    [InlineData("a paciente ficou nervosa", "queria falar com a gerente", "já acalmei")]
    [InlineData("me liga?", "não, melhor não", "tô no plantão, manda por aqui")]
    [InlineData("tenho consulta com meu advogado amanhã", "então só posso à tarde", "tem plantão à tarde?")]
    // Thirty-first blind set: the joke word with the laughter and the delight in the lines around it; an errand at the council
    // told over two lines; the hospital that calls; the doctor's lawyer reading the contract.
    [InlineData("kkkk", "vocês são uma piada", "adorei o vídeo")]
    [InlineData("kkkk", "vcs são uma piada", "amei o meme")]
    [InlineData("vou no conselho regional", "buscar a certidão")]
    [InlineData("o hospital me liga", "quando o paciente chegar?")]
    [InlineData("posso mandar o contrato", "pro meu advogado ler?")]
    // Thirty-second blind set: "not angry at you", the lawyer asking a paper of ours.
    [InlineData("oxe", "não estou com raiva de vocês não", "foi o hospital")]
    [InlineData("bah", "meu advogado pediu o informe de rendimentos", "vocês enviam?")]
    // Thirty-fourth blind set: his own gestora or consultant, the law asked about, a step thought of and dropped, praise that
    // names people, a call declined, one strong word or sarcasm alone (decisions.md#handoff), the hospital's own.
    [InlineData("oi", "CADÊ MEU PAGAMENTO???")]
    [InlineData("pqp", "de novo isso")]
    [InlineData("parabéns", "mais um mês sem pagamento", "empresa exemplar")]
    [InlineData("nossa que eficiência", "3 meses sem receber")]
    [InlineData("quem deu meu número pra vocês???", "que abuso")]
    [InlineData("QUE ABSURDO", "ATÉ HOJE NADA")]
    [InlineData("que palhaçada", "ninguém resolve nada")]
    [InlineData("oi", "que desrespeito", "mensagem às 23h")]
    [InlineData("calote de novo???", "sério isso")]
    [InlineData("que saco", "toda hora mensagem")]
    [InlineData("oi", "ridículo isso", "cadê meu dinheiro")]
    [InlineData("oi", "vou falar com minha gestora e te aviso")]
    [InlineData("bom dia", "vou falar com minha consultora e te aviso", "obrigado")]
    [InlineData("oi", "a justiça do trabalho reconhece PJ?", "tenho dúvida")]
    [InlineData("obrigado", "pensei em ir no procon mas vocês resolveram rápido")]
    [InlineData("oi", "o atendimento humano de vcs é ótimo")]
    [InlineData("ok", "não precisa ninguém me ligar", "por aqui tá ótimo")]
    [InlineData("oi", "vou denunciar o hospital na vigilância sanitária", "mas quero continuar com vocês")]
    [InlineData("pqp que trânsito", "chego em 20 min")]
    [InlineData("que dia de merda no hospital", "mas tem plantão sábado?")]
    [InlineData("bom dia", "meu CRM é 123456 SP", "segue documentos")]
    [InlineData("oi", "meu advogado pediu uma cópia do contrato", "pode mandar?")]
    [InlineData("oi", "tenho audiência na sexta", "posso trocar o plantão?")]
    [InlineData("olá", "já processaram meu pagamento?")]
    [InlineData("oi", "a Fernanda já me respondeu", "obrigado")]
    [InlineData("bom dia", "prefiro plantão noturno")]
    [InlineData("oi", "me manda o contrato por e-mail")]
    [InlineData("oi", "quem é o coordenador do plantão no hospital?")]
    [InlineData("oi", "um amigo me indicou vocês", "tem vaga?")]
    [InlineData("vc é um robô?", "que legal", "muito natural")]
    [InlineData("oi", "tô puto com o hospital que não tem estacionamento", "mas beleza")]
    [InlineData("ok", "beleza", "confirmado")]
    [InlineData("oi", "fiz BO do roubo do meu celular", "por isso sumi")]
    [InlineData("oi", "tem alguém fazendo o plantão de sexta já?")]
    [InlineData("Prezados,", "segue em anexo a documentação solicitada.", "Att")]
    [InlineData("oi", "já falei com alguém do financeiro", "já resolveram")]
    [InlineData("bom dia", "preciso atualizar meu CRM no cadastro")]
    [InlineData("oi", "o pagamento veio errado", "faltou um plantão")]
    [InlineData("oi", "minha gestora do hospital mudou minha escala", "vou ver sábado")]
    [InlineData("nossa que rápido!", "obrigado")]
    public void TheseTurnsHaveNoTrigger(params string[] messages) =>
        Assert.Null(HandoffTriggerDetector.DetectInTurn(messages));

    [Theory]
    [InlineData(HandoffTriggers.PersonRequested, "qual o valor do plantao?", "alo?? tem alguem ai")]
    [InlineData(HandoffTriggers.PersonRequested, "isso é bot?", "quero gente")]
    [InlineData(HandoffTriggers.PersonRequested, "ridiculo", "ninguem responde", "😡")]
    [InlineData(HandoffTriggers.PersonRequested, "quero falar com um humano", "bando de incompetente")]
    // Taken back only by a line with no trigger of its own: "esquece, …" that asks again still asks.
    [InlineData(HandoffTriggers.PersonRequested, "me liga", "esquece, quero falar com uma pessoa mesmo")]
    [InlineData(HandoffTriggers.PersonRequested, "me liga amanha", "nao esquece, ta?")]
    [InlineData(HandoffTriggers.Legal, "to gravando tudo", "vai servir no processo")]
    [InlineData(HandoffTriggers.Legal, "que palhaçada", "vou processar vcs")]
    [InlineData(HandoffTriggers.Legal, "vou processar", "achei um absurdo")]
    [InlineData(HandoffTriggers.NegativeSentiment, "vcs sao uma piada", "nunca vi tanta desorganização")]
    [InlineData(HandoffTriggers.NegativeSentiment, "oi", "cade meu pagamento", "bando de caloteiro")]
    // Twenty-fourth blind set: a request for a person split over two lines.
    [InlineData(HandoffTriggers.PersonRequested, "preciso de ajuda", "com um atendente")]
    [InlineData(HandoffTriggers.PersonRequested, "quero falar", "com alguém da equipe")]
    [InlineData(HandoffTriggers.PersonRequested, "me passa", "pra um atendente")]
    [InlineData(HandoffTriggers.PersonRequested, "quero falar", "com quem cuida da escala")]
    [InlineData(HandoffTriggers.PersonRequested, "preciso falar", "com quem faz o pagamento")]
    // What is solved is one matter; the line goes on to a need still open.
    [InlineData(HandoffTriggers.PersonRequested, "quero falar com atendente", "já resolvi o pagamento, tenho outra dúvida")]
    [InlineData(HandoffTriggers.PersonRequested, "quero falar com um humano", "ja resolvi a parte do cadastro mas tenho outro problema")]
    [InlineData(HandoffTriggers.PersonRequested, "que palhaçada", "ninguem responde")]
    // Twenty-fifth blind set.
    [InlineData(HandoffTriggers.Legal, "Prezados,", "o pagamento está atrasado há 60 dias.", "Tomarei as providências judiciais.")]
    [InlineData(HandoffTriggers.PersonRequested, "tô muito puto", "ninguém me paga", "ninguém responde")]
    [InlineData(HandoffTriggers.Legal, "boa noite", "fiz denúncia no CRM", "sobre o hospital de vocês")]
    [InlineData(HandoffTriggers.PersonRequested, "você disse que ia me passar pra alguém", "até agora nada", "quero falar com uma pessoa")]
    // Twenty-seventh blind set.
    [InlineData(HandoffTriggers.PersonRequested, "preciso resolver o pagamento", "queria falar com quem fechou meu contrato")]
    [InlineData(HandoffTriggers.NegativeSentiment, "3 meses sem receber", "vcs tão de brincadeira comigo")]
    [InlineData(HandoffTriggers.NegativeSentiment, "tô indignado com o tratamento que vocês me deram", "fui lá e não tinha plantão")]
    [InlineData(HandoffTriggers.Legal, "se não pagarem até sexta", "vou acionar meu advogado")]
    // Twenty-sixth blind set: a team of ours named, then asked for by a pronoun in the next line; a team asked for by function.
    [InlineData(HandoffTriggers.PersonRequested, "cadê o pessoal da escala?", "quero falar com eles")]
    [InlineData(HandoffTriggers.PersonRequested, "cadê o pessoal do financeiro?", "preciso falar com eles")]
    [InlineData(HandoffTriggers.PersonRequested, "tem alguém do RH?", "preciso resolver uma pendência")]
    // Twenty-ninth blind set: "que" and a strong word is an exclamation of its own, not the line before going on; the one who
    // served him, named then asked after; the bot of no use, senseless, unbearable.
    [InlineData(HandoffTriggers.PersonRequested, "ninguém responde", "que bagunça", "é sempre assim com vocês")]
    [InlineData(HandoffTriggers.PersonRequested, "ninguém me responde", "que absurdo")]
    [InlineData(HandoffTriggers.PersonRequested, "cadê a Fernanda?", "era ela que me atendia")]
    [InlineData(HandoffTriggers.NegativeSentiment, "essa máquina", "não serve pra nada")]
    [InlineData(HandoffTriggers.NegativeSentiment, "olha o horário", "23h", "me mandando vaga", "vocês não têm noção")]
    [InlineData(HandoffTriggers.NegativeSentiment, "de novo essa mensagem automática", "chata demais", "vocês são insuportáveis")]
    // Thirty-first blind set: the consultant or recruiter of his, the council as the step, the name exposed in public.
    [InlineData(HandoffTriggers.PersonRequested, "oi", "quero falar com a minha consultora")]
    [InlineData(HandoffTriggers.PersonRequested, "e aí", "cadê minha recrutadora?", "sumiu")]
    [InlineData(HandoffTriggers.PersonRequested, "oi", "a moça do RH tá aí?")]
    [InlineData(HandoffTriggers.PersonRequested, "bom dia", "preciso resolver uma coisa do pagamento", "quem cuida do financeiro aí?")]
    [InlineData(HandoffTriggers.Legal, "oi", "vou no conselho regional", "isso não fica assim")]
    [InlineData(HandoffTriggers.NegativeSentiment, "não pagaram", "vou expor no LinkedIn")]
    // Thirty-second blind set: a person asked in Spanish over two lines; the Spanish, English and regional insults; the court
    // in English and Spanish.
    [InlineData(HandoffTriggers.PersonRequested, "quiero hablar", "con una persona")]
    [InlineData(HandoffTriggers.PersonRequested, "necesito hablar", "con alguien de la empresa")]
    [InlineData(HandoffTriggers.NegativeSentiment, "hijos", "de puta")]
    [InlineData(HandoffTriggers.NegativeSentiment, "oxente", "vocês são tudo safado")]
    [InlineData(HandoffTriggers.NegativeSentiment, "you guys are fucking useless")]
    [InlineData(HandoffTriggers.NegativeSentiment, "caraca", "arrombados")]
    [InlineData(HandoffTriggers.Legal, "no pagaron", "nos vemos en los tribunales")]
    [InlineData(HandoffTriggers.Legal, "still no payment", "see you in court")]
    // Thirty-fourth blind set: a person asked for by what they did for him, by name, by channel, formally; legal steps in new
    // words; anger aimed at us.
    [InlineData(HandoffTriggers.PersonRequested, "oi", "quero falar com quem me indicou a vaga")]
    [InlineData(HandoffTriggers.PersonRequested, "bom dia", "a Fernanda tá por aí?", "preciso resolver uma coisa com ela")]
    [InlineData(HandoffTriggers.PersonRequested, "olá", "tem alguém aí de verdade?")]
    [InlineData(HandoffTriggers.PersonRequested, "boa tarde", "cansei de falar com robô", "me passa pra alguém")]
    [InlineData(HandoffTriggers.PersonRequested, "Prezados, boa tarde.", "Gostaria de conversar com um de vossos colaboradores.", "Att, Dr. Carlos")]
    [InlineData(HandoffTriggers.PersonRequested, "oi", "a pessoa que me ligou semana passada", "pode me ligar de novo?")]
    [InlineData(HandoffTriggers.PersonRequested, "sobre o pagamento", "quero falar com alguém do financeiro")]
    [InlineData(HandoffTriggers.PersonRequested, "não entendi nada", "prefiro resolver por ligação")]
    [InlineData(HandoffTriggers.PersonRequested, "é robô?", "quero uma pessoa")]
    [InlineData(HandoffTriggers.PersonRequested, "boa noite", "me passa pra minha gestora", "ela sabe do meu caso")]
    [InlineData(HandoffTriggers.PersonRequested, "oi júlia", "vc não tá entendendo", "quero falar com atendente")]
    [InlineData(HandoffTriggers.PersonRequested, "ok", "mas prefiro falar com alguém", "pode ser?")]
    [InlineData(HandoffTriggers.PersonRequested, "o Marcelo tá aí?", "ele que cuida da minha escala")]
    [InlineData(HandoffTriggers.PersonRequested, "oi", "alguém do RH pode falar comigo?", "é sobre o contrato")]
    [InlineData(HandoffTriggers.PersonRequested, "olá", "me passa o telefone de alguém daí", "quero ligar")]
    [InlineData(HandoffTriggers.PersonRequested, "bom dia", "não quero falar com bot")]
    [InlineData(HandoffTriggers.PersonRequested, "oi", "tem algum humano aí?", "rs")]
    [InlineData(HandoffTriggers.PersonRequested, "boa tarde", "preciso falar com o gerente", "urgente")]
    [InlineData(HandoffTriggers.PersonRequested, "ok entendi", "mas pede pra alguém me ligar")]
    [InlineData(HandoffTriggers.Legal, "oi", "vou processar vocês")]
    [InlineData(HandoffTriggers.Legal, "já é o terceiro mês", "meu advogado vai entrar em contato")]
    [InlineData(HandoffTriggers.Legal, "boa tarde", "vocês vão receber uma notificação extrajudicial")]
    [InlineData(HandoffTriggers.Legal, "não pagaram de novo", "vou abrir ação trabalhista")]
    [InlineData(HandoffTriggers.Legal, "cansei", "vou botar no reclame aqui")]
    [InlineData(HandoffTriggers.Legal, "bom dia", "vou denunciar vocês no Ministério Público do Trabalho")]
    [InlineData(HandoffTriggers.Legal, "isso é ilegal", "vou no juizado")]
    [InlineData(HandoffTriggers.Legal, "olha", "vou denunciar vocês no CRM", "isso não se faz")]
    [InlineData(HandoffTriggers.Legal, "não recebi", "vou procesar vcs")]
    [InlineData(HandoffTriggers.Legal, "última vez que aviso", "vou tomar as medidas judiciais cabíveis")]
    [InlineData(HandoffTriggers.Legal, "oi", "já passei pro meu advogado")]
    [InlineData(HandoffTriggers.Legal, "pagamento atrasado de novo", "vou no procon")]
    [InlineData(HandoffTriggers.Legal, "vocês me devem 3 plantões", "vou cobrar na justiça")]
    [InlineData(HandoffTriggers.Legal, "olá", "vou denunciar na ANS")]
    [InlineData(HandoffTriggers.Legal, "isso é caso de polícia", "vou fazer BO")]
    [InlineData(HandoffTriggers.NegativeSentiment, "bom dia", "vocês são uns incompetentes")]
    [InlineData(HandoffTriggers.NegativeSentiment, "empresa de merda", "nunca mais")]
    [InlineData(HandoffTriggers.NegativeSentiment, "robô burro", "não entende nada")]
    [InlineData(HandoffTriggers.NegativeSentiment, "estou muito irritado", "com o atraso de vocês")]
    [InlineData(HandoffTriggers.NegativeSentiment, "vocês são uma piada", "uma piada")]
    [InlineData(HandoffTriggers.NegativeSentiment, "to p da vida", "com vcs")]
    [InlineData(HandoffTriggers.NegativeSentiment, "fdp", "caloteiros")]
    public void TheTurnsTrigger(string expected, params string[] messages) =>
        Assert.Equal(expected, HandoffTriggerDetector.DetectInTurn(messages)?.Trigger);

    [Theory]
    [InlineData("pode me ligar depois das 18h? nao, melhor, me manda por escrito mesmo")]
    [InlineData("me liga amanha? deixa pra la, ja resolvi aqui")]
    public void ARequestTakenBackInALaterClauseIsNone(string message) =>
        Assert.Null(HandoffTriggerDetector.Detect(message));

    // Twenty-fourth blind set: a later clause that solves one matter and opens another does not take the request back.
    [Theory]
    [InlineData("quero falar com atendente. já resolvi o pagamento, tenho outra dúvida")]
    [InlineData("me passa pra alguem da equipe, ja consegui o cadastro mas ainda preciso de ajuda com o pix")]
    public void ARequestFollowedByANewNeedStands(string message) =>
        Assert.Equal(HandoffTriggers.PersonRequested, HandoffTriggerDetector.Detect(message));

    // Twenty-fourth blind set: the person by the role ("quem faz o pagamento"), not a role at the hospital's.
    [Theory]
    [InlineData("falar com quem faz o pagamento", HandoffTriggers.PersonRequested)]
    [InlineData("quero falar com quem cuida da escala", HandoffTriggers.PersonRequested)]
    [InlineData("falar com quem faz o pagamento dos plantões", HandoffTriggers.PersonRequested)]
    [InlineData("preciso falar com quem organiza os plantoes", HandoffTriggers.PersonRequested)]
    [InlineData("vou falar com quem cuida da escala do hospital amanha", null)]
    public void APersonByTheRole(string message, string? expected) =>
        Assert.Equal(expected, HandoffTriggerDetector.Detect(message));
}
