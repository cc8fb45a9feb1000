using System.Net;
using System.Text.Json.Nodes;

namespace Julia.IntegrationTests.Shifts;

/// <summary>What the staff reservation tests read of an answer and of a reservation's state.</summary>
internal static class StaffReservationAsserts
{
    public static (string, string) Pick((string Status, string Vaga, DateTime?, DateTime?) s) => (s.Status, s.Vaga);

    public static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text)!.AsObject();
    }
}
