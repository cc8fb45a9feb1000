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
}
