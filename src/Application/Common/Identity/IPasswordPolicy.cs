namespace Catalog.Application.Common.Identity;

/// <summary>Knows the passwords that are too common to accept.</summary>
public interface IPasswordPolicy
{
    bool IsCommon(string password);
}
