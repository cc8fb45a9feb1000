using Julia.Doctors;
using Julia.Privacy;

namespace Julia.UnitTests.Doctors;

/// <summary>What an erasure keeps and clears for a doctor (docs/decisions.md#lgpd): the forms his next message would arrive with.</summary>
public sealed class DoctorPersonalDataTests
{
    static DataSubject Subject(string? phone, string? lid = null) =>
        new(Guid.Parse("11111111-1111-4111-8111-111111111111"), phone, null, lid, null, OptedOut: true, ApagadoEm: null);

    [Fact]
    public async Task APhoneStoredInTheLegacyFormIsRememberedAndUncachedInTheCanonicalFormTheIntakeUses()
    {
        var owner = new DoctorPersonalData();
        var legacy = Subject("551188887709");

        Assert.Equal(["5511988887709"], owner.ErasedAddresses(legacy));
        var keys = await owner.CacheKeysAsync(null!, legacy, CancellationToken.None);
        Assert.Contains("medico:telefone:5511988887709", keys);
        Assert.Contains("medico:telefone:551188887709", keys);
    }

    [Fact]
    public void ALidOnlyDoctorIsRememberedByHisLid()
    {
        var owner = new DoctorPersonalData();

        Assert.Equal(["123456789012@lid"], owner.ErasedAddresses(Subject(null, "123456789012@lid")));
        Assert.Equal(["5511988887709", "99887766@lid"], owner.ErasedAddresses(Subject("5511988887709", "99887766@lid")));
    }
}
