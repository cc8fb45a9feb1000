using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Julia.Agent;

/// <summary>
/// The model list of an OpenAI-compatible server (`GET {base}/models`: `{"object":"list","data":[{"id":…}]}`), read once
/// at start-up by <see cref="ModelAvailabilityCheck"/> (docs/decisions.md#model-availability). A server that does not
/// answer it (404, 405, 501, not JSON) cannot say: the check is not made, never a model called missing.
/// </summary>
internal static class OpenAIModelList
{
    public abstract record Result
    {
        public sealed record Listed(IReadOnlySet<string> Ids) : Result;
        public sealed record KeyRefused(string Reason) : Result;
        public sealed record NotChecked(string Reason) : Result;
    }

    public static async Task<Result> ReadAsync(HttpClient client, AgentOptions o, CancellationToken ct)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, o.OpenAIEndpoint.TrimEnd('/') + "/models");
            if (!string.IsNullOrWhiteSpace(o.OpenAIApiKey))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", o.OpenAIApiKey);
                request.Headers.TryAddWithoutValidation("api-key", o.OpenAIApiKey); // Azure's own header
            }
            using var response = await client.SendAsync(request, ct);
            var status = (int)response.StatusCode;
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                return new Result.KeyRefused($"chave da API recusada ({status}) pelo servidor OpenAI-compatível");
            if (!response.IsSuccessStatusCode)
                return new Result.NotChecked(status is 404 or 405 or 501
                    ? $"o servidor não lista modelos (GET /models respondeu {status})"
                    : $"GET /models respondeu {status}");
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            using var json = await JsonDocument.ParseAsync(body, cancellationToken: ct);
            if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
                return new Result.NotChecked("o servidor não lista modelos (GET /models sem `data`)");
            return new Result.Listed(data.EnumerateArray()
                .Select(m => m.ValueKind == JsonValueKind.Object && m.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null)
                .OfType<string>().ToHashSet(StringComparer.Ordinal));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return new Result.NotChecked("a subida foi interrompida");
        }
        catch (JsonException)
        {
            return new Result.NotChecked("o servidor não lista modelos (GET /models não respondeu JSON)");
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
            return new Result.NotChecked("tempo esgotado");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return new Result.NotChecked("falha de rede com o servidor OpenAI-compatível");
        }
        catch (Exception ex) // a check must never stop the host (a background service's throw does)
        {
            return new Result.NotChecked($"erro ao ler GET /models ({ex.GetType().Name})");
        }
    }

    /// <summary>The id itself, or Ollama's `name:latest` for a model named without its tag (Ollama lists the tag).</summary>
    public static bool Contains(IReadOnlySet<string> ids, string model) =>
        ids.Contains(model) || (!model.Contains(':') && ids.Contains(model + ":latest"));

    public static bool IsAzure(string endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Host.EndsWith(".openai.azure.com", StringComparison.OrdinalIgnoreCase);
}
