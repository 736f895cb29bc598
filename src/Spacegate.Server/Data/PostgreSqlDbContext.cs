using Microsoft.EntityFrameworkCore;

namespace Spacegate.Server.Data;

/// <summary>
/// <see cref="SpacegateDbContext"/> on PostgreSQL: the same model, its own type only so that EF Core keeps its
/// migrations (Data/Migrations/PostgreSQL) apart from SQLite's. Registered as <see cref="SpacegateDbContext"/>.
/// </summary>
public sealed class PostgreSqlDbContext(DbContextOptions<PostgreSqlDbContext> options) : SpacegateDbContext(options);
