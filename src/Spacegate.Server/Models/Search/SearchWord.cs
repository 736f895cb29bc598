namespace Spacegate.Server.Models.Search;

/// <summary>A word or phrase read from the query.</summary>
/// <param name="Text">Unescaped text, without the trailing <c>*</c> of a prefix.</param>
/// <param name="Raw">The characters exactly as written, for error messages.</param>
/// <param name="Start">0-based position of the first character.</param>
/// <param name="IsPrefix">Ended with an unescaped <c>*</c>.</param>
/// <param name="IsPhrase">Written in double quotes.</param>
internal readonly record struct SearchWord(string Text, string Raw, int Start, bool IsPrefix, bool IsPhrase)
{
    /// <summary>A lone <c>*</c>: everything, any value, or an open range end.</summary>
    public bool IsStar => IsPrefix && Text.Length == 0;
}
