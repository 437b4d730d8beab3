using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;

namespace SolidarityFn.DevHost;

/// <summary>
/// Serves the Functions app's HTTP triggers as the Functions host would: the routes, verbs and classes come from
/// the same [Function]/[HttpTrigger] attributes that produce functions.metadata, so the two cannot drift apart.
/// </summary>
public static class HttpFunctionRoutes
{
    public static IReadOnlyList<HttpFunction> Discover(Assembly functionsAssembly) =>
        [.. functionsAssembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            .Select(method => (method, function: method.GetCustomAttribute<FunctionAttribute>(),
                trigger: method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(x => x.function is not null && x.trigger is not null)
            .Select(x => new HttpFunction(x.function!.Name, x.trigger!.Route ?? x.function.Name, x.trigger.Methods ?? ["get", "post"], x.method))];

    public static IEndpointRouteBuilder MapHttpFunctions(this IEndpointRouteBuilder endpoints, Assembly functionsAssembly)
    {
        foreach (var function in Discover(functionsAssembly))
        {
            var invoke = CreateInvoker(function.Method);
            endpoints.MapMethods("/" + function.Route, function.Methods.Select(m => m.ToUpperInvariant()).ToArray(), invoke)
                .WithName(function.Name);
        }

        return endpoints;
    }

    private static RequestDelegate CreateInvoker(MethodInfo method)
    {
        var parameters = method.GetParameters();
        foreach (var p in parameters)
        {
            if (p.ParameterType != typeof(HttpRequest) && p.ParameterType != typeof(CancellationToken) && p.ParameterType != typeof(string))
            {
                throw new InvalidOperationException($"The DevHost cannot bind {method.DeclaringType!.Name}.{method.Name}({p.ParameterType.Name} {p.Name}).");
            }
        }

        var factory = ActivatorUtilities.CreateFactory(method.DeclaringType!, Type.EmptyTypes);
        return async context =>
        {
            var instance = factory(context.RequestServices, null);
            var arguments = parameters.Select(p => p.ParameterType switch
            {
                var t when t == typeof(HttpRequest) => context.Request,
                var t when t == typeof(CancellationToken) => (object)context.RequestAborted,
                _ => context.Request.RouteValues.TryGetValue(p.Name!, out var value) ? value?.ToString() : null,
            }).ToArray();

            var returned = method.Invoke(instance, arguments);
            var result = returned switch
            {
                Task<IActionResult> task => await task,
                IActionResult direct => direct,
                _ => throw new InvalidOperationException($"{method.Name} must return IActionResult or Task<IActionResult>."),
            };
            await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
        };
    }
}

public sealed record HttpFunction(string Name, string Route, IReadOnlyList<string> Methods, MethodInfo Method);
