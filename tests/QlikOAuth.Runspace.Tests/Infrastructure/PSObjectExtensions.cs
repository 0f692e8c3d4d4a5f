using System.Management.Automation;

namespace QlikOAuth.Runspace.Tests.Infrastructure;

public static class PSObjectExtensions
{
    /// <summary>A property's value as T, as PowerShell sees it (fails the test when the property is missing).</summary>
    public static T? Prop<T>(this PSObject item, string name)
    {
        PSPropertyInfo? property = item.Properties[name];
        Assert.True(property != null, $"{item.BaseObject.GetType().Name} has no property {name}");
        object? value = property!.Value;
        return value is PSObject wrapped && wrapped.BaseObject is not PSCustomObject ? (T?)wrapped.BaseObject : (T?)value;
    }
}
