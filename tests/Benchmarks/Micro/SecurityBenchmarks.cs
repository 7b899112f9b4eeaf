using BenchmarkDotNet.Attributes;
using Catalog.Application.Common.Paging;
using Catalog.Infrastructure.Identity;
using Catalog.Infrastructure.Paging;
using Catalog.WebApi.Composition;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Catalog.Benchmarks.Micro;

/// <summary>
/// JWT validation with the TokenValidationParameters the API's bearer scheme really uses (taken from the
/// configured JwtBearerOptions of SecuritySetup), and keyset cursor encode/decode.
/// </summary>
[Config(typeof(QuickConfig))]
public class SecurityBenchmarks
{
    private const string SigningKey = "benchmark-signing-key-0123456789abcdef0123456789";
    private readonly JsonWebTokenHandler _handler = new();
    private TokenValidationParameters _parameters = null!;
    private string _token = null!;
    private ICursorCodec _cursors = null!;
    private string _cursor = null!;
    private readonly BenchCursor _position = new(Guid.CreateVersion7(), new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc));

    [GlobalSetup]
    public void Setup()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Jwt:SigningKey"] = SigningKey }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCatalogAuthentication(configuration, new BenchEnvironment());
        services.AddSingleton(TimeProvider.System);
        using var provider = services.BuildServiceProvider();
        _parameters = provider.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme).TokenValidationParameters;
        var issuer = new AccessTokenIssuer(Options.Create(new JwtOptions { SigningKey = SigningKey }), TimeProvider.System);
        _token = issuer.Issue(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.NewGuid(), ["catalog_manager"]).Token;
        _cursors = new HmacCursorCodec(configuration);
        _cursor = _cursors.Encode("products/storefront/newest", _position);
        if (!ValidateJwt().GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("The benchmark token does not validate.");
        }
    }

    [Benchmark]
    public async Task<bool> ValidateJwt() => (await _handler.ValidateTokenAsync(_token, _parameters)).IsValid;

    [Benchmark]
    public string EncodeCursor() => _cursors.Encode("products/storefront/newest", _position);

    [Benchmark]
    public bool DecodeCursor() => _cursors.Decode<BenchCursor>("products/storefront/newest", _cursor).IsSuccess;

    public sealed record BenchCursor(Guid Id, DateTime CreatedAt);

    private sealed class BenchEnvironment : IWebHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Production;
        public string ApplicationName { get; set; } = "Catalog.WebApi";
        public string WebRootPath { get; set; } = string.Empty;
        public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}

/// <summary>One password hash and one verification with the API's hasher (PBKDF2-HMAC-SHA512, 210,000 iterations).</summary>
[Config(typeof(QuickConfig))]
public class PasswordHashBenchmarks
{
    private readonly AspNetPasswordHasher _hasher = new();
    private string _hash = null!;

    [GlobalSetup]
    public void Setup() => _hash = _hasher.Hash("correct horse battery staple");

    [Benchmark]
    public string Hash() => _hasher.Hash("correct horse battery staple");

    [Benchmark]
    public Catalog.Application.Common.Identity.PasswordCheck Verify() => _hasher.Verify(_hash, "correct horse battery staple");
}
