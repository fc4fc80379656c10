using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClientPlatform.ServiceDefaults;

/// <summary>
/// A service that cannot start because of its settings says so in one line and exits 1, with no stack
/// trace: the operator has a setting to fix, not a bug to report.
/// </summary>
public static class StartupFailure
{
    public static bool IsOperatorError(Exception exception) => exception is MissingSettingException or OptionsValidationException
        || IsUnconvertibleSetting(exception)
        || exception is AggregateException { InnerExceptions: var inner } && inner.All(IsOperatorError);

    /// <summary>
    /// A setting the configuration binder could not convert to its type (a word that names no value of an enum, a
    /// number that is not one): its message already names the setting and the value.
    /// </summary>
    private static bool IsUnconvertibleSetting(Exception exception) =>
        exception is InvalidOperationException { Source: "Microsoft.Extensions.Configuration.Binder" };

    public static int Report(Exception exception)
    {
        Console.Error.WriteLine($"error: {Sentence(exception)}");
        return 1;
    }

    /// <summary>
    /// Runs the options validation that <c>ValidateOnStart</c> would run inside <c>Run()</c>, before the host
    /// starts, so a bad setting is reported here rather than logged as a host failure with a stack trace.
    /// </summary>
    public static WebApplication ValidateSettings(this WebApplication app)
    {
        app.Services.GetService<IStartupValidator>()?.Validate();
        return app;
    }

    private static string Sentence(Exception exception) => exception switch
    {
        OptionsValidationException e => $"invalid settings ({(e.OptionsName is { Length: > 0 } name ? name : e.OptionsType.Name)}): {string.Join("; ", e.Failures)}",
        AggregateException e => string.Join(" ", e.InnerExceptions.Select(Sentence)),
        InvalidOperationException e when IsUnconvertibleSetting(e) => $"invalid settings: {e.Message}",
        _ => exception.Message,
    };
}
