namespace Spacegate.SamplePartner;

/// <summary>A viewer token as the JS SDK's token refresher expects it, with the link that shows it.</summary>
public sealed record EmbedToken(string AccessToken, int ExpiresIn, string Link);
