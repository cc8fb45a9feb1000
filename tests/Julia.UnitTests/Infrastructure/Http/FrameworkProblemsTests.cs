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
