using Julia.Infrastructure.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Julia.UnitTests.Infrastructure.Http;

/// <summary>
/// Every ProblemDetails an operator reads is in pt-BR: the framework's own answers too. A byte range past the end of a
/// static page answered 416 "Range Not Satisfiable" (an audit of what people read, 2026-12-04).
/// </summary>
public sealed class FrameworkProblemsTests
{
    static ProblemDetails Written(int status, string? title, string method = "GET", string path = "/static/dashboard.html")
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        http.Request.Path = path;
        http.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title };
        FrameworkProblems.InPortuguese(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
        return problem;
    }

    [Fact]
    public void NoStatusKeepsTheFrameworksEnglishReasonPhrase()
    {
        var english = new List<string>();
        for (var status = 400; status < 600; status++)
        {
            var phrase = ReasonPhrases.GetReasonPhrase(status);
            if (phrase.Length == 0) continue;
            var problem = Written(status, phrase);
            if (problem.Title == phrase || string.IsNullOrWhiteSpace(problem.Title)) english.Add($"{status} {phrase}");
        }
        Assert.Empty(english);
    }

    [Fact]
    public void ARangePastTheEndSaysWhatToDo()
    {
        var problem = Written(StatusCodes.Status416RangeNotSatisfiable, "Range Not Satisfiable");
        Assert.Equal("Intervalo de bytes fora do arquivo", problem.Title);
        Assert.Contains("Range", problem.Detail);
    }

    [Fact]
    public void ATitleOfJuliasOwnIsLeftAlone() =>
        Assert.Equal("Campanha 7 não encontrada", Written(404, "Campanha 7 não encontrada").Title);
}

/// <summary>
/// The same through ASP.NET's own ProblemDetails writer, which fills its default titles before Júlia's hook runs: a 500
/// said "An error occurred while processing your request." (an audit of what people read, 2026-12-04).
/// </summary>
public sealed class FrameworkProblemsWriterTests
{
    static async Task<System.Text.Json.Nodes.JsonNode> WrittenAsync(int status)
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        Microsoft.Extensions.DependencyInjection.ProblemDetailsServiceCollectionExtensions.AddProblemDetails(services,
            o => o.CustomizeProblemDetails = FrameworkProblems.InPortuguese);
        Microsoft.Extensions.DependencyInjection.LoggingServiceCollectionExtensions.AddLogging(services);
        using var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);
        var http = new DefaultHttpContext { RequestServices = provider };
        http.Request.Method = "GET";
        http.Request.Path = "/admin/x";
        http.Request.Headers.Accept = "application/json";
        http.Response.StatusCode = status;
        var body = new MemoryStream();
        http.Response.Body = body;
        var writer = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<IProblemDetailsService>(provider);
        Assert.True(await writer.TryWriteAsync(new ProblemDetailsContext { HttpContext = http }));
        return System.Text.Json.Nodes.JsonNode.Parse(body.ToArray())!;
    }

    [Theory]
    [InlineData(400, "Requisição inválida")]
    [InlineData(404, "Não encontrado")]
    [InlineData(416, "Intervalo de bytes fora do arquivo")]
    [InlineData(500, "Erro interno")]
    [InlineData(503, "Serviço indisponível")]
    public async Task TheWritersDefaultTitleIsReplaced(int status, string title) =>
        Assert.Equal(title, (await WrittenAsync(status))["title"]!.GetValue<string>());
}
