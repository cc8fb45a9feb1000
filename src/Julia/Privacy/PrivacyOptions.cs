namespace Julia.Privacy;

internal sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>Used only outside production when LGPD_SEGREDO is unset (start-up warns); production requires the variable.</summary>
    public const string DevelopmentSecret = "julia-desenvolvimento-lgpd";

    /// <summary>LGPD_SEGREDO: the HMAC key of titulares_apagados.hash_telefone. Changing it forgets every erased opt-out.</summary>
    public string? Secret { get; set; }

    /// <summary>How often the keys an erasure could not delete (Redis down) are tried again (<see cref="CacheRemovalRetry"/>).</summary>
    public int CacheRetryMilliseconds { get; set; } = 5_000;

    /// <summary>
    /// How long `julia titular apagar` waits for Redis when it was down at the erasure: the CLI's process ends, and with it
    /// the in-memory retry the service keeps (docs/decisions.md#lgpd, "Redis down during an erasure").
    /// </summary>
    public int CliRedisWaitSeconds { get; set; } = 30;
}
