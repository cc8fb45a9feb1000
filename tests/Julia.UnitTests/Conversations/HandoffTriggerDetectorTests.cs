using Julia.Conversations.Text;
using Julia.Handoffs;

namespace Julia.UnitTests.Conversations;

public sealed class HandoffTriggerDetectorTests
{
    [Theory]
    [InlineData("quero falar com uma pessoa")]
    [InlineData("Oi, quero falar com a coordenação")]       // found by an outside fuzzing run (2026-12-02)
    [InlineData("quero falar com a Júlia de verdade, não robô")]
    [InlineData("Quero falar com um humano!")]
    [InlineData("me passa pra sua supervisora")]
    [InlineData("Me passa para o responsável")]
    [InlineData("tem alguém aí?")]
    [InlineData("Tem alguem ai de verdade")]
    [InlineData("me liga")]
    [InlineData("ME LIGA POR FAVOR")]
    [InlineData("pode me ligar amanhã?")]
    [InlineData("quero um atendente de verdade")]
    [InlineData("preciso falar com alguém da equipe")]
    [InlineData("quero falar c/ o gerente")]
    [InlineData("sai daqui robô, chama gente")]                 // not an opt-out either (OptOutDetectorTests)
    [InlineData("robô, sai daqui! quero falar com uma pessoa")]
    public void ExplicitRequestsForAPerson(string text) => Assert.Equal(HandoffTriggers.PersonRequested, HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("vou falar com meu advogado")]
    [InlineData("Vou entrar na Justiça")]
    [InlineData("vou reclamar no PROCON")]
    [InlineData("isso vai dar processo")]
    [InlineData("vou processar vocês")]
    [InlineData("quero fazer uma reclamação formal")]
    [InlineData("recebi uma notificação extrajudicial")]
    [InlineData("vou denunciar")]
    [InlineData("vou fazer uma reclamação no CRM")]
    [InlineData("tive uma autuação")]
    public void LegalWords(string text) => Assert.Equal(HandoffTriggers.Legal, HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("isso é um absurdo, uma vergonha")]
    [InlineData("Que RIDÍCULO, palhaçada")]
    [InlineData("péssimo atendimento, horrível")]
    [InlineData("falta de respeito, inaceitável")]
    [InlineData("vcs são mentirosos, isso é golpe")]
    public void TwoStrongWordsAreNegativeSentiment(string text) => Assert.Equal(HandoffTriggers.NegativeSentiment, HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("que absurdo esse valor")]              // one strong word only
    [InlineData("absurdo, absurda")]                    // same word twice
    [InlineData("qual o processo seletivo de vocês?")]
    [InlineData("como é o processo de cadastro?")]
    [InlineData("ela não liga pra isso")]
    [InlineData("tem plantão de pediatria?")]
    [InlineData("pode falar, estou ouvindo")]
    [InlineData("Oi, tudo bem?")]
    public void OrdinaryMessagesAreNotTriggers(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));

    [Fact]
    public void FirstMatchWinsInSpecOrder() =>
        Assert.Equal(HandoffTriggers.PersonRequested, HandoffTriggerDetector.Detect("absurdo, ridículo, vou chamar meu advogado, quero falar com uma pessoa"));

    [Theory]
    [InlineData("vou abrir reclamação no Reclame Aqui")]
    [InlineData("quero saber com base na LGPD de onde vocês tiraram meu telefone")]
    [InlineData("vou levar isso pro CREMERJ")]
    [InlineData("vou denunciar essa empresa ao CRM")]
    [InlineData("isso vai parar no CREMEMG")]
    [InlineData("vou meter um processo em vocês")]
    public void LegalFamiliesOfTheSixthSet(string text) => Assert.Equal(HandoffTriggers.Legal, HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("liga aí quando puder")]
    [InlineData("Não, me liga que é melhor")]                  // "não" ends its clause: the call is asked for
    [InlineData("tem algum canal com atendente humano?")]
    [InlineData("me passa o telefone da empresa")]
    public void PersonFamiliesOfTheSixthSet(string text) => Assert.Equal(HandoffTriggers.PersonRequested, HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("paciente com processo infeccioso grave, te respondo mais tarde")] // clinical, not legal
    [InlineData("denúncia de abuso no PS, chamei a assistente social, tô ocupada")]
    [InlineData("vou levar meu CRM e RG no primeiro dia")]
    [InlineData("a LGPD exige que o hospital guarde o prontuário, né?")]
    [InlineData("salvei o número de vocês aqui")]
    [InlineData("pode parar de me ligar hoje que tô no plantão")]
    public void LookAlikesOfTheSixthSetAreNotTriggers(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("vou acionar a polícia")]
    [InlineData("vou levar isso pro ministério do trabalho")]
    [InlineData("vou na defensoria amanhã")]
    [InlineData("I will sue you")]
    public void LegalFamiliesOfTheSeventhSet(string text) => Assert.Equal(HandoffTriggers.Legal, HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("alguém da equipe pode assumir aqui?")]
    [InlineData("pede pra alguém de vcs ligar pra mim")]
    [InlineData("gostaria de falar com um dos coordenadores")]
    [InlineData("qual o contato do hospital? quero falar com ele")]   // the place is in an earlier clause
    public void PersonFamiliesOfTheSeventhSet(string text) => Assert.Equal(HandoffTriggers.PersonRequested, HandoffTriggerDetector.Detect(text));

    [Fact]
    public void EnglishStrongWordsShareTheStemOfThePortugueseOnes()
    {
        Assert.Equal(HandoffTriggers.NegativeSentiment, HandoffTriggerDetector.Detect("unacceptable, uma vergonha"));
        Assert.Null(HandoffTriggerDetector.Detect("ridiculous, ridículo"));
    }

    [Theory]
    [InlineData("alguém pode assumir meu plantão de sábado?")]        // a colleague for a shift, not the team
    [InlineData("alguém de vcs vai ligar pro hospital confirmar?")]
    [InlineData("resolvi um b.o. no plantão ontem kkk")]
    [InlineData("os coordenadores do hospital são bons?")]
    public void LookAlikesOfTheSeventhSetAreNotTriggers(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));

    // Mechanisms added after the eighth blind set (docs/detection-history.md#triggers).
    [Theory]
    [InlineData("vai tomar no cu")]                                    // a curse aimed at the reader is enough alone
    [InlineData("vsf")]
    [InlineData("seus filhos da puta")]
    [InlineData("vocês são uns pilantras")]                            // an insult aimed at the company
    [InlineData("bot inútil")]
    [InlineData("cambada de caloteiros")]
    [InlineData("empresa de quinta")]
    [InlineData("tô muito puto com vocês")]                            // anger aimed at the company
    [InlineData("odeio vocês")]
    [InlineData("caralho, que canalhas")]                              // two strong words of the new ones
    public void OneVeryStrongExpressionIsNegativeSentiment(string text) =>
        Assert.Equal(HandoffTriggers.NegativeSentiment, HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("o paciente é um idiota, arrancou o acesso")]          // one strong word, about a patient
    [InlineData("um bando de ladrões levou os monitores da UTI")]       // a story, not aimed at the company
    [InlineData("a acompanhante me chamou de filho da puta, mas já passou")] // a patient's family's words, reported
    [InlineData("o plantão foi foda, caralho")]                        // one strong word
    [InlineData("a família do paciente quer um advogado pra curatela")] // a patient's family's legal matter
    [InlineData("o paciente disse que vai procurar a justiça contra o plano")]
    public void ReportedOrWeakWordsAreNotTriggers(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("o paciente ameaçou me processar, vocês ajudam?")]       // the doctor is the one sued
    [InlineData("a família disse que vai processar e eu vou processar vocês também")]
    public void APatientsThreatAimedAtTheDoctorIsLegal(string text) => Assert.Equal(HandoffTriggers.Legal, HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("tem algum ser humano trabalhando de plantão aí?")]    // a human is a person whatever follows
    [InlineData("alguém do financeiro pode me retornar?")]             // someone of a team, not of a shift
    [InlineData("queria falar com quem monta a escala")]
    [InlineData("tem como falar com alguém que não seja robô?")]
    [InlineData("o moço que me atendeu da outra vez pode me ligar?")]
    [InlineData("solicito contato com um representante")]
    [InlineData("bota um cristão pra me atender")]
    public void PersonFamiliesOfTheEighthSet(string text) => Assert.Equal(HandoffTriggers.PersonRequested, HandoffTriggerDetector.Detect(text));

    // Mechanisms added after the ninth blind set (docs/detection-history.md#triggers), on phrasings of their own.
    [Theory]
    [InlineData("quero conversar com quem decide ai")]                 // someone who decides
    [InlineData("dá pra tratar por telefone? prefiro")]                 // a call in other words
    [InlineData("eu queria que alguém do RH me ligasse")]               // the subjunctive of asking
    [InlineData("seria bom que o gerente me chamasse")]                 // a role of the team as the one who calls
    [InlineData("alguien me puede llamar hoy?")]                         // Spanish
    public void PersonFamiliesOfTheNinthSet(string text) => Assert.Equal(HandoffTriggers.PersonRequested, HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("não quero receber ligação nenhuma")]                   // a call refused through wanting/receiving
    [InlineData("nao gosto de ligacao, manda aqui")]
    public void ACallRefusedIsNotARequest(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("vocês me devem dano moral")]                           // damages
    [InlineData("a gente se vê no pequenas causas")]
    [InlineData("isso é ilegal e vocês sabem")]
    [InlineData("vai parar na frente do juiz")]
    [InlineData("o judiciário decide")]
    [InlineData("sou advogado do Dr. Caio, aguardo retorno")]           // a lawyer writing for the doctor
    [InlineData("vamos tomar as devidas providências")]
    [InlineData("voy a denunciarlos")]                                   // Spanish
    public void LegalFamiliesOfTheNinthSet(string text) => Assert.Equal(HandoffTriggers.Legal, HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("sou perita judicial, posso às quintas")]               // a profession
    [InlineData("meu cunhado é juiz, vou no casamento dele sábado")]
    [InlineData("tem vaga em Juiz de Fora?")]                           // the city
    [InlineData("justiça seja feita, o pagamento veio rápido")]          // an idiom
    [InlineData("examinei um advogado com pneumonia hoje")]              // a patient who is a lawyer
    [InlineData("o advogado da clínica pediu meu contrato")]             // another party's lawyer
    [InlineData("vou ao Procon por causa do meu banco, chego às 14h")]  // a legal step against another company
    public void LegalLookAlikesOfTheNinthSetAreNotTriggers(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("vocês são uns moleques")]                              // insults added: moleque, amador, porca
    [InlineData("nunca vi empresa tão amadora")]                        // an intensifier between company and insult
    [InlineData("bosta de agência")]                                    // the insult before the company
    [InlineData("enfia esse contrato no rabo")]
    [InlineData("you are so useless")]                                  // English and Spanish, aimed at the reader
    [InlineData("son unos estafadores")]
    [InlineData("Caloteiros! paguem o que devem")]                      // a plural insult opening the message
    [InlineData("que desgraça, é revoltante")]                          // two strong words of the new ones
    public void SentimentFamiliesOfTheNinthSet(string text) => Assert.Equal(HandoffTriggers.NegativeSentiment, HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("que desgraça de chuva hoje")]                          // one strong word, about the weather
    [InlineData("esse residente é um moleque")]                          // an insult aimed at someone else
    [InlineData("idiotas os motoristas dessa cidade")]                   // a plural insult with no clause mark after it
    public void NinthSetSentimentLookAlikesAreNotTriggers(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));

    // Mechanisms added after the tenth blind set (docs/detection-history.md#triggers), on phrasings of their own.
    [Theory]
    [InlineData("tem alguém vivo nessa empresa?", HandoffTriggers.PersonRequested)]
    [InlineData("ninguém de vocês me responde mais?", HandoffTriggers.PersonRequested)]
    [InlineData("chama um responsável, por favor", HandoffTriggers.PersonRequested)]        // the person as the object
    [InlineData("preciso falar urgente com o financeiro", HandoffTriggers.PersonRequested)]
    [InlineData("Não, quero falar com um atendente", HandoffTriggers.PersonRequested)]      // the "não" answers, a comma after it
    [InlineData("cadê a atendente de ontem?", HandoffTriggers.PersonRequested)]
    [InlineData("vocês vão tomar um processo", HandoffTriggers.Legal)]
    [InlineData("acionarei os meios judiciais", HandoffTriggers.Legal)]
    [InlineData("vou procesar essa empresa", HandoffTriggers.Legal)]                        // one "s" missing
    [InlineData("isso é estelionato", HandoffTriggers.Legal)]
    [InlineData("já entrei com a ação", HandoffTriggers.Legal)]
    [InlineData("vou processar vocês, não é brincadeira", HandoffTriggers.Legal)]
    [InlineData("nunca mais trabalho com vocês, que vergonha", HandoffTriggers.NegativeSentiment)]
    public void FamiliesOfTheTenthSet(string text, string expected) => Assert.Equal(expected, HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("não quero falar com supervisor nenhum, só quero a escala")]  // a person request negated
    [InlineData("você é gente ou robô?")]                                     // the either-or question about Júlia
    [InlineData("falo com um humano? brincadeira, tá ótimo assim")]           // taken back
    [InlineData("o responsável pelo paciente quer falar comigo")]             // a patient's person
    [InlineData("liguei pro hospital e ninguém me atende")]
    [InlineData("o escritório fica na Avenida da Justiça")]
    [InlineData("fiz BO do celular roubado")]                                  // a police report of his own loss
    [InlineData("meu advogado leu o contrato, pode mandar")]
    [InlineData("meu colega disse \"vou processar essa empresa\", é sério?")]   // someone else's words, quoted
    [InlineData("um amigo falou que vocês são uns picaretas, é verdade?")]
    [InlineData("vou processar vocês por pagarem tão bem kkkk")]              // a joke
    [InlineData("nunca mais piso naquele hospital, foi horrível")]            // about a place
    [InlineData("preciso do número do processo SEI")]
    public void TenthSetLookAlikesAreNotTriggers(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("que vergonha, vocês são uns desrespeitosos")]                // derived forms of the strong words
    [InlineData("horrorosa a forma como me trataram, um desrespeito")]
    [InlineData("absurdamente ridículo")]
    [InlineData("que absurdozinho hein, e ainda uma vergonha")]
    [InlineData("es un absurdo, una vergüenza lo que hacen")]                  // Spanish
    [InlineData("que absurdo, es una falta de respeto")]
    public void EleventhSetAngerIsNegativeSentiment(string text) => Assert.Equal(HandoffTriggers.NegativeSentiment, HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("tem alguém que resolva isso aí?")]
    [InlineData("me puedes llamar?")]
    public void EleventhSetRequestsForAPerson(string text) => Assert.Equal(HandoffTriggers.PersonRequested, HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("horroroso e horrível esse estacionamento")]                   // the same word in two forms counts once
    [InlineData("minha esposa vai me ligar daqui a pouco, depois te respondo")] // someone of his own calling him
    [InlineData("estou em videochamada, já te respondo")]
    [InlineData("meu advogado pediu cópia do contrato pra revisar antes de eu assinar")]
    [InlineData("vi no Reclame Aqui que vocês têm nota boa")]                  // a source of information, not a complaint
    [InlineData("a LGPD obriga vocês a guardar meus dados?")]                  // a question about the law
    [InlineData("minha denúncia na ouvidoria do hospital foi sobre um paciente, nada a ver com vocês")]
    [InlineData("tem boletim de ocorrência de plantão?")]
    public void EleventhSetLookAlikesAreNotTriggers(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("Por favor, encaminhe minha mensagem a algum responsável humano.")]   // twelfth set: a role + "humano"
    [InlineData("Júlia, não leve a mal, mas prefiro tratar desse assunto com alguém da sua equipe.")]
    public void TwelfthSetRequestsForAPerson(string text) => Assert.Equal(HandoffTriggers.PersonRequested, HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("vou acionar meus direitos, vcs vão ver")]
    [InlineData("Isso é assédio. Vou registrar ocorrência.")]
    public void TwelfthSetLegalSteps(string text) => Assert.Equal(HandoffTriggers.Legal, HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("não vou processar ninguém kkk só queria saber o valor")]      // the legal step denied
    [InlineData("nunca vou denunciar vcs kkk vcs são ótimos")]
    [InlineData("ninguém precisa me ligar, tá tudo certo")]                    // nobody asked for
    [InlineData("ninguém precisa me retornar, já resolvi")]
    [InlineData("vou registrar ocorrência no livro do plantão")]               // the ward's book, not the police
    public void TwelfthSetLookAlikesAreNotTriggers(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("consegue repassar meu caso pra sua supervisora?")]            // thirteenth set: the matter handed on
    [InlineData("quero falar com quem me mandou a mensagem ontem")]            // whoever contacted him before
    [InlineData("preciso de um contato direto com a coordenação")]
    [InlineData("qual o gerente? gostaria de conversar com ele")]
    public void ThirteenthSetRequestsForAPerson(string text) => Assert.Equal(HandoffTriggers.PersonRequested, HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("se não acertarem isso eu boto vocês no pau")]                 // slang for suing
    [InlineData("minha advogada deu entrada numa ação ontem")]
    [InlineData("isso é prática abusiva, conheço o código de defesa do consumidor")]
    [InlineData("vou representar contra essa empresa")]
    public void ThirteenthSetLegalSteps(string text) => Assert.Equal(HandoffTriggers.Legal, HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("vocês são uma vergonha")]                                     // a noun of scorn for what they are
    [InlineData("atendimento de quinta esse de vcs")]                          // the company's service as the target
    [InlineData("o app de vcs é um lixo")]
    [InlineData("tô injuriado com vocês")]                                     // regional anger aimed at us
    [InlineData("raiva dessa empresa")]
    [InlineData("Imbecil!")]                                                   // a singular insult as the whole message
    [InlineData("levei calote de novo, que vergonha")]                         // calote counts like golpe
    public void ThirteenthSetAngerIsNegativeSentiment(string text) => Assert.Equal(HandoffTriggers.NegativeSentiment, HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("faço perícia pra justiça estadual às quintas, então só sexta")] // the court as a workplace
    [InlineData("vou depor no tribunal como testemunha de um caso, só chego 14h")]
    [InlineData("a clínica oferece apoio jurídico pros plantonistas?")]         // legal cover asked about
    [InlineData("meu advogado leu e disse que o contrato tá ok, posso assinar")] // a contract cleared before signing
    [InlineData("não quero briga nem advogado, só o valor certo")]            // a noun in a refused list
    [InlineData("calma, não vou na justiça não kkk")]                          // the place of a denied step
    [InlineData("ainda tô processando a notícia do plantão extra kkk")]        // processing news
    [InlineData("que merda, esqueci a senha do app")]                          // one curse, not at us
    [InlineData("idiota eu, esqueci o crachá")]
    public void ThirteenthSetLookAlikesAreNotTriggers(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("me conecta com alguém do financeiro")]                        // fourteenth set: "conectar com"
    [InlineData("escalona pra um supervisor, por favor")]                      // the matter handed on with no object
    [InlineData("preciso tratar sobre meu repasse atrasado com a gestora")]     // the matter in a few words
    [InlineData("quero falar com o seu superior")]                             // a superior
    [InlineData("tem alguém do comercial pra eu conversar?")]                  // someone "for me to talk to"
    [InlineData("could you transfer me to a human?")]
    public void FourteenthSetRequestsForAPerson(string text) => Assert.Equal(HandoffTriggers.PersonRequested, HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("vou entrar com reclamação trabalhista")]                      // the labour claim by its name
    [InlineData("a empresa vai ser intimada, aguardem")]                       // summoned in the future passive
    [InlineData("minha advogada vai impetrar mandado de segurança")]
    [InlineData("vou pedir uma liminar contra vocês")]
    public void FourteenthSetLegalSteps(string text) => Assert.Equal(HandoffTriggers.Legal, HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("esse robô é muito inútil")]                                   // an insult through a copula
    [InlineData("a Julia é burra")]
    [InlineData("vocês não valem nada")]                                       // worth nothing
    [InlineData("vão se ferrar vocês")]                                        // a milder curse aimed at the reader
    [InlineData("cambada de enrolões")]                                        // new insults
    [InlineData("que agência mequetrefe, sua empresa é uma furada")]
    [InlineData("tô de cara com vocês")]                                       // gaúcho anger aimed at us
    [InlineData("vocês conseguem me tirar do sério")]                          // being made angry by them
    [InlineData("this company is a joke")]
    public void FourteenthSetAngerIsNegativeSentiment(string text) => Assert.Equal(HandoffTriggers.NegativeSentiment, HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("vocês indicam algum advogado pra abrir minha PJ?")]           // a lawyer asked about as a service
    [InlineData("existe alguma consequência judicial se eu desmarcar?")]       // a consequence asked about
    [InlineData("qual processo? não recebi e-mail nenhum")]                    // which one is meant
    [InlineData("vou encaminhar pra equipe o meu RG amanhã")]                  // the doctor's own errand
    [InlineData("encaminha pra alguém cobrir meu sábado?")]                    // a stand-in, not a person to talk to
    [InlineData("vou resolver do empréstimo com o gerente do banco")]          // another institution's role
    [InlineData("o paciente vai se ferrar se largar o antibiótico")]           // a curse about someone else
    [InlineData("a testemunha foi intimada ontem, mas não tem nada a ver")]    // summoned, with no threat
    public void FourteenthSetLookAlikesAreNotTriggers(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("liga aqui assim que der")]                                    // "liga aqui" as "liga aí"
    [InlineData("o moço do financeiro pode me ligar?")]                         // a person of the team by "moço/moça/rapaz"
    [InlineData("quero conversar com a moça que me mandou a vaga")]
    [InlineData("cadê o rapaz que cuidava das minhas escalas?")]
    [InlineData("ninguém atende aí?")]                                         // nobody answers, at us
    [InlineData("tem um celular de alguém que eu possa ligar?")]
    [InlineData("me liga urgente")]                                            // urgency as a courtesy
    public void FifteenthSetPersonRequests(string text) => Assert.Equal(HandoffTriggers.PersonRequested, HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("vocês vão ser processados")]                                  // the passive with us as its subject
    [InlineData("a empresa será processada por isso")]
    public void FifteenthSetLegalSteps(string text) => Assert.Equal(HandoffTriggers.Legal, HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("you guys are idiots")]                                        // English insult through "you guys"
    [InlineData("fuck off")]                                                   // English curse aimed at the reader
    [InlineData("vai pro caralho, Julia")]                                     // the curse opening the message
    public void FifteenthSetAngerIsNegativeSentiment(string text) => Assert.Equal(HandoffTriggers.NegativeSentiment, HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("vocês contratam como pessoa jurídica?")]                     // the company form, not a legal matter
    [InlineData("qual a natureza jurídica da vaga?")]
    [InlineData("fica perto do Fórum da Barra Funda?")]                       // a landmark through the court's name
    [InlineData("é do lado do Tribunal Regional do Trabalho?")]
    [InlineData("processando aqui ainda, te falo já")]                         // the doctor thinking
    [InlineData("meu pagamento vai ser processado quando?")]                   // a payment, not us
    [InlineData("estou numa ligação, já respondo")]                            // in a call, not asking for one
    [InlineData("recebi uma ligação de vocês, do que se trata?")]              // a call received
    [InlineData("a ligação caiu, mas pode seguir por aqui")]
    [InlineData("tem algum humano no plantão comigo ou vou sozinho?")]         // a colleague on his shift
    [InlineData("o plantão de ontem foi pro caralho")]                         // the curse about a shift
    public void FifteenthSetLookAlikesAreNotTriggers(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));

    // Thirty-fourth blind set (docs/detection-history.md#triggers): the person by what they did for him, handed over to "minha gestora",
    // by name as the sentence, by channel, formally; a complaint at the ANS; anger aimed at us by "que piada vocês", "p da vida".
    [Theory]
    [InlineData("quero falar com quem me indicou a vaga", HandoffTriggers.PersonRequested)]
    [InlineData("preciso conversar com a moça que me contratou", HandoffTriggers.PersonRequested)]
    [InlineData("me passa pra pessoa que me ligou ontem", HandoffTriggers.PersonRequested)]
    [InlineData("a pessoa que me ligou ontem pode me retornar?", HandoffTriggers.PersonRequested)]
    [InlineData("me passa pra minha gestora", HandoffTriggers.PersonRequested)]
    [InlineData("me transfere pro meu gerente", HandoffTriggers.PersonRequested)]
    [InlineData("minha coordenadora aí de vocês pode me retornar?", HandoffTriggers.PersonRequested)]
    [InlineData("Prezados, gostaria de conversar com um de vossos colaboradores", HandoffTriggers.PersonRequested)]
    [InlineData("Solicito atendimento com um de vossos funcionários", HandoffTriggers.PersonRequested)]
    [InlineData("o Rodrigo está aí?", HandoffTriggers.PersonRequested)]
    [InlineData("bom dia, a Fernanda tá por aí?", HandoffTriggers.PersonRequested)]
    [InlineData("prefiro resolver isso por ligação com alguém", HandoffTriggers.PersonRequested)]
    [InlineData("o atendimento humano de vocês é ótimo, mas quero falar com a Fernanda", HandoffTriggers.PersonRequested)]
    [InlineData("vou abrir uma reclamação na ANS", HandoffTriggers.Legal)]
    [InlineData("pensei em processar, mas vocês ainda não resolveram", HandoffTriggers.Legal)]
    [InlineData("Meu advogado quer uma cópia do contrato que assinei com vocês", HandoffTriggers.Legal)]
    [InlineData("que piada vcs", HandoffTriggers.NegativeSentiment)]
    [InlineData("tô p da vida com vocês", HandoffTriggers.NegativeSentiment)]
    [InlineData("tem alguma alma viva aí?", HandoffTriggers.PersonRequested)]
    public void ThirtyFourthSetTriggers(string text, string expected) => Assert.Equal(expected, HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("vou falar com minha consultora e te aviso")]                  // his own consultant, his own errand
    [InlineData("vou falar com quem me indicou e te falo")]
    [InlineData("a pessoa que me ligou semana passada já me explicou tudo")]
    [InlineData("vou conversar com minha gestora do hospital amanhã")]
    [InlineData("a Fernanda tá aí comigo no plantão")]
    [InlineData("a justiça do trabalho reconhece PJ?")]                        // the law asked about
    [InlineData("PJ tem algum problema com a justiça do trabalho?")]
    [InlineData("pensei em ir no procon mas vocês resolveram rápido")]          // a step thought of and dropped
    [InlineData("ia abrir um processo mas vocês pagaram, obrigado")]
    [InlineData("o atendimento humano de vcs é ótimo")]                        // praise that names people
    [InlineData("vc é mais rápida que muito atendente humano")]
    [InlineData("não precisa ninguém me ligar")]                               // a call declined
    [InlineData("vou denunciar o hospital na vigilância sanitária")]          // the hospital, not us
    [InlineData("o Ministério Público fez uma vistoria no hospital ontem")]
    [InlineData("fui assaltado, fiz boletim de ocorrência ontem")]
    [InlineData("fiz um BO ontem porque roubaram meu carro")]
    [InlineData("meu advogado pediu uma cópia do contrato")]
    [InlineData("tem alguém aí do hospital que vai me render?")]
    public void ThirtyFourthSetLookAlikesAreNotTriggers(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));

    /// <summary>
    /// Thirty-sixth blind set (docs/detection-history.md#triggers): the brief's phrases and variants written after the fixes — the bot
    /// dismissed, a person of ours asked through Júlia to call or write him, legal steps as a question or what they deserve,
    /// curses and uselessness aimed at us.
    /// </summary>
    [Theory]
    [InlineData("sai robô, quero alguém", HandoffTriggers.PersonRequested)]
    [InlineData("sai bot", HandoffTriggers.PersonRequested)]
    [InlineData("desliga esse robô", HandoffTriggers.PersonRequested)]
    [InlineData("tira o robô da conversa", HandoffTriggers.PersonRequested)]
    [InlineData("me tira desse chatbot pfv", HandoffTriggers.PersonRequested)]
    [InlineData("pode pedir pro coordenador da escala me chamar?", HandoffTriggers.PersonRequested)]
    [InlineData("pede pro pessoal das escalas me ligar amanhã", HandoffTriggers.PersonRequested)]
    [InlineData("pede pra Ana da escala me retornar", HandoffTriggers.PersonRequested)]
    [InlineData("fala pra sua chefe me mandar msg", HandoffTriggers.PersonRequested)]
    [InlineData("favor pedir ao gestor da escala que me contate", HandoffTriggers.PersonRequested)]
    [InlineData("pede pro coordenador me dar um toque", HandoffTriggers.PersonRequested)]
    [InlineData("alguém do financeiro pode me dar uma ligada?", HandoffTriggers.PersonRequested)]
    [InlineData("quem cuida do meu pagamento? me passa pra ela", HandoffTriggers.PersonRequested)]
    [InlineData("alguen me atende", HandoffTriggers.PersonRequested)]
    [InlineData("vou reportar vocês ao CFM", HandoffTriggers.Legal)]
    [InlineData("vou fazer uma denúncia de vcs no CFM", HandoffTriggers.Legal)]
    [InlineData("quer que eu te processe?", HandoffTriggers.Legal)]
    [InlineData("vocês merecem ser processados", HandoffTriggers.Legal)]
    [InlineData("tmnc", HandoffTriggers.NegativeSentiment)]
    [InlineData("nem pra pagar em dia vocês servem", HandoffTriggers.NegativeSentiment)]
    [InlineData("vcs não servem nem pra mandar a escala certa", HandoffTriggers.NegativeSentiment)]
    [InlineData("me enganaram, o valor era outro", HandoffTriggers.NegativeSentiment)]
    public void ThirtySixthSetTriggers(string text, string expected) => Assert.Equal(expected, HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("saí do plantão, o robô me mandou a vaga?")]                  // "saí", the bot only mentioned
    [InlineData("o robô sai caro pra vcs né")]
    [InlineData("pede pra enfermeira me ligar")]                                // the hospital's people
    [InlineData("pede pro coordenador do hospital me chamar")]
    [InlineData("quem vai me ligar, o hospital ou vcs?")]                       // who will call, asked
    [InlineData("não quero que ninguém me ligue, prefiro msg")]               // a call declined
    [InlineData("alguém da equipe me ligou, era sobre o quê?")]               // a call that came
    [InlineData("preciso ver com a coordenação do meu outro emprego")]        // his own workplace
    [InlineData("vou falar com o gerente da minha clínica")]
    [InlineData("quero uma pessoa de confiança pra dividir o plantão comigo")] // a colleague for a shift
    [InlineData("preciso de uma pessoa pra cobrir meu sábado")]
    [InlineData("melhor que falar com atendente kkk")]                        // praise by comparison
    [InlineData("não sou robô não kkk, sou eu mesmo")]
    [InlineData("faço perícia pro juizado")]                                  // his own expert work
    [InlineData("tô na justiça federal fazendo perícia até 14h")]
    [InlineData("tenho plantão na delegacia da mulher como médico legista")]
    [InlineData("tenho consulta com o advogado amanhã sobre a minha PJ")]
    [InlineData("o Procon aqui do lado do hospital tá em reforma")]
    [InlineData("quer que eu processe o pagamento de novo?")]
    [InlineData("o pagamento foi processado?")]
    [InlineData("nem pra isso o hospital serve")]                              // the hospital, not us
    [InlineData("me enganaram no hospital, disseram que tinha estacionamento")]
    public void ThirtySixthSetLookAlikesAreNotTriggers(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));

    /// <summary>
    /// Thirty-eighth blind set (docs/detection-history.md#triggers): the brief's phrases and variants written after the fixes — one of ours
    /// asked to contact him with many words between the asking and the contact, legal threats told by their consequence, the
    /// public told what they did.
    /// </summary>
    [Theory]
    [InlineData("manda a pessoa que cuida do meu cadastro falar comigo", HandoffTriggers.PersonRequested)]
    [InlineData("pede pra moça do RH que me mandou o contrato ontem me ligar", HandoffTriggers.PersonRequested)]
    [InlineData("quero que o responsável pela escala do hospital Santa Rita entre em contato", HandoffTriggers.PersonRequested)]
    [InlineData("gostaria que alguém do financeiro que cuida dos PJ me retornasse hoje", HandoffTriggers.PersonRequested)]
    [InlineData("peço que a coordenadora de vocês me contate com urgência", HandoffTriggers.PersonRequested)]
    [InlineData("fala pro gerente que atende minha conta me mandar mensagem", HandoffTriggers.PersonRequested)]
    [InlineData("o dono dessa empresa tem que falar comigo", HandoffTriggers.PersonRequested)]
    [InlineData("depois não reclamem quando chegar o processo", HandoffTriggers.Legal)]
    [InlineData("não venham chorar quando a citação chegar", HandoffTriggers.Legal)]
    [InlineData("isso não vai ficar assim", HandoffTriggers.Legal)]
    [InlineData("isso não vai ficar barato, podem esperar", HandoffTriggers.Legal)]
    [InlineData("me aguardem, isso não acaba aqui", HandoffTriggers.Legal)]
    [InlineData("vocês vão ter notícias minhas", HandoffTriggers.Legal)]
    [InlineData("vcs vão ouvir falar de mim", HandoffTriggers.Legal)]
    [InlineData("guardei todos os prints das conversas", HandoffTriggers.Legal)]
    [InlineData("tô juntando provas", HandoffTriggers.Legal)]
    [InlineData("vou exigir a multa do contrato", HandoffTriggers.Legal)]
    [InlineData("vou buscar ressarcimento", HandoffTriggers.Legal)]
    [InlineData("isso é apropriação indébita", HandoffTriggers.Legal)]
    [InlineData("isso vai ter consequência", HandoffTriggers.Legal)]
    [InlineData("vou tomar uma atitude judicial", HandoffTriggers.Legal)]
    [InlineData("vou contar no grupo dos plantonistas como vcs tratam a gente", HandoffTriggers.NegativeSentiment)]
    [InlineData("vou dar nota 1 estrela pra vcs", HandoffTriggers.NegativeSentiment)]
    [InlineData("vou fazer barulho no instagram", HandoffTriggers.NegativeSentiment)]
    public void ThirtyEighthSetTriggers(string text, string expected) => Assert.Equal(expected, HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("tem alguém da equipe de vcs lá no hospital?")]
    [InlineData("tem humano no plantão da noite ou só residente? kkk")]
    [InlineData("tem alguém de vocês no hospital amanhã?")]
    [InlineData("tem médico humano ou é tudo telemedicina lá?")]
    [InlineData("pode me ligar se precisar, tô livre agora")]
    [InlineData("prefiro mensagem do que ligação")]
    [InlineData("quero ser coordenadora de escala, tem vaga?")]
    [InlineData("ninguém teve a decência de me ligar pra avisar do cancelamento")]
    [InlineData("quem cuida das escalas aí? só pra saber o nome")]
    [InlineData("fiz denúncia de um paciente que me agrediu")]
    [InlineData("achei vcs pelo reclame aqui")]
    [InlineData("minha filha quer ser advogada kkk")]
    [InlineData("o seguro cobre processo ético?")]
    [InlineData("tive que chamar a polícia no plantão, paciente agitado")]
    [InlineData("vou na polícia federal renovar o passaporte")]
    [InlineData("guardei os prints da escala, tá certinho")]
    [InlineData("isso não vai ficar assim pra sempre, né?")]
    [InlineData("quando vou ter notícias sobre a vaga?")]
    [InlineData("vocês vão ter notícias minhas amanhã sobre o documento")]
    public void ThirtyEighthSetLookAlikesAreNotTriggers(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));

    // Fortieth blind set (docs/detection-history.md#triggers): variants written after the fixes — the standing role of our work at a place,
    // a person of ours told to call through Júlia, our office visited, the warning before the step, the ombudsman, the news to
    // come, the screenshot posted, the doctors' group told, a curse with a letter hidden.
    [Theory]
    [InlineData("queria conversar com quem organiza as escalas do hospital estadual de Sapopemba", HandoffTriggers.PersonRequested)]
    [InlineData("preciso falar com quem monta os plantões da UPA Jardim Angela", HandoffTriggers.PersonRequested)]
    [InlineData("tem como falar com quem faz o pagamento dos plantões do Hospital Geral?", HandoffTriggers.PersonRequested)]
    [InlineData("me põe em contato com quem de vocês coordena a maternidade", HandoffTriggers.PersonRequested)]
    [InlineData("fala pra moça do cadastro que eu queria conversar com ela", HandoffTriggers.PersonRequested)]
    [InlineData("diz pra pessoa que fechou meu contrato que eu queria conversar com ela", HandoffTriggers.PersonRequested)]
    [InlineData("dá pra passar no escritório de vcs amanhã?", HandoffTriggers.PersonRequested)]
    [InlineData("prefiro resolver isso pessoalmente", HandoffTriggers.PersonRequested)]
    [InlineData("depois não venham dizer que eu não avisei", HandoffTriggers.Legal)]
    [InlineData("vou abrir uma reclamação formal na ouvidoria", HandoffTriggers.Legal)]
    [InlineData("vou denunciar isso na ouvidoria", HandoffTriggers.Legal)]
    [InlineData("o nome de vocês vai parar no jornal", HandoffTriggers.NegativeSentiment)]
    [InlineData("vou tirar print de tudo e publicar", HandoffTriggers.NegativeSentiment)]
    [InlineData("vou jogar isso no grupo dos plantonistas", HandoffTriggers.NegativeSentiment)]
    [InlineData("vou ligar pra imprensa", HandoffTriggers.NegativeSentiment)]
    [InlineData("vou abrir a boca no trombone", HandoffTriggers.NegativeSentiment)]
    [InlineData("todo mundo vai ficar sabendo de vocês", HandoffTriggers.NegativeSentiment)]
    [InlineData("vão se f*der todos vcs", HandoffTriggers.NegativeSentiment)]
    [InlineData("f0da-se essa empresa", HandoffTriggers.NegativeSentiment)]
    [InlineData("empresa de m3rda", HandoffTriggers.NegativeSentiment)]
    [InlineData("que absurdo, p*rra", HandoffTriggers.NegativeSentiment)]
    public void FortiethSetTriggers(string text, string expected) => Assert.Equal(expected, HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("vou falar com quem cuida da escala do hospital quando chegar lá")]
    [InlineData("preciso falar com quem fechou a escala do hospital")]
    [InlineData("a coordenadora do PS pediu pra eu confirmar com vocês")]
    [InlineData("vou passar no escritório do hospital pra pegar o crachá")]
    [InlineData("vou passar no escritório do meu contador amanhã")]
    [InlineData("vou resolver pessoalmente com o coordenador do hospital")]
    [InlineData("avisei o hospital que vou atrasar")]
    [InlineData("a ouvidoria do hospital me ligou sobre um paciente")]
    [InlineData("vou registrar a queixa do paciente na ouvidoria do hospital")]
    [InlineData("saiu no jornal que o hospital vai abrir mais leitos")]
    [InlineData("vou printar e postar a vaga no grupo da residência")]
    [InlineData("posso colocar a vaga no grupo dos médicos?")]
    [InlineData("tive que fazer boletim de ocorrência contra um acompanhante agressivo")]
    [InlineData("é no ambulatório da justiça federal?")]
    [InlineData("preciso de uma certidão pra justiça eleitoral")]
    [InlineData("a senha é ab3c*12")]
    [InlineData("plantão 24h, R$ 1.300,00")]
    public void FortiethSetLookAlikesAreNotTriggers(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));

    [Fact]
    public void FortiethSetACensoredCurseIsReadAsTheCurseAndNothingElseIsCopied()
    {
        Assert.Equal("foda-se essa empresa", HandoffTriggerDetector.Uncensored("f*da-se essa empresa"));
        Assert.Equal("vai se foder", HandoffTriggerDetector.Uncensored("vai se f*der"));
        Assert.Equal("que porra", HandoffTriggerDetector.Uncensored("que p0rra"));
        var plain = "plantão 24h no HC 3, sala 104";
        Assert.Same(plain, HandoffTriggerDetector.Uncensored(plain));
    }

    // Forty-second blind set (docs/detection-history.md#triggers): variants written after the fixes — a channel to one of ours (the 0800,
    // the SAC, an e-mail of a person or team, a contact after asking who handles something, one of ours by name asked to call back,
    // the boss at our place), legal steps by their instrument, our name taken to the networks or colleagues warned off us.
    [Theory]
    [InlineData("boa tarde, vocês têm algum 0800 pra eu ligar?", HandoffTriggers.PersonRequested)]
    [InlineData("me manda o 0800 da empresa", HandoffTriggers.PersonRequested)]
    [InlineData("existe SAC nessa empresa?", HandoffTriggers.PersonRequested)]
    [InlineData("qual o e-mail da gerência?", HandoffTriggers.PersonRequested)]
    [InlineData("me passa o email do supervisor por favor", HandoffTriggers.PersonRequested)]
    [InlineData("tem um email pra eu explicar meu caso pra alguém?", HandoffTriggers.PersonRequested)]
    [InlineData("pode me informar o telefone de algum responsável?", HandoffTriggers.PersonRequested)]
    [InlineData("quem resolve os repasses? me manda o whats dele", HandoffTriggers.PersonRequested)]
    [InlineData("bom dia, quem é o responsável aí de vocês?", HandoffTriggers.PersonRequested)]
    [InlineData("quem é a supervisora dai", HandoffTriggers.PersonRequested)]
    [InlineData("o Rodrigo do financeiro pode me ligar hoje?", HandoffTriggers.PersonRequested)]
    [InlineData("oi, a Tati poderia me retornar?", HandoffTriggers.PersonRequested)]
    [InlineData("quem me atendia era uma moça, a Luana, ela tá aí?", HandoffTriggers.PersonRequested)]
    [InlineData("meu advogado vai mandar notificação ao CNPJ da empresa", HandoffTriggers.Legal)]
    [InlineData("vou notificar extrajudicialmente o cnpj de vocês", HandoffTriggers.Legal)]
    [InlineData("já passei tudo pro advogado do meu sindicato", HandoffTriggers.Legal)]
    [InlineData("o jurídico da associação vai cuidar disso", HandoffTriggers.Legal)]
    [InlineData("guardei print de tudo, podem ter certeza", HandoffTriggers.Legal)]
    [InlineData("ta tudo printado aqui", HandoffTriggers.Legal)]
    [InlineData("vamo processa essa empresa", HandoffTriggers.Legal)]
    [InlineData("vou publicar no facebook o descaso de vcs", HandoffTriggers.NegativeSentiment)]
    [InlineData("vou escrever no linkedin como vcs tratam os médicos", HandoffTriggers.NegativeSentiment)]
    [InlineData("vou fazer muito barulho nas redes", HandoffTriggers.NegativeSentiment)]
    [InlineData("vou alertar a turma da residência pra ninguém aceitar plantão com essa empresa", HandoffTriggers.NegativeSentiment)]
    public void FortySecondSetTriggers(string text, string expected) => Assert.Equal(expected, HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("a justiça federal finalmente liberou meu diploma")]
    [InlineData("a justiça do trabalho reconheceu meu tempo de serviço, tô feliz")]
    [InlineData("o atendimento é por videochamada?")]
    [InlineData("a consulta vai ser pelo aplicativo ou presencial?")]
    [InlineData("me passa o telefone da chefe de enfermagem do hospital")]
    [InlineData("qual o ramal do coordenador da UTI do hospital?")]
    [InlineData("tem algum colega pra me cobrir sábado?")]
    [InlineData("preciso de outro médico que assuma meu domingo")]
    [InlineData("qual o email do financeiro pra eu mandar o recibo?")]
    [InlineData("quero dar uma olhada no reclame aqui antes de assinar")]
    [InlineData("minha família é toda de advogado, só eu virei médico")]
    [InlineData("tenho tudo documentado, as horas e os plantões")]
    [InlineData("vou postar a vaga no meu instagram, pode?")]
    [InlineData("vou indicar vocês no linkedin, vcs são ótimos")]
    [InlineData("vou processar os documentos hoje à noite")]
    [InlineData("qual o 0800 do meu plano de saúde? sabe?")]
    [InlineData("a Paula do hospital me ligou ontem")]
    public void FortySecondSetLookAlikesAreNotTriggers(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));

    // Forty-fourth blind set (docs/detection-history.md#triggers): variants written after the fixes — their mockery over a payment late or
    // missing, legal steps named plainly, a person of ours through a team or a role.
    [Theory]
    [InlineData("vcs tão de brincadeira, atrasaram o pagamento de novo", HandoffTriggers.NegativeSentiment)]
    [InlineData("o repasse atrasou outra vez, vocês só podem estar de sacanagem", HandoffTriggers.NegativeSentiment)]
    [InlineData("4 meses sem receber e vcs de palhaçada", HandoffTriggers.NegativeSentiment)]
    [InlineData("vocês estão de brincadeira, ainda não caiu nada", HandoffTriggers.NegativeSentiment)]
    [InlineData("isso aí é fraude trabalhista e vcs sabem", HandoffTriggers.Legal)]
    [InlineData("vamos acionar a empresa", HandoffTriggers.Legal)]
    [InlineData("vou levar essa história pro CFM", HandoffTriggers.Legal)]
    [InlineData("eu proc vcs se não pagar", HandoffTriggers.Legal)]
    [InlineData("encaminha minha mensagem pro setor financeiro", HandoffTriggers.PersonRequested)]
    [InlineData("pode transferir pro RH?", HandoffTriggers.PersonRequested)]
    [InlineData("repassa pra coordenação por favor", HandoffTriggers.PersonRequested)]
    [InlineData("encaminha isso pra uma pessoa", HandoffTriggers.PersonRequested)]
    [InlineData("quero contato com quem faz o pagamento", HandoffTriggers.PersonRequested)]
    [InlineData("qual o whatsapp do financeiro de vcs?", HandoffTriggers.PersonRequested)]
    [InlineData("preciso que alguém da escala me responda", HandoffTriggers.PersonRequested)]
    [InlineData("gostaria que uma pessoa analisasse meu caso", HandoffTriggers.PersonRequested)]
    [InlineData("quero falar com quem cuida da santa casa", HandoffTriggers.PersonRequested)]
    public void FortyFourthSetTriggers(string text, string expected) => Assert.Equal(expected, HandoffTriggerDetector.Detect(text));

    // The same words with no trigger: amazement, a calm question, his own errand, a call that came, a certificate, the bot praised.
    [Theory]
    [InlineData("vcs tão de brincadeira, que valor bom esse plantão, quero")]
    [InlineData("vocês estão de brincadeira, o pagamento já caiu? que rápido")]
    [InlineData("vocês estão de sacanagem")]
    [InlineData("o pagamento atrasou de novo, sabe quando cai?")]
    [InlineData("vou acionar vcs amanhã pra confirmar o plantão")]
    [InlineData("o proc cirúrgico foi tranquilo")]
    [InlineData("to na delegacia por causa de um documento, já te respondo")]
    [InlineData("a clínica tem algum problema com a justiça?")]
    [InlineData("vcs pedem certidão de processo ético?")]
    [InlineData("o CFM mudou a regra do plantão?")]
    [InlineData("vou encaminhar pro financeiro o comprovante")]
    [InlineData("encaminha pro financeiro o comprovante que te mandei")]
    [InlineData("preciso que alguém cubra meu plantão dia 10")]
    [InlineData("recebi uma ligação de vcs ontem, era sobre a escala?")]
    [InlineData("tive uma ligação perdida daí")]
    [InlineData("vou conversar com meu sócio e te respondo")]
    [InlineData("deixa eu ver com a minha esposa e te falo")]
    [InlineData("suas respostas são ótimas, parece até gente")]
    [InlineData("quem cuida do paciente da 12 é o residente")]
    [InlineData("qual o email do financeiro pra mandar a nota?")]
    public void FortyFourthSetLookAlikesAreNotTriggers(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));

    // Forty-sixth blind set (docs/detection-history.md#triggers): variants written after the fixes — a wrong of ours told with the anger it
    // raises, a team of ours named and then asked for by a pronoun, our failings spread among colleagues, the union by its name,
    // our ombudsman called, "no pau" with several parties.
    [Theory]
    [InlineData("vcs me enganaram de novo, que ódio", HandoffTriggers.NegativeSentiment)]
    [InlineData("que raiva, vocês me deixaram na mão mais uma vez", HandoffTriggers.NegativeSentiment)]
    [InlineData("voces ja me fizeram perder dois plantoes, to puto", HandoffTriggers.NegativeSentiment)]
    [InlineData("vcs me fizeram de bobo, estou furiosa", HandoffTriggers.NegativeSentiment)]
    [InlineData("vou contar pro grupo dos plantonistas que vcs dão calote", HandoffTriggers.NegativeSentiment)]
    [InlineData("vou avisar todo mundo que vocês atrasam o pagamento", HandoffTriggers.NegativeSentiment)]
    [InlineData("isso é com o RH, me transfere pra eles", HandoffTriggers.PersonRequested)]
    [InlineData("o problema é do setor de pagamento. me coloca em contato com eles", HandoffTriggers.PersonRequested)]
    [InlineData("vou denunciar vocês no Sindmed", HandoffTriggers.Legal)]
    [InlineData("vou levar essa situação ao Simers", HandoffTriggers.Legal)]
    [InlineData("vou ligar na ouvidoria da empresa amanhã", HandoffTriggers.Legal)]
    [InlineData("vou botar a cooperativa e vcs todos no pau", HandoffTriggers.Legal)]
    [InlineData("pqp, ninguém atende", HandoffTriggers.PersonRequested)]
    [InlineData("aff ninguem responde aqui", HandoffTriggers.PersonRequested)]
    public void FortySixthSetTriggers(string text, string expected) => Assert.Equal(expected, HandoffTriggerDetector.Detect(text));

    // The same words with no trigger: either half of the wrong and the anger alone, a call wished for when a shift comes, a role
    // asked about at a hospital, the company form, a body inspecting a shop, an errand at a court, the bot asked about.
    [Theory]
    [InlineData("vcs me enrolaram kkk achei que o plantão era domingo")]
    [InlineData("vocês me passaram a perna, que raiva desse trânsito")]
    [InlineData("que raiva, esqueci o carregador no hospital")]
    [InlineData("vou contar pro grupo que vcs pagam certinho")]
    [InlineData("me chama se aparecer plantão de pediatria")]
    [InlineData("me liga assim que sair a escala de fevereiro")]
    [InlineData("tem coordenador no PS desse hospital?")]
    [InlineData("vcs contratam como física ou jurídica?")]
    [InlineData("a polícia multou o bar do lado do hospital ontem")]
    [InlineData("o procon fiscalizou o mercado aqui perto")]
    [InlineData("preciso ir na justiça eleitoral buscar uma certidão, só posso à tarde")]
    [InlineData("é pessoa ou só com robô que eu falo aqui?")]
    [InlineData("poxa, ninguém atende no hospital")]
    public void FortySixthSetLookAlikesAreNotTriggers(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));

    // Forty-eighth blind set (docs/detection-history.md#triggers): the set's rows that the rules missed before its fixes (the first eighteen),
    // then variants written after them — a person asked for in this chat ("nesse zap"), by name after "pro", through a plural
    // imperative, an e-mail's "encaminhar meu contato", "por que não me passa…?", the Northeastern "atendenti"; "sue your", a
    // "representação" to the council, "notificando formalmente"; insults of exploiting and stalling.
    [Theory]
    [InlineData("mainha, tem gente nesse zap não?", HandoffTriggers.PersonRequested)]
    [InlineData("me passa pro Rodrigo, ele que cuida das minhas escalas", HandoffTriggers.PersonRequested)]
    [InlineData("agent please, real one", HandoffTriggers.PersonRequested)]
    [InlineData("poderiam, por obséquio, encaminhar meu contato a um atendente?", HandoffTriggers.PersonRequested)]
    [InlineData("algum humano disponível?", HandoffTriggers.PersonRequested)]
    [InlineData("boa noite, por favor me passem para um atendente", HandoffTriggers.PersonRequested)]
    [InlineData("qero falar com atendenti", HandoffTriggers.PersonRequested)]
    [InlineData("me pasa pra um umano", HandoffTriggers.PersonRequested)]
    [InlineData("ta, mas cadê a Ana? ela que sempre me passa os plantões", HandoffTriggers.PersonRequested)]
    [InlineData("por que não me passa logo pra um humano?", HandoffTriggers.PersonRequested)]
    [InlineData("vô processá", HandoffTriggers.Legal)]
    [InlineData("I'm going to sue your company", HandoffTriggers.Legal)]
    [InlineData("vou fazer uma representação no CRM contra o médico coordenador de vocês", HandoffTriggers.Legal)]
    [InlineData("estou notificando formalmente a empresa", HandoffTriggers.Legal)]
    [InlineData("vocês só enrolam, são uns enroladores de merda", HandoffTriggers.NegativeSentiment)]
    [InlineData("gente desqualificada, uma vergonha", HandoffTriggers.NegativeSentiment)]
    [InlineData("vocês são um bando de aproveitadores, sanguessugas", HandoffTriggers.NegativeSentiment)]
    [InlineData("exploradores de médico, vergonha", HandoffTriggers.NegativeSentiment)]
    [InlineData("tem alguém nesse whatsapp?", HandoffTriggers.PersonRequested)]
    [InlineData("passa pro Fábio, por favor", HandoffTriggers.PersonRequested)]
    [InlineData("pq não me transfere logo pra um atendente?", HandoffTriggers.PersonRequested)]
    [InlineData("favor encaminhem meu contato ao supervisor", HandoffTriggers.PersonRequested)]
    [InlineData("I will sue your agency", HandoffTriggers.Legal)]
    [InlineData("meu advogado está notificando vocês", HandoffTriggers.Legal)]
    [InlineData("fiz uma representação contra vocês no Cremesp", HandoffTriggers.Legal)]
    [InlineData("vocês são uns sanguessugas", HandoffTriggers.NegativeSentiment)]
    public void FortyEighthSetTriggers(string text, string expected) => Assert.Equal(expected, HandoffTriggerDetector.Detect(text));

    // The same words with no trigger: the set's look-alikes the rules flagged before (the first five) — a call already arranged
    // asked about as a detail of the shift, a call declined beside the channel he prefers, a legal body as a workplace or in a
    // story — then variants (and a street named after lawyers) ("alguém vai me ligar?" still asks; another request in the message still counts).
    [Theory]
    [InlineData("que horas a pessoa da escala vai me ligar pra confirmar o plantão?")]
    [InlineData("alguém da equipe vai me ligar pra passar o endereço do hospital?")]
    [InlineData("meu irmão fez direito e trabalha no procon, mas isso não tem nada a ver")]
    [InlineData("assisti um filme de tribunal ontem kkk")]
    [InlineData("prefiro por mensagem mesmo, sem ligação")]
    [InlineData("quando a moça da escala vai me ligar?")]
    [InlineData("a que horas vocês vão me ligar pra confirmar o plantão?")]
    [InlineData("minha esposa trabalha na defensoria")]
    [InlineData("vi uma série de advogado ontem, muito boa")]
    [InlineData("pode ser por aqui, sem ligação, tô no plantão")]
    [InlineData("vai ter alguém da equipe de vocês lá no primeiro dia?")]
    [InlineData("o endereço é na rua do advogado?")]
    [InlineData("o consultório fica na avenida dos advogados, 200")]
    public void FortyEighthSetLookAlikesAreNotTriggers(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("alguém vai me ligar?")]
    [InlineData("que horas vão me ligar? ninguém me respondeu até agora")]
    [InlineData("sem ligação não resolve, quero falar com uma pessoa")]
    public void FortyEighthSetRequestsBesideALookAlikeStand(string text) => Assert.Equal(HandoffTriggers.PersonRequested, HandoffTriggerDetector.Detect(text));

    // The subject left out, as in speech: an insult opening the message with "são" is said to us, unless the clause then
    // names whom it is about.
    [Theory]
    [InlineData("são uns picaretas, até hoje nada do meu dinheiro")]
    [InlineData("sao tudo uns incompetentes, ninguem resolve")]
    [InlineData("São uns caloteiros mesmo")]
    [InlineData("sao uma cambada de vigaristas")]
    public void AnInsultWithItsSubjectLeftOutIsAimedAtUs(string text) => Assert.Equal(HandoffTriggers.NegativeSentiment, HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("são uns idiotas esses motoristas de aplicativo, quase bati")]
    [InlineData("sao uns burros os residentes de hoje kkk")]
    [InlineData("São Paulo tá um caos hoje")]
    [InlineData("são umas duas horas de estrada até lá")]
    public void AnInsultWhoseSubjectIsNamedIsNotAimedAtUs(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));

    // Fiftieth blind set (docs/detection-history.md#triggers): the set's rows that failed before its fixes (the first twenty), then variants
    // written after them — a request cut short before its noun, "tem alguém?" after a greeting, "cadê a equipe?", a call by
    // "chamada" or "no telefone", "bota alguém pra falar comigo", "encaminhar a um atendente", a menu's word; "pro com" dictated,
    // the labour court, a protest at the notary, the doctors' union, "vão ser processados"; the bot called names as a machine, an
    // intensifier before the insult, humiliated and disrespected by us.
    [Theory]
    [InlineData("queria falar com uma", HandoffTriggers.PersonRequested)]
    [InlineData("oxe, bota um cabra de verdade pra falar comigo", HandoffTriggers.PersonRequested)]
    [InlineData("peço a gentileza de me encaminhar a um atendente", HandoffTriggers.PersonRequested)]
    [InlineData("pode me chamar no telefone?", HandoffTriggers.PersonRequested)]
    [InlineData("quero falar com um ser hu", HandoffTriggers.PersonRequested)]
    [InlineData("me passa pra uma pes", HandoffTriggers.PersonRequested)]
    [InlineData("ei, tem alguém?", HandoffTriggers.PersonRequested)]
    [InlineData("cadê a equipe?", HandoffTriggers.PersonRequested)]
    [InlineData("nenhuma pessoa vai me responder não?", HandoffTriggers.PersonRequested)]
    [InlineData("podemos fazer uma chamada?", HandoffTriggers.PersonRequested)]
    [InlineData("menu atendente", HandoffTriggers.PersonRequested)]
    [InlineData("vou reclamar no pro com", HandoffTriggers.Legal)]
    [InlineData("vou abrir reclamação no pro com", HandoffTriggers.Legal)]
    [InlineData("vocês vão responder na vara do trabalho", HandoffTriggers.Legal)]
    [InlineData("vou chamar o sindicato dos médicos", HandoffTriggers.Legal)]
    [InlineData("vão ser processados", HandoffTriggers.Legal)]
    [InlineData("vou protestar o pagamento em cartório", HandoffTriggers.Legal)]
    [InlineData("sua máquina imbecil", HandoffTriggers.NegativeSentiment)]
    [InlineData("oxe, vocês são uns arretados de incompetentes, visse", HandoffTriggers.NegativeSentiment)]
    [InlineData("me sinto humilhado e desrespeitado por vocês", HandoffTriggers.NegativeSentiment)]
    [InlineData("gostaria de conversar com um", HandoffTriggers.PersonRequested)]
    [InlineData("pode me transferir para um aten", HandoffTriggers.PersonRequested)]
    [InlineData("boa tarde, tem gente?", HandoffTriggers.PersonRequested)]
    [InlineData("cadê o pessoal?", HandoffTriggers.PersonRequested)]
    [InlineData("dá pra fazer uma ligação?", HandoffTriggers.PersonRequested)]
    [InlineData("manda alguém falar comigo", HandoffTriggers.PersonRequested)]
    [InlineData("vou fazer queixa no procom", HandoffTriggers.Legal)]
    [InlineData("vou no pro com amanhã", HandoffTriggers.Legal)]
    [InlineData("vou levar vocês pra vara do trabalho", HandoffTriggers.Legal)]
    [InlineData("vou protestar vocês em cartório", HandoffTriggers.Legal)]
    [InlineData("essa máquina idiota não entende nada", HandoffTriggers.NegativeSentiment)]
    [InlineData("fui humilhada e desrespeitada por vocês", HandoffTriggers.NegativeSentiment)]
    public void FiftiethSetTriggers(string text, string expected) => Assert.Equal(expected, HandoffTriggerDetector.Detect(text));

    // The same words with no trigger: the set's look-alikes the rules flagged before (the first six) — two strong words about the
    // traffic, who calls whom asked as either-or, a news story, a disease report, the service's hours, a call that came — then variants.
    [Theory]
    [InlineData("que trânsito horrível, caramba, péssimo, mas to chegando")]
    [InlineData("a escala me liga ou eu ligo pra escala quando chegar?")]
    [InlineData("vi uma notícia de um processo contra um hospital, mas enfim, tem vaga?")]
    [InlineData("a denúncia de dengue na cidade aumentou muito, tem vaga em infecto?")]
    [InlineData("vocês têm atendente 24h?")]
    [InlineData("tentaram me ligar? tava em cirurgia")]
    [InlineData("engarrafamento horrível, um absurdo, chego em 20 min")]
    [InlineData("o hospital me liga ou eu ligo pra eles?")]
    [InlineData("li uma reportagem sobre advogados de plantão")]
    [InlineData("vocês tem atendimento no fim de semana?")]
    [InlineData("alguém de vocês tentou me ligar agora?")]
    [InlineData("o pix de vocês vai ser processado hoje?")]
    [InlineData("vou a um protesto no domingo, só posso sábado")]
    public void FiftiethSetLookAlikesAreNotTriggers(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));

    // Fifty-second blind set (docs/detection-history.md#triggers): the set's rows that failed before its fixes (the first nineteen), then
    // variants written after them — a role "de vocês" named by its shift, a colleague by name or nickname alone or told by what she
    // did, a call asked through someone or returned by phone, a call by its noun, the one who served him asked after, one of a team
    // of ours by what it does, "um membro da equipe"; the formal complaint by its verb, "justissa"; "l1x0", "tomar no c*", the
    // closing insult with its article, "sem vergonha" and "corja" as the whole message.
    [Theory]
    [InlineData("me passa pro supervisor de plantão de vocês", HandoffTriggers.PersonRequested)]
    [InlineData("pode chamar a Camila que falou comigo semana passada?", HandoffTriggers.PersonRequested)]
    [InlineData("quero falar com a Dri", HandoffTriggers.PersonRequested)]
    [InlineData("pode chamar o Beto?", HandoffTriggers.PersonRequested)]
    [InlineData("pede pra me ligarem", HandoffTriggers.PersonRequested)]
    [InlineData("liguei aí e ninguém atendeu, me retornem", HandoffTriggers.PersonRequested)]
    [InlineData("me retorna por telefone", HandoffTriggers.PersonRequested)]
    [InlineData("solicito atendimento por um membro da equipe", HandoffTriggers.PersonRequested)]
    [InlineData("pode fazer uma chamada pra mim?", HandoffTriggers.PersonRequested)]
    [InlineData("a moça que me atendeu antes tá aí?", HandoffTriggers.PersonRequested)]
    [InlineData("quero falar com a moça do cadastro", HandoffTriggers.PersonRequested)]
    [InlineData("quero formalizar uma reclamação", HandoffTriggers.Legal)]
    [InlineData("vo na justissa", HandoffTriggers.Legal)]
    [InlineData("que empresa l1x0", HandoffTriggers.NegativeSentiment)]
    [InlineData("vcs são um l1xo", HandoffTriggers.NegativeSentiment)]
    [InlineData("vai tomar no c*", HandoffTriggers.NegativeSentiment)]
    [InlineData("que maravilha, mais uma vez sem pagamento, vocês são ótimos em enrolar, uns palhaços", HandoffTriggers.NegativeSentiment)]
    [InlineData("sem vergonha", HandoffTriggers.NegativeSentiment)]
    [InlineData("corja", HandoffTriggers.NegativeSentiment)]
    [InlineData("chama o Zé que me ligou ontem", HandoffTriggers.PersonRequested)]
    [InlineData("quero falar com a Nanda", HandoffTriggers.PersonRequested)]
    [InlineData("pode chamar a Lu?", HandoffTriggers.PersonRequested)]
    [InlineData("preciso falar com o Dudu", HandoffTriggers.PersonRequested)]
    [InlineData("pede pra me retornarem, to sem crédito", HandoffTriggers.PersonRequested)]
    [InlineData("me retorne pelo celular por favor", HandoffTriggers.PersonRequested)]
    [InlineData("tentei ligar três vezes, me retorna", HandoffTriggers.PersonRequested)]
    [InlineData("me faz uma ligação quando puder", HandoffTriggers.PersonRequested)]
    [InlineData("o rapaz que me ligou semana passada ainda tá aí?", HandoffTriggers.PersonRequested)]
    [InlineData("preciso falar com a menina do financeiro", HandoffTriggers.PersonRequested)]
    [InlineData("quero ser atendido por um integrante da equipe", HandoffTriggers.PersonRequested)]
    [InlineData("chama a coordenadora de plantão de vocês", HandoffTriggers.PersonRequested)]
    [InlineData("formalizo aqui minha reclamação", HandoffTriggers.Legal)]
    [InlineData("vou na justisa do trabalho", HandoffTriggers.Legal)]
    [InlineData("seus l1x0s", HandoffTriggers.NegativeSentiment)]
    [InlineData("vai tomar no c#", HandoffTriggers.NegativeSentiment)]
    [InlineData("obrigado por nada, seus caloteiros", HandoffTriggers.NegativeSentiment)]
    [InlineData("parabéns pela organização, uns incompetentes", HandoffTriggers.NegativeSentiment)]
    [InlineData("me liga o quanto antes", HandoffTriggers.PersonRequested)]
    [InlineData("me liga à tarde, por favor", HandoffTriggers.PersonRequested)]
    [InlineData("alguém me liga?", HandoffTriggers.PersonRequested)]
    [InlineData("pede pra eles me ligarem amanhã", HandoffTriggers.PersonRequested)]
    public void FiftySecondSetTriggers(string text, string expected) => Assert.Equal(expected, HandoffTriggerDetector.Detect(text));

    // The same words with no trigger: the set's look-alikes the rules flagged before (the first six) — "me liga" with a thing as
    // its object, "processo" as his registration, the head of his own unit, "ser humano" as humankind, "call me" before a title —
    // then variants (a colleague called to a shift, "sem vergonha nenhuma", the one who served him at a hospital).
    [Theory]
    [InlineData("me liga o nome da vaga com o hospital")]
    [InlineData("me liga a vaga com o endereço")]
    [InlineData("como tá o andamento do meu processo?")]
    [InlineData("preciso falar com o chefe do meu setor antes de aceitar")]
    [InlineData("ser humano precisa dormir né kkk")]
    [InlineData("call me Dr. John kkk")]
    [InlineData("me liga o endereço com o nome do hospital, qual é qual?")]
    [InlineData("call me doctor Silva, please")]
    [InlineData("todo ser humano erra")]
    [InlineData("qual a situação do meu processo?")]
    [InlineData("preciso conversar com o gerente do meu departamento antes")]
    [InlineData("pode chamar a Ana pro plantão de sábado?")]
    [InlineData("pode chamar o Uber? tô saindo do plantão")]
    [InlineData("sem vergonha nenhuma de perguntar: quanto paga?")]
    [InlineData("a moça que me atendeu no PS foi ótima")]
    public void FiftySecondSetLookAlikesAreNotTriggers(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));

    // Fifty-fourth blind set (docs/detection-history.md#triggers): the set's 18 rows that failed before its fixes (the first eighteen), then
    // variants written after them — a callback asked as the whole message, the offer closed only talking to someone, veiled
    // notices and authorities told, Procon dictated as "pro con", curses masked with a dot, the bot's diminutive called names;
    // "me liga o celular da coordenadora?" asks for one of ours through her number (the call of this set).
    [Theory]
    [InlineData("me retorna", HandoffTriggers.PersonRequested)]
    [InlineData("me retornem", HandoffTriggers.PersonRequested)]
    [InlineData("me retorna por favor", HandoffTriggers.PersonRequested)]
    [InlineData("me retornem assim que puderem", HandoffTriggers.PersonRequested)]
    [InlineData("essa vaga eu só fecho falando com alguém", HandoffTriggers.PersonRequested)]
    [InlineData("pode ser, mas prefiro acertar os detalhes com uma pessoa", HandoffTriggers.PersonRequested)]
    [InlineData("hello? anyone there?", HandoffTriggers.PersonRequested)]
    [InlineData("vou no pro con", HandoffTriggers.Legal)]
    [InlineData("o SIMESP vai saber disso", HandoffTriggers.Legal)]
    [InlineData("vocês vão receber uma notificação", HandoffTriggers.Legal)]
    [InlineData("quem passou meu número? vou acionar a LGPD", HandoffTriggers.Legal)]
    [InlineData("vou levar pro jurídico do hospital contra vocês", HandoffTriggers.Legal)]
    [InlineData("fiscal do trabalho vai saber disso", HandoffTriggers.Legal)]
    [InlineData("vou acionar a vigilância sanitária", HandoffTriggers.Legal)]
    [InlineData("vai toma no c*", HandoffTriggers.NegativeSentiment)]
    [InlineData("vai tomar no c.", HandoffTriggers.NegativeSentiment)]
    [InlineData("vai se f.der", HandoffTriggers.NegativeSentiment)]
    [InlineData("robozinho inútil de merda", HandoffTriggers.NegativeSentiment)]
    [InlineData("oi, me retorne por favor", HandoffTriggers.PersonRequested)]
    [InlineData("me retornem o quanto antes", HandoffTriggers.PersonRequested)]
    [InlineData("bom dia me retorna urgente", HandoffTriggers.PersonRequested)]
    [InlineData("só confirmo o plantão depois de falar com uma pessoa", HandoffTriggers.PersonRequested)]
    [InlineData("só aceito conversando com a coordenadora", HandoffTriggers.PersonRequested)]
    [InlineData("queria combinar isso com alguém da equipe", HandoffTriggers.PersonRequested)]
    [InlineData("is anybody there?", HandoffTriggers.PersonRequested)]
    [InlineData("me liga o celular da coordenadora?", HandoffTriggers.PersonRequested)]
    [InlineData("vou reclamar no pro con", HandoffTriggers.Legal)]
    [InlineData("a empresa vai receber uma notificação", HandoffTriggers.Legal)]
    [InlineData("aguardem a notificação", HandoffTriggers.Legal)]
    [InlineData("o CREMESP vai ficar sabendo disso", HandoffTriggers.Legal)]
    [InlineData("o ministério do trabalho vai saber disso", HandoffTriggers.Legal)]
    [InlineData("isso vai pro CRM", HandoffTriggers.Legal)]
    [InlineData("vocês vão parar no Procon", HandoffTriggers.Legal)]
    [InlineData("vou denunciar vocês na vigilância sanitária", HandoffTriggers.Legal)]
    [InlineData("meu advogado vai entrar com a ação contra a empresa", HandoffTriggers.Legal)]
    [InlineData("vão toma no cu", HandoffTriggers.NegativeSentiment)]
    [InlineData("p.rra de empresa, vão tomar no c.", HandoffTriggers.NegativeSentiment)]
    [InlineData("lixo de robozinho", HandoffTriggers.NegativeSentiment)]
    [InlineData("botzinho burro", HandoffTriggers.NegativeSentiment)]
    public void FiftyFourthSetTriggers(string text, string expected) => Assert.Equal(expected, HandoffTriggerDetector.Detect(text));

    // The same words with no trigger: the set's look-alikes the rules flagged before (the first five) — the lawyer's help with his
    // own company, his registration granted by the council, their review of the contract asked, a song — then variants (an app's
    // notice, a thing to return, the hospital as the one to talk to, an errand at the council, a dot in a name).
    [Theory]
    [InlineData("meu irmão advogado vai me ajudar com o CNPJ")]
    [InlineData("meu processo no CRM de SP já saiu, posso trabalhar lá")]
    [InlineData("o contrato passa pelo jurídico de vocês?")]
    [InlineData("call me maybe kkkk")]
    [InlineData("meu advogado disse que posso emitir nota como PJ")]
    [InlineData("vocês vão receber uma notificação do aplicativo quando abrir vaga?")]
    [InlineData("recebi uma notificação do app")]
    [InlineData("me retorna o valor do plantão")]
    [InlineData("me retorna amanhã com as vagas")]
    [InlineData("só fecho a vaga depois de falar com o hospital")]
    [InlineData("a enfermeira do PS vai saber disso?")]
    [InlineData("meu processo de inscrição no CRM já foi aprovado")]
    [InlineData("a minuta passa pelo jurídico do hospital?")]
    [InlineData("vou no pronto socorro")]
    [InlineData("vou ao posto, te falo depois")]
    [InlineData("o dr.silva me indicou")]
    [InlineData("robozinho esperto você hein")]
    public void FiftyFourthSetLookAlikesAreNotTriggers(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));

    // Fifty-sixth blind set (docs/detection-history.md#triggers): the set's 35 rows that failed before its fixes (the first 35), then
    // variants written after them — a department or role asked for (DP, contabilidade, setor de escalas, gestor, "quem é o
    // responsável pelos repasses? me passa o contato"), a call by video, meeting app or to his own phone, "ligue-me", typos of
    // "atendente"/"suporte", the SAC, the press and TV by name, going viral, "vou te expor", the gang, "cara de pau vocês",
    // cursing emojis aimed at "vcs", evidence kept ("vai servir de prova"), the notary's record, a protested title.
    [Theory]
    [InlineData("me chama no vídeo", HandoffTriggers.PersonRequested)]
    [InlineData("atendennte por favor", HandoffTriggers.PersonRequested)]
    [InlineData("suprote pfv, preciso de ajuda", HandoffTriggers.PersonRequested)]
    [InlineData("preciso do sac", HandoffTriggers.PersonRequested)]
    [InlineData("quem é o responsável pelos repasses? me passa o contato", HandoffTriggers.PersonRequested)]
    [InlineData("vou ligar aí, qual o número?", HandoffTriggers.PersonRequested)]
    [InlineData("o setor de escala pode falar comigo?", HandoffTriggers.PersonRequested)]
    [InlineData("consigo falar com a moça que me ligou ontem?", HandoffTriggers.PersonRequested)]
    [InlineData("liga no meu celular", HandoffTriggers.PersonRequested)]
    [InlineData("me chama no meet", HandoffTriggers.PersonRequested)]
    [InlineData("dá pra marcar uma call?", HandoffTriggers.PersonRequested)]
    [InlineData("marca uma reunião por vídeo comigo", HandoffTriggers.PersonRequested)]
    [InlineData("o gestor de vocês pode falar comigo?", HandoffTriggers.PersonRequested)]
    [InlineData("quero tratar direto com o financeiro", HandoffTriggers.PersonRequested)]
    [InlineData("algum humano vivo aí?", HandoffTriggers.PersonRequested)]
    [InlineData("me passa um representante", HandoffTriggers.PersonRequested)]
    [InlineData("me passa pra menina que cuida das escalas", HandoffTriggers.PersonRequested)]
    [InlineData("com quem eu falo sobre pagamento?", HandoffTriggers.PersonRequested)]
    [InlineData("com quem eu falo sobre nota fiscal?", HandoffTriggers.PersonRequested)]
    [InlineData("ligue-me assim que possível", HandoffTriggers.PersonRequested)]
    [InlineData("suporte tecnico pfv", HandoffTriggers.PersonRequested)]
    [InlineData("sac pfv", HandoffTriggers.PersonRequested)]
    [InlineData("faz uma vídeo chamada comigo", HandoffTriggers.PersonRequested)]
    [InlineData("quero falar com o DP", HandoffTriggers.PersonRequested)]
    [InlineData("vou no jornal", HandoffTriggers.NegativeSentiment)]
    [InlineData("vou mandar pra Globo", HandoffTriggers.NegativeSentiment)]
    [InlineData("tô printando tudo, vai servir de prova", HandoffTriggers.Legal)]
    [InlineData("vou protestar o título", HandoffTriggers.Legal)]
    [InlineData("vou viralizar isso no tiktok", HandoffTriggers.NegativeSentiment)]
    [InlineData("vou registrar ata notarial dessas conversas no cartório", HandoffTriggers.Legal)]
    [InlineData("vou te expor no insta", HandoffTriggers.NegativeSentiment)]
    [InlineData("vou ligar pra TV", HandoffTriggers.NegativeSentiment)]
    [InlineData("🖕🖕 vcs", HandoffTriggers.NegativeSentiment)]
    [InlineData("vocês são uma quadrilha", HandoffTriggers.NegativeSentiment)]
    [InlineData("cara de pau vocês hein", HandoffTriggers.NegativeSentiment)]
    [InlineData("me chama no zoom", HandoffTriggers.PersonRequested)]
    [InlineData("liga no meu número por favor", HandoffTriggers.PersonRequested)]
    [InlineData("quero falar com alguém do DP", HandoffTriggers.PersonRequested)]
    [InlineData("ligue-me amanhã cedo", HandoffTriggers.PersonRequested)]
    [InlineData("quem é o responsável pelos pagamentos? me passa o número", HandoffTriggers.PersonRequested)]
    [InlineData("com quem eu falo sobre o contrato?", HandoffTriggers.PersonRequested)]
    [InlineData("quero tratar diretamente com o RH", HandoffTriggers.PersonRequested)]
    [InlineData("a contabilidade pode falar comigo?", HandoffTriggers.PersonRequested)]
    [InlineData("atendentte pfv", HandoffTriggers.PersonRequested)]
    [InlineData("dá pra marcar uma call hoje?", HandoffTriggers.PersonRequested)]
    [InlineData("vou na Record", HandoffTriggers.NegativeSentiment)]
    [InlineData("vou ligar pra Globo", HandoffTriggers.NegativeSentiment)]
    [InlineData("essa empresa é uma máfia", HandoffTriggers.NegativeSentiment)]
    [InlineData("vou te difamar no face", HandoffTriggers.NegativeSentiment)]
    [InlineData("🖕🖕 pra vocês", HandoffTriggers.NegativeSentiment)]
    [InlineData("vou protestar a duplicata", HandoffTriggers.Legal)]
    [InlineData("esses prints vão servir de prova", HandoffTriggers.Legal)]
    [InlineData("já fiz a ata notarial das mensagens", HandoffTriggers.Legal)]
    public void FiftySixthSetTriggers(string text, string expected) => Assert.Equal(expected, HandoffTriggerDetector.Detect(text));

    // The same words with no trigger: the set's 9 look-alikes the rules flagged before (the first 9) — his registration,
    // an errand at the council, a hospital's jurídico, a juror, streets named after a lawyer, a video consultation — then variants.
    [Theory]
    [InlineData("vou levar meu diploma pro CRM")]
    [InlineData("o CRM pediu mais um documento no meu processo")]
    [InlineData("em que etapa está o meu processo?")]
    [InlineData("trabalho no hospital e o jurídico de lá precisa do meu RQE")]
    [InlineData("o setor jurídico do Einstein já aprovou meu credenciamento")]
    [InlineData("tem vaga de telemedicina por videochamada?")]
    [InlineData("fui jurado no tribunal do júri essa semana, por isso sumi")]
    [InlineData("a rua do hospital é a Advogado Jorge Duprat? queria confirmar o endereço")]
    [InlineData("o plantão é na Av. Advogado Horácio Raccanello?")]
    [InlineData("tem vaga de teleconsulta por videochamada?")]
    [InlineData("vou entregar os documentos no CRM amanhã")]
    [InlineData("o CREMESP pediu a foto no meu processo")]
    [InlineData("meu processo tá em que etapa?")]
    [InlineData("o jurídico da clínica pediu meu contrato")]
    [InlineData("fui sorteado pra ser jurado no tribunal do júri")]
    [InlineData("o hospital fica na rua Advogado Carlos Silva?")]
    [InlineData("isso vai servir de prova de residência?")]
    [InlineData("vou viralizar a vaga no grupo kkk")]
    [InlineData("com quem eu falo sobre a nota fiscal lá no hospital?")]
    [InlineData("🤬🤬 de novo")]
    public void FiftySixthSetLookAlikesAreNotTriggers(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));

    // Fifty-eighth blind set (docs/detection-history.md#triggers): the set's 25 rows that failed before its fixes (the first 25), then
    // variants written after them — a call asked as a permission ("posso ligar?", "podem ligar de novo?"), the number to call
    // asked, the talk moved to the phone, someone there or our boss asked after, the one who called him asked for by a pronoun,
    // a contact made, "ao vivo"/"pessoalmente", a meeting, "preciso de alguém" closing the message; the union or the Anatel in
    // other verbs, a complaint filed ("protocolar"); "sem respeito", colleagues warned off without "pra", "empresa que não presta",
    // "incopetentes".
    [Theory]
    [InlineData("posso ligar?", HandoffTriggers.PersonRequested)]
    [InlineData("pode me colocar em contato com o coordenador das vagas?", HandoffTriggers.PersonRequested)]
    [InlineData("qual número eu ligo pra falar com vcs?", HandoffTriggers.PersonRequested)]
    [InlineData("eu ligo pra onde?", HandoffTriggers.PersonRequested)]
    [InlineData("seu chefe ta ai?", HandoffTriggers.PersonRequested)]
    [InlineData("perdi uma ligação de vcs, podem ligar de novo?", HandoffTriggers.PersonRequested)]
    [InlineData("alguém me ligou desse número, pode ligar de novo?", HandoffTriggers.PersonRequested)]
    [InlineData("a moça que me ligou semana passada, consigo falar com ela?", HandoffTriggers.PersonRequested)]
    [InlineData("quero falar ao vivo com alguém", HandoffTriggers.PersonRequested)]
    [InlineData("dá pra marcar uma reunião com o responsável?", HandoffTriggers.PersonRequested)]
    [InlineData("vc consegue ligar?", HandoffTriggers.PersonRequested)]
    [InlineData("tem como ligar?", HandoffTriggers.PersonRequested)]
    [InlineData("pode ser por telefone?", HandoffTriggers.PersonRequested)]
    [InlineData("algum humano por aí?", HandoffTriggers.PersonRequested)]
    [InlineData("tem alguém lendo isso?", HandoffTriggers.PersonRequested)]
    [InlineData("conecta eu com o responsável do contrato", HandoffTriggers.PersonRequested)]
    [InlineData("SOS preciso de alguém", HandoffTriggers.PersonRequested)]
    [InlineData("bora falar no telefone, mais fácil", HandoffTriggers.PersonRequested)]
    [InlineData("vou falar com o SIMESP sobre isso", HandoffTriggers.Legal)]
    [InlineData("vou reclamar na Anatel por spam", HandoffTriggers.Legal)]
    [InlineData("vou protocolar queixa no conselho", HandoffTriggers.Legal)]
    [InlineData("que vergonha, empresa sem respeito", HandoffTriggers.NegativeSentiment)]
    [InlineData("vou falar pra todos os meus colegas não trabalharem com vcs", HandoffTriggers.NegativeSentiment)]
    [InlineData("empresa que não presta", HandoffTriggers.NegativeSentiment)]
    [InlineData("incopetentes", HandoffTriggers.NegativeSentiment)]
    [InlineData("podemos ligar?", HandoffTriggers.PersonRequested)]
    [InlineData("qual telefone eu ligo?", HandoffTriggers.PersonRequested)]
    [InlineData("pra onde eu ligo?", HandoffTriggers.PersonRequested)]
    [InlineData("sua supervisora tá por aí?", HandoffTriggers.PersonRequested)]
    [InlineData("o rapaz que me indicou, posso falar com ele?", HandoffTriggers.PersonRequested)]
    [InlineData("preciso conversar pessoalmente com o responsável", HandoffTriggers.PersonRequested)]
    [InlineData("quero agendar uma call com o gestor", HandoffTriggers.PersonRequested)]
    [InlineData("podem me ligar de novo?", HandoffTriggers.PersonRequested)]
    [InlineData("tem alguém vendo as mensagens?", HandoffTriggers.PersonRequested)]
    [InlineData("vou conversar com o sindicato sobre isso", HandoffTriggers.Legal)]
    [InlineData("vou registrar uma reclamação na Anatel", HandoffTriggers.Legal)]
    [InlineData("que empresa sem respeito, uma vergonha", HandoffTriggers.NegativeSentiment)]
    [InlineData("vou dizer pra geral não trabalhar com vcs", HandoffTriggers.NegativeSentiment)]
    [InlineData("essa empresa que não vale nada", HandoffTriggers.NegativeSentiment)]
    public void FiftyEighthSetTriggers(string text, string expected) => Assert.Equal(expected, HandoffTriggerDetector.Detect(text));

    // The same words with no trigger: the set's 8 look-alikes the rules flagged before (the first 8) — a call cancelled
    // for the chat (the fifty-fifth set's known false), made, taken or missing a signal, a call of the shift, his papers for a
    // credentialing "processo", a legal body in the news — then variants, and the three corpus lines the first draft flagged.
    [Theory]
    [InlineData("cancela o agendamento da ligação, falo por aqui")]
    [InlineData("desmarca a ligação de amanhã, prefiro resolver por mensagem")]
    [InlineData("já mandei os documentos do processo")]
    [InlineData("to sem sinal pra ligação, manda aqui")]
    [InlineData("ligação de emergência no plantão, desculpa a demora")]
    [InlineData("atendo ligação só depois das 19h, mas pode mandar msg")]
    [InlineData("fiz uma ligação pro Dr. João e ele topa dividir o plantão")]
    [InlineData("o ministério público abriu investigação contra a prefeitura, vi no jornal")]
    [InlineData("desmarca a chamada de sexta, resolvo por aqui")]
    [InlineData("fiz várias ligações pro hospital hoje")]
    [InlineData("estou sem bateria pra ligação, me manda por aqui")]
    [InlineData("mandei todos os documentos pro processo")]
    [InlineData("vi na TV que o sindicato processou o hospital")]
    [InlineData("meu número é esse, pode ligar")]
    [InlineData("se precisar de mim pode ligar")]
    [InlineData("me bota em contato com o responsável pelo hospital São Lucas")]
    public void FiftyEighthSetLookAlikesAreNotTriggers(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));

    // Sixtieth blind set (docs/detection-history.md#triggers): the set's 22 rows that failed before its fixes (the first 22; labels
    // revised as the set's relabels.tsv says), then the brief's left miss and variants written after them — one of ours by name
    // (asked after by a pronoun, "cadê", "tá?", "me passar pro", "pra mim", "direto com", a title with the transfer, a number of
    // hers asked), the bot refused with the words turned round, the talk escalated, "prefiro ligar", our ombudsman's channel; his
    // rights claimed, harassment by us; a bad review threatened.
    [Theory]
    [InlineData("o Marcelo ta?", HandoffTriggers.PersonRequested)]
    [InlineData("a pessoa que me indicou disse pra falar com a Fernanda, ela ta ai?", HandoffTriggers.PersonRequested)]
    [InlineData("cadê a Juliana? ela que cuida das minhas escalas", HandoffTriggers.PersonRequested)]
    [InlineData("consegue me passar pro Rodrigo?", HandoffTriggers.PersonRequested)]
    [InlineData("pode chamar a Patricia pra mim?", HandoffTriggers.PersonRequested)]
    [InlineData("o dr. Paulo falou pra eu procurar a Camila, vc consegue me colocar em contato com ela?", HandoffTriggers.PersonRequested)]
    [InlineData("tem como falar direto com a Luana?", HandoffTriggers.PersonRequested)]
    [InlineData("com robô eu não falo", HandoffTriggers.PersonRequested)]
    [InlineData("com robo eu nao falo", HandoffTriggers.PersonRequested)]
    [InlineData("me passa o numero da Fernanda", HandoffTriggers.PersonRequested)]
    [InlineData("me passa o telefone do Marcelo", HandoffTriggers.PersonRequested)]
    [InlineData("qual o celular da Ana?", HandoffTriggers.PersonRequested)]
    [InlineData("a Fernanda tem whats? me passa", HandoffTriggers.PersonRequested)]
    [InlineData("to tentando falar com o Marcelo faz dias, ele ta ai?", HandoffTriggers.PersonRequested)]
    [InlineData("passa pro Dr Ricardo", HandoffTriggers.PersonRequested)]
    [InlineData("pode escalar pra alguém?", HandoffTriggers.PersonRequested)]
    [InlineData("escala pra um humano", HandoffTriggers.PersonRequested)]
    [InlineData("isso fere meus direitos", HandoffTriggers.Legal)]
    [InlineData("quero meus direitos", HandoffTriggers.Legal)]
    [InlineData("qual o canal da ouvidoria de vocês?", HandoffTriggers.PersonRequested)]
    [InlineData("vocês estão me assediando", HandoffTriggers.Legal)]
    [InlineData("vou deixar uma avaliação péssima no google pra vcs", HandoffTriggers.NegativeSentiment)]
    [InlineData("a pessoa que me indicou disse pra falar com o Marcelo, ele ta?", HandoffTriggers.PersonRequested)]
    [InlineData("boa noite, o Rodrigo disse pra eu falar com a Bruna, ela tá?", HandoffTriggers.PersonRequested)]
    [InlineData("liguei ontem e pediram pra procurar o Sérgio, consigo falar com ele?", HandoffTriggers.PersonRequested)]
    [InlineData("cadê o Fábio?", HandoffTriggers.PersonRequested)]
    [InlineData("kd a Tati?", HandoffTriggers.PersonRequested)]
    [InlineData("a Renata tá?", HandoffTriggers.PersonRequested)]
    [InlineData("dá pra me transferir pra Vanessa?", HandoffTriggers.PersonRequested)]
    [InlineData("chama o Caio pra mim por favor", HandoffTriggers.PersonRequested)]
    [InlineData("queria falar diretamente com a Priscila", HandoffTriggers.PersonRequested)]
    [InlineData("transfere pra Dra. Helena", HandoffTriggers.PersonRequested)]
    [InlineData("me manda o whatsapp da Luciana", HandoffTriggers.PersonRequested)]
    [InlineData("qual é o e-mail do Henrique?", HandoffTriggers.PersonRequested)]
    [InlineData("o Paulo tem zap? me passa", HandoffTriggers.PersonRequested)]
    [InlineData("com bot eu não converso", HandoffTriggers.PersonRequested)]
    [InlineData("escala isso pra um supervisor", HandoffTriggers.PersonRequested)]
    [InlineData("prefiro telefonar", HandoffTriggers.PersonRequested)]
    [InlineData("me passa o email da ouvidoria", HandoffTriggers.PersonRequested)]
    [InlineData("vcs estão violando meus direitos", HandoffTriggers.Legal)]
    [InlineData("exijo meus direitos", HandoffTriggers.Legal)]
    [InlineData("essa empresa me assedia todo dia", HandoffTriggers.Legal)]
    [InlineData("vou deixar review negativa no google", HandoffTriggers.NegativeSentiment)]
    [InlineData("vou fazer uma avaliação de vocês no google", HandoffTriggers.NegativeSentiment)]
    public void SixtiethSetTriggers(string text, string expected) => Assert.Equal(expected, HandoffTriggerDetector.Detect(text));

    // The same words with no trigger: the set's 7 look-alikes the rules flagged before (the first 7) — "em processo" as in
    // progress, a retracted joke ("isso é assedio? nao, to brincando", the brief's), a legal step denied, the patient's bulletin, a
    // report of his own loss — then variants, and the two corpus lines the first draft flagged ("…ela ainda tá aí?" asks whether
    // she still works here; Júlia's own contact quoted).
    [Theory]
    [InlineData("meu cadastro está em processo?")]
    [InlineData("em que parte do processo estou?")]
    [InlineData("o pagamento está em processo?")]
    [InlineData("isso é assedio? nao, to brincando")]
    [InlineData("não é caso de justiça, só quero entender o valor")]
    [InlineData("boletim médico do paciente sai às 16h")]
    [InlineData("perdi meus documentos, fiz BO, posso mandar a cópia?")]
    [InlineData("isso é assedio? nao, to brincando, manda vaga")]
    [InlineData("a Bruna já me ligou, não preciso falar com ela")]
    [InlineData("a Ana tá de folga hoje?")]
    [InlineData("o Marcelo me passou o número da Fernanda, já falei com ela")]
    [InlineData("qual o telefone do Hospital São Luiz?")]
    [InlineData("meu credenciamento ainda está em processo?")]
    [InlineData("não é caso de advogado, relaxa")]
    [InlineData("o boletim clínico sai às 18h")]
    [InlineData("perdi a carteira e fiz um boletim de ocorrência")]
    [InlineData("vou chamar a polícia? não, tô brincando, tá tudo certo")]
    [InlineData("trabalhei com o Marcos no Einstein, ele ainda tá aí?")]
    [InlineData("cadê o Pix?")]
    [InlineData("prefiro ligar pro hospital antes")]
    [InlineData("com robô eu falo de boa, vc é ótima")]
    [InlineData("qual o telefone da Santa Casa?")]
    [InlineData("escala pra mim o plantão de sábado")]
    [InlineData("eu trabalhava com a Carla, ela ainda tá aí?")]
    [InlineData("o dr Felipe falou \"me passa o contato da Júlia\", pode mandar vagas pra ele?")]
    public void SixtiethSetLookAlikesAreNotTriggers(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));

    // Sixty-second blind set (docs/detection-history.md#triggers): the set's 25 rows that failed before its fixes (the first
    // 25; labels revised as the set's relabels.tsv says, "péssimo atendimento, ninguém responde" among them), then variants
    // written after them — one of ours by a first name in lower case ("o marcelo está aí?", "a fernanda ta?", "me passa pro joão",
    // "chama a patricia pra mim") or by name or title with a verb of talking ("quero falar com a Dra Ana", "falar c o dr. paulo"), a
    // doubt to clear with a person, someone "que eu possa conversar", a voice call, the contact of who offered the shift, the bot
    // refused for a person, no one answering after a complaint of our service; the labour court threatened in slang, the LGPD
    // breached; the company called names ("empresa vergonhosa", "empresa de araque").
    [Theory]
    [InlineData("me passa o contato de quem me ofereceu o plantao", HandoffTriggers.PersonRequested)]
    [InlineData("o marcelo está aí?", HandoffTriggers.PersonRequested)]
    [InlineData("a fernanda ta?", HandoffTriggers.PersonRequested)]
    [InlineData("a fernanda está?", HandoffTriggers.PersonRequested)]
    [InlineData("a camila ta disponivel?", HandoffTriggers.PersonRequested)]
    [InlineData("quero falar com a fernanda", HandoffTriggers.PersonRequested)]
    [InlineData("quero falar com a Dra Ana", HandoffTriggers.PersonRequested)]
    [InlineData("falar c o dr. paulo", HandoffTriggers.PersonRequested)]
    [InlineData("quero falar com o dr paulo", HandoffTriggers.PersonRequested)]
    [InlineData("posso falar com a dra. beatriz?", HandoffTriggers.PersonRequested)]
    [InlineData("me passa pra dra ana por favor", HandoffTriggers.PersonRequested)]
    [InlineData("me passa pro joão", HandoffTriggers.PersonRequested)]
    [InlineData("chama a patricia pra mim", HandoffTriggers.PersonRequested)]
    [InlineData("pode chamar a juliana? ela sabe do meu caso", HandoffTriggers.PersonRequested)]
    [InlineData("quero a patricia de volta, prefiro falar com ela", HandoffTriggers.PersonRequested)]
    [InlineData("bot nao, pessoa", HandoffTriggers.PersonRequested)]
    [InlineData("da pra falar por voz?", HandoffTriggers.PersonRequested)]
    [InlineData("tem alguem que eu possa conversar sobre a vaga?", HandoffTriggers.PersonRequested)]
    [InlineData("quero tirar duvida com uma pessoa", HandoffTriggers.PersonRequested)]
    [InlineData("prefiro tirar essa duvida com alguem", HandoffTriggers.PersonRequested)]
    [InlineData("péssimo atendimento, ninguém responde", HandoffTriggers.PersonRequested)]
    [InlineData("vou te colocar no trabalhista", HandoffTriggers.Legal)]
    [InlineData("onde vcs conseguiram meu numero? isso é violação da lgpd", HandoffTriggers.Legal)]
    [InlineData("empresa vergonhosa", HandoffTriggers.NegativeSentiment)]
    [InlineData("empresa de araque", HandoffTriggers.NegativeSentiment)]
    [InlineData("o joão tá aí?", HandoffTriggers.PersonRequested)]
    [InlineData("a juliana está por aí?", HandoffTriggers.PersonRequested)]
    [InlineData("cade a mariana?", HandoffTriggers.PersonRequested)]
    [InlineData("kd o rodrigo?", HandoffTriggers.PersonRequested)]
    [InlineData("quero falar com o ricardo", HandoffTriggers.PersonRequested)]
    [InlineData("preciso falar com a dra. camila", HandoffTriggers.PersonRequested)]
    [InlineData("gostaria de conversar com o doutor marcos", HandoffTriggers.PersonRequested)]
    [InlineData("me transfere pra renata", HandoffTriggers.PersonRequested)]
    [InlineData("pode chamar o bruno?", HandoffTriggers.PersonRequested)]
    [InlineData("chama a carla por favor", HandoffTriggers.PersonRequested)]
    [InlineData("queria tirar umas duvidas com alguem da equipe", HandoffTriggers.PersonRequested)]
    [InlineData("existe alguem com quem eu possa falar?", HandoffTriggers.PersonRequested)]
    [InlineData("podemos conversar por voz?", HandoffTriggers.PersonRequested)]
    [InlineData("qual o telefone de quem me mandou a vaga?", HandoffTriggers.PersonRequested)]
    [InlineData("robo nao, quero gente", HandoffTriggers.PersonRequested)]
    [InlineData("que atendimento horrivel, ninguem responde", HandoffTriggers.PersonRequested)]
    [InlineData("atendimento pessimo e ninguem me responde", HandoffTriggers.PersonRequested)]
    [InlineData("prefiro falar com o Marcelo", HandoffTriggers.PersonRequested)]
    [InlineData("vou botar essa empresa no trabalhista", HandoffTriggers.Legal)]
    [InlineData("isso é uma violação da LGPD", HandoffTriggers.Legal)]
    [InlineData("que empresa vergonhosa", HandoffTriggers.NegativeSentiment)]
    [InlineData("vcs sao uma agencia de araque", HandoffTriggers.NegativeSentiment)]
    [InlineData("firma de meia tigela", HandoffTriggers.NegativeSentiment)]
    public void SixtySecondSetTriggers(string text, string expected) => Assert.Equal(expected, HandoffTriggerDetector.Detect(text));

    // The same words with no trigger: the set's 4 look-alikes the rules flagged before (the first 4) — "me liga o
    // despertador" (turn on), a court on strike, the doctor's court expert work, people said of — then variants: a noun asked
    // after ("a vaga está aí?"), his own errand with a doctor of the hospital ("…antes de aceitar", "…do hospital", "vou falar com"),
    // a request negated, a doubt already cleared at the hospital, the company's name defended, a lawyer who read the contract, one
    // of ours mentioned not asked for, a colleague called to share the shift, the hospital's switchboard not answering.
    [Theory]
    [InlineData("me liga o despertador kkk")]
    [InlineData("a justiça do trabalho ta em greve, meu irmao reclamou")]
    [InlineData("faço pericia medica judicial tb, tem vaga?")]
    [InlineData("gente de verdade faz plantão 24h kkk")]
    [InlineData("a vaga está aí?")]
    [InlineData("o contrato tá disponivel?")]
    [InlineData("o plantao ta livre?")]
    [InlineData("vou falar com a Dra Ana amanhã")]
    [InlineData("preciso falar com o dr paulo antes de aceitar")]
    [InlineData("nao quero falar com o dr paulo")]
    [InlineData("ja falei com a fernanda")]
    [InlineData("preciso falar com a coordenadora do hospital")]
    [InlineData("vou falar com o dr paulo do hospital")]
    [InlineData("tirei minha duvida com alguem do hospital")]
    [InlineData("nao é empresa de araque nao, gostei")]
    [InlineData("sou perito judicial, posso fazer plantão?")]
    [InlineData("meu advogado revisou o contrato")]
    [InlineData("a pessoa que me ofereceu essa vaga foi muito gentil")]
    [InlineData("o marcelo me indicou vcs")]
    [InlineData("a patricia me mandou a vaga, obrigado")]
    [InlineData("posso chamar o joão pra dividir o plantão?")]
    [InlineData("liguei pra central do hospital e ninguem atende")]
    public void SixtySecondSetLookAlikesAreNotTriggers(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));

    // Sixty-fourth blind set (docs/detection-history.md#triggers): the set's 27 trigger rows that failed before (the first
    // 27) — one of ours by a lower-case first name no list holds ("cadê a jussara?", "passa pro robson"), by an honorific
    // and a role, another person after Júlia failed, someone of a team, the responsible sector, our office visited; "…, vou
    // acionar", the employment relationship claimed, the authorities, the matter sent to a legal department; "vcs são podres" —
    // then variants written after the fixes.
    [Theory]
    [InlineData("vcs tem escritorio? posso ir ai?", HandoffTriggers.PersonRequested)]
    [InlineData("nao era isso que perguntei, tem outra pessoa?", HandoffTriggers.PersonRequested)]
    [InlineData("cade a jussara?", HandoffTriggers.PersonRequested)]
    [InlineData("a jussara ta ai?", HandoffTriggers.PersonRequested)]
    [InlineData("o wellington voltou de ferias?", HandoffTriggers.PersonRequested)]
    [InlineData("queria falar com a rosimeire", HandoffTriggers.PersonRequested)]
    [InlineData("passa pro robson por favor", HandoffTriggers.PersonRequested)]
    [InlineData("quero falar com a tainara, ela que cuidava do meu cadastro", HandoffTriggers.PersonRequested)]
    [InlineData("a senhora responsavel pode me atender?", HandoffTriggers.PersonRequested)]
    [InlineData("quero falar com a senhora responsavel pelas vagas", HandoffTriggers.PersonRequested)]
    [InlineData("me passa pro moço do cadastro", HandoffTriggers.PersonRequested)]
    [InlineData("a moça que falou comigo semana passada ta ai?", HandoffTriggers.PersonRequested)]
    [InlineData("tem alguem do suporte?", HandoffTriggers.PersonRequested)]
    [InlineData("não resolveu, tem outra pessoa que possa ver?", HandoffTriggers.PersonRequested)]
    [InlineData("tem mais alguem ai pra falar?", HandoffTriggers.PersonRequested)]
    [InlineData("encaminha pro setor responsavel", HandoffTriggers.PersonRequested)]
    [InlineData("tem alguem do plantao administrativo ai?", HandoffTriggers.PersonRequested)]
    [InlineData("quem é seu supervisor?", HandoffTriggers.PersonRequested)]
    [InlineData("a fabiana ta trabalhando hoje?", HandoffTriggers.PersonRequested)]
    [InlineData("cade a dona cida?", HandoffTriggers.PersonRequested)]
    [InlineData("vou mandar pro juridico do hospital", HandoffTriggers.Legal)]
    [InlineData("ainda nao caiu o pagamento de outubro, vou acionar", HandoffTriggers.Legal)]
    [InlineData("isso configura vinculo empregaticio, vou reclamar", HandoffTriggers.Legal)]
    [InlineData("vou levar isso as autoridades", HandoffTriggers.Legal)]
    [InlineData("me devem 3 plantoes, vou acionar", HandoffTriggers.Legal)]
    [InlineData("se o pix nao cair hoje eu aciono vcs", HandoffTriggers.Legal)]
    [InlineData("vcs sao podres", HandoffTriggers.NegativeSentiment)]
    [InlineData("cade a rosangela?", HandoffTriggers.PersonRequested)]
    [InlineData("a josiane ta ai?", HandoffTriggers.PersonRequested)]
    [InlineData("o cleiton voltou de ferias?", HandoffTriggers.PersonRequested)]
    [InlineData("boa tarde, a vanusa ta trabalhando hoje?", HandoffTriggers.PersonRequested)]
    [InlineData("queria falar com a edileuza", HandoffTriggers.PersonRequested)]
    [InlineData("passa pro genivaldo por favor", HandoffTriggers.PersonRequested)]
    [InlineData("cade o seu jair?", HandoffTriggers.PersonRequested)]
    [InlineData("quero falar com o moço responsavel pelas escalas", HandoffTriggers.PersonRequested)]
    [InlineData("a moça do financeiro pode me ligar?", HandoffTriggers.PersonRequested)]
    [InlineData("o rapaz que me atendeu ontem ta ai?", HandoffTriggers.PersonRequested)]
    [InlineData("me passa pra senhora responsavel pelo meu cadastro", HandoffTriggers.PersonRequested)]
    [InlineData("vc nao ajudou, tem outra pessoa que possa me atender?", HandoffTriggers.PersonRequested)]
    [InlineData("tem outro atendente?", HandoffTriggers.PersonRequested)]
    [InlineData("tem alguem do financeiro ai?", HandoffTriggers.PersonRequested)]
    [InlineData("quem é sua supervisora?", HandoffTriggers.PersonRequested)]
    [InlineData("encaminha pro departamento responsavel", HandoffTriggers.PersonRequested)]
    [InlineData("vcs tem escritorio em sp? posso passar ai pessoalmente?", HandoffTriggers.PersonRequested)]
    [InlineData("o pix de setembro nao caiu ate hoje, vou acionar", HandoffTriggers.Legal)]
    [InlineData("se nao pagarem ate amanha eu aciono voces", HandoffTriggers.Legal)]
    [InlineData("trabalho com exclusividade e horario fixo, isso configura vinculo empregaticio", HandoffTriggers.Legal)]
    [InlineData("isso é pejotização, pura e simples", HandoffTriggers.Legal)]
    [InlineData("vou levar o caso as autoridades", HandoffTriggers.Legal)]
    [InlineData("vou encaminhar isso pro juridico da cooperativa", HandoffTriggers.Legal)]
    [InlineData("empresa podre", HandoffTriggers.NegativeSentiment)]
    public void SixtyFourthSetTriggers(string text, string expected) => Assert.Equal(expected, HandoffTriggerDetector.Detect(text));

    // The same words with no trigger: the set's 3 look-alikes the rules flagged before (the first 3) — a crime of a
    // shift's story (the sixty-second set's leftover), his hours at a court, a colleague to cover the shift — then variants: a
    // noun or a hospital's role asked after as a person is ("cadê o pix?", "o laudo tá aí?", "o anestesista tá aí?"), "ainda
    // trabalha aí" (whether he still works here), the shift taken, "aciono vcs" as "I'll reach you", the relationship asked
    // about, a contract sent to be read, "podre" of fatigue or fruit.
    [Theory]
    [InlineData("isso é crime organizado, o paciente era baleado")]
    [InlineData("meu horario no juizado é de manha")]
    [InlineData("tem alguma pessoa cadastrada pra cobrir o plantao?")]
    [InlineData("cade o pix?")]
    [InlineData("cade o recibo?")]
    [InlineData("cade a escala?")]
    [InlineData("cade o link?")]
    [InlineData("cade a confirmacao?")]
    [InlineData("o laudo ta ai?")]
    [InlineData("o resultado ta ai?")]
    [InlineData("a planilha ta ai?")]
    [InlineData("a energia voltou?")]
    [InlineData("a internet voltou?")]
    [InlineData("o motoboy ta ai?")]
    [InlineData("a ambulancia ta ai?")]
    [InlineData("o paciente voltou?")]
    [InlineData("o plantao ta ai?")]
    [InlineData("a vaga ta ai ainda?")]
    [InlineData("o wellington ainda trabalha ai?")]
    [InlineData("a enfermeira ta ai?")]
    [InlineData("o cirurgiao ta ai?")]
    [InlineData("o anestesista ta ai?")]
    [InlineData("o plantonista voltou?")]
    [InlineData("a moça da recepção do hospital foi grossa")]
    [InlineData("a senhora do quarto 3 ta melhor")]
    [InlineData("a moça do cadastro ja me ligou, tudo certo")]
    [InlineData("ja tem outra pessoa?")]
    [InlineData("tem outra pessoa pra cobrir sabado?")]
    [InlineData("a vaga é pra 2, tem mais alguem?")]
    [InlineData("tem alguem do hospital ai?")]
    [InlineData("quem é o seu hospital preferido?")]
    [InlineData("o alarme do carro disparou, vou acionar o seguro")]
    [InlineData("qualquer coisa eu aciono vcs")]
    [InlineData("se precisar eu aciono vcs")]
    [InlineData("PJ tem vinculo empregaticio?")]
    [InlineData("isso gera vinculo empregaticio?")]
    [InlineData("o paciente foi vitima de crime organizado")]
    [InlineData("isso foi crime passional, a paciente chegou esfaqueada")]
    [InlineData("vou mandar o contrato pro juridico do hospital revisar")]
    [InlineData("to podre de cansado hoje")]
    [InlineData("o abacaxi ta podre kkk")]
    [InlineData("vcs tem escritorio? quero mandar um documento pelo correio")]
    [InlineData("posso ir ai no hospital amanha?")]
    public void SixtyFourthSetLookAlikesAreNotTriggers(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));

    // Merge of the sixty-fourth set (docs/decisions.md#names): the set first read any lower-case word no list held as a name;
    // these everyday questions, written after it, were 28 false requests for a person — a noun fills the same slot.
    [InlineData("cadê o qrcode?")]
    [InlineData("cade o gps?")]
    [InlineData("cade a grana?")]
    [InlineData("cadê o resumo?")]
    [InlineData("cade o anexo?")]
    [InlineData("cade o reajuste?")]
    [InlineData("cade o vale?")]
    [InlineData("cade o cronograma?")]
    [InlineData("cade o biometrico?")]
    [InlineData("cade o combustivel?")]
    [InlineData("cadê o kit?")]
    [InlineData("cade o epi?")]
    [InlineData("cadê a máscara?")]
    [InlineData("cadê o termo?")]
    [InlineData("cadê o aditivo?")]
    [InlineData("o raiox voltou?")]
    [InlineData("o servidor voltou?")]
    [InlineData("a dor voltou")]
    [InlineData("a febre voltou")]
    [InlineData("o sus voltou?")]
    [InlineData("a grana ta ai?")]
    [InlineData("a tabela ta ai?")]
    [InlineData("o anexo ta ai?")]
    [InlineData("o convenio voltou?")]
    [InlineData("quero falar com o gps")]
    [InlineData("o vale voltou?")]
    [InlineData("a comida ta ai?")]
    [InlineData("a marmita ta ai?")]
    [Theory]
    public void ANounInANamesSlotIsNoRequestForAPerson(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));

    // The same slots with a first name of pessoa.nomes are a request for one of ours.
    [InlineData("cadê a jussara?")]
    [InlineData("a cleide ta ai?")]
    [InlineData("o robson voltou de ferias?")]
    [InlineData("quero falar com a rosangela")]
    [InlineData("passa pro anderson")]
    [InlineData("o gilmar ta ai?")]
    [Theory]
    public void AFirstNameOfTheListInThoseSlotsIsARequestForAPerson(string text) => Assert.Equal(HandoffTriggers.PersonRequested, HandoffTriggerDetector.Detect(text));

    // Sixty-sixth blind set (docs/detection-history.md#triggers): rows that failed before its fixes, then variants written after.
    [InlineData("prefiro resolver isso falando com uma pessoa, pode ser?", HandoffTriggers.PersonRequested)]
    [InlineData("Gostaria de ser contatado por um responsável", HandoffTriggers.PersonRequested)]
    [InlineData("alo alguem ai??", HandoffTriggers.PersonRequested)]
    [InlineData("alguém aí? preciso de ajuda", HandoffTriggers.PersonRequested)]
    [InlineData("oi, a coordenação de escalas tá disponível pra falar?", HandoffTriggers.PersonRequested)]
    [InlineData("isso aqui é automatico? queria alguem pra conversar", HandoffTriggers.PersonRequested)]
    [InlineData("alguém que trabalhe aí pode falar comigo?", HandoffTriggers.PersonRequested)]
    [InlineData("vc tem como passar pro seu supervisor?", HandoffTriggers.PersonRequested)]
    [InlineData("vcs tem telefone? queria ligar pra tirar umas duvidas", HandoffTriggers.PersonRequested)]
    [InlineData("passa pra patricia", HandoffTriggers.PersonRequested)]
    [InlineData("vou encaminhar pro SIMERS", HandoffTriggers.Legal)]
    [InlineData("vou no sindicato amanhã", HandoffTriggers.Legal)]
    [InlineData("idiota de robo", HandoffTriggers.NegativeSentiment)]
    [InlineData("cuzões", HandoffTriggers.NegativeSentiment)]
    [InlineData("gostaria de ser contatada por alguém da empresa", HandoffTriggers.PersonRequested)]
    [InlineData("Solicito ser contatado por um representante de vocês", HandoffTriggers.PersonRequested)]
    [InlineData("ola, alguem ai?", HandoffTriggers.PersonRequested)]
    [InlineData("tem alguém que trabalha na empresa pra me ajudar?", HandoffTriggers.PersonRequested)]
    [InlineData("dá pra passar pra sua gerente?", HandoffTriggers.PersonRequested)]
    [InlineData("vcs tem um telefone? prefiro ligar", HandoffTriggers.PersonRequested)]
    [InlineData("me passa pra fernanda por favor", HandoffTriggers.PersonRequested)]
    [InlineData("vou encaminhar isso pro sindicato dos medicos", HandoffTriggers.Legal)]
    [InlineData("amanha vou no sindicato", HandoffTriggers.Legal)]
    [InlineData("palhaços de empresa", HandoffTriggers.NegativeSentiment)]
    [InlineData("seus cuzões", HandoffTriggers.NegativeSentiment)]
    [InlineData("eu disse 'quero falar com um humano' e vc nao entende", HandoffTriggers.PersonRequested)]
    [InlineData("já disse \"vou processar\" e vou mesmo", HandoffTriggers.Legal)]
    [InlineData("o paciente disse 'que absurdo' e eu digo: vcs são uns incompetentes", HandoffTriggers.NegativeSentiment)]
    // Review of the set (2026-12-07): the doctor taking the quoted words as his own, and a legal step said against us.
    [InlineData("meu colega disse \"essa empresa é uma merda, uns incompetentes\", concordo", HandoffTriggers.NegativeSentiment)]
    [InlineData("ele falou 'vcs são golpistas' e eu concordo", HandoffTriggers.NegativeSentiment)]
    [InlineData("o plantonista falou 'vocês são uns incompetentes', e ele tem toda razão", HandoffTriggers.NegativeSentiment)]
    [InlineData("o diretor disse \"vamos processar a empresa de vocês\"", HandoffTriggers.Legal)]
    [InlineData("o coordenador do hospital falou 'vou acionar a justiça contra essa empresa'", HandoffTriggers.Legal)]
    [Theory]
    public void SixtySixthSetTriggers(string text, string expected) => Assert.Equal(expected, HandoffTriggerDetector.Detect(text));

    [InlineData("ele disse 'vcs são uns incompetentes' pro enfermeiro, mas já resolvemos")]
    [InlineData("eu falei pro paciente: 'quero falar com seu responsavel', e ele chamou a mae kkk")]
    [InlineData("a mae do paciente gritou 'vou processar todo mundo' mas depois se acalmou")]
    [InlineData("o acompanhante gritou “vou chamar a polícia” e a segurança veio")]
    [InlineData("a enfermeira falou pro residente 'me liga depois', tudo certo")]
    [InlineData("passa pra amanha")]
    [InlineData("passa pra frente o documento")]
    [InlineData("estou disponivel para falar amanha sobre a vaga")]
    [InlineData("o hospital vai encaminhar o paciente")]
    [Theory]
    public void SixtySixthSetLookAlikesAreNotTriggers(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));

    // The sixty-fifth set's legal leftovers (docs/detection-history.md, the second reading of the sixty-fifth set): a case taken to the bar or
    // the council with "para a/pra" and no article; a legal step only imagined, laughing, is none — said without the laugh, or
    // as a condition of what we do, it stays one.
    [InlineData("vou levar o caso pra OAB e pro CRM")]
    [InlineData("vou levar o caso pra OAB")]
    [InlineData("vou levar esse caso pro cremesp")]
    [InlineData("vou levar essa história até o CRM")]
    [InlineData("se continuar assim vou processar vcs")]
    [InlineData("imagina se eu fosse processar vcs")]
    [InlineData("kkk vocês acham graça? vou processar sim")]
    [Theory]
    public void SixtyFifthSetLeftoversLegalSteps(string text) => Assert.Equal(HandoffTriggers.Legal, HandoffTriggerDetector.Detect(text));

    [InlineData("imagina se eu fosse processar vcs kkk")]
    [InlineData("se eu fosse processar todo mundo que atrasa pagamento eu tava rico kkk")]
    [InlineData("se eu fosse denunciar cada hospital que atrasa eu não fazia outra coisa rsrs")]
    [InlineData("vou levar o meu filho pra OAB, ele tem prova hoje")]
    [Theory]
    public void SixtyFifthSetLeftoversLookAlikesAreNotLegal(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));

    // Sixty-seventh blind set: "dar parte" typed fast ("vo da parte de vcs na policia").
    [InlineData("vo da parte de vcs na policia")]
    [InlineData("vou da parte de vocês")]
    [Theory]
    public void SixtySeventhSetLegalSteps(string text) => Assert.Equal(HandoffTriggers.Legal, HandoffTriggerDetector.Detect(text));

    // Sixty-seventh blind set: a person asked for, then the matter in a clause of its own (the comma gone in the normalised
    // text, "é" is not the verb of "um ser humano").
    [InlineData("A Júlia é ótima, mas dessa vez preciso de um ser humano, é sobre um problema no pagamento")]
    [InlineData("quero falar com um ser humano, é urgente")]
    [Theory]
    public void SixtySeventhSetPersonRequests(string text) => Assert.Equal(HandoffTriggers.PersonRequested, HandoffTriggerDetector.Detect(text));

    [InlineData("um ser humano é capaz de fazer 3 plantões seguidos? kkk")]
    [InlineData("todo ser humano precisa dormir")]
    [Theory]
    public void SixtySeventhSetHumankindIsNoRequest(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));

    // Sixty-seventh blind set: the company of such people, the superlative insult aimed at us.
    [InlineData("Só podia ser empresa de estelionatário mesmo")]
    [InlineData("Júlia, você é a coisa mais idiota que eu já vi")]
    [InlineData("vocês são a empresa mais incompetente que existe")]
    [Theory]
    public void SixtySeventhSetAnger(string text) => Assert.Equal(HandoffTriggers.NegativeSentiment, HandoffTriggerDetector.Detect(text));

    [InlineData("trabalhei numa empresa de amigos, era ótimo")]
    [InlineData("o paciente é a pessoa mais educada que eu já vi")]
    [Theory]
    public void SixtySeventhSetAngerLookAlikes(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));

    // Sixty-eighth blind set: a person asked after the question of what Júlia is, and "coloca um humano na conversa".
    [Theory]
    [InlineData("Júlia, você é uma pessoa ou IA? Se for IA, me transfere pra alguém")]
    [InlineData("é robô ou gente? me encaminha pra alguém da equipe")]
    [InlineData("Você não está entendendo. Coloca um humano na conversa")]
    [InlineData("bota um atendente aqui por favor")]
    public void SixtyEighthSetPersonRequests(string text) => Assert.Equal(HandoffTriggers.PersonRequested, HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("você é uma pessoa ou IA?")]
    [InlineData("coloca uma pessoa no plantão de sábado")]
    public void SixtyEighthSetPersonLookAlikes(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));

    // Its anger lines with one strong word or none ("Vocês são a pior empresa de plantão com que eu já trabalhei", "Que empresa
    // desorganizada") stay below the SPEC's two strong words, as "vocês são a pior empresa que já trabalhei" did before: the
    // agent, not a handoff, answers them.
    [Theory]
    [InlineData("Vocês são a pior empresa de plantão com que eu já trabalhei.")]
    [InlineData("Que empresa desorganizada")]
    [InlineData("essa é a pior escala que já vi")]
    public void SixtyEighthSetOneStrongWordIsNoAnger(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));

    // Sixty-ninth blind set: someone of the team asked for, "alguém aí?" then the wait complained of, to talk directly, and a
    // petition (a lawsuit's) named.
    [Theory]
    [InlineData("Tem alguém do time de escalas disponível agora?")]
    [InlineData("tem alguem da equipe ai?")]
    [InlineData("alguem ai?? ja mandei 3 mensagens")]
    [InlineData("Alguém aí? Ninguém responde")]
    [InlineData("oi, quem é o responsavel pela minha conta? quero falar direto")]
    public void SixtyNinthSetPersonRequests(string text) => Assert.Equal(HandoffTriggers.PersonRequested, HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("alguém aí? tem vaga sábado?")]
    [InlineData("tem alguém da equipe de enfermagem aí?")]
    [InlineData("vou falar direto")]
    [InlineData("tem alguém aí? ou é robô?")]
    [InlineData("assinei uma petição online ontem")]
    public void SixtyNinthSetPersonLookAlikes(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("Quero o nome do responsável legal da empresa para constar na petição.")]
    [InlineData("meu advogado já está redigindo a petição inicial")]
    public void SixtyNinthSetLegal(string text) => Assert.Equal(HandoffTriggers.Legal, HandoffTriggerDetector.Detect(text));

    // Seventieth blind set: court purposes, a summons to be sent.
    [Theory]
    [InlineData("Exijo cópia do contrato assinado para fins judiciais.")]
    [InlineData("Quero saber o CNPJ e o endereço da empresa pra mandar a citação.")]
    public void SeventiethSetLegal(string text) => Assert.Equal(HandoffTriggers.Legal, HandoffTriggerDetector.Detect(text));

    // Its look-alikes: a court expert's work, a citation in a paper.
    [Theory]
    [InlineData("faço perícias judiciais às vezes, tenho agenda livre na sexta")]
    [InlineData("a citação do artigo está no final do pdf")]
    public void SeventiethSetLegalLookAlikes(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));
    // Seventy-first blind set: our legal department asked for to serve it a notice; talking to the one responsible directly.
    [Theory]
    [InlineData("Quero o contato do departamento jurídico de vocês para envio de notificação.")]
    [InlineData("me passa o juridico de vcs pra eu mandar a notificação extrajudicial")]
    public void SeventyFirstSetLegal(string text) => Assert.Equal(HandoffTriggers.Legal, HandoffTriggerDetector.Detect(text));

    [Theory]
    [InlineData("Bom dia, quem é o responsável pela minha conta? Gostaria de falar diretamente com ele ou ela.")]
    [InlineData("quem cuida do meu cadastro? quero falar diretamente com ela")]
    public void SeventyFirstSetPerson(string text) => Assert.Equal(HandoffTriggers.PersonRequested, HandoffTriggerDetector.Detect(text));

    // Its look-alike: the legal department asked for paperwork is a person asked for, not a legal step.
    [Fact]
    public void SeventyFirstSetLegalDepartmentForPaperworkIsAPerson() =>
        Assert.Equal(HandoffTriggers.PersonRequested, HandoffTriggerDetector.Detect("Quero o contato do departamento jurídico de vocês, é sobre o contrato."));

    // Seventy-second blind set: a breach of the code of ethics claimed and the council told; someone available to talk;
    // trust lost ("nunca mais confio nessa escala") beside another strong word.
    [Theory]
    [InlineData("Isso fere o código de ética médica, vou comunicar ao conselho regional de medicina.")]
    [InlineData("vou comunicar isso ao CRM.")]
    public void SeventySecondSetLegal(string text) => Assert.Equal(HandoffTriggers.Legal, HandoffTriggerDetector.Detect(text));

    // Its look-alikes: the council told of a change of address; the code of ethics as a subject.
    [Theory]
    [InlineData("preciso informar ao CRM minha mudança de endereço")]
    [InlineData("tô estudando o código de ética médica pra prova")]
    public void SeventySecondSetLegalLookAlikes(string text) => Assert.Null(HandoffTriggerDetector.Detect(text));

    [Fact]
    public void SeventySecondSetPerson() =>
        Assert.Equal(HandoffTriggers.PersonRequested, HandoffTriggerDetector.Detect("Tem alguém disponível pra conversar agora?"));

    [Fact]
    public void SeventySecondSetTrustLostIsAnger() =>
        Assert.Equal(HandoffTriggers.NegativeSentiment, HandoffTriggerDetector.Detect("Nunca mais confio nessa escala, palhaçada total."));

    // Still a place given up, not anger: "nunca mais" before a place with one strong word.
    [Fact]
    public void SeventySecondSetAPlaceGivenUpStaysOneWord() =>
        Assert.Null(HandoffTriggerDetector.Detect("nunca mais trabalho nessa clínica, que pena"));
}
