using Catalog.Domain.Common;
using Catalog.Domain.Reviews;

namespace Catalog.Domain.UnitTests.Reviews;

public sealed class ReviewTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Author = Guid.NewGuid();

    private static Review NewReview() => Review.Create(Guid.NewGuid(), Author, 4, "t", "c", ["p"], ["c"], null, Now).Value;

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void Rating_OutsideOneToFive_Fails(int rating) =>
        Assert.Equal(ErrorType.Validation, Review.Create(Guid.NewGuid(), Author, rating, null, null, null, null, null, Now).Error!.Type);

    [Fact]
    public void Create_ServerFieldsStartAtZero()
    {
        var review = NewReview();
        Assert.False(review.IsVerifiedPurchase);
        Assert.Equal(0, review.HelpfulCount);
        Assert.Single(review.DomainEvents.OfType<ReviewChanged>());
    }

    [Fact]
    public void Edit_OnlyByTheAuthor_KeepsOmittedFields()
    {
        var review = NewReview();
        Assert.Equal(ErrorType.Forbidden, review.Edit(Guid.NewGuid(), 5, null, null, null, null, null, Now).Error!.Type);
        Assert.True(review.Edit(Author, 2, null, null, null, null, null, Now).IsSuccess);
        Assert.Equal(2, review.Rating);
        Assert.Equal("t", review.Title);
        Assert.Equal(["p"], review.Pros);
    }

    [Fact]
    public void Delete_ByAuthorOrModerator_Only()
    {
        var review = NewReview();
        Assert.Equal(ErrorType.Forbidden, review.Delete(Guid.NewGuid(), false, Now).Error!.Type);
        Assert.True(review.Delete(Guid.NewGuid(), true, Now).IsSuccess);
        Assert.Equal(ErrorType.NotFound, review.Delete(Author, false, Now).Error!.Type);
        Assert.True(NewReview().Delete(Author, false, Now).IsSuccess);
    }

    [Fact]
    public void Restore_UndoesAModeratorsDelete_NotTheAuthorsWithdrawal()
    {
        var moderated = NewReview();
        Assert.Equal("review.not_deleted", moderated.Restore(Now).Error!.Code);
        Assert.True(moderated.Delete(Guid.NewGuid(), true, Now).IsSuccess);
        Assert.False(moderated.DeletedByAuthor);
        Assert.True(moderated.Restore(Now).IsSuccess);
        Assert.Null(moderated.DeletedAt);

        var withdrawn = NewReview();
        Assert.True(withdrawn.Delete(Author, true, Now).IsSuccess);
        Assert.True(withdrawn.DeletedByAuthor);
        Assert.Equal("review.withdrawn_by_author", withdrawn.Restore(Now).Error!.Code);
        Assert.NotNull(withdrawn.DeletedAt);
    }
}
