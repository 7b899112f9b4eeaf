using System.Reflection;
using Catalog.Domain.Categories;
using Catalog.Domain.Common;

namespace Catalog.Domain.UnitTests.Categories;

public sealed class CategoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    // Path and depth are written by the database's triggers; tests set them as a load from the database would.
    private static Category Node(string name, Category? parent)
    {
        var category = Category.Create(name, Slug.From(name), null, parent, null, null, 0, true, Now).Value;
        var path = (parent?.Path ?? []).Append(category.Id).ToArray();
        typeof(Category).GetProperty(nameof(Category.Path))!.SetValue(category, path);
        typeof(Category).GetProperty(nameof(Category.Depth))!.SetValue(category, path.Length);
        return category;
    }

    [Fact]
    public void MoveUnderItselfOrAnyDescendant_IsACycleConflict()
    {
        var a = Node("a", null);
        var b = Node("b", a);
        var c = Node("c", b);
        var d = Node("d", c);
        Assert.Equal("category.cycle", a.MoveTo(d, 0, 3, Now).Error!.Code);
        Assert.Equal("category.cycle", a.MoveTo(b, 0, 3, Now).Error!.Code);
        Assert.Equal("category.cycle", a.MoveTo(a, 0, 3, Now).Error!.Code);
        Assert.True(d.MoveTo(null, 3, 0, Now).IsSuccess);
        Assert.Null(d.ParentId);
        Assert.Equal(3, d.SortOrder);
    }

    [Fact]
    public void DepthLimit_IsSix_ForCreatesAndMovesWithTheirSubtree()
    {
        Category? parent = null;
        for (var i = 1; i <= 6; i++)
        {
            parent = Node("n" + i, parent);
        }

        Assert.Equal("category.too_deep", Category.Create("n7", "n7", null, parent, null, null, 0, true, Now).Error!.Code);
        var other = Node("other", null);
        var twoLevels = Node("sub", other);
        var host = Node("host", Node("host-parent", Node("host-root", null)));
        Assert.True(other.MoveTo(host, 0, 1, Now).IsSuccess);
        Assert.Equal("category.too_deep", twoLevels.MoveTo(parent, 0, 0, Now).Error!.Code);
    }

    [Fact]
    public void Delete_WithLiveChildrenOrProducts_IsAConflictThatSaysWhy()
    {
        var category = Node("x", null);
        Assert.Equal("category.has_children", category.Delete(2, 0, Now).Error!.Code);
        Assert.Equal("category.has_products", category.Delete(0, 1, Now).Error!.Code);
        Assert.True(category.Delete(0, 0, Now).IsSuccess);
        Assert.Equal(ErrorType.NotFound, category.Delete(0, 0, Now).Error!.Type);
    }

    [Fact]
    public void Create_WithNonHttpImageUrl_Fails() =>
        Assert.True(Category.Create("x", "x", null, null, "ftp://x/y.png", null, 0, true, Now).Error!.Details!.ContainsKey("imageUrl"));

    [Fact]
    public void Path_HasNoPublicSetter() =>
        Assert.False(typeof(Category).GetProperty(nameof(Category.Path))!.SetMethod!.IsPublic);

    [Fact]
    public void Restore_OnlyADeletedCategory_AndNotUnderADeletedParent()
    {
        var parent = Node("parent", null);
        var child = Node("child", parent);
        Assert.Equal("category.not_deleted", child.Restore(parent, Now).Error!.Code);
        Assert.True(child.Delete(0, 0, Now).IsSuccess);
        Assert.True(parent.Delete(0, 0, Now).IsSuccess);
        var refused = child.Restore(parent, Now).Error!;
        Assert.Equal("category.parent_deleted", refused.Code);
        Assert.Contains(parent.Id.ToString(), refused.Message, StringComparison.Ordinal);
        Assert.NotNull(child.DeletedAt);
        Assert.True(parent.Restore(null, Now).IsSuccess);
        Assert.True(child.Restore(parent, Now).IsSuccess);
        Assert.Null(child.DeletedAt);
    }
}
