using System.Globalization;
using Catalog.Infrastructure.Identity;
using Catalog.Infrastructure.Jobs;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using static Catalog.IntegrationTests.Jobs.JobsTestSupport;

namespace Catalog.IntegrationTests.Jobs;

/// <summary>The API configured to deliver mail to a loopback SMTP server started with it.</summary>
public sealed class MailDeliveryFactory : CatalogApiFactory, IAsyncLifetime
{
    public LoopbackSmtpServer Smtp { get; } = new();

    public MailDeliveryFactory()
    {
        WithSetting("Smtp:Host", "127.0.0.1");
        WithSetting("Smtp:Port", Smtp.Port.ToString(CultureInfo.InvariantCulture));
        WithSetting("Smtp:From", "catalog@example.com");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await Smtp.DisposeAsync();
        await DisposeAsync();
    }
}

public sealed class MailDeliveryJobTests(MailDeliveryFactory factory) : IClassFixture<MailDeliveryFactory>
{
    [Fact]
    public async Task Run_SendsPendingMailThroughSmtp_MarksItSent_AndBacksOffOnFailure()
    {
        var db = factory.ConnectionString;
        var due = DateTimeOffset.UtcNow.AddMinutes(-1);
        var protector = factory.Services.GetRequiredService<OutboxBodyProtector>();
        await ExecuteAsync(db, """
            INSERT INTO email_outbox (recipient, subject, body, next_attempt_at) VALUES
              ('alice@example.com', 'Verify your email', @alice, @due),
              ('reject-me@example.com', 'Reset your password', @reject, @due),
              ('later@example.com', 'Not due yet', @later_body, @later);
            """, new { due, later = DateTimeOffset.UtcNow.AddHours(1), alice = protector.Protect("Your code is 123"), reject = protector.Protect("Your link"), later_body = protector.Protect("Later") });

        var sent = await factory.RunJobAsync("mail-delivery");

        Assert.Equal(1, sent);
        var mail = Assert.Single(factory.Smtp.Received);
        Assert.Equal("catalog@example.com", mail.From);
        Assert.Equal(["alice@example.com"], mail.To);
        Assert.Contains("Subject: Verify your email", mail.Data, StringComparison.Ordinal);
        Assert.Contains("Your code is 123", mail.Data, StringComparison.Ordinal);

        var rows = (await QueryAsync<(string Recipient, DateTime? SentAt, int Attempts, string? LastError, DateTime NextAttemptAt)>(db,
            "SELECT recipient, sent_at, attempts, last_error, next_attempt_at FROM email_outbox ORDER BY recipient")).ToDictionary(r => r.Recipient);
        Assert.NotNull(rows["alice@example.com"].SentAt);
        Assert.Equal(1, rows["alice@example.com"].Attempts);
        var rejected = rows["reject-me@example.com"];
        Assert.Null(rejected.SentAt);
        Assert.Equal(1, rejected.Attempts);
        Assert.False(string.IsNullOrEmpty(rejected.LastError));
        Assert.True(rejected.NextAttemptAt > DateTime.UtcNow.AddSeconds(30), "a failed message waits before its next attempt");
        Assert.Null(rows["later@example.com"].SentAt);
        Assert.Equal(0, rows["later@example.com"].Attempts);

        // The token of a delivered message is not kept at rest; an undelivered one keeps its (encrypted) body to send.
        Assert.Equal(string.Empty, await ScalarAsync<string>(db, "SELECT body FROM email_outbox WHERE recipient = 'alice@example.com'"));
        Assert.True(protector.TryUnprotect(await ScalarAsync<string>(db, "SELECT body FROM email_outbox WHERE recipient = 'reject-me@example.com'"), out var kept));
        Assert.Equal("Your link", kept);

        // Nothing is due now: a second run sends nothing and sends nothing twice.
        Assert.Equal(0, await factory.RunJobAsync("mail-delivery"));
        Assert.Single(factory.Smtp.Received);
    }

    [Fact]
    public async Task Run_WithoutSmtpHost_LeavesTheOutboxAlone()
    {
        var db = factory.ConnectionString;
        var id = await ScalarAsync<Guid>(db, "INSERT INTO email_outbox (recipient, subject, body, next_attempt_at) VALUES ('bob@example.com', 's', 'b', now() - interval '1 minute') RETURNING id");
        var job = new MailDeliveryJob(
            factory.Services.GetRequiredService<NpgsqlDataSource>(),
            Options.Create(new JobsOptions()),
            Options.Create(new SmtpOptions()),
            factory.Services.GetRequiredService<OutboxBodyProtector>(),
            TimeProvider.System,
            NullLogger<MailDeliveryJob>.Instance);

        Assert.Equal(0, await job.RunAsync(CancellationToken.None));
        Assert.Equal(0, await ScalarAsync<int>(db, "SELECT attempts FROM email_outbox WHERE id = @id", new { id }));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(3, 8)]
    [InlineData(20, 60)]
    public void Backoff_DoublesFromOneMinute_UpToAnHour(int previousAttempts, int expectedMinutes) =>
        Assert.Equal(TimeSpan.FromMinutes(expectedMinutes), MailDeliveryJob.Backoff(new MailDeliveryOptions(), previousAttempts));
}
