using Microsoft.EntityFrameworkCore;
using Spacegate.Server.Data;
using Spacegate.Server.Domain;
using Spacegate.Server.Grants;

namespace Spacegate.Server.Administration;

/// <summary>Who belongs to an account. Leaving an account ends what the membership allowed, at once.</summary>
public sealed class AccountMembers(SpacegateDbContext db, GrantRevocationService revocation)
{
    /// <summary>Adds the user to the account with <paramref name="role"/>, or changes their role.</summary>
    public async Task SetRoleAsync(string accountId, string userId, AccountRole role, CancellationToken cancellationToken)
    {
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.AccountId == accountId && m.UserId == userId, cancellationToken);
        if (membership is null)
        {
            db.Memberships.Add(new AccountMembership { AccountId = accountId, UserId = userId, Role = role });
        }
        else
        {
            membership.Role = role;
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Removes the user from the account and revokes every grant they gave on it, with all its tokens: the
    /// apps acting for them lose the account on their very next request, not when the access token expires.
    /// Returns false when the user was not a member.
    /// </summary>
    public async Task<bool> RemoveAsync(string accountId, string userId, CancellationToken cancellationToken)
    {
        var removed = await db.Memberships.Where(m => m.AccountId == accountId && m.UserId == userId)
            .ExecuteDeleteAsync(cancellationToken);
        await revocation.RevokeMemberGrantsAsync(userId, accountId, cancellationToken);
        return removed > 0;
    }
}
