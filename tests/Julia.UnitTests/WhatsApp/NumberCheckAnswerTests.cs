using Julia.WhatsApp;

namespace Julia.UnitTests.WhatsApp;

/// <summary>Evolution's `chat/whatsappNumbers` answer as Júlia reads it: only a phone JID is an address to send to.</summary>
public sealed class NumberCheckAnswerTests
{
    [Fact]
    public void TheFixtureSaysTheNumberIsOnWhatsAppAtTheJidWithoutItsNinthDigit()
    {
        var body = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "evolution", "whatsapp-numbers-response.json"));
        Assert.Equal(new NumberCheck(true, "551187654321@s.whatsapp.net"), EvolutionClient.ReadNumberCheck(body));
    }

    [Fact]
    public void ExistsFalseIsNotOnWhatsApp() =>
        Assert.Equal(NumberCheck.NotOnWhatsApp, EvolutionClient.ReadNumberCheck("""[{"exists":false,"jid":"5511999999999@s.whatsapp.net","number":"5511999999999"}]"""));

    [Theory]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("not json")]
    [InlineData("""[{"jid":"5511999999999@s.whatsapp.net"}]""")]
    [InlineData("""[{"exists":"true","jid":"5511999999999@s.whatsapp.net"}]""")]
    [InlineData("""[{"exists":true}]""")]
    [InlineData("""[{"exists":true,"jid":42}]""")]
    [InlineData("""[{"exists":true,"jid":"123456789012345@lid"}]""")]
    [InlineData("""[{"exists":true,"jid":"55119x9999999@s.whatsapp.net"}]""")]
    [InlineData("""[{"exists":true,"jid":"5511999999999@s.whatsapp.net@lid"}]""")]
    [InlineData("""[{"exists":true,"jid":"1234567@s.whatsapp.net"}]""")]
    [InlineData("""[{"exists":true,"jid":"1234567890123456@s.whatsapp.net"}]""")]
    [InlineData("""["5511999999999@s.whatsapp.net"]""")]
    public void AnAnswerThatNamesNoPhoneJidIsNoAnswer(string body) => Assert.Null(EvolutionClient.ReadNumberCheck(body));
}
