namespace Spacegate.Server.Models.Search;

/// <summary>Which columns a bare word (a term without <c>field:</c>) searches.</summary>
public enum BareWordFields
{
    /// <summary>Name and description only: the public details a token without ViewDetails may read.</summary>
    Public,

    /// <summary>Name, description and the address (street lines, locality, administrative area, postal code).</summary>
    All,
}
