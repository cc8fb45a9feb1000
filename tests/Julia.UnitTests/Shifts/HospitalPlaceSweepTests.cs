using System.Text.RegularExpressions;
using Julia.Chatwoot;
using Julia.FollowUps;
using Julia.Shifts;
using Julia.Slack;

namespace Julia.UnitTests.Shifts;

/// <summary>
/// `hospitais.cidade` may be empty: a follow-up and a Chatwoot line then read "Hospital X ()" (an audit of what people
/// read, 2026-12-05; Slack had a guard of its own). Every text that names a hospital with its city goes through
/// <see cref="HospitalPlace"/>: the source has no other "(city)" rendering, and the texts reachable here are rendered with
/// the city present, empty, blank and null.
/// </summary>
public sealed partial class HospitalPlaceSweepTests
{
    public static TheoryData<string?> EmptyCities => new() { "", "   ", null };

    [Theory]
    [InlineData("Hospital São Luiz", "Santo André", "Hospital São Luiz (Santo André)")]
    [InlineData("Hospital São Luiz", " Mauá ", "Hospital São Luiz (Mauá)")]
    [InlineData("Hospital São Luiz", "", "Hospital São Luiz")]
    [InlineData("Hospital São Luiz", "  ", "Hospital São Luiz")]
    [InlineData("Hospital São Luiz", null, "Hospital São Luiz")]
    public void AHospitalIsNamedWithItsCityOnlyWhenThereIsOne(string hospital, string? city, string expected) =>
        Assert.Equal(expected, HospitalPlace.Of(hospital, city));

    /// <summary>Any interpolation that puts a city between parentheses outside the helper would bring "()" back.</summary>
    [Fact]
    public void NoTextRendersACityBetweenParenthesesByItself()
    {
        var root = Path.Combine(ArchitectureDocument.RepositoryRoot(), "src", "Julia");
        var offenders = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "HospitalPlace.cs")
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(root, f), Line: i + 1, Text: line)))
            .Where(l => CityInParentheses().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}").ToList();
        Assert.True(offenders.Count == 0, "render the hospital with HospitalPlace.Of:\n" + string.Join("\n", offenders));
    }

    [Theory]
    [MemberData(nameof(EmptyCities))]
    public void EveryTextNamesTheHospitalAloneWhenItsCityIsEmpty(string? city)
    {
        var shift = new Shift(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "Hospital São Luiz", city!, null, new DateOnly(2026, 12, 11),
            new TimeOnly(19, 0), new TimeOnly(7, 0), "noturno", null, null, 1800, "fixo", null, null, "normal", "aberta");
        var reservation = new StaffReservation
        {
            Id = Guid.NewGuid(), Status = "ativa", Hospital = "Hospital São Luiz", Cidade = city!, Data = new DateOnly(2026, 12, 11),
            Periodo = "noturno", CreatedAt = new DateTime(2026, 12, 5, 12, 0, 0, DateTimeKind.Utc),
        };
        var notice = new ReservationNotice(Guid.NewGuid(), shift.Id, "Dr. André", "5511999990001", "Hospital São Luiz", city!,
            shift.Data, "noturno", null, "R$ 1.800", DateTimeOffset.UtcNow, null, null);
        var texts = new Dictionary<string, string>
        {
            ["follow-up fu2"] = FollowUpJob.Text("fu2", "Oi Dr. André", shift),
            ["termos oferecidos"] = shift.Terms,
            ["nota do Chatwoot"] = string.Join("\n", ChatwootNotes.HoldingLines([reservation], new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero), 24)),
            ["Slack"] = SlackMessages.ShiftReserved(notice, new SlackFormat(MaskPhone: true, ChatwootBaseUrl: null, ChatwootAccountId: 1))
                .ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }),
        };
        foreach (var (which, text) in texts)
        {
            Assert.True(text.Contains("Hospital São Luiz", StringComparison.Ordinal), $"{which}: {text}");
            Assert.False(EmptyParentheses().IsMatch(text), $"{which}: {text}");
        }
    }

    [Fact]
    public void WithACityEveryTextNamesIt()
    {
        var shift = new Shift(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "Hospital São Luiz", "Santo André", null, new DateOnly(2026, 12, 11),
            null, null, null, null, null, 1800, "fixo", null, null, "normal", "aberta");
        Assert.Contains("Hospital São Luiz (Santo André), ", FollowUpJob.Text("fu2", "Oi", shift));
        Assert.StartsWith("Hospital São Luiz (Santo André) | ", shift.Terms);
    }

    /// <summary>"({x.Cidade})", "({r.City})", " (" + cidade + ")": a city put between parentheses by hand.</summary>
    [GeneratedRegex(@"\(\{[^}]*\b(Cidade|City|cidade|city)\b[^}]*\}\)|\(""\s*\+\s*\w*(Cidade|City|cidade|city)")]
    private static partial Regex CityInParentheses();

    [GeneratedRegex(@"\(\s*\)")]
    private static partial Regex EmptyParentheses();
}
