using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Data.Auditing;
using Appraisal.PartyBuilding.Data.Schema;
using Appraisal.PartyBuilding.Web.Features.Account;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web;

/// <summary>
/// The command-line verbs of the executable, on the same configuration as the server:
/// <c>users add --login L --password P --role R --org CODE</c>, <c>tokens create --login L [--days N]</c> (the last
/// printed line is the token), <c>tokens revoke --login L | --id N</c>, <c>db migrate</c> and <c>audit verify</c>.
/// Exit codes: 0 done, 1 refused (or, for <c>audit verify</c>, a broken chain), 2 usage. A first argument that is not
/// an option is always a command: an unknown one prints the usage and exits 2, it never starts the server.
/// </summary>
public static class CommandLine
{
    private const string Usage = """
        用法 / usage:
          users add --login LOGIN --password PASSWORD --role ROLE --org CODE
          tokens create --login LOGIN [--days DAYS]
          tokens revoke --login LOGIN | --id TOKEN_ID
          db migrate
          audit verify
        """;

    private static readonly string[] Commands = ["users add", "tokens create", "tokens revoke", "db migrate", "audit verify"];

    /// <summary>Whether the arguments name a command (anything but options): then the server is never started.</summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && !args[0].StartsWith('-');

    /// <summary>Prints the usage for an unknown command, before anything is built or started; exit code 2.</summary>
    public static int? RefuseUnknown(string[] args)
    {
        var command = string.Join(' ', args.Take(2));
        return Commands.Contains(command, StringComparer.Ordinal) ? null : Fail(2, $"未知的命令“{command}”\n{Usage}");
    }

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var verb = string.Join(' ', args.Take(2));
        var options = Options(args.Skip(2).ToArray());
        if (options is null)
        {
            return Fail(2, Usage);
        }

        await services.GetRequiredService<SchemaMigrator>().MigrateAsync();
        var accounts = services.GetRequiredService<AccountService>();
        switch (verb)
        {
            case "db migrate":
                Console.WriteLine("数据库结构已是最新。");
                return 0;

            case "audit verify":
                return await VerifyAuditAsync(services);

            case "users add":
                if (!Required(options, out var missing, "login", "password", "role", "org"))
                {
                    return Fail(2, $"缺少参数 --{missing}\n{Usage}");
                }

                var (user, error) = await accounts.AddUserAsync(AuditLog.System, options["login"], options["password"], options["role"], options["org"]);
                if (user is null)
                {
                    return Fail(1, error!);
                }

                Console.WriteLine($"已创建账号 {user.Login}（{user.Role}）。");
                return 0;

            case "tokens create":
                if (!Required(options, out missing, "login"))
                {
                    return Fail(2, $"缺少参数 --{missing}\n{Usage}");
                }

                TimeSpan? lifetime = null;
                if (options.TryGetValue("days", out var daysText))
                {
                    if (!int.TryParse(daysText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var days) || days < 1)
                    {
                        return Fail(2, $"--days 应为正整数\n{Usage}");
                    }

                    lifetime = TimeSpan.FromDays(days);
                }

                var (token, tokenError) = await accounts.CreateTokenAsync(AuditLog.System, options["login"], lifetime);
                if (token is null)
                {
                    return Fail(1, tokenError!);
                }

                Console.WriteLine($"已为 {options["login"]} 创建 API 令牌，仅显示这一次：");
                Console.WriteLine(token);
                return 0;

            case "tokens revoke":
                int? tokenId = null;
                if (options.TryGetValue("id", out var idText))
                {
                    if (!int.TryParse(idText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
                    {
                        return Fail(2, $"--id 应为令牌编号\n{Usage}");
                    }

                    tokenId = id;
                }

                if (tokenId is null == !options.ContainsKey("login"))
                {
                    return Fail(2, $"请指定 --login 或 --id 之一\n{Usage}");
                }

                var (revoked, revokeError) = await accounts.RevokeTokensAsync(AuditLog.System, "", tokenId, options.GetValueOrDefault("login"));
                if (revokeError is not null)
                {
                    return Fail(1, revokeError);
                }

                Console.WriteLine($"已吊销 {revoked} 个 API 令牌。");
                return 0;

            default:
                return Fail(2, Usage);
        }
    }

    private static async Task<int> VerifyAuditAsync(IServiceProvider services)
    {
        var result = await AuditChainVerifier.VerifyAsync(services.GetRequiredService<AppraisalDbContext>(), services.GetRequiredService<AuditChain>());
        if (!result.Intact)
        {
            return Fail(1, $"审计日志链校验失败：已核对{result.Checked}条，第一处断裂在第{result.BrokenSequence?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}条"
                + (result.BrokenId is { } id ? $"（编号{id}）" : "") + $"：{result.Reason}");
        }

        Console.WriteLine($"审计日志链完整：共{result.Checked}条记录，校验值与链头一致。");

        // Printed so that operations can keep it outside the database: a later head that does not extend this one
        // (the database rolled back with an old head copy) is then visible too.
        var head = await services.GetRequiredService<AppraisalDbContext>().AuditChainHeads.AsNoTracking().SingleOrDefaultAsync();
        if (head is not null)
        {
            Console.WriteLine($"链头：第{head.Sequence}条 {head.Hash}");
        }

        return 0;
    }

    private static Dictionary<string, string>? Options(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                return null;
            }

            var name = args[i][2..];
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                options[name[..equals]] = name[(equals + 1)..];
            }
            else if (i + 1 < args.Length)
            {
                options[name] = args[++i];
            }
            else
            {
                return null;
            }
        }

        return options;
    }

    private static bool Required(Dictionary<string, string> options, out string missing, params string[] names)
    {
        missing = names.FirstOrDefault(n => !options.ContainsKey(n)) ?? "";
        return missing.Length == 0;
    }

    private static int Fail(int code, string message)
    {
        Console.Error.WriteLine(message);
        return code;
    }
}
