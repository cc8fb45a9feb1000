using Julia.Doctors;

namespace Julia.UnitTests.Doctors;

/// <summary>
/// A message Júlia sends on her own names the doctor with his title, as the follow-ups do: the reservation confirmation
/// and the standard reminder said "Oi André" (a doctor-side walk, 2026-12-03).
/// </summary>
public sealed class DoctorSalutationTests
{
    [Theory]
    [InlineData("Dr.", "André", "Dr. André")]
    [InlineData("Dra.", " Ana ", "Dra. Ana")]
    [InlineData(null, "André", "André")]
    [InlineData(" ", "André", "André")]
    [InlineData("Dr.", null, null)]
    [InlineData("Dr.", " ", null)]
    public void TitleAndFirstName(string? title, string? firstName, string? expected) => Assert.Equal(expected, DoctorSalutation.Of(title, firstName));

    /// <summary>
    /// The name as a person writes it, whatever the record holds (an audit of what people read, 2026-12-04): a WhatsApp
    /// name or an import in capitals greeted "Oi Dr. JOÃO", one in small letters "Oi joão", an emoji glued to the name
    /// "Oi Ana🩺", a title stored without its dot "Oi dr André".
    /// </summary>
    [Theory]
    [InlineData("Dr.", "JOÃO", "Dr. João")]
    [InlineData(null, "joão", "João")]
    [InlineData("Dra.", "MARIA CLARA", "Dra. Maria Clara")]
    [InlineData("Dra.", "ANA-LUÍSA", "Dra. Ana-Luísa")]
    [InlineData(null, "Ana🩺", "Ana")]
    [InlineData(null, "🩺 Ana", "Ana")]
    [InlineData(null, "🩺", null)]
    [InlineData("dr", "André", "Dr. André")]
    [InlineData("DRA", "Ana", "Dra. Ana")]
    [InlineData("dr(a)", "Alex", "Dr(a). Alex")]
    [InlineData("Dr(a).", "Alex", "Dr(a). Alex")]
    [InlineData(null, "McArthur", "McArthur")]
    [InlineData(null, "ÉRICA", "Érica")]
    [InlineData(null, "álvaro", "Álvaro")]
    public void TheNameIsWrittenAsAPersonWritesIt(string? title, string? firstName, string? expected) =>
        Assert.Equal(expected, DoctorSalutation.Of(title, firstName));
}
