using System.Text;
using System.Text.Json;
using Julia.Infrastructure.Http;

namespace Julia.UnitTests.Infrastructure.Http;

/// <summary>Evolution's `base64` media and previews left out while a webhook is read, wherever the chunks split the body.</summary>
public sealed class JsonValueDropperTests
{
    static string Drop(string json, int chunk)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var dropper = new JsonValueDropper("base64");
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

    /// <summary>Since 2.3.6 Evolution writes bytes as index-keyed objects: such a value is emptied, whatever it holds.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(16_384)]
    public void AnObjectOrArrayValueOfANamedPropertyIsEmptied(int chunk)
    {
        const string json = """
            {"m":{"imageMessage":{"caption":"segue {meu} [CRM]","jpegThumbnail":{"0":255,"1":216,"2":"}]\"{"},"height":1},
            "contextInfo":{"externalAdReply":{"title":"Plantões","thumbnail" : [1,[2,{"a":"]"}],3],"thumbnailUrl":"https://x"}},
            "base64":{"nested":{"deep":[1,2]}},"jpegThumbnail":"/9j/4AAQ","keep":{"jpegThumbnailX":{"0":1}}}}
            """;
        var bytes = Encoding.UTF8.GetBytes(json);
        var dropper = new JsonValueDropper("base64", "jpegThumbnail", "thumbnail");
        using var output = new MemoryStream();
        for (var i = 0; i < bytes.Length; i += chunk) dropper.Process(bytes.AsSpan(i, Math.Min(chunk, bytes.Length - i)), output);

        using var parsed = JsonDocument.Parse(output.ToArray());
        var m = parsed.RootElement.GetProperty("m");
        var image = m.GetProperty("imageMessage");
        Assert.Equal("segue {meu} [CRM]", image.GetProperty("caption").GetString());
        Assert.Equal("{}", image.GetProperty("jpegThumbnail").GetRawText());
        Assert.Equal(1, image.GetProperty("height").GetInt32());
        var ad = m.GetProperty("contextInfo").GetProperty("externalAdReply");
        Assert.Equal("[]", ad.GetProperty("thumbnail").GetRawText());
        Assert.Equal(("Plantões", "https://x"), (ad.GetProperty("title").GetString(), ad.GetProperty("thumbnailUrl").GetString()));
        Assert.Equal("{}", m.GetProperty("base64").GetRawText());
        Assert.Equal("", m.GetProperty("jpegThumbnail").GetString());
        Assert.Equal("""{"0":1}""", m.GetProperty("keep").GetProperty("jpegThumbnailX").GetRawText());
    }

    [Fact]
    public void ABodyWithoutThePropertyIsCopiedAsIs()
    {
        const string json = """{"a":"b\\"c","d":[1,2,{"e":"base64"}]}""";
        Assert.Equal(json, Drop(json, 3));
    }
}
