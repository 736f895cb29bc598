using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Spacegate.Client.Tokens;

/// <summary>
/// An example store that keeps each connection in its own JSON file in a folder (file names are hashes of the keys;
/// on Unix the files are readable by their owner only). It survives restarts of a single server; tokens are stored
/// as they are, so protect the folder (or encrypt, e.g. with ASP.NET Core Data Protection, in your own store).
/// </summary>
public sealed class FileTokenStore : ITokenStore
{
    private readonly string _folder;

    /// <summary>Creates the store; the folder is created if missing.</summary>
    public FileTokenStore(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        _folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(_folder);
    }

    /// <inheritdoc />
    public async ValueTask<SpacegateTokenSet?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            return null;
        }
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<SpacegateTokenSet>(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask SetAsync(string key, SpacegateTokenSet tokens, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.WriteThrough };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        await using (var stream = new FileStream(temporary, options))
        {
            await JsonSerializer.SerializeAsync(stream, tokens, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        // Replace in one step so a reader never sees half a file.
        File.Move(temporary, path, overwrite: true);
    }

    /// <inheritdoc />
    public ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        File.Delete(PathOf(key));
        return ValueTask.CompletedTask;
    }

    private string PathOf(string key) =>
        Path.Combine(_folder, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))) + ".json");
}
