namespace PartnerCenter.Observability.Tests.Infrastructure;

/// <summary>
/// An override store whose lookups throw, and whose <c>Count</c> throws too when <paramref name="countThrows"/> is set
/// (otherwise it claims one entry, so that the classifier goes on to the lookup). Put in place through the internal
/// setter of <see cref="PartnerCenterClassificationOptions.CategoryOverrides"/>.
/// </summary>
/// <param name="countThrows">Whether <c>Count</c> throws.</param>
internal sealed class ThrowingOverrides(bool countThrows) : Dictionary<string, PartnerCenterErrorCategory>, IDictionary<string, PartnerCenterErrorCategory>, ICollection<KeyValuePair<string, PartnerCenterErrorCategory>>
{
    int ICollection<KeyValuePair<string, PartnerCenterErrorCategory>>.Count => countThrows ? throw new InvalidOperationException("overrides Count fault") : 1;

    bool IDictionary<string, PartnerCenterErrorCategory>.TryGetValue(string key, out PartnerCenterErrorCategory value) =>
        throw new InvalidOperationException("overrides lookup fault");
}
