using Julia.Doctors;

namespace Julia.UnitTests.Doctors;

/// <summary>The WhatsApp name of a new sender as title, first name and the rest (an outside pass, 2026-12-02).</summary>
public sealed class PushNameTests
{
    [Theory]
    [InlineData("Ana Souza", null, "Ana", "Souza")]
    [InlineData("Dr. João Carlos Silva", "Dr.", "João", "Carlos Silva")]
    [InlineData("Dra Ana 🩺 Pediatra", "Dra.", "Ana", "Pediatra")]
    [InlineData("DRA. MARIA", "Dra.", "MARIA", null)]
    [InlineData("doutor Pedro", "Dr.", "Pedro", null)]
    [InlineData("Dr.", null, "Dr.", null)]
    [InlineData("Drummond Lima", null, "Drummond", "Lima")]
    [InlineData("🩺", null, null, null)]
    [InlineData(null, null, null, null)]
    public void ATitleIsNotAFirstName(string? pushName, string? title, string? first, string? last) =>
        Assert.Equal((title, first, last), NewDoctor.SplitName(pushName));
}
