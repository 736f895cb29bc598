using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Spacegate.Server.Models;

namespace Spacegate.Server.Data;

/// <summary>
/// Inserts models (with their address, without files or bundles) through one prepared INSERT per
/// transaction. Change tracking costs more than the database itself at a hundred thousand rows, so the
/// statement is built from EF Core's own mapping instead: table, column names and value converters (dates
/// stored as integers on SQLite, enums as numbers) stay exactly what EF reads back.
/// </summary>
public sealed class ModelBulkInserter
{
    private readonly SpacegateDbContext _db;
    private readonly string _sql;
    private readonly List<(IProperty Property, Func<Model, object?> Read, RelationalTypeMapping Mapping)> _columns = [];

    public ModelBulkInserter(SpacegateDbContext db)
    {
        _db = db;
        var entity = db.Model.FindEntityType(typeof(Model)) ?? throw new InvalidOperationException("Model is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        foreach (var property in entity.GetProperties())
        {
            var info = property.PropertyInfo ?? throw new InvalidOperationException($"Model.{property.Name} is a shadow property; bulk insert cannot fill it.");
            _columns.Add((property, m => info.GetValue(m), property.GetRelationalTypeMapping()));
        }
        var address = entity.FindNavigation(nameof(Model.Address))?.TargetEntityType
            ?? throw new InvalidOperationException("Model.Address is not mapped as an owned type.");
        foreach (var property in address.GetProperties().Where(p => !p.IsPrimaryKey())) // its key is the model's own Id column
        {
            var info = property.PropertyInfo ?? throw new InvalidOperationException($"ModelAddress.{property.Name} is a shadow property.");
            _columns.Add((property, m => info.GetValue(m.Address), property.GetRelationalTypeMapping()));
        }

        var sql = db.GetService<ISqlGenerationHelper>();
        var names = _columns.Select(c => sql.DelimitIdentifier(c.Property.GetColumnName(table)!));
        var values = _columns.Select((_, i) => $"@p{i}");
        _sql = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", names)}) VALUES ({string.Join(", ", values)})";
    }

    /// <summary>Inserts every model in one transaction: all or none.</summary>
    public async Task InsertAsync(IReadOnlyList<Model> models, CancellationToken cancellationToken)
    {
        await _db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await _db.Database.BeginTransactionAsync(cancellationToken);
            await using var command = _db.Database.GetDbConnection().CreateCommand();
            command.Transaction = transaction.GetDbTransaction();
            command.CommandText = _sql;
            var parameters = new DbParameter[_columns.Count];
            for (var i = 0; i < parameters.Length; i++)
            {
                // Typed by EF Core's mapping: PostgreSQL prepares the statement before any value is known.
                var (property, _, mapping) = _columns[i];
                parameters[i] = mapping.CreateParameter(command, $"@p{i}", null, property.IsNullable);
                command.Parameters.Add(parameters[i]);
            }
            await command.PrepareAsync(cancellationToken);
            var synchronous = _db.Database.IsSqlite();
            foreach (var model in models)
            {
                // Ctrl+C stops within a row; the transaction then rolls this batch back (all or none).
                cancellationToken.ThrowIfCancellationRequested();
                for (var i = 0; i < parameters.Length; i++)
                {
                    var (_, read, mapping) = _columns[i];
                    var converter = mapping.Converter;
                    var value = read(model);
                    parameters[i].Value = (value is null ? null : converter is null ? value : converter.ConvertToProvider(value)) ?? DBNull.Value;
                }
                // Synchronous on SQLite on purpose: it has no asynchronous I/O, and the async path only adds a task per row.
                if (synchronous)
                {
                    command.ExecuteNonQuery();
                }
                else
                {
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
                cancellationToken.ThrowIfCancellationRequested();
            }
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await _db.Database.CloseConnectionAsync();
        }
    }
}
