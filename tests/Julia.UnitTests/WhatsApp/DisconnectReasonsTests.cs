using Julia.WhatsApp;

namespace Julia.UnitTests.WhatsApp;

/// <summary>Evolution's `statusReason` in the operator's words (docs/decisions.md#whatsapp-disconnect-reason).</summary>
public sealed class DisconnectReasonsTests
{
    /// <summary>`open` and `connecting` come with 200: no reason, so they do not replace the outage's 401.</summary>
    [Theory]
    [InlineData(null, null)]
    [InlineData(200, null)]
    [InlineData(401, 401)]
    [InlineData(515, 515)]
    [InlineData(600, null)]
    public void OnlyAnErrorCodeIsAReason(int? statusReason, int? reason) => Assert.Equal(reason, DisconnectReasons.Of(statusReason));

    [Fact]
    public void AStateIsShownWithItsReasonUnlessItIsConnected()
    {
        Assert.Equal("close (401: sessão encerrada — escanear o QR code de novo)", DisconnectReasons.Shown("close", 401));
        Assert.Equal("inacessivel (515: reinício pedido pelo WhatsApp — a Evolution reconecta sozinha)", DisconnectReasons.Shown("inacessivel", 515));
        Assert.Equal("close", DisconnectReasons.Shown("close", null));
        Assert.Equal("open", DisconnectReasons.Shown("open", 401));
        Assert.Equal("sandbox", DisconnectReasons.Shown("sandbox", 401));
        Assert.Equal("999: motivo desconhecido — ver a instância no Evolution Manager", DisconnectReasons.Describe(999));
    }

    /// <summary>Waiting does not bring these back (Evolution 2.3.x does not retry 401/402/403/406; 440 flaps until re-linked).</summary>
    [Theory]
    [InlineData(401, true)]
    [InlineData(402, true)]
    [InlineData(403, true)]
    [InlineData(406, true)]
    [InlineData(440, true)]
    [InlineData(408, false)]
    [InlineData(411, false)]
    [InlineData(428, false)]
    [InlineData(500, false)]
    [InlineData(503, false)]
    [InlineData(515, false)]
    public void ALogoutAForbiddenOrAReplacedSessionNeedsTheQrCode(int code, bool qr)
    {
        Assert.Equal(qr, DisconnectReasons.NeedsNewQrCode(code));
        Assert.Equal(qr, DisconnectReasons.Describe(code).Contains("escanear o QR code de novo") && !DisconnectReasons.Describe(code).Contains("se não voltar"));
    }
}
