using System.Reflection;

namespace SolidarityFn.DevHost;

/// <summary>Shared reflection for the DevHost's trigger adapters: find [Function] methods by trigger, call them.</summary>
internal static class FunctionBinding
{
    public static IEnumerable<(string Name, MethodInfo Method, TAttribute Trigger)> Find<TAttribute>(Assembly assembly)
        where TAttribute : Attribute =>
        assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            .Select(method => (
                method,
                function: method.GetCustomAttribute<Microsoft.Azure.Functions.Worker.FunctionAttribute>(),
                trigger: method.GetParameters().Select(p => p.GetCustomAttribute<TAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(x => x.function is not null && x.trigger is not null)
            .Select(x => (x.function!.Name, x.method, x.trigger!));

    /// <summary>Creates the function class through DI, as the worker does, and invokes the method.</summary>
    public static async Task<object?> InvokeAsync(IServiceProvider services, MethodInfo method, object?[] arguments)
    {
        var instance = ActivatorUtilities.CreateInstance(services, method.DeclaringType!);
        var returned = method.Invoke(instance, arguments);
        switch (returned)
        {
            case Task task:
                await task;
                return task.GetType().IsGenericType ? task.GetType().GetProperty("Result")!.GetValue(task) : null;
            default:
                return returned;
        }
    }
}
