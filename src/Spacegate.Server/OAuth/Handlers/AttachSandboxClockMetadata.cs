using OpenIddict.Server;
using Spacegate.Server.Clock;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Spacegate.Server.OAuth.Handlers;

/// <summary>While the sandbox clock runs ahead, the metadata document says by how much.</summary>
public sealed class AttachSandboxClockMetadata(SandboxTimeProvider clock) : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; }
        = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
            .UseSingletonHandler<AttachSandboxClockMetadata>()
            .SetOrder(OpenIddictServerHandlers.Discovery.AttachAdditionalMetadata.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        if (clock.IsSandbox && clock.Offset != TimeSpan.Zero)
        {
            context.Metadata["spacegate_sandbox_clock_offset"] = SandboxClockService.Format(clock.Offset);
            context.Metadata["spacegate_sandbox_clock_offset_seconds"] = (long)clock.Offset.TotalSeconds;
        }
        return default;
    }
}
