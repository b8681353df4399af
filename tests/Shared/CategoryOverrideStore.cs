using System.Reflection;

namespace PartnerCenter.Observability.Tests.Infrastructure;

/// <summary>
/// <see cref="PartnerCenterClassificationOptions.CategoryOverrides"/> is a get-only dictionary; a store of a test's own
/// (one that throws, as a custom IDictionary bound by a configuration library might, or one that counts its reads) is
/// put in its place by reflection.
/// </summary>
internal static class CategoryOverrideStore
{
    public static void Replace(PartnerCenterClassificationOptions options, IDictionary<string, PartnerCenterErrorCategory> store)
    {
        var field = typeof(PartnerCenterClassificationOptions).GetField("<CategoryOverrides>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("The backing field of CategoryOverrides was not found.");
        field.SetValue(options, store);
    }
}
