from django_tasks import task


@task()
def deliver_webhook(delivery_id, number=None):
    from .webhooks import attempt

    result = attempt(delivery_id, number)
    return None if result is None else {"number": result.number, "status_code": result.status_code}
