using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Meetings;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Data;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Testing;

/// <summary>
/// A generated organization for scale tests and benchmarks: one 党委 <c>GEN</c> with <c>count</c> branches spread over
/// the 1+N and community categories, and about ten meeting records per branch in 2026 Q3 (some quorums fail, about
/// one in twenty records is returned). The same seed gives the same organization on every database.
/// </summary>
public static class GeneratedOrganization
{
    public static readonly AssessmentQuarter Quarter = new(2026, 3);

    private static readonly string[] Categories =
        ["one-plus-n/management", "one-plus-n/operations", "one-plus-n/marketing", "one-plus-n/support", "community/rural", "community/urban"];

    private static readonly MeetingType[] Types =
        [MeetingType.Committee, MeetingType.ThemeDay, MeetingType.Assembly, MeetingType.Lecture, MeetingType.Group];

    /// <summary>The branches (under a parent path) and their records, in memory.</summary>
    public static IEnumerable<(Organization Branch, List<MeetingRecord> Records)> Generate(int count, string parentPath, int seed = 1000)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var members = random.Next(3, 40);
            var code = $"GEN{i:D6}";
            var branch = new Organization
            {
                Code = code,
                Name = $"生成第{i}党支部",
                Kind = OrganizationKind.Branch,
                Path = Organization.PathOf(parentPath, code),
                CategoryCode = Categories[i % Categories.Length],
                MemberCount = members,
                CommitteeSize = members < 7 ? 0 : 3,
                Groups = Enumerable.Range(1, members >= 12 ? random.Next(1, 4) : 0).Select(g => new PartyGroup { Name = $"第{g}组" }).ToList(),
            };
            var records = new List<MeetingRecord>();
            foreach (var month in Quarter.Months)
            {
                foreach (var type in Types)
                {
                    if (random.NextDouble() < 0.7)
                    {
                        var expected = type == MeetingType.Committee ? 3 : members;
                        records.Add(new MeetingRecord
                        {
                            Branch = branch,
                            Type = type,
                            Date = new DateOnly(Quarter.Year, month, random.Next(1, 29)),
                            Expected = expected,
                            Present = random.Next(0, expected + 1),
                            Topic = "学习",
                            GroupName = type == MeetingType.Group && branch.Groups.Count > 0 ? branch.Groups[random.Next(branch.Groups.Count)].Name : null,
                            Status = random.NextDouble() < 0.05 ? RecordStatus.Returned : RecordStatus.Approved,
                            CreatedAt = DateTimeOffset.UnixEpoch,
                        });
                    }
                }
            }

            yield return (branch, records);
        }
    }

    /// <summary>Stores the 党委 GEN under the root and <paramref name="count"/> generated branches with their records.</summary>
    public static async Task AddAsync(AppraisalDbContext db, int count, int seed = 1000, CancellationToken cancellationToken = default)
    {
        const int Batch = 1000;
        var root = await db.Organizations.SingleAsync(o => o.Code == Organization.RootCode, cancellationToken);
        var committee = new Organization { Code = "GEN", Name = "生成党委", Kind = OrganizationKind.PartyCommittee, ParentId = root.Id, Path = Organization.PathOf(root.Path, "GEN") };
        db.Organizations.Add(committee);
        await db.SaveChangesAsync(cancellationToken);
        var added = 0;
        foreach (var (branch, records) in Generate(count, committee.Path, seed))
        {
            branch.ParentId = committee.Id;
            db.Organizations.Add(branch);
            db.MeetingRecords.AddRange(records);
            if (++added % Batch == 0)
            {
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }
}
