using Spacegate.Server.Applications;

namespace Spacegate.Server.Pages.Developer;

/// <summary>What the shared create/edit fields partial needs.</summary>
public sealed record ApplicationFieldsView(ApplicationForm Form, IReadOnlyList<ApplicationError> Errors, bool IsNew)
{
    private static readonly string[] FieldOrder =
    [
        ApplicationField.General, ApplicationField.Name, ApplicationField.RedirectUris,
        ApplicationField.AccessTokenMinutes, ApplicationField.Scopes, ApplicationForm.ClientTypeField,
    ];

    /// <summary>The errors in the order of the fields on the page, for the summary at the top.</summary>
    public IEnumerable<ApplicationError> InFormOrder => Errors.OrderBy(e => Array.IndexOf(FieldOrder, e.Field));

    public IEnumerable<string> ErrorsFor(string field) => Errors.Where(e => e.Field == field).Select(e => e.Message);

    public bool HasErrors(string field) => Errors.Any(e => e.Field == field);

    /// <summary>aria-describedby for an input: its hint and, when present, its error message.</summary>
    public string DescribedBy(string field, string? hintId = null) =>
        string.Join(' ', new[] { hintId, HasErrors(field) ? ErrorId(field) : null }.OfType<string>());

    public static string ErrorId(string field) => "error-" + (field.Length == 0 ? "general" : field);

    /// <summary>The id of the input a summary link should move focus to.</summary>
    public static string InputId(string field) => field switch
    {
        ApplicationField.Name => "app-name",
        ApplicationField.RedirectUris => "app-redirect-uris",
        ApplicationField.AccessTokenMinutes => "app-duration",
        ApplicationField.Scopes => "scopes",
        ApplicationForm.ClientTypeField => "client-type",
        _ => "app-form",
    };
}
