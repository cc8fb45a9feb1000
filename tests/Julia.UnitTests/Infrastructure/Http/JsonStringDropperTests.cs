using System.Text;
using System.Text.Json;
using Julia.Infrastructure.Http;

namespace Julia.UnitTests.Infrastructure.Http;

/// <summary>Evolution's `base64` media left out while a webhook is read, wherever the chunks split the body.</summary>
public sealed class JsonStringDropperTests
{
    static string Drop(string json, int chunk)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var dropper = new JsonStringDropper("base64");
        using var output = new MemoryStream();
        for (var i = 0; i < bytes.Length; i += chunk) dropper.Process(bytes.AsSpan(i, Math.Min(chunk, bytes.Length - i)), output);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    const string Webhook = """
        {"event":"messages.upsert","data":{"key":{"id":"X"},"message":{"videoMessage":{"caption":"meu \"base64\": \"CRM\" aqui","mimetype":"video/mp4"},
        "base64" :  "AAAA\/BBBB+CCCC==" },"base64_not":"keep","other":{"base64":null,"list":["base64","x"],"base64":"ZZZ"}}}
        """;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(16_384)]
    public void OnlyTheValuesOfThatPropertyAreLeftOut(int chunk)
    {
        var copy = Drop(Webhook, chunk);

        using var parsed = JsonDocument.Parse(copy);
        var data = parsed.RootElement.GetProperty("data");
        Assert.Equal("", data.GetProperty("message").GetProperty("base64").GetString());
        Assert.Equal("meu \"base64\": \"CRM\" aqui", data.GetProperty("message").GetProperty("videoMessage").GetProperty("caption").GetString());
        Assert.Equal("keep", data.GetProperty("base64_not").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("other").EnumerateObject().First(p => p.Name == "base64").Value.ValueKind);
        Assert.Equal(["base64", "x"], data.GetProperty("other").GetProperty("list").EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain("AAAA", copy);
        Assert.DoesNotContain("ZZZ", copy);
    }

    [Fact]
    public void ABodyWithoutThePropertyIsCopiedAsIs()
    {
        const string json = """{"a":"b\\"c","d":[1,2,{"e":"base64"}]}""";
        Assert.Equal(json, Drop(json, 3));
    }
}
