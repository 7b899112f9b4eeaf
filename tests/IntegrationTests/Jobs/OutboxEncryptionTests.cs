using System.Net;
using System.Text.RegularExpressions;
using Catalog.Infrastructure.Identity;
using Catalog.Infrastructure.Jobs;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static Catalog.IntegrationTests.Jobs.JobsTestSupport;

namespace Catalog.IntegrationTests.Jobs;

/// <summary>email_outbox holds no readable link: bodies are sealed with a key that is not in the database (ADR-076).</summary>
public sealed class OutboxEncryptionTests(MailDeliveryFactory factory) : IClassFixture<MailDeliveryFactory>
{
    [Fact]
    public async Task ResetAndVerificationMail_AreUnreadableInTheOutbox_AndDeliveredWithAWorkingLink()
    {
        var client = factory.CreateClient();
        var registered = $"u-{Guid.NewGuid():N}@example.com";
        await (await client.PostJsonAsync("/api/v1/auth/register", new { email = registered, password = IdentityTestHelpers.Password })).AssertStatusAsync(HttpStatusCode.Created);
        var user = await factory.CreateUserAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostJsonAsync("/api/v1/auth/forgot-password", new { email = user.Email })).StatusCode);

        // Every column of the pending rows, as the database (or a backup) shows them, before delivery.
        var atRest = await QueryAsync<string>(factory.ConnectionString, "SELECT o::text FROM email_outbox o WHERE recipient IN (@registered, @reset)", new { registered, reset = user.Email });
        Assert.Equal(2, atRest.Count);

        await factory.RunJobAsync("mail-delivery");
        var verifyToken = IdentityTestHelpers.TokenAfter(MailTo(registered), "/verify-email?token=");
        var resetToken = IdentityTestHelpers.TokenAfter(MailTo(user.Email), "/reset-password?token=");

        foreach (var row in atRest)
        {
            Assert.DoesNotContain("reset-password?token=", row, StringComparison.Ordinal);
            Assert.DoesNotContain("verify-email?token=", row, StringComparison.Ordinal);
            Assert.DoesNotContain(resetToken, row, StringComparison.Ordinal);
            Assert.DoesNotContain(Uri.EscapeDataString(resetToken), row, StringComparison.Ordinal);
            Assert.DoesNotContain(verifyToken, row, StringComparison.Ordinal);
            Assert.DoesNotContain(Uri.EscapeDataString(verifyToken), row, StringComparison.Ordinal);
        }

        // The delivered links work.
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostJsonAsync("/api/v1/auth/verify-email", new { token = verifyToken })).StatusCode);
        const string newPassword = "a brand new passphrase 42";
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostJsonAsync("/api/v1/auth/reset-password", new { token = resetToken, newPassword })).StatusCode);
        await client.LoginAsync(user.Email, newPassword);
    }

    [Fact]
    public async Task Run_BodySealedWithAnotherKey_IsNeverSent_FailsWithAClearError_AndIsEmptied()
    {
        var recipient = $"rotated-{Guid.NewGuid():N}@example.com";
        var otherKey = new OutboxBodyProtector(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Jwt:SigningKey"] = "a signing key that is not the API's current key, 32+ bytes" })
            .Build());
        await ExecuteAsync(factory.ConnectionString, "INSERT INTO email_outbox (recipient, subject, body, next_attempt_at) VALUES (@recipient, 's', @body, now() - interval '1 minute')",
            new { recipient, body = otherKey.Protect("reset link") });

        await factory.RunJobAsync("mail-delivery");

        Assert.DoesNotContain(factory.Smtp.Received, m => m.To.Contains(recipient));
        var row = Assert.Single(await QueryAsync<(string Body, int Attempts, string? LastError, DateTime? SentAt)>(factory.ConnectionString,
            "SELECT body, attempts, last_error, sent_at FROM email_outbox WHERE recipient = @recipient", new { recipient }));
        Assert.Equal(string.Empty, row.Body);
        Assert.Null(row.SentAt);
        Assert.Contains("cannot be decrypted", row.LastError, StringComparison.Ordinal);
        Assert.Equal(new JobsOptions().MailDelivery.MaxAttempts, row.Attempts);

        // It is not claimed again.
        await factory.RunJobAsync("mail-delivery");
        Assert.DoesNotContain(factory.Smtp.Received, m => m.To.Contains(recipient));
    }

    [Fact]
    public async Task Run_LastAttemptFails_EmptiesTheBody()
    {
        var maxAttempts = new JobsOptions().MailDelivery.MaxAttempts;
        var protector = factory.Services.GetRequiredService<OutboxBodyProtector>();
        var secondToLast = $"reject-{Guid.NewGuid():N}@example.com";
        var last = $"reject-{Guid.NewGuid():N}@example.com";
        await ExecuteAsync(factory.ConnectionString, """
            INSERT INTO email_outbox (recipient, subject, body, attempts, next_attempt_at) VALUES
              (@secondToLast, 's', @body, @early, now() - interval '1 minute'),
              (@last, 's', @body, @final, now() - interval '1 minute')
            """, new { secondToLast, last, body = protector.Protect("reset link"), early = maxAttempts - 2, final = maxAttempts - 1 });

        await factory.RunJobAsync("mail-delivery");

        var bodies = (await QueryAsync<(string Recipient, string Body, int Attempts)>(factory.ConnectionString,
            "SELECT recipient, body, attempts FROM email_outbox WHERE recipient IN (@secondToLast, @last)", new { secondToLast, last })).ToDictionary(r => r.Recipient);
        Assert.Equal(maxAttempts - 1, bodies[secondToLast].Attempts);
        Assert.True(protector.TryUnprotect(bodies[secondToLast].Body, out _), "a message with an attempt left keeps its body to send");
        Assert.Equal(maxAttempts, bodies[last].Attempts);
        Assert.Equal(string.Empty, bodies[last].Body);
    }

    private string MailTo(string recipient)
    {
        var data = Assert.Single(factory.Smtp.Received, m => m.To.Contains(recipient)).Data;

        // The client sends quoted-printable: undo its soft line breaks and =XX escapes.
        var joined = Regex.Replace(data, "=\r?\n", string.Empty);
        return Regex.Replace(joined, "=([0-9A-F]{2})", m => ((char)Convert.ToByte(m.Groups[1].Value, 16)).ToString());
    }
}
