using Julia.Conversations;

namespace Julia.UnitTests.Conversations;

/// <summary>Replies go to the address the doctor wrote from only when his identity came from it (docs/decisions.md#inbound).</summary>
public sealed class ReplyAddressTests
{
    [Theory]
    [InlineData("5511999990001@s.whatsapp.net", "5511999990001", null, "5511999990001@s.whatsapp.net")]
    [InlineData("5511999990001:3@s.whatsapp.net", "5511999990001", null, "5511999990001@s.whatsapp.net")]  // WhatsApp's own form
    [InlineData("+55 (11) 99999-0001@c.us", "5511999990001", null, "5511999990001@s.whatsapp.net")]
    [InlineData("553188887777@s.whatsapp.net", "5531988887777", null, "553188887777@s.whatsapp.net")]       // legacy form, same number
    [InlineData("100000000000002@lid", "5511999990002", "100000000000002@lid", "100000000000002@lid")]    // LID with the phone in remoteJidAlt
    [InlineData("100000000000003@lid", null, "100000000000003@lid", "100000000000003@lid")]                // LID only
    [InlineData("100000000000003:7@LID", null, "100000000000003@lid", "100000000000003@lid")]              // one form of a LID
    // A remoteJid the identity did not come from: garbage beside a valid remoteJidAlt, another number, two addresses glued.
    [InlineData("lixo-sem-numero@lid", "5521999990001", null, "5521999990001@s.whatsapp.net")]
    [InlineData("5511999990099@c.us", "5521999990001", null, "5521999990001@s.whatsapp.net")]
    [InlineData("5521999990001@s.whatsapp.net@s.whatsapp.net", "5521999990001", null, "5521999990001@s.whatsapp.net")]
    [InlineData("lixo@lid", null, "100000000000004@lid", "100000000000004@lid")]
    public void TheRawAddressOnlyWhenTheIdentityCameFromIt(string remoteJid, string? canonical, string? lid, string expected) =>
        Assert.Equal(expected, InboundIntake.ReplyAddress(remoteJid, canonical, lid));
}
