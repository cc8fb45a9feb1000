using System.Text.Json;
using Julia.WhatsApp;

namespace Julia.UnitTests.WhatsApp;

public sealed class EvolutionWebhookParserTests
{
    static JsonElement Fixture(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "evolution", name))).RootElement;

    static EvolutionEvent Parse(string fixture) => EvolutionWebhookParser.Parse(Fixture(fixture), "julia");

    static InboundMessage Message(string fixture) => Assert.IsType<EvolutionEvent.Message>(Parse(fixture)).Content;

    [Fact]
    public void PlainTextCarriesIdTextPhoneAndTimestamp()
    {
        var m = Message("webhook-messages-upsert-text.json");

        Assert.Equal("A1B2C3D4E5F60718293A4B5C6D7E8F90", m.MessageId);
        Assert.Equal(MessageKinds.Text, m.Kind);
        Assert.Equal("Oi Júlia! Vocês abrem no sábado?", m.Text);
        Assert.Equal("5511999990001@s.whatsapp.net", m.PhoneJid);
        Assert.Equal("100000000000001@lid", m.Lid);
        Assert.Equal("Maria Silva", m.PushName);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1765386000), m.SentAt);
    }

    [Fact]
    public void LidAddressedChatFindsThePhoneInRemoteJidAlt()
    {
        var m = Message("webhook-messages-upsert-text-lid.json");

        Assert.Equal("100000000000002@lid", m.RemoteJid);
        Assert.Equal("5511999990002@s.whatsapp.net", m.PhoneJid);
        Assert.Equal("100000000000002@lid", m.Lid);
    }

    [Fact]
    public void ReplyAndV1ExtendedTextAreText()
    {
        Assert.Equal(MessageKinds.Text, Message("webhook-messages-upsert-extended-text-reply.json").Kind);
        var v1 = Message("v1/webhook-messages-upsert-extended-text.v1.json");
        Assert.Equal(MessageKinds.Text, v1.Kind);
        Assert.False(string.IsNullOrEmpty(v1.Text));
        Assert.Equal(MessageKinds.Text, Message("v1/webhook-messages-upsert-text.v1.json").Kind);
    }

    [Fact]
    public void AudioAndImageWithCaptionAreMedia()
    {
        var audio = Message("webhook-messages-upsert-audio.json");
        Assert.Equal(MessageKinds.Audio, audio.Kind);
        Assert.Null(audio.Text);
        Assert.StartsWith("audio/ogg", audio.Media!.MimeType);

        var image = Message("webhook-messages-upsert-image-caption.json");
        Assert.Equal(MessageKinds.Image, image.Kind);
        Assert.False(string.IsNullOrEmpty(image.Media!.Caption));
        Assert.Equal(image.Media.Caption, image.Text);
    }

    [Theory]
    [InlineData("webhook-messages-upsert-fromme.json", "fromMe")]
    [InlineData("webhook-messages-upsert-group.json", "grupo")]
    [InlineData("webhook-send-message.json", "evento não tratado")]
    public void OwnGroupAndOtherEventsAreIgnored(string fixture, string reason) =>
        Assert.Equal(reason, Assert.IsType<EvolutionEvent.Ignored>(Parse(fixture)).Reason);

    [Theory]
    [InlineData("webhook-connection-update-open.json", "open")]
    [InlineData("webhook-connection-update-close.json", "close")]
    [InlineData("webhook-connection-update-connecting.json", "connecting")]
    [InlineData("v1/webhook-connection-update-open.v1.json", "open")]
    public void ConnectionUpdatesCarryTheState(string fixture, string state) =>
        Assert.Equal(state, Assert.IsType<EvolutionEvent.Connection>(Parse(fixture)).State);

    /// <summary>A state is a word: spaces around it (of any kind) and its case do not make `open` a disconnection (an outside fuzzing pass).</summary>
    [Theory]
    [InlineData(" open", "open")]
    [InlineData("open ", "open")]
    [InlineData("OPEN", "open")]
    [InlineData("\\topen\\r\\n", "open")]
    [InlineData("\\u00a0 Open\\u2003", "open")]
    [InlineData(" close ", "close")]
    public void AStateIsReadWithoutTheSpacesAroundItAndInLowerCase(string raw, string state) =>
        Assert.Equal(state, Assert.IsType<EvolutionEvent.Connection>(EvolutionWebhookParser.Parse(JsonDocument.Parse(
            $$$"""{"event":"connection.update","instance":"julia","data":{"state":"{{{raw}}}"}}""").RootElement, "julia")).State);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\\t\\n")]
    public void AStateOfSpacesOnlyIsMissing(string raw) =>
        Assert.IsType<EvolutionEvent.Invalid>(EvolutionWebhookParser.Parse(JsonDocument.Parse(
            $$$"""{"event":"connection.update","instance":"julia","data":{"state":"{{{raw}}}"}}""").RootElement, "julia"));

    [Theory]
    [InlineData("""{"instance":"julia","data":{}}""", "event")]
    [InlineData("""{"event":"messages.upsert","data":{}}""", "instance")]
    [InlineData("""{"event":"messages.upsert","instance":"julia"}""", "data")]
    [InlineData("""{"event":"messages.upsert","instance":"julia","data":{"message":{}}}""", "data.key")]
    [InlineData("""[1,2]""", "objeto")]
    public void MissingRequiredFieldsAreInvalid(string json, string mentioned) =>
        Assert.Contains(mentioned, Assert.IsType<EvolutionEvent.Invalid>(EvolutionWebhookParser.Parse(JsonDocument.Parse(json).RootElement, "julia")).Problem);

    [Theory]
    [InlineData("""{"event":"messages.upsert","instance":"outra","data":{}}""", "instância desconhecida")]
    [InlineData("""{"event":"messages.upsert","instance":"julia","data":{"key":{"remoteJid":"status@broadcast","id":"X"},"message":{"conversation":"x"}}}""", "status broadcast")]
    [InlineData("""{"event":"messages.upsert","instance":"julia","data":{"key":{"remoteJid":"5511999990001@s.whatsapp.net","id":"X"},"message":{"reactionMessage":{"text":"👍"}},"messageType":"reactionMessage"}}""", "reação ou mensagem de protocolo")]
    [InlineData("""{"event":"messages.upsert","instance":"julia","data":{"key":{"remoteJid":"5511999990001@s.whatsapp.net","id":"X"},"message":{"protocolMessage":{"type":0}}}}""", "reação ou mensagem de protocolo")]
    [InlineData("""{"event":"messages.upsert","instance":"julia","data":{"key":{"remoteJid":"5511999990001@s.whatsapp.net"},"message":{"conversation":"x"}}}""", "sem key.id")]
    [InlineData("""{"event":"messages.upsert","instance":"julia","data":{"key":{"remoteJid":"120363025246125486@newsletter","id":"X"},"message":{"conversation":"x"}}}""", "canal")]
    public void DeliberatelyIgnoredMessages(string json, string reason) =>
        Assert.Equal(reason, Assert.IsType<EvolutionEvent.Ignored>(EvolutionWebhookParser.Parse(JsonDocument.Parse(json).RootElement, "julia")).Reason);

    [Theory]
    [InlineData("MESSAGES_UPSERT")]
    [InlineData("messages-upsert")]
    [InlineData("messages.upsert")]
    public void EventNameFormsAreEquivalent(string name) => Assert.Equal("messages.upsert", EvolutionWebhookParser.NormaliseEventName(name));

    [Fact]
    public void StickerVideoDocumentAndUnknownKinds()
    {
        static string KindOf(string message) => Assert.IsType<EvolutionEvent.Message>(EvolutionWebhookParser.Parse(JsonDocument.Parse(
            $$$"""{"event":"messages.upsert","instance":"julia","data":{"key":{"remoteJid":"5511999990001@s.whatsapp.net","id":"X"},"message":{{{message}}}}}""").RootElement, "julia")).Content.Kind;

        Assert.Equal(MessageKinds.Sticker, KindOf("""{"stickerMessage":{"mimetype":"image/webp"}}"""));
        Assert.Equal(MessageKinds.Video, KindOf("""{"videoMessage":{"caption":"olha isso aqui agora"}}"""));
        Assert.Equal(MessageKinds.Document, KindOf("""{"documentWithCaptionMessage":{"message":{"documentMessage":{"fileName":"crm.pdf"}}}}"""));
        Assert.Equal(MessageKinds.Other, KindOf("""{"locationMessage":{"degreesLatitude":1}}"""));
    }

    /// <summary>
    /// Nothing of the doctor's yet — no `message`, an empty one, metadata and WhatsApp's placeholder, an empty text — is
    /// ignored, so the same id delivered again with his words is stored, not a duplicate (docs/decisions.md#inbound).
    /// </summary>
    [Theory]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("""{"messageContextInfo":{"deviceListMetadataVersion":2}}""")]
    [InlineData("""{"messageContextInfo":{"deviceListMetadataVersion":2},"placeholderMessage":{"type":"MASK_LINKED_DEVICES"}}""")]
    [InlineData("""{"conversation":""}""")]
    [InlineData("""{"conversation":null,"messageContextInfo":{}}""")]
    [InlineData("""{"ephemeralMessage":{"message":{"conversation":""}}}""")]
    [InlineData("""{"senderKeyDistributionMessage":{"groupId":"120363@g.us","axolotlSenderKeyDistributionMessage":"AAA"},"messageContextInfo":{}}""")]
    public void AMessageWithoutContentIsIgnored(string message)
    {
        var parsed = EvolutionWebhookParser.Parse(JsonDocument.Parse(
            $$$"""{"event":"messages.upsert","instance":"julia","data":{"key":{"remoteJid":"5511999990001@s.whatsapp.net","id":"X"},"message":{{{message}}}}}""").RootElement, "julia");

        Assert.Equal(new EvolutionEvent.Ignored("mensagem sem conteúdo"), parsed);
    }

    /// <summary>
    /// The encryption key WhatsApp sends beside a message (`senderKeyDistributionMessage`) is no reason to drop the words
    /// or the media beside it; Evolution versions that name the first field as `messageType` name the key
    /// (docs/decisions.md#inbound, "Second blind round").
    /// </summary>
    [Theory]
    [InlineData("""{"senderKeyDistributionMessage":{"groupId":"120363@g.us","axolotlSenderKeyDistributionMessage":"AAA"},"conversation":"tem plantão sábado?"}""", "texto", "tem plantão sábado?")]
    [InlineData("""{"senderKeyDistributionMessage":{"axolotlSenderKeyDistributionMessage":"AAA"},"imageMessage":{"mimetype":"image/jpeg","caption":"meu CRM em anexo"}}""", "imagem", "meu CRM em anexo")]
    public void WordsBesideAnEncryptionKeyAreTheMessage(string message, string kind, string text)
    {
        var parsed = Assert.IsType<EvolutionEvent.Message>(EvolutionWebhookParser.Parse(JsonDocument.Parse(
            $$$"""{"event":"messages.upsert","instance":"julia","data":{"key":{"remoteJid":"5511999990001@s.whatsapp.net","id":"X"},"message":{{{message}}},"messageType":"senderKeyDistributionMessage"}}""").RootElement, "julia")).Content;

        Assert.Equal((kind, text), (parsed.Kind, parsed.Text));
    }

    /// <summary>
    /// WhatsApp's own notices as Evolution's Cloud API channel passes them (`system`, `request_welcome`): no doctor's
    /// message (docs/decisions.md#inbound, "Second blind round").
    /// </summary>
    [Theory]
    [InlineData("""{"systemMessage":{"body":"User A changed from 5511999990001 to 5511999990002","wa_id":"5511999990002","type":"user_changed_number"}}""")]
    [InlineData("""{"request_welcomeMessage":{}}""")]
    public void CloudApiNoticesAreIgnored(string message) =>
        Assert.Equal(new EvolutionEvent.Ignored("reação ou mensagem de protocolo"), EvolutionWebhookParser.Parse(JsonDocument.Parse(
            $$$"""{"event":"messages.upsert","instance":"julia","data":{"key":{"remoteJid":"5511999990001@s.whatsapp.net","id":"X"},"message":{{{message}}},"messageType":"conversation"}}""").RootElement, "julia"));

    [Fact]
    public void AnEmptyTextBesideAMediaDoesNotHideTheMedia() =>
        Assert.Equal(MessageKinds.Image, WithMessage("""{"conversation":"","imageMessage":{"mimetype":"image/jpeg"}}""").Kind);

    static EvolutionEvent ParseKey(string key, string data = "") => EvolutionWebhookParser.Parse(JsonDocument.Parse(
        $$$"""{"event":"messages.upsert","instance":"julia","data":{"key":{{{key}}},"message":{"conversation":"oi"}{{{data}}}}}""").RootElement, "julia");

    [Theory]
    [InlineData("\"sim\"")]
    [InlineData("1")]
    [InlineData("{}")]
    public void AFromMeThatIsNotABooleanIsInvalidNotADoctorsMessage(string fromMe) =>
        Assert.Contains("fromMe", Assert.IsType<EvolutionEvent.Invalid>(
            ParseKey($$"""{"remoteJid":"5511999990001@s.whatsapp.net","id":"X","fromMe":{{fromMe}}}""")).Problem);

    /// <summary>`fromMe` as text says as much as the boolean: Júlia's own echo is never answered, the doctor's message never lost.</summary>
    [Theory]
    [InlineData("\"true\"", true)]
    [InlineData("\" TRUE \"", true)]
    [InlineData("\"false\"", false)]
    [InlineData("\"False\"", false)]
    public void AFromMeWrittenAsTextIsReadAsTheBoolean(string fromMe, bool isOurs)
    {
        var parsed = ParseKey($$"""{"remoteJid":"5511999990001@s.whatsapp.net","id":"X","fromMe":{{fromMe}}}""");

        if (isOurs) Assert.Equal(new EvolutionEvent.Ignored("fromMe"), parsed);
        else Assert.Equal("X", Assert.IsType<EvolutionEvent.Message>(parsed).Content.MessageId);
    }

    [Theory]
    [InlineData("3EB0123456789", "3EB0123456789")]
    [InlineData("1234567890123456", "1234567890123456")]
    [InlineData("12345678901234567890123", "12345678901234567890123")] // past 64 bits: still its digits
    public void AMessageIdSentAsAnIntegerIsItsDigits(string raw, string expected)
    {
        var json = raw.All(char.IsAsciiDigit) ? raw : $"\"{raw}\"";

        Assert.Equal(expected, Assert.IsType<EvolutionEvent.Message>(
            ParseKey($$"""{"remoteJid":"5511999990001@s.whatsapp.net","id":{{json}}}""")).Content.MessageId);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("-7")]
    [InlineData("1e5")]
    public void AMessageIdThatIsNoWholeNumberIsNoId(string raw) =>
        Assert.Equal(new EvolutionEvent.Ignored("sem key.id"), ParseKey($$"""{"remoteJid":"5511999990001@s.whatsapp.net","id":{{raw}}}"""));

    [Fact]
    public void AMessageIdLongerThanAnyWhatsAppIdIsInvalid()
    {
        Assert.IsType<EvolutionEvent.Invalid>(ParseKey($$"""{"remoteJid":"5511999990001@s.whatsapp.net","id":"{{new string('A', 129)}}"}"""));
        Assert.IsType<EvolutionEvent.Message>(ParseKey($$"""{"remoteJid":"5511999990001@s.whatsapp.net","id":"{{new string('A', 128)}}"}"""));
    }

    [Fact]
    public void APushNameLosesControlCharactersAndIsBounded()
    {
        var forged = Assert.IsType<EvolutionEvent.Message>(ParseKey("""{"remoteJid":"5511999990001@s.whatsapp.net","id":"X"}""",
            ""","pushName":"Dra. Ana\r\nINFO forjado \u001b[2J" """)).Content.PushName;
        Assert.Equal("Dra. AnaINFO forjado [2J", forged);
        var huge = Assert.IsType<EvolutionEvent.Message>(ParseKey("""{"remoteJid":"5511999990001@s.whatsapp.net","id":"X"}""",
            $$""","pushName":"{{new string('P', 1_000_000)}}" """)).Content.PushName;
        Assert.Equal(EvolutionWebhookParser.MaxPushNameChars, huge!.Length);
        Assert.Null(Assert.IsType<EvolutionEvent.Message>(ParseKey("""{"remoteJid":"5511999990001@s.whatsapp.net","id":"X"}""",
            ""","pushName":"\u0007\u0008" """)).Content.PushName);
    }

    [Theory]
    [InlineData("""{"low":"x"}""")]
    [InlineData("""{"low":null,"high":0}""")]
    [InlineData("\"amanhã\"")]
    [InlineData("-5")]
    public void AMistypedTimestampIsIgnoredNotTheMessage(string timestamp) =>
        Assert.Null(Assert.IsType<EvolutionEvent.Message>(ParseKey("""{"remoteJid":"5511999990001@s.whatsapp.net","id":"X"}""",
            $$""","messageTimestamp":{{timestamp}}""")).Content.SentAt);

    [Fact]
    public void OnlyWellFormedAddressesNameThePhoneAndTheLid()
    {
        var glued = Assert.IsType<EvolutionEvent.Message>(ParseKey(
            """{"remoteJid":"5511999990001@s.whatsapp.net@lid","remoteJidAlt":"5511999990002@s.whatsapp.net@s.whatsapp.net","id":"X"}""")).Content;
        Assert.Null(glued.PhoneJid);
        Assert.Null(glued.Lid);
        // A legacy `@c.us` remoteJid is the phone the message came from, before any other field.
        var legacy = Assert.IsType<EvolutionEvent.Message>(ParseKey(
            """{"remoteJid":"5511999990099@c.us","remoteJidAlt":"5521999990001@s.whatsapp.net","id":"X"}""")).Content;
        Assert.Equal("5511999990099@c.us", legacy.PhoneJid);
    }

    [Fact]
    public void AConnectionStateIsCutBeforeItIsStoredOrLogged()
    {
        var update = Assert.IsType<EvolutionEvent.Connection>(EvolutionWebhookParser.Parse(JsonDocument.Parse(
            $$$"""{"event":"connection.update","instance":"julia","data":{"state":"{{{string.Concat(Enumerable.Repeat("ZQXJ", 125_000))}}}"}}""").RootElement, "julia"));
        Assert.Equal(WhatsAppConnection.MaxStateChars, update.State.Length);
    }

    static InboundMessage WithMessage(string message) => Assert.IsType<EvolutionEvent.Message>(EvolutionWebhookParser.Parse(JsonDocument.Parse(
        $$$"""{"event":"messages.upsert","instance":"julia","data":{"key":{"remoteJid":"5511999990001@s.whatsapp.net","id":"X"},"message":{{{message}}}}}""").RootElement, "julia")).Content;

    /// <summary>A tap on a button or a list row is the doctor's answer in the words he chose (an outside pass, 2026-12-02).</summary>
    [Theory]
    [InlineData("""{"buttonsResponseMessage":{"selectedButtonId":"b1","selectedDisplayText":"Sim, quero o plantão"}}""", "Sim, quero o plantão")]
    [InlineData("""{"templateButtonReplyMessage":{"selectedId":"t1","selectedDisplayText":"Quero falar com uma pessoa"}}""", "Quero falar com uma pessoa")]
    [InlineData("""{"listResponseMessage":{"title":"Plantão sexta 19h","singleSelectReply":{"selectedRowId":"r1"}}}""", "Plantão sexta 19h")]
    [InlineData("""{"interactiveResponseMessage":{"body":{"text":"Aceito"},"nativeFlowResponseMessage":{"paramsJson":"{}"}}}""", "Aceito")]
    public void ARepliedButtonOrListRowIsText(string message, string text)
    {
        var m = WithMessage(message);
        Assert.Equal((MessageKinds.Text, text), (m.Kind, m.Text));
    }

    [Fact]
    public void AVideoNoteIsAVideoAndAViewOnceVoiceNoteAnAudio()
    {
        Assert.Equal(MessageKinds.Video, WithMessage("""{"ptvMessage":{"mimetype":"video/mp4","seconds":7}}""").Kind);
        Assert.Equal(MessageKinds.Audio, WithMessage("""{"viewOnceMessageV2Extension":{"message":{"audioMessage":{"mimetype":"audio/ogg","seconds":4,"ptt":true}}}}""").Kind);
        // A location or a contact card has nothing to answer (SPEC: `outro` is dropped from the turn).
        Assert.Equal(MessageKinds.Other, WithMessage("""{"locationMessage":{"degreesLatitude":-23.5,"degreesLongitude":-46.6}}""").Kind);
    }

    /// <summary>
    /// The HD copy of a photo newer WhatsApp apps send after the first upload comes wrapped in `associatedChildMessage`,
    /// as Baileys gives it (an audit of payload shapes: it read as `outro`, and the doctor's words under the photo were lost).
    /// </summary>
    [Fact]
    public void AnHdPhotosCaptionInsideAssociatedChildMessageIsRead()
    {
        var m = Message("webhook-messages-upsert-associated-child-image.json");

        Assert.Equal(MessageKinds.Image, m.Kind);
        Assert.Equal("Segue meu CRM em HD. Posso pegar o plantão de sexta?", m.Text);
        Assert.Equal(("image/jpeg", "Segue meu CRM em HD. Posso pegar o plantão de sexta?"), (m.Media!.MimeType, m.Media.Caption));
        Assert.Equal("5511999990003@s.whatsapp.net", m.PhoneJid);
        // An HD video note the same way, and a wrapper inside another.
        Assert.Equal(MessageKinds.Video, WithMessage("""{"associatedChildMessage":{"message":{"videoMessage":{"caption":"segue o vídeo","mimetype":"video/mp4"}}}}""").Kind);
        Assert.Equal("pode ser", WithMessage("""{"ephemeralMessage":{"message":{"associatedChildMessage":{"message":{"imageMessage":{"caption":"pode ser"}}}}}}""").Text);
    }

    /// <summary>
    /// Valid shapes a payload-variety matrix found misread (tests/fixtures/evolution/variety): an animated sticker is a
    /// sticker inside `lottieStickerMessage`; a pin, and the encrypted forms of a reaction and of an event answer, are no
    /// message of the doctor's; Evolution's Cloud API channel names the media's type and file the way Meta does.
    /// </summary>
    [Fact]
    public void AnAnimatedStickerAPinAndCloudApiMediaAreReadAsWhatTheyAre()
    {
        Assert.Equal(MessageKinds.Sticker, Message("variety/sticker-lottie.json").Kind);
        Assert.Equal(new EvolutionEvent.Ignored("reação ou mensagem de protocolo"), Parse("variety/pin-in-chat.json"));
        foreach (var other in new[] { """{"encReactionMessage":{"targetMessageKey":{"id":"A"},"encPayload":"x","encIv":"y"}}""",
                     """{"encEventResponseMessage":{"eventCreationMessageKey":{"id":"A"},"encPayload":"x","encIv":"y"}}""" })
            Assert.Equal(new EvolutionEvent.Ignored("reação ou mensagem de protocolo"), EvolutionWebhookParser.Parse(JsonDocument.Parse(
                $$$"""{"event":"messages.upsert","instance":"julia","data":{"key":{"remoteJid":"5511999990001@s.whatsapp.net","id":"X"},"message":{{{other}}}}}""").RootElement, "julia"));
        var document = Message("variety/cloud-api-document.json");
        Assert.Equal((MessageKinds.Document, "application/pdf", "crm.pdf", "meu CRM para o cadastro"),
            (document.Kind, document.Media!.MimeType, document.Media.FileName, document.Text));
        Assert.Equal("audio/ogg; codecs=opus", Message("variety/cloud-api-audio.json").Media!.MimeType);
    }

    /// <summary>
    /// A location, a contact card or a poll stays `outro` (nothing to answer) but is kept in words, never with a contact's
    /// phone: before, each was "[mensagem não suportada]" in the staff's and the agent's history (a payload-variety matrix).
    /// </summary>
    [Theory]
    [InlineData("""{"locationMessage":{"degreesLatitude":-23.5613,"degreesLongitude":-46.6565,"name":"Hospital Central","address":"Av. Paulista, 1000"}}""", "[localização: Hospital Central, Av. Paulista, 1000]")]
    [InlineData("""{"locationMessage":{"degreesLatitude":-23.5613,"degreesLongitude":-46.6565}}""", "[localização: -23.5613, -46.6565]")]
    [InlineData("""{"locationMessage":{"degreesLatitude":"x","address":"Rua\nUm"}}""", "[localização: Rua Um]")]
    [InlineData("""{"liveLocationMessage":{"degreesLatitude":-23.5,"degreesLongitude":-46.6,"caption":"estou chegando"}}""", "[localização em tempo real: estou chegando]")]
    [InlineData("""{"contactMessage":{"displayName":"Dr. Pedro Alves","vcard":"BEGIN:VCARD\nTEL;waid=5511999990099:+55 11 99999-0099\nEND:VCARD"}}""", "[contato: Dr. Pedro Alves]")]
    [InlineData("""{"contactMessage":{"vcard":"BEGIN:VCARD\nEND:VCARD"}}""", "[contato]")]
    [InlineData("""{"contactsArrayMessage":{"displayName":"2 contatos","contacts":[{"displayName":"A"},{"vcard":"x"},{"displayName":"B"}]}}""", "[contatos: A, B]")]
    [InlineData("""{"pollCreationMessage":{"name":"Qual dia?","options":[{"optionName":"Sexta"},{"optionName":"Sábado"}]}}""", "[enquete: Qual dia? (Sexta / Sábado)]")]
    [InlineData("""{"eventMessage":{"name":"Reunião"}}""", "[evento: Reunião]")]
    [InlineData("""{"eventMessage":{"isCanceled":true,"name":"Plantão","startTime":1765576800,"location":{"name":"UPA Centro"}}}""", "[evento cancelado: Plantão, 12/12 às 19:00, UPA Centro]")]
    [InlineData("""{"eventMessage":{"name":"Plantão","startTime":{"low":1765576800,"high":0,"unsigned":false}}}""", "[evento: Plantão, 12/12 às 19:00]")]
    [InlineData("""{"groupInviteMessage":{"groupJid":"1203@g.us","inviteCode":"Cx9kTQpZ99999","groupName":"Plantões ABC"}}""", "[convite para grupo: Plantões ABC]")]
    [InlineData("""{"groupInviteMessage":{"inviteCode":"Cx9kTQpZ99999"}}""", "[convite para grupo]")]
    [InlineData("""{"productMessage":{"product":{"title":"Curso ACLS","priceAmount1000":"1200000"},"businessOwnerJid":"5511999990099@s.whatsapp.net"}}""", "[produto: Curso ACLS]")]
    [InlineData("""{"orderMessage":{"orderTitle":"Jaleco","itemCount":1,"token":"99999","sellerJid":"5511999990099@s.whatsapp.net"}}""", "[pedido: Jaleco (1 item)]")]
    [InlineData("""{"stickerPackMessage":{"name":"Figurinhas"}}""", null)]
    public void ALocationAContactOrAPollIsKeptInWords(string message, string? stored)
    {
        var m = WithMessage(message);
        Assert.Equal((MessageKinds.Other, stored), (m.Kind, m.Text));
        Assert.DoesNotContain("99999", m.Text ?? "");
        Assert.True(WithMessage($$$"""{"contactMessage":{"displayName":"{{{new string('x', 500)}}}"}}""").Text!.Length <= SharedContent.MaxChars);
    }

    [Fact]
    public void TheQuotedMessageIsReadInEachOfEvolutionsShapes()
    {
        Assert.Equal("Sim! Sábado abrimos das 9h às 13h. Quer agendar um horário?", Message("webhook-messages-upsert-extended-text-reply.json").Quoted);
        // Raw (v1 / 2.0) inside extendedTextMessage, and 2.4's inside the content's own object, a caption quoted.
        Assert.Equal("Plantão sexta 19h UPA Centro", WithMessage(
            """{"extendedTextMessage":{"text":"quero esse","contextInfo":{"stanzaId":"S","quotedMessage":{"extendedTextMessage":{"text":"Plantão sexta 19h UPA Centro"}}}}}""").Quoted);
        Assert.Equal("escala de dezembro", WithMessage(
            """{"conversation":"pode ser","imageMessage":{"contextInfo":{"quotedMessage":{"imageMessage":{"caption":"escala de dezembro"}}}}}""").Quoted);
        Assert.Null(Message("webhook-messages-upsert-text.json").Quoted);
        var longQuote = WithMessage("{\"extendedTextMessage\":{\"text\":\"ok\",\"contextInfo\":{\"quotedMessage\":{\"conversation\":\"" + new string('a', 1000) + "\"}}}}").Quoted!;
        Assert.Equal(EvolutionWebhookParser.MaxQuotedChars + 1, longQuote.Length);
    }

    /// <summary>
    /// A reply to something without words tells the agent what he points at (third blind round): before, a reply to a
    /// photo, a voice note, a pin or a contact card had no quote at all.
    /// </summary>
    [Theory]
    [InlineData("""{"imageMessage":{"mimetype":"image/jpeg"}}""", "[imagem]")]
    [InlineData("""{"imageMessage":{"mimetype":"image/jpeg","caption":"  "}}""", "[imagem]")]
    [InlineData("""{"audioMessage":{"ptt":true,"seconds":7}}""", "[áudio]")]
    [InlineData("""{"ptvMessage":{"seconds":7}}""", "[vídeo]")]
    [InlineData("""{"documentWithCaptionMessage":{"message":{"documentMessage":{"fileName":"escala.pdf"}}}}""", "[documento: escala.pdf]")]
    [InlineData("""{"documentMessage":{"mimetype":"application/pdf","fileName":"  "}}""", "[documento]")]
    [InlineData("""{"stickerMessage":{}}""", "[sticker]")]
    [InlineData("""{"locationMessage":{"degreesLatitude":-23.5,"degreesLongitude":-46.6,"name":"Hospital Central"}}""", "[localização: Hospital Central]")]
    [InlineData("""{"contactMessage":{"displayName":"Dr. Indicado","vcard":"BEGIN:VCARD\nEND:VCARD"}}""", "[contato: Dr. Indicado]")]
    [InlineData("""{"buttonsResponseMessage":{"selectedDisplayText":"Sim, quero"}}""", "Sim, quero")]
    public void AQuoteWithoutWordsIsNamedByItsKind(string quoted, string expected) => Assert.Equal(expected, WithMessage(
        """{"conversation":"e esse?","messageContextInfo":{}},"contextInfo":{"stanzaId":"S","quotedMessage":""" + quoted + "}").Quoted);

    [Theory]
    [InlineData("""{"reactionMessage":{"text":"👍"}}""")]
    [InlineData("""{"conversation":"   "}""")]
    [InlineData("""{"albumMessage":{"expectedImageCount":2}}""")]
    public void AQuoteOfNothingReadableIsNoQuote(string quoted) => Assert.Null(WithMessage(
        """{"conversation":"e esse?"},"contextInfo":{"stanzaId":"S","quotedMessage":""" + quoted + "}").Quoted);

    /// <summary>Spaces and line breaks are no words: no text, no caption (third blind round).</summary>
    [Fact]
    public void BlankWordsAreNoWords()
    {
        Assert.Equal(new EvolutionEvent.Ignored("mensagem sem conteúdo"), EvolutionWebhookParser.Parse(JsonDocument.Parse(
            """{"event":"messages.upsert","instance":"julia","data":{"key":{"remoteJid":"5511999990001@s.whatsapp.net","id":"X"},"message":{"conversation":"  \n\t "}}}""").RootElement, "julia"));
        Assert.Equal(new EvolutionEvent.Ignored("mensagem sem conteúdo"), EvolutionWebhookParser.Parse(JsonDocument.Parse(
            """{"event":"messages.upsert","instance":"julia","data":{"key":{"remoteJid":"5511999990001@s.whatsapp.net","id":"X"},"message":{"extendedTextMessage":{"text":" "}}}}""").RootElement, "julia"));
        var photo = WithMessage("""{"imageMessage":{"mimetype":"image/jpeg","caption":"   "}}""");
        Assert.Equal((MessageKinds.Image, null, null), (photo.Kind, photo.Text, photo.Media!.Caption));
        var besideBlank = WithMessage("""{"conversation":" ","imageMessage":{"caption":"foto"}}""");
        Assert.Equal((MessageKinds.Image, "foto"), (besideBlank.Kind, besideBlank.Text));
        // A Braille blank (U+2800) is a character, not a space: kept, as the doctor sent it.
        Assert.Equal("\u2800", WithMessage("""{"conversation":"\u2800"}""").Text);
    }

    /// <summary>
    /// A WhatsApp name without a letter is no name, and invisible format characters are no part of one — but an emoji's
    /// zero-width joiner is (third blind round).
    /// </summary>
    [Theory]
    [InlineData("+55 11 98765-4321", null)]
    [InlineData("🌻", null)]
    [InlineData("...", null)]
    [InlineData("\u200fDra. Beatriz\u200e \u202bSouza\u202c", "Dra. Beatriz Souza")]
    [InlineData("\u202eanA .ard\u202c", "anA .ard")]
    [InlineData("Ana\u200b\ufeff", "Ana")]
    [InlineData("Dr. João 👨\u200d⚕️", "Dr. João 👨\u200d⚕️")]
    [InlineData("Dra Ana 2", "Dra Ana 2")]
    public void AWhatsAppNameIsItsLettersWithoutInvisibleMarks(string pushName, string? expected) =>
        Assert.Equal(expected, Assert.IsType<EvolutionEvent.Message>(ParseKey("""{"remoteJid":"5511999990001@s.whatsapp.net","id":"X"}""",
            $$""","pushName":"{{pushName}}" """)).Content.PushName);

    [Fact]
    public void EvolutionsSpeechToTextIsTheAudiosCaption()
    {
        var m = WithMessage("""{"audioMessage":{"mimetype":"audio/ogg","seconds":4},"speechToText":"pode parar de me mandar mensagem"}""");

        Assert.Equal(MessageKinds.Audio, m.Kind);
        Assert.Equal("pode parar de me mandar mensagem", m.Media!.Caption);
    }

    /// <summary>
    /// One bad character in a text keeps the text, with U+FFFD in its place (an outside fuzzing pass: the whole message
    /// became `[mensagem não suportada]` and the doctor got no answer). Kinds: escaped lone surrogates, raw bytes that are
    /// not UTF-8 (Latin-1, 0xFF, a cut sequence, UTF-8-encoded surrogates) and overlong sequences.
    /// </summary>
    [Theory]
    [InlineData("\\ud800")]         // lone high surrogate escape
    [InlineData("\\udc00")]         // lone low surrogate escape
    [InlineData("\\udc00\\ud800")]  // a pair the wrong way round
    [InlineData("E9")]              // Latin-1 é
    [InlineData("FF")]
    [InlineData("E282")]            // a three-byte sequence cut short
    [InlineData("C0AF")]            // overlong '/'
    [InlineData("E080AF")]
    [InlineData("F08080AF")]
    [InlineData("C080")]            // overlong NUL
    [InlineData("EDA080")]          // a surrogate encoded as UTF-8
    public void OneBadCharacterKeepsTheRestOfTheText(string bad)
    {
        var badBytes = bad.StartsWith('\\') ? System.Text.Encoding.ASCII.GetBytes(bad) : Convert.FromHexString(bad);
        const string json = """{"event":"messages.upsert","instance":"julia","data":{"key":{"remoteJid":"5511999990001@s.whatsapp.net","id":"X"},"pushName":"Ana§ Souza","message":{"conversation":"Oi, tem plantão§ sábado?"}}}""";
        // The parts as UTF-8, the bad bytes where '§' is.
        byte[] body = [.. json.Split('§').Select(System.Text.Encoding.UTF8.GetBytes).Aggregate((a, b) => [.. a, .. badBytes, .. b])];

        var m = Assert.IsType<EvolutionEvent.Message>(EvolutionWebhookParser.Parse(JsonDocument.Parse(body).RootElement, "julia")).Content;

        Assert.Equal(MessageKinds.Text, m.Kind);
        Assert.StartsWith("Oi, tem plantão\uFFFD", m.Text);
        Assert.EndsWith(" sábado?", m.Text);
        Assert.DoesNotContain(m.Text!, c => char.IsSurrogate(c) || c == '\0');
        Assert.StartsWith("Ana\uFFFD", m.PushName);
        Assert.EndsWith(" Souza", m.PushName);
    }

    /// <summary>The decoder reads every escape as GetString does, and keeps a valid pair written as two escapes.</summary>
    [Fact]
    public void TheTolerantDecoderReadsEveryEscape()
    {
        using var document = JsonDocument.Parse(System.Text.Encoding.UTF8.GetBytes(
            "[\"a\\\"b\\\\c\\/d\\be\\ff\\ng\\rh\\ti\\u00e9j\\ud83d\\ude00k\\u0000l\"]"));
        var value = document.RootElement[0];
        Assert.Equal(value.GetString(), TolerantJsonString.Decode(value));
    }

    /// <summary>
    /// An edit or a deletion for everyone, in each shape Evolution v2 sends one, names the doctor's message it changes and,
    /// for an edit, his new words (docs/decisions.md#inbound, "Edits and deletions"). A protocol message's inner key is the
    /// SENDER's (`fromMe: true`, `remoteJid` Júlia's own number): the chat comes from the upsert's own key or a deletion's
    /// key, and a `messages.edited` names none (the store finds the message by its id among the doctors').
    /// </summary>
    [Theory]
    [InlineData("variety/edited-message-v2.2.json", "3EB0EDITED0054", "5511977700054@s.whatsapp.net", "quero o de sábado, não o de sexta")]
    [InlineData("variety/event-messages-edited.json", "3EB0EDITED0092", null, "na verdade prefiro domingo")]
    [InlineData("variety/event-messages-delete.json", "3EB0DELETED0093", "5511977700093@s.whatsapp.net", null)]
    [InlineData("variety/protocol-revoke.json", "3EB0DELETED0053", "5511977700053@s.whatsapp.net", null)]
    public void AnEditOrADeletionNamesTheMessageItChanges(string fixture, string target, string? phoneJid, string? text) =>
        Assert.Equal(new InboundRevision(target, phoneJid, phoneJid, null, text), Assert.IsType<EvolutionEvent.Revision>(Parse(fixture)).Content);

    /// <summary>
    /// Newer Evolution sends every protocol message as `messages.edited`, a deletion for everyone too: it is a deletion of
    /// the message its key names. A numeric id is its digits, as a new message's is.
    /// </summary>
    [Theory]
    [InlineData("""{"event":"messages.edited","instance":"julia","data":{"key":{"remoteJid":"5511999990000@s.whatsapp.net","fromMe":true,"id":"3EB0AB"},"type":"REVOKE"}}""", "3EB0AB", null)]
    [InlineData("""{"event":"messages.edited","instance":"julia","data":{"key":{"remoteJid":"5511999990000@s.whatsapp.net","fromMe":true,"id":"3EB0AC"},"type":0}}""", "3EB0AC", null)]
    [InlineData("""{"event":"messages.delete","instance":"julia","data":{"remoteJid":"5511999990001@s.whatsapp.net","fromMe":false,"id":7}}""", "7", "5511999990001@s.whatsapp.net")]
    public void ARevokeAsAnEditEventOrWithANumericIdIsADeletion(string json, string target, string? phoneJid) =>
        Assert.Equal(new InboundRevision(target, phoneJid, phoneJid, null, null),
            Assert.IsType<EvolutionEvent.Revision>(EvolutionWebhookParser.Parse(JsonDocument.Parse(json).RootElement, "julia")).Content);

    /// <summary>
    /// A caption edit: WhatsApp sends the media message with only its new caption (`editedMessage.imageMessage.caption`,
    /// `videoMessage`, `documentMessage`), as an edit event or inside an upsert; the new caption is his new words (the
    /// store changes the caption of the photo the id names). A media message with no caption is no edit.
    /// </summary>
    [Theory]
    [InlineData("""{"event":"messages.edited","instance":"julia","data":{"key":{"remoteJid":"5511999990000@s.whatsapp.net","fromMe":true,"id":"3EB0CA"},"type":"MESSAGE_EDIT","editedMessage":{"imageMessage":{"caption":"escala do dia 16"}}}}""", "3EB0CA", null, "escala do dia 16")]
    [InlineData("""{"event":"messages.edited","instance":"julia","data":{"key":{"remoteJid":"5511999990000@s.whatsapp.net","fromMe":true,"id":"3EB0CB"},"type":14,"editedMessage":{"videoMessage":{"caption":"o centro cirúrgico"}}}}""", "3EB0CB", null, "o centro cirúrgico")]
    [InlineData("""{"event":"messages.upsert","instance":"julia","data":{"key":{"remoteJid":"5511999990001@s.whatsapp.net","fromMe":false,"id":"X"},"message":{"protocolMessage":{"key":{"remoteJid":"5511999990000@s.whatsapp.net","fromMe":true,"id":"3EB0CC"},"type":"MESSAGE_EDIT","editedMessage":{"documentMessage":{"caption":"meu diploma"}}}}}}""", "3EB0CC", "5511999990001@s.whatsapp.net", "meu diploma")]
    public void ACaptionEditNamesTheMediaMessageAndItsNewCaption(string json, string target, string? phoneJid, string text) =>
        Assert.Equal(new InboundRevision(target, phoneJid, phoneJid, null, text),
            Assert.IsType<EvolutionEvent.Revision>(EvolutionWebhookParser.Parse(JsonDocument.Parse(json).RootElement, "julia")).Content);

    /// <summary>Júlia's or staff's own message edited or deleted, a group's, or a protocol message of another type: ignored.</summary>
    [Theory]
    [InlineData("""{"event":"messages.delete","instance":"julia","data":{"remoteJid":"5511999990001@s.whatsapp.net","fromMe":true,"id":"A"}}""")]
    [InlineData("""{"event":"messages.delete","instance":"julia","data":{"remoteJid":"120363000000000009@g.us","fromMe":false,"id":"A"}}""")]
    [InlineData("""{"event":"messages.delete","instance":"julia","data":{"remoteJid":"5511999990001@s.whatsapp.net","id":{"x":7}}}""")]
    [InlineData("""{"event":"messages.upsert","instance":"julia","data":{"key":{"remoteJid":"5511999990001@s.whatsapp.net","fromMe":true,"id":"X"},"message":{"protocolMessage":{"key":{"remoteJid":"5511977700001@s.whatsapp.net","fromMe":true,"id":"A"},"type":"REVOKE"}}}}""")]
    [InlineData("""{"event":"messages.edited","instance":"julia","data":{"key":{"remoteJid":"120363000000000009@g.us","fromMe":true,"id":"A"},"type":"MESSAGE_EDIT","editedMessage":{"conversation":"x"}}}""")]
    [InlineData("""{"event":"messages.edited","instance":"julia","data":{"key":{"remoteJid":"5511999990001@s.whatsapp.net","id":"A"},"type":"MESSAGE_EDIT"}}""")]
    [InlineData("""{"event":"messages.upsert","instance":"julia","data":{"key":{"remoteJid":"5511999990001@s.whatsapp.net","id":"X"},"message":{"protocolMessage":{"key":{"remoteJid":"5511999990001@s.whatsapp.net","id":"A"},"type":"EPHEMERAL_SETTING"}}}}""")]
    [InlineData("""{"event":"messages.upsert","instance":"julia","data":{"key":{"remoteJid":"5511999990001@s.whatsapp.net","id":"X"},"message":{"protocolMessage":{"key":"A","type":0}}}}""")]
    [InlineData("""{"event":"messages.edited","instance":"julia","data":{"key":{"remoteJid":"5511999990000@s.whatsapp.net","fromMe":true,"id":"A"},"type":"MESSAGE_EDIT","editedMessage":{"imageMessage":{"caption":"  "}}}}""")]
    [InlineData("""{"event":"messages.edited","instance":"julia","data":{"key":{"remoteJid":"5511999990000@s.whatsapp.net","fromMe":true,"id":"A"},"type":"MESSAGE_EDIT","editedMessage":{"audioMessage":{"seconds":3}}}}""")]
    public void WhatIsNotTheDoctorsRevisionIsIgnored(string json) =>
        Assert.IsType<EvolutionEvent.Ignored>(EvolutionWebhookParser.Parse(JsonDocument.Parse(json).RootElement, "julia"));
}
