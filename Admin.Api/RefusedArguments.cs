namespace ClientPlatform.Admin.Api;

/// <summary>
/// A request value bound by its own <c>BindAsync</c> that may be refused: it carries what is wrong with it, in the
/// words the admin API answers with, rather than failing the binding (which would answer a bare 400).
/// </summary>
internal interface IMayBeRefused
{
    /// <summary>Why the value is refused ("page: must be …"), or null when it is good.</summary>
    string? Problem { get; }

    /// <summary>The status the refusal is answered with: 400, or what the refusal needs (415 for a body of another type).</summary>
    int Status => StatusCodes.Status400BadRequest;
}

/// <summary>
/// The one place a refused argument becomes the admin API's problem+json 400 (seed 004's <c>invalid_request</c>), before
/// the handler runs: handlers receive only good values.
/// </summary>
internal static class RefusedArguments
{
    /// <summary>
    /// Only an endpoint with such a parameter gets the check; the others are left as they are, with no filter to run
    /// per request (decided once, when the endpoint is built).
    /// </summary>
    public static RouteGroupBuilder RefusingBadArguments(this RouteGroupBuilder group) =>
        group.AddEndpointFilterFactory((factory, next) =>
        {
            var checkedAt = factory.MethodInfo.GetParameters()
                .Select((parameter, index) => (parameter, index))
                .Where(p => typeof(IMayBeRefused).IsAssignableFrom(p.parameter.ParameterType))
                .Select(p => p.index)
                .ToArray();
            if (checkedAt.Length == 0)
                return next;
            return async context =>
            {
                foreach (var index in checkedAt)
                    if (context.Arguments[index] is IMayBeRefused { Problem: { } problem } refused)
                        return AdminProblems.Problem(refused.Status, AdminProblems.CodeFor(refused.Status), problem);
                return await next(context);
            };
        });
}
