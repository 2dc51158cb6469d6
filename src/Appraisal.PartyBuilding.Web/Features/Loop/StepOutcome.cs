using Microsoft.AspNetCore.Http.HttpResults;

namespace Appraisal.PartyBuilding.Web.Features.Loop;

/// <summary>
/// The answer of one step of the loop (an appeal, a decision, a report, a review...): done with its value, or refused
/// with a status, a message for people, and for bad input the fields at fault. Shared by the API and the pages.
/// </summary>
public sealed record StepOutcome<T>(T? Value, int Status, string? Title, string? Detail, Dictionary<string, string[]>? Errors)
    where T : class
{
    public bool Succeeded => Value is not null;

    /// <summary>The message a page shows when the step was refused.</summary>
    public string Message => Errors is { Count: > 0 } ? string.Join("；", Errors.Values.SelectMany(v => v)) : Detail ?? Title ?? "";

    public static StepOutcome<T> Done(T value) => new(value, StatusCodes.Status200OK, null, null, null);

    public static StepOutcome<T> Invalid(string title, Dictionary<string, string[]> errors) => new(null, StatusCodes.Status400BadRequest, title, null, errors);

    public static StepOutcome<T> Refused(int status, string title, string detail) => new(null, status, title, detail, null);

    public static StepOutcome<T> NotFound(string title) => new(null, StatusCodes.Status404NotFound, title, null, null);

    /// <summary>The API answer: 200 with the mapped value, or problem details (400 with the fields, 403, 404, 409).</summary>
    public Results<Ok<TDto>, ValidationProblem, ProblemHttpResult> ToOk<TDto>(Func<T, TDto> map)
    {
        if (Value is { } value)
        {
            return TypedResults.Ok(map(value));
        }

        if (Errors is { Count: > 0 })
        {
            return TypedResults.ValidationProblem(Errors, title: Title);
        }

        return Problem();
    }

    /// <summary>The API answer: 201 at <paramref name="location"/> with the mapped value, or problem details.</summary>
    public Results<Created<TDto>, ValidationProblem, ProblemHttpResult> ToCreated<TDto>(Func<T, string> location, Func<T, TDto> map)
    {
        if (Value is { } value)
        {
            return TypedResults.Created(location(value), map(value));
        }

        if (Errors is { Count: > 0 })
        {
            return TypedResults.ValidationProblem(Errors, title: Title);
        }

        return Problem();
    }

    private ProblemHttpResult Problem() => TypedResults.Problem(title: Title, detail: Detail, statusCode: Status);
}
