from django_tasks import task


@task()
def screen_comment_task(comment_id, decide=True):
    from .models import Comment
    from .screening import screen_comment

    comment = Comment.objects.select_related("article").filter(pk=comment_id).first()
    if comment is not None:
        screen_comment(comment, decide=decide)
