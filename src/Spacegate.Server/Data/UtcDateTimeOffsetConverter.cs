using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Spacegate.Server.Data;

/// <summary>Writes every <see cref="DateTimeOffset"/> as its UTC instant (PostgreSQL timestamptz accepts offset zero only).</summary>
public sealed class UtcDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);
