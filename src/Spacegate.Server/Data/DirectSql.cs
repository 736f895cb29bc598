using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Spacegate.Server.Data;

/// <summary>
/// Runs one fixed SQL statement through EF Core's command pipeline (the context's connection and transaction, its
/// interceptors, logging and diagnostics) but without its LINQ translation and change tracking, for the statements
/// every token request makes (the sandbox clock read, the token INSERT): EF Core spends more CPU translating and
/// tracking those than the database spends running them. Parameters take the type mapping of the model property
/// whose column they fill, so values are stored exactly as EF Core stores them, on either provider. Everything else
/// goes through EF Core's LINQ.
/// </summary>
public sealed class DirectSql
{
    // A template: RelationalCommand keeps per-execution state, so each execution rents one from the context's connection.
    private readonly IRelationalCommand template;
    private readonly string[] parameterNames;

    /// <summary>
    /// A statement whose parameters are written <c>{0}</c>, <c>{1}</c>… in <paramref name="sql"/>, each typed by the
    /// property at the same index of <paramref name="parameters"/>. Build it once per model and reuse it.
    /// </summary>
    public DirectSql(DbContext db, string sql, params IProperty[] parameters)
    {
        var helper = db.GetService<ISqlGenerationHelper>();
        var builder = db.GetService<IRelationalCommandBuilderFactory>().Create();
        parameterNames = new string[parameters.Length];
        var placeholders = new object[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameterNames[i] = "p" + i;
            placeholders[i] = helper.GenerateParameterNamePlaceholder(parameterNames[i]);
            builder.AddParameter(parameterNames[i], helper.GenerateParameterName(parameterNames[i]),
                parameters[i].GetRelationalTypeMapping(), parameters[i].IsNullable);
        }
        template = builder.Append(string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, placeholders)).Build();
    }

    /// <summary>Runs the statement and returns the number of rows it changed.</summary>
    public async Task<int> ExecuteAsync(DbContext db, object?[] values, CancellationToken cancellationToken)
    {
        var connection = db.GetService<IRelationalConnection>();
        var command = connection.RentCommand();
        try
        {
            command.PopulateFrom(template);
            return await command.ExecuteNonQueryAsync(Parameters(db, connection, values), cancellationToken);
        }
        finally
        {
            connection.ReturnCommand(command);
        }
    }

    /// <summary>Runs the statement and reads its first row with <paramref name="read"/> (default when there is none).</summary>
    public Task<T?> ReadFirstAsync<T>(DbContext db, Func<DbDataReader, T> read, CancellationToken cancellationToken) =>
        ReadFirstAsync(db, [], read, cancellationToken);

    /// <summary>Runs the statement with <paramref name="values"/> and reads its first row (default when there is none).</summary>
    public async Task<T?> ReadFirstAsync<T>(DbContext db, object?[] values, Func<DbDataReader, T> read,
        CancellationToken cancellationToken)
    {
        var connection = db.GetService<IRelationalConnection>();
        var command = connection.RentCommand();
        try
        {
            command.PopulateFrom(template);
            await using var reader = await command.ExecuteReaderAsync(Parameters(db, connection, values), cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? read(reader.DbDataReader) : default;
        }
        finally
        {
            connection.ReturnCommand(command);
        }
    }

    private RelationalCommandParameterObject Parameters(DbContext db, IRelationalConnection connection, object?[] values)
    {
        if (values.Length != parameterNames.Length)
        {
            throw new ArgumentException($"The statement takes {parameterNames.Length} values, not {values.Length}.", nameof(values));
        }
        var byName = new Dictionary<string, object?>(values.Length, StringComparer.Ordinal);
        for (var i = 0; i < values.Length; i++)
        {
            byName[parameterNames[i]] = values[i];
        }
        return new RelationalCommandParameterObject(connection, byName, null, db,
            db.GetService<IRelationalCommandDiagnosticsLogger>(), CommandSource.ExecuteSqlRaw);
    }

    /// <summary>One statement per model: servers of both providers may share a process (the test suite runs both).</summary>
    public static DirectSql For(DbContext db, System.Runtime.CompilerServices.ConditionalWeakTable<IModel, DirectSql> cache,
        Func<DbContext, DirectSql> create) =>
        cache.TryGetValue(db.Model, out var found) ? found : cache.GetValue(db.Model, _ => create(db));
}
