using System.Net;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// The data-protection key ring lives in the database: a sign-in cookie issued before a restart (or by another node)
/// is still valid after it, on both providers.
/// </summary>
public abstract class KeyRingTests(DatabaseProvider provider)
{
    [Fact]
    public async Task A_sign_in_cookie_survives_a_restart_because_the_keys_are_in_the_database()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var packs = new TestPacksFolder();
        var app = new PacksApp(database, packs.Path);
        await app.InitializeAsync();
        try
        {
            await app.AddUserAsync("keyring-leader", Role.Leader, Organization.RootCode);
            var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
            var signIn = await SignInWithoutCookieJarAsync(client);
            var cookie = string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
            var keys = 0;
            await app.WithDbAsync(async db => keys = await db.DataProtectionKeys.CountAsync());
            Assert.True(keys >= 1, "the key ring was written to the database");

            app = await app.RestartAsync();
            var after = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/organizations");
            request.Headers.Add("Cookie", cookie);
            var response = await after.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    private static async Task<HttpResponseMessage> SignInWithoutCookieJarAsync(HttpClient client)
    {
        var form = await client.GetAsync("/account/signin");
        var html = await form.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var request = new HttpRequestMessage(HttpMethod.Post, "/account/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Login"] = "keyring-leader",
                ["Password"] = AppFactory.Password,
                ["__RequestVerificationToken"] = token,
            }),
        };
        request.Headers.Add("Cookie", string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }
}

public sealed class SqliteKeyRingTests() : KeyRingTests(DatabaseProvider.Sqlite);

public sealed class PostgresKeyRingTests() : KeyRingTests(DatabaseProvider.PostgreSql);
