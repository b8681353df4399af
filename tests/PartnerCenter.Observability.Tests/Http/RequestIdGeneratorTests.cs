using System.Collections.Concurrent;
using PartnerCenter.Observability.Http;

namespace PartnerCenter.Observability.Tests.Http;

/// <summary>
/// The ids the handlers add are random version-4 GUIDs in the "D" form, never repeated: MS-RequestId is Partner
/// Center's idempotency key, so two requests that shared one could be answered as one.
/// </summary>
public sealed class RequestIdGeneratorTests
{
    [Fact]
    public void An_id_is_a_version_4_RFC_9562_guid_in_the_D_form()
    {
        for (var i = 0; i < 1_000; i++)
        {
            var id = RequestIdGenerator.NewId();
            Assert.Equal(36, id.Length);
            Assert.True(Guid.TryParseExact(id, "D", out var guid));
            Assert.Equal(id, guid.ToString("D"));
            Assert.Equal(4, guid.Version);
            Assert.Equal('4', id[14]);
            Assert.Contains(id[19], "89ab");
            Assert.True(PartnerCenterHeaders.IsGuid(id));
        }
    }

    [Fact]
    public void Ids_from_many_threads_are_all_different()
    {
        var ids = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            for (var i = 0; i < 25_000; i++)
            {
                Assert.True(ids.TryAdd(RequestIdGenerator.NewId(), 0));
            }
        });

        Assert.Equal(200_000, ids.Count);
    }

    [Fact]
    public void Every_random_nibble_varies()
    {
        // A generator that left some bits fixed (or copied one half into the other) would show here: each of the 30
        // random hexadecimal positions takes many values over a few thousand ids.
        var seen = new HashSet<char>[36];
        for (var p = 0; p < seen.Length; p++)
        {
            seen[p] = [];
        }

        for (var i = 0; i < 4_000; i++)
        {
            var id = RequestIdGenerator.NewId();
            for (var p = 0; p < id.Length; p++)
            {
                seen[p].Add(id[p]);
            }
        }

        for (var p = 0; p < seen.Length; p++)
        {
            var expected = p switch
            {
                8 or 13 or 18 or 23 => 1, // the dashes
                14 => 1,                   // the version
                19 => 4,                   // the variant: 8, 9, a or b
                _ => 16,
            };
            Assert.True(seen[p].Count == expected, $"position {p}: {seen[p].Count} distinct characters, expected {expected}");
        }
    }

    [Fact]
    public void The_handler_adds_two_different_generated_ids_and_keeps_them_across_a_resend()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.partnercenter.microsoft.com/v1/customers");
        PartnerCenterHeaders.AddIdsIfMissing(request, out var requestId, out var correlationId);
        Assert.NotNull(requestId);
        Assert.NotNull(correlationId);
        Assert.NotEqual(requestId, correlationId);
        Assert.Equal(requestId, Assert.Single(request.Headers.GetValues(PartnerCenterHeaders.RequestId)));

        PartnerCenterHeaders.AddIdsIfMissing(request, out var again, out var againCorrelation);
        Assert.Null(again);
        Assert.Null(againCorrelation);
        Assert.Equal(requestId, Assert.Single(request.Headers.GetValues(PartnerCenterHeaders.RequestId)));
    }
}
